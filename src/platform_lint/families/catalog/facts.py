"""The facts of the catalog family, by key."""

from __future__ import annotations

from typing import Any

from platform_lint.families.catalog.collect import CatalogFacts, collect_catalog
from platform_lint.families.collector import FactKey

CATALOG: FactKey[CatalogFacts] = FactKey(
    "catalog",
    "Backstage catalog entities (catalog-info.yaml at any depth and the files Locations target), "
    "document by document with lines, and other portals' descriptors",
    collect_catalog,
)

FACTS: tuple[FactKey[Any], ...] = (CATALOG,)

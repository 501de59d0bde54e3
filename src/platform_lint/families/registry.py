"""The explicit list of families, and the check-type and collector registries built from it.

Nothing registers by import side effect: a new family is one folder plus one line in
``FAMILIES`` below. The engine needs no collector registry (a check type's fact keys
carry their collect functions); ``FACT_KEYS`` lists the collectors for the docs and
makes sure no two share a name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from platform_lint.families import (
    adoption,
    catalog,
    changelog,
    codeowners,
    contracts,
    defaults,
    docs,
    files,
    goldenpaths,
    observability,
    secrets,
    selfservice,
    shared,
)
from platform_lint.families.check_type import CheckType
from platform_lint.families.collector import FactKey
from platform_lint.families.family import Family

FAMILIES: tuple[Family, ...] = (
    shared.FAMILY,
    files.FAMILY,
    codeowners.FAMILY,
    contracts.FAMILY,
    changelog.FAMILY,
    docs.FAMILY,
    selfservice.FAMILY,
    defaults.FAMILY,
    adoption.FAMILY,
    secrets.FAMILY,
    observability.FAMILY,
    goldenpaths.FAMILY,
    catalog.FAMILY,
)


def _check_types() -> dict[str, CheckType]:
    registry: dict[str, CheckType] = {}
    for family in FAMILIES:
        for check_type in family.check_types:
            if check_type.id in registry:
                raise RuntimeError(f"check type {check_type.id} registered twice")
            registry[check_type.id] = check_type
    return registry


def _fact_keys() -> dict[str, FactKey[Any]]:
    registry: dict[str, FactKey[Any]] = {}
    for family in FAMILIES:
        for key in family.facts:
            if key.name in registry:
                raise RuntimeError(f"collector {key.name} registered twice")
            registry[key.name] = key
    return registry


CHECK_TYPES: Mapping[str, CheckType] = _check_types()
FACT_KEYS: Mapping[str, FactKey[Any]] = _fact_keys()

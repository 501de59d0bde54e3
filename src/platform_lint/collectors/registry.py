"""The explicit registry of collectors. Nothing registers by import side effect.

Each family module exposes ``COLLECTORS``: a tuple of :class:`Collector`.
"""

from __future__ import annotations

from collections.abc import Mapping

from . import changelog, codeowners, contracts, files
from .base import Collector

FAMILIES = (files, codeowners, contracts, changelog)


def _build() -> dict[str, Collector]:
    registry: dict[str, Collector] = {}
    for family in FAMILIES:
        for collector in family.COLLECTORS:
            if collector.name in registry:
                raise RuntimeError(f"collector {collector.name} registered twice")
            registry[collector.name] = collector
    return registry


COLLECTORS: Mapping[str, Collector] = _build()

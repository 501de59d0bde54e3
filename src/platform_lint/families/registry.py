"""The explicit list of families, and the check-type and collector registries built from it.

Nothing registers by import side effect: a new family is one folder plus one line in
``FAMILIES`` below.
"""

from __future__ import annotations

from collections.abc import Mapping

from platform_lint.families import changelog, codeowners, contracts, files, shared
from platform_lint.families.check_type import CheckType
from platform_lint.families.collector import Collector
from platform_lint.families.family import Family

FAMILIES: tuple[Family, ...] = (
    shared.FAMILY,
    files.FAMILY,
    codeowners.FAMILY,
    contracts.FAMILY,
    changelog.FAMILY,
)


def _check_types() -> dict[str, CheckType]:
    registry: dict[str, CheckType] = {}
    for family in FAMILIES:
        for check_type in family.check_types:
            if check_type.id in registry:
                raise RuntimeError(f"check type {check_type.id} registered twice")
            registry[check_type.id] = check_type
    return registry


def _collectors() -> dict[str, Collector]:
    registry: dict[str, Collector] = {}
    for family in FAMILIES:
        for collector in family.collectors:
            if collector.name in registry:
                raise RuntimeError(f"collector {collector.name} registered twice")
            registry[collector.name] = collector
    return registry


CHECK_TYPES: Mapping[str, CheckType] = _check_types()
COLLECTORS: Mapping[str, Collector] = _collectors()

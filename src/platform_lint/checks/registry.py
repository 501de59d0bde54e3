"""The explicit registry of check types. Nothing registers by import side effect.

Each family module exposes ``CHECK_TYPES``: a tuple of :class:`CheckType`. Adding
a family means adding it to ``FAMILIES`` below.
"""

from __future__ import annotations

from collections.abc import Mapping

from . import changelog, codeowners, contracts, generic
from .base import CheckType

FAMILIES = (generic, codeowners, contracts, changelog)


def _build() -> dict[str, CheckType]:
    registry: dict[str, CheckType] = {}
    for family in FAMILIES:
        for check_type in family.CHECK_TYPES:
            if check_type.id in registry:
                raise RuntimeError(f"check type {check_type.id} registered twice")
            registry[check_type.id] = check_type
    return registry


CHECK_TYPES: Mapping[str, CheckType] = _build()


def get(check_id: str) -> CheckType | None:
    return CHECK_TYPES.get(check_id)

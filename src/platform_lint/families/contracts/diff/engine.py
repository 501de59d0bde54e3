"""One entry point for diffing two versions of a contract, whatever its kind."""

from __future__ import annotations

import datetime as dt

from platform_lint.families.contracts.bundle import SpecBundle
from platform_lint.families.contracts.diff.graphql import diff_graphql
from platform_lint.families.contracts.diff.model import Change
from platform_lint.families.contracts.diff.operations import SpecSet, diff_openapi


def spec_set(bundle: SpecBundle) -> SpecSet:
    return SpecSet(bundle.root, bundle.docs(), bundle.line_of)


def diff_bundles(old: SpecBundle, new: SpecBundle, today: dt.date) -> list[Change]:
    """OpenAPI changes, sorted: most severe first, then by file position."""
    changes = diff_openapi(spec_set(old), spec_set(new), today)
    return sort_changes(changes)


def diff_sdl(old: str, new: str, path: str) -> list[Change]:
    return sort_changes(diff_graphql(old, new, path))


def sort_changes(changes: list[Change]) -> list[Change]:
    rank = {"error": 0, "warning": 1, "info": 2}
    return sorted(changes, key=lambda c: (rank[c.level], c.file or "", c.line or 0, c.id, c.pointer))

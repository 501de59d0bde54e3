"""CODEOWNERS matching against the shared pattern table (153 cases from another project).

Two cases are contested by other sources; platform-lint decides them as follows:

1. ``/apps/[param]/file.ts`` vs ``apps/[param]/file.ts`` (the table: match).
   Decided: GitHub rejects ``[ ]`` in CODEOWNERS and skips the line as an error, so the
   line is reported as ``char-range`` and owns nothing. This is the one case where
   platform-lint deliberately disagrees with the table.
2. ``foo/**/`` vs the file ``foo/bar`` (the table: match; ``git check-ignore``: no).
   Decided: match. ``**`` spans zero or more directories and a trailing slash owns
   everything under the directory, so ``foo/**/`` owns all of ``foo/`` (GitHub's
   documented meaning, not .gitignore's "directories only").

Run with: PLATFORM_LINT_SHARED=/work/shared python -m pytest tests/acceptance/test_codeowners_patterns.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from platform_lint.families.codeowners.matcher import OwnershipIndex
from platform_lint.families.codeowners.parse import parse
from platform_lint.families.codeowners.pattern import compile_pattern

TABLE = Path(os.environ.get("PLATFORM_LINT_SHARED", "")) / "acceptance" / "codeowners" / "patterns.json"
BRACKETS = ("/apps/[param]/file.ts", "apps/[param]/file.ts")
DOUBLESTAR_DIR = ("foo/**/", "foo/bar")
DELIBERATE = {BRACKETS}


def _table() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(TABLE.read_text())
    return data


def _verdict(pattern: str, path: str) -> bool:
    """Whether a CODEOWNERS line ``PATTERN @owner`` owns ``path``, read as platform-lint reads it."""
    parsed = parse(f"{pattern} @owner\n")
    if not parsed.rules:
        return False  # an invalid line is skipped, as GitHub does
    index = OwnershipIndex([compile_pattern(parsed.rules[0].pattern)])
    if path.endswith("/"):
        return index.owner_of_directory(path) == 0
    return index.resolve([path]).winners[0] == 0


def _cases() -> list[tuple[str, str, bool]]:
    return [
        (entry["pattern"], path, expected) for entry in _table() for path, expected in entry["paths"].items()
    ]


def test_table_agreement() -> None:
    cases = _cases()
    assert len(cases) == 153
    disagreements = {(p, q) for p, q, expected in cases if _verdict(p, q) != expected}
    assert disagreements == DELIBERATE
    agreed = len(cases) - len(disagreements)
    assert agreed == 152, f"{agreed}/153"


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [c for c in _cases() if (c[0], c[1]) not in DELIBERATE] if TABLE.exists() else [],
    ids=lambda v: str(v),
)
def test_case(pattern: str, path: str, expected: bool) -> None:
    assert _verdict(pattern, path) is expected


def test_contested_square_brackets_line_is_an_error_and_skipped() -> None:
    pattern, path = BRACKETS
    parsed = parse(f"{pattern} @owner\n")
    assert [(p.code, p.line, p.column) for p in parsed.problems] == [("char-range", 1, 7)]
    assert parsed.rules == ()
    assert _verdict(pattern, path) is False  # the table says True: deliberately not followed


def test_contested_foo_doublestar_slash_owns_file_foo_bar() -> None:
    pattern, path = DOUBLESTAR_DIR
    entry = next(e for e in _table() if e["pattern"] == pattern)
    assert entry["paths"][path] is True
    assert _verdict(pattern, path) is True
    assert _verdict(pattern, "foo") is False

"""Build CODEOWNERS facts from in-memory trees and run codeowners check types over them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from platform_lint.families.check_type import CheckInput, RunContext
from platform_lint.families.codeowners.collect import collect_codeowners
from platform_lint.families.codeowners.facts import CODEOWNERS, CODEOWNERS_GITHUB
from platform_lint.families.codeowners.model import CodeownersFacts, GitHubOwnersFacts
from platform_lint.families.collector import CollectEnv, Facts
from platform_lint.families.registry import CHECK_TYPES
from platform_lint.model import Outcome
from platform_lint.snapshot.memory import MemorySnapshot

NOW = dt.datetime(2026, 1, 15, tzinfo=dt.timezone.utc)


def facts_for(
    codeowners: str | None,
    files: list[str],
    *,
    where: str = ".github/CODEOWNERS",
    extra: Mapping[str, str] | None = None,
) -> CodeownersFacts:
    tree: dict[str, str | bytes] = {p: "x\n" for p in files}
    if codeowners is not None:
        tree[where] = codeowners
    tree.update(extra or {})
    return collect_codeowners(MemorySnapshot(tree), CollectEnv(), ())


def run_check(
    check_id: str,
    facts: CodeownersFacts,
    params: Mapping[str, Any] | None = None,
    codeowners_github: GitHubOwnersFacts | None = None,
) -> Outcome:
    check = CHECK_TYPES[check_id]
    values: dict[Any, Any] = {CODEOWNERS: facts}
    if codeowners_github is not None:
        values[CODEOWNERS_GITHUB] = codeowners_github
    return check.run(CheckInput(facts=Facts(values), params=dict(params or {}), context=RunContext(now=NOW)))


def codes(outcome: Outcome) -> list[str]:
    return [f.code for f in outcome.findings]


def lines(outcome: Outcome) -> list[int | None]:
    return [f.location.line if f.location else None for f in outcome.findings]

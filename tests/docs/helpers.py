"""Run one check type over a small repository in memory, through the engine."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from platform_lint.engine import FactStore, run_rule
from platform_lint.families.check_type import RunContext
from platform_lint.families.collector import CollectEnv
from platform_lint.families.registry import CHECK_TYPES
from platform_lint.model import Outcome
from platform_lint.policy.model import Rule
from platform_lint.snapshot.memory import MemorySnapshot

NOW = dt.datetime(2026, 6, 1, tzinfo=dt.timezone.utc)


def run_check(
    check_id: str, files: Mapping[str, str | bytes], params: Mapping[str, Any] | None = None
) -> Outcome:
    rule = Rule(
        id="test." + check_id,
        title="t",
        characteristic="developer-first-design",
        level="bronze",
        severity="error",
        check_type=check_id,
        params=dict(params or {}),
        remediation="fix it",
    )
    return run_rule(rule, FactStore(MemorySnapshot(files), CollectEnv()), RunContext(now=NOW))


def codes(outcome: Outcome) -> list[str]:
    return [f.code for f in outcome.findings]


def messages(check_id: str, outcome: Outcome) -> list[str]:
    check = CHECK_TYPES[check_id]
    return [check.render(f) for f in outcome.findings + outcome.evidence]

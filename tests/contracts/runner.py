"""Run one check type over snapshots the way the engine does: collectors, then the pure check."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from platform_lint.families.check_type import CheckInput, RunContext
from platform_lint.families.collector import CollectEnv, Facts
from platform_lint.families.registry import CHECK_TYPES
from platform_lint.model import Outcome
from platform_lint.snapshot.base import RepoSnapshot

NOW = dt.datetime(2025, 6, 1, tzinfo=dt.timezone.utc)


def facts_for(check_id: str, params: Mapping[str, Any], snapshot: RepoSnapshot) -> Facts:
    check = CHECK_TYPES[check_id]
    return Facts(
        {req.key: req.key.collect(snapshot, CollectEnv(), req.args) for req in check.fact_requests(params)}
    )


def run_check(
    check_id: str,
    params: Mapping[str, Any],
    head: RepoSnapshot,
    base: RepoSnapshot | None = None,
    labels: tuple[str, ...] = (),
    actors: Mapping[str, str] | None = None,
) -> Outcome:
    check = CHECK_TYPES[check_id]
    facts = facts_for(check_id, params, head)
    base_facts = facts_for(check_id, params, base) if base is not None and check.uses_base else None
    context = RunContext(
        now=NOW, base_ref="base" if base else None, labels=labels, label_actors=dict(actors or {})
    )
    return check.run(CheckInput(facts, params, context, base_facts))


def render(check_id: str, outcome: Outcome) -> list[str]:
    check = CHECK_TYPES[check_id]
    return [f"{f.severity or '-'} {f.code} {check.render(f)} @ {f.location}" for f in outcome.findings]

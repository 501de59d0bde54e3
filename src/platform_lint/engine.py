"""Run a policy's rules over a snapshot: collect the facts each check needs, call the checks.

A check type names its facts by key (``FactRequest(KEY, args)``); the key carries its
collect function, so nothing here looks a collector up by name. Collectors run at
most once per (key, args) and snapshot. A collector or check that raises makes that
rule an ERROR outcome ("could not tell"), never a crashed run.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeVar

from platform_lint.families.check_type import CheckInput, CheckType, Example, RunContext
from platform_lint.families.collector import CollectEnv, FactKey, FactRequest, Facts
from platform_lint.families.registry import CHECK_TYPES
from platform_lint.model import Outcome
from platform_lint.policy.model import Condition, Policy, Rule
from platform_lint.snapshot.base import RepoSnapshot
from platform_lint.snapshot.memory import MemorySnapshot

NO_BASE = "no base to compare with (run with --base REF; the Action passes the pull request's base)"


@dataclass(frozen=True)
class CollectorFailure:
    """Stands in for facts a collector could not produce."""

    collector: str
    error: str


T = TypeVar("T")


class FactStore:
    """The facts of one snapshot, each (key, args) collected once and kept."""

    def __init__(self, snapshot: RepoSnapshot, env: CollectEnv) -> None:
        self.snapshot = snapshot
        self.env = env
        self._cache: dict[FactRequest[Any], Any] = {}

    def get(self, request: FactRequest[T]) -> T | CollectorFailure:
        if request not in self._cache:
            try:
                self._cache[request] = request.key.collect(self.snapshot, self.env, request.args)
            except Exception as exc:  # a collector bug must not abort the run
                self._cache[request] = CollectorFailure(request.key.name, f"{type(exc).__name__}: {exc}")
        value: T | CollectorFailure = self._cache[request]
        return value


def condition_reason(condition: Condition, snapshot: RepoSnapshot) -> str | None:
    """None when the rule applies, else why not."""
    if condition.any_file and not snapshot.glob(condition.any_file):
        return f"no file matches {', '.join(condition.any_file)}"
    if condition.no_file:
        present = snapshot.glob(condition.no_file)
        if present:
            return f"{present[0]} is present"
    return None


def _collect(store: FactStore, requests: tuple[FactRequest[Any], ...], where: str) -> Facts | Outcome:
    """The facts for these requests, or the error outcome of the first collector that failed."""
    facts: dict[FactKey[Any], Any] = {}
    for request in requests:
        value = store.get(request)
        if isinstance(value, CollectorFailure):
            return Outcome.error(f"could not collect {value.collector} facts{where}: {value.error}")
        if request.key in facts:  # Facts holds one value per key
            return Outcome.error(f"the check type asks for {request.key.name} facts twice")
        facts[request.key] = value
    return Facts(facts)


def run_rule(
    rule: Rule, store: FactStore, context: RunContext, base_store: FactStore | None = None
) -> Outcome:
    reason = condition_reason(rule.when, store.snapshot)
    if reason is not None:
        return Outcome.not_applicable(reason)
    check_type = CHECK_TYPES.get(rule.check_type)
    if check_type is None:
        return Outcome.error(f"no check type {rule.check_type} in this version of platform-lint")
    if check_type.requires_base and base_store is None:
        return Outcome.not_applicable(NO_BASE)
    try:
        requests = check_type.fact_requests(rule.params)
    except Exception as exc:  # a bug in the check type's needs is an error outcome too
        return Outcome.error(f"check type {rule.check_type} failed: {type(exc).__name__}: {exc}")
    facts = _collect(store, requests, "")
    if isinstance(facts, Outcome):
        return facts
    base_facts: Facts | None = None
    if check_type.uses_base and base_store is not None:
        collected = _collect(base_store, requests, " at the base")
        if isinstance(collected, Outcome):
            return collected
        base_facts = collected
    try:
        outcome = check_type.run(
            CheckInput(facts=facts, params=rule.params, context=context, base_facts=base_facts)
        )
    except Exception as exc:  # a check bug is an error outcome, never a crash
        return Outcome.error(f"check type {rule.check_type} failed: {type(exc).__name__}: {exc}")
    if not isinstance(outcome, Outcome):
        return Outcome.error(
            f"check type {rule.check_type} returned {type(outcome).__name__}, not an outcome"
        )
    return outcome


def run_policy(
    policy: Policy,
    snapshot: RepoSnapshot,
    context: RunContext,
    env: CollectEnv,
    base: RepoSnapshot | None = None,
    only: frozenset[str] | None = None,
) -> dict[str, Outcome]:
    """Outcomes of the enabled rules (of those named in ``only``, when given)."""
    store = FactStore(snapshot, env)
    base_store = FactStore(base, env) if base is not None else None
    rules = [r for r in policy.enabled_rules if only is None or r.id in only]
    return {rule.id: run_rule(rule, store, context, base_store) for rule in rules}


EXAMPLE_NOW = dt.datetime(2025, 6, 1, tzinfo=dt.timezone.utc)
"""The clock of every check-type example (dates in examples are relative to it)."""


def run_example(check_type: CheckType, example: Example) -> Outcome:
    """Run one of a check type's examples as a rule, through the engine, over in-memory files."""
    rule = Rule(
        id=f"example.{check_type.id}",
        title=example.title,
        characteristic="self-service",
        level="bronze",
        severity="error",
        check_type=check_type.id,
        params=dict(example.params),
        remediation=check_type.remediation,
    )
    refs = {"base": example.base} if example.base is not None else None
    snapshot = MemorySnapshot(example.files, label="example", refs=refs, tags=example.tags)
    base = snapshot.at_ref("base") if example.base is not None else None
    env = CollectEnv(clients=example.clients, repo_full_name="example/widgets", ref="HEAD")
    context = RunContext(now=EXAMPLE_NOW, base_ref="base" if base else None, labels=example.labels)
    base_store = FactStore(base, env) if base is not None else None
    return run_rule(rule, FactStore(snapshot, env), context, base_store)

"""Run a policy's rules over a snapshot: collect the facts each check needs, call the checks.

A check type names its facts by key (``FactRequest(KEY, args)``); the key carries its
collect function, so nothing here looks a collector up by name. Collectors run at
most once per (key, args) and snapshot.

Fail closed: the repository under check is hostile, and making platform-lint fail must never
make a pull request pass. So a collector or check that raises never crashes the run and never
leaves the rule undecided:

* :class:`~platform_lint.errors.EnvironmentFailure` (the GitHub API unreachable, a rate limit
  not lifted) leaves the rule in ``error``: it says nothing about the repository, and
  ``--on-error`` decides whether it fails the gate.
* Anything else is taken to come from the content being processed: platform-lint cannot tell
  hostile bytes from a bug of its own that those bytes trigger. The rule FAILS with one
  ``internal-error`` finding at severity ``error``, located at the file the collector was
  reading when it raised (``RepoSnapshot.last_read``), or at the repository for a check. Its
  fingerprint names the rule, the file, the collector and the exception type, never the
  message, so comparison mode counts it as new only in the change that brought it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeVar

from platform_lint.errors import EnvironmentFailure
from platform_lint.families.check_type import INTERNAL_ERROR, CheckInput, CheckType, Example, RunContext
from platform_lint.families.collector import CollectEnv, FactKey, FactRef, FactRequest, Facts
from platform_lint.families.registry import CHECK_TYPES, FACT_KEYS
from platform_lint.model import Finding, Location, Outcome
from platform_lint.policy.model import Condition, Policy, Rule
from platform_lint.snapshot.base import RepoSnapshot, TagHistory
from platform_lint.snapshot.kind import UNKNOWN, RepoKind
from platform_lint.snapshot.memory import MemorySnapshot

NO_BASE = "no base to compare with (run with --base REF; the Action passes the pull request's base)"


MAX_ERROR_TEXT = 300
"""Characters of an exception's message kept in a finding or a reason."""


@dataclass(frozen=True)
class CollectorFailure:
    """Stands in for facts a collector could not produce: ``environment`` when it raised
    :class:`EnvironmentFailure`, else ``path`` is the file it was reading (None: none yet)."""

    collector: str
    error: str
    environment: bool = False
    path: str | None = None


T = TypeVar("T")


def describe(exc: BaseException) -> str:
    """``Type: message``, one line, at most :data:`MAX_ERROR_TEXT` characters of message."""
    text = " ".join(str(exc).split())
    if len(text) > MAX_ERROR_TEXT:
        text = text[:MAX_ERROR_TEXT] + "…"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def internal_error(stage: str, error: str, path: str | None, key: str) -> Outcome:
    """A failed outcome with one ``internal-error`` finding (see the module docstring)."""
    finding = Finding(
        INTERNAL_ERROR,
        {"stage": stage, "error": error, "path": path or "the repository"},
        Location(path) if path else None,
        key=f"{INTERNAL_ERROR}:{key}",
        severity="error",
    )
    return Outcome.failed(finding)


class FactStore:
    """The facts of one snapshot, each (key, args) collected once and kept."""

    def __init__(self, snapshot: RepoSnapshot, env: CollectEnv) -> None:
        self.snapshot = snapshot
        self.env = env
        self._cache: dict[FactRequest[Any], Any] = {}

    def get(self, request: FactRequest[T]) -> T | CollectorFailure:
        if request not in self._cache:
            self.snapshot.last_read = None
            try:
                self._cache[request] = request.key.collect(self.snapshot, self.env, request.args)
            except EnvironmentFailure as exc:
                self._cache[request] = CollectorFailure(request.key.name, str(exc), environment=True)
            except Exception as exc:  # the content it was reading, or a bug that content triggers
                failure = CollectorFailure(request.key.name, describe(exc), path=self.snapshot.last_read)
                self._cache[request] = failure
        value: T | CollectorFailure = self._cache[request]
        return value


def condition_reason(condition: Condition, snapshot: RepoSnapshot) -> str | None:
    """None when the rule applies, else why not. ``when`` globs look at the repository's own
    product (``RepoSnapshot.scope``): a Dockerfile in template payload or an OpenAPI file in
    test fixtures does not make a rule apply."""
    if condition.any_file and not snapshot.scope.product_index.match(condition.any_file):
        return f"no file matches {', '.join(condition.any_file)}"
    if condition.no_file:
        present = snapshot.scope.product_index.match(condition.no_file)
        if present:
            return f"{present[0]} is present"
    return None


def _collect(
    store: FactStore, requests: tuple[FactRequest[Any] | FactRef, ...], at_base: bool
) -> Facts | Outcome:
    """The facts for these requests, or the outcome of the first collector that failed.
    A :class:`FactRef` (another family's facts, by name) is resolved through the registry."""
    where = " at the base" if at_base else ""
    facts: dict[FactKey[Any], Any] = {}
    for asked in requests:
        if isinstance(asked, FactRef):
            named = FACT_KEYS.get(asked.name)
            if named is None:  # a bug of the check type that asks: fails closed like any other
                return internal_error("resolving facts", f"no collector named {asked.name}", None, asked.name)
            request: FactRequest[Any] = FactRequest(named, asked.args)
        else:
            request = asked
        value = store.get(request)
        if isinstance(value, CollectorFailure):
            if value.environment:
                return Outcome.error(f"could not collect {value.collector} facts{where}: {value.error}")
            # at the base, keyed apart: the base's own run never finds it, so it counts as new
            # (a comparison that cannot be made must not let the change through)
            key = f"{'base:' if at_base else ''}{value.collector}:{value.error.split(':', 1)[0]}"
            stage = f"collecting {value.collector} facts{where}"
            return internal_error(stage, value.error, value.path, key)
        if request.key in facts:  # Facts holds one value per key
            return internal_error(
                "collecting facts", f"the check type asks for {request.key.name} facts twice", None, "twice"
            )
        facts[request.key] = value
    return Facts(facts)


def kind_reason(rule: Rule, kind: RepoKind | None) -> str | None:
    """None when the rule applies to a repository of this kind, else why not."""
    if not rule.applies_to or kind is None or kind.kind in rule.applies_to:
        return None
    wanted = ", ".join(rule.applies_to)
    if kind.kind == UNKNOWN:
        return (
            f"applies to {wanted} repositories; this repository's kind could not be told "
            "(declare it with kind: in the policy)"
        )
    told = (
        "declared by the policy"
        if kind.source == "policy"
        else "detected; declare kind: in the policy if that is wrong"
    )
    return f"applies to {wanted} repositories; this one is a {kind.kind} ({told})"


def run_rule(
    rule: Rule,
    store: FactStore,
    context: RunContext,
    base_store: FactStore | None = None,
    kind: RepoKind | None = None,
) -> Outcome:
    reason = kind_reason(rule, kind) or condition_reason(rule.when, store.snapshot)
    if reason is not None:
        return Outcome.not_applicable(reason)
    check_type = CHECK_TYPES.get(rule.check_type)
    if check_type is None:
        error = f"no check type {rule.check_type} in this version of platform-lint"
        return internal_error("choosing the check", error, None, "unknown-check-type")
    if check_type.requires_base and base_store is None:
        return Outcome.not_applicable(NO_BASE)
    stage = f"running check type {rule.check_type}"
    try:
        requests = check_type.fact_requests(rule.params)
    except Exception as exc:
        return internal_error(stage, describe(exc), None, f"needs:{type(exc).__name__}")
    facts = _collect(store, requests, at_base=False)
    if isinstance(facts, Outcome):
        return facts
    base_facts: Facts | None = None
    if check_type.uses_base and base_store is not None:
        collected = _collect(base_store, requests, at_base=True)
        if isinstance(collected, Outcome):
            return collected
        base_facts = collected
    try:
        outcome = check_type.run(
            CheckInput(facts=facts, params=rule.params, context=context, base_facts=base_facts)
        )
    except EnvironmentFailure as exc:
        return Outcome.error(str(exc))
    except Exception as exc:  # facts are built from the content: fail closed, never crash
        return internal_error(stage, describe(exc), None, f"check:{type(exc).__name__}")
    if not isinstance(outcome, Outcome):
        error = f"the check returned {type(outcome).__name__}, not an outcome"
        return internal_error(stage, error, None, "no-outcome")
    return outcome


def run_policy(
    policy: Policy,
    snapshot: RepoSnapshot,
    context: RunContext,
    env: CollectEnv,
    base: RepoSnapshot | None = None,
    only: frozenset[str] | None = None,
    kind: RepoKind | None = None,
    store: FactStore | None = None,
) -> dict[str, Outcome]:
    """Outcomes of the enabled rules (of those named in ``only``, when given); a rule whose
    ``applies_to`` does not name ``kind`` is not applicable. ``store`` (of ``snapshot``) lets the
    caller read the facts the rules collected afterwards."""
    store = store or FactStore(snapshot, env)
    base_store = FactStore(base, env) if base is not None else None
    rules = [r for r in policy.enabled_rules if only is None or r.id in only]
    return {rule.id: run_rule(rule, store, context, base_store, kind) for rule in rules}


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
    history = TagHistory(tuple(example.tag_dates.items())) if example.tag_dates else None
    snapshot = MemorySnapshot(
        example.files, label="example", refs=refs, tags=example.tags, tag_history=history
    )
    base = snapshot.at_ref("base") if example.base is not None else None
    env = CollectEnv(clients=example.clients, repo_full_name="example/widgets", ref="HEAD")
    context = RunContext(now=EXAMPLE_NOW, base_ref="base" if base else None, labels=example.labels)
    base_store = FactStore(base, env) if base is not None else None
    return run_rule(rule, FactStore(snapshot, env), context, base_store)

"""The engine never crashes on a broken check or collector: that rule fails with an
``internal-error`` finding (fail closed, see tests/engine/test_fail_closed.py), the run goes on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pytest

from platform_lint.engine import FactStore, run_policy, run_rule
from platform_lint.evaluate import evaluate
from platform_lint.families import registry as check_registry
from platform_lint.families.check_type import CheckInput, CheckType, RunContext
from platform_lint.families.collector import CollectEnv, FactKey, FactRequest, Facts
from platform_lint.model import Outcome, State
from platform_lint.policy.model import Condition, Policy, Rule
from platform_lint.snapshot.memory import MemorySnapshot

CTX = RunContext(now=dt.datetime(2024, 6, 1, tzinfo=dt.timezone.utc))
FILES = {"README.md": "# hi\n", "src/app.py": "print()\n"}


ALWAYS = Condition()


def rule(
    rule_id: str,
    check_type: str,
    params: Mapping[str, Any] | None = None,
    when: Condition = ALWAYS,
    level: str = "bronze",
) -> Rule:
    return Rule(
        id=rule_id,
        title=rule_id,
        characteristic="self-service",
        level=level,
        severity="error",
        check_type=check_type,
        params=dict(params or {}),
        remediation="fix",
        when=when,
    )


def _check(run: Any, needs: Any = (), uses_base: bool = False, check_id: str = "test.boom") -> CheckType:
    return CheckType(
        id=check_id,
        summary="test.",
        why="test",
        params_schema={"type": "object"},
        run=run,
        messages={},
        remediation="r",
        examples=(),
        needs=needs,
        uses_base=uses_base,
    )


def _raise(inp: CheckInput) -> Outcome:
    raise ZeroDivisionError("division by zero in the check")


calls: list[tuple[Any, ...]] = []


def _collect_ok(snapshot: Any, env: CollectEnv, args: tuple[Any, ...]) -> Any:
    calls.append(("ok", snapshot.label, *args))
    return {"n": len(snapshot.files())}


def _collect_boom(snapshot: Any, env: CollectEnv, args: tuple[Any, ...]) -> Any:
    calls.append(("boom", snapshot.label, *args))
    raise ValueError("cannot parse widgets.yml")


OK: FactKey[Any] = FactKey("ok", "test", _collect_ok)
BOOM: FactKey[Any] = FactKey("boom", "test", _collect_boom)


def _bad_needs(params: Mapping[str, Any]) -> tuple[FactRequest[Any], ...]:
    raise KeyError("paths")


def _reads_unasked(inp: CheckInput) -> Outcome:
    inp.facts[BOOM]  # the check type asked for OK only
    return Outcome.passed()


@pytest.fixture(autouse=True)
def _test_types(monkeypatch: pytest.MonkeyPatch) -> None:
    calls.clear()
    checks = check_registry.CHECK_TYPES
    assert isinstance(checks, dict)
    monkeypatch.setitem(checks, "test.boom", _check(_raise))
    monkeypatch.setitem(checks, "test.uses-boom", _check(lambda inp: Outcome.passed(), needs=(BOOM,)))
    monkeypatch.setitem(checks, "test.uses-ok", _check(lambda inp: Outcome.passed(), needs=(OK,)))
    monkeypatch.setitem(
        checks,
        "test.uses-ok-args",
        _check(lambda inp: Outcome.passed(), needs=lambda params: (FactRequest(OK, (params["x"],)),)),
    )
    monkeypatch.setitem(checks, "test.bad-needs", _check(lambda inp: Outcome.passed(), needs=_bad_needs))
    monkeypatch.setitem(checks, "test.reads-unasked", _check(_reads_unasked, needs=(OK,)))
    monkeypatch.setitem(checks, "test.returns-none", _check(lambda inp: None))
    monkeypatch.setitem(
        checks,
        "test.base",
        _check(
            lambda inp: Outcome.passed() if inp.base_facts and inp.base_facts[OK] else Outcome.failed(),
            needs=(OK,),
            uses_base=True,
        ),
    )


def store(files: Mapping[str, str] = FILES, label: str = "head") -> FactStore:
    return FactStore(MemorySnapshot(files, label=label), CollectEnv())


def _internal(outcome: Outcome) -> str:
    """The text of the one internal-error finding of a failed outcome."""
    assert outcome.state is State.FAIL, outcome
    (finding,) = outcome.findings
    assert finding.code == "internal-error" and finding.severity == "error"
    return f"{finding.args['stage']}: {finding.args['error']}"


def test_a_check_that_raises_fails_with_the_reason() -> None:
    text = _internal(run_rule(rule("r", "test.boom"), store(), CTX))
    assert "test.boom" in text
    assert "ZeroDivisionError" in text and "division by zero in the check" in text


def test_a_collector_that_raises_fails_with_the_reason() -> None:
    text = _internal(run_rule(rule("r", "test.uses-boom"), store(), CTX))
    assert text == "collecting boom facts: ValueError: cannot parse widgets.yml"


def test_a_needs_function_that_raises_fails() -> None:
    text = _internal(run_rule(rule("r", "test.bad-needs"), store(), CTX))
    assert "test.bad-needs" in text and "KeyError" in text


def test_reading_facts_not_asked_for_fails_naming_them() -> None:
    outcome = run_rule(rule("r", "test.reads-unasked"), store(), CTX)
    assert "boom facts were not asked for" in _internal(outcome)
    assert [c[0] for c in calls] == ["ok"]  # nothing is collected behind the check type's back


def test_one_key_asked_twice_fails() -> None:
    twice = _check(
        lambda inp: Outcome.passed(), needs=lambda params: (FactRequest(OK, ("a",)), FactRequest(OK, ("b",)))
    )
    checks = check_registry.CHECK_TYPES
    assert isinstance(checks, dict)
    checks["test.twice"] = twice
    try:
        outcome = run_rule(rule("r", "test.twice"), store(), CTX)
    finally:
        del checks["test.twice"]
    assert "ok facts twice" in _internal(outcome)


def test_fact_arguments_must_be_hashable() -> None:
    with pytest.raises(TypeError, match="unhashable"):
        FactRequest(OK, (["a", "b"],))


def test_facts_are_read_by_key_with_the_keys_type() -> None:
    facts = Facts({OK: {"n": 2}})
    assert facts[OK] == {"n": 2} and OK in facts and BOOM not in facts
    with pytest.raises(KeyError, match="boom facts"):
        facts[BOOM]


def test_a_check_returning_no_outcome_fails() -> None:
    text = _internal(run_rule(rule("r", "test.returns-none"), store(), CTX))
    assert "test.returns-none" in text and "NoneType" in text


def test_an_unknown_check_type_fails() -> None:
    assert "no.such-type" in _internal(run_rule(rule("r", "no.such-type"), store(), CTX))


def test_the_run_continues_after_failures() -> None:
    rules = (
        rule("a.boom", "test.boom"),
        rule("b.collector", "test.uses-boom"),
        rule("c.collector-again", "test.uses-boom"),
        rule("d.fine", "file-exists", {"paths": ["README.md"]}),
        rule("e.fails", "file-exists", {"paths": ["LICENSE"]}, level="silver"),
    )
    policy = Policy(rules=rules)
    outcomes = run_policy(policy, MemorySnapshot(FILES), CTX, CollectEnv())
    assert {k: v.state for k, v in outcomes.items()} == {
        "a.boom": State.FAIL,
        "b.collector": State.FAIL,
        "c.collector-again": State.FAIL,
        "d.fine": State.PASS,
        "e.fails": State.FAIL,
    }
    assert [c[0] for c in calls] == ["boom"]  # a failing collector is not retried per rule
    result = evaluate(policy, outcomes, CTX, target="repo")
    assert result.level == "none"  # a crash is a failure at the rule's level (fail closed)
    assert not [n for n in result.notices if n.kind == "rules-errored"]


def test_collectors_run_once_per_arguments_and_snapshot() -> None:
    facts = store()
    for _ in range(3):
        run_rule(rule("r1", "test.uses-ok"), facts, CTX)
        run_rule(rule("r2", "test.uses-ok-args", {"x": "a"}), facts, CTX)
        run_rule(rule("r3", "test.uses-ok-args", {"x": "b"}), facts, CTX)
    assert sorted(calls) == [("ok", "head"), ("ok", "head", "a"), ("ok", "head", "b")]


def test_base_facts_come_from_the_base_snapshot() -> None:
    head, base = store(label="head"), store({"OLD": "x"}, label="base")
    assert run_rule(rule("r", "test.base"), head, CTX, base).state is State.PASS
    assert run_rule(rule("r", "test.base"), head, CTX).state is State.FAIL  # no base given
    assert ("ok", "base") in calls


def test_a_base_collector_failure_fails_as_new() -> None:
    checks = check_registry.CHECK_TYPES
    assert isinstance(checks, dict)
    checks["test.base-boom"] = _check(lambda inp: Outcome.passed(), needs=(BOOM,), uses_base=True)
    try:
        head = FactStore(MemorySnapshot(FILES), CollectEnv())
        head._cache[FactRequest(BOOM)] = {"fine": True}  # head facts exist, the base's do not
        outcome = run_rule(rule("r", "test.base-boom"), head, CTX, store(label="base"))
    finally:
        del checks["test.base-boom"]
    assert "at the base" in _internal(outcome)
    assert outcome.findings[0].key.startswith("internal-error:base:")  # never found by the base's own run


@pytest.mark.parametrize(
    ("when", "state", "reason"),
    [
        (Condition(any_file=("**/*.py",)), State.PASS, None),
        (Condition(any_file=("**/*.go",)), State.NOT_APPLICABLE, "no file matches **/*.go"),
        (Condition(no_file=("**/*.go",)), State.PASS, None),
        (Condition(no_file=("src/*.py",)), State.NOT_APPLICABLE, "src/app.py is present"),
    ],
)
def test_conditions(when: Condition, state: State, reason: str | None) -> None:
    outcome = run_rule(rule("r", "test.uses-ok", when=when), store(), CTX)
    assert (outcome.state, outcome.reason) == (state, reason)
    if state is State.NOT_APPLICABLE:
        assert calls == []  # nothing is collected for a rule that does not apply

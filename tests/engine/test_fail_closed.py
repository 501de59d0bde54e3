"""Fail closed: whatever the repository holds, a problem with it is a located finding that fails the
gate; only the environment (the GitHub API unreachable) leaves a rule in error."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from platform_lint.engine import FactStore, run_policy, run_rule
from platform_lint.errors import EnvironmentFailure
from platform_lint.evaluate import evaluate
from platform_lint.families import registry as check_registry
from platform_lint.families.check_type import CheckInput, CheckType, RunContext
from platform_lint.families.collector import CollectEnv, FactKey
from platform_lint.model import Outcome, State
from platform_lint.policy.model import Policy, Rule
from platform_lint.report.build import build_report
from platform_lint.snapshot.memory import MemorySnapshot
from platform_lint.verdict import decide

CTX = RunContext(now=dt.datetime(2026, 6, 1, tzinfo=dt.timezone.utc))
HOSTILE = "config/evil.yml"


def _collect_per_file(snapshot: Any, env: CollectEnv, args: tuple[Any, ...]) -> Any:
    """Reads every file; stands for a parser that crashes on one hostile file."""
    for path in snapshot.files():
        text = snapshot.read(path).text or ""
        if "boom" in text:
            raise ValueError(f"cannot parse {path}")
    return len(snapshot.files())


def _collect_offline(snapshot: Any, env: CollectEnv, args: tuple[Any, ...]) -> Any:
    raise EnvironmentFailure("GitHub API unreachable (connection refused)")


PER_FILE: FactKey[Any] = FactKey("per-file", "test", _collect_per_file)
OFFLINE: FactKey[Any] = FactKey("offline", "test", _collect_offline)


def _check_type(check_id: str, run: Any, needs: Any = ()) -> CheckType:
    return CheckType(
        id=check_id,
        summary="test.",
        why="test",
        params_schema={"type": "object"},
        run=run,
        messages={"fine": "fine"},
        remediation="r",
        examples=(),
        needs=needs,
    )


def _raises_on_hostile(inp: CheckInput) -> Outcome:
    raise IndexError("list index out of range")


@pytest.fixture(autouse=True)
def _types(monkeypatch: pytest.MonkeyPatch) -> None:
    checks = check_registry.CHECK_TYPES
    assert isinstance(checks, dict)
    passes = lambda i: Outcome.passed()  # noqa: E731
    monkeypatch.setitem(checks, "test.per-file", _check_type("test.per-file", passes, (PER_FILE,)))
    monkeypatch.setitem(checks, "test.offline", _check_type("test.offline", passes, (OFFLINE,)))
    monkeypatch.setitem(checks, "test.check-raises", _check_type("test.check-raises", _raises_on_hostile))


def _rule(rule_id: str, check_type: str, severity: str = "warning") -> Rule:
    return Rule(
        id=rule_id,
        title=rule_id,
        characteristic="self-service",
        level="bronze",
        severity=severity,
        check_type=check_type,
        params={},
        remediation="fix",
    )


def _store(files: dict[str, str]) -> FactStore:
    return FactStore(MemorySnapshot(files, label="head"), CollectEnv())


def test_a_collector_crash_is_a_finding_on_the_file_it_was_reading() -> None:
    outcome = run_rule(_rule("r", "test.per-file"), _store({"README.md": "# x\n", HOSTILE: "boom\n"}), CTX)
    assert outcome.state is State.FAIL
    (finding,) = outcome.findings
    assert finding.code == "internal-error"
    assert finding.location is not None and finding.location.path == HOSTILE
    assert finding.severity == "error"  # whatever the rule's: what it would have found is unknown
    assert "ValueError" in str(finding.args["error"]) and "per-file" in str(finding.args["stage"])


def test_a_check_crash_is_a_failing_finding_not_an_error() -> None:
    outcome = run_rule(_rule("r", "test.check-raises"), _store({"README.md": "# x\n"}), CTX)
    assert outcome.state is State.FAIL
    (finding,) = outcome.findings
    assert finding.code == "internal-error" and "IndexError" in str(finding.args["error"])


def test_only_the_environment_leaves_a_rule_in_error() -> None:
    outcome = run_rule(_rule("r", "test.offline"), _store({"README.md": "# x\n"}), CTX)
    assert outcome.state is State.ERROR
    assert outcome.reason is not None and "GitHub API unreachable" in outcome.reason


def _report(files: dict[str, str], base: dict[str, str] | None = None, on_error: str = "ignore") -> Any:
    policy = Policy(rules=(_rule("a.crash", "test.per-file"), _rule("b.offline", "test.offline")))
    head = MemorySnapshot(files, label="head", refs={"base": base} if base is not None else None)
    context = CTX if base is None else RunContext(now=CTX.now, base_ref="base")
    outcomes = run_policy(policy, head, context, CollectEnv())
    base_outcomes = None
    if base is not None:
        base_outcomes = run_policy(policy, head.at_ref("base"), context, CollectEnv())
    result = evaluate(policy, outcomes, context, "head", base_outcomes=base_outcomes, on_error=on_error)
    return build_report(result, "https://example.test/docs")


def test_a_crash_fails_the_gate_and_the_environment_error_does_not_by_default() -> None:
    report = _report({"README.md": "# x\n", HOSTILE: "boom\n"})
    verdict = decide(report)
    assert verdict.failed and verdict.conclusion == "failure"
    ((_, finding),) = verdict.failing
    assert finding.location.path == HOSTILE and finding.code == "internal-error"


def test_environment_errors_fail_the_gate_only_with_on_error_fail() -> None:
    report = _report({"README.md": "# x\n"}, on_error="fail")
    assert not decide(report, on_error="ignore").failed
    verdict = decide(report, on_error="fail")
    assert verdict.failed and verdict.conclusion == "failure" and not verdict.failing
    assert [rule_id for rule_id, _ in verdict.unjudged] == ["b.offline"]


@pytest.mark.parametrize("on_error", ["ignore", "fail"])
def test_the_report_states_what_on_error_did(on_error: str) -> None:
    report = _report({"README.md": "# x\n"}, on_error=on_error)
    (notice,) = [n for n in report.notices if n.kind == "rules-errored"]
    assert "1 rule could not be judged" in notice.message
    assert "GitHub API unreachable" in notice.message
    expected = "not failing the gate" if on_error == "ignore" else "failing the gate"
    assert notice.message.endswith(f"--on-error={on_error}: {expected}")
    assert report.on_error == on_error


def test_a_crash_is_new_only_in_the_change_that_brings_it() -> None:
    hostile = {"README.md": "# x\n", HOSTILE: "boom\n"}
    introduced = _report(hostile, base={"README.md": "# x\n"})
    assert [f.new for _, f in introduced.findings("open")] == [True]
    assert decide(introduced).failed
    already = _report(hostile, base=hostile)
    assert [f.new for _, f in already.findings("open")] == [False]
    assert not decide(already).failed  # scope new: the crash was there before the change
    # the fingerprint is the same at both commits, whatever the message says
    assert introduced.rules[0].findings[0].fingerprint == already.rules[0].findings[0].fingerprint

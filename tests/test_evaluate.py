"""Evaluation: outcomes + policy -> the level, scores, waivers, notices and new findings a user sees."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from platform_lint.evaluate import evaluate, fingerprint
from platform_lint.families.check_type import RunContext
from platform_lint.model import Finding, Location, Outcome, State
from platform_lint.policy.model import Policy, Rule, Settings, Waiver
from platform_lint.result import RunResult

NOW = dt.datetime(2024, 6, 1, 9, 30, tzinfo=dt.timezone.utc)
TODAY = NOW.date()
CTX = RunContext(now=NOW)


def rule(
    rule_id: str,
    level: str = "bronze",
    characteristic: str = "developer-first-design",
    weight: float = 1.0,
    severity: str = "error",
    **kw: Any,
) -> Rule:
    return Rule(
        id=rule_id,
        title=rule_id,
        characteristic=characteristic,
        level=level,
        severity=severity,
        check_type="file-absent",
        params={"paths": ["x"]},
        remediation="fix",
        weight=weight,
        **kw,
    )


def present(path: str | None, key: str | None = None, line: int | None = None) -> Finding:
    loc = Location(path, line) if path else None
    return Finding("present", {"path": path or "?"}, loc, key=key if key is not None else (path or ""))


PASS = Outcome.passed()
FAIL = Outcome.failed(present("bad.txt"))
NA = Outcome.not_applicable("no file matches x")
ERR = Outcome.error("could not tell")


def run(
    rules: list[Rule],
    outcomes: dict[str, Outcome],
    waivers: tuple[Waiver, ...] = (),
    base: dict[str, Outcome] | None = None,
    context: RunContext = CTX,
    **settings: Any,
) -> RunResult:
    policy = Policy(rules=tuple(rules), waivers=waivers, settings=Settings(**settings), sources=("p.yml",))
    return evaluate(policy, outcomes, context, target="repo", base_outcomes=base)


def state_of(result: RunResult, rule_id: str) -> State:
    return next(r.state for r in result.rules if r.rule.id == rule_id)


# -- levels ------------------------------------------------------------------------

LEVEL_CASES = [
    # (bronze, silver, gold outcomes) -> level, next level
    ((PASS, PASS, PASS), "gold", None),
    ((PASS, PASS, FAIL), "silver", "gold"),
    ((PASS, FAIL, PASS), "bronze", "silver"),
    ((FAIL, PASS, PASS), "none", "bronze"),  # cumulative: passing silver/gold rules do not help
    ((FAIL, FAIL, FAIL), "none", "bronze"),
    ((PASS, NA, PASS), "gold", None),  # not applicable does not block
    ((PASS, ERR, PASS), "gold", None),  # an error counts neither as pass nor fail
    ((ERR, PASS, FAIL), "silver", "gold"),
    ((NA, FAIL, PASS), "bronze", "silver"),
]


@pytest.mark.parametrize(("outcomes", "level", "next_level"), LEVEL_CASES)
def test_levels_are_cumulative(
    outcomes: tuple[Outcome, Outcome, Outcome], level: str, next_level: str | None
) -> None:
    rules = [rule("r.bronze", "bronze"), rule("r.silver", "silver"), rule("r.gold", "gold")]
    result = run(rules, dict(zip([r.id for r in rules], outcomes, strict=True)))
    assert (result.level, result.next_level) == (level, next_level)


def test_gaps_list_what_is_missing_for_the_next_level() -> None:
    rules = [
        rule("b.ok", "bronze"),
        rule("s.fail", "silver"),
        rule("s.fail2", "silver"),
        rule("g.fail", "gold"),
        rule("s.na", "silver"),
        rule("s.err", "silver"),
    ]
    outcomes = {"b.ok": PASS, "s.fail": FAIL, "s.fail2": FAIL, "g.fail": FAIL, "s.na": NA, "s.err": ERR}
    result = run(rules, outcomes)
    assert result.level == "bronze" and result.next_level == "silver"
    assert [g.rule.id for g in result.gaps] == ["s.fail", "s.fail2"]


def test_gaps_at_none_are_the_failing_bronze_rules() -> None:
    rules = [rule("b.fail", "bronze"), rule("s.fail", "silver")]
    result = run(rules, {"b.fail": FAIL, "s.fail": FAIL})
    assert result.level == "none"
    assert [g.rule.id for g in result.gaps] == ["b.fail"]


def test_gold_has_no_gaps() -> None:
    result = run([rule("g", "gold")], {"g": PASS})
    assert result.level == "gold" and result.gaps == () and result.next_level is None


def test_disabled_rules_and_rules_without_outcome_are_left_out() -> None:
    rules = [rule("on", "bronze"), rule("off", "bronze", enabled=False)]
    result = run(rules, {"on": PASS, "off": FAIL})
    assert [r.rule.id for r in result.rules] == ["on"]
    assert result.level == "gold"


def test_error_rules_are_announced() -> None:
    result = run([rule("a"), rule("b")], {"a": PASS, "b": ERR})
    (notice,) = [n for n in result.notices if n.kind == "rules-errored"]
    expected = "1 rule could not be judged (b: could not tell); --on-error=ignore: not failing the gate"
    assert notice.message == expected
    assert state_of(result, "b") is State.ERROR
    assert next(r.reason for r in result.rules if r.rule.id == "b") == "could not tell"


@pytest.mark.parametrize("outcome", [NA, ERR])
def test_zero_rules_evaluated_reaches_no_level(outcome: Outcome) -> None:
    # nothing could be judged: the run must not claim gold
    result = run([rule("a", "bronze"), rule("b", "gold")], {"a": outcome, "b": outcome})
    assert result.level == "none"
    assert any(n.kind == "no-rules-evaluated" for n in result.notices)


# -- waivers -----------------------------------------------------------------------


def waiver(
    rule_id: str,
    days: int = 60,
    paths: tuple[str, ...] = (),
    reason: str = "tracked in JIRA-1",
    line: int = 10,
) -> Waiver:
    return Waiver(
        rule=rule_id,
        reason=reason,
        expires=TODAY + dt.timedelta(days=days),
        paths=paths,
        source=Location(".platform-lint.yml", line),
    )


def test_waived_rule_does_not_block_and_stays_in_the_report() -> None:
    w = waiver("b.fail")
    result = run([rule("b.fail")], {"b.fail": FAIL}, (w,))
    assert state_of(result, "b.fail") is State.WAIVED
    assert result.level == "gold"
    (finding,) = result.rules[0].findings
    assert finding.status == "waived" and finding.waiver is w
    assert finding.waiver.reason == "tracked in JIRA-1"
    assert result.open_findings() == []
    assert not [n for n in result.notices if n.kind.startswith("waiver")]


@pytest.mark.parametrize(
    ("paths", "state", "statuses"),
    [
        (("legacy/**",), State.FAIL, {"legacy/a.pem": "waived", "src/b.pem": "open"}),
        (("**/*.pem",), State.WAIVED, {"legacy/a.pem": "waived", "src/b.pem": "waived"}),
        (("legacy/a.pem", "src/b.pem"), State.WAIVED, {"legacy/a.pem": "waived", "src/b.pem": "waived"}),
        (("other/**",), State.FAIL, {"legacy/a.pem": "open", "src/b.pem": "open"}),
        ((), State.WAIVED, {"legacy/a.pem": "waived", "src/b.pem": "waived"}),
    ],
)
def test_waivers_with_path_globs(paths: tuple[str, ...], state: State, statuses: dict[str, str]) -> None:
    outcome = Outcome.failed(present("legacy/a.pem"), present("src/b.pem"))
    result = run([rule("keys")], {"keys": outcome}, (waiver("keys", paths=paths),))
    assert state_of(result, "keys") is state
    assert {f.location.path: f.status for f in result.rules[0].findings if f.location} == statuses
    assert result.level == ("gold" if state is State.WAIVED else "none")


def test_path_waiver_does_not_cover_repository_level_findings() -> None:
    outcome = Outcome.failed(present(None, key="missing"))
    result = run([rule("r")], {"r": outcome}, (waiver("r", paths=("**",)),))
    assert state_of(result, "r") is State.FAIL
    assert any(n.kind == "waiver-unused" for n in result.notices)


def test_waiver_for_another_rule_does_not_apply() -> None:
    result = run([rule("a"), rule("b")], {"a": FAIL, "b": PASS}, (waiver("b"),))
    assert state_of(result, "a") is State.FAIL
    (notice,) = result.notices
    assert notice.kind == "waiver-unused" and "b" in notice.message


def test_expired_waiver_stops_waiving_and_says_so() -> None:
    w = waiver("r", days=-1, reason="legacy key")
    result = run([rule("r")], {"r": FAIL}, (w,))
    assert state_of(result, "r") is State.FAIL
    assert result.level == "none"
    (notice,) = result.notices
    assert notice.kind == "waiver-expired"
    assert str(w.expires) in notice.message and "legacy key" in notice.message
    assert notice.location == w.source


def test_waiver_expiring_today_still_applies() -> None:
    result = run([rule("r")], {"r": FAIL}, (waiver("r", days=0),))
    assert state_of(result, "r") is State.WAIVED
    (notice,) = result.notices
    assert notice.kind == "waiver-expiring"
    assert "today" in notice.message


@pytest.mark.parametrize(
    ("days", "kind"),
    [(1, "waiver-expiring"), (13, "waiver-expiring"), (14, "waiver-expiring"), (15, None), (120, None)],
)
def test_waiver_expiring_soon(days: int, kind: str | None) -> None:
    result = run([rule("r")], {"r": FAIL}, (waiver("r", days=days),))
    assert state_of(result, "r") is State.WAIVED
    assert [n.kind for n in result.notices] == ([kind] if kind else [])
    if kind:
        expected = f"expires in {days} day{'s' if days != 1 else ''}"
        assert expected in result.notices[0].message


def test_waiver_warning_days_come_from_the_policy() -> None:
    result = run([rule("r")], {"r": FAIL}, (waiver("r", days=20),), waiver_warning_days=30)
    assert [n.kind for n in result.notices] == ["waiver-expiring"]


def test_unused_waiver_notice() -> None:
    w = waiver("r", line=42)
    result = run([rule("r")], {"r": PASS}, (w,))
    (notice,) = result.notices
    assert notice.kind == "waiver-unused"
    assert notice.location == Location(".platform-lint.yml", 42)


def test_the_clock_is_the_run_context() -> None:
    w = Waiver(rule="r", reason="x", expires=dt.date(2024, 7, 1))
    before = run([rule("r")], {"r": FAIL}, (w,), context=RunContext(now=dt.datetime(2024, 6, 30, 23, 0)))
    after = run([rule("r")], {"r": FAIL}, (w,), context=RunContext(now=dt.datetime(2024, 7, 2, 0, 1)))
    assert state_of(before, "r") is State.WAIVED
    assert state_of(after, "r") is State.FAIL
    assert before.generated_at == dt.datetime(2024, 6, 30, 23, 0)


# -- fingerprints and new vs existing ------------------------------------------------


def test_fingerprint_ignores_the_line_but_not_path_key_code_or_rule() -> None:
    base = Finding("forbidden", {"path": "a.yml"}, Location("a.yml", 3, 1), key="a.yml:password: x")
    moved = Finding(
        "forbidden", {"path": "a.yml"}, Location("a.yml", 30, 7, snippet="other"), key="a.yml:password: x"
    )
    assert fingerprint("r", base) == fingerprint("r", moved)
    variants = [
        Finding("forbidden", {}, Location("b.yml", 3), key="a.yml:password: x"),
        Finding("forbidden", {}, Location("a.yml", 3), key="a.yml:password: y"),
        Finding("other", {}, Location("a.yml", 3), key="a.yml:password: x"),
        Finding("forbidden", {}, None, key="a.yml:password: x"),
    ]
    prints = {fingerprint("r", base)} | {fingerprint("r", v) for v in variants} | {fingerprint("r2", base)}
    assert len(prints) == 6
    assert fingerprint("r", base) == fingerprint("r", base)  # deterministic
    # unambiguous: moving text between the fields gives another fingerprint
    assert fingerprint("a", Finding("c", key="b")) != fingerprint("a", Finding("cb", key=""))


def test_new_versus_existing_findings() -> None:
    old = present("legacy.pem", line=1)
    moved = present("legacy.pem", line=9)
    new = present("fresh.pem")
    result = run(
        [rule("keys"), rule("other")],
        {"keys": Outcome.failed(moved, new), "other": Outcome.failed(present("o.txt"))},
        base={"keys": Outcome.failed(old), "other": Outcome.passed()},
    )
    flags = {(f.rule_id, f.location.path): f.new for r in result.rules for f in r.findings if f.location}
    assert flags == {("keys", "legacy.pem"): False, ("keys", "fresh.pem"): True, ("other", "o.txt"): True}
    assert {f.location.path for f in result.open_findings(new_only=True) if f.location} == {
        "fresh.pem",
        "o.txt",
    }
    assert len(result.open_findings()) == 3


def test_same_finding_under_another_rule_is_new() -> None:
    result = run(
        [rule("a"), rule("b")],
        {"a": PASS, "b": Outcome.failed(present("x"))},
        base={"a": Outcome.failed(present("x")), "b": PASS},
    )
    (finding,) = result.open_findings()
    assert finding.new is True


def test_without_a_base_nothing_is_marked() -> None:
    result = run([rule("r")], {"r": FAIL})
    assert [f.new for f in result.open_findings()] == [None]


def test_findings_take_the_rule_severity_unless_they_carry_one() -> None:
    outcome = Outcome.failed(
        present("a"), Finding("present", {"path": "b"}, Location("b"), key="b", severity="warning")
    )
    result = run([rule("r", severity="error")], {"r": outcome})
    assert [f.severity for f in result.rules[0].findings] == ["error", "warning"]
    assert [f.message for f in result.rules[0].findings] == [
        "a should not be in the repository",
        "b should not be in the repository",
    ]


# -- scores ------------------------------------------------------------------------


def test_per_characteristic_scores_and_weights() -> None:
    rules = [
        rule("o.a", characteristic="clear-ownership", weight=3),
        rule("o.b", characteristic="clear-ownership", weight=1),
        rule("o.na", characteristic="clear-ownership", weight=5),
        rule("o.err", characteristic="clear-ownership", weight=5),
        rule("d.a", characteristic="developer-first-design", level="silver"),
        rule("d.w", characteristic="developer-first-design", level="gold", weight=2),
        rule("s.na", characteristic="self-service"),
    ]
    outcomes = {"o.a": PASS, "o.b": FAIL, "o.na": NA, "o.err": ERR, "d.a": PASS, "d.w": FAIL, "s.na": NA}
    result = run(rules, outcomes, (waiver("d.w"),))
    scores = {c.characteristic: c for c in result.characteristics}
    assert len(scores) == 9
    own = scores["clear-ownership"]
    assert own.score == 75.0  # 3 of 4 applicable weight
    assert (own.passed, own.failed, own.waived, own.not_applicable, own.errors) == (1, 1, 0, 1, 1)
    assert own.level == "none"
    dev = scores["developer-first-design"]
    assert dev.score == 100.0 and dev.waived == 1 and dev.level == "gold"
    self_service = scores["self-service"]
    assert self_service.score is None and self_service.level == "none"
    assert scores["golden-paths"].score is None
    # overall: weights 3 + 1 + 1 + 2 applicable, 3 + 1 + 2 good
    assert result.score == round(100 * 6 / 7, 1)


def test_score_is_zero_when_everything_fails() -> None:
    result = run([rule("a"), rule("b")], {"a": FAIL, "b": FAIL})
    assert result.score == 0.0


@pytest.mark.parametrize(
    ("outcomes", "level"),
    [
        ((FAIL,), "none"),  # a characteristic scoring 0 showed silver: its only rule is gold
        ((NA, FAIL), "none"),  # nothing applicable at bronze, and the silver rule fails
        ((ERR, FAIL), "none"),
        ((NA, PASS), "gold"),
    ],
)
def test_a_characteristic_without_a_passing_rule_reaches_no_level(
    outcomes: tuple[Outcome, ...], level: str
) -> None:
    levels = ["gold"] if len(outcomes) == 1 else ["bronze", "silver"]
    rules = [rule(f"m.{lvl}", lvl, characteristic="measured-adoption") for lvl in levels]
    result = run(
        [*rules, rule("d.ok")], {**dict(zip([r.id for r in rules], outcomes, strict=True)), "d.ok": PASS}
    )
    adoption = next(c for c in result.characteristics if c.characteristic == "measured-adoption")
    assert adoption.level == level
    if level == "none":
        assert adoption.score == 0.0 or adoption.passed == 0


def test_the_overall_level_needs_a_passing_rule() -> None:
    # only gold rules, all failing: no level (it used to read silver)
    result = run([rule("g.a", "gold"), rule("g.b", "gold")], {"g.a": FAIL, "g.b": FAIL})
    assert result.level == "none"
    assert result.next_level == "bronze"

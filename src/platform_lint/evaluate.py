"""Outcomes + policy -> RunResult: waivers, fingerprints, scores, levels, new vs existing.

Pure: the clock comes from the RunContext, nothing is read or written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping

from platform_lint import __version__
from platform_lint.families.check_type import RunContext
from platform_lint.families.registry import CHECK_TYPES
from platform_lint.model import CHARACTERISTICS, LEVELS, Finding, Outcome, State, level_rank
from platform_lint.pathglob import PathIndex
from platform_lint.policy.model import Policy, Rule, Waiver
from platform_lint.result import CharacteristicScore, FindingResult, Notice, RuleResult, RunResult
from platform_lint.verdict import DEFAULT_ON_ERROR, unjudged_sentence


def fingerprint(rule_id: str, finding: Finding) -> str:
    """Stable across commits: rule id, path and what was found, never the line number."""
    path = finding.location.path if finding.location else ""
    raw = "\0".join((rule_id, path, finding.code, finding.key))
    return hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _waiver_for(rule: Rule, finding: Finding, waivers: Iterable[Waiver], today: dt.date) -> Waiver | None:
    for waiver in waivers:
        if waiver.rule != rule.id or waiver.expires < today:
            continue
        if not waiver.paths:
            return waiver
        path = finding.location.path if finding.location else None
        if path is not None and PathIndex([path]).match(waiver.paths):
            return waiver
    return None


def _finding_result(rule: Rule, finding: Finding, status: str, waiver: Waiver | None = None) -> FindingResult:
    check_type = CHECK_TYPES[rule.check_type]
    severity = finding.severity or rule.severity
    return FindingResult(
        rule_id=rule.id,
        finding=finding,
        message=check_type.render(finding),
        severity=severity,
        fingerprint=fingerprint(rule.id, finding),
        status=status,
        waiver=waiver,
    )


def rule_result(
    rule: Rule, outcome: Outcome, waivers: tuple[Waiver, ...], today: dt.date, used: set[int]
) -> RuleResult:
    evidence = tuple(_finding_result(rule, f, "note") for f in outcome.evidence)
    if outcome.state is not State.FAIL:
        notes = tuple(_finding_result(rule, f, "note") for f in outcome.findings)
        return RuleResult(rule, outcome.state, notes, evidence, outcome.reason)
    results: list[FindingResult] = []
    for finding in outcome.findings:
        waiver = _waiver_for(rule, finding, waivers, today)
        if waiver is not None:
            used.add(id(waiver))
            results.append(_finding_result(rule, finding, "waived", waiver))
        else:
            results.append(_finding_result(rule, finding, "open"))
    if not results:
        return RuleResult(rule, State.FAIL, (), evidence, outcome.reason)
    state = State.FAIL if any(r.status == "open" for r in results) else State.WAIVED
    return RuleResult(rule, state, tuple(results), evidence, outcome.reason)


def _reached(results: Iterable[RuleResult]) -> str:
    """Highest level L such that every applicable rule at or below L passes or is waived, and
    some rule passes (or is waived): with no evidence at all (every rule failing, not applicable
    or in error) no level is reached, whatever level the failing rules have."""
    results = list(results)
    if not any(r.state in (State.PASS, State.WAIVED) for r in results):
        return "none"
    blocking = [level_rank(r.rule.level) for r in results if r.state is State.FAIL]
    lowest_block = min(blocking, default=len(LEVELS) + 1)
    reached = lowest_block - 1
    return "none" if reached <= 0 else LEVELS[min(reached, len(LEVELS)) - 1]


def _score(results: list[RuleResult]) -> float | None:
    applicable = [r for r in results if r.state in (State.PASS, State.FAIL, State.WAIVED)]
    total = sum(r.rule.weight for r in applicable)
    if not total:
        return None
    good = sum(r.rule.weight for r in applicable if r.state in (State.PASS, State.WAIVED))
    return round(100.0 * good / total, 1)


def _characteristics(results: list[RuleResult]) -> tuple[CharacteristicScore, ...]:
    out = []
    for char in CHARACTERISTICS:
        mine = [r for r in results if r.rule.characteristic == char]
        count = {s: sum(1 for r in mine if r.state is s) for s in State}
        out.append(
            CharacteristicScore(
                characteristic=char,
                score=_score(mine),
                passed=count[State.PASS],
                failed=count[State.FAIL],
                waived=count[State.WAIVED],
                not_applicable=count[State.NOT_APPLICABLE],
                errors=count[State.ERROR],
                level=_reached(mine) if _score(mine) is not None else "none",
            )
        )
    return tuple(out)


def _waiver_notices(policy: Policy, today: dt.date, used: set[int]) -> list[Notice]:
    notices = []
    warn = dt.timedelta(days=policy.settings.waiver_warning_days)
    for waiver in policy.waivers:
        if waiver.expires < today:
            notices.append(
                Notice(
                    "waiver-expired",
                    f"the waiver for {waiver.rule} expired on {waiver.expires} and no longer "
                    f"applies (reason was: {waiver.reason})",
                    waiver.source,
                )
            )
        elif waiver.expires - today <= warn:
            days = (waiver.expires - today).days
            when = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
            notices.append(
                Notice(
                    "waiver-expiring",
                    f"the waiver for {waiver.rule} expires {when}"
                    f" ({waiver.expires}); fix the finding or renew the waiver",
                    waiver.source,
                )
            )
        elif id(waiver) not in used:
            notices.append(
                Notice(
                    "waiver-unused",
                    f"the waiver for {waiver.rule} matched no finding; remove it",
                    waiver.source,
                )
            )
    return notices


def evaluate(
    policy: Policy,
    outcomes: Mapping[str, Outcome],
    context: RunContext,
    target: str,
    base_outcomes: Mapping[str, Outcome] | None = None,
    on_error: str | None = None,
) -> RunResult:
    """``on_error`` is only stated (in the ``rules-errored`` notice and the result): whether rules
    in error fail the gate is :func:`platform_lint.verdict.decide`'s to say."""
    today = context.today
    used: set[int] = set()
    results = [
        rule_result(rule, outcomes[rule.id], policy.waivers, today, used)
        for rule in policy.enabled_rules
        if rule.id in outcomes
    ]
    notices = _waiver_notices(policy, today, used)
    if base_outcomes is not None:
        base_prints = {
            fingerprint(rule_id, f)
            for rule_id, outcome in base_outcomes.items()
            if outcome.state is State.FAIL
            for f in outcome.findings
        }
        results = [_mark_new(r, base_prints) for r in results]
    errors = tuple((r.rule.id, r.reason or "no reason given") for r in results if r.state is State.ERROR)
    sentence = unjudged_sentence(errors, on_error or DEFAULT_ON_ERROR)
    if sentence is not None:  # only the environment leaves a rule in error (see engine)
        notices.append(Notice("rules-errored", sentence))
    evaluated = [r for r in results if r.state in (State.PASS, State.FAIL, State.WAIVED)]
    if evaluated:
        level = _reached(results)
    else:  # nothing could be judged: claim no level rather than gold
        level = "none"
        notices.append(
            Notice(
                "no-rules-evaluated",
                f"none of the {len(results)} rule(s) could be evaluated (all not applicable or "
                "errors), so no level is reached",
            )
        )
    next_level = None if level == "gold" else LEVELS[level_rank(level)]
    gaps: tuple[RuleResult, ...] = ()
    if next_level is not None:
        gaps = tuple(
            r for r in results if r.state is State.FAIL and level_rank(r.rule.level) <= level_rank(next_level)
        )
    return RunResult(
        target=target,
        policy_sources=policy.sources,
        rules=tuple(results),
        characteristics=_characteristics(results),
        level=level,
        next_level=next_level,
        gaps=gaps,
        score=_score(results) or 0.0,
        notices=tuple(notices),
        base_ref=context.base_ref,
        generated_at=context.now,
        tool_version=__version__,
        on_error=on_error,
    )


def _mark_new(result: RuleResult, base_prints: set[str]) -> RuleResult:
    from dataclasses import replace

    findings = tuple(replace(f, new=f.fingerprint not in base_prints) for f in result.findings)
    return replace(result, findings=findings)

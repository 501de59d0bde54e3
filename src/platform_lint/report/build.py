"""RunResult -> :class:`~platform_lint.report.model.Report`: what ``check`` reports.

The summary counts, characteristic titles and documentation links are worked out
here once; every reporter then reads the same model.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from platform_lint import safety
from platform_lint.model import CHARACTERISTIC_TITLES, JOURNEY_TITLES, JOURNEYS, State
from platform_lint.report.grouping import rule_groups
from platform_lint.report.model import (
    INFORMATION_URI,
    CharacteristicEntry,
    ExcludedFolder,
    FindingCounts,
    Gap,
    JourneyEntry,
    OriginEntry,
    Report,
    ReportFinding,
    ReportNotice,
    ReportRule,
    RepositoryEntry,
    RuleCounts,
    SeverityCounts,
    Summary,
    Tool,
    WaiverEntry,
)
from platform_lint.result import FindingResult, RuleResult, RunResult
from platform_lint.verdict import is_new


def docs_url(rule_docs: str | None, base: str) -> str | None:
    """A rule's ``docs`` as a link: a full URL as it is, an anchor appended to ``base``."""
    if not rule_docs:
        return None
    if rule_docs.startswith(("http://", "https://")):
        return safety.safe_url(rule_docs)
    # only an http(s) link is ever a link: a policy's ``docs_url: javascript:...`` is none
    return safety.safe_url(base + (rule_docs if rule_docs.startswith("#") else "#" + rule_docs))


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def _finding(f: FindingResult) -> ReportFinding:
    waiver = None
    if f.waiver is not None:
        waiver = WaiverEntry(
            reason=f.waiver.reason, expires=f.waiver.expires.isoformat(), approver=f.waiver.approver
        )
    return ReportFinding(
        code=f.finding.code,
        message=f.message,
        severity=f.severity,
        status=f.status,
        fingerprint=f.fingerprint,
        new=f.new,
        location=f.finding.location,
        waiver=waiver,
        args=_jsonable(dict(f.finding.args)),
    )


def _rule(r: RuleResult, docs_base: str) -> ReportRule:
    rule = r.rule
    built = ReportRule(
        id=rule.id,
        title=rule.title,
        characteristic=rule.characteristic,
        level=rule.level,
        severity=rule.severity,
        check_type=rule.check_type,
        state=r.state,
        reason=r.reason,
        remediation=rule.remediation,
        docs_url=docs_url(rule.docs, docs_base),
        findings=tuple(_finding(f) for f in r.findings),
        evidence=tuple(_finding(f) for f in r.evidence),
        journey=rule.journey,
        applies_to=tuple(rule.applies_to),
    )
    groups = rule_groups(built)
    return replace(built, groups=groups) if groups else built


def _repository(result: RunResult) -> RepositoryEntry | None:
    if result.kind is None or result.scope is None:
        return None
    scope = result.scope
    return RepositoryEntry(
        kind=result.kind.kind,
        kind_source=result.kind.source,
        evidence=tuple(result.kind.evidence),
        product_files=scope.product_files,
        excluded_files=scope.excluded_files,
        excluded_by_kind=dict(scope.by_kind),
        excluded=tuple(ExcludedFolder(path, kind, files, reason) for path, kind, files, reason in scope.top),
        origins=None
        if result.origins is None
        else tuple(OriginEntry(o.kind, o.path, o.line, o.template, o.commit) for o in result.origins),
    )


def journeys(results: tuple[RuleResult, ...]) -> tuple[JourneyEntry, ...]:
    """The rules by journey stage, in journey order; stages no rule names are left out."""
    out = []
    for stage in JOURNEYS:
        mine = [r for r in results if r.rule.journey == stage]
        if not mine:
            continue
        count = {s: sum(1 for r in mine if r.state is s) for s in State}
        out.append(
            JourneyEntry(
                id=stage,
                title=JOURNEY_TITLES[stage],
                passed=count[State.PASS],
                failed=count[State.FAIL],
                waived=count[State.WAIVED],
                not_applicable=count[State.NOT_APPLICABLE],
                errors=count[State.ERROR],
                rules=tuple(r.rule.id for r in mine),
            )
        )
    return tuple(out)


def build_report(result: RunResult, docs_base: str) -> Report:
    """The report of one run; ``docs_base`` turns rule ``docs`` anchors into links.

    Every string in it is scrubbed (:func:`platform_lint.safety.scrub`): secrets masked,
    file names that are not UTF-8 escaped, so no reporter can write either out."""
    return safety.scrub(_build(result, docs_base))


def _build(result: RunResult, docs_base: str) -> Report:
    states = {s: sum(1 for r in result.rules if r.state is s) for s in State}
    findings = [f for r in result.rules for f in r.findings]
    open_findings = [f for f in findings if f.status == "open"]
    return Report(
        tool=Tool(version=result.tool_version, information_uri=INFORMATION_URI),
        generated_at=result.generated_at.isoformat().replace("+00:00", "Z"),
        target=result.target,
        base_ref=result.base_ref,
        policy_sources=tuple(result.policy_sources),
        summary=Summary(
            level=result.level,
            next_level=result.next_level,
            score=result.score,
            rules=RuleCounts(
                total=len(result.rules),
                passed=states[State.PASS],
                failed=states[State.FAIL],
                waived=states[State.WAIVED],
                not_applicable=states[State.NOT_APPLICABLE],
                errors=states[State.ERROR],
            ),
            findings=FindingCounts(
                open=len(open_findings),
                new=sum(1 for f in open_findings if is_new(f)),
                waived=sum(1 for f in findings if f.status == "waived"),
                by_severity=SeverityCounts(
                    **{
                        s: sum(1 for f in open_findings if f.severity == s)
                        for s in ("error", "warning", "notice")
                    }
                ),
            ),
        ),
        characteristics=tuple(
            CharacteristicEntry(
                id=c.characteristic,
                title=CHARACTERISTIC_TITLES[c.characteristic],
                score=c.score,
                level=c.level,
                passed=c.passed,
                failed=c.failed,
                waived=c.waived,
                not_applicable=c.not_applicable,
                errors=c.errors,
            )
            for c in result.characteristics
        ),
        gaps=tuple(
            Gap(
                rule_id=g.rule.id,
                title=g.rule.title,
                level=g.rule.level,
                state=g.state,
                remediation=g.rule.remediation,
            )
            for g in result.gaps
        ),
        rules=tuple(_rule(r, docs_base) for r in result.rules),
        notices=tuple(ReportNotice(n.kind, n.message, n.location) for n in result.notices),
        on_error=result.on_error,
        repository=_repository(result),
        journeys=journeys(result.rules),
    )

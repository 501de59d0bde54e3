"""The few numbers an org-scan keeps from a repository's JSON report.

History rows, the Markdown summary and the dashboard all read a report through
:func:`digest_report`, so the report's shape is known in one place. Reports arrive as the typed
model (``report.model``), validated against the report schema when read from a file
(``report.load``); the values are still untrusted text and are escaped wherever shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from platform_lint.model import State
from platform_lint.report.model import Report


@dataclass(frozen=True)
class CharacteristicDigest:
    id: str
    title: str
    score: float | None  # None: no rule of it applies
    level: str  # none | bronze | silver | gold
    passed: int
    failed: int
    waived: int
    not_applicable: int
    errors: int


@dataclass(frozen=True)
class RuleDigest:
    """A rule that failed: what it is and how many open findings it has."""

    id: str
    title: str
    characteristic: str
    level: str
    severity: str
    findings: int


@dataclass(frozen=True)
class GapDigest:
    """A rule that keeps the repository from its next level."""

    rule_id: str
    title: str
    level: str
    characteristic: str


@dataclass(frozen=True)
class JourneyDigest:
    """The rules of one stage of a developer's journey, by state."""

    id: str
    passed: int
    failed: int
    waived: int
    not_applicable: int
    errors: int


@dataclass(frozen=True)
class OriginDigest:
    """A template the repository records it was generated from, and the recorded commit."""

    kind: str
    path: str
    template: str
    commit: str


@dataclass(frozen=True)
class ReportDigest:
    level: str
    next_level: str | None
    score: float
    rules: Mapping[str, int]  # total and one count per rule state
    findings_open: int
    characteristics: tuple[CharacteristicDigest, ...]
    failing: tuple[RuleDigest, ...]
    gaps: tuple[GapDigest, ...]
    generated_at: str
    journeys: tuple[JourneyDigest, ...] = ()  # empty: the report predates journey stages
    origins: tuple[OriginDigest, ...] | None = None  # None: the report predates origin records


def digest_report(report: Report) -> ReportDigest:
    summary = report.summary
    counts = summary.rules
    characteristic = {r.id: r.characteristic for r in report.rules}
    return ReportDigest(
        level=summary.level,
        next_level=summary.next_level,
        score=float(summary.score),
        rules={
            "total": counts.total,
            "pass": counts.passed,
            "fail": counts.failed,
            "waived": counts.waived,
            "not-applicable": counts.not_applicable,
            "error": counts.errors,
        },
        findings_open=summary.findings.open,
        characteristics=tuple(
            CharacteristicDigest(
                id=c.id,
                title=c.title,
                score=None if c.score is None else float(c.score),
                level=c.level,
                passed=c.passed,
                failed=c.failed,
                waived=c.waived,
                not_applicable=c.not_applicable,
                errors=c.errors,
            )
            for c in report.characteristics
        ),
        failing=tuple(
            RuleDigest(
                id=r.id,
                title=r.title,
                characteristic=r.characteristic,
                level=r.level,
                severity=r.severity,
                findings=sum(1 for f in r.findings if f.status == "open"),
            )
            for r in report.rules
            if r.state is State.FAIL
        ),
        gaps=tuple(
            GapDigest(g.rule_id, g.title, g.level, characteristic.get(g.rule_id, "")) for g in report.gaps
        ),
        generated_at=report.generated_at,
        journeys=tuple(
            JourneyDigest(j.id, j.passed, j.failed, j.waived, j.not_applicable, j.errors)
            for j in report.journeys
        ),
        origins=_origins(report),
    )


def _origins(report: Report) -> tuple[OriginDigest, ...] | None:
    if report.repository is None or report.repository.origins is None:
        return None
    return tuple(OriginDigest(o.kind, o.path, o.template, o.commit) for o in report.repository.origins)

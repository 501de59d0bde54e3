"""Small helpers the text, Markdown and SARIF reporters share.

Everything here reads the report model (:mod:`platform_lint.report.model`) and returns
plain values; nothing does I/O.
"""

from __future__ import annotations

from collections.abc import Iterator

from platform_lint import safety
from platform_lint.model import (
    CHARACTERISTIC_TITLES,
    CHARACTERISTICS,
    JOURNEY_TITLES,
    JOURNEYS,
    Location,
    State,
)
from platform_lint.report.model import Report, ReportFinding, ReportRule, RuleCounts, WaiverEntry

SEVERITY_ORDER = {"error": 0, "warning": 1, "notice": 2}


def one_line(text: object) -> str:
    """``text`` on one line, without control characters, masked, never a workflow command
    (:func:`platform_lint.safety.one_line`)."""
    return safety.one_line(text)


def characteristic_title(report: Report, characteristic: str) -> str:
    for entry in report.characteristics:
        if entry.id == characteristic:
            return entry.title or characteristic
    return CHARACTERISTIC_TITLES.get(characteristic, characteristic)


def characteristic_order(report: Report) -> list[str]:
    """Characteristics in report order, then any a rule names that the table lacks."""
    listed = [c.id for c in report.characteristics]
    known = {c: i for i, c in enumerate(CHARACTERISTICS)}
    extra = sorted(
        dict.fromkeys(r.characteristic for r in report.rules if r.characteristic not in listed),
        key=lambda c: known.get(c, len(known)),
    )
    return list(dict.fromkeys(listed)) + extra


def rules_by_characteristic(report: Report) -> Iterator[tuple[str, list[ReportRule]]]:
    """(characteristic, its rules) in report order; characteristics without rules are skipped."""
    groups: dict[str, list[ReportRule]] = {}
    for rule in report.rules:
        groups.setdefault(rule.characteristic, []).append(rule)
    for characteristic in characteristic_order(report):
        if characteristic in groups:
            yield characteristic, groups[characteristic]


def finding_sort_key(finding: ReportFinding) -> tuple[int, str, int, int, str]:
    location = finding.location
    return (
        SEVERITY_ORDER.get(finding.severity, 9),
        location.path if location else "",
        (location.line or 0) if location else 0,
        (location.column or 0) if location else 0,
        finding.fingerprint,
    )


def location_text(location: Location | None) -> str:
    """``path:line:col`` (as much as is known), or ``(repository)`` without a location."""
    if location is None:
        return "(repository)"
    text = one_line(location.path or "(repository)")
    if location.line:
        text += f":{location.line}"
        if location.column:
            text += f":{location.column}"
    return text


def level_title(level: str | None) -> str:
    """``Gold``, ``Silver``, ``Bronze``; ``no level`` for none."""
    return str(level).capitalize() if level and level != "none" else "no level"


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else (many or word + 's')}"


def score_text(score: float | None) -> str:
    if score is None:
        return "-"
    value = float(score)
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


def waiver_text(waiver: WaiverEntry | None) -> str:
    """``reason (expires date, approved by someone)``."""
    if waiver is None:
        return "no waiver details"
    text = f"{one_line(waiver.reason)} (expires {waiver.expires or '?'}"
    if waiver.approver:
        text += f", approved by {one_line(waiver.approver)}"
    return text + ")"


def rule_counts(rules: RuleCounts) -> list[str]:
    """'3 passed', '1 failed', then the other states that occurred, in words."""
    counts = [f"{rules.passed} passed", f"{rules.failed} failed"]
    counts += [
        f"{count} {label}"
        for count, label in (
            (rules.waived, "waived"),
            (rules.not_applicable, "not applicable"),
            (rules.errors, "could not tell"),
        )
        if count
    ]
    return counts


def rules_by_journey(report: Report) -> Iterator[tuple[str, list[ReportRule]]]:
    """(journey stage, its rules) in journey order; rules naming no stage come last, as ``""``."""
    groups: dict[str, list[ReportRule]] = {}
    for rule in report.rules:
        groups.setdefault(rule.journey or "", []).append(rule)
    for stage in (*JOURNEYS, ""):
        if stage in groups:
            yield stage, groups[stage]


def journey_title(stage: str) -> str:
    return JOURNEY_TITLES.get(stage, "No journey stage")


def drop_off(report: Report) -> tuple[str, int] | None:
    """The first journey stage with a failing rule, and how many fail there: where a newcomer
    following the journey would stop. None when no stage has a failure."""
    for stage, rules in rules_by_journey(report):
        failed = sum(1 for r in rules if r.state is State.FAIL)
        if stage and failed:
            return stage, failed
    return None


def kind_text(report: Report) -> str | None:
    """``service (Dockerfile: EXPOSE 8080; Procfile)``, or None for a report without it."""
    repo = report.repository
    if repo is None:
        return None
    evidence = "; ".join(one_line(e) for e in repo.evidence[:3])
    if repo.kind_source == "policy":
        return f"{repo.kind} (declared by the policy)"
    return f"{repo.kind} ({evidence})" if evidence else repo.kind


def scope_text(report: Report) -> str | None:
    """``judged 781 of 1,019 files; left out 190 fixture, 42 example, 6 generated``."""
    repo = report.repository
    if repo is None:
        return None
    total = repo.product_files + repo.excluded_files
    text = f"judged {repo.product_files:,} of {total:,} files"
    if repo.excluded_by_kind:
        left = ", ".join(f"{count:,} {kind}" for kind, count in repo.excluded_by_kind.items())
        text += f"; left out {left}"
    return text

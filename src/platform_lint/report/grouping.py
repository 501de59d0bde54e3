"""Many findings of one rule, grouped: what text, Markdown, the job summary and the comment show.

A rule with more than :data:`GROUP_OVER` findings in one repository (a changelog of 600
lines written one way, a vendored tree under a naming rule) would bury every other result.
Beyond that many, the findings of the rule are shown as groups, one per finding code (and
status): how many, a few examples with their locations, and the directories (or files) they
concentrate in. In comparison mode the findings the change introduced (``new``) are never
grouped: they are listed one by one, as the pull request's author needs them.

The JSON report and SARIF keep every finding (machines read them; code scanning tracks
each alert by its fingerprint); the JSON report also carries the groups, so a dashboard
need not recompute them. Pure: reads the report model, returns plain values.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from platform_lint.report._shared import SEVERITY_ORDER, finding_sort_key
from platform_lint.report.model import FindingGroup, ReportFinding, ReportRule

GROUP_OVER = 50
"""A rule with more findings than this (not counting new ones) shows them grouped."""

EXAMPLES = 3
"""Examples named per group."""

PLACES = 5
"""Directories (or files) named per group."""

REPOSITORY = "(repository)"
"""Where a finding with no location is counted."""


@dataclass(frozen=True)
class RuleView:
    """How a rule's findings are shown: ``listed`` one by one, the rest as ``groups``."""

    listed: tuple[ReportFinding, ...]
    groups: tuple[FindingGroup, ...] = ()


def _directory(finding: ReportFinding) -> str:
    location = finding.location
    if location is None or not location.path:
        return REPOSITORY
    parent = posixpath.dirname(location.path)
    return f"{parent}/" if parent else "./"


def _file(finding: ReportFinding) -> str:
    return finding.location.path if finding.location and finding.location.path else REPOSITORY


def _places(findings: Sequence[ReportFinding]) -> tuple[tuple[str, int], ...]:
    """Where the findings concentrate: directories, or files when they share one directory."""
    by_directory = Counter(_directory(f) for f in findings)
    counts = by_directory if len(by_directory) > 1 else Counter(_file(f) for f in findings)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(ranked[:PLACES])


def group_findings(findings: Sequence[ReportFinding]) -> tuple[FindingGroup, ...]:
    """One group per (code, status), largest first; examples in location order."""
    by_kind: dict[tuple[str, str], list[ReportFinding]] = {}
    for finding in findings:
        by_kind.setdefault((finding.code, finding.status), []).append(finding)
    groups = []
    for (code, status), members in by_kind.items():
        ordered = sorted(members, key=finding_sort_key)
        severity = min((f.severity for f in members), key=lambda s: SEVERITY_ORDER.get(s, 9))
        groups.append(
            FindingGroup(
                code=code,
                status=status,
                severity=severity,
                count=len(members),
                examples=tuple(f.fingerprint for f in ordered[:EXAMPLES]),
                places=_places(members),
            )
        )
    return tuple(sorted(groups, key=lambda g: (-g.count, g.code, g.status)))


def groupable(rule: ReportRule) -> list[ReportFinding]:
    """The findings of ``rule`` that may be grouped: all but the new ones."""
    return [f for f in rule.findings if f.new is not True]


def rule_groups(rule: ReportRule) -> tuple[FindingGroup, ...]:
    """The groups of ``rule``'s findings, empty when it has at most GROUP_OVER to group."""
    candidates = groupable(rule)
    return group_findings(candidates) if len(candidates) > GROUP_OVER else ()


def view(rule: ReportRule) -> RuleView:
    """What to list one by one and what to show as groups (those the report holds, or worked
    out here for a report written before groups existed)."""
    groups = rule.groups or rule_groups(rule)
    if not groups:
        return RuleView(tuple(rule.findings))
    return RuleView(tuple(f for f in rule.findings if f.new is True), groups)


def examples(rule: ReportRule, group: FindingGroup) -> list[ReportFinding]:
    """The group's example findings, looked up by fingerprint in the rule."""
    by_print: dict[str, ReportFinding] = {}
    for finding in rule.findings:
        by_print.setdefault(finding.fingerprint, finding)
    return [by_print[p] for p in group.examples if p in by_print]


def places_text(group: FindingGroup) -> str:
    """``src/ (300), docs/ (200), …`` — where the group concentrates."""
    shown = ", ".join(f"{path} ({count:,})" for path, count in group.places)
    listed = sum(count for _, count in group.places)
    return shown + (", …" if listed < group.count else "")

"""The report: one typed, frozen model of ``schemas/report.schema.json`` (schema_version 1).

Every reporter and publisher reads a :class:`Report`; ``check`` builds one from its
``RunResult`` (:mod:`platform_lint.report.build`), ``publish`` and ``badge`` load one from
a JSON file (:mod:`platform_lint.report.load`). :func:`to_dict` and :func:`from_dict` are
the only places that know the JSON field names, and they are exact inverses on every
report that follows the schema: a report read and written back is the same bytes.

The JSON report is a public contract: within schema_version 1 changes are additive
only. Timestamps (``generated_at``, a waiver's ``expires``) stay the strings the report
holds, so a report read back is written unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from platform_lint.model import Location, State

SCHEMA_VERSION = 1
TOOL_NAME = "platform-lint"
INFORMATION_URI = "https://github.com/platform-lint/platform-lint"


@dataclass(frozen=True)
class Tool:
    name: str = TOOL_NAME
    version: str = ""
    information_uri: str | None = None  # left out of the JSON when None


@dataclass(frozen=True)
class RuleCounts:
    """Rules by state (JSON keys ``pass``, ``fail``, ``waived``, ``not-applicable``, ``error``)."""

    total: int
    passed: int
    failed: int
    waived: int
    not_applicable: int
    errors: int


@dataclass(frozen=True)
class SeverityCounts:
    error: int
    warning: int
    notice: int


@dataclass(frozen=True)
class FindingCounts:
    open: int
    new: int
    """Open findings the change introduced (every open finding without a base)."""
    waived: int
    by_severity: SeverityCounts


@dataclass(frozen=True)
class Summary:
    level: str  # none | bronze | silver | gold
    next_level: str | None
    score: float  # 0..100; an int when the report holds one (written back as it was)
    rules: RuleCounts
    findings: FindingCounts


@dataclass(frozen=True)
class CharacteristicEntry:
    id: str
    title: str
    score: float | None
    level: str
    passed: int
    failed: int
    waived: int
    not_applicable: int
    errors: int


@dataclass(frozen=True)
class Gap:
    """A rule that keeps the repository from the next level."""

    rule_id: str
    title: str
    level: str
    state: State
    remediation: str


@dataclass(frozen=True)
class WaiverEntry:
    reason: str
    expires: str  # ISO date, as written
    approver: str | None = None


@dataclass(frozen=True)
class ReportFinding:
    """A finding as reported. ``status``: open (counts against the level), waived or note.
    ``new``: introduced by the change (True), already there (False), no comparison (None)."""

    code: str
    message: str
    severity: str  # error | warning | notice
    status: str  # open | waived | note
    fingerprint: str
    new: bool | None = None
    location: Location | None = None
    waiver: WaiverEntry | None = None
    args: Mapping[str, Any] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class FindingGroup:
    """Findings of one rule with one code and status, shown together when the rule has many
    (:mod:`platform_lint.report.grouping`): how many, the fingerprints of a few examples
    (findings of the same rule), and where they concentrate (directory or file, count)."""

    code: str
    status: str  # open | waived | note
    severity: str
    count: int
    examples: tuple[str, ...] = ()
    places: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class ExcludedFolder:
    """A folder (or file) left out of the product, with how many files and why."""

    path: str
    kind: str
    files: int
    reason: str


@dataclass(frozen=True)
class OriginEntry:
    """A record of the template the repository was generated from (``repository.origins``)."""

    kind: str  # cruft, copier-answers, backstage-annotation, projen
    path: str
    line: int
    template: str  # as recorded: a URL, a path or an entity reference ('' when none)
    commit: str  # the recorded commit, tag or describe string ('' when none)


@dataclass(frozen=True)
class RepositoryEntry:
    """What the repository is (``kind``, from ``kind_source``: detected or policy, with
    ``evidence``) and what was judged as its product (``scope``: counts and the largest folders
    left out)."""

    kind: str
    kind_source: str
    evidence: tuple[str, ...]
    product_files: int
    excluded_files: int
    excluded_by_kind: Mapping[str, int] = field(default_factory=dict, hash=False)
    excluded: tuple[ExcludedFolder, ...] = ()
    origins: tuple[OriginEntry, ...] | None = None
    """The templates it records it came from; None in reports written before origins were kept."""


@dataclass(frozen=True)
class JourneyEntry:
    """The rules serving one stage of a developer's journey, by state."""

    id: str
    title: str
    passed: int
    failed: int
    waived: int
    not_applicable: int
    errors: int
    rules: tuple[str, ...]


@dataclass(frozen=True)
class ReportRule:
    id: str
    title: str
    characteristic: str
    level: str
    severity: str
    check_type: str
    state: State
    reason: str | None
    remediation: str
    docs_url: str | None
    findings: tuple[ReportFinding, ...] = ()
    evidence: tuple[ReportFinding, ...] = ()
    groups: tuple[FindingGroup, ...] = ()
    """Set when the rule has more findings than are shown one by one (``finding_groups`` in JSON)."""
    journey: str | None = None  # left out of the JSON when None (reports before journeys)
    applies_to: tuple[str, ...] = ()  # left out of the JSON when empty


@dataclass(frozen=True)
class ReportNotice:
    kind: str
    message: str
    location: Location | None = None


@dataclass(frozen=True)
class Report:
    """One platform-lint run, as every reporter sees it."""

    tool: Tool
    generated_at: str  # RFC 3339, as written
    target: str
    base_ref: str | None
    policy_sources: tuple[str, ...]
    summary: Summary
    characteristics: tuple[CharacteristicEntry, ...]
    gaps: tuple[Gap, ...]
    rules: tuple[ReportRule, ...]
    notices: tuple[ReportNotice, ...] = ()
    schema_version: int = SCHEMA_VERSION
    on_error: str | None = None
    """``check --on-error`` (ignore or fail): whether rules the environment kept from being judged
    failed the gate. None in reports written before the option existed (read as ignore)."""
    repository: RepositoryEntry | None = None  # absent from reports written before it existed
    journeys: tuple[JourneyEntry, ...] = ()  # absent likewise

    @property
    def comparison(self) -> bool:
        """True when findings were compared with a base (pull-request mode)."""
        return self.base_ref is not None

    @property
    def judged_rules(self) -> int:
        """Rules that passed or failed (neither not applicable, waived nor in error)."""
        return self.summary.rules.passed + self.summary.rules.failed

    def unjudged(self) -> Iterator[tuple[str, str]]:
        """(rule id, reason) of the rules in ``error``: the environment kept them from being judged."""
        for rule in self.rules:
            if rule.state is State.ERROR:
                yield rule.id, rule.reason or "no reason given"

    def findings(self, status: str | None = None) -> Iterator[tuple[ReportRule, ReportFinding]]:
        """(rule, finding) pairs in report order, only those of ``status`` when given."""
        for rule in self.rules:
            for finding in rule.findings:
                if status is None or finding.status == status:
                    yield rule, finding


# -- JSON -> model -----------------------------------------------------------------------------------


def location_from(data: Mapping[str, Any] | None) -> Location | None:
    if data is None:
        return None
    return Location(
        path=data["path"],
        line=data.get("line"),
        column=data.get("column"),
        end_line=data.get("end_line"),
        end_column=data.get("end_column"),
        snippet=data.get("snippet"),
    )


def _finding(data: Mapping[str, Any]) -> ReportFinding:
    waiver = data.get("waiver")
    return ReportFinding(
        code=data["code"],
        message=data["message"],
        severity=data["severity"],
        status=data["status"],
        fingerprint=data["fingerprint"],
        new=data.get("new"),
        location=location_from(data.get("location")),
        waiver=None
        if waiver is None
        else WaiverEntry(reason=waiver["reason"], expires=waiver["expires"], approver=waiver.get("approver")),
        args=dict(data.get("args") or {}),
    )


def _rule(data: Mapping[str, Any]) -> ReportRule:
    return ReportRule(
        id=data["id"],
        title=data["title"],
        characteristic=data["characteristic"],
        level=data["level"],
        severity=data["severity"],
        check_type=data["check_type"],
        state=State(data["state"]),
        reason=data.get("reason"),
        remediation=data["remediation"],
        docs_url=data.get("docs_url"),
        findings=tuple(_finding(f) for f in data["findings"]),
        evidence=tuple(_finding(f) for f in data["evidence"]),
        groups=tuple(_group(g) for g in data.get("finding_groups") or ()),
        journey=data.get("journey"),
        applies_to=tuple(data.get("applies_to") or ()),
    )


def _group(data: Mapping[str, Any]) -> FindingGroup:
    return FindingGroup(
        code=data["code"],
        status=data["status"],
        severity=data["severity"],
        count=data["count"],
        examples=tuple(data["examples"]),
        places=tuple((p["path"], p["count"]) for p in data["places"]),
    )


def _repository(data: Mapping[str, Any] | None) -> RepositoryEntry | None:
    if data is None:
        return None
    scope = data["scope"]
    return RepositoryEntry(
        kind=data["kind"],
        kind_source=data["kind_source"],
        evidence=tuple(data["evidence"]),
        product_files=scope["product_files"],
        excluded_files=scope["excluded_files"],
        excluded_by_kind=dict(scope["by_kind"]),
        excluded=tuple(
            ExcludedFolder(path=e["path"], kind=e["kind"], files=e["files"], reason=e["reason"])
            for e in scope["excluded"]
        ),
        origins=None
        if data.get("origins") is None
        else tuple(
            OriginEntry(
                kind=o["kind"], path=o["path"], line=o["line"], template=o["template"], commit=o["commit"]
            )
            for o in data["origins"]
        ),
    )


def _journey(data: Mapping[str, Any]) -> JourneyEntry:
    return JourneyEntry(
        id=data["id"],
        title=data["title"],
        passed=data["passed"],
        failed=data["failed"],
        waived=data["waived"],
        not_applicable=data["not_applicable"],
        errors=data["errors"],
        rules=tuple(data["rules"]),
    )


def from_dict(data: Mapping[str, Any]) -> Report:
    """The model of a JSON report that follows the schema (:func:`platform_lint.report.load.load`
    validates first; a dict that does not follow it raises ``KeyError`` or ``ValueError``)."""
    summary = data["summary"]
    rules, findings = summary["rules"], summary["findings"]
    severities = findings["by_severity"]
    tool = data["tool"]
    return Report(
        schema_version=data["schema_version"],
        tool=Tool(name=tool["name"], version=tool["version"], information_uri=tool.get("information_uri")),
        generated_at=data["generated_at"],
        target=data["target"],
        base_ref=data["base_ref"],
        policy_sources=tuple(data["policy"]["sources"]),
        summary=Summary(
            level=summary["level"],
            next_level=summary["next_level"],
            score=summary["score"],
            rules=RuleCounts(
                total=rules["total"],
                passed=rules["pass"],
                failed=rules["fail"],
                waived=rules["waived"],
                not_applicable=rules["not-applicable"],
                errors=rules["error"],
            ),
            findings=FindingCounts(
                open=findings["open"],
                new=findings["new"],
                waived=findings["waived"],
                by_severity=SeverityCounts(
                    error=severities["error"], warning=severities["warning"], notice=severities["notice"]
                ),
            ),
        ),
        characteristics=tuple(
            CharacteristicEntry(
                id=c["id"],
                title=c["title"],
                score=c["score"],
                level=c["level"],
                passed=c["passed"],
                failed=c["failed"],
                waived=c["waived"],
                not_applicable=c["not_applicable"],
                errors=c["errors"],
            )
            for c in data["characteristics"]
        ),
        gaps=tuple(
            Gap(
                rule_id=g["rule_id"],
                title=g["title"],
                level=g["level"],
                state=State(g["state"]),
                remediation=g["remediation"],
            )
            for g in data["gaps"]
        ),
        rules=tuple(_rule(r) for r in data["rules"]),
        notices=tuple(
            ReportNotice(kind=n["kind"], message=n["message"], location=location_from(n.get("location")))
            for n in data["notices"]
        ),
        on_error=data.get("on_error"),
        repository=_repository(data.get("repository")),
        journeys=tuple(_journey(j) for j in data.get("journeys") or ()),
    )


# -- model -> JSON -----------------------------------------------------------------------------------


def location_dict(location: Location | None) -> dict[str, Any] | None:
    if location is None:
        return None
    return {
        "path": location.path,
        "line": location.line,
        "column": location.column,
        "end_line": location.end_line,
        "end_column": location.end_column,
        "snippet": location.snippet,
    }


def _finding_dict(f: ReportFinding) -> dict[str, Any]:
    waiver = None
    if f.waiver is not None:
        waiver = {"reason": f.waiver.reason, "expires": f.waiver.expires, "approver": f.waiver.approver}
    return {
        "code": f.code,
        "message": f.message,
        "severity": f.severity,
        "status": f.status,
        "fingerprint": f.fingerprint,
        "new": f.new,
        "location": location_dict(f.location),
        "waiver": waiver,
        "args": dict(f.args),
    }


def _group_dict(g: FindingGroup) -> dict[str, Any]:
    return {
        "code": g.code,
        "status": g.status,
        "severity": g.severity,
        "count": g.count,
        "examples": list(g.examples),
        "places": [{"path": path, "count": count} for path, count in g.places],
    }


def _rule_dict(r: ReportRule) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": r.id,
        "title": r.title,
        "characteristic": r.characteristic,
        "level": r.level,
        "severity": r.severity,
        "check_type": r.check_type,
        "state": r.state.value,
        "reason": r.reason,
        "remediation": r.remediation,
        "docs_url": r.docs_url,
        "findings": [_finding_dict(f) for f in r.findings],
        "evidence": [_finding_dict(f) for f in r.evidence],
    }
    if r.groups:  # left out when empty: reports without groups read and write as before
        out["finding_groups"] = [_group_dict(g) for g in r.groups]
    if r.journey is not None:
        out["journey"] = r.journey
    if r.applies_to:
        out["applies_to"] = list(r.applies_to)
    return out


def _repository_dict(r: RepositoryEntry) -> dict[str, Any]:
    out: dict[str, Any] = {
        "kind": r.kind,
        "kind_source": r.kind_source,
        "evidence": list(r.evidence),
        "scope": {
            "product_files": r.product_files,
            "excluded_files": r.excluded_files,
            "by_kind": dict(r.excluded_by_kind),
            "excluded": [
                {"path": e.path, "kind": e.kind, "files": e.files, "reason": e.reason} for e in r.excluded
            ],
        },
    }
    if r.origins is not None:  # left out when unknown, so older reports round-trip
        out["origins"] = [
            {"kind": o.kind, "path": o.path, "line": o.line, "template": o.template, "commit": o.commit}
            for o in r.origins
        ]
    return out


def _journey_dict(j: JourneyEntry) -> dict[str, Any]:
    return {
        "id": j.id,
        "title": j.title,
        "passed": j.passed,
        "failed": j.failed,
        "waived": j.waived,
        "not_applicable": j.not_applicable,
        "errors": j.errors,
        "rules": list(j.rules),
    }


def to_dict(report: Report) -> dict[str, Any]:
    """The JSON report (``schemas/report.schema.json``), keys in the schema's order."""
    tool: dict[str, Any] = {"name": report.tool.name, "version": report.tool.version}
    if report.tool.information_uri is not None:
        tool["information_uri"] = report.tool.information_uri
    s = report.summary
    data: dict[str, Any] = {
        "schema_version": report.schema_version,
        "tool": tool,
        "generated_at": report.generated_at,
        "target": report.target,
        "base_ref": report.base_ref,
        "policy": {"sources": list(report.policy_sources)},
        "summary": {
            "level": s.level,
            "next_level": s.next_level,
            "score": s.score,
            "rules": {
                "total": s.rules.total,
                "pass": s.rules.passed,
                "fail": s.rules.failed,
                "waived": s.rules.waived,
                "not-applicable": s.rules.not_applicable,
                "error": s.rules.errors,
            },
            "findings": {
                "open": s.findings.open,
                "new": s.findings.new,
                "waived": s.findings.waived,
                "by_severity": {
                    "error": s.findings.by_severity.error,
                    "warning": s.findings.by_severity.warning,
                    "notice": s.findings.by_severity.notice,
                },
            },
        },
        "characteristics": [
            {
                "id": c.id,
                "title": c.title,
                "score": c.score,
                "level": c.level,
                "passed": c.passed,
                "failed": c.failed,
                "waived": c.waived,
                "not_applicable": c.not_applicable,
                "errors": c.errors,
            }
            for c in report.characteristics
        ],
        "gaps": [
            {
                "rule_id": g.rule_id,
                "title": g.title,
                "level": g.level,
                "state": g.state.value,
                "remediation": g.remediation,
            }
            for g in report.gaps
        ],
        "rules": [_rule_dict(r) for r in report.rules],
        "notices": [
            {"kind": n.kind, "message": n.message, "location": location_dict(n.location)}
            for n in report.notices
        ],
    }
    if report.on_error is not None:  # left out when unknown, so older reports round-trip
        data["on_error"] = report.on_error
    if report.repository is not None:
        data["repository"] = _repository_dict(report.repository)
    if report.journeys:
        data["journeys"] = [_journey_dict(j) for j in report.journeys]
    return data


def to_json(report: Report) -> str:
    """The JSON report as written to a file or standard output: indented, UTF-8, one final newline."""
    return json.dumps(to_dict(report), indent=2, ensure_ascii=False) + "\n"

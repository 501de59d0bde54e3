"""RunResult -> the JSON report dict (``schemas/report.schema.json``, schema_version 1).

This dict is the interchange: the text, Markdown and SARIF reporters, the badge and
the GitHub publisher all render it.
"""

from __future__ import annotations

import json
from typing import IO, Any

from platform_lint.model import CHARACTERISTIC_TITLES, Location, State
from platform_lint.result import FindingResult, RuleResult, RunResult

SCHEMA_VERSION = 1
INFORMATION_URI = "https://github.com/platform-lint/platform-lint"


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


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def finding_dict(f: FindingResult) -> dict[str, Any]:
    waiver = None
    if f.waiver is not None:
        waiver = {
            "reason": f.waiver.reason,
            "expires": f.waiver.expires.isoformat(),
            "approver": f.waiver.approver,
        }
    return {
        "code": f.finding.code,
        "message": f.message,
        "severity": f.severity,
        "status": f.status,
        "fingerprint": f.fingerprint,
        "new": f.new,
        "location": location_dict(f.finding.location),
        "waiver": waiver,
        "args": _jsonable(dict(f.finding.args)),
    }


def docs_url(rule_docs: str | None, base: str) -> str | None:
    if not rule_docs:
        return None
    if rule_docs.startswith(("http://", "https://")):
        return rule_docs
    return base + (rule_docs if rule_docs.startswith("#") else "#" + rule_docs)


def rule_dict(r: RuleResult, docs_base: str) -> dict[str, Any]:
    rule = r.rule
    return {
        "id": rule.id,
        "title": rule.title,
        "characteristic": rule.characteristic,
        "level": rule.level,
        "severity": rule.severity,
        "check_type": rule.check_type,
        "state": r.state.value,
        "reason": r.reason,
        "remediation": rule.remediation,
        "docs_url": docs_url(rule.docs, docs_base),
        "findings": [finding_dict(f) for f in r.findings],
        "evidence": [finding_dict(f) for f in r.evidence],
    }


def build_report(result: RunResult, docs_base: str) -> dict[str, Any]:
    states = {s: sum(1 for r in result.rules if r.state is s) for s in State}
    findings = [f for r in result.rules for f in r.findings]
    open_findings = [f for f in findings if f.status == "open"]
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "platform-lint", "version": result.tool_version, "information_uri": INFORMATION_URI},
        "generated_at": result.generated_at.isoformat().replace("+00:00", "Z"),
        "target": result.target,
        "base_ref": result.base_ref,
        "policy": {"sources": list(result.policy_sources)},
        "summary": {
            "level": result.level,
            "next_level": result.next_level,
            "score": result.score,
            "rules": {
                "total": len(result.rules),
                "pass": states[State.PASS],
                "fail": states[State.FAIL],
                "waived": states[State.WAIVED],
                "not-applicable": states[State.NOT_APPLICABLE],
                "error": states[State.ERROR],
            },
            "findings": {
                "open": len(open_findings),
                "new": sum(1 for f in open_findings if f.new is not False),
                "waived": sum(1 for f in findings if f.status == "waived"),
                "by_severity": {
                    s: sum(1 for f in open_findings if f.severity == s)
                    for s in ("error", "warning", "notice")
                },
            },
        },
        "characteristics": [
            {
                "id": c.characteristic,
                "title": CHARACTERISTIC_TITLES[c.characteristic],
                "score": c.score,
                "level": c.level,
                "passed": c.passed,
                "failed": c.failed,
                "waived": c.waived,
                "not_applicable": c.not_applicable,
                "errors": c.errors,
            }
            for c in result.characteristics
        ],
        "gaps": [
            {
                "rule_id": g.rule.id,
                "title": g.rule.title,
                "level": g.rule.level,
                "state": g.state.value,
                "remediation": g.rule.remediation,
            }
            for g in result.gaps
        ],
        "rules": [rule_dict(r, docs_base) for r in result.rules],
        "notices": [
            {"kind": n.kind, "message": n.message, "location": location_dict(n.location)}
            for n in result.notices
        ],
    }


def write_json(report: dict[str, Any], stream: IO[str]) -> None:
    json.dump(report, stream, indent=2, ensure_ascii=False)
    stream.write("\n")

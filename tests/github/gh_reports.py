"""JSON report dicts for the GitHub publishing tests (valid against schemas/report.schema.json)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from platform_lint.model import CHARACTERISTIC_TITLES, CHARACTERISTICS

REPO = "acme/widgets"
HEAD_SHA = "3f786850e387550fdab836ed7e6dc881de23001b"
BASE_SHA = "89e6c98d92887913cadf06b2adb97f26cde4849b"
PR_NUMBER = 7
RULE_ID = "contracts.openapi-valid"


def _fp(*parts: object) -> str:
    return hashlib.sha256("/".join(map(str, parts)).encode()).hexdigest()[:32]


def located_finding(i: int, *, new: bool | None = True, severity: str = "error") -> dict[str, Any]:
    return {
        "code": "invalid",
        "message": f"operation {i} has no response schema",
        "severity": severity,
        "status": "open",
        "fingerprint": _fp(RULE_ID, i),
        "new": new,
        "location": {
            "path": f"api/service{i % 4}.yaml",
            "line": i + 1,
            "column": 3,
            "end_line": i + 1,
            "end_column": 9,
            "snippet": None,
        },
        "waiver": None,
        "args": {"n": i},
    }


def _rule(rule_id: str, characteristic: str, severity: str, findings: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": rule_id,
        "title": f"Rule {rule_id}",
        "characteristic": characteristic,
        "level": "bronze",
        "severity": severity,
        "check_type": "generic",
        "state": "fail" if findings else "pass",
        "reason": None,
        "remediation": "Fix the specification.",
        "docs_url": None,
        "findings": findings,
        "evidence": [],
    }


def make_report(
    located: int = 120,
    *,
    new: bool | None = True,
    severity: str = "error",
    repository_level: bool = True,
    base_ref: str | None = BASE_SHA,
) -> dict[str, Any]:
    """``located`` file-located findings of one rule, plus one repository-level finding."""
    rules = [
        _rule(
            RULE_ID,
            "stable-contracts",
            severity,
            [located_finding(i, new=new, severity=severity) for i in range(located)],
        )
    ]
    if repository_level:
        rules.append(
            _rule(
                "ownership.codeowners-present",
                "clear-ownership",
                "warning",
                [
                    {
                        "code": "missing",
                        "message": "no CODEOWNERS file",
                        "severity": "warning",
                        "status": "open",
                        "fingerprint": _fp("ownership", "none"),
                        "new": False if base_ref else None,
                        "location": None,
                        "waiver": None,
                        "args": {},
                    }
                ],
            )
        )
    findings = [f for r in rules for f in r["findings"]]
    open_count = len(findings)
    new_count = sum(1 for f in findings if f["new"] is not False)
    failed_rules = sum(1 for r in rules if r["findings"])
    return {
        "schema_version": 1,
        "tool": {"name": "platform-lint", "version": "0.1.0"},
        "generated_at": "2024-05-01T12:00:00Z",
        "target": ".",
        "base_ref": base_ref,
        "policy": {"sources": ["builtin:recommended"]},
        "summary": {
            "level": "none" if failed_rules else "bronze",
            "next_level": "bronze" if failed_rules else "silver",
            "score": 40 if failed_rules else 100,
            "rules": {
                "total": len(rules),
                "pass": len(rules) - failed_rules,
                "fail": failed_rules,
                "waived": 0,
                "not-applicable": 0,
                "error": 0,
            },
            "findings": {
                "open": open_count,
                "new": new_count,
                "waived": 0,
                "by_severity": {
                    s: sum(1 for f in findings if f["severity"] == s) for s in ("error", "warning", "notice")
                },
            },
        },
        "characteristics": [
            {
                "id": c,
                "title": CHARACTERISTIC_TITLES[c],
                "score": 50 if c == "stable-contracts" else None,
                "level": "none",
                "passed": 0,
                "failed": 1 if c in ("stable-contracts", "clear-ownership") else 0,
                "waived": 0,
                "not_applicable": 0,
                "errors": 0,
            }
            for c in CHARACTERISTICS
        ],
        "gaps": [
            {
                "rule_id": r["id"],
                "title": r["title"],
                "level": "bronze",
                "state": "fail",
                "remediation": r["remediation"],
            }
            for r in rules
            if r["findings"]
        ],
        "rules": rules,
        "notices": [],
    }


def write_report(tmp: Path, report: dict[str, Any]) -> Path:
    path = tmp / "report.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    return path


def pr_env(tmp: Path, **extra: str) -> dict[str, str]:
    """The environment a runner sets for a pull_request event on acme/widgets#7."""
    event = {
        "number": PR_NUMBER,
        "pull_request": {
            "number": PR_NUMBER,
            "labels": [{"name": "api-change"}],
            "base": {"sha": BASE_SHA, "ref": "main", "repo": {"full_name": REPO}},
            "head": {"sha": HEAD_SHA, "ref": "feature", "repo": {"full_name": REPO}},
        },
    }
    event_path = tmp / "event.json"
    event_path.write_text(json.dumps(event), encoding="utf-8")
    summary = tmp / "step-summary.md"
    output = tmp / "github-output.txt"
    env = {
        "GITHUB_ACTIONS": "true",
        "GITHUB_EVENT_NAME": "pull_request",
        "GITHUB_EVENT_PATH": str(event_path),
        "GITHUB_REPOSITORY": REPO,
        "GITHUB_SHA": "0" * 40,
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_API_URL": "https://api.github.com",
        "GITHUB_RUN_ID": "99",
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(output),
        "GITHUB_TOKEN": "ghs_testtoken000000000000000000000000",
    }
    env.update(extra)
    return env

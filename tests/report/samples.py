"""Builders of sample JSON report dicts (``schemas/report.schema.json``) for the reporter tests.

``small()``, ``waived()``, ``pr_mode()``, ``hostile()`` and ``huge()`` return reports
that validate against the schema (``test_report_samples.py`` checks). Summary,
characteristic scores and gaps are derived from the rules, the way evaluation
would, so the samples stay consistent whatever rules they hold.
"""

from __future__ import annotations

import hashlib
from typing import Any

from platform_lint.model import CHARACTERISTIC_TITLES, CHARACTERISTICS, LEVELS

GENERATED_AT = "2024-05-01T12:00:00Z"
VERSION = "0.1.0"


def fingerprint(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:32]


def location(
    path: str,
    line: int | None = None,
    column: int | None = None,
    *,
    end_line: int | None = None,
    end_column: int | None = None,
    snippet: str | None = None,
) -> dict[str, Any]:
    return {
        "path": path,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "snippet": snippet,
    }


def finding(
    rule_id: str,
    message: str,
    loc: dict[str, Any] | None = None,
    *,
    severity: str = "error",
    status: str = "open",
    new: bool | None = None,
    waiver: dict[str, Any] | None = None,
    code: str = "missing",
    key: str = "",
) -> dict[str, Any]:
    return {
        "code": code,
        "message": message,
        "severity": severity,
        "status": status,
        "fingerprint": fingerprint(rule_id, (loc or {}).get("path", ""), key or message),
        "new": new,
        "location": loc,
        "waiver": waiver,
        "args": {},
    }


def waiver(reason: str, expires: str = "2024-09-30", approver: str | None = None) -> dict[str, Any]:
    return {"reason": reason, "expires": expires, "approver": approver}


def rule(
    rule_id: str,
    characteristic: str,
    state: str,
    *,
    level: str = "bronze",
    severity: str = "error",
    title: str | None = None,
    findings: list[dict[str, Any]] | None = None,
    evidence: list[dict[str, Any]] | None = None,
    reason: str | None = None,
    remediation: str | None = None,
    check_type: str = "file-exists",
    docs_url: str | None = "auto",
) -> dict[str, Any]:
    return {
        "id": rule_id,
        "title": title or rule_id.split(".", 1)[-1].replace("-", " ").capitalize(),
        "characteristic": characteristic,
        "level": level,
        "severity": severity,
        "check_type": check_type,
        "state": state,
        "reason": reason,
        "remediation": remediation or f"Add what {rule_id} looks for; see the docs for an example.",
        "docs_url": f"https://platform-lint.dev/rules/{rule_id}" if docs_url == "auto" else docs_url,
        "findings": findings or [],
        "evidence": evidence or [],
    }


def _level_reached(rules: list[dict[str, Any]]) -> str:
    reached = "none"
    for level in LEVELS:
        upto = LEVELS[: LEVELS.index(level) + 1]
        if any(r["state"] in ("fail", "error") for r in rules if r["level"] in upto):
            break
        reached = level
    return reached


def report(
    rules: list[dict[str, Any]],
    *,
    base_ref: str | None = None,
    notices: list[dict[str, Any]] | None = None,
    target: str = "/work/repo",
) -> dict[str, Any]:
    """A full report around ``rules``: summary, characteristics and gaps derived from them."""
    level = _level_reached(rules)
    next_level = None if level == "gold" else LEVELS[0 if level == "none" else LEVELS.index(level) + 1]
    gaps = [
        {
            "rule_id": r["id"],
            "title": r["title"],
            "level": r["level"],
            "state": r["state"],
            "remediation": r["remediation"],
        }
        for r in rules
        if next_level
        and r["state"] in ("fail", "error")
        and LEVELS.index(r["level"]) <= LEVELS.index(next_level)
    ]
    characteristics = []
    for cid in CHARACTERISTICS:
        mine = [r for r in rules if r["characteristic"] == cid]
        if not mine:
            continue
        count = {
            s: sum(1 for r in mine if r["state"] == s)
            for s in ("pass", "fail", "waived", "not-applicable", "error")
        }
        judged = count["pass"] + count["fail"] + count["waived"]
        characteristics.append(
            {
                "id": cid,
                "title": CHARACTERISTIC_TITLES[cid],
                "score": round(100 * (count["pass"] + count["waived"]) / judged, 1) if judged else None,
                "level": _level_reached(mine),
                "passed": count["pass"],
                "failed": count["fail"],
                "waived": count["waived"],
                "not_applicable": count["not-applicable"],
                "errors": count["error"],
            }
        )
    all_findings = [f for r in rules for f in r["findings"]]
    open_ = [f for f in all_findings if f["status"] == "open"]
    judged_rules = [r for r in rules if r["state"] in ("pass", "fail", "waived")]
    return {
        "schema_version": 1,
        "tool": {
            "name": "platform-lint",
            "version": VERSION,
            "information_uri": "https://github.com/platform-lint/platform-lint",
        },
        "generated_at": GENERATED_AT,
        "target": target,
        "base_ref": base_ref,
        "policy": {"sources": ["builtin:recommended", ".platform-lint.yml"]},
        "summary": {
            "level": level,
            "next_level": next_level,
            "score": round(100 * sum(1 for r in judged_rules if r["state"] != "fail") / len(judged_rules), 1)
            if judged_rules
            else 0,
            "rules": {
                "total": len(rules),
                **{
                    s: sum(1 for r in rules if r["state"] == s)
                    for s in ("pass", "fail", "waived", "not-applicable", "error")
                },
            },
            "findings": {
                "open": len(open_),
                "new": sum(1 for f in open_ if f["new"] is not False),
                "waived": sum(1 for f in all_findings if f["status"] == "waived"),
                "by_severity": {
                    s: sum(1 for f in open_ if f["severity"] == s) for s in ("error", "warning", "notice")
                },
            },
        },
        "characteristics": characteristics,
        "gaps": gaps,
        "rules": rules,
        "notices": notices or [],
    }


# -- the samples -------------------------------------------------------------------------------------


def _small_rules(new: bool | None = None) -> list[dict[str, Any]]:
    def n(value: bool) -> bool | None:
        return value if new is not None else None

    return [
        rule(
            "ownership.codeowners-present",
            "clear-ownership",
            "pass",
            title="CODEOWNERS is present",
            evidence=[
                finding(
                    "ownership.codeowners-present",
                    "found .github/CODEOWNERS",
                    location(".github/CODEOWNERS"),
                    status="note",
                    code="found",
                )
            ],
        ),
        rule(
            "ownership.codeowners-coverage",
            "clear-ownership",
            "fail",
            level="silver",
            title="CODEOWNERS covers the tree",
            check_type="codeowners.coverage",
            remediation="Add a CODEOWNERS entry for every top-level directory so each change has a reviewer.",
            findings=[
                finding(
                    "ownership.codeowners-coverage",
                    "no owner for 12 files under services/billing/",
                    location("services/billing"),
                    new=n(True),
                    key="services/billing",
                ),
                finding(
                    "ownership.codeowners-coverage",
                    "pattern `/docs/old/` matches no file",
                    location(".github/CODEOWNERS", 7, 1, end_line=7, end_column=11, snippet="/docs/old/ @a"),
                    severity="warning",
                    new=n(False),
                    key="/docs/old/",
                ),
            ],
        ),
        rule(
            "devex.readme-quickstart",
            "developer-first-design",
            "fail",
            title="README has a quickstart",
            check_type="file-contains",
            remediation="Add a 'Quickstart' section to README.md with the commands a newcomer runs first.",
            findings=[
                finding(
                    "devex.readme-quickstart",
                    "README.md has no quickstart section",
                    location("README.md"),
                    new=n(True),
                )
            ],
        ),
        rule(
            "self-service.one-command-setup",
            "self-service",
            "pass",
            title="One-command dev setup",
            evidence=[
                finding(
                    "self-service.one-command-setup",
                    "Makefile target `setup`",
                    location("Makefile", 3, 1),
                    status="note",
                    code="found",
                )
            ],
        ),
        rule(
            "contracts.openapi-valid",
            "stable-contracts",
            "not-applicable",
            level="silver",
            title="API specs validate",
            check_type="contracts.validate",
            reason="no API specification in the repository",
        ),
        rule("defaults.precommit", "opinionated-defaults", "pass", title="pre-commit is configured"),
        rule(
            "observability.otel-config",
            "observable-by-design",
            "error",
            level="silver",
            title="Telemetry is configured",
            check_type="telemetry.config",
            reason="otel-collector.yaml could not be parsed",
            findings=[
                finding(
                    "observability.otel-config",
                    "otel-collector.yaml: mapping values are not allowed",
                    location("deploy/otel-collector.yaml", 4, 9),
                    status="note",
                    code="parse-error",
                )
            ],
        ),
        rule(
            "adoption.catalog-registered",
            "measured-adoption",
            "fail",
            level="gold",
            severity="notice",
            title="Registered in the catalog",
            remediation="Add catalog-info.yaml so the service shows up in the software catalog.",
            findings=[
                finding(
                    "adoption.catalog-registered",
                    "catalog-info.yaml is missing",
                    None,
                    severity="notice",
                    new=n(False),
                )
            ],
        ),
        rule("docs.changelog", "versioned-documented", "pass", title="CHANGELOG is kept", docs_url=None),
        rule(
            "golden-paths.template-origin",
            "golden-paths",
            "not-applicable",
            level="gold",
            title="Created from a template",
            reason="not a service repository",
        ),
    ]


def small() -> dict[str, Any]:
    """A handful of rules in every state, open findings with and without file locations."""
    return report(_small_rules())


def waived() -> dict[str, Any]:
    """Waived findings (one rule fully waived, one partly) and waiver notices."""
    rules = _small_rules()
    rules[1] = rule(
        "ownership.codeowners-coverage",
        "clear-ownership",
        "fail",
        level="silver",
        title="CODEOWNERS covers the tree",
        check_type="codeowners.coverage",
        findings=[
            finding(
                "ownership.codeowners-coverage",
                "no owner for 3 files under tools/",
                location("tools"),
                key="tools",
            ),
            finding(
                "ownership.codeowners-coverage",
                "no owner for 12 files under services/billing/",
                location("services/billing"),
                status="waived",
                key="services/billing",
                waiver=waiver("billing team onboarding in Q3", "2024-05-10", "alice"),
            ),
        ],
    )
    rules[2] = rule(
        "devex.readme-quickstart",
        "developer-first-design",
        "waived",
        title="README has a quickstart",
        check_type="file-contains",
        findings=[
            finding(
                "devex.readme-quickstart",
                "README.md has no quickstart section",
                location("README.md"),
                status="waived",
                waiver=waiver("docs rewrite tracked in PLAT-12", "2024-09-30"),
            )
        ],
    )
    notices = [
        {
            "kind": "waiver-expiring",
            "message": "waiver for ownership.codeowners-coverage expires on 2024-05-10 (in 9 days)",
            "location": location(".platform-lint.yml", 14, 5),
        },
        {
            "kind": "waiver-expired",
            "message": "waiver for docs.changelog expired on 2024-04-01 and no longer applies",
            "location": location(".platform-lint.yml", 21, 5),
        },
    ]
    return report(rules, notices=notices)


def pr_mode() -> dict[str, Any]:
    """A comparison run: open findings split into new and already there."""
    return report(_small_rules(new=True), base_ref="origin/main")


def hostile() -> dict[str, Any]:
    """Messages and paths with Markdown/HTML/terminal control characters and non-ASCII paths."""
    rid = "ownership.codeowners-owners"
    nasty = [
        finding(
            rid,
            "owner @acme/ghosts | does not exist <script>alert(1)</script>",
            location("docs/a|b <x>.md", 2, 3),
            key="1",
        ),
        finding(
            rid,
            "pattern `**/*.md` shadows `docs/` *twice* _here_ [link](http://x)",
            location("dir with space/ünïcödé#?.yaml", 5),
            key="2",
        ),
        finding(rid, "line one\nline two\x1b[31m red \x1b[0m\r\nend", location("C:\\odd\\win.txt"), key="3"),
        finding(
            rid,
            "50% & <b>bold</b> &amp; ```fence```",
            location("100%/[x](y).md", 1, 1),
            key="4",
            severity="warning",
        ),
    ]
    rules = [
        rule(
            rid,
            "clear-ownership",
            "fail",
            title="Owners <exist> | `really`",
            findings=nasty,
            check_type="codeowners.owners",
        )
    ]
    return report(rules, target="acme/<repo>@main")


def huge(total: int = 50_000, rule_count: int = 18) -> dict[str, Any]:
    """``total`` open findings over ``rule_count`` rules, mixed severities, some new."""
    rules = []
    per_rule = total // rule_count
    extra = total - per_rule * rule_count
    for index in range(rule_count):
        characteristic = CHARACTERISTICS[index % len(CHARACTERISTICS)]
        rid = f"bulk.rule-{index:02d}"
        severity = ("error", "warning", "notice")[index % 3]
        count = per_rule + (1 if index < extra else 0)
        findings = [
            finding(
                rid,
                f"file number {i} lacks a licence header | see <LICENSE>",
                location(f"src/pkg{i % 97}/module_{i}.py", 1 + i % 300, 1 + i % 7),
                severity=severity,
                new=(i % 5 == 0),
                key=str(i),
            )
            for i in range(count)
        ]
        rules.append(
            rule(
                rid,
                characteristic,
                "fail",
                level=LEVELS[index % 3],
                severity=severity,
                title=f"Bulk rule {index}",
                findings=findings,
                check_type="file-contains",
            )
        )
    return report(rules, base_ref="origin/main")


SAMPLES = {"small": small, "waived": waived, "pr": pr_mode, "hostile": hostile}
"""The samples with golden files (``huge`` is checked by size, not golden)."""

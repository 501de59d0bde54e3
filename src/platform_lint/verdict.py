"""Which findings fail a run, decided the same way for the CLI, the Action and publishers.

Works on the JSON report (``schemas/report.schema.json``), the interchange format
every reporter and publisher reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from platform_lint.model import SEVERITIES, severity_rank

FAIL_ON = ("error", "warning", "notice", "never")
SCOPES = ("new", "all")


def failing_findings(
    report: Mapping[str, Any], fail_on: str = "error", scope: str = "new"
) -> list[dict[str, Any]]:
    """Open findings at or above ``fail_on``.

    With ``scope="new"`` and a comparison run (``base_ref`` set), only findings
    the change introduced count; without a base every open finding is new.
    """
    if fail_on == "never":
        return []
    threshold = severity_rank(fail_on) if fail_on in SEVERITIES else severity_rank("error")
    out: list[dict[str, Any]] = []
    for rule in report.get("rules", []):
        for finding in rule.get("findings", []):
            if finding.get("status") != "open":
                continue
            if severity_rank(finding.get("severity", "error")) < threshold:
                continue
            if scope == "new" and finding.get("new") is False:
                continue
            out.append({**finding, "rule_id": rule["id"]})
    return out


def run_failed(report: Mapping[str, Any], fail_on: str = "error", scope: str = "new") -> bool:
    """True when the run fails at ``fail_on``; an error-state rule alone never fails it."""
    return bool(failing_findings(report, fail_on, scope))

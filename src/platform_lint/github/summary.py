"""What the pull request sees, worked out from the JSON report: verdict, summary, annotations.

Pure functions over the report dict (``schemas/report.schema.json``); the pass/fail
decision is :func:`platform_lint.verdict.failing_findings`, never re-implemented here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from platform_lint.github.annotations import Annotation
from platform_lint.model import severity_rank
from platform_lint.report.markdown import render_markdown
from platform_lint.verdict import failing_findings

CHECK_SUMMARY_LIMIT = 65535
COMMENT_LIMIT = 65536


@dataclass(frozen=True)
class Verdict:
    failed: bool
    conclusion: str  # success | failure | neutral
    title: str
    failing: tuple[Mapping[str, Any], ...]
    fail_on: str
    scope: str


def open_findings(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    out = []
    for rule in report.get("rules", []):
        for finding in rule.get("findings", []):
            if finding.get("status") == "open":
                out.append(
                    {
                        **finding,
                        "rule_id": rule["id"],
                        "rule_title": rule.get("title", rule["id"]),
                        "docs_url": rule.get("docs_url"),
                        "remediation": rule.get("remediation", ""),
                    }
                )
    return out


def decide(report: Mapping[str, Any], fail_on: str = "error", scope: str = "new") -> Verdict:
    """The check's conclusion: failure when anything fails at ``fail_on``; neutral when nothing
    could be judged or ``fail_on`` is never while findings are open; success otherwise."""
    failing = tuple(failing_findings(report, fail_on, scope))
    summary = report.get("summary", {})
    rules = summary.get("rules", {})
    judged = int(rules.get("pass", 0)) + int(rules.get("fail", 0))
    level = summary.get("level", "none")
    if failing:
        conclusion = "failure"
    elif judged == 0 or (fail_on == "never" and summary.get("findings", {}).get("open", 0)):
        conclusion = "neutral"
    else:
        conclusion = "success"
    n = len(failing)
    if failing:
        what = "new " if scope == "new" and report.get("base_ref") else ""
        title = f"Level {level}: {n} {what}finding{'s' if n != 1 else ''} at or above {fail_on}"
    else:
        title = f"Level {level}: score {summary.get('score', 0):g}"
    return Verdict(
        failed=bool(failing),
        conclusion=conclusion,
        title=title,
        failing=failing,
        fail_on=fail_on,
        scope=scope,
    )


def annotation_for(finding: Mapping[str, Any]) -> Annotation | None:
    """A line annotation for a file-located finding; None for repository-level ones."""
    loc = finding.get("location")
    if not loc or not loc.get("path"):
        return None
    line = loc.get("line") or 1
    end_line = loc.get("end_line") or line
    if end_line < line:
        end_line = line
    column = end_column = None
    if end_line == line and loc.get("column"):  # the API takes columns only on one-line annotations
        column = loc["column"]
        end_column = loc.get("end_column") or column
        if end_column < column:
            end_column = column
    rule_id = finding.get("rule_id", "platform-lint")
    details = finding.get("remediation") or None
    return Annotation(
        level=finding.get("severity", "warning"),
        message=finding.get("message", ""),
        title=f"platform-lint {rule_id}",
        path=loc["path"],
        line=line,
        end_line=end_line,
        column=column,
        end_column=end_column,
        raw_details=details,
    )


def report_annotations(report: Mapping[str, Any], scope: str = "new") -> list[Annotation]:
    """Annotations for open findings in scope (only the change's new ones with ``scope="new"``),
    most severe first."""
    chosen = [f for f in open_findings(report) if not (scope == "new" and f.get("new") is False)]
    chosen.sort(
        key=lambda f: (
            -severity_rank(f.get("severity", "notice")),
            (f.get("location") or {}).get("path") or "",
            (f.get("location") or {}).get("line") or 0,
        )
    )
    return [a for a in (annotation_for(f) for f in chosen) if a is not None]


def verdict_lines(report: Mapping[str, Any], verdict: Verdict) -> str:
    """One or two lines saying whether this check passes, and why."""
    if verdict.failed:
        n = len(verdict.failing)
        which = " introduced by this change" if verdict.scope == "new" and report.get("base_ref") else ""
        return (
            f"**❌ Failing:** {n} open finding{'s' if n != 1 else ''}{which} at or above "
            f"`{verdict.fail_on}`.\n"
        )
    if verdict.fail_on == "never":
        return "**✅ Not failing:** `fail-on: never` (findings are reported, never fail the check).\n"
    only_new = verdict.scope == "new" and report.get("base_ref")
    return f"**✅ Passing** at `fail-on: {verdict.fail_on}`" + (
        " (only findings this change introduces count).\n" if only_new else ".\n"
    )


def render_summary(
    report: Mapping[str, Any],
    verdict: Verdict,
    *,
    max_chars: int = CHECK_SUMMARY_LIMIT,
    link_base: str | None = None,
    details_url: str | None = None,
) -> str:
    """The verdict, then the Markdown report (level, gaps, characteristic table, new findings first),
    within ``max_chars``."""
    head = verdict_lines(report, verdict)
    if details_url:
        head += f"\n[Workflow run]({details_url})\n"
    head += "\n"
    return head + render_markdown(report, max_chars=max_chars - len(head), link_base=link_base)

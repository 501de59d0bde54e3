"""Line annotations from the report, and what works without any API permission: workflow
commands and the step summary.

The runner turns ``::error file=…,line=…::message`` lines on stdout into annotations.
It shows at most 10 of each level per step, so we print 10 per level and one notice
with the total. Escaping follows the runner: in the message ``%``, ``\\r`` and ``\\n``; in
property values also ``:`` and ``,``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from platform_lint import safety
from platform_lint.model import severity_rank
from platform_lint.report.model import Report, ReportFinding, ReportRule
from platform_lint.verdict import is_new, open_in_scope

RUNNER_LIMIT_PER_LEVEL = 10
STEP_SUMMARY_LIMIT = 1024 * 1024  # bytes the runner accepts per step
COMMAND_LEVEL = {"error": "error", "warning": "warning", "notice": "notice"}
_TRUNCATED = "\n\n_… truncated by platform-lint: the step summary is limited to 1 MiB._\n"


def escape_data(value: str) -> str:
    """A workflow command's message: no control characters or terminal escapes (they would reach
    the log as they are), ``%``, ``\\r`` and ``\\n`` escaped as the runner expects."""
    value = safety.strip_controls(value, keep_carriage_returns=True)
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


@dataclass(frozen=True)
class Annotation:
    """One line annotation, independent of how it is sent (check run or workflow command)."""

    level: str  # error | warning | notice
    message: str
    title: str
    path: str | None = None
    line: int | None = None
    end_line: int | None = None
    column: int | None = None
    end_column: int | None = None
    raw_details: str | None = None


def annotation_for(rule: ReportRule, finding: ReportFinding) -> Annotation | None:
    """A line annotation for a file-located finding; None for repository-level ones."""
    loc = finding.location
    if loc is None or not loc.path:
        return None
    line = loc.line or 1
    end_line = max(loc.end_line or line, line)
    column = end_column = None
    if end_line == line and loc.column:  # the API takes columns only on one-line annotations
        column = loc.column
        end_column = max(loc.end_column or column, column)
    return Annotation(
        level=finding.severity,
        message=finding.message,
        title=f"platform-lint {rule.id}",
        path=loc.path,
        line=line,
        end_line=end_line,
        column=column,
        end_column=end_column,
        raw_details=rule.remediation or None,
    )


def report_annotations(report: Report, scope: str) -> list[Annotation]:
    """Annotations for the open findings in ``scope`` (:func:`platform_lint.verdict.open_in_scope`):
    new findings first, then the most severe (a check run shows only the first
    :data:`platform_lint.github.checks.MAX_ANNOTATIONS`)."""
    chosen = sorted(
        open_in_scope(report.findings("open"), scope),
        key=lambda item: (
            not is_new(item[1]),
            -severity_rank(item[1].severity),
            item[1].location.path if item[1].location else "",
            (item[1].location.line or 0) if item[1].location else 0,
        ),
    )
    return [a for a in (annotation_for(rule, f) for rule, f in chosen) if a is not None]


def workflow_command(annotation: Annotation) -> str:
    props: list[tuple[str, Any]] = [
        ("file", annotation.path),
        ("line", annotation.line),
        ("endLine", annotation.end_line),
        ("col", annotation.column),
        ("endColumn", annotation.end_column),
        ("title", annotation.title),
    ]
    rendered = ",".join(f"{k}={escape_property(str(v))}" for k, v in props if v not in (None, ""))
    command = COMMAND_LEVEL.get(annotation.level, "notice")
    head = f"::{command} {rendered}" if rendered else f"::{command}"
    return f"{head}::{escape_data(annotation.message)}"


def emit_workflow_annotations(
    annotations: Sequence[Annotation], out: TextIO, limit: int = RUNNER_LIMIT_PER_LEVEL
) -> dict[str, int]:
    """Print at most ``limit`` commands per level, then a notice with the totals.

    Returns the number printed per level.
    """
    shown: dict[str, int] = {}
    totals: dict[str, int] = {}
    for annotation in annotations:
        level = COMMAND_LEVEL.get(annotation.level, "notice")
        totals[level] = totals.get(level, 0) + 1
        if shown.get(level, 0) >= limit:
            continue
        shown[level] = shown.get(level, 0) + 1
        out.write(workflow_command(annotation) + "\n")
    total = sum(totals.values())
    if total:
        parts = ", ".join(f"{totals[k]} {k}" for k in ("error", "warning", "notice") if k in totals)
        hidden = total - sum(shown.values())
        more = f"; {hidden} not shown as annotations (the runner shows {limit} per level)" if hidden else ""
        out.write(
            workflow_command(
                Annotation(
                    level="notice",
                    title="platform-lint",
                    message=f"platform-lint: {total} finding(s) to annotate ({parts}){more}. "
                    f"The full list is in the step summary and the JSON report.",
                )
            )
            + "\n"
        )
    return shown


def append_step_summary(
    markdown: str, env: Mapping[str, str] | None = None, limit: int = STEP_SUMMARY_LIMIT
) -> Path | None:
    """Append ``markdown`` to ``$GITHUB_STEP_SUMMARY`` without passing the runner's limit.

    Returns the file written, or None outside GitHub Actions.
    """
    env = os.environ if env is None else env
    target = env.get("GITHUB_STEP_SUMMARY")
    if not target:
        return None
    path = Path(target)
    used = path.stat().st_size if path.exists() else 0
    room = limit - used
    data = (markdown.rstrip("\n") + "\n").encode("utf-8")
    if len(data) > room:
        marker = _TRUNCATED.encode("utf-8")
        if room <= len(marker):
            return path  # nothing fits; the runner would reject the whole summary
        data = data[: room - len(marker)].decode("utf-8", errors="ignore").encode("utf-8") + marker
    with path.open("ab") as fh:
        fh.write(data)
    return path


def set_outputs(values: Mapping[str, str], env: Mapping[str, str] | None = None) -> bool:
    """Write step outputs to ``$GITHUB_OUTPUT``; False outside Actions."""
    env = os.environ if env is None else env
    target = env.get("GITHUB_OUTPUT")
    if not target:
        return False
    with open(target, "a", encoding="utf-8") as fh:
        for key, value in values.items():
            if "\n" in value:
                delimiter = "PLATFORM_LINT_EOF"
                fh.write(f"{key}<<{delimiter}\n{value}\n{delimiter}\n")
            else:
                fh.write(f"{key}={value}\n")
    return True

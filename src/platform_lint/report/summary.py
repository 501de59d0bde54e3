"""What a pull request reads: the verdict in words, then the Markdown report.

The check run's summary, the step summary and the sticky comment
(:mod:`platform_lint.report.comment`) all start this way. The pass/fail decision is
:func:`platform_lint.verdict.decide`, never re-implemented here.
"""

from __future__ import annotations

from platform_lint.report.markdown import MAX_CHARS, escape, render_markdown
from platform_lint.report.model import Report
from platform_lint.report.reporter import RenderOptions, Reporter
from platform_lint.verdict import Verdict, decide

STEP_SUMMARY_CHARS = 512 * 1024
"""Characters for the step summary unless told (the runner takes 1 MiB per step; room is left
for other steps)."""


def check_title(report: Report, verdict: Verdict) -> str:
    """The check run's title: the level, then what fails or the score."""
    level = report.summary.level
    if verdict.failed and not verdict.failing:
        n = len(verdict.unjudged)
        return f"Level {level}: {n} rule{'s' if n != 1 else ''} could not be judged (on-error: fail)"
    if verdict.failed:
        n = len(verdict.failing)
        what = "new " if verdict.only_new else ""
        return f"Level {level}: {n} {what}finding{'s' if n != 1 else ''} at or above {verdict.fail_on}"
    return f"Level {level}: score {report.summary.score:g}"


def verdict_lines(verdict: Verdict) -> str:
    """One or two lines saying whether this check passes, and why (and what ``--on-error`` did
    when the environment kept rules from being judged)."""
    line = _verdict_line(verdict)
    unjudged = verdict.unjudged_line
    return line + (f"\n**⚠️ {escape(unjudged, limit=None)}.**\n" if unjudged else "")


def _verdict_line(verdict: Verdict) -> str:
    if not verdict.failing and verdict.failed:  # only rules in error, with --on-error fail
        n = len(verdict.unjudged)
        return f"**❌ Failing:** {n} rule{'s' if n != 1 else ''} could not be judged (`on-error: fail`).\n"
    if verdict.failed:
        n = len(verdict.failing)
        which = " introduced by this change" if verdict.only_new else ""
        return (
            f"**❌ Failing:** {n} open finding{'s' if n != 1 else ''}{which} at or above "
            f"`{verdict.fail_on}`.\n"
        )
    if verdict.fail_on == "never":
        return "**✅ Not failing:** `fail-on: never` (findings are reported, never fail the check).\n"
    return f"**✅ Passing** at `fail-on: {verdict.fail_on}`" + (
        " (only findings this change introduces count).\n" if verdict.only_new else ".\n"
    )


def render_summary(
    report: Report,
    verdict: Verdict,
    *,
    max_chars: int = MAX_CHARS,
    link_base: str | None = None,
    details_url: str | None = None,
) -> str:
    """The verdict, then the Markdown report (level, gaps, characteristic table, new findings first),
    within ``max_chars``."""
    head = verdict_lines(verdict)
    if details_url:
        head += f"\n[Workflow run]({details_url})\n"
    head += "\n"
    return head + render_markdown(report, max_chars=max_chars - len(head), link_base=link_base)


def _render(report: Report, options: RenderOptions) -> str:
    return render_summary(
        report,
        decide(report, options.fail_on, options.scope, options.on_error_for(report)),
        max_chars=options.max_chars or STEP_SUMMARY_CHARS,
        link_base=options.link_base,
        details_url=options.details_url,
    )


REPORTER = Reporter(
    name="github-summary",
    summary="the verdict at --fail-on and the Markdown report, for a check run or $GITHUB_STEP_SUMMARY",
    render=_render,
)

"""Put a report on GitHub: check run, line annotations, sticky comment, step summary, SARIF, outputs.

:class:`PublishSettings` is what the user asked for (``commands/publish.py`` parses it
from argv); :func:`platform_lint.app.build_publisher` loads the report and reads the
event, and :meth:`Publisher.run` does the rest and returns the exit status. Every text
comes from a reporter in :mod:`platform_lint.report.registry`; whether the run fails
is :func:`platform_lint.verdict.decide`. When GitHub refuses (a fork's read-only token,
a 403), the verdict still reaches the pull request through workflow-command annotations
and the step summary, and the exit status is still set by ``fail_on``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TextIO

from platform_lint import safety
from platform_lint.errors import EXIT_FINDINGS, EXIT_OK, GitHubError
from platform_lint.github.annotations import (
    Annotation,
    append_step_summary,
    emit_workflow_annotations,
    escape_data,
    escape_property,
    report_annotations,
    set_outputs,
)
from platform_lint.github.checks import MAX_ANNOTATIONS, SUMMARY_LIMIT, CheckRunRequest, publish_check_run
from platform_lint.github.client import GitHubClient, GitHubSettings, mask
from platform_lint.github.comments import MODES, publish_comment
from platform_lint.github.event import GitHubEvent
from platform_lint.report import comment, sarif, summary
from platform_lint.report.model import Report
from platform_lint.report.reporter import RenderOptions, write_file
from platform_lint.verdict import DEFAULT_FAIL_ON, DEFAULT_SCOPE, Verdict, decide

DEFAULT_CHECK_NAME = "platform-lint"
COMMENT_MODES = MODES


@dataclass(frozen=True)
class PublishSettings:
    """What ``platform-lint publish`` was asked to do, as plain data."""

    report: Path
    fail_on: str = DEFAULT_FAIL_ON
    scope: str = DEFAULT_SCOPE
    on_error: str | None = None  # None: as the report says (check --on-error), else ignore
    check_run: str | None = DEFAULT_CHECK_NAME
    comment: str = "changes"
    comment_author: str | None = None  # None: the token's own login (github-actions[bot] in Actions)
    annotations: bool = True
    step_summary: bool | None = None  # None: whenever GITHUB_STEP_SUMMARY is set
    sarif_file: Path | None = None
    markdown_file: Path | None = None
    repository: str | None = None
    sha: str | None = None
    pr: int | None = None
    token: str | None = field(default=None, repr=False)
    max_wait: float = 300.0
    """Seconds the whole publish may spend waiting on GitHub (rate limits and retries)."""


class PublishLog:
    """Messages for the job log: workflow commands inside Actions, plain lines elsewhere; the
    token never shows."""

    def __init__(self, out: TextIO, err: TextIO, in_actions: bool, token: str | None) -> None:
        self.out, self.err, self.in_actions, self.token = out, err, in_actions, token

    def info(self, message: str) -> None:
        self.err.write(safety.terminal_text(mask(f"platform-lint: {message}", self.token)) + "\n")

    def warning(self, message: str) -> None:
        message = safety.strip_controls(mask(message, self.token))
        if self.in_actions:
            self.out.write(f"::warning title={escape_property('platform-lint')}::{escape_data(message)}\n")
        else:
            self.err.write(f"platform-lint: warning: {message}\n")


@dataclass(frozen=True)
class Publisher:
    """One publish, wired: the settings, the report, the run's event and where output goes."""

    settings: PublishSettings
    report: Report
    event: GitHubEvent
    github: GitHubSettings
    env: Mapping[str, str]
    log: PublishLog

    @property
    def in_actions(self) -> bool:
        return self.env.get("GITHUB_ACTIONS") == "true"

    @property
    def repository(self) -> str | None:
        return self.settings.repository or self.event.repository

    @property
    def sha(self) -> str | None:
        return self.settings.sha or self.event.report_sha

    @property
    def pr(self) -> int | None:
        return self.settings.pr or self.event.pr_number

    def options(self) -> RenderOptions:
        """How every text of this publish is rendered: links to the commit, the verdict asked for."""
        repository, sha = self.repository, self.sha
        return RenderOptions(
            link_base=f"{self.github.server_url}/{repository}/blob/{sha}/" if repository and sha else None,
            details_url=self.event.run_url,
            fail_on=self.settings.fail_on,
            scope=self.settings.scope,
            on_error=self.settings.on_error,
        )

    def run(self) -> int:
        """Publish everything asked for; the exit status is set by ``fail_on`` whatever GitHub said."""
        s = self.settings
        verdict = decide(self.report, s.fail_on, s.scope, self.options().on_error_for(self.report))
        if self.github.token and self.in_actions:
            self.log.out.write(f"::add-mask::{self.github.token}\n")  # the one place the token is written
        annotations = report_annotations(self.report, s.scope) if s.annotations else []
        wants_api = bool(s.check_run) or (self.pr is not None and s.comment != "off")
        problems: list[str] = []
        client = self._client(problems) if wants_api else None
        check_published = False
        if client is not None and s.check_run:
            check_published = self._check_run(client, s.check_run, verdict, annotations, problems)
        if client is not None and self.pr is not None and s.comment != "off":
            self._comment(client, self.pr, verdict, problems)
        fallback = bool(problems)
        for problem in problems:
            self.log.warning(problem)
        if fallback and wants_api:
            self.log.info("falling back to workflow-command annotations and the step summary")
        if annotations and not check_published and (self.in_actions or fallback):
            shown = emit_workflow_annotations(annotations, self.log.out)
            self.log.info(
                f"{sum(shown.values())} of {len(annotations)} annotation(s) printed as workflow commands"
            )
        self._step_summary(fallback)
        self._files()
        set_outputs(
            {
                "level": self.report.summary.level,
                "score": f"{self.report.summary.score:g}",
                "failed": "true" if verdict.failed else "false",
                "report-json": str(s.report),
                "sarif-file": str(s.sarif_file) if s.sarif_file else "",
                "conclusion": verdict.conclusion,
            },
            self.env,
        )
        if verdict.unjudged_line:
            self.log.warning(verdict.unjudged_line)
        self.log.info(
            f"{summary.check_title(self.report, verdict)} -> {'failed' if verdict.failed else 'passed'} "
            f"(fail-on {s.fail_on}, scope {s.scope}, on-error {verdict.on_error})"
        )
        return EXIT_FINDINGS if verdict.failed else EXIT_OK

    # -- the API ---------------------------------------------------------------------------------------

    def _client(self, problems: list[str]) -> GitHubClient | None:
        if not self.github.token:
            problems.append("no GitHub token (pass the action's 'token' input or set GITHUB_TOKEN)")
            return None
        if not self.repository:
            problems.append("no repository (set GITHUB_REPOSITORY or pass --repo)")
            return None
        return GitHubClient(self.github)

    def _check_run(
        self,
        client: GitHubClient,
        name: str,
        verdict: Verdict,
        annotations: list[Annotation],
        problems: list[str],
    ) -> bool:
        if not self.sha:
            problems.append("no commit for the check run (set GITHUB_SHA or pass --sha)")
            return False
        located = [a for a in annotations if a.path]
        left_out = len(located) - MAX_ANNOTATIONS
        note = (
            f"\n\n_{left_out} of {len(located)} findings are not annotated: a check run gets at most "
            f"{MAX_ANNOTATIONS} annotations (new findings first, then the most severe). Every finding is "
            f"in the report file and in SARIF._\n"
            if left_out > 0
            else ""
        )
        options = replace(self.options(), max_chars=SUMMARY_LIMIT - len(note))
        text = summary.REPORTER.render(self.report, options)
        if note:
            text = text.rstrip("\n") + note
        request = CheckRunRequest(
            name=name,
            head_sha=self.sha,
            title=safety.mask(summary.check_title(self.report, verdict)),
            summary=safety.mask(text),
            conclusion=verdict.conclusion,
            annotations=tuple(annotations),
            details_url=self.event.run_url,
        )
        try:
            result = publish_check_run(client, str(self.repository), request)
        except GitHubError as exc:
            problems.append(str(exc))
            return False
        self.log.info(
            f"check run {name!r}: {verdict.conclusion}, "
            f"{result.annotations_sent} annotation(s) in {result.requests} request(s)"
            + (f"; {result.annotations_left_out} not annotated" if result.annotations_left_out else "")
            + (f" - {result.html_url}" if result.html_url else "")
        )
        return True

    def _comment(self, client: GitHubClient, pr: int, verdict: Verdict, problems: list[str]) -> None:
        try:
            outcome = publish_comment(
                client,
                str(self.repository),
                pr,
                safety.mask(comment.REPORTER.render(self.report, self.options())),
                mode=self.settings.comment,
                failed=verdict.failed,
                has_findings=bool(self.report.summary.findings.open),
                author=self.settings.comment_author,
            )
        except GitHubError as exc:
            problems.append(str(exc))
            return
        self.log.info(
            f"pull request #{pr} comment: {outcome.action}"
            + (f" ({outcome.reason})" if outcome.reason and outcome.action == "skipped" else "")
            + (f" - {outcome.url}" if outcome.url else "")
        )

    # -- files -----------------------------------------------------------------------------------------

    def _step_summary(self, fallback: bool) -> None:
        wanted = self.settings.step_summary if self.settings.step_summary is not None else True
        if (wanted or fallback) and self.env.get("GITHUB_STEP_SUMMARY"):
            append_step_summary(safety.mask(summary.REPORTER.render(self.report, self.options())), self.env)
        elif self.settings.step_summary:
            self.log.info(
                "--step-summary: GITHUB_STEP_SUMMARY is not set, so there is no step summary to write"
            )

    def _files(self) -> None:
        s = self.settings
        if s.markdown_file:
            options = replace(self.options(), max_chars=comment.COMMENT_LIMIT, details_url=None)
            write_file(s.markdown_file, summary.REPORTER.render(self.report, options))
        if s.sarif_file:
            log, left_out = sarif.limit_sarif(sarif.render_sarif(self.report))
            write_file(s.sarif_file, sarif.dumps(log))
            located = sum(len(run.get("results", [])) for run in log.get("runs", []))
            unlocated = sum(
                1 for _, f in self.report.findings() if f.status in ("open", "waived") and f.location is None
            )
            note = (
                f"; {unlocated} repository-level finding(s) left out (no file location)" if unlocated else ""
            )
            self.log.info(f"SARIF {s.sarif_file}: {located} result(s){note}")
            if left_out:
                self.log.warning(left_out)

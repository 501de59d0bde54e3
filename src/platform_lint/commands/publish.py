"""`platform-lint publish`: put a JSON report on GitHub.

A check run with line annotations, one sticky pull-request comment, the step summary,
a SARIF file for code scanning and the step outputs, all from the report written by
``platform-lint check --format json``. When GitHub refuses (a fork's read-only token, a
403), the verdict still reaches the pull request through workflow-command annotations
and the step summary, and the exit status is still set by ``--fail-on``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from platform_lint.errors import EXIT_FINDINGS, EXIT_OK, GitHubError, InputError, UsageError
from platform_lint.github.annotations import (
    STEP_SUMMARY_LIMIT,
    append_step_summary,
    emit_workflow_annotations,
    escape_data,
    escape_property,
    set_outputs,
)
from platform_lint.github.checks import SUMMARY_LIMIT, CheckRunRequest, publish_check_run
from platform_lint.github.client import GitHubClient, GitHubSettings, RetryPolicy, mask
from platform_lint.github.comments import COMMENT_LIMIT, MODES, publish_comment, result_digest
from platform_lint.github.event import read_event
from platform_lint.github.summary import decide, render_summary, report_annotations
from platform_lint.report.load import load_report
from platform_lint.report.sarif import limit_sarif, render_sarif
from platform_lint.verdict import FAIL_ON, SCOPES

DEFAULT_CHECK_NAME = "platform-lint"


@dataclass(frozen=True)
class PublishOptions:
    report: Path
    fail_on: str = "error"
    scope: str = "new"
    check_run: str | None = DEFAULT_CHECK_NAME
    comment: str = "changes"
    annotations: bool = True
    step_summary: bool | None = None  # None: whenever GITHUB_STEP_SUMMARY is set
    sarif_file: Path | None = None
    markdown_file: Path | None = None
    repository: str | None = None
    sha: str | None = None
    pr: int | None = None
    token: str | None = field(default=None, repr=False)
    max_wait: float = 300.0


def register(sub: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        "publish",
        help="publish a JSON report on GitHub: check run, annotations, comment, summary, SARIF",
        description="Publishes a report written by 'platform-lint check --format json' to GitHub. "
        "Exit status: 0 passed, 1 failed at --fail-on, 2 usage or input error. A refused "
        "publish (403) falls back to workflow-command annotations and the step summary.",
    )
    parser.add_argument("--report", required=True, type=Path, metavar="REPORT", help="the JSON report")
    parser.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default="error",
        help="lowest severity that fails the run (default: error)",
    )
    parser.add_argument(
        "--scope",
        choices=SCOPES,
        default="new",
        help="new: only findings the pull request introduced fail it (default); all: every open finding",
    )
    check = parser.add_mutually_exclusive_group()
    check.add_argument(
        "--check-run",
        default=DEFAULT_CHECK_NAME,
        metavar="NAME",
        help=f"name of the check run (default: {DEFAULT_CHECK_NAME})",
    )
    check.add_argument(
        "--no-check-run",
        dest="check_run",
        action="store_const",
        const=None,
        help="do not create a check run (annotations go out as workflow commands)",
    )
    parser.add_argument(
        "--comment",
        choices=MODES,
        default="changes",
        help="sticky pull-request comment: always, changes (default), failures or off",
    )
    parser.add_argument(
        "--annotations",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="line annotations (turn off when SARIF is uploaded, so nothing shows twice)",
    )
    parser.add_argument(
        "--step-summary",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="append the summary to $GITHUB_STEP_SUMMARY (default: when it is set)",
    )
    parser.add_argument(
        "--sarif-file",
        type=Path,
        metavar="FILE",
        help="write SARIF for github/codeql-action/upload-sarif (within code scanning's limits)",
    )
    parser.add_argument("--markdown-file", type=Path, metavar="FILE", help="also write the summary here")
    parser.add_argument(
        "--repo", dest="repository", metavar="OWNER/NAME", help="repository (default: $GITHUB_REPOSITORY)"
    )
    parser.add_argument(
        "--sha", metavar="SHA", help="commit for the check run (default: the PR head or $GITHUB_SHA)"
    )
    parser.add_argument(
        "--pr", type=int, metavar="NUMBER", help="pull request to comment on (default: from the event)"
    )
    parser.add_argument(
        "--max-wait",
        type=float,
        default=300.0,
        metavar="SECONDS",
        help="longest wait for a GitHub rate limit to lift (default: 300)",
    )
    parser.set_defaults(handler=run)
    return parser


def options_from_args(args: argparse.Namespace) -> PublishOptions:
    if args.check_run is not None and not str(args.check_run).strip():
        raise UsageError("--check-run needs a name (or use --no-check-run)")
    return PublishOptions(
        report=args.report,
        fail_on=args.fail_on,
        scope=args.scope,
        check_run=args.check_run,
        comment=args.comment,
        annotations=args.annotations,
        step_summary=args.step_summary,
        sarif_file=args.sarif_file,
        markdown_file=args.markdown_file,
        repository=args.repository,
        sha=args.sha,
        pr=args.pr,
        max_wait=args.max_wait,
    )


def run(args: argparse.Namespace) -> int:
    return publish(options_from_args(args), env=os.environ, out=sys.stdout, err=sys.stderr)


class _Log:
    """Messages for the job log: workflow commands inside Actions, plain lines elsewhere."""

    def __init__(self, out: TextIO, err: TextIO, in_actions: bool, token: str | None) -> None:
        self.out, self.err, self.in_actions, self.token = out, err, in_actions, token

    def info(self, message: str) -> None:
        self.err.write(mask(f"platform-lint: {message}", self.token) + "\n")

    def warning(self, message: str) -> None:
        message = mask(message, self.token)
        if self.in_actions:
            self.out.write(f"::warning title={escape_property('platform-lint')}::{escape_data(message)}\n")
        else:
            self.err.write(f"platform-lint: warning: {message}\n")


def _client(
    options: PublishOptions, env: Mapping[str, str], token: str | None, retry: RetryPolicy | None, log: _Log
) -> GitHubClient:
    policy = retry or RetryPolicy(max_wait=options.max_wait, log=log.info)
    return GitHubClient(GitHubSettings.from_env(token, env, policy))


def publish(
    options: PublishOptions,
    *,
    env: Mapping[str, str],
    out: TextIO,
    err: TextIO,
    retry: RetryPolicy | None = None,
) -> int:
    """Publish and return the exit status set by ``fail_on``; ``retry`` lets tests inject a sleep."""
    report = load_report(options.report)
    verdict = decide(report, options.fail_on, options.scope)
    event = read_event(env)
    in_actions = env.get("GITHUB_ACTIONS") == "true"
    settings = GitHubSettings.from_env(options.token, env)
    token = settings.token
    log = _Log(out, err, in_actions, token)
    if token and in_actions:
        out.write(f"::add-mask::{token}\n")
    repository = options.repository or event.repository
    sha = options.sha or event.report_sha
    pr = options.pr or event.pr_number
    link_base = f"{settings.server_url}/{repository}/blob/{sha}/" if repository and sha else None
    annotations = report_annotations(report, options.scope) if options.annotations else []

    wants_api = bool(options.check_run) or (pr is not None and options.comment != "off")
    client: GitHubClient | None = None
    problems: list[str] = []
    if wants_api:
        if not token:
            problems.append("no GitHub token (pass the action's 'token' input or set GITHUB_TOKEN)")
        elif not repository:
            problems.append("no repository (set GITHUB_REPOSITORY or pass --repo)")
        else:
            client = _client(options, env, token, retry, log)

    check_published = False
    if options.check_run and client is not None:
        if not sha:
            problems.append("no commit for the check run (set GITHUB_SHA or pass --sha)")
        else:
            summary = render_summary(
                report, verdict, max_chars=SUMMARY_LIMIT, link_base=link_base, details_url=event.run_url
            )
            try:
                result = publish_check_run(
                    client,
                    str(repository),
                    CheckRunRequest(
                        name=options.check_run,
                        head_sha=sha,
                        title=verdict.title,
                        summary=summary,
                        conclusion=verdict.conclusion,
                        annotations=tuple(annotations),
                        details_url=event.run_url,
                    ),
                )
            except GitHubError as exc:
                problems.append(str(exc))
            else:
                check_published = True
                log.info(
                    f"check run {options.check_run!r}: {verdict.conclusion}, "
                    f"{result.annotations_sent} annotation(s) in {result.requests} request(s)"
                    + (f" - {result.html_url}" if result.html_url else "")
                )

    if pr is not None and options.comment != "off" and client is not None:
        markdown = render_summary(
            report, verdict, max_chars=COMMENT_LIMIT - 200, link_base=link_base, details_url=event.run_url
        )
        try:
            outcome = publish_comment(
                client,
                str(repository),
                pr,
                markdown,
                mode=options.comment,
                digest=result_digest(report, verdict.failed),
                failed=verdict.failed,
                has_findings=bool(report["summary"]["findings"]["open"]),
            )
        except GitHubError as exc:
            problems.append(str(exc))
        else:
            log.info(
                f"pull request #{pr} comment: {outcome.action}"
                + (f" ({outcome.reason})" if outcome.reason and outcome.action == "skipped" else "")
                + (f" - {outcome.url}" if outcome.url else "")
            )

    fallback = bool(problems)
    for problem in problems:
        log.warning(problem)
    if fallback and wants_api:
        log.info("falling back to workflow-command annotations and the step summary")
    if annotations and not check_published and (in_actions or fallback):
        shown = emit_workflow_annotations(annotations, out)
        log.info(f"{sum(shown.values())} of {len(annotations)} annotation(s) printed as workflow commands")

    summary_wanted = options.step_summary if options.step_summary is not None else True
    if (summary_wanted or fallback) and env.get("GITHUB_STEP_SUMMARY"):
        markdown = render_summary(
            report, verdict, max_chars=STEP_SUMMARY_LIMIT // 2, link_base=link_base, details_url=event.run_url
        )
        append_step_summary(markdown, env)
    elif options.step_summary:
        log.info("--step-summary: GITHUB_STEP_SUMMARY is not set, so there is no step summary to write")

    if options.markdown_file:
        _write(
            options.markdown_file,
            render_summary(report, verdict, max_chars=COMMENT_LIMIT, link_base=link_base),
        )
    if options.sarif_file:
        sarif, left_out = limit_sarif(render_sarif(report))
        _write(options.sarif_file, json.dumps(sarif, indent=2) + "\n")
        located = sum(len(run.get("results", [])) for run in sarif.get("runs", []))
        unlocated = sum(
            1
            for rule in report.get("rules", [])
            for f in rule.get("findings", [])
            if f.get("status") in ("open", "waived") and not (f.get("location") or {}).get("path")
        )
        note = f"; {unlocated} repository-level finding(s) left out (no file location)" if unlocated else ""
        log.info(f"SARIF {options.sarif_file}: {located} result(s){note}")
        if left_out:
            log.warning(left_out)

    summary = report["summary"]
    set_outputs(
        {
            "level": str(summary["level"]),
            "score": f"{summary['score']:g}",
            "failed": "true" if verdict.failed else "false",
            "report-json": str(options.report),
            "sarif-file": str(options.sarif_file) if options.sarif_file else "",
            "conclusion": verdict.conclusion,
        },
        env,
    )
    log.info(
        f"{verdict.title} -> {'failed' if verdict.failed else 'passed'} (fail-on {options.fail_on}, "
        f"scope {options.scope})"
    )
    return EXIT_FINDINGS if verdict.failed else EXIT_OK


def _write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot write: {exc}") from None

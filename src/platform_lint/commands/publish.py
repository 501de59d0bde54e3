"""`platform-lint publish`: argv -> :class:`~platform_lint.github.publish.PublishSettings`.

What publishing does is :mod:`platform_lint.github.publish`; :func:`platform_lint.app.run_publish`
wires it.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from platform_lint.app import run_publish
from platform_lint.commands.check import non_negative_seconds
from platform_lint.commands.render import add_verdict_options
from platform_lint.errors import UsageError
from platform_lint.github.publish import COMMENT_MODES, DEFAULT_CHECK_NAME, PublishSettings


def register(sub: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        "publish",
        help="publish a JSON report on GitHub: check run, annotations, comment, summary, SARIF",
        description="Publishes a report written by 'platform-lint check --format json' to GitHub. "
        "Exit status: 0 passed, 1 failed at --fail-on, 2 usage or input error. A refused "
        "publish (403) falls back to workflow-command annotations and the step summary.",
    )
    parser.add_argument("--report", required=True, type=Path, metavar="REPORT", help="the JSON report")
    add_verdict_options(parser, "--scope", on_error_default=None)
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
        choices=COMMENT_MODES,
        default="changes",
        help="sticky pull-request comment: always, changes (default), failures or off",
    )
    parser.add_argument(
        "--comment-author",
        metavar="LOGIN",
        help="the login whose comment is platform-lint's, for a GitHub App's token (e.g. my-app[bot]); "
        "default: the token's own account, github-actions[bot] for the Actions token. Comments by "
        "anyone else are never edited",
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
        type=non_negative_seconds,
        default=300.0,
        metavar="SECONDS",
        help="time the whole publish may spend waiting on GitHub (rate limits and retries); "
        "then it falls back to workflow commands and the step summary (default: 300)",
    )
    parser.set_defaults(handler=run)
    return parser


def settings_from_args(args: argparse.Namespace) -> PublishSettings:
    if args.check_run is not None and not str(args.check_run).strip():
        raise UsageError("--check-run needs a name (or use --no-check-run)")
    return PublishSettings(
        report=args.report,
        fail_on=args.fail_on,
        scope=args.scope,
        on_error=args.on_error,
        check_run=args.check_run,
        comment=args.comment,
        comment_author=args.comment_author,
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
    return run_publish(settings_from_args(args))

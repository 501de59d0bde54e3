"""``platform-lint check [PATH]``: check a repository against its policy and report.

Several ``--format``/``--output`` pairs may be given: an ``--output`` receives the
``--format`` just before it; a format without an output goes to standard output
(one at most); an output without a format takes it from its extension.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

from platform_lint.app import DEFAULT_MAX_WAIT, CheckSettings, run_check
from platform_lint.commands.render import add_verdict_options
from platform_lint.errors import EXIT_FINDINGS, EXIT_OK, UsageError
from platform_lint.families.codeowners.lookups import DEFAULT_MAX_LOOKUPS
from platform_lint.report import registry
from platform_lint.report.reporter import RenderOptions, write_file
from platform_lint.verdict import decide


def register(sub: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        "check",
        help="check a repository against its policy",
        description="Check a repository for evidence of the nine characteristics and report the level.",
    )
    parser.add_argument("path", nargs="?", default=".", help="repository to check (default: .)")
    parser.add_argument(
        "--policy",
        type=Path,
        help="policy file (default: .platform-lint.yml, .github/platform-lint.yml, else builtin:recommended)",
    )
    parser.add_argument(
        "--format",
        "-f",
        action=_Sequence,
        choices=registry.FORMATS,
        dest="reports",
        metavar="FORMAT",
        help=f"report format, one of: {', '.join(registry.FORMATS)}; repeat for several "
        f"(default: {registry.DEFAULT_FORMAT})",
    )
    parser.add_argument(
        "--output",
        "-o",
        action=_Sequence,
        dest="reports",
        type=Path,
        metavar="FILE",
        help="write the preceding --format here (format from the extension when none)",
    )
    add_verdict_options(parser)
    parser.add_argument(
        "--base",
        metavar="REF",
        help="compare with this git ref: contract diffs, changelog checks, new findings",
    )
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    parser.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        help="show evidence, skipped rules, and the folders left out of the product and why",
    )
    parser.add_argument(
        "--by",
        choices=("characteristic", "journey"),
        default="characteristic",
        help="group the rules by characteristic (default) or by developer-journey stage "
        "(discover, evaluate, onboard, build, scale, advocate) in text and Markdown",
    )
    parser.add_argument(
        "--offline", action="store_true", help="never call the GitHub API, even when a token is set"
    )
    parser.add_argument(
        "--untracked",
        action="store_true",
        help="in a git work tree, also check files git does not track or ignore "
        "(by default the files git tracks, as CI sees them)",
    )
    parser.add_argument("--now", metavar="DATE", help=argparse.SUPPRESS)
    parser.add_argument(
        "--max-file-size",
        type=positive_bytes,
        default=None,
        metavar="BYTES",
        help="files larger than this are not read (default 16 MiB)",
    )
    parser.add_argument(
        "--max-wait",
        type=non_negative_seconds,
        default=DEFAULT_MAX_WAIT,
        metavar="SECONDS",
        help=f"time the whole run may spend waiting on GitHub (retries and rate limits); then "
        f"requests fail at once and the rules that needed them are in error (default: {DEFAULT_MAX_WAIT:g})",
    )
    parser.add_argument(
        "--max-owner-lookups",
        type=non_negative_count,
        default=DEFAULT_MAX_LOOKUPS,
        metavar="N",
        help=f"owners of CODEOWNERS asked about one by one, at most; the rest are a finding "
        f"(default: {DEFAULT_MAX_LOOKUPS})",
    )
    parser.set_defaults(handler=run)
    return parser


def non_negative_seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {value!r}") from None
    if not number >= 0 or number == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a finite number of seconds, at least 0, got {value}")
    return number


def non_negative_count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number, at least 0, got {value}")
    return number


def positive_bytes(value: str) -> int:
    """A size in bytes, at least 1 (0 or less would read nothing or everything: both surprising)."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of bytes, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a positive number of bytes, got {value}")
    return number


def parse_now(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--now {value!r}: expected a date or time such as 2026-01-31") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.timezone.utc)
    return parsed


class _Sequence(argparse.Action):
    """Keep --format and --output in the order given, so each output pairs with its format."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        items = list(getattr(namespace, self.dest, None) or [])
        items.append(values)
        setattr(namespace, self.dest, items)


def plan_outputs(items: list[str | Path] | None) -> list[tuple[str, Path | None]]:
    """``--format a --format b --output f``: a to standard output, b to f."""
    plan: list[tuple[str, Path | None]] = []
    for item in items or []:
        if isinstance(item, Path):
            if plan and plan[-1][1] is None:
                plan[-1] = (plan[-1][0], item)
            else:
                plan.append((registry.format_for_path(item), item))
        else:
            plan.append((item, None))
    if not plan:
        plan = [(registry.DEFAULT_FORMAT, None)]
    if sum(1 for _, out in plan if out is None) > 1:
        raise UsageError("only one --format can go to standard output; give the others an --output")
    return plan


def use_color(choice: str, stream: IO[str]) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def run(args: argparse.Namespace) -> int:
    plan = plan_outputs(args.reports)
    settings = CheckSettings(
        path=Path(args.path),
        policy=args.policy,
        base=args.base,
        now=parse_now(args.now),
        offline=args.offline,
        untracked=args.untracked,
        max_wait=args.max_wait,
        max_owner_lookups=args.max_owner_lookups,
        on_error=args.on_error,
        **({"max_bytes": args.max_file_size} if args.max_file_size is not None else {}),
    )
    _, report = run_check(settings)
    options = RenderOptions(
        verbose=args.verbose, fail_on=args.fail_on, scope=args.scope, on_error=args.on_error, by=args.by
    )
    for fmt, out in plan:
        reporter = registry.get(fmt)
        if out is None:
            reporter.write(report, replace(options, color=use_color(args.color, sys.stdout)), sys.stdout)
            sys.stdout.flush()
        else:
            write_file(out, reporter.render(report, options))
    verdict = decide(report, args.fail_on, args.scope, args.on_error)
    return EXIT_FINDINGS if verdict.failed else EXIT_OK

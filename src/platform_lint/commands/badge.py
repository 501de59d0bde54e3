"""`platform-lint badge`: write the README badge (SVG and shields.io endpoint JSON) from a report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from platform_lint.errors import EXIT_OK
from platform_lint.report.badge import ENDPOINT_REPORTER, JSON_NAME, SVG_NAME, SVG_REPORTER, badge_for
from platform_lint.report.load import load
from platform_lint.report.reporter import RenderOptions, write_file


def register(sub: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        "badge",
        help="write the level badge (SVG and shields.io endpoint JSON) from a JSON report",
        description=f"Writes {SVG_NAME} (label 'platform', the level as message) and {JSON_NAME} "
        "(a shields.io endpoint) from a JSON report written by 'platform-lint check "
        "--format json'.",
    )
    parser.add_argument("--report", required=True, metavar="REPORT", help="the JSON report to read")
    parser.add_argument("--out", default=".", metavar="DIR", help="folder to write to (default: .)")
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace) -> int:
    report = load(args.report)
    out = Path(args.out)
    options = RenderOptions()
    for name, reporter in ((SVG_NAME, SVG_REPORTER), (JSON_NAME, ENDPOINT_REPORTER)):
        write_file(out / name, reporter.render(report, options))
    badge = badge_for(report)
    sys.stdout.write(f"wrote {out / SVG_NAME} and {out / JSON_NAME} ({badge.label}: {badge.message})\n")
    return EXIT_OK

"""`platform-lint badge`: write the README badge (SVG and shields.io endpoint JSON) from a report."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from platform_lint.errors import EXIT_OK, InputError
from platform_lint.report.badge import JSON_NAME, SVG_NAME, badge_for, render_endpoint, render_svg
from platform_lint.report.load import load_report


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
    report = load_report(args.report)
    badge = badge_for(report)
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        (out / SVG_NAME).write_text(render_svg(badge), encoding="utf-8")
        (out / JSON_NAME).write_text(json.dumps(render_endpoint(badge), indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{out}: cannot write the badge: {exc}") from None
    sys.stdout.write(f"wrote {out / SVG_NAME} and {out / JSON_NAME} ({badge.label}: {badge.message})\n")
    return EXIT_OK

"""``platform-lint org-report DIR... [--out SITE]``: one report over the folders org-scan wrote.

Merges the shards' folders into a Markdown summary (standard output without ``--out``) and,
with ``--out``, a site: ``index.html`` (the dashboard, self-contained), ``summary.md``, the
reports it links to and a level badge per repository (docs/org-scan.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from platform_lint.commands.check import parse_now
from platform_lint.errors import EXIT_OK


def register(sub: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        "org-report",
        help="summarise org-scan output folders: Markdown, an HTML dashboard, badges",
        description="Merge one or more org-scan output folders (one per shard) into a Markdown "
        "summary and, with --out, a self-contained HTML dashboard with the trend over past scans, "
        "the reports and a level badge per repository.",
    )
    parser.add_argument("folders", nargs="+", type=Path, metavar="DIR", help="org-scan --out folders")
    parser.add_argument(
        "--out",
        type=Path,
        metavar="SITE",
        help="write index.html, summary.md, reports/ and badges/ here (default: Markdown to standard output)",
    )
    parser.add_argument("--now", metavar="DATE", help=argparse.SUPPRESS)
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace) -> int:
    from platform_lint.orgscan.merge import load_outputs
    from platform_lint.orgscan.site import write_site
    from platform_lint.orgscan.summary import render_summary

    view = load_outputs(args.folders)
    if args.out is None:
        sys.stdout.write(render_summary(view))
        return EXIT_OK
    now = parse_now(args.now) or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    files = write_site(args.out, view, now)
    sys.stdout.write(
        f"wrote {files.index} (dashboard), {files.summary}, {files.reports} reports and "
        f"{files.badges} badges for {len(view.repos)} repositories\n"
    )
    return EXIT_OK

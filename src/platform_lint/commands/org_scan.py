"""``platform-lint org-scan --local DIR --out OUT``: check every repository of an organisation.

Each repository's default branch (its HEAD) is checked as ``check`` would, one JSON report
per repository is written under ``OUT/reports/``, with ``OUT/manifest.json``, the history
database and the state for incremental re-scans (docs/org-scan.md). A scan that is killed
resumes where it stopped when run again with the same options.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import Any

from platform_lint.commands.check import parse_now
from platform_lint.errors import EXIT_OK, UsageError

_SCAN_ID = re.compile(r"[A-Za-z0-9._:-]{1,100}")


def _default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def register(sub: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        "org-scan",
        help="check every repository of an organisation (here: the git repositories under a folder)",
        description="Check the default branch of every repository under a folder, write one JSON "
        "report per repository, a manifest and the history (see docs/org-scan.md). Nothing from "
        "the repositories is executed and no work tree is needed (bare repositories work).",
    )
    parser.add_argument(
        "--local",
        required=True,
        type=Path,
        metavar="DIR",
        help="a folder of git repositories (OWNER/NAME, or NAME with --org)",
    )
    parser.add_argument("--out", required=True, type=Path, metavar="OUT", help="the output folder")
    parser.add_argument(
        "--org", metavar="NAME", help="the owner of repositories one level below DIR (default: DIR's name)"
    )
    parser.add_argument(
        "--repos",
        action="append",
        default=[],
        metavar="GLOB",
        help="only repositories whose OWNER/NAME matches (repeat for several; * stays within a part)",
    )
    parser.add_argument(
        "--shard",
        metavar="I/N",
        help="scan shard I of N (1-based; a repository always lands in the same one)",
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        default=None,
        metavar="K",
        help="worker processes (default: the number of CPUs available)",
    )
    parser.add_argument(
        "--policy",
        default="builtin:recommended",
        metavar="POLICY",
        help="the one policy every repository is checked against: a file or builtin:NAME "
        "(default: builtin:recommended; a repository's own policy file is not read)",
    )
    parser.add_argument(
        "--scan-id",
        metavar="ID",
        help="name this scan (give every shard of one scheduled run the same id; default: the time)",
    )
    parser.add_argument(
        "--max-file-size",
        type=int,
        default=None,
        metavar="BYTES",
        help="files larger than this are not read (default 16 MiB)",
    )
    parser.add_argument("--now", metavar="DATE", help=argparse.SUPPRESS)
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace) -> int:
    from platform_lint.orgscan.listing import LocalSource
    from platform_lint.orgscan.runner import ScanOptions, run_scan
    from platform_lint.orgscan.shards import parse_shard

    if args.scan_id is not None and not _SCAN_ID.fullmatch(args.scan_id):
        raise UsageError(f"--scan-id {args.scan_id!r}: use up to 100 letters, digits and . _ : -")
    if args.concurrency is not None and args.concurrency < 1:
        raise UsageError(f"--concurrency {args.concurrency}: give at least 1")
    if args.max_file_size is not None and args.max_file_size < 1:
        raise UsageError(f"--max-file-size {args.max_file_size}: give a positive number of bytes")
    if not args.local.is_dir():
        raise UsageError(f"--local {args.local}: no such directory")
    policy = args.policy
    if not policy.startswith("builtin:"):
        policy = str(Path(policy).resolve())  # a resumed scan finds it from any folder
    options = ScanOptions(
        out=args.out,
        policy=policy,
        shard=parse_shard(args.shard) if args.shard else None,
        repos=tuple(args.repos),
        concurrency=args.concurrency or _default_workers(),
        scan_id=args.scan_id,
        now=parse_now(args.now),
        **({"max_bytes": args.max_file_size} if args.max_file_size else {}),
    )
    source = LocalSource(args.local, args.org)
    run_scan(source, options, sys.stderr)
    return EXIT_OK

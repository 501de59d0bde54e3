"""``platform-lint org-plan ORG --out OUT``: list an organisation's repositories and plan the shards
of a parallel org-scan.

Lists the repositories as ``org-scan ORG`` does (same filters, same ETag cache in
``OUT/state/``, one REST request per hundred repositories), chooses the shard count (sticky:
the previous plan's in ``OUT/plan.json`` is kept until the organisation outgrows it), writes
``OUT/plan.json`` (the count and the listing, for ``org-scan ORG --plan OUT/plan.json``) and
prints the GitHub Actions matrix; under Actions it also writes ``matrix``, ``count`` and
``repositories`` to ``$GITHUB_OUTPUT`` (docs/org-scan.md, "Planning the shards").
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

from platform_lint.commands.check import parse_now
from platform_lint.commands.org_scan import add_github_options, github_settings
from platform_lint.errors import EXIT_OK, UsageError


def register(sub: Any) -> argparse.ArgumentParser:
    from platform_lint.orgscan.plan import DEFAULT_REPOS_PER_SHARD, MAX_SHARDS

    parser: argparse.ArgumentParser = sub.add_parser(
        "org-plan",
        help="list an organisation's repositories and plan the shards of a parallel org-scan",
        description="List the repositories of a GitHub organisation (as org-scan ORG does), choose "
        "how many shards to scan them in, write OUT/plan.json for `org-scan ORG --plan` and print "
        "the GitHub Actions matrix (also written to $GITHUB_OUTPUT under Actions). See "
        "docs/org-scan.md.",
    )
    parser.add_argument("org_name", metavar="ORG", help="a GitHub organisation (or user)")
    parser.add_argument(
        "--out",
        required=True,
        type=Path,
        metavar="OUT",
        help="the plan folder: plan.json, and the listing's ETag cache (keep it between runs: the "
        "shard count is kept from the plan found here)",
    )
    parser.add_argument(
        "--repos",
        action="append",
        default=[],
        metavar="GLOB",
        help="only repositories whose OWNER/NAME matches (repeat for several; * stays within a part)",
    )
    parser.add_argument(
        "--repos-per-shard",
        type=int,
        default=DEFAULT_REPOS_PER_SHARD,
        metavar="K",
        help=f"aim at K repositories per shard: one shard per K repositories, at most {MAX_SHARDS} "
        f"(default {DEFAULT_REPOS_PER_SHARD}); an existing plan's count is kept until the average "
        "shard holds more than 2K",
    )
    parser.add_argument(
        "--shards",
        type=int,
        default=None,
        metavar="N",
        help=f"use N shards (1 to {MAX_SHARDS}) whatever the rule and the previous plan say",
    )
    add_github_options(parser)
    parser.add_argument("--now", metavar="DATE", help=argparse.SUPPRESS)
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace) -> int:
    from platform_lint.orgscan.github_setup import build_client, build_lister
    from platform_lint.orgscan.plan import (
        check_count,
        describe_sizes,
        github_output,
        make_plan,
        outputs,
        previous_count,
        write_plan,
    )

    if args.repos_per_shard < 1:
        raise UsageError(f"--repos-per-shard {args.repos_per_shard}: give at least 1")
    if args.shards is not None:
        check_count(args.shards, "--shards")
    settings = github_settings(args)
    patterns = _patterns(args.repos)
    output_file = os.environ.get("GITHUB_OUTPUT") or None
    client = build_client(settings, _log, command="org-plan")
    lister, reader = build_lister(settings, args.out, _log, client, command="org-plan")
    try:
        listing = lister()
    finally:
        _log(
            f"org-plan: GitHub REST: {reader.requests} request(s) counted against the rate limit, "
            f"{reader.not_modified} answered 304 Not Modified (free)"
        )
    if patterns:
        kept = tuple(r for r in listing.repos if any(p.match(r.full_name) for p in patterns))
        listing = dataclasses.replace(listing, repos=kept)
    now = parse_now(args.now) or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    plan = make_plan(args.org_name, listing, args.repos_per_shard, previous_count(args.out), args.shards, now)
    try:
        path = write_plan(args.out, plan)
    except OSError as exc:
        raise UsageError(f"--out {args.out}: cannot write the plan: {exc.strerror or exc}") from None
    sizes = plan.sizes
    _log(
        f"org-plan: {len(plan.repos)} repositories in {plan.count} shard(s): {plan.why}; "
        f"{describe_sizes(sizes)}; wrote {path}"
    )
    summary = {
        "count": plan.count,
        "matrix": plan.matrix(),
        "repositories": len(plan.repos),
        "shard_sizes": sizes,
        "why": plan.why,
    }
    sys.stdout.write(json.dumps(summary, separators=(", ", ": ")) + "\n")
    if output_file is not None:
        try:
            with open(output_file, "a", encoding="utf-8") as fh:
                fh.write(github_output(outputs(plan)))
        except OSError as exc:
            raise UsageError(
                f"GITHUB_OUTPUT {output_file}: cannot write to it: {exc.strerror or exc}"
            ) from None
    return EXIT_OK


def _patterns(globs: list[str]) -> list[Any]:
    from platform_lint.pathglob import GlobError, compile_glob

    try:
        return [compile_glob(g) for g in globs]
    except GlobError as exc:
        raise UsageError(f"--repos: {exc}") from None


def _log(message: str) -> None:
    from platform_lint import safety

    sys.stderr.write(safety.terminal_text(safety.mask(message)) + "\n")
    sys.stderr.flush()

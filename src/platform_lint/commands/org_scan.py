"""``platform-lint org-scan ORG|--local DIR --out OUT``: check every repository of an organisation.

Each repository's default branch (its HEAD) is checked as ``check`` would, one JSON report
per repository is written under ``OUT/reports/``, with ``OUT/manifest.json``, the history
database and the state for incremental re-scans (docs/org-scan.md). A scan that is killed
resumes where it stopped when run again with the same options.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import sys
from pathlib import Path
from typing import Any

from platform_lint.commands.check import parse_now
from platform_lint.errors import EXIT_OK, UsageError

_SCAN_ID = re.compile(r"[A-Za-z0-9._:-]{1,100}")
DEFAULT_DELIVERY_REQUESTS = 500
"""Requests ``--delivery-signals`` may send when ``--max-delivery-requests`` is not given."""


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
        "org_name",
        nargs="?",
        metavar="ORG",
        help="a GitHub organisation (or user) whose repositories are listed through the API and "
        "shallow-cloned over HTTPS",
    )
    parser.add_argument(
        "--local",
        type=Path,
        metavar="DIR",
        help="instead of ORG: a folder of git repositories (OWNER/NAME, or NAME with --org)",
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
        default=None,
        metavar="POLICY",
        help="the policy every repository is checked against: a file or builtin:NAME (default: with "
        "ORG, platform-lint.yml in ORG/.github when there is one, else builtin:recommended; with ORG, "
        "each repository's own .platform-lint.yml is composed on top)",
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
    gh = add_github_options(parser)
    gh.add_argument(
        "--plan",
        type=Path,
        metavar="PLAN",
        help="scan the repositories of this plan file (org-plan's OUT/plan.json) instead of listing "
        "ORG; its filters apply, and --shard I/N must use its N",
    )
    gh.add_argument(
        "--ignore-repo-policies",
        action="store_true",
        help="check every repository against the base policy alone (default: each repository's own "
        ".platform-lint.yml is composed on top)",
    )
    gh.add_argument(
        "--delivery-signals",
        action="store_true",
        help="also read each repository's release cadence and pull-request lead time through the "
        "REST API (needs a token; within --max-delivery-requests; written to OUT/delivery.json)",
    )
    gh.add_argument(
        "--max-delivery-requests",
        type=int,
        default=None,
        metavar="N",
        help="with --delivery-signals: send at most N requests for them "
        f"(default {DEFAULT_DELIVERY_REQUESTS}); what the budget cannot cover is reported as not measured",
    )
    parser.add_argument("--now", metavar="DATE", help=argparse.SUPPRESS)
    parser.set_defaults(handler=run)
    return parser


def add_github_options(parser: argparse.ArgumentParser) -> Any:
    """The options of a command that reads a GitHub organisation (org-scan, org-plan)."""
    gh = parser.add_argument_group("GitHub (with ORG)")
    gh.add_argument("--include-archived", action="store_true", help="include archived repositories")
    gh.add_argument("--include-forks", action="store_true", help="include forks")
    gh.add_argument(
        "--api-url",
        metavar="URL",
        help="the REST API (default: GITHUB_API_URL, else https://api.github.com; GitHub Enterprise "
        "Server: https://HOST/api/v3, cloned from https://HOST/)",
    )
    gh.add_argument(
        "--token-env",
        metavar="NAME",
        help="the environment variable holding the token (default: GITHUB_TOKEN, then GH_TOKEN)",
    )
    gh.add_argument("--app-id", metavar="ID", help="authenticate as this GitHub App (with the next two)")
    gh.add_argument("--private-key-file", type=Path, metavar="PEM", help="the GitHub App's private key")
    gh.add_argument("--installation-id", type=int, metavar="ID", help="the App's installation on ORG")
    gh.add_argument(
        "--max-wait",
        type=float,
        default=300.0,
        metavar="SECONDS",
        help="all the waiting on GitHub (retries, rate limits) the command may do; past it, it "
        "stops cleanly and says when to run it again (default 300)",
    )
    return gh


def github_settings(args: argparse.Namespace) -> Any:
    from platform_lint.orgscan.github_setup import GitHubScanSettings

    if not OWNER.fullmatch(args.org_name):
        raise UsageError(f"{args.command} {args.org_name!r}: not a GitHub organisation or user name")
    if args.max_wait < 0:
        raise UsageError(f"--max-wait {args.max_wait:g}: give a number of seconds, 0 or more")
    return GitHubScanSettings(
        org=args.org_name,
        api_url=args.api_url,
        token_env=args.token_env,
        app_id=args.app_id,
        private_key_file=args.private_key_file,
        installation_id=args.installation_id,
        include_archived=args.include_archived,
        include_forks=args.include_forks,
        max_wait=args.max_wait,
    )


def run(args: argparse.Namespace) -> int:
    from platform_lint.orgscan.runner import ScanOptions, run_scan
    from platform_lint.orgscan.shards import parse_shard

    if (args.org_name is None) == (args.local is None):
        raise UsageError("org-scan: give either ORG (a GitHub organisation) or --local DIR")
    if args.scan_id is not None and not _SCAN_ID.fullmatch(args.scan_id):
        raise UsageError(f"--scan-id {args.scan_id!r}: use up to 100 letters, digits and . _ : -")
    if args.concurrency is not None and args.concurrency < 1:
        raise UsageError(f"--concurrency {args.concurrency}: give at least 1")
    if args.max_file_size is not None and args.max_file_size < 1:
        raise UsageError(f"--max-file-size {args.max_file_size}: give a positive number of bytes")
    if args.max_wait < 0:
        raise UsageError(f"--max-wait {args.max_wait:g}: give a number of seconds, 0 or more")
    if args.plan is not None and args.local is not None:
        raise UsageError("--plan lists a GitHub organisation's repositories: give ORG, not --local")
    if args.delivery_signals and args.local is not None:
        raise UsageError("--delivery-signals reads GitHub: give ORG, not --local DIR")
    if args.max_delivery_requests is not None:
        if not args.delivery_signals:
            raise UsageError("--max-delivery-requests: give --delivery-signals too")
        if args.max_delivery_requests < 0:
            raise UsageError(f"--max-delivery-requests {args.max_delivery_requests}: give 0 or more")
    policy = args.policy or "builtin:recommended"
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
    if args.local is not None:
        from platform_lint.orgscan.listing import LocalSource

        if not args.local.is_dir():
            raise UsageError(f"--local {args.local}: no such directory")
        run_scan(LocalSource(args.local, args.org), options, sys.stderr)
        return EXIT_OK
    return _run_github(args, options)


def _run_github(args: argparse.Namespace, options: Any) -> int:
    from platform_lint.orgscan.github_setup import build_source
    from platform_lint.orgscan.org_policy import fetch_org_policy
    from platform_lint.orgscan.runner import run_scan

    settings = github_settings(args)
    listing = None
    if args.plan is not None:
        listing = _planned(args, options)
    source, reader = build_source(settings, args.out, _log, max_bytes=options.max_bytes, listing=listing)
    options = dataclasses.replace(options, repo_policies=not args.ignore_repo_policies)
    org_policy = None
    if args.policy is None:
        org_policy = fetch_org_policy(source.remote(), args.org_name, args.out)
        if org_policy is not None:
            options = dataclasses.replace(options, policy=str(org_policy.path), policy_label=org_policy.label)
    base = org_policy.label if org_policy else options.policy
    own = "" if args.ignore_repo_policies else "; each repository's own .platform-lint.yml on top"
    _log(f"org-scan: policy: {base}{own}")
    try:
        run_scan(source, options, sys.stderr)
        if args.delivery_signals:
            _delivery(args, options, reader)
    finally:
        _log(
            f"org-scan: GitHub REST: {reader.requests} request(s) counted against the rate limit, "
            f"{reader.not_modified} answered 304 Not Modified (free)"
        )
    return EXIT_OK


def _delivery(args: argparse.Namespace, options: Any, reader: Any) -> None:
    """Release cadence and pull-request lead time of the scanned repositories, within the budget."""
    from platform_lint.app import clock
    from platform_lint.orgscan.github_delivery import measure_scan

    budget = DEFAULT_DELIVERY_REQUESTS if args.max_delivery_requests is None else args.max_delivery_requests
    measure_scan(reader, args.out, now=options.now or clock(), budget=budget, log=_log)


def _planned(args: argparse.Namespace, options: Any) -> Any:
    """The listing of the plan file ``--plan`` names, checked against ORG and ``--shard``."""
    from platform_lint.orgscan.plan import read_plan

    for flag, given in (
        ("--include-archived", args.include_archived),
        ("--include-forks", args.include_forks),
    ):
        if given:
            raise UsageError(
                f"{flag} with --plan: the plan says which repositories are scanned; give it to org-plan"
            )
    plan = read_plan(args.plan)
    if plan.org.lower() != args.org_name.lower():
        raise UsageError(f"--plan {args.plan}: a plan for {plan.org}, not {args.org_name}")
    if options.shard is not None and options.shard.count != plan.count:
        raise UsageError(
            f"--shard {options.shard}: the plan {args.plan} has {plan.count} shards; "
            f"give --shard I/{plan.count}"
        )
    _log(f"org-scan: {len(plan.repos)} repositories from the plan {args.plan} ({plan.created_at})")
    return plan.listing()


OWNER = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})")


def _log(message: str) -> None:
    from platform_lint import safety

    sys.stderr.write(safety.terminal_text(safety.mask(message)) + "\n")
    sys.stderr.flush()

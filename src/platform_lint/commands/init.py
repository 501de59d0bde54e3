"""``platform-lint init``: write a commented starter ``.platform-lint.yml``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from platform_lint.app import clock
from platform_lint.errors import UsageError

STARTER = """\
# platform-lint policy: https://github.com/platform-lint/platform-lint#policy-format
# Check it with:  platform-lint policy validate .platform-lint.yml
version: 1

# Start from the built-in pack covering the nine characteristics.
extends:
  - builtin:recommended

# Change an inherited rule: its severity, level or params, or turn it off.
# overrides:
#   ownership.codeowners-present:
#     severity: warning
#   docs.contributing:
#     enabled: false

# Add rules of your own (ids are namespaced and stable).
# rules:
#   - id: team.runbook
#     title: A runbook for on-call
#     characteristic: observable-by-design
#     level: silver
#     severity: warning
#     check:
#       type: file-exists
#       params: {{paths: [docs/runbook.md, RUNBOOK.md]}}
#     remediation: Write down how to diagnose and recover the service, for whoever is on call.

# Accept a finding for a while, with a reason. Waivers must expire
# (at most 180 days ahead); expired ones stop waiving.
# waivers:
#   - rule: contracts.no-breaking-without-major
#     paths: [api/legacy/**]
#     reason: legacy API is frozen and scheduled for removal
#     approver: "@platform-team"
#     expires: {expires}
"""


def register(sub: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser("init", help="write a starter .platform-lint.yml")
    parser.add_argument("path", nargs="?", default=".", help="repository root (default: .)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace) -> int:
    root = Path(args.path)
    if not root.is_dir():
        raise UsageError(f"{root}: no such directory")
    target = root / ".platform-lint.yml"
    if target.exists() and not args.force:
        raise UsageError(f"{target} already exists (use --force to overwrite)")
    expires = clock().date() + dt.timedelta(days=90)
    target.write_text(STARTER.format(expires=expires.isoformat()), encoding="utf-8")
    sys.stdout.write(f"wrote {target}; run 'platform-lint check {args.path}' to see where you stand\n")
    return 0

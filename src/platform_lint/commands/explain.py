"""``platform-lint explain RULE_ID``: what a rule (or check type) checks, why, and how to fix it."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from platform_lint.app import CheckSettings, build_policy, build_snapshot, clock
from platform_lint.errors import UsageError
from platform_lint.families.check_type import CheckType
from platform_lint.families.registry import CHECK_TYPES


def register(sub: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser("explain", help="explain a rule or a check type")
    parser.add_argument("rule_id", metavar="RULE_ID", help="a rule id (or a check type)")
    parser.add_argument("--path", default=".", help="repository whose policy to use")
    parser.add_argument("--policy", type=Path, help="policy file instead of the repository's own")
    parser.set_defaults(handler=run)
    return parser


def describe_type(check_type: CheckType) -> str:
    lines = [
        f"Check type {check_type.id}  [{check_type.lifecycle}]",
        "",
        check_type.summary,
        "",
        "Why: " + check_type.why,
        "",
        "Remediation: " + check_type.remediation,
        "",
        "Params schema:",
    ]
    lines += ["  " + ln for ln in json.dumps(check_type.params_schema, indent=2).splitlines()]
    lines += ["", "Example:"] + ["  " + ln for ln in check_type.example.splitlines()]
    if check_type.messages:
        lines += ["", "Findings:"] + [
            f"  {code}: {text}" for code, text in sorted(check_type.messages.items())
        ]
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    settings = CheckSettings(path=Path(args.path), policy=args.policy)
    policy = build_policy(settings, build_snapshot(settings), clock().date())
    rule = policy.rule(args.rule_id)
    if rule is None:
        if args.rule_id in CHECK_TYPES:
            sys.stdout.write(describe_type(CHECK_TYPES[args.rule_id]))
            return 0
        import difflib

        close = difflib.get_close_matches(args.rule_id, [r.id for r in policy.rules] + list(CHECK_TYPES), n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else "; 'platform-lint rules' lists them"
        raise UsageError(f"no rule or check type {args.rule_id!r} in the active policy{hint}")
    check_type = CHECK_TYPES[rule.check_type]
    out = [
        f"{rule.id}: {rule.title}",
        "",
        f"Characteristic: {rule.characteristic}    Level: {rule.level}    Severity: {rule.severity}"
        + ("" if rule.enabled else "    (turned off)"),
        f"Defined at: {rule.source}" if rule.source else "",
        "",
        f"What it checks: {check_type.summary}",
        f"Why it matters: {check_type.why}",
        "",
        f"How to fix: {rule.remediation}",
    ]
    if rule.when.any_file or rule.when.no_file:
        out += [
            "",
            "Applies when: "
            + "; ".join(
                ([f"a file matches {', '.join(rule.when.any_file)}"] if rule.when.any_file else [])
                + ([f"no file matches {', '.join(rule.when.no_file)}"] if rule.when.no_file else [])
            ),
        ]
    out += ["", f"Check: {rule.check_type}", "Params: " + json.dumps(dict(rule.params), sort_keys=True)]
    if rule.docs:
        out += [f"Docs: {policy.settings.docs_url}{rule.docs if rule.docs.startswith('#') else ''}"]
    sys.stdout.write("\n".join(out) + "\n")
    return 0

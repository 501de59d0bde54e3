"""``platform-lint policy validate FILE`` (and ``policy schema``)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from platform_lint.app import clock
from platform_lint.errors import UsageError
from platform_lint.families.registry import CHECK_TYPES
from platform_lint.policy.loader import PolicyLoader
from platform_lint.policy.schema import build_policy_schema


def register(sub: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser("policy", help="validate a policy, print its schema")
    actions = parser.add_subparsers(dest="policy_action", metavar="ACTION", parser_class=type(parser))
    validate = actions.add_parser("validate", help="validate a policy file (and all it extends)")
    validate.add_argument("file", type=Path)
    validate.add_argument(
        "--root", type=Path, help="directory local 'extends' may not leave (default: the file's directory)"
    )
    validate.set_defaults(handler=run_validate)
    schema = actions.add_parser("schema", help="print the policy JSON Schema")
    schema.set_defaults(handler=run_schema)

    def usage(args: argparse.Namespace) -> int:
        parser.print_help(sys.stderr)
        return 2

    parser.set_defaults(handler=usage)
    return parser


def run_validate(args: argparse.Namespace) -> int:
    path: Path = args.file
    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    root = args.root or path.resolve().parent
    policy = PolicyLoader(clock().date(), root).load_file(path)
    enabled = len(policy.enabled_rules)
    sys.stdout.write(
        f"{path}: valid ({enabled} rule{'s' if enabled != 1 else ''} enabled, "
        f"{len(policy.waivers)} waiver{'s' if len(policy.waivers) != 1 else ''}; "
        f"from {' -> '.join(policy.sources)})\n"
    )
    return 0


def run_schema(args: argparse.Namespace) -> int:
    json.dump(build_policy_schema(CHECK_TYPES), sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0

"""``platform-lint rules``: the active policy's rules (or, with --types, the check types)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from platform_lint import safety
from platform_lint.app import CheckSettings, build_policy, build_snapshot, clock
from platform_lint.families.registry import CHECK_TYPES
from platform_lint.model import CHARACTERISTICS, level_rank
from platform_lint.safety import one_line


def register(sub: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser("rules", help="list the active policy's rules")
    parser.add_argument("path", nargs="?", default=".", help="repository whose policy to show")
    parser.add_argument("--policy", type=Path, help="policy file instead of the repository's own")
    parser.add_argument("--types", action="store_true", help="list the registered check types instead")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace) -> int:
    if args.types:
        rows: list[dict[str, str]] = [
            {"type": t.id, "lifecycle": t.lifecycle, "summary": t.summary}
            for t in sorted(CHECK_TYPES.values(), key=lambda t: t.id)
        ]
        if args.format == "json":
            json.dump(rows, sys.stdout, indent=2)
            sys.stdout.write("\n")
        else:
            width = max(len(row["type"]) for row in rows)
            for row in rows:
                flag = "" if row["lifecycle"] == "stable" else f" [{row['lifecycle']}]"
                sys.stdout.write(f"{row['type']:<{width}}  {row['summary']}{flag}\n")
        return 0
    settings = CheckSettings(path=Path(args.path), policy=args.policy)
    policy = build_policy(settings, build_snapshot(settings), clock().date())
    rules = sorted(
        policy.rules, key=lambda r: (CHARACTERISTICS.index(r.characteristic), level_rank(r.level), r.id)
    )
    if args.format == "json":
        text = json.dumps(
            [
                {
                    "id": r.id,
                    "title": r.title,
                    "characteristic": r.characteristic,
                    "level": r.level,
                    "severity": r.severity,
                    "check_type": r.check_type,
                    "enabled": r.enabled,
                    "params": dict(r.params),
                    "source": str(r.source) if r.source else None,
                }
                for r in rules
            ],
            indent=2,
        )
        sys.stdout.write(safety.mask(text) + "\n")
        return 0
    # the policy is hostile input like the repository: each of its texts on one safe line
    lines = [f"Policy: {' -> '.join(one_line(s) for s in policy.sources)}"]
    width = max(len(r.id) for r in rules)
    current = None
    for r in rules:
        if r.characteristic != current:
            current = r.characteristic
            lines += ["", current]
        off = "  (off)" if not r.enabled else ""
        lines.append(f"  {r.id:<{width}}  {r.level:<6}  {r.severity:<7}  {one_line(r.title)}{off}")
    if policy.waivers:
        lines += ["", "Waivers"]
        for w in policy.waivers:
            paths = f" on {', '.join(one_line(p) for p in w.paths)}" if w.paths else ""
            lines.append(f"  {w.rule}{paths} until {w.expires}: {one_line(w.reason)}")
    sys.stdout.write(safety.terminal_text("\n".join(lines)) + "\n")
    return 0

"""`platform-lint diff OLD NEW`: compare two contract files directly, outside any repository.

OpenAPI (YAML or JSON, 2.0/3.0/3.1) or GraphQL SDL. Exit 1 when a change is at or above
``--fail-on`` (default error), 0 otherwise, 2 when a file cannot be read or parsed.
The comparison is the contracts family's (``families.contracts.compare``); this module
parses argv and prints.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import sys
from pathlib import Path
from typing import Any, TextIO

from platform_lint import safety
from platform_lint.errors import EXIT_FINDINGS, EXIT_OK, UsageError
from platform_lint.families.contracts.compare import Comparison, compare_files, message
from platform_lint.families.contracts.diff.model import Change
from platform_lint.report.reporter import write_file

FAIL_ON = ("error", "warning", "info", "never")


def register(sub: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        "diff",
        help="compare two API contract files and classify every change",
        description="Compare two versions of an OpenAPI document or GraphQL schema. Each change is "
        "breaking (error), potentially breaking (warning) or non-breaking (info).",
    )
    parser.add_argument("old", help="the earlier contract file")
    parser.add_argument("new", help="the later contract file")
    parser.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    parser.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default="error",
        help="exit 1 when a change is at or above this level (default: error)",
    )
    parser.add_argument("--output", "-o", help="write the report to this file instead of stdout")
    parser.set_defaults(handler=run)
    return parser


def as_json(comparison: Comparison) -> dict[str, Any]:
    return {
        "breaking": comparison.breaking,
        "changes": [
            {
                "id": c.id,
                "level": c.level,
                "operation": c.operation,
                "pointer": c.pointer,
                "message": message(c),
                "line": c.line,
                "operations": list(c.operations),
                **({"in_base": True} if c.in_base else {}),
            }
            for c in comparison.changes
        ],
    }


def _used_by(change: Change, shown: int = 5) -> str:
    """The operations a change in a shared schema reaches ("" for a change in one operation)."""
    ops = change.operations
    if not ops or ops == (change.operation,):
        return ""
    text = ", ".join(ops[:shown])
    return text + (f" and {len(ops) - shown} more" if len(ops) > shown else "")


def write_text(out: TextIO, comparison: Comparison, new_path: str, old_path: str = "") -> None:
    if not comparison.changes:
        out.write("No changes.\n")
    for change in comparison.changes:
        path = old_path if change.in_base and old_path else new_path
        where = f"{path}:{change.line}" if change.line else path
        if change.file and os.path.basename(path) != change.file:
            where = f"{change.file}:{change.line}" if change.line else change.file
        if change.in_base:
            where += " (in the old version)"
        used_by = f"        used by {_used_by(change)}\n" if _used_by(change) else ""
        out.write(
            f"{change.level:<7} {change.id}  {change.operation}\n"
            f"        {message(change)}\n{used_by}        at {where}  {change.pointer}\n"
        )
    for note in comparison.notes:
        out.write(f"note    {note}\n")
    counts = comparison.counts
    out.write(
        f"\n{counts['error']} breaking, {counts['warning']} potentially breaking, "
        f"{counts['info']} non-breaking\n"
    )


def write_markdown(out: TextIO, comparison: Comparison) -> None:
    counts = comparison.counts
    out.write(
        f"## API changes\n\n**{counts['error']}** breaking, **{counts['warning']}** potentially "
        f"breaking, **{counts['info']}** non-breaking\n\n"
    )
    if comparison.changes:
        out.write("| Level | Rule | Operation | Change | Line |\n|---|---|---|---|---|\n")
        for c in comparison.changes:
            text = message(c).replace("|", "\\|")
            operation = f"`{c.operation}`"
            if _used_by(c):
                operation += f" (used by {_used_by(c)})"
            out.write(f"| {c.level} | `{c.id}` | {operation} | {text} | {c.line or ''} |\n")
    for note in comparison.notes:
        out.write(f"\n> {note}\n")


def run(args: argparse.Namespace) -> int:
    if args.fail_on not in FAIL_ON:
        raise UsageError(f"--fail-on must be one of {', '.join(FAIL_ON)}")
    # today's date judges x-sunset; read here, not through app.clock(), which would load every
    # layer (the policy engine, all families, the GitHub client) for a command that uses none
    comparison = compare_files(args.old, args.new, dt.datetime.now(dt.timezone.utc).date())
    buffer = io.StringIO()
    if args.format == "json":
        json.dump(as_json(comparison), buffer, indent=2)
        buffer.write("\n")
    elif args.format == "markdown":
        write_markdown(buffer, comparison)
    else:
        write_text(buffer, comparison, args.new, args.old)
    # names, pointers and notes come from the files compared: masked, and never a workflow command
    if args.output:
        write_file(Path(args.output), buffer.getvalue())  # whole or not at all
    else:
        sys.stdout.write(safety.neutralise_commands(safety.strip_controls(safety.mask(buffer.getvalue()))))
    return EXIT_FINDINGS if comparison.fails(args.fail_on) else EXIT_OK

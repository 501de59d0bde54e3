"""`platform-lint diff OLD NEW`: compare two contract files directly, outside any repository.

OpenAPI (YAML or JSON, 2.0/3.0/3.1) or GraphQL SDL. Relative ``$ref``s are read
from the files' own directories; URLs are never fetched. Exit 1 when a change is
at or above ``--fail-on`` (default error), 0 otherwise, 2 when a file cannot be
read or parsed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from platform_lint.errors import EXIT_FINDINGS, EXIT_OK, InputError, UsageError
from platform_lint.families.contracts.bundle import SpecBundle, load_bundle
from platform_lint.families.contracts.diff.engine import diff_bundles, diff_sdl
from platform_lint.families.contracts.diff.model import Change, level_rank
from platform_lint.families.contracts.diff.rules import RULES
from platform_lint.families.contracts.discovery import GRAPHQL_EXTENSIONS
from platform_lint.families.contracts.loader import LoadError, load_spec
from platform_lint.families.contracts.validate import validate_graphql

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


def _reader(directory: Path) -> Callable[[str], str | None]:
    def read(name: str) -> str | None:
        path = directory / name
        try:
            return path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None

    return read


def _read_text(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a contract file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file ({exc.strerror})") from None


def load_openapi(path: str) -> SpecBundle:
    text = _read_text(path)
    where = Path(path)
    loaded = load_spec(where.name, text)
    if isinstance(loaded, LoadError):
        err = loaded
        line = f":{err.line}" if err.line else ""
        col = f":{err.column}" if err.line and err.column else ""
        raise InputError(f"{path}{line}{col}: {err.message}")
    bundle = load_bundle(where.name, _reader(where.parent), loaded)
    data = bundle.data
    if not isinstance(data, dict) or not ("openapi" in data or "swagger" in data):
        raise InputError(f"{path}: not an OpenAPI document (no top-level 'openapi' or 'swagger' key)")
    return bundle


def load_sdl(path: str) -> str:
    text = _read_text(path)
    issues = validate_graphql(text)
    if issues:
        issue = issues[0]
        line = f":{issue.line}" if issue.line else ""
        raise InputError(f"{path}{line}: invalid GraphQL schema: {issue.message}")
    return text


def compute(old: str, new: str, today: dt.date) -> tuple[list[Change], list[str]]:
    """The changes and, as notes, remote references that were not followed."""
    if old.endswith(GRAPHQL_EXTENSIONS) or new.endswith(GRAPHQL_EXTENSIONS):
        return diff_sdl(load_sdl(old), load_sdl(new), os.path.basename(new)), []
    old_bundle, new_bundle = load_openapi(old), load_openapi(new)
    notes = [f"remote $ref not followed: {ref}" for ref in (*old_bundle.remote_refs, *new_bundle.remote_refs)]
    notes += [
        f"$ref {p.ref} in {p.file} not resolved: {p.reason}"
        for p in (*old_bundle.problems, *new_bundle.problems)
    ]
    return diff_bundles(old_bundle, new_bundle, today), sorted(set(notes))


def message(change: Change) -> str:
    rule = RULES.get(change.id)
    template = rule.message if rule else "{description}"
    try:
        return template.format_map(_Safe(change.args))
    except (ValueError, IndexError):
        return change.id


class _Safe(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"

    def __getitem__(self, key: str) -> Any:
        value = super().__getitem__(key) if key in self else self.__missing__(key)
        if isinstance(value, (list, tuple)):
            return ", ".join(json.dumps(v) if not isinstance(v, str) else v for v in value)
        return value


def as_json(changes: list[Change]) -> dict[str, Any]:
    return {
        "breaking": any(c.breaking for c in changes),
        "changes": [
            {
                "id": c.id,
                "level": c.level,
                "operation": c.operation,
                "pointer": c.pointer,
                "message": message(c),
                "line": c.line,
            }
            for c in changes
        ],
    }


def write_text(out: TextIO, changes: list[Change], notes: list[str], new_path: str) -> None:
    if not changes:
        out.write("No changes.\n")
    for change in changes:
        where = f"{new_path}:{change.line}" if change.line else new_path
        if change.file and os.path.basename(new_path) != change.file:
            where = f"{change.file}:{change.line}" if change.line else change.file
        out.write(
            f"{change.level:<7} {change.id}  {change.operation}\n"
            f"        {message(change)}\n        at {where}  {change.pointer}\n"
        )
    for note in notes:
        out.write(f"note    {note}\n")
    counts = {lv: sum(1 for c in changes if c.level == lv) for lv in ("error", "warning", "info")}
    out.write(
        f"\n{counts['error']} breaking, {counts['warning']} potentially breaking, "
        f"{counts['info']} non-breaking\n"
    )


def write_markdown(out: TextIO, changes: list[Change], notes: list[str]) -> None:
    counts = {lv: sum(1 for c in changes if c.level == lv) for lv in ("error", "warning", "info")}
    out.write(
        f"## API changes\n\n**{counts['error']}** breaking, **{counts['warning']}** potentially "
        f"breaking, **{counts['info']}** non-breaking\n\n"
    )
    if changes:
        out.write("| Level | Rule | Operation | Change | Line |\n|---|---|---|---|---|\n")
        for c in changes:
            text = message(c).replace("|", "\\|")
            out.write(f"| {c.level} | `{c.id}` | `{c.operation}` | {text} | {c.line or ''} |\n")
    for note in notes:
        out.write(f"\n> {note}\n")


def run(args: argparse.Namespace) -> int:
    if args.fail_on not in FAIL_ON:
        raise UsageError(f"--fail-on must be one of {', '.join(FAIL_ON)}")
    changes, notes = compute(args.old, args.new, dt.datetime.now(dt.timezone.utc).date())
    out: TextIO
    if args.output:
        try:
            out = open(args.output, "w", encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            raise UsageError(f"--output {args.output}: {exc.strerror}") from None
    else:
        out = sys.stdout
    try:
        if args.format == "json":
            json.dump(as_json(changes), out, indent=2)
            out.write("\n")
        elif args.format == "markdown":
            write_markdown(out, changes, notes)
        else:
            write_text(out, changes, notes, args.new)
    finally:
        if out is not sys.stdout:
            out.close()
    if args.fail_on == "never":
        return EXIT_OK
    threshold = level_rank(args.fail_on)
    return EXIT_FINDINGS if any(level_rank(c.level) >= threshold for c in changes) else EXIT_OK

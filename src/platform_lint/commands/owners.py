"""``platform-lint owners [PATH...]``: who owns these files, and which CODEOWNERS line decided.

Paths are relative to the repository root (or to the current directory when they
exist there, inside the repository); a directory stands for the tracked files
under it; no path means every tracked file. ``--format json`` prints a list of
``{"path", "owners", "line"}``: owners in file order, ``[]`` when unowned,
``line`` null when no rule matched.

The rows come from ``families.codeowners.owners``; this module reads argv and prints.
Output is built as one string per format and written at once.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from itertools import chain, repeat
from pathlib import Path
from typing import Any

from platform_lint import safety
from platform_lint.errors import UsageError
from platform_lint.families.codeowners.owners import OwnersTable, notes, owners_table
from platform_lint.safety import one_line
from platform_lint.snapshot.local import open_local


def register(sub: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        "owners",
        help="who owns a file, and the CODEOWNERS line that decided",
        description="Print each path with its owners and the CODEOWNERS line that decided them.",
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or directories (default: every tracked file)"
    )
    parser.add_argument("--unowned", action="store_true", help="list only files without an owner")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--repo", default=".", metavar="DIR", help="the repository (default: .)")
    parser.set_defaults(handler=run)
    return parser


def _repo_relative(arg: str, root: Path | None) -> str:
    """A PATH argument as a POSIX path relative to the repository root."""
    text = arg.replace(os.sep, "/")
    if root is not None and os.path.exists(arg):
        # not under the repository from here: then it is read as relative to the repository root
        with contextlib.suppress(ValueError):
            text = Path(arg).resolve().relative_to(root).as_posix()
    while text.startswith("./"):
        text = text[2:]
    text = text.strip("/")
    if text in ("", "."):
        return ""
    if ".." in text.split("/"):
        raise UsageError(f"{arg}: outside the repository")
    return text


def _json(table: OwnersTable) -> list[str]:
    """The rows as ``json.dump(rows, indent=2)`` writes them, in a few large pieces: the text after
    each path is made once per deciding rule, every path is encoded by one ``json.dumps`` call,
    and the pieces are joined without a Python step per row."""
    if not table.paths:
        return ["[]\n"]
    tails = {-1: ',\n    "owners": [],\n    "line": null\n  }'}
    for winner in set(table.winners) - {-1}:
        rule = table.rules[winner]
        owners = ",\n".join(f"      {json.dumps(o.text)}" for o in rule.owners)
        listed = f"[\n{owners}\n    ]" if owners else "[]"
        tails[winner] = f',\n    "owners": {listed},\n    "line": {rule.line}\n  }}'
    # one string per path: JSON escapes every control character, so no encoded path holds a newline
    encoded = json.dumps(table.paths, separators=("\n", ":"))[1:-1].split("\n")
    heads = chain(['[\n  {\n    "path": '], repeat(',\n  {\n    "path": '))
    # heads never runs out; encoded and winners hold one item per path
    rows = zip(heads, encoded, map(tails.__getitem__, table.winners), strict=False)
    return ["".join(chain.from_iterable(rows)), "\n]\n"]


def _text(table: OwnersTable) -> list[str]:
    """One line per path: the path, then its owners and the line that decided (or why none).

    File names and CODEOWNERS text are the repository's: a name with a control character is
    shown on one line without it, and the whole text goes out through
    :func:`platform_lint.safety.terminal_text` (no escape sequences, no workflow commands)."""
    where_file = one_line(table.facts.path or "")
    decided = {-1: "  (unowned: no rule matches)\n"}
    for winner in set(table.winners) - {-1}:
        rule = table.rules[winner]
        where = f"{where_file}:{rule.line} '{one_line(rule.pattern)}'"
        decided[winner] = (
            f"  {' '.join(one_line(o.text) for o in rule.owners)}  ({where})\n"
            if rule.owners
            else f"  (unowned: {where} has no owners)\n"
        )
    paths: list[str] | tuple[str, ...] = table.paths
    if safety.has_controls("".join(paths)):  # rare: only then a step per path
        paths = [one_line(p) for p in paths]
    width = min(60, max(map(len, paths), default=0))
    padded = map(str.ljust, paths, repeat(width))
    text = "".join(chain.from_iterable(zip(padded, map(decided.__getitem__, table.winners), strict=True)))
    return [safety.terminal_text(text)]


def run(args: argparse.Namespace) -> int:
    snapshot = open_local(args.repo)
    root = getattr(snapshot, "root", None)
    wanted = [_repo_relative(arg, root if isinstance(root, Path) else None) for arg in args.paths]
    table = owners_table(snapshot, wanted)
    if args.unowned:
        table = table.unowned()
    for note in notes(table.facts):
        sys.stderr.write(safety.terminal_text(f"platform-lint: {one_line(note)}") + "\n")
    for piece in _json(table) if args.format == "json" else _text(table):
        sys.stdout.write(piece)
    return 0

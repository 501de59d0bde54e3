"""``platform-lint owners [PATH...]``: who owns these files, and which CODEOWNERS line decided.

Paths are relative to the repository root (or to the current directory when they
exist there, inside the repository); a directory stands for the tracked files
under it; no path means every tracked file. ``--format json`` prints a list of
``{"path", "owners", "line"}``: owners in file order, ``[]`` when unowned,
``line`` null when no rule matched.

The rows come from ``families.codeowners.owners``; this module reads argv and prints,
building the output a few thousand rows at a time, never a write per value.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import replace
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


CHUNK = 8192
"""Rows built and written at a time: a few writes in all, and never the whole text in memory."""


def _chunks(table: OwnersTable) -> Iterator[tuple[tuple[str, ...], tuple[int, ...]]]:
    for start in range(0, len(table.paths), CHUNK):
        yield table.paths[start : start + CHUNK], table.winners[start : start + CHUNK]


def _json(table: OwnersTable) -> Iterator[str]:
    """The rows as ``json.dump(rows, indent=2)`` writes them, in large pieces: the text after each
    path is made once per deciding rule, the paths of a piece are encoded by one ``json.dumps``
    call, and the pieces are joined without a Python step per row."""
    if not table.paths:
        yield "[]\n"
        return
    tails = {-1: ',\n    "owners": [],\n    "line": null\n  }'}
    for winner in set(table.winners) - {-1}:
        rule = table.rules[winner]
        owners = ",\n".join(f"      {json.dumps(o.text)}" for o in rule.owners)
        listed = f"[\n{owners}\n    ]" if owners else "[]"
        tails[winner] = f',\n    "owners": {listed},\n    "line": {rule.line}\n  }}'
    head = ',\n  {\n    "path": '
    for number, (paths, winners) in enumerate(_chunks(table)):
        # one string per path: JSON escapes every control character, so none holds a newline
        encoded = json.dumps(paths, separators=("\n", ":"))[1:-1].split("\n")
        heads = repeat(head) if number else chain(['[\n  {\n    "path": '], repeat(head))
        # heads never runs out; encoded and winners hold one item per path
        yield "".join(chain.from_iterable(zip(heads, encoded, map(tails.__getitem__, winners), strict=False)))
    yield "\n]\n"


def _text(table: OwnersTable) -> Iterator[str]:
    """One line per path: the path, then its owners and the line that decided (or why none).

    File names and CODEOWNERS text are the repository's: a name with a control character is
    shown on one line without it, and the whole text goes out through
    :func:`platform_lint.safety.terminal_text` (no escape sequences, no workflow commands),
    a chunk of whole lines at a time."""
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
    shown = table
    if safety.has_controls("".join(table.paths)):  # rare: only then a step per path
        shown = replace(table, paths=tuple(one_line(p) for p in table.paths))
    width = min(60, max(map(len, shown.paths), default=0))
    for paths, winners in _chunks(shown):
        padded = map(str.ljust, paths, repeat(width))
        text = "".join(chain.from_iterable(zip(padded, map(decided.__getitem__, winners), strict=True)))
        yield safety.terminal_text(text)


@contextlib.contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Pause the cycle collector: the rows are many small acyclic objects built at once, which
    it would only scan again and again (about a sixth of the time on 100,000 files)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def run(args: argparse.Namespace) -> int:
    snapshot = open_local(args.repo)
    root = getattr(snapshot, "root", None)
    wanted = [_repo_relative(arg, root if isinstance(root, Path) else None) for arg in args.paths]
    with _without_cycle_collection():
        table = owners_table(snapshot, wanted)
        if args.unowned:
            table = table.unowned()
        for note in notes(table.facts):
            sys.stderr.write(safety.terminal_text(f"platform-lint: {one_line(note)}") + "\n")
        out = sys.stdout
        for piece in _json(table) if args.format == "json" else _text(table):
            out.write(piece)
    return 0

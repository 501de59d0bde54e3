"""``platform-lint owners [PATH...]``: who owns these files, and which CODEOWNERS line decided.

Paths are relative to the repository root (or to the current directory when they
exist there, inside the repository); a directory stands for the tracked files
under it; no path means every tracked file. ``--format json`` prints a list of
``{"path", "owners", "line"}``: owners in file order, ``[]`` when unowned,
``line`` null when no rule matched.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from platform_lint.errors import UsageError
from platform_lint.families.codeowners.collect import collect_codeowners
from platform_lint.families.codeowners.facts import CodeownersFacts
from platform_lint.families.collector import CollectEnv
from platform_lint.snapshot.base import RepoSnapshot
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


def _select(snapshot: RepoSnapshot, args: list[str]) -> list[str]:
    if not args:
        return list(snapshot.files())
    root = getattr(snapshot, "root", None)
    files = snapshot.files()
    out: list[str] = []
    for arg in args:
        rel = _repo_relative(arg, root if isinstance(root, Path) else None)
        if rel == "":
            out.extend(files)
        elif rel in snapshot.directories:
            out.extend(p for p in files if p.startswith(rel + "/"))
        else:
            out.append(rel)
    return list(dict.fromkeys(out))


def _rows(facts: CodeownersFacts, paths: list[str]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in paths:
        rule = facts.rule_for(path) if facts.loaded else None
        rows.append(
            {
                "path": path,
                "owners": [o.text for o in rule.owners] if rule else [],
                "line": rule.line if rule else None,
                "_pattern": rule.pattern if rule else None,
            }
        )
    return rows


def _warn(facts: CodeownersFacts) -> None:
    if facts.path is None:
        sys.stderr.write(
            "platform-lint: no CODEOWNERS file (.github/CODEOWNERS, CODEOWNERS, "
            "docs/CODEOWNERS): nothing is owned\n"
        )
    elif facts.parsed is None:
        sys.stderr.write(
            f"platform-lint: {facts.path} is not loaded ({facts.problem}); GitHub "
            "ignores it too: nothing is owned\n"
        )
    else:
        skipped = facts.parsed.skipped_lines
        if skipped:
            sys.stderr.write(
                f"platform-lint: {facts.path}: {len(skipped)} invalid lines skipped, as "
                f"GitHub does (lines {', '.join(map(str, skipped[:10]))})\n"
            )
    for path in facts.ignored:
        sys.stderr.write(f"platform-lint: {path} is ignored: GitHub only reads {facts.path}\n")


def run(args: argparse.Namespace) -> int:
    snapshot = open_local(args.repo)
    facts = collect_codeowners(snapshot, CollectEnv(), ())
    rows = _rows(facts, _select(snapshot, list(args.paths)))
    if args.unowned:
        rows = [r for r in rows if not r["owners"]]
    _warn(facts)
    out = sys.stdout
    if args.format == "json":
        json.dump([{k: v for k, v in r.items() if not k.startswith("_")} for r in rows], out, indent=2)
        out.write("\n")
        return 0
    width = min(60, max((len(r["path"]) for r in rows), default=0))
    for r in rows:
        if r["line"] is None:
            decided = "(unowned: no rule matches)"
        else:
            where = f"{facts.path}:{r['line']} '{r['_pattern']}'"
            decided = (
                (" ".join(r["owners"]) + f"  ({where})")
                if r["owners"]
                else f"(unowned: {where} has no owners)"
            )
        out.write(f"{r['path']:<{width}}  {decided}\n")
    return 0

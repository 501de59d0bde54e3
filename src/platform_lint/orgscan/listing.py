"""Finding the git repositories under a local folder, and naming each ``owner/name``.

A folder with a ``.git`` entry is a work tree; a folder with ``HEAD``, ``objects/`` and
``refs/`` is a bare repository (``NAME.git`` is named ``NAME``). The walk never follows a
symbolic link, never enters a repository it found (nested repositories are not separate
ones) and skips hidden folders that are not repositories themselves. Names are built from
folder names and used as paths and in URLs, so a character outside ``A-Z a-z 0-9 . _ -``
becomes ``-`` (as GitHub does); of two folders that end up with the same name, the first (in
path order) keeps it and the other is reported failed.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from platform_lint.errors import UsageError
from platform_lint.orgscan.clone import local_git_dir, resolve_head
from platform_lint.orgscan.source import Head, RepoFailure, RepoRef

MAX_DEPTH = 6
"""How far below the folder repositories are looked for."""

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def safe_name(part: str) -> str:
    """A folder name as a repository name component: safe in a path and in a URL."""
    name = _UNSAFE.sub("-", part)
    if name in ("", ".", ".."):
        name = name.replace(".", "-") or "-"
    return name


@dataclass(frozen=True)
class Found:
    full_name: str
    path: Path
    bare: bool
    problem: str | None = None


def _is_bare(path: Path) -> bool:
    return (path / "HEAD").is_file() and (path / "objects").is_dir() and (path / "refs").is_dir()


def _walk(root: Path) -> Iterator[tuple[Path, bool]]:
    """(path, bare) for each repository under ``root``, in sorted path order."""
    stack: list[tuple[Path, int]] = [(root, 0)]
    while stack:
        folder, depth = stack.pop()
        if os.path.lexists(folder / ".git"):
            yield folder, False
            continue
        if _is_bare(folder):
            yield folder, True
            continue
        if depth >= MAX_DEPTH:
            continue
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name, reverse=True)
        except OSError:
            continue
        for entry in entries:
            with contextlib.suppress(OSError):
                if not entry.is_dir(follow_symlinks=False):
                    continue
                child = Path(entry.path)
                # hidden folders are not searched, but one that is a repository (.github) counts
                if not entry.name.startswith(".") or os.path.lexists(child / ".git") or _is_bare(child):
                    stack.append((child, depth + 1))


def _name(root: Path, path: Path, bare: bool, org: str | None) -> str:
    parts = list(path.relative_to(root).parts) or [root.name]
    if bare and parts[-1].endswith(".git") and len(parts[-1]) > 4:
        parts[-1] = parts[-1][:-4]
    if len(parts) == 1:
        parts.insert(0, org or root.name)
    return "/".join(safe_name(p) for p in parts[-2:])


def discover(root: Path, org: str | None = None) -> list[Found]:
    """Every repository under ``root``, sorted by name, each name once."""
    if not root.is_dir():
        raise UsageError(f"--local {root}: no such directory")
    root = root.resolve()
    by_name: dict[str, Found] = {}
    clashes: list[Found] = []
    for path, bare in _walk(root):
        name = _name(root, path, bare, org)
        if name in by_name:
            first = by_name[name].path.relative_to(root)
            problem = f"the name {name} is already taken by {first or '.'}; rename one of the folders"
            clashes.append(Found(f"{name}~{len(clashes) + 1}", path, bare, problem))
        else:
            by_name[name] = Found(name, path, bare)
    return sorted([*by_name.values(), *clashes], key=lambda f: f.full_name)


@dataclass(frozen=True)
class LocalSource:
    """Git repositories under a local folder (work trees and bare repositories).

    Each is named from its path: ``OWNER/NAME`` two levels down (the last two folders when
    deeper), ``NAME`` one level down with ``org`` (default: the folder's own name) as owner.
    """

    root: Path
    org: str | None = None

    def describe(self) -> str:
        return str(self.root.resolve())

    def repositories(self) -> Iterator[RepoRef]:
        for found in discover(self.root, self.org):
            yield RepoRef(found.full_name, str(found.path), problem=found.problem)

    def head(self, repo: RepoRef) -> Head:
        if repo.problem:
            raise RepoFailure(repo.problem)
        return resolve_head(local_git_dir(Path(repo.location)))  # checks it is that repository

    @contextlib.contextmanager
    def checkout(self, repo: RepoRef, head: Head) -> Iterator[Path]:
        # already on disk: the commit is read from the git directory, no work tree needed
        yield local_git_dir(Path(repo.location))

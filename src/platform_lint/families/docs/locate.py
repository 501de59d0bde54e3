"""Where GitHub looks for a repository's README and its community files.

GitHub shows the README it finds first in ``.github/``, then the root, then ``docs/``,
whatever the case of its name and whichever markup it is written in (README, README.md,
readme.rst, README.adoc, ...). Community files (CONTRIBUTING, ...) are looked up in the
same three folders. Pure functions over the file list.
"""

from __future__ import annotations

from collections.abc import Iterable

GITHUB_FOLDERS = (".github", "", "docs")
"""The folders GitHub looks in, in its order."""

RENDERED = (
    "md",
    "markdown",
    "mdown",
    "mkdn",
    "rst",
    "rest",
    "adoc",
    "asciidoc",
    "asc",
    "org",
    "txt",
    "textile",
)


def _rank(name: str, stem: str) -> tuple[int, str] | None:
    """How GitHub prefers names for one file stem in a folder (lower first), None if not one."""
    lower = name.lower()
    if lower == stem:
        return (1, name)
    if not lower.startswith(stem + "."):
        return None
    ext = lower[len(stem) + 1 :]
    if ext in RENDERED:
        return (0, name)
    return (2, name)  # README.zh-CN.md, CONTRIBUTING.en.md, README.html: a translation or other


def community_files(paths: Iterable[str], stem: str) -> list[str]:
    """Every file named ``stem`` (any case, any extension) in GitHub's folders, in GitHub's order:
    the first is the one GitHub shows."""
    by_folder: dict[str, list[tuple[int, str]]] = {folder: [] for folder in GITHUB_FOLDERS}
    for path in paths:
        folder, _, name = path.rpartition("/")
        if folder.lower() not in ("", ".github", "docs"):
            continue
        rank = _rank(name, stem)
        if rank is not None:
            by_folder[folder.lower() if folder.lower() != "" else ""].append((rank[0], path))
    found: list[str] = []
    for folder in GITHUB_FOLDERS:
        found.extend(path for _, path in sorted(by_folder[folder]))
    return found

"""Collectors of the changelog family: a Keep a Changelog file read into sections, and file digests.

``changelog`` finds CHANGELOG.md (also CHANGES.md, HISTORY.md, any case) and records
its structure without judging it: every heading with its level and line, the
Unreleased section and each release (version, date, yanked flag, entries grouped
by change type), list items that sit outside a change-type heading, and link
reference definitions. ``source-digests`` (args: globs) hashes matching files so a
check can tell whether a change touched source code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from platform_lint.families.collector import CollectEnv
from platform_lint.snapshot.base import RepoSnapshot

CANDIDATES = ("CHANGELOG.md", "CHANGES.md", "HISTORY.md", "CHANGELOG", "CHANGELOG.markdown")

# Closing #s are stripped from the title after the match: a lazy group followed by
# "[ \t#]*$" backtracked quadratically on a long line of " #".
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*)$")
_ITEM = re.compile(r"^[ \t]{0,3}[-*+][ \t]+(.*)$")
_LINK = re.compile(r"^[ \t]{0,3}\[([^\]]+)\]:[ \t]*(\S+)")
_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)")
_UNRELEASED = re.compile(r"^\[?unreleased\]?(?:\s|$)", re.IGNORECASE)
_RELEASE = re.compile(
    r"^\[?(v?\d+(?:\.\d+)*(?:[-+][0-9A-Za-z.+-]*)?)\]?(?:[ \t]+[-\u2013\u2014][ \t]+(\S+))?"
    r"(?P<yanked>[ \t]+\[YANKED\])?[ \t]*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int


@dataclass(frozen=True)
class Entry:
    change_type: str
    text: str
    line: int


@dataclass(frozen=True)
class Section:
    """``## [Unreleased]`` or ``## [1.2.3] - 2024-01-31``."""

    title: str
    line: int
    version: str | None = None  # None for Unreleased
    date: str | None = None
    yanked: bool = False
    change_types: tuple[Heading, ...] = ()
    entries: tuple[Entry, ...] = ()

    @property
    def unreleased(self) -> bool:
        return self.version is None


@dataclass(frozen=True)
class ChangelogFacts:
    path: str | None
    headings: tuple[Heading, ...] = ()
    sections: tuple[Section, ...] = ()
    stray_entries: tuple[Entry, ...] = ()
    links: dict[str, int] = field(default_factory=dict, hash=False)
    problem: str | None = None

    @property
    def unreleased(self) -> Section | None:
        return next((s for s in self.sections if s.unreleased), None)

    @property
    def releases(self) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if not s.unreleased)

    @property
    def latest(self) -> Section | None:
        return self.releases[0] if self.releases else None


def parse_changelog(path: str, text: str) -> ChangelogFacts:
    headings: list[Heading] = []
    sections: list[dict[str, Any]] = []
    stray: list[Entry] = []
    links: dict[str, int] = {}
    current: dict[str, Any] | None = None
    change_type: str | None = None
    in_fence = False
    for number, line in enumerate(text.splitlines(), start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        heading = _HEADING.match(line)
        if heading:
            level, title = len(heading.group(1)), heading.group(2).rstrip(" \t#").strip()
            headings.append(Heading(level, title, number))
            if level == 2:
                current = _section(title, number)
                sections.append(current)
                change_type = None
            elif level == 3 and current is not None:
                change_type = title
                current["change_types"].append(Heading(level, title, number))
            elif level < 2:
                current, change_type = None, None
            continue
        link = _LINK.match(line)
        if link:
            links[link.group(1).strip().lower()] = number
            continue
        item = _ITEM.match(line)
        if item:
            if current is not None and change_type is not None:
                current["entries"].append(Entry(change_type, item.group(1).strip(), number))
            elif current is not None:
                stray.append(Entry("", item.group(1).strip(), number))
    return ChangelogFacts(path, tuple(headings), tuple(_freeze(s) for s in sections), tuple(stray), links)


def _section(title: str, line: int) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": title,
        "line": line,
        "version": None,
        "date": None,
        "yanked": False,
        "change_types": [],
        "entries": [],
    }
    if _UNRELEASED.match(title):
        return data
    match = _RELEASE.match(title)
    if match:
        data["version"] = match.group(1)
        data["date"] = match.group(2)
        data["yanked"] = bool(match.group("yanked"))
    else:
        data["version"] = title  # not a version heading; the format check says so
    return data


def _freeze(data: dict[str, Any]) -> Section:
    return Section(
        data["title"],
        data["line"],
        data["version"],
        data["date"],
        data["yanked"],
        tuple(data["change_types"]),
        tuple(data["entries"]),
    )


def find_changelog(snapshot: RepoSnapshot) -> str | None:
    by_lower = {p.lower(): p for p in snapshot.files() if "/" not in p}
    for name in CANDIDATES:
        if name.lower() in by_lower:
            return by_lower[name.lower()]
    return None


def collect_changelog(snapshot: RepoSnapshot, env: CollectEnv, args: tuple[Any, ...]) -> ChangelogFacts:
    path = str(args[0]) if args and args[0] else find_changelog(snapshot)
    if path is None or not snapshot.exists(path):
        return ChangelogFacts(None)
    content = snapshot.read(path)
    if content.text is None:
        return ChangelogFacts(path, problem=f"cannot read the file ({content.problem})")
    return parse_changelog(path, content.text)


@dataclass(frozen=True)
class SourceDigests:
    patterns: tuple[str, ...]
    digests: dict[str, str] = field(default_factory=dict, hash=False)


def collect_digests(snapshot: RepoSnapshot, env: CollectEnv, args: tuple[Any, ...]) -> SourceDigests:
    patterns = tuple(args[0]) if args else ()
    ids = snapshot.content_ids()
    return SourceDigests(patterns, {path: ids[path] for path in snapshot.glob(patterns) if path in ids})


def _entry_keys(section: Section | None) -> set[tuple[str, str]]:
    return {(e.change_type.lower(), e.text) for e in section.entries} if section else set()


def new_entries(head: ChangelogFacts, base: ChangelogFacts | None) -> list[Entry]:
    """Entries under Unreleased, or under a release section the base did not have, that are new."""
    base_versions = {str(s.version) for s in base.releases} if base else set()
    old = _entry_keys(base.unreleased) if base else set()
    found: list[Entry] = []
    for section in head.sections:
        if section.unreleased or str(section.version) not in base_versions:
            found.extend(e for e in section.entries if (e.change_type.lower(), e.text) not in old)
    return found

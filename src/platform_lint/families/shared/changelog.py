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

from platform_lint.errors import EnvironmentFailure
from platform_lint.families.collector import CollectEnv, content_failure
from platform_lint.snapshot.base import RepoSnapshot

CANDIDATES = (
    "CHANGELOG.md",
    "CHANGES.md",
    "HISTORY.md",
    "NEWS.md",
    "RELEASE_NOTES.md",
    "RELEASE-NOTES.md",
    "RELEASES.md",
    "CHANGELOG",
    "CHANGELOG.markdown",
    "CHANGELOG.rst",
    "CHANGES.rst",
    "HISTORY.rst",
    "NEWS.rst",
)
"""Changelog file names at the repository root, in the order they are looked for (any case)."""

_RST_UNDERLINE = re.compile(r"""^([=\-~^*+#"'`:.])\1{2,}[ \t]*$""")

CHANGE_TYPE_WORDS = frozenset({"added", "changed", "deprecated", "removed", "fixed", "security"})
"""Keep a Changelog's change types (a level-2 heading with one of these names is a change type
at the wrong level, not a release)."""

# Closing #s are stripped from the title after the match: a lazy group followed by
# "[ \t#]*$" backtracked quadratically on a long line of " #".
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*)$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_ITEM = re.compile(r"^[ \t]{0,3}[-*+][ \t]+(.*)$")
_LINK = re.compile(r"^[ \t]{0,3}\[([^\]]+)\]:[ \t]*(\S+)")
_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)")
_UNRELEASED = re.compile(r"(?:^|[^0-9A-Za-z])unreleased(?:$|[^0-9A-Za-z])", re.IGNORECASE)
_TOKEN = r"v?\d[0-9A-Za-z.+-]*(?:/v?\d[0-9A-Za-z.+-]*)*"
_RELEASE = re.compile(
    r"^(?:(?:version|release)[ \t]+)?"
    rf"(?:\[(?P<bracketed>{_TOKEN})\](?P<url>\([^)\s]*\))?|(?P<bare>{_TOKEN}))"
    r"(?P<rest>.*)$",
    re.IGNORECASE,
)
# "[2026-04-14] Version 2.6.7": the date first, then the version
_DATE_FIRST = re.compile(
    r"^\[(?P<date>\d{4}-\d{2}-\d{2})\][ \t]+(?:(?:version|release)[ \t]+)?"
    rf"(?P<version>{_TOKEN})[ \t]*$",
    re.IGNORECASE,
)
_SEPARATORS = " \t-\u2013\u2014/:,"


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int


@dataclass(frozen=True)
class Entry:
    change_type: str  # "" for an entry directly under the version heading
    text: str
    line: int


@dataclass(frozen=True)
class ReleaseHeading:
    """What a heading says: Unreleased, a release (version, date, yanked, linked inline), or neither."""

    kind: str  # unreleased | release | other
    version: str | None = None
    also: tuple[str, ...] = ()  # further versions on the heading ("1.44.0/0.65b0")
    date: str | None = None
    yanked: bool = False
    linked: bool = False


def read_heading(title: str) -> ReleaseHeading:
    """Read a heading's title the many ways changelogs write releases, without judging the form.

    ``[1.2.3] - 2024-01-31`` (Keep a Changelog), ``v1.2.3 (2024-01-31)`` (commitizen),
    ``[1.2.3](https://...) (2024-01-31)`` (conventional-changelog), ``1.2.3 / 2024-01-31``,
    ``Version 1.2.3/0.4b0 (2024-01-31)``, ``[2024-01-31] Version 1.2.3``, ``2024-01-31``.
    """
    text = title.strip()
    if _UNRELEASED.search(text):
        return ReleaseHeading("unreleased")
    yanked = text.upper().endswith("[YANKED]")  # no regex: a search for it is quadratic in blanks
    if yanked:
        text = text[: -len("[YANKED]")].rstrip()
    date_first = _DATE_FIRST.match(text)
    if date_first:
        versions = date_first.group("version").split("/")
        return ReleaseHeading(
            "release", versions[0], tuple(versions[1:]), date_first.group("date"), bool(yanked)
        )
    match = _RELEASE.match(text)
    if match is None:
        return ReleaseHeading("other")
    token = match.group("bracketed") or match.group("bare")
    rest = match.group("rest").strip(_SEPARATORS)
    if rest.startswith("(") and rest.endswith(")"):
        rest = rest[1:-1].strip()
    if match.group("bare") and rest[:1].isalnum() and not match.group("rest")[:1].isspace():
        return ReleaseHeading("other")  # "1.2.3rd thing" is not a release
    versions = token.split("/")
    return ReleaseHeading(
        "release",
        versions[0],
        tuple(versions[1:]),
        rest or None,
        bool(yanked),
        bool(match.group("url")),
    )


@dataclass(frozen=True)
class Section:
    """``## [Unreleased]``, ``## [1.2.3] - 2024-01-31``, or another heading where a release would be.

    ``version`` is None for Unreleased; for a heading that is neither (``kind`` other) it is
    the title, so the format check can name it. ``level`` is the heading level; ``linked``
    says the version is an inline link. ``entries`` under a change type have its name;
    entries straight under the version heading have ``change_type`` "".
    """

    title: str
    line: int
    version: str | None = None
    date: str | None = None
    yanked: bool = False
    change_types: tuple[Heading, ...] = ()
    entries: tuple[Entry, ...] = ()
    level: int = 2
    kind: str = "release"
    linked: bool = False
    also: tuple[str, ...] = ()

    @property
    def unreleased(self) -> bool:
        return self.kind == "unreleased"

    @property
    def bare_entries(self) -> tuple[Entry, ...]:
        """Entries under no change-type heading."""
        return tuple(e for e in self.entries if not e.change_type)


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
        """Sections whose heading names a version (not Unreleased, not another title)."""
        return tuple(s for s in self.sections if s.kind == "release")

    @property
    def latest(self) -> Section | None:
        return self.releases[0] if self.releases else None


class _Builder:
    """Collects sections while the lines go by (a mutable helper; the result is frozen)."""

    def __init__(self) -> None:
        self.headings: list[Heading] = []
        self.sections: list[dict[str, Any]] = []
        self.current: dict[str, Any] | None = None
        self.change_type: str | None = None

    def heading(self, level: int, title: str, number: int) -> None:
        self.headings.append(Heading(level, title, number))
        read = read_heading(title)
        if read.kind != "other" and level <= 3:
            self._open(title, number, level, read)
        elif level == 2 and self.current is not None and title.lower() in CHANGE_TYPE_WORDS:
            self._change_type(level, title, number)  # "## Added": a change type one level too high
        elif level == 2:
            self._open(title, number, level, read)
        elif level < 2:
            self.current, self.change_type = None, None
        elif level <= 4 and self.current is not None:
            self._change_type(level, title, number)

    def _open(self, title: str, number: int, level: int, read: ReleaseHeading) -> None:
        version = read.version if read.kind == "release" else (title if read.kind == "other" else None)
        self.current = {
            "title": title,
            "line": number,
            "version": version,
            "date": read.date,
            "yanked": read.yanked,
            "change_types": [],
            "entries": [],
            "level": level,
            "kind": read.kind,
            "linked": read.linked,
            "also": read.also,
        }
        self.sections.append(self.current)
        self.change_type = None

    def _change_type(self, level: int, title: str, number: int) -> None:
        assert self.current is not None
        self.change_type = title
        self.current["change_types"].append(Heading(level, title, number))

    def item(self, text: str, number: int) -> None:
        if self.current is not None:
            self.current["entries"].append(Entry(self.change_type or "", text, number))


def _setext_level(lines: list[str], index: int) -> int | None:
    """The level of a setext heading whose text is ``lines[index]`` (underlined by the next line)."""
    if index + 1 >= len(lines) or not lines[index].strip():
        return None
    underline = _SETEXT.match(lines[index + 1])
    if underline is None or _ITEM.match(lines[index]) or _LINK.match(lines[index]):
        return None
    if lines[index].startswith(("    ", "\t", ">")):
        return None
    return 1 if underline.group(1).startswith("=") else 2


def is_markdown(path: str) -> bool:
    return not path.lower().endswith((".rst", ".txt"))


def _rst_headings(lines: list[str]) -> dict[int, int]:
    """reStructuredText section titles: line index of the title -> level (by order of first use)."""
    styles: list[str] = []
    found: dict[int, int] = {}
    for index in range(len(lines) - 1):
        title, under = lines[index], _RST_UNDERLINE.match(lines[index + 1])
        if under is None or not title.strip() or title[:1].isspace() or _RST_UNDERLINE.match(title):
            continue
        if len(lines[index + 1].rstrip()) < len(title.rstrip()):
            continue
        if under.group(1) not in styles:
            styles.append(under.group(1))
        found[index] = styles.index(under.group(1)) + 1
    return found


def parse_changelog(path: str, text: str) -> ChangelogFacts:
    builder = _Builder()
    links: dict[str, int] = {}
    in_fence = False
    in_comment = False
    lines = text.splitlines()
    rst = None if is_markdown(path) else _rst_headings(lines)
    skip_next = False
    for index, line in enumerate(lines):
        number = index + 1
        if skip_next:
            skip_next = False
            continue
        if rst is not None:
            rst_item = _ITEM.match(line)
            if index in rst:
                builder.heading(rst[index], line.strip(), number)
                skip_next = True
            elif rst_item:
                builder.item(rst_item.group(1).strip(), number)
            continue
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if in_comment or line.lstrip().startswith("<!--"):
            in_comment = "-->" not in line
            continue
        heading = _HEADING.match(line)
        if heading:
            builder.heading(len(heading.group(1)), heading.group(2).rstrip(" \t#").strip(), number)
            continue
        setext = _setext_level(lines, index)
        if setext is not None:
            builder.heading(setext, line.strip(), number)
            skip_next = True
            continue
        link = _LINK.match(line)
        if link:
            links[link.group(1).strip().lower()] = number
            continue
        item = _ITEM.match(line)
        if item:
            builder.item(item.group(1).strip(), number)
    sections = tuple(_freeze(s) for s in builder.sections)
    stray = tuple(e for s in sections if s.kind == "release" and s.change_types for e in s.bare_entries)
    return ChangelogFacts(path, tuple(builder.headings), sections, stray, links)


def _freeze(data: dict[str, Any]) -> Section:
    return Section(
        data["title"],
        data["line"],
        data["version"],
        data["date"],
        data["yanked"],
        tuple(data["change_types"]),
        tuple(data["entries"]),
        data["level"],
        data["kind"],
        data["linked"],
        data["also"],
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
    try:
        return parse_changelog(path, content.text)
    except EnvironmentFailure:
        raise
    except Exception as exc:  # the file is the problem: a fact about it, the checks report it
        return ChangelogFacts(path, problem=content_failure(exc))


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
        if section.kind == "other":
            continue
        if section.unreleased or str(section.version) not in base_versions:
            found.extend(e for e in section.entries if (e.change_type.lower(), e.text) not in old)
    return found

"""Keep a Changelog 1.1.0, judged over the parsed changelog (pure: facts and params in, instances out).

What the specification asks, and the code each departure gets:

- an Unreleased section on top (``no-unreleased``, ``unreleased-not-first``; ``empty-unreleased``
  when the policy wants it filled);
- one section per version, headed ``## [x.y.z] - YYYY-MM-DD``: release headings at level 2 and
  change types at level 3 (``wrong-level``), a version of the chosen scheme (``bad-version``), an
  ISO 8601 date (``bad-date``), newest first (``not-descending``), each version once
  (``duplicate-section``), linkable (``missing-link``: neither ``[x.y.z]: URL`` nor an inline link);
- changes grouped under Added, Changed, Deprecated, Removed, Fixed, Security
  (``unknown-change-type``; ``entry-outside-change-type`` for an entry above the first group;
  ``no-change-types``, a warning, for a version whose entries sit straight under its heading).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from platform_lint.families.changelog.grouping import Instance
from platform_lint.families.shared.changelog import ChangelogFacts, Section
from platform_lint.families.shared.versions import Version, parse_version

CHANGE_TYPES = ("Added", "Changed", "Deprecated", "Removed", "Fixed", "Security")
SCHEME_WORDS = {
    "any": "semver, calver or date",
    "semver": "semver",
    "calver": "calver",
    "date": "date",
}
_MAX_NAMES = 8


def _label(section: Section) -> str:
    return "Unreleased" if section.unreleased else str(section.version)


def _dated(section: Section, version: Version | None) -> bool:
    """Whether the heading carries an ISO 8601 date (a date-only heading is its own date)."""
    if version is not None and version.scheme == "date":
        return True
    return section.date is not None and parse_version(section.date, "date") is not None


def _out_of_order(previous: tuple[Section, Version], section: Section, version: Version) -> bool:
    """Newest first, by version or by date: a changelog may list a later patch to an older line
    above the newer line's release (dates descend), or a pre-release above a later patch to the
    line before (versions descend). Out of order when neither descends."""
    by_version = previous[1].scheme == version.scheme and version.key < previous[1].key
    before, after = previous[0].date, section.date
    if before and after and parse_version(before, "date") and parse_version(after, "date"):
        return not by_version and after >= before
    return previous[1].scheme == version.scheme and not by_version


class _Judge:
    def __init__(self, facts: ChangelogFacts, params: Mapping[str, Any]) -> None:
        self.facts = facts
        self.path = str(facts.path)
        self.params = params
        self.versioning = str(params.get("versioning", "any"))
        extra = [str(t) for t in params.get("extra_change_types", [])]
        self.allowed_names = (*CHANGE_TYPES, *extra)
        self.allowed = {t.lower() for t in self.allowed_names}
        self.out: list[Instance] = []

    def add(self, code: str, line: int | None, severity: str | None = None, **args: Any) -> None:
        self.out.append(Instance(code, self.path, line, args, severity))

    def run(self) -> list[Instance]:
        facts = self.facts
        unknown = sorted(
            {
                h.text
                for s in facts.sections
                for h in s.change_types
                if h.level == 3 and h.text.lower() not in self.allowed
            }
        )
        if facts.unreleased is not None and facts.sections[0] is not facts.unreleased:
            self.add("unreleased-not-first", facts.unreleased.line)
        seen: dict[str, int] = {}
        previous: tuple[Section, Version] | None = None
        for section in facts.sections:
            self._section_shape(section, unknown)
            label = _label(section)
            norm = label.lower().lstrip("v")
            if norm in seen:
                self.add("duplicate-section", section.line, section=label, first_line=seen[norm])
            else:
                seen[norm] = section.line
            if section.unreleased:
                if not section.entries and not self.params.get("allow_empty_unreleased", True):
                    self.add("empty-unreleased", section.line)
                continue
            version = (
                parse_version(str(section.version), self.versioning) if section.kind == "release" else None
            )
            if version is None:
                self.add(
                    "bad-version", section.line, heading=section.title, expected=SCHEME_WORDS[self.versioning]
                )
                continue
            if not _dated(section, version):
                self.add("bad-date", section.line, version=label, date=section.date or "(none)")
            if previous is not None and _out_of_order(previous, section, version):
                self.add("not-descending", section.line, version=label, previous=previous[0].version)
            previous = (section, version)
            if self.params.get("require_links", True) and not self._linked(section):
                self.add("missing-link", section.line, version=label)
        for entry in facts.stray_entries:
            self.add("entry-outside-change-type", entry.line, text=entry.text[:80])
        if self.params.get("require_unreleased", True) and facts.unreleased is None:
            self.add("no-unreleased", 1)
        return self.out

    def _linked(self, section: Section) -> bool:
        label = _label(section).lower()
        return section.linked or label in self.facts.links or f"v{label}" in self.facts.links

    def _section_shape(self, section: Section, unknown: list[str]) -> None:
        if section.kind != "other" and section.level != 2:
            self.add("wrong-level", section.line, heading=section.title, level=section.level, expected=2)
        types_seen: set[str] = set()
        for heading in section.change_types:
            name = heading.text.lower()
            if heading.level != 3:
                self.add("wrong-level", heading.line, heading=heading.text, level=heading.level, expected=3)
            elif name not in self.allowed:
                self.add(
                    "unknown-change-type",
                    heading.line,
                    heading=heading.text,
                    names=", ".join(unknown[:_MAX_NAMES]) + (", …" if len(unknown) > _MAX_NAMES else ""),
                    allowed=", ".join(self.allowed_names),
                )
            if name in types_seen:
                self.add(
                    "duplicate-section",
                    heading.line,
                    section=f"{_label(section)} / {heading.text}",
                    first_line=section.line,
                )
            types_seen.add(name)
        if section.kind != "other" and section.entries and not section.change_types:
            self.add("no-change-types", section.line, "warning", version=_label(section))


def keep_a_changelog(facts: ChangelogFacts, params: Mapping[str, Any]) -> list[Instance]:
    """Every departure from Keep a Changelog, one instance each (grouped by the caller)."""
    return _Judge(facts, params).run()

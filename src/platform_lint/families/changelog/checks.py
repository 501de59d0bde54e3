"""Check types of the changelog family (Keep a Changelog 1.1.0).

- ``changelog.format``: the file follows Keep a Changelog: an Unreleased section on
  top, release headings ``## [x.y.z] - YYYY-MM-DD`` in descending order without
  duplicates, entries under change-type headings (Added, Changed, Deprecated,
  Removed, Fixed, Security, plus any the policy allows), a link reference per version.
- ``changelog.version-match``: the latest released version equals the package
  version (or the latest semver tag).
- ``changelog.unreleased-updated``: a change that touches source files adds an entry
  under Unreleased (or a new release section). Needs a base.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from platform_lint.families.changelog import examples
from platform_lint.families.check_type import CheckInput, CheckType
from platform_lint.families.collector import FactRequest
from platform_lint.families.shared.changelog import ChangelogFacts, Section, new_entries
from platform_lint.families.shared.facts import CHANGELOG, PACKAGE_VERSION, SOURCE_DIGESTS
from platform_lint.families.shared.versions import semver_key
from platform_lint.model import Finding, Location, Outcome

CHANGE_TYPES = ("Added", "Changed", "Deprecated", "Removed", "Fixed", "Security")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DEFAULT_SOURCES = [
    "src/**",
    "lib/**",
    "app/**",
    "pkg/**",
    "cmd/**",
    "internal/**",
    "**/*.py",
    "**/*.go",
    "**/*.ts",
    "**/*.js",
    "**/*.java",
    "**/*.rs",
]


def _changelog_request(params: Mapping[str, Any]) -> tuple[FactRequest[Any], ...]:
    path = params.get("path")
    return (FactRequest(CHANGELOG, (path,) if path else ()),)


def _version_request(params: Mapping[str, Any]) -> tuple[FactRequest[Any], ...]:
    return (*_changelog_request(params), FactRequest(PACKAGE_VERSION))


def _digests_request(params: Mapping[str, Any]) -> tuple[FactRequest[Any], ...]:
    sources = tuple(params.get("source_paths") or DEFAULT_SOURCES)
    return (*_changelog_request(params), FactRequest(SOURCE_DIGESTS, (sources,)))


def _loc(facts: ChangelogFacts, line: int | None) -> Location | None:
    return Location(facts.path, line) if facts.path else None


def _missing(facts: ChangelogFacts) -> Outcome | None:
    if facts.path is None:
        return Outcome.failed(
            Finding("missing", {"names": "CHANGELOG.md, CHANGES.md, HISTORY.md"}, key="missing")
        )
    if facts.problem:
        return Outcome.failed(
            Finding(
                "unreadable",
                {"path": facts.path, "problem": facts.problem},
                Location(facts.path),
                key="unreadable",
            )
        )
    return None


# -- changelog.format ----------------------------------------------------------------------------


def _date_ok(text: str | None) -> bool:
    if text is None or not _DATE.match(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _format_findings(facts: ChangelogFacts, params: Mapping[str, Any]) -> list[Finding]:
    allowed = {t.lower() for t in (*CHANGE_TYPES, *params.get("extra_change_types", []))}
    out: list[Finding] = []

    def add(code: str, line: int | None, key: str, **args: Any) -> None:
        out.append(Finding(code, {"path": facts.path, **args}, _loc(facts, line), key=f"{code}:{key}"))

    misplaced: set[int] = set()
    for heading in facts.headings:
        if heading.level == 2 and heading.text.lower() in allowed:
            misplaced.add(heading.line)
            add("wrong-level", heading.line, heading.text, heading=heading.text, expected=3, level=2)
        elif heading.level == 3 and (
            heading.text.lower().startswith(("[unreleased", "unreleased"))
            or re.match(r"^\[?v?\d+\.\d+", heading.text)
        ):
            misplaced.add(heading.line)
            add("wrong-level", heading.line, heading.text, heading=heading.text, expected=2, level=3)
    for entry in facts.stray_entries:
        add("entry-outside-change-type", entry.line, entry.text[:60], text=entry.text[:80])
    seen: dict[str, int] = {}
    previous: tuple[Section, Any] | None = None
    if facts.unreleased is not None and facts.sections[0] is not facts.unreleased:
        add("unreleased-not-first", facts.unreleased.line, "unreleased")
    for section in facts.sections:
        label = "Unreleased" if section.unreleased else str(section.version)
        if label.lower() in seen:
            add("duplicate-section", section.line, label, section=label, first_line=seen[label.lower()])
        else:
            seen[label.lower()] = section.line
        types_seen: set[str] = set()
        for heading in section.change_types:
            name = heading.text.lower()
            if name not in allowed and heading.line not in misplaced:
                add(
                    "unknown-change-type",
                    heading.line,
                    f"{label}:{heading.text}",
                    heading=heading.text,
                    allowed=", ".join((*CHANGE_TYPES, *params.get("extra_change_types", []))),
                )
            if name in types_seen:
                add(
                    "duplicate-section",
                    heading.line,
                    f"{label}:{heading.text}",
                    section=f"{label} / {heading.text}",
                    first_line=section.line,
                )
            types_seen.add(name)
        if section.unreleased:
            if not section.entries and not params.get("allow_empty_unreleased", True):
                add("empty-unreleased", section.line, "unreleased")
            continue
        key = semver_key(str(section.version))
        if key is None:
            add("bad-version", section.line, label, heading=section.title)
            continue
        if not _date_ok(section.date):
            add("bad-date", section.line, label, version=label, date=section.date or "(none)")
        if previous is not None and key >= previous[1]:
            add("not-descending", section.line, label, version=label, previous=previous[0].version)
        previous = (section, key)
        if (
            params.get("require_links", True)
            and label.lower() not in facts.links
            and f"v{label}".lower() not in facts.links
        ):
            add("missing-link", section.line, label, version=label)
    if params.get("require_unreleased", True) and facts.unreleased is None:
        add("no-unreleased", 1, "no-unreleased")
    return out


def changelog_format(inp: CheckInput) -> Outcome:
    facts = inp.facts[CHANGELOG]
    missing = _missing(facts)
    if missing is not None:
        return missing
    findings = _format_findings(facts, inp.params)
    latest = facts.latest
    evidence = Finding(
        "well-formed",
        {"path": facts.path, "releases": len(facts.releases), "latest": latest.version if latest else "none"},
        _loc(facts, 1),
        key="well-formed",
    )
    return Outcome.from_findings(findings, evidence)


_PATH = {"type": "string", "minLength": 1, "description": "the changelog file (default: found by name)"}

FORMAT = CheckType(
    id="changelog.format",
    summary="The changelog follows Keep a Changelog 1.1.0.",
    why="Users read the changelog to decide whether to upgrade. A predictable shape (Unreleased on "
    "top, one section per version, newest first, dated, changes grouped by type) lets them and "
    "release tooling find what changed.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "path": _PATH,
            "extra_change_types": {
                "type": "array",
                "items": {"type": "string", "minLength": 1},
                "description": "change-type headings allowed besides the six standard ones",
            },
            "require_links": {
                "type": "boolean",
                "default": True,
                "description": "each version needs a link reference definition",
            },
            "require_unreleased": {"type": "boolean", "default": True},
            "allow_empty_unreleased": {"type": "boolean", "default": True},
        },
    },
    run=changelog_format,
    needs=_changelog_request,
    messages={
        "missing": "no changelog found (looked for {names})",
        "unreadable": "{path} cannot be read ({problem})",
        "well-formed": "{path} follows Keep a Changelog ({releases} releases, latest {latest})",
        "wrong-level": "{path}: heading '{heading}' is at level {level}, expected level {expected}",
        "entry-outside-change-type": "{path}: entry '{text}' is not under a change-type heading",
        "duplicate-section": "{path}: section {section} appears again (first at line {first_line})",
        "unknown-change-type": "{path}: '{heading}' is not a change type (allowed: {allowed})",
        "bad-version": "{path}: '{heading}' is not a version heading like [1.2.3] - 2024-01-31",
        "bad-date": "{path}: version {version} has date {date}; use ISO 8601 (YYYY-MM-DD)",
        "not-descending": "{path}: version {version} is not lower than the version above it ({previous})",
        "missing-link": "{path}: version {version} has no link reference ([{version}]: URL)",
        "no-unreleased": "{path}: there is no [Unreleased] section",
        "unreleased-not-first": "{path}: the [Unreleased] section should come before every release",
        "empty-unreleased": "{path}: the [Unreleased] section has no entries",
    },
    remediation="Shape the changelog as Keep a Changelog describes: '## [Unreleased]' first, then "
    "'## [x.y.z] - YYYY-MM-DD' sections newest first, each change as a list item under "
    "'### Added', '### Changed', '### Deprecated', '### Removed', '### Fixed' or "
    "'### Security', and a '[x.y.z]: URL' link for each version at the bottom.",
    examples=examples.FORMAT,
)


# -- changelog.version-match ---------------------------------------------------------------------


def version_match(inp: CheckInput) -> Outcome:
    facts = inp.facts[CHANGELOG]
    missing = _missing(facts)
    if missing is not None:
        return missing
    versions = inp.facts[PACKAGE_VERSION]
    source = inp.params.get("source", "package")
    if source == "git-tag":
        expected = versions.latest_tag.lstrip("v") if versions.latest_tag else None
        where: Location | None = None
        label = f"git tag {versions.latest_tag}"
    else:
        declared = versions.package
        expected = declared.version if declared else None
        where = Location(declared.source, declared.line) if declared else None
        label = declared.source if declared else "package"
    if expected is None:
        why = "no semver tag" if source == "git-tag" else "no manifest declares one"
        return Outcome.not_applicable(f"no version found ({why})")
    latest = facts.latest
    if latest is None:
        return Outcome.failed(
            Finding(
                "no-release",
                {"path": facts.path, "version": expected, "source": label},
                _loc(facts, 1),
                key="no-release",
            )
        )
    if str(latest.version).lstrip("v") == expected.lstrip("v"):
        return Outcome.passed(
            Finding(
                "matches",
                {"path": facts.path, "version": expected, "source": label},
                _loc(facts, latest.line),
                key="matches",
            )
        )
    listed = any(str(s.version).lstrip("v") == expected.lstrip("v") for s in facts.releases)
    return Outcome.failed(
        Finding(
            "mismatch",
            {
                "path": facts.path,
                "latest": latest.version,
                "version": expected,
                "source": label,
                "listed": "listed lower down" if listed else "not listed at all",
            },
            _loc(facts, latest.line),
            key="mismatch",
        ),
        evidence=(
            (Finding("declared", {"source": label, "version": expected}, where, key="declared"),)
            if where
            else ()
        ),
    )


VERSION_MATCH = CheckType(
    id="changelog.version-match",
    summary="The latest version in the changelog is the version the package declares (or the latest tag).",
    why="A release whose changelog stops at the previous version tells users nothing about what they "
    "are installing.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "path": _PATH,
            "source": {
                "enum": ["package", "git-tag"],
                "default": "package",
                "description": "package: pyproject.toml, package.json, setup.cfg or Cargo.toml; "
                "git-tag: the highest semver tag",
            },
        },
    },
    run=version_match,
    needs=_version_request,
    messages={
        "missing": "no changelog found (looked for {names})",
        "unreadable": "{path} cannot be read ({problem})",
        "matches": "{path} lists {version}, as {source} declares",
        "no-release": "{path} has no released version; {source} declares {version}",
        "mismatch": "{path}: latest version is {latest} but {source} declares {version} ({listed})",
        "declared": "{source} declares {version}",
    },
    remediation="When you release, move the Unreleased entries under a '## [x.y.z] - YYYY-MM-DD' "
    "heading for the version you are publishing.",
    examples=examples.VERSION_MATCH,
)


# -- changelog.unreleased-updated ----------------------------------------------------------------


def changed_files(head: Mapping[str, str], base: Mapping[str, str]) -> list[str]:
    return sorted(p for p in set(head) | set(base) if head.get(p) != base.get(p))


def unreleased_updated(inp: CheckInput) -> Outcome:
    if inp.base_facts is None:
        return Outcome.not_applicable("no base to compare with")
    facts = inp.facts[CHANGELOG]
    missing = _missing(facts)
    if missing is not None:
        return missing
    changed = changed_files(inp.facts[SOURCE_DIGESTS].digests, inp.base_facts[SOURCE_DIGESTS].digests)
    if not changed:
        return Outcome.not_applicable("the change touches no source file")
    entries = new_entries(facts, inp.base_facts[CHANGELOG])
    if entries:
        return Outcome.passed(
            *(
                Finding(
                    "entry-added",
                    {"path": facts.path, "text": e.text[:80], "change_type": e.change_type},
                    _loc(facts, e.line),
                    key=f"entry:{e.text[:60]}",
                )
                for e in entries[:5]
            )
        )
    section = facts.unreleased
    return Outcome.failed(
        Finding(
            "no-entry",
            {"path": facts.path, "count": len(changed), "examples": changed[:3]},
            _loc(facts, section.line if section else 1),
            key="no-entry",
        )
    )


UNRELEASED_UPDATED = CheckType(
    id="changelog.unreleased-updated",
    summary="A change to source files adds an entry to the changelog's Unreleased section.",
    why="Changelogs written at release time forget things. An entry written with the change is "
    "accurate and costs a minute.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "path": _PATH,
            "source_paths": {
                "type": "array",
                "items": {"type": "string", "format": "glob", "minLength": 1},
                "minItems": 1,
                "description": "what counts as source (globs)",
            },
        },
    },
    run=unreleased_updated,
    needs=_digests_request,
    uses_base=True,
    requires_base=True,
    messages={
        "missing": "no changelog found (looked for {names})",
        "unreadable": "{path} cannot be read ({problem})",
        "entry-added": "{path}: new entry under {change_type}: {text}",
        "no-entry": "{path}: {count} source file(s) changed (e.g. {examples}) but Unreleased gained no entry",
    },
    remediation="Add a line under '## [Unreleased]' in the changelog, in the change-type group that "
    "fits (Added, Changed, Fixed, ...), saying what users will notice.",
    examples=examples.UNRELEASED_UPDATED,
)

CHECK_TYPES: tuple[CheckType, ...] = (FORMAT, VERSION_MATCH, UNRELEASED_UPDATED)

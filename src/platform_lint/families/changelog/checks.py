"""Check types of the changelog family.

- ``changelog.present``: the project keeps release notes: a changelog file, release-note
  fragments (reno, changesets, towncrier), or release tooling that writes the notes of each
  GitHub Release (goreleaser, release-please, semantic-release).
- ``changelog.format``: a Markdown changelog follows Keep a Changelog 1.1.0; fragments
  follow their tool's rules instead. One finding per kind of departure.
- ``changelog.version-match``: the latest released version in the changelog is the version
  the manifest declares, or the latest git tag.
- ``changelog.unreleased-updated``: a change that touches source files adds an entry
  under Unreleased, a new release section, or a new fragment. Needs a base.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from platform_lint.families.changelog import examples
from platform_lint.families.changelog.fragments import judge_fragments
from platform_lint.families.changelog.grouping import Instance, group
from platform_lint.families.changelog.keep_a_changelog import CHANGE_TYPES, keep_a_changelog
from platform_lint.families.check_type import CheckInput, CheckType
from platform_lint.families.collector import FactRequest
from platform_lint.families.shared.changelog import CANDIDATES, ChangelogFacts, is_markdown, new_entries
from platform_lint.families.shared.facts import CHANGELOG, PACKAGE_VERSION, RELEASE_NOTES, SOURCE_DIGESTS
from platform_lint.families.shared.release_notes import LOOKED_FOR, ReleaseNotesFacts
from platform_lint.families.shared.versions import Version, latest_version, parse_version, same_version
from platform_lint.model import Finding, Location, Outcome

__all__ = ["CHANGE_TYPES", "CHECK_TYPES"]

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
VERSIONING = {
    "enum": ["any", "semver", "calver", "date"],
    "default": "any",
    "description": "how releases are numbered: semver (1.4.2), calver (2024.03.1, 24.3), date "
    "(2024-03-15), or any of them, each judged for what it is",
}


def _changelog_request(params: Mapping[str, Any]) -> tuple[FactRequest[Any], ...]:
    path = params.get("path")
    return (FactRequest(CHANGELOG, (path,) if path else ()), FactRequest(RELEASE_NOTES))


def _version_request(params: Mapping[str, Any]) -> tuple[FactRequest[Any], ...]:
    return (*_changelog_request(params), FactRequest(PACKAGE_VERSION))


def _digests_request(params: Mapping[str, Any]) -> tuple[FactRequest[Any], ...]:
    sources = tuple(params.get("source_paths") or DEFAULT_SOURCES)
    return (*_changelog_request(params), FactRequest(SOURCE_DIGESTS, (sources,)))


def _loc(facts: ChangelogFacts, line: int | None) -> Location | None:
    return Location(facts.path, line) if facts.path else None


def _looked_for(params: Mapping[str, Any]) -> str:
    files = str(params["path"]) if params.get("path") else ", ".join(CANDIDATES)
    return f"{files} at the root; {LOOKED_FOR}"


def _no_file_reason(notes: ReleaseNotesFacts) -> str:
    tools = notes.release_tools
    if tools:
        return (
            f"release notes are written on each GitHub Release by {tools[0].tool} ({tools[0].evidence}); "
            "there is no changelog file to judge"
        )
    return (
        "no changelog file (whether the project keeps release notes at all is changelog.present's question)"
    )


def _unreadable(facts: ChangelogFacts) -> Outcome | None:
    if facts.path is not None and facts.problem:
        return Outcome.failed(
            Finding(
                "unreadable",
                {"path": facts.path, "problem": facts.problem},
                Location(facts.path),
                key="unreadable",
            )
        )
    return None


# -- changelog.present ---------------------------------------------------------------------------


def changelog_present(inp: CheckInput) -> Outcome:
    facts = inp.facts[CHANGELOG]
    notes = inp.facts[RELEASE_NOTES]
    evidence: list[Finding] = []
    if facts.path is not None:
        evidence.append(Finding("file", {"path": facts.path}, Location(facts.path, 1), key="file"))
    for tool in notes.fragment_tools:
        evidence.append(
            Finding(
                "fragments",
                {"tool": tool.tool, "path": tool.evidence, "count": len(tool.fragments) + tool.unread},
                Location(tool.evidence, tool.line),
                key=f"fragments:{tool.tool}",
            )
        )
    for tool in notes.release_tools:
        evidence.append(
            Finding(
                "release-tool",
                {"tool": tool.tool, "path": tool.evidence},
                Location(tool.evidence, tool.line),
                key=f"release-tool:{tool.tool}",
            )
        )
    if evidence:
        return Outcome.passed(*evidence)
    return Outcome.failed(Finding("missing", {"looked_for": _looked_for(inp.params)}, key="missing"))


PRESENT = CheckType(
    id="changelog.present",
    summary="The project keeps release notes: a changelog, release-note fragments, or release tooling.",
    why="Users decide whether to upgrade by reading what changed. A changelog file, fragments compiled "
    "at release time (reno, changesets, towncrier) and notes written on each GitHub Release by "
    "release tooling all tell them.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "path": {
                "type": "string",
                "minLength": 1,
                "description": "the changelog file (default: found by name)",
            },
        },
    },
    run=changelog_present,
    needs=_changelog_request,
    messages={
        "missing": "no release notes found (looked for {looked_for})",
        "file": "changelog {path}",
        "fragments": "{tool} release-note fragments ({count} pending), configured in {path}",
        "release-tool": "{tool} writes the notes of each GitHub Release ({path})",
    },
    remediation="Add CHANGELOG.md in the Keep a Changelog format, or keep release-note fragments with "
    "reno, changesets or towncrier, or let release tooling (goreleaser, release-please, "
    "semantic-release) write the notes of each GitHub Release.",
    examples=examples.PRESENT,
)


# -- changelog.format ----------------------------------------------------------------------------


def _format_fragments(inp: CheckInput) -> Outcome:
    notes = inp.facts[RELEASE_NOTES]
    instances: list[Instance] = []
    evidence: list[Finding] = []
    for tool in notes.fragment_tools:
        instances += judge_fragments(tool)
        evidence.append(
            Finding(
                "fragments-well-formed",
                {"tool": tool.tool, "count": len(tool.fragments), "directory": tool.directory or "."},
                Location(tool.evidence, tool.line),
                key=f"fragments:{tool.tool}",
            )
        )
    return Outcome.from_findings(group(instances), *evidence)


def changelog_format(inp: CheckInput) -> Outcome:
    facts = inp.facts[CHANGELOG]
    notes = inp.facts[RELEASE_NOTES]
    if notes.fragment_tools and not inp.params.get("path"):
        return _format_fragments(inp)
    if facts.path is None:
        return Outcome.not_applicable(_no_file_reason(notes))
    unreadable = _unreadable(facts)
    if unreadable is not None:
        return unreadable
    if not is_markdown(facts.path):
        return Outcome.not_applicable(f"{facts.path} is not Markdown; Keep a Changelog is judged in Markdown")
    findings = group(keep_a_changelog(facts, inp.params))
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
    summary="The changelog follows Keep a Changelog 1.1.0, or its fragments follow their tool's rules.",
    why="Users read the changelog to decide whether to upgrade. A predictable shape (Unreleased on "
    "top, one section per version, newest first, dated, changes grouped by type) lets them and "
    "release tooling find what changed. Fragments a tool cannot read are lost at release time.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "path": {
                **_PATH,
                "description": "the changelog file (default: found by name; when set, the file is "
                "judged even where release-note fragments are kept)",
            },
            "versioning": VERSIONING,
            "extra_change_types": {
                "type": "array",
                "items": {"type": "string", "minLength": 1},
                "description": "change-type headings allowed besides the six standard ones",
            },
            "require_links": {
                "type": "boolean",
                "default": True,
                "description": "each version needs a link reference definition or an inline link",
            },
            "require_unreleased": {
                "type": "boolean",
                "default": True,
                "description": "the changelog must have an Unreleased section",
            },
            "allow_empty_unreleased": {
                "type": "boolean",
                "default": True,
                "description": "an Unreleased section with no entries is fine",
            },
        },
    },
    run=changelog_format,
    needs=_changelog_request,
    messages={
        "unreadable": "{path} cannot be read ({problem})",
        "well-formed": "{path} read as Keep a Changelog: {releases} releases, latest {latest}",
        "fragments-well-formed": "{count} {tool} fragment(s) in {directory}, judged by {tool}'s rules",
        "wrong-level": "{path}: heading '{heading}' is at level {level}, expected level {expected}{more}",
        "entry-outside-change-type": "{path}: entry '{text}' is not under a change-type heading{more}",
        "no-change-types": "{path}: the entries of {version} sit straight under its heading; "
        "group them under Added, Changed, Deprecated, Removed, Fixed or Security{more}",
        "duplicate-section": "{path}: section {section} appears again (first at line {first_line}){more}",
        "unknown-change-type": "{path}: '{heading}' is not a change type (allowed: {allowed}); "
        "headings of this kind: {names}{more}",
        "bad-version": "{path}: '{heading}' is not a release heading with a {expected} version, "
        "like [1.2.3] - 2024-01-31{more}",
        "bad-date": "{path}: version {version} has date {date}; use ISO 8601 (YYYY-MM-DD){more}",
        "not-descending": "{path}: version {version} is not lower than the version above it "
        "({previous}){more}",
        "missing-link": "{path}: version {version} has no link ([{version}]: URL, or an inline link){more}",
        "no-unreleased": "{path}: there is no [Unreleased] section{more}",
        "unreleased-not-first": "{path}: the [Unreleased] section should come before every release{more}",
        "empty-unreleased": "{path}: the [Unreleased] section has no entries{more}",
        "fragment-unreadable": "{path}: not a {tool} fragment ({problem}){more}",
        "fragment-empty": "{path}: the {tool} fragment says nothing{more}",
        "reno-unknown-section": "{path}: '{section}' is not a reno section (allowed: {allowed}){more}",
        "reno-bad-value": "{path}: reno section '{section}' should hold {expected}{more}",
        "changeset-bad-bump": "{path}: package {package} has bump '{bump}' (allowed: {allowed}){more}",
        "towncrier-bad-name": "{path}: '{name}' is not a towncrier fragment name "
        "<issue>.<type>[.md|.rst] (types: {types}){more}",
    },
    remediation="Shape the changelog as Keep a Changelog describes: '## [Unreleased]' first, then "
    "'## [x.y.z] - YYYY-MM-DD' sections newest first, each change as a list item under "
    "'### Added', '### Changed', '### Deprecated', '### Removed', '### Fixed' or "
    "'### Security', and a '[x.y.z]: URL' link for each version at the bottom. With fragments, "
    "write each one as its tool expects (reno: sections of notes; changesets: package: bump front "
    "matter and a summary; towncrier: <issue>.<type> file names).",
    examples=examples.FORMAT,
)


# -- changelog.version-match ---------------------------------------------------------------------


def _released(inp: CheckInput, source: str, versioning: str) -> tuple[list[str], str, Location | None] | str:
    """(versions that count as the latest release, where they come from, location), or why none."""
    versions = inp.facts[PACKAGE_VERSION]
    declared = versions.package
    if source in ("package", "auto") and declared is not None:
        return [declared.version], declared.source, Location(declared.source, declared.line)
    if source == "package":
        return "no manifest declares a version"
    every = latest_version(versions.tags, versioning)
    merged = latest_version(versions.merged_tags, versioning)
    if every is None:
        why = f"no git tag is a {versioning if versioning != 'any' else 'semver, calver or date'} version"
        return why if source != "auto" else f"no manifest declares a version and {why}"
    found = [every.text] + ([merged.text] if merged is not None and merged.text != every.text else [])
    return found, "the latest git tag", None


def _hint(latest: Version | None, expected: Version | None, listed: bool) -> str:
    if (
        latest is not None
        and expected is not None
        and latest.scheme == expected.scheme
        and latest.key > expected.key
    ):
        return "the changelog is ahead: not released yet"
    return "listed lower down" if listed else "not listed at all"


def version_match(inp: CheckInput) -> Outcome:
    facts = inp.facts[CHANGELOG]
    if facts.path is None:
        return Outcome.not_applicable(_no_file_reason(inp.facts[RELEASE_NOTES]))
    unreadable = _unreadable(facts)
    if unreadable is not None:
        return unreadable
    source = str(inp.params.get("source", "auto"))
    source = "tags" if source == "git-tag" else source
    versioning = str(inp.params.get("versioning", "any"))
    released = _released(inp, source, versioning)
    if isinstance(released, str):
        return Outcome.not_applicable(f"no released version found ({released})")
    expected, label, where = released
    latest = facts.latest
    if latest is None:
        return Outcome.failed(
            Finding(
                "no-release",
                {"path": facts.path, "version": expected[0], "source": label},
                _loc(facts, 1),
                key="no-release",
            )
        )
    matched = next((v for v in expected if same_version(str(latest.version), v)), None)
    if matched is not None:
        if where is None:
            label = f"git tag {matched}" + (" (the latest HEAD reaches)" if matched != expected[0] else "")
        return Outcome.passed(
            Finding(
                "matches",
                {"path": facts.path, "version": latest.version, "source": label},
                _loc(facts, latest.line),
                key="matches",
            )
        )
    if where is None:
        label = f"git tag {expected[0]}" + (
            f" (HEAD reaches {expected[1]} at most)" if len(expected) > 1 else ""
        )
    listed = any(same_version(str(s.version), expected[0]) for s in facts.releases)
    hint = _hint(
        parse_version(str(latest.version), versioning), parse_version(expected[0], versioning), listed
    )
    return Outcome.failed(
        Finding(
            "mismatch",
            {
                "path": facts.path,
                "latest": latest.version,
                "version": expected[0],
                "source": label,
                "listed": hint,
            },
            _loc(facts, latest.line),
            key="mismatch",
        ),
        evidence=(
            (Finding("declared", {"source": label, "version": expected[0]}, where, key="declared"),)
            if where
            else ()
        ),
    )


VERSION_MATCH = CheckType(
    id="changelog.version-match",
    summary="The latest version in the changelog is the version the package declares, or the latest git tag.",
    why="A release whose changelog stops at the previous version tells users nothing about what they "
    "are installing.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "path": _PATH,
            "source": {
                "enum": ["auto", "package", "tags", "git-tag"],
                "default": "auto",
                "description": "package: pyproject.toml ([project], [tool.poetry] or [tool.commitizen]), "
                "package.json, setup.cfg or Cargo.toml; tags: the highest version among the git tags "
                "(the highest HEAD reaches counts too: release branches tag commits main never "
                "reaches); auto: the manifest, else the tags (Go modules declare no version); "
                "git-tag: the same as tags",
            },
            "versioning": VERSIONING,
        },
    },
    run=version_match,
    needs=_version_request,
    messages={
        "unreadable": "{path} cannot be read ({problem})",
        "matches": "{path}: the latest release, {version}, is the version of {source}",
        "no-release": "{path} has no released version; {source} says {version}",
        "mismatch": "{path}: latest version is {latest} but {source} says {version} ({listed})",
        "declared": "{source} declares {version}",
    },
    remediation="When you release, move the Unreleased entries under a '## [x.y.z] - YYYY-MM-DD' "
    "heading for the version you are publishing (the version in the manifest, or the tag you push).",
    examples=examples.VERSION_MATCH,
)


# -- changelog.unreleased-updated ----------------------------------------------------------------


def changed_files(head: Mapping[str, str], base: Mapping[str, str]) -> list[str]:
    return sorted(p for p in set(head) | set(base) if head.get(p) != base.get(p))


def _new_fragments(inp: CheckInput) -> list[str]:
    assert inp.base_facts is not None
    old = {f.path for t in inp.base_facts[RELEASE_NOTES].fragment_tools for f in t.fragments}
    return [f.path for t in inp.facts[RELEASE_NOTES].fragment_tools for f in t.fragments if f.path not in old]


def unreleased_updated(inp: CheckInput) -> Outcome:
    if inp.base_facts is None:
        return Outcome.not_applicable("no base to compare with")
    facts = inp.facts[CHANGELOG]
    notes = inp.facts[RELEASE_NOTES]
    if facts.path is None and not notes.fragment_tools:
        return Outcome.not_applicable(_no_file_reason(notes))
    unreadable = _unreadable(facts)
    if unreadable is not None:
        return unreadable
    changed = changed_files(inp.facts[SOURCE_DIGESTS].digests, inp.base_facts[SOURCE_DIGESTS].digests)
    if not changed:
        return Outcome.not_applicable("the change touches no source file")
    fragments = _new_fragments(inp)
    if fragments:
        return Outcome.passed(
            *(
                Finding("fragment-added", {"path": p}, Location(p, 1), key=f"fragment:{p}")
                for p in fragments[:5]
            )
        )
    entries = new_entries(facts, inp.base_facts[CHANGELOG]) if facts.path else []
    if entries:
        return Outcome.passed(
            *(
                Finding(
                    "entry-added",
                    {
                        "path": facts.path,
                        "text": e.text[:80],
                        "change_type": e.change_type or "the version heading",
                    },
                    _loc(facts, e.line),
                    key=f"entry:{e.text[:60]}",
                )
                for e in entries[:5]
            )
        )
    section = facts.unreleased
    where = facts.path or ", ".join(f"{t.directory}/" for t in notes.fragment_tools)
    return Outcome.failed(
        Finding(
            "no-entry",
            {"path": where, "count": len(changed), "examples": changed[:3]},
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
        "unreadable": "{path} cannot be read ({problem})",
        "entry-added": "{path}: new entry under {change_type}: {text}",
        "fragment-added": "new release-note fragment {path}",
        "no-entry": "{path}: {count} source file(s) changed (e.g. {examples}) but no release note was added",
    },
    remediation="Add a line under '## [Unreleased]' in the changelog, in the change-type group that "
    "fits (Added, Changed, Fixed, ...), saying what users will notice; where the project keeps "
    "fragments (reno, changesets, towncrier), add one.",
    examples=examples.UNRELEASED_UPDATED,
)

CHECK_TYPES: tuple[CheckType, ...] = (PRESENT, FORMAT, VERSION_MATCH, UNRELEASED_UPDATED)

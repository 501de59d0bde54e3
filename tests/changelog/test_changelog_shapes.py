"""Changelogs as projects write them: release headings, bare entries, versions, one finding per kind."""

from __future__ import annotations

import pytest
from tests.contracts.runner import render, run_check

from platform_lint.families.shared.changelog import parse_changelog, read_heading
from platform_lint.model import State
from platform_lint.snapshot.memory import MemorySnapshot


@pytest.mark.parametrize(
    ("title", "kind", "version", "date"),
    [
        ("[1.2.3] - 2024-01-31", "release", "1.2.3", "2024-01-31"),
        ("v9.17.2 (2026-08-19)", "release", "v9.17.2", "2026-08-19"),
        (
            "[6.6.0](https://example.com/compare/v6.5.1...v6.6.0) (2026-01-08)",
            "release",
            "6.6.0",
            "2026-01-08",
        ),
        ("0.34.0 / 2026-08-16", "release", "0.34.0", "2026-08-16"),
        ("Version 1.44.0/0.65b0 (2026-07-16)", "release", "1.44.0", "2026-07-16"),
        ("[2026-04-14] Version 2.6.7", "release", "2.6.7", "2026-04-14"),
        ("2024-03-15", "release", "2024-03-15", None),
        ("[2024.03.1] - 2024-03-20", "release", "2024.03.1", "2024-03-20"),
        ("0.28.1 (6th December, 2024)", "release", "0.28.1", "6th December, 2024"),
        ("[Unreleased]", "unreleased", None, None),
        ("main / (unreleased)", "unreleased", None, None),
        ("Removal of API v1", "other", None, None),
    ],
)
def test_release_headings_are_read_the_ways_projects_write_them(
    title: str, kind: str, version: str | None, date: str | None
) -> None:
    heading = read_heading(title)
    assert (heading.kind, heading.version, heading.date) == (kind, version, date)


def test_inline_link_and_yanked() -> None:
    assert read_heading("[1.0.0](https://example.com/v1.0.0)").linked
    assert read_heading("[0.0.5] - 2014-12-13 [YANKED]").yanked


def test_setext_headings_are_headings() -> None:
    text = "Pets changelog\n==============\n\n"
    text += "[2025-02-01] Version 1.1.0\n--------------------------\n- faster\n\n"
    text += "[2025-01-01] Version 1.0.0\n--------------------------\n- first\n"
    facts = parse_changelog("CHANGES.md", text)
    assert [(s.version, s.date, s.line) for s in facts.releases] == [
        ("1.1.0", "2025-02-01", 4),
        ("1.0.0", "2025-01-01", 8),
    ]
    assert [e.text for e in facts.releases[0].entries] == ["faster"]


def test_a_list_item_followed_by_dashes_is_not_a_heading() -> None:
    facts = parse_changelog("CHANGELOG.md", "## [1.0.0] - 2025-01-01\n### Added\n- one\n---\n- two\n")
    assert [e.text for e in facts.releases[0].entries] == ["one", "two"]


def test_restructuredtext_changelog_is_read_for_its_versions() -> None:
    text = "Changelog\n=========\n\n1.2.0 (2025-02-01)\n------------------\n\n- Pets by id\n\n"
    text += "1.1.0 (2025-01-01)\n------------------\n"
    files = {"CHANGES.rst": text, "pyproject.toml": '[project]\nname = "p"\nversion = "1.2.0"\n'}
    assert run_check("changelog.version-match", {}, MemorySnapshot(files)).state is State.PASS
    outcome = run_check("changelog.format", {}, MemorySnapshot(files))
    assert outcome.state is State.NOT_APPLICABLE and "not Markdown" in str(outcome.reason)


def test_level_three_release_headings_start_sections() -> None:
    """conventional-changelog writes patch releases one level down; they are releases, not change types."""
    text = (
        "# Changelog\n\n## [Unreleased]\n\n"
        "### [1.0.1](https://e.com/c) (2025-02-01)\n\n### Fixed\n\n- crash\n\n"
        "## [1.0.0](https://e.com/r) (2025-01-01)\n\n### Added\n\n- first\n"
    )
    facts = parse_changelog("CHANGELOG.md", text)
    assert [s.version for s in facts.releases] == ["1.0.1", "1.0.0"]
    outcome = run_check("changelog.format", {}, MemorySnapshot({"CHANGELOG.md": text}))
    assert [(f.code, f.location.line if f.location else None) for f in outcome.findings] == [
        ("wrong-level", 5)
    ]


BARE = """# Changelog

## [Unreleased]

## [1.2.0] - 2025-03-01
- Pets by id
- Faster listing

## [1.1.0] - 2025-02-01
* Names with accents

## [1.0.0] - 2025-01-01
+ First release

[Unreleased]: https://e.com/compare/1.2.0...HEAD
[1.2.0]: https://e.com/compare/1.1.0...1.2.0
[1.1.0]: https://e.com/compare/1.0.0...1.1.0
[1.0.0]: https://e.com/releases/1.0.0
"""


def test_entries_without_change_types_are_read_and_get_one_warning() -> None:
    facts = parse_changelog("CHANGELOG.md", BARE)
    assert [len(s.entries) for s in facts.releases] == [2, 1, 1]
    assert facts.releases[0].bare_entries[0].text == "Pets by id"
    outcome = run_check("changelog.format", {}, MemorySnapshot({"CHANGELOG.md": BARE}))
    assert outcome.state is State.FAIL
    [finding] = outcome.findings
    assert finding.code == "no-change-types" and finding.severity == "warning"
    assert finding.location is not None and finding.location.line == 5  # the version heading, not an entry
    assert finding.args["count"] == 3 and finding.args["lines"] == [5, 9, 12]
    [line] = render("changelog.format", outcome)
    assert "Added, Changed" in line and "2 more like it: line 9, line 12" in line


def test_entries_under_change_types_get_no_such_warning() -> None:
    grouped = BARE.replace("## [1.2.0] - 2025-03-01\n", "## [1.2.0] - 2025-03-01\n### Added\n")
    grouped = grouped.replace("## [1.1.0] - 2025-02-01\n", "## [1.1.0] - 2025-02-01\n### Fixed\n")
    grouped = grouped.replace("## [1.0.0] - 2025-01-01\n", "## [1.0.0] - 2025-01-01\n### Added\n")
    assert run_check("changelog.format", {}, MemorySnapshot({"CHANGELOG.md": grouped})).state is State.PASS


def test_six_hundred_lines_breaking_one_rule_are_one_finding() -> None:
    body = "".join(f"## [1.0.{n}] - 2024-01-01\n### Improvements\n- change {n}\n" for n in range(600, 0, -1))
    links = "".join(f"[1.0.{n}]: https://e.com/{n}\n" for n in range(1, 601))
    text = "# Changelog\n\n## [Unreleased]\n\n" + body + "\n[Unreleased]: https://e.com/u\n" + links
    outcome = run_check("changelog.format", {}, MemorySnapshot({"CHANGELOG.md": text}))
    assert [f.code for f in outcome.findings] == ["unknown-change-type"]
    finding = outcome.findings[0]
    assert finding.args["count"] == 600 and len(finding.args["lines"]) == 6
    assert finding.location is not None and finding.location.line == 6
    assert (
        "599 more like it: line 9, line 12, line 15, line 18, line 21, …"
        in render("changelog.format", outcome)[0]
    )


CALVER = """# Changelog

## [Unreleased]

## [2025.03.1] - 2025-03-20
### Added
- Pets by id

## [24.12] - 2024-12-02
### Fixed
- Names with accents

[Unreleased]: https://e.com/u
[2025.03.1]: https://e.com/2
[24.12]: https://e.com/1
"""

DATES = """# Changelog

## [Unreleased]

## [2025-03-20]
### Added
- Pets by id

## [2025-01-06]
### Fixed
- Names with accents

[Unreleased]: https://e.com/u
[2025-03-20]: https://e.com/2
[2025-01-06]: https://e.com/1
"""


@pytest.mark.parametrize(
    ("text", "versioning", "state"),
    [
        (CALVER, "any", State.PASS),
        (CALVER, "calver", State.PASS),
        (CALVER, "semver", State.FAIL),
        (DATES, "any", State.PASS),
        (DATES, "date", State.PASS),
        (DATES, "semver", State.FAIL),
        (BARE.replace("+ First release", "### Added\n- First"), "date", State.FAIL),
    ],
)
def test_versioning_schemes(text: str, versioning: str, state: State) -> None:
    outcome = run_check(
        "changelog.format", {"versioning": versioning}, MemorySnapshot({"CHANGELOG.md": text})
    )
    assert outcome.state is state, outcome.findings
    if state is State.FAIL:
        assert "bad-version" in [f.code for f in outcome.findings]


def test_a_heading_that_is_no_version_is_located() -> None:
    text = CALVER.replace("## [24.12] - 2024-12-02", "## The big one - 2024-12-02")
    outcome = run_check("changelog.format", {}, MemorySnapshot({"CHANGELOG.md": text}))
    [finding] = [f for f in outcome.findings if f.code == "bad-version"]
    assert finding.location is not None and finding.location.line == 9
    assert "semver, calver or date" in render("changelog.format", outcome)[-1]


def test_calver_order_is_checked() -> None:
    text = CALVER.replace("2025.03.1", "2023.03.1").replace("2025-03-20", "2023-03-20")
    codes = [
        f.code for f in run_check("changelog.format", {}, MemorySnapshot({"CHANGELOG.md": text})).findings
    ]
    assert codes == ["not-descending"]


def test_releases_descend_by_date_or_by_version() -> None:
    text = (
        "# C\n\n## [Unreleased]\n\n## [0.33.1] - 2026-07-04\n### Fixed\n- a\n\n## [0.32.3] - 2026-07-04\n"
        "### Fixed\n- a\n\n## [0.33.0] - 2026-06-12\n### Added\n- b\n\n"
        "[Unreleased]: u\n[0.33.1]: u\n[0.32.3]: u\n[0.33.0]: u\n"
    )
    assert run_check("changelog.format", {}, MemorySnapshot({"CHANGELOG.md": text})).state is State.PASS
    # a pre-release of the next line above a later patch to the previous line: versions descend
    prerelease = text.replace("## [0.33.1] - 2026-07-04", "## [0.34.0-rc.1] - 2026-06-30").replace(
        "[0.33.1]: u", "[0.34.0-rc.1]: u"
    )
    assert run_check("changelog.format", {}, MemorySnapshot({"CHANGELOG.md": prerelease})).state is State.PASS
    misdated = text.replace("## [0.33.0] - 2026-06-12", "## [0.33.0] - 2026-08-12")
    codes = [
        f.code for f in run_check("changelog.format", {}, MemorySnapshot({"CHANGELOG.md": misdated})).findings
    ]
    assert codes == ["not-descending"]

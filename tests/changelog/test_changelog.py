"""The changelog collector and check types."""

from __future__ import annotations

from tests.contracts.runner import run_check

from platform_lint.families.shared.changelog import parse_changelog
from platform_lint.model import State
from platform_lint.snapshot.memory import MemorySnapshot

GOOD = """# Changelog

All notable changes to this project will be documented in this file.

## [Unreleased]
### Added
- Dark mode

## [1.1.0] - 2025-03-01
### Fixed
- Crash on start

```
- not an entry (code block)
```

## [1.0.0] - 2025-01-15 [YANKED]
### Added
- First release

[Unreleased]: https://example.com/compare/v1.1.0...HEAD
[1.1.0]: https://example.com/compare/v1.0.0...v1.1.0
[1.0.0]: https://example.com/releases/v1.0.0
"""

BAD = """# Changelog

## [1.0.0] - 2025-01-15
- stray entry
### Added
- one
### Added
- again
### Improvements
- hm

## [1.1.0] - 15/03/2025
### Fixed
- x

## [1.0.0] - 2025-01-15
## Added
### [0.9.0] - 2024-01-01
"""


def _codes(files: dict[str, str], check: str = "changelog.format", **params: object) -> list[str]:
    outcome = run_check(check, params, MemorySnapshot(files))
    return [f.code for f in outcome.findings]


def test_parse_structure() -> None:
    facts = parse_changelog("CHANGELOG.md", GOOD)
    assert facts.unreleased is not None and [e.text for e in facts.unreleased.entries] == ["Dark mode"]
    assert facts.latest is not None and (facts.latest.version, facts.latest.date) == ("1.1.0", "2025-03-01")
    assert facts.releases[1].yanked
    assert not facts.stray_entries


def test_good_changelog_passes() -> None:
    outcome = run_check("changelog.format", {}, MemorySnapshot({"CHANGELOG.md": GOOD}))
    assert outcome.state is State.PASS, outcome.findings


def test_each_kind_of_defect_is_one_finding_with_its_lines() -> None:
    outcome = run_check("changelog.format", {}, MemorySnapshot({"CHANGES.md": BAD}))
    by_code = {f.code: f for f in outcome.findings}
    assert len(by_code) == len(outcome.findings)  # one finding per kind
    lines = {code: (f.location.line if f.location else None, f.args["lines"]) for code, f in by_code.items()}
    assert lines["entry-outside-change-type"] == (4, [4])
    assert lines["duplicate-section"] == (7, [7, 16])
    assert lines["unknown-change-type"] == (9, [9])
    assert lines["bad-date"] == (12, [12])
    assert lines["not-descending"][0] == 12
    assert lines["wrong-level"] == (17, [17, 18])
    assert "missing-link" in by_code and "no-unreleased" in by_code
    assert by_code["duplicate-section"].args["count"] == 2


def test_extra_change_types_and_empty_unreleased() -> None:
    text = "# C\n## [Unreleased]\n## [1.0.0] - 2025-01-01\n### Performance\n- faster\n[1.0.0]: u\n"
    assert _codes({"CHANGELOG.md": text}) == ["unknown-change-type"]
    assert _codes({"CHANGELOG.md": text}, extra_change_types=["Performance"]) == []
    assert _codes(
        {"CHANGELOG.md": text}, extra_change_types=["Performance"], allow_empty_unreleased=False
    ) == ["empty-unreleased"]


def test_missing_changelog_is_not_the_format_checks_business() -> None:
    for check in ("changelog.format", "changelog.version-match"):
        outcome = run_check(check, {}, MemorySnapshot({"README.md": "x"}))
        assert outcome.state is State.NOT_APPLICABLE and "no changelog file" in str(outcome.reason)


def test_version_match() -> None:
    files = {"CHANGELOG.md": GOOD, "package.json": '{"name": "x", "version": "1.1.0"}'}
    assert run_check("changelog.version-match", {}, MemorySnapshot(files)).state is State.PASS
    assert (
        run_check("changelog.version-match", {"source": "package"}, MemorySnapshot(files)).state is State.PASS
    )
    files["package.json"] = '{"name": "x", "version": "1.2.0"}'
    outcome = run_check("changelog.version-match", {}, MemorySnapshot(files))
    assert outcome.state is State.FAIL and outcome.findings[0].code == "mismatch"
    outcome = run_check("changelog.version-match", {}, MemorySnapshot({"CHANGELOG.md": GOOD}))
    assert outcome.state is State.NOT_APPLICABLE
    cargo = {"CHANGELOG.md": GOOD, "Cargo.toml": '[package]\nname = "x"\nversion = "1.1.0"\n'}
    assert run_check("changelog.version-match", {}, MemorySnapshot(cargo)).state is State.PASS
    cfg = {"CHANGELOG.md": GOOD, "setup.cfg": "[metadata]\nname = x\nversion = 1.1.0\n"}
    assert run_check("changelog.version-match", {}, MemorySnapshot(cfg)).state is State.PASS


def test_unreleased_updated() -> None:
    base = {"CHANGELOG.md": GOOD, "src/app.py": "print(1)\n"}
    touched = {"CHANGELOG.md": GOOD, "src/app.py": "print(2)\n"}
    head = MemorySnapshot(touched, refs={"base": base})
    outcome = run_check("changelog.unreleased-updated", {}, head, head.at_ref("base"))
    assert outcome.state is State.FAIL and outcome.findings[0].code == "no-entry"
    with_entry = {**touched, "CHANGELOG.md": GOOD.replace("- Dark mode\n", "- Dark mode\n- Light mode\n")}
    head = MemorySnapshot(with_entry, refs={"base": base})
    assert run_check("changelog.unreleased-updated", {}, head, head.at_ref("base")).state is State.PASS
    docs_only = MemorySnapshot({**base, "docs/x.md": "y"}, refs={"base": base})
    outcome = run_check(
        "changelog.unreleased-updated", {"source_paths": ["src/**"]}, docs_only, docs_only.at_ref("base")
    )
    assert outcome.state is State.NOT_APPLICABLE
    assert run_check("changelog.unreleased-updated", {}, head).state is State.NOT_APPLICABLE

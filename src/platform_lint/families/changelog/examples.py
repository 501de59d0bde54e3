"""Runnable examples of the changelog family's check types (docs, ``explain`` and a registry test)."""

from __future__ import annotations

from platform_lint.families.check_type import Example
from platform_lint.model import State

CHANGELOG = """\
# Changelog

## [Unreleased]
### Performance
- Pets load twice as fast

## [1.2.0] - 2025-01-15
### Added
- Pets by id

## [1.1.0] - 2024-11-02
### Fixed
- Names with accents

[Unreleased]: https://example.com/compare/v1.2.0...HEAD
[1.2.0]: https://example.com/compare/v1.1.0...v1.2.0
[1.1.0]: https://example.com/releases/v1.1.0
"""

# releases in the wrong order, a date that is not ISO 8601, an entry under no change type
UNTIDY = """\
# Changelog

## [1.1.0] - 2024-11-02
- Names with accents

## [1.2.0] - 15/01/2025
### Added
- Pets by id

[1.1.0]: https://example.com/releases/v1.1.0
[1.2.0]: https://example.com/compare/v1.1.0...v1.2.0
"""

FORMAT = (
    Example(
        "Keep a Changelog, with one extra change type the team uses",
        {"CHANGELOG.md": CHANGELOG},
        State.PASS,
        ("well-formed",),
        params={"extra_change_types": ["Performance"]},
    ),
    Example(
        "Releases out of order, a non-ISO date, a stray entry and no Unreleased section",
        {"CHANGELOG.md": UNTIDY},
        State.FAIL,
        ("entry-outside-change-type", "bad-date", "not-descending", "no-unreleased", "well-formed"),
    ),
)


def _pyproject(version: str) -> str:
    return f'[project]\nname = "pets"\nversion = "{version}"\n'


VERSION_MATCH = (
    Example(
        "The changelog's latest release is the package version",
        {"CHANGELOG.md": CHANGELOG, "pyproject.toml": _pyproject("1.2.0")},
        State.PASS,
        ("matches",),
        params={"source": "package"},
    ),
    Example(
        "The package was released as 1.3.0, the changelog stops at 1.2.0",
        {"CHANGELOG.md": CHANGELOG, "pyproject.toml": _pyproject("1.3.0")},
        State.FAIL,
        ("mismatch", "declared"),
        params={"source": "package"},
    ),
)

_BASE = {"CHANGELOG.md": CHANGELOG, "src/pets.py": "def pet(id): ...\n"}
_CHANGED = {**_BASE, "src/pets.py": "def pet(id, fields=None): ...\n"}

UNRELEASED_UPDATED = (
    Example(
        "The change adds an entry under Unreleased",
        {
            **_CHANGED,
            "CHANGELOG.md": CHANGELOG.replace(
                "### Performance\n", "### Added\n- Ask for some fields of a pet only\n\n### Performance\n"
            ),
        },
        State.PASS,
        ("entry-added",),
        params={"source_paths": ["src/**"]},
        base=_BASE,
    ),
    Example(
        "The change touches the source and not the changelog",
        _CHANGED,
        State.FAIL,
        ("no-entry",),
        params={"source_paths": ["src/**"]},
        base=_BASE,
    ),
)

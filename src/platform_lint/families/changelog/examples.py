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

# calendar versions, entries straight under each version (many teams write them so)
CALVER = """\
# Changelog

## [Unreleased]

## [2025.01.2] - 2025-01-20
- Pets by id
- Faster listing

## [2025.01.1] - 2025-01-06
- Names with accents

[Unreleased]: https://example.com/compare/2025.01.2...HEAD
[2025.01.2]: https://example.com/compare/2025.01.1...2025.01.2
[2025.01.1]: https://example.com/releases/2025.01.1
"""

TOWNCRIER = """\
[project]
name = "pets"

[tool.towncrier]
directory = "changes"

[[tool.towncrier.type]]
directory = "added"
name = "Added"

[[tool.towncrier.type]]
directory = "fixed"
name = "Fixed"
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
        "No Unreleased section, an entry under no change type, a non-ISO date, releases out of order",
        {"CHANGELOG.md": UNTIDY},
        State.FAIL,
        ("no-unreleased", "no-change-types", "bad-date", "not-descending", "well-formed"),
    ),
    Example(
        "Calendar versions whose entries sit straight under each version: one warning for all of them",
        {"CHANGELOG.md": CALVER},
        State.FAIL,
        ("no-change-types", "well-formed"),
        params={"versioning": "calver"},
    ),
    Example(
        "The same changelog read as semver: calendar versions are not semantic versions",
        {
            "CHANGELOG.md": CALVER.replace(
                "- Pets by id\n- Faster listing\n", "### Added\n- Pets by id\n"
            ).replace("- Names with accents\n", "### Fixed\n- Names with accents\n")
        },
        State.FAIL,
        ("bad-version", "well-formed"),
        params={"versioning": "semver"},
    ),
    Example(
        "towncrier fragments are judged by towncrier's rules, not Keep a Changelog's",
        {
            "pyproject.toml": TOWNCRIER,
            "changes/412.added.md": "Ask for some fields of a pet only.\n",
            "changes/415.fixed": "Names with accents sort correctly.\n",
        },
        State.PASS,
        ("fragments-well-formed",),
    ),
    Example(
        "A towncrier fragment whose type the configuration does not define",
        {
            "pyproject.toml": TOWNCRIER,
            "changes/412.added.md": "Ask for some fields of a pet only.\n",
            "changes/415.bugfix.md": "Names with accents sort correctly.\n",
        },
        State.FAIL,
        ("towncrier-bad-name", "fragments-well-formed"),
    ),
)

PRESENT = (
    Example(
        "A changelog file",
        {"CHANGELOG.md": CHANGELOG},
        State.PASS,
        ("file",),
    ),
    Example(
        "Changesets: one Markdown file per change, compiled at release time",
        {
            ".changeset/config.json": '{"baseBranch": "main"}\n',
            ".changeset/brave-pets-run.md": '---\n"pets": minor\n---\n\nAsk for some fields of a pet only.\n',
        },
        State.PASS,
        ("fragments",),
    ),
    Example(
        "goreleaser writes the notes of each GitHub Release",
        {".goreleaser.yaml": "version: 2\nbuilds:\n  - main: ./cmd/pets\nchangelog:\n  use: github\n"},
        State.PASS,
        ("release-tool",),
    ),
    Example(
        "No changelog, no fragments, no release tooling",
        {"README.md": "# Pets\n"},
        State.FAIL,
        ("missing",),
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
    Example(
        "A Go module declares no version: the latest git tag is the released version",
        {"CHANGELOG.md": CHANGELOG, "go.mod": "module example.com/pets\n\ngo 1.22\n"},
        State.PASS,
        ("matches",),
        params={"source": "auto"},
        tags=("v1.1.0", "v1.2.0"),
    ),
    Example(
        "v1.3.0 was tagged and the changelog stops at 1.2.0",
        {"CHANGELOG.md": CHANGELOG, "go.mod": "module example.com/pets\n\ngo 1.22\n"},
        State.FAIL,
        ("mismatch",),
        params={"source": "tags"},
        tags=("v1.2.0", "v1.3.0"),
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

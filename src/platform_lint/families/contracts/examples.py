"""Runnable examples of the contracts family's check types (docs, ``explain`` and a registry test)."""

from __future__ import annotations

from platform_lint.families.check_type import Example
from platform_lint.model import State

PETS = """\
openapi: 3.0.3
info: {title: Pets, version: 1.2.0}
paths:
  /pets/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
      responses:
        '200':
          description: a pet
          content:
            application/json:
              schema:
                type: object
                required: [id, name]
                properties:
                  id: {type: integer}
                  name: {type: string}
"""

# the response loses its required `name`: breaking for clients that read it
PETS_WITHOUT_NAME = PETS.replace("required: [id, name]", "required: [id]").replace(
    "                  name: {type: string}\n", ""
)

CHANGELOG = """\
# Changelog

## [Unreleased]

## [1.2.0] - 2025-01-15
### Added
- Pets by id

[Unreleased]: https://example.com/compare/v1.2.0...HEAD
[1.2.0]: https://example.com/releases/v1.2.0
"""

CHANGELOG_WITH_ENTRY = CHANGELOG.replace(
    "## [Unreleased]\n", "## [Unreleased]\n### Removed\n- The name of a pet (clients read the id)\n"
)

PRESENT = (
    Example("An OpenAPI document, found by its content", {"api/pets.yaml": PETS}, State.PASS, ("found",)),
    Example("Only prose about the API", {"docs/api.md": "# API\n\nGET /pets/{id}\n"}, State.FAIL, ("none",)),
)

VALID = (
    Example("The document validates", {"api/pets.yaml": PETS}, State.PASS, ("valid",)),
    Example(
        "The document has no title",
        {"api/pets.yaml": PETS.replace("info: {title: Pets, version: 1.2.0}", "info: {version: 1.2.0}")},
        State.FAIL,
        ("invalid",),
    ),
)

_BREAKING = {"version_source": "info.version", "approval_label": "breaking-change-approved"}

BREAKING_CHANGES = (
    Example(
        "A breaking change with a major version bump and a changelog entry",
        {
            "api/pets.yaml": PETS_WITHOUT_NAME.replace("version: 1.2.0", "version: 2.0.0"),
            "CHANGELOG.md": CHANGELOG_WITH_ENTRY,
        },
        State.PASS,
        ("response-required-property-removed",),
        params=_BREAKING,
        base={"api/pets.yaml": PETS, "CHANGELOG.md": CHANGELOG},
    ),
    Example(
        "The same change with neither",
        {"api/pets.yaml": PETS_WITHOUT_NAME, "CHANGELOG.md": CHANGELOG},
        State.FAIL,
        ("response-required-property-removed", "missing-major-bump", "missing-changelog-entry"),
        params=_BREAKING,
        base={"api/pets.yaml": PETS, "CHANGELOG.md": CHANGELOG},
    ),
    Example(
        "The same change, approved by the pull request's label",
        {"api/pets.yaml": PETS_WITHOUT_NAME, "CHANGELOG.md": CHANGELOG},
        State.PASS,
        ("approved", "response-required-property-removed", "missing-major-bump", "missing-changelog-entry"),
        params=_BREAKING,
        base={"api/pets.yaml": PETS, "CHANGELOG.md": CHANGELOG},
        labels=("breaking-change-approved",),
    ),
)

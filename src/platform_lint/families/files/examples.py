"""Runnable examples of the files family's check types (docs, ``explain`` and a registry test)."""

from __future__ import annotations

from platform_lint.families.check_type import Example
from platform_lint.model import State

_README = "# Widgets\n\nWidgets for every team.\n\n## Quick start\n\n    make setup\n"

FILE_EXISTS = (
    Example(
        "A README at the root",
        {"README.md": _README, "src/app.py": "print('hi')\n"},
        State.PASS,
        ("found",),
        params={"paths": ["README.md", "README.rst"]},
    ),
    Example(
        "Documentation, but no README",
        {"docs/index.md": "# Widgets\n", "src/app.py": "print('hi')\n"},
        State.FAIL,
        ("missing",),
        params={"paths": ["README.md", "README.rst"]},
    ),
)

FILE_ABSENT = (
    Example(
        "Only an example environment file is committed",
        {".env.example": "DATABASE_URL=\n", "src/app.py": "print('hi')\n"},
        State.PASS,
        params={"paths": ["**/.env", "**/*.pem"]},
    ),
    Example(
        "A local environment file and a private key are committed",
        {
            "deploy/.env": "DATABASE_URL=postgres://prod\n",
            "certs/server.pem": "-----BEGIN PRIVATE KEY-----\n",
        },
        State.FAIL,
        ("present", "present"),
        params={"paths": ["**/.env", "**/*.pem"]},
    ),
)

_QUICKSTART = {"paths": ["README.md"], "pattern": "^#+\\s*quick ?start", "flags": ["ignorecase"]}

FILE_CONTAINS = (
    Example(
        "The README has a quick-start section", {"README.md": _README}, State.PASS, ("matched",), _QUICKSTART
    ),
    Example(
        "The README says nothing about getting started",
        {"README.md": "# Widgets\n\nWidgets for every team.\n"},
        State.FAIL,
        ("no-match",),
        _QUICKSTART,
    ),
)

_PASSWORD = {"paths": ["**/*.yml"], "pattern": "password:\\s*\\S+"}

FILE_NOT_CONTAINS = (
    Example(
        "The password comes from a secret",
        {"deploy/values.yml": "database:\n  user: app\n  passwordSecret: db-password\n"},
        State.PASS,
        params=_PASSWORD,
    ),
    Example(
        "A password written into the configuration",
        {"deploy/values.yml": "database:\n  user: app\n  password: hunter2\n"},
        State.FAIL,
        ("forbidden",),
        _PASSWORD,
    ),
)

_CATALOG = {
    "paths": ["catalog-info.yaml"],
    "schema": {"type": "object", "required": ["apiVersion", "kind", "metadata", "spec"]},
}

DOCUMENT_MATCHES = (
    Example(
        "A complete catalog entry",
        {
            "catalog-info.yaml": "apiVersion: backstage.io/v1alpha1\nkind: Component\n"
            "metadata:\n  name: widgets\nspec:\n  owner: team-widgets\n  type: service\n"
        },
        State.PASS,
        ("valid",),
        _CATALOG,
    ),
    Example(
        "A catalog entry without its spec",
        {
            "catalog-info.yaml": "apiVersion: backstage.io/v1alpha1\nkind: Component\n"
            "metadata:\n  name: widgets\n"
        },
        State.FAIL,
        ("invalid",),
        _CATALOG,
    ),
)

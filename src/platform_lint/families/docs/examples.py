"""Runnable examples of the docs family's check types (docs, ``explain`` and a registry test).

Each is a repository in memory, the rule's params and what the check concludes; the
registry test runs every one through the engine.
"""

from __future__ import annotations

from platform_lint.families.check_type import Example
from platform_lint.model import State

_DESCRIBED = (
    "# Widgets\n\n[![CI](https://ci.example/badge.svg)](https://ci.example)\n\n"
    "Widgets is the service every team uses to order and track hardware.\n\n"
)

README = (
    Example(
        "A README at the root that says what the project is",
        {"README.md": _DESCRIBED, "src/app.py": "print('hi')\n"},
        State.PASS,
        ("found", "description"),
    ),
    Example(
        "The README is in .github/ (GitHub shows it first), in reStructuredText",
        {
            ".github/README.rst": "Widgets\n=======\n\nWidgets is the service every team uses to order "
            "hardware.\n",
            "src/app.py": "print('hi')\n",
        },
        State.PASS,
        ("found", "description"),
    ),
    Example(
        "No README where GitHub looks (a README deeper down is not shown)",
        {"src/README.md": _DESCRIBED, "src/app.py": "print('hi')\n"},
        State.FAIL,
        ("missing",),
    ),
    Example(
        "A README with a title and badges only",
        {"README.md": "# Widgets\n\n[![CI](https://ci.example/badge.svg)](https://ci.example)\n"},
        State.FAIL,
        ("hollow", "found"),
        params={"min_description_words": 6},
    ),
)

README_GETTING_STARTED = (
    Example(
        "An installation section",
        {"README.md": _DESCRIBED + "## Installation\n\nSee below.\n"},
        State.PASS,
        ("section",),
    ),
    Example(
        "No heading, but the command that installs it",
        {"docs/README.md": _DESCRIBED + "Install it with `pip install widgets`.\n"},
        State.PASS,
        ("install-command",),
    ),
    Example(
        "Only a description and a licence section",
        {"README.md": _DESCRIBED + "## License\n\nMIT\n"},
        State.FAIL,
        ("no-section",),
    ),
)

README_COMMANDS = (
    Example(
        "Commands in an indented code block",
        {"README.md": _DESCRIBED + "Set it up:\n\n    make setup\n    make test\n"},
        State.PASS,
        ("command", "command"),
    ),
    Example(
        "A reStructuredText literal block",
        {"README.rst": "Widgets\n=======\n\nInstall it::\n\n    pip install widgets\n"},
        State.PASS,
        ("command",),
    ),
    Example(
        "A Terraform usage block, where the policy accepts code samples",
        {"README.md": _DESCRIBED + '```hcl\nmodule "vpc" {\n  source = "acme/vpc/aws"\n}\n```\n'},
        State.PASS,
        ("code",),
        params={"accept": ["commands", "code"]},
    ),
    Example(
        "Prose about setting it up, and nothing to copy",
        {"README.md": _DESCRIBED + "## Setup\n\nAsk the platform team for access, then install it.\n"},
        State.FAIL,
        ("none",),
    ),
)

CONTRIBUTING = (
    Example(
        "CONTRIBUTING.rst under docs/",
        {
            "docs/CONTRIBUTING.rst": "Contributing\n============\n\nFork the repository, create a branch, "
            "run the tests with tox and open a pull request describing what changed and why.\n"
        },
        State.PASS,
        ("found",),
    ),
    Example("No contributing guide", {"README.md": _DESCRIBED}, State.FAIL, ("missing",)),
    Example(
        "A contributing guide with a title only",
        {".github/CONTRIBUTING.md": "# Contributing\n\nTODO\n"},
        State.FAIL,
        ("hollow",),
    ),
)

_GUIDE_TEXT = (
    "Start the stack with docker compose up, then open the dashboard and sign in with the admin "
    "account the seed script creates. " * 8
)

DOCS_SITE = (
    Example(
        "A Sphinx configuration in docs/",
        {"docs/conf.py": "project = 'widgets'\nextensions = ['sphinx.ext.autodoc']\n", "README.md": "x\n"},
        State.PASS,
        ("config",),
    ),
    Example(
        "A docs/ folder with pages",
        {"docs/index.md": "# A\n", "docs/guide.md": "# B\n", "docs/reference.md": "# C\n"},
        State.PASS,
        ("pages",),
    ),
    Example(
        "Guides next to the README, linked from it",
        {
            "README.md": "# Shop\n\nSee [development](development.md), [deployment](deployment.md) and "
            "[the backend](backend/README.md).\n",
            "development.md": "# Development\n\n" + _GUIDE_TEXT,
            "deployment.md": "# Deployment\n\n" + _GUIDE_TEXT,
            "backend/README.md": "# Backend\n\n" + _GUIDE_TEXT,
        },
        State.PASS,
        ("guides",),
    ),
    Example(
        "Markdown files at the root that the README does not link",
        {
            "README.md": "# Shop\n",
            "notes.md": "# Notes\n\n" + _GUIDE_TEXT,
            "ideas.md": "# Ideas\n\n" + _GUIDE_TEXT,
            "todo.md": "# To do\n\n" + _GUIDE_TEXT,
        },
        State.FAIL,
        ("missing",),
    ),
    Example(
        "An mkdocs.yml in a template's skeleton only",
        {
            "templates/web/template.yaml": "apiVersion: scaffolder.backstage.io/v1beta3\nkind: Template\n"
            "spec:\n  steps:\n    - action: fetch:template\n      input:\n        url: ./skeleton\n",
            "templates/web/skeleton/mkdocs.yml": "site_name: ${{ values.name }}\n",
            "README.md": "x\n",
        },
        State.FAIL,
        ("missing",),
    ),
)

DECISION_RECORDS = (
    Example(
        "Numbered records in doc/adr",
        {
            "doc/adr/0001-record-architecture-decisions.md": "# 1. Record decisions\n",
            "doc/adr/0002-use-postgres.md": "# 2. Use Postgres\n",
        },
        State.PASS,
        ("records",),
    ),
    Example(
        "adr-tools' .adr-dir names the folder",
        {".adr-dir": "architecture/log\n", "architecture/log/use-events.md": "# Use events\n"},
        State.PASS,
        ("records",),
    ),
    Example(
        "No decision records",
        {"README.md": _DESCRIBED, "docs/guide.md": "# Guide\n"},
        State.FAIL,
        ("missing",),
    ),
)

RELATIVE_LINKS = (
    Example(
        "Links to files and folders that exist, a docs-site page URL and an anchor",
        {
            "README.md": "See [the guide](docs/guide.md#setup), [docs](docs/), [API](/docs/api/) and "
            "[below](#usage).\n",
            "docs/guide.md": "# Guide\n\nBack to the [README](../README.md).\n",
            "docs/api.md": "# API\n",
        },
        State.PASS,
        ("checked",),
    ),
    Example(
        "A link to a page that moved",
        {"README.md": "Read [the guide](docs/setup.md) first.\n", "docs/guide.md": "# Guide\n"},
        State.FAIL,
        ("broken", "checked"),
    ),
)

_MIT = (
    "MIT License\n\nCopyright (c) 2025 Widgets Ltd\n\nPermission is hereby granted, free of charge, to any "
    'person obtaining a copy\nof this software and associated documentation files (the "Software"), to '
    "deal\nin the Software without restriction, subject to the following conditions: ...\n"
)

LICENCE = (
    Example(
        "The MIT licence in LICENSE.md",
        {"LICENSE.md": _MIT, "src/app.py": "print('hi')\n"},
        State.PASS,
        ("licence",),
    ),
    Example(
        "No licence file, but package metadata names one",
        {"pyproject.toml": '[project]\nname = "widgets"\nlicense = "Apache-2.0"\n'},
        State.PASS,
        ("declared",),
    ),
    Example(
        "A LICENSE file with only a copyright line",
        {"LICENSE": "Copyright (c) 2025 Widgets Ltd\n", "src/app.py": "print('hi')\n"},
        State.FAIL,
        ("empty",),
    ),
    Example(
        "Terms of the company's own, accepted by the policy",
        {
            "COPYING.txt": "Widgets may be used by every Widgets Ltd team for internal tools. Teams may "
            "change the code and share changes with other teams, but may not publish it or give it "
            "to anyone outside the company without approval from the legal team.\n"
        },
        State.PASS,
        ("custom",),
        params={"accept_unrecognised": True, "min_words": 30},
    ),
    Example("No licence anywhere", {"README.md": "# Widgets\n"}, State.FAIL, ("missing",)),
)

USAGE_EXAMPLES = (
    Example(
        "An examples folder with a program that uses the library",
        {
            "README.md": "# Widgets\n",
            "examples/order/main.py": "import widgets\n\nwidgets.order('chair')\n",
            "examples/README.md": "# Examples\n",
        },
        State.PASS,
        ("folder",),
    ),
    Example(
        "The README shows the library in use",
        {"README.md": "# Widgets\n\n```python\nimport widgets\nwidgets.order('chair')\n```\n"},
        State.PASS,
        ("readme-code",),
    ),
    Example(
        "A command under a Usage heading (not an install step)",
        {"README.md": "# Widgets\n\n## Usage\n\n```console\n$ widgets order chair --size 2\n```\n"},
        State.PASS,
        ("readme-usage",),
    ),
    Example(
        "An examples folder with only a placeholder, and a README that only installs",
        {
            "README.md": "# Widgets\n\n## Install\n\n```sh\npip install widgets\n```\n",
            "examples/.gitkeep": "",
        },
        State.FAIL,
        ("hollow", "missing"),
    ),
    Example(
        "Examples only in a vendored package",
        {"README.md": "# Widgets\n", "vendor/lib/examples/demo.go": "package main\n"},
        State.FAIL,
        ("missing",),
        params={"readme": False},
    ),
)

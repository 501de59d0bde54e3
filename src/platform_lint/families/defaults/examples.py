"""Runnable examples of the defaults family's check types (docs, ``explain`` and a registry test)."""

from __future__ import annotations

from platform_lint.families.check_type import Example
from platform_lint.model import State

FORMATTER_SETTINGS = (
    Example(
        "ruff's settings in pyproject.toml",
        {"pyproject.toml": "[project]\nname = 'svc'\n\n[tool.ruff]\nline-length = 100\n"},
        State.PASS,
        ("settings",),
    ),
    Example(
        "A Go module: gofmt has no settings",
        {"go.mod": "module example.com/svc\n\ngo 1.22\n", "main.go": "package main\n"},
        State.PASS,
        ("zero-config",),
    ),
    Example(
        "A Python project with no settings at all",
        {"pyproject.toml": "[project]\nname = 'svc'\n", "src/svc/app.py": "x = 1\n"},
        State.FAIL,
        ("missing",),
    ),
)

GIT_HOOKS = (
    Example(
        "pre-commit with hooks",
        {
            ".pre-commit-config.yaml": "repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n"
            "    rev: v0.6.0\n    hooks:\n      - id: ruff\n      - id: ruff-format\n"
        },
        State.PASS,
        ("hooks",),
    ),
    Example(
        "A .githooks folder",
        {
            ".githooks/pre-commit": "#!/bin/sh\nmake lint\n",
            "Makefile": "setup:\n\tgit config core.hooksPath .githooks\n",
        },
        State.PASS,
        ("wired-folder",),
    ),
    Example(
        "A cookiecutter hooks folder is not git hooks",
        {"hooks/post_gen_project.py": "print('done')\n", "cookiecutter.json": "{}\n"},
        State.FAIL,
        ("missing",),
    ),
    Example(
        "A pre-commit configuration that lists no hooks",
        {".pre-commit-config.yaml": "repos: []\n"},
        State.FAIL,
        ("no-hooks",),
    ),
)

_WORKFLOW = (
    "on: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - uses: actions/checkout@v4\n      - run: pytest\n"
)

CI_RUNS_CHECKS = (
    Example(
        "A GitHub workflow that runs the tests",
        {".github/workflows/ci.yml": _WORKFLOW},
        State.PASS,
        ("pipeline",),
    ),
    Example(
        "Travis CI that runs the tests",
        {".travis.yml": "language: python\npython: ['3.12']\nscript:\n  - pytest\n"},
        State.PASS,
        ("pipeline",),
    ),
    Example(
        "GitLab CI with a lint job",
        {".gitlab-ci.yml": "stages: [test]\nlint:\n  stage: test\n  script:\n    - ruff check .\n"},
        State.PASS,
        ("pipeline",),
    ),
    Example(
        "A workflow with no jobs", {".github/workflows/ci.yml": "on: push\njobs: {}\n"}, State.FAIL, ("idle",)
    ),
)

UPDATE_AUTOMATION = (
    Example(
        "Dependabot with updates",
        {
            ".github/dependabot.yml": "version: 2\nupdates:\n  - package-ecosystem: pip\n    directory: /\n"
            "    schedule: {interval: weekly}\n"
        },
        State.PASS,
        ("configured",),
    ),
    Example(
        "Renovate in .github/renovate.json5",
        {".github/renovate.json5": "{\n  extends: ['config:recommended'],\n}\n"},
        State.PASS,
        ("configured",),
    ),
    Example(
        "A dependabot.yml with no updates",
        {".github/dependabot.yml": "version: 2\nupdates: []\n"},
        State.FAIL,
        ("inactive",),
    ),
)

"""Runnable examples of the selfservice family's check types (docs, ``explain`` and a registry test)."""

from __future__ import annotations

from platform_lint.families.check_type import Example
from platform_lint.model import State

SETUP_COMMAND = (
    Example(
        "A Makefile with a setup target",
        {"Makefile": ".PHONY: setup test\n\nsetup:\n\tpip install -e .\n\ntest:\n\tpytest\n"},
        State.PASS,
        ("entry-point",),
    ),
    Example(
        "A bin/setup script",
        {"bin/setup": "#!/bin/sh\nbundle install\n", "Gemfile": "source 'https://rubygems.org'\n"},
        State.PASS,
        ("entry-point",),
    ),
    Example(
        "A package.json dev script",
        {"package.json": '{"name": "web", "scripts": {"dev": "vite", "test": "vitest"}}\n'},
        State.PASS,
        ("entry-point",),
    ),
    Example(
        "A Makefile that only tests and lints",
        {"Makefile": "test:\n\tpytest\n\nlint:\n\truff check .\n"},
        State.FAIL,
        ("missing",),
    ),
)

REQUEST_TEMPLATES = (
    Example(
        "An issue form and a pull-request template",
        {
            ".github/ISSUE_TEMPLATE/bug.yml": "name: Bug\ndescription: Report a bug\nbody:\n"
            "  - type: textarea\n    attributes: {label: What happened?}\n",
            ".github/pull_request_template.md": "## What changed and why\n",
        },
        State.PASS,
        ("template", "template"),
    ),
    Example(
        "Templates at the root (GitHub reads them there too)",
        {"ISSUE_TEMPLATE.md": "Steps to reproduce:\n", "PULL_REQUEST_TEMPLATE.md": "Summary:\n"},
        State.PASS,
        ("template", "template"),
    ),
    Example(
        "Only a template chooser configuration, and a template in a test fixture",
        {
            ".github/ISSUE_TEMPLATE/config.yml": "blank_issues_enabled: false\n",
            "tests/fixtures/repo/.github/ISSUE_TEMPLATE/bug.md": "Bug\n",
        },
        State.FAIL,
        ("missing",),
    ),
)

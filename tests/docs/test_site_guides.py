"""docs.documentation-site counts guides kept next to the README when the README links to them."""

from __future__ import annotations

from tests.docs.helpers import messages, run_check

from platform_lint.model import State

SITE = "docs.documentation-site"

_PROSE = (
    " ".join(["Run the stack with the compose file and point your browser at the dashboard."] * 14) + "\n"
)


def _readme(*targets: str) -> str:
    links = "".join(f"- [{t}](./{t})\n" for t in targets)
    return "# App\n\nThe app every team deploys.\n\n## Docs\n\n" + links


def test_guides_the_readme_links_count_as_pages() -> None:
    files = {
        "README.md": _readme("development.md", "deployment.md", "backend/README.md", "release-notes.md"),
        "development.md": "# Development\n\n" + _PROSE,
        "deployment.md": "# Deployment\n\n" + _PROSE,
        "backend/README.md": "# Backend\n\n" + _PROSE,
        "release-notes.md": "# Release notes\n\n" + _PROSE,
    }
    outcome = run_check(SITE, files)
    assert outcome.state is State.PASS
    assert messages(SITE, outcome) == [
        "README.md links 3 guides of at least 150 words outside docs/: development.md, deployment.md, "
        "backend/README.md"
    ]
    assert outcome.evidence[0].location is not None and outcome.evidence[0].location.line == 7


def test_a_pile_of_markdown_files_nobody_links_is_not_documentation() -> None:
    files = {
        "README.md": "# App\n\nThe app.\n",
        **{f"notes-{i}.md": "# Notes\n\n" + _PROSE for i in range(6)},
    }
    assert run_check(SITE, files).state is State.FAIL


def test_linked_stubs_and_community_files_are_not_guides() -> None:
    files = {
        "README.md": _readme("development.md", "deployment.md", "usage.md", "CONTRIBUTING.md", "SECURITY.md"),
        "development.md": "# Development\n\nTODO\n",
        "deployment.md": "# Deployment\n\nComing soon.\n",
        "usage.md": "# Usage\n\n" + _PROSE,
        "CONTRIBUTING.md": "# Contributing\n\n" + _PROSE,
        "SECURITY.md": "# Security\n\n" + _PROSE,
    }
    outcome = run_check(SITE, files)
    assert outcome.state is State.FAIL
    assert "the README links 1 guides of at least 150 words" in messages(SITE, outcome)[0]
    assert run_check(SITE, files, {"min_guide_words": 1, "min_pages": 3}).state is State.PASS


def test_docs_pages_and_linked_guides_add_up() -> None:
    files = {
        "README.md": _readme("deployment.md", "docs/intro.md"),
        "deployment.md": "# Deployment\n\n" + _PROSE,
        "docs/intro.md": "# Intro\n",
        "docs/faq.md": "# FAQ\n",
    }
    outcome = run_check(SITE, files)
    assert outcome.state is State.PASS
    assert [f.code for f in outcome.evidence] == ["pages", "guides"]
    assert run_check(SITE, {k: v for k, v in files.items() if k != "deployment.md"}).state is State.FAIL

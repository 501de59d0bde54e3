"""One-command setup read from what the files offer, and request templates where GitHub reads them."""

from __future__ import annotations

import pytest
from tests.docs.helpers import codes, messages, run_check

from platform_lint.model import State

SETUP = "selfservice.setup-command"
TEMPLATES = "selfservice.templates"


@pytest.mark.parametrize(
    ("files", "command"),
    [
        ({"Makefile": "include common.mk\n\ndev-setup: venv\n\tpip install -e .\n"}, "make dev-setup"),
        ({"GNUmakefile": "bootstrap::\n\t./x\n"}, "make bootstrap"),
        ({"bin/setup": "#!/usr/bin/env ruby\nsystem('bundle install')\n"}, "./bin/setup"),
        ({"script/bootstrap": "#!/bin/sh\nbrew bundle\n"}, "./script/bootstrap"),
        ({"tools/setup.sh": "#!/bin/sh\nnpm ci\n"}, "./tools/setup.sh"),
        ({"package.json": '{"scripts": {"prepare": "husky", "test": "jest"}}'}, "npm run prepare"),
        ({"package.json": '{"scripts": {"start": "node ."}}', "yarn.lock": "x\n"}, "yarn start"),
        ({"Rakefile": "task :setup do\n  sh 'bundle'\nend\n"}, "rake setup"),
        ({"justfile": "set shell := ['bash']\n\ninstall:\n    uv sync\n"}, "just install"),
        ({"Taskfile.yml": "version: '3'\ntasks:\n  setup:\n    cmds: [go mod download]\n"}, "task setup"),
        ({"tox.ini": "[tox]\nenv_list = py312\n\n[testenv]\ncommands = pytest\n"}, "tox"),
        ({"noxfile.py": "import nox\n\n@nox.session\ndef tests(session):\n    pass\n"}, "nox"),
        ({".devcontainer/devcontainer.json": '{"image": "python:3.12"}'}, "open in a dev container"),
        ({"compose.yaml": "services:\n  web:\n    build: .\n"}, "docker compose up"),
        ({"pyproject.toml": "[tool.poe.tasks]\nsetup = 'uv sync'\n"}, "poe setup"),
    ],
)
def test_one_command_setup_is_found_in_what_the_files_offer(files: dict[str, str], command: str) -> None:
    outcome = run_check(SETUP, files)
    assert outcome.state is State.PASS, outcome
    assert command in [f.args["command"] for f in outcome.evidence]


def test_the_evidence_points_at_the_target_line() -> None:
    outcome = run_check(SETUP, {"Makefile": "test:\n\tpytest\n\nsetup:\n\tpip install .\n"})
    location = outcome.evidence[0].location
    assert location is not None and (location.path, location.line) == ("Makefile", 4)


@pytest.mark.parametrize(
    "files",
    [
        {"Makefile": "test:\n\tpytest\nlint:\n\truff check\nSETUP := yes\n"},
        {"package.json": '{"scripts": {"test": "jest", "lint": "eslint ."}}'},
        {"bin/setup": ""},  # an empty script sets nothing up
        {"compose.yaml": "# services come later\n"},
        {"tox.ini": "[flake8]\nmax-line-length = 100\n"},
        {"vendor/lib/Makefile": "setup:\n\ttrue\n"},  # not at the root
        {"tests/fixtures/app/bin/setup": "#!/bin/sh\ntrue\n"},
        {"package.json": "{not json"},
    ],
)
def test_no_setup_command(files: dict[str, str]) -> None:
    assert codes(run_check(SETUP, files)) == ["missing"]


def test_the_policy_chooses_the_names_and_tools() -> None:
    files = {"Makefile": "build:\n\tgo build ./...\n", "compose.yaml": "services:\n  db: {image: postgres}\n"}
    assert run_check(SETUP, files).state is State.PASS
    assert codes(run_check(SETUP, files, {"names": ["setup"], "whole_file_kinds": []})) == ["missing"]
    message = messages(SETUP, run_check(SETUP, files, {"names": ["setup"], "whole_file_kinds": []}))[0]
    assert "offered: docker compose up, make build" in message


# -- templates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        ".github/ISSUE_TEMPLATE/bug.md",
        ".github/ISSUE_TEMPLATE/bug.yml",
        ".github/pull_request_template.md",
        ".github/PULL_REQUEST_TEMPLATE.md",
        "docs/pull_request_template.md",
        "PULL_REQUEST_TEMPLATE.md",
        ".github/PULL_REQUEST_TEMPLATE/feature.md",
        "ISSUE_TEMPLATE.md",
        "docs/ISSUE_TEMPLATE/question.md",
        ".gitlab/merge_request_templates/Default.md",
    ],
)
def test_templates_where_github_reads_them(path: str) -> None:
    text = "name: Bug\nbody:\n  - type: textarea\n" if path.endswith(".yml") else "What changed?\n"
    outcome = run_check(TEMPLATES, {path: text})
    assert outcome.state is State.PASS, path


def test_an_empty_template_and_a_form_without_a_body_are_findings() -> None:
    files = {
        ".github/ISSUE_TEMPLATE/bug.yml": "name: Bug\ndescription: x\n",
        ".github/pull_request_template.md": "\n",
        ".github/ISSUE_TEMPLATE/idea.md": "Describe the idea.\n",
    }
    outcome = run_check(TEMPLATES, files)
    assert codes(outcome) == ["broken", "broken"]
    assert [f.location.path for f in outcome.findings if f.location] == [
        ".github/ISSUE_TEMPLATE/bug.yml",
        ".github/pull_request_template.md",
    ]


def test_both_kinds_when_the_policy_asks() -> None:
    files = {".github/ISSUE_TEMPLATE/bug.md": "Steps:\n"}
    assert run_check(TEMPLATES, files).state is State.PASS
    outcome = run_check(TEMPLATES, files, {"require": "both"})
    assert messages(TEMPLATES, outcome)[0] == "no pull-request template where GitHub reads them"


def test_templates_elsewhere_are_not_offered() -> None:
    files = {
        "pkg/cmd/fixtures/repo/.github/ISSUE_TEMPLATE/bug.md": "x\n",
        "src/PULL_REQUEST_TEMPLATE.md": "x\n",
    }
    assert codes(run_check(TEMPLATES, files)) == ["missing"]

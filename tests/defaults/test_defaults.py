"""Formatter settings, git hooks, CI and dependency updates, judged by what the files say."""

from __future__ import annotations

import pytest
from tests.docs.helpers import codes, messages, run_check

from platform_lint.model import State

FORMAT = "defaults.formatter-settings"
HOOKS = "defaults.git-hooks"
CI = "defaults.ci-runs-checks"
UPDATES = "defaults.update-automation"

# -- formatter and linter settings -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "tool"),
    [
        ({"pyproject.toml": "[project]\nname = 'x'\n\n[tool.ruff.lint]\nselect = ['E']\n"}, "ruff"),
        ({"pyproject.toml": "[tool.black]\nline-length = 100\n"}, "black"),
        ({"backend/pyproject.toml": "[tool.mypy]\nstrict = true\n"}, "mypy"),
        ({"setup.cfg": "[metadata]\nname = x\n\n[flake8]\nmax-line-length = 100\n"}, "flake8"),
        ({"tox.ini": "[tox]\n\n[isort]\nprofile = black\n"}, "isort"),
        ({".editorconfig": "root = true\n\n[*]\nindent_style = space\n"}, "EditorConfig"),
        ({"ui/.prettierrc": '{"semi": false}\n'}, "Prettier"),
        ({"web/app/eslint.config.mjs": "export default []\n"}, "ESLint"),
        ({".golangci.yml": "linters:\n  enable: [govet]\n"}, "golangci-lint"),
        ({".markdownlint.yaml": "MD013: false\n"}, "markdownlint"),
        ({".yamllint": "extends: default\n"}, "yamllint"),
        ({"package.json": '{"name": "x", "prettier": {"semi": false}}'}, "Prettier"),
        ({".rubocop.yml": "AllCops:\n  NewCops: enable\n"}, "RuboCop"),
        ({"frontend/biome.json": '{"formatter": {"enabled": true}}'}, "Biome"),
    ],
)
def test_settings_are_found_by_content_and_anywhere_in_the_product(files: dict[str, str], tool: str) -> None:
    outcome = run_check(FORMAT, files)
    assert outcome.state is State.PASS, outcome
    assert tool in [f.args["tool"] for f in outcome.evidence]


@pytest.mark.parametrize(
    ("files", "tool"),
    [
        ({"go.mod": "module example.com/x\n\ngo 1.22\n"}, "gofmt"),
        ({"Cargo.toml": "[package]\nname = 'x'\n"}, "rustfmt"),
        ({"main.tf": 'resource "aws_vpc" "this" {}\n'}, "terraform fmt"),
    ],
)
def test_a_language_whose_formatter_needs_no_settings_counts_with_the_reason(
    files: dict[str, str], tool: str
) -> None:
    outcome = run_check(FORMAT, files)
    assert [f.code for f in outcome.evidence] == ["zero-config"]
    assert tool in messages(FORMAT, outcome)[0] and "no settings" in messages(FORMAT, outcome)[0]
    assert codes(run_check(FORMAT, files, {"zero_config": False})) == ["missing"]


@pytest.mark.parametrize(
    "files",
    [
        {"pyproject.toml": "[project]\nname = 'x'\n\n[tool.pytest.ini_options]\naddopts = '-q'\n"},
        {".editorconfig": "root = true\n"},  # no section, no setting
        {"setup.cfg": "[metadata]\nname = x\n"},
        {".prettierrc": ""},
        {
            "vendor/github.com/x/y/.golangci.yml": "linters: {}\n",
            "vendor/github.com/x/y/go.mod": "module y\n",
        },
    ],
)
def test_no_settings(files: dict[str, str]) -> None:
    assert codes(run_check(FORMAT, files)) == ["missing"]


def test_the_policy_can_ask_for_a_linter() -> None:
    files = {".editorconfig": "[*]\nindent_size = 2\n", ".prettierrc": "{}\n"}
    assert codes(run_check(FORMAT, files, {"kinds": ["linter"]})) == ["missing"]
    assert run_check(FORMAT, files, {"kinds": ["formatter"]}).state is State.PASS


# -- git hooks -----------------------------------------------------------------------------------------


def test_pre_commit_with_hooks_and_its_line() -> None:
    config = (
        "default_stages: [pre-commit]\nrepos:\n  - repo: local\n    hooks:\n      - id: a\n      - id: b\n"
    )
    outcome = run_check(HOOKS, {".pre-commit-config.yaml": config})
    assert outcome.evidence[0].args["hooks"] == 2
    assert outcome.evidence[0].location is not None and outcome.evidence[0].location.line == 2


def test_a_githooks_folder_counts_and_says_whether_git_is_pointed_at_it() -> None:
    outcome = run_check(HOOKS, {".githooks/pre-commit": "#!/bin/sh\nmake lint\n"})
    assert [f.code for f in outcome.evidence] == ["hooks"]
    wired = {
        ".githooks/commit-msg.sh": "#!/bin/sh\n",
        "CONTRIBUTING.md": "Run `git config core.hooksPath .githooks`.\n",
    }
    outcome = run_check(HOOKS, wired)
    assert [f.code for f in outcome.evidence] == ["wired-folder"]
    assert "CONTRIBUTING.md" in messages(HOOKS, outcome)[0]


def test_a_hooks_folder_counts_only_when_core_hooks_path_points_at_it() -> None:
    files = {"hooks/pre-push": "#!/bin/sh\nmake test\n"}
    assert codes(run_check(HOOKS, files)) == ["missing"]
    files["Makefile"] = "hooks:\n\tgit config core.hooksPath hooks\n"
    assert run_check(HOOKS, files).state is State.PASS


def test_husky_and_lefthook() -> None:
    assert run_check(HOOKS, {".husky/pre-commit": "npx lint-staged\n"}).state is State.PASS
    assert run_check(
        HOOKS, {"lefthook.yml": "pre-commit:\n  commands:\n    lint: {run: npm run lint}\n"}
    ).state is (State.PASS)
    assert codes(run_check(HOOKS, {"lefthook.yml": "# nothing yet\n"})) == ["no-hooks"]


def test_a_broken_pre_commit_configuration_is_a_finding_on_its_line() -> None:
    outcome = run_check(HOOKS, {".pre-commit-config.yaml": "repos:\n  - repo: x\n   hooks: [\n"})
    assert codes(outcome) == ["no-hooks"]
    assert outcome.findings[0].location is not None and outcome.findings[0].location.line is not None


# -- CI -------------------------------------------------------------------------------------------------

WORKFLOW = (
    "name: ci\non:\n  pull_request:\n  push:\n    branches: [main]\njobs:\n  lint:\n    runs-on: "
    "ubuntu-latest\n"
    "    steps:\n      - uses: actions/checkout@v4\n      - uses: golangci/golangci-lint-action@v6\n"
)


@pytest.mark.parametrize(
    ("files", "provider"),
    [
        ({".github/workflows/ci.yml": WORKFLOW}, "GitHub Actions"),
        ({".travis.yml": "language: go\ngo: ['1.22']\n"}, "Travis CI"),
        (
            {".gitlab-ci.yml": "test:\n  image: python:3.12\n  script:\n    - pip install .\n    - pytest\n"},
            "GitLab CI",
        ),
        (
            {
                ".circleci/config.yml": "version: 2.1\njobs:\n  test:\n    docker: [{image: "
                "cimg/node:20.0}]\n"
                "    steps:\n      - checkout\n      - run: npm test\n"
            },
            "CircleCI",
        ),
        (
            {
                "Jenkinsfile": "pipeline {\n  stages {\n    stage('Test') {\n      steps { sh 'make "
                "test' }\n    }\n  }\n}\n"
            },
            "Jenkins",
        ),
        ({"azure-pipelines.yml": "steps:\n  - script: dotnet test\n"}, "Azure Pipelines"),
        ({".buildkite/pipeline.yml": "steps:\n  - command: go test ./...\n"}, "Buildkite"),
        (
            {".woodpecker.yml": "steps:\n  test:\n    image: golang\n    commands: [go vet ./...]\n"},
            "Woodpecker",
        ),
    ],
)
def test_ci_that_runs_checks(files: dict[str, str], provider: str) -> None:
    outcome = run_check(CI, files)
    assert outcome.state is State.PASS, outcome
    assert outcome.evidence[0].args["provider"] == provider


@pytest.mark.parametrize(
    "workflow",
    [
        "on: push\njobs: {}\n",
        "on: [push]\njobs:\n  test:\n    if: false\n    runs-on: x\n    steps: [{run: pytest}]\n",
        "on:\n  push:\n    tags: ['v*']\njobs:\n  publish:\n    runs-on: x\n    steps: [{run: twine "
        "upload dist/*}]\n",
        "on: [push]\njobs:\n  image:\n    runs-on: x\n    steps: [{run: docker build .}]\n",
        "on:\n  schedule: [{cron: '0 0 * * *'}]\njobs:\n  t:\n    runs-on: x\n    steps: [{run: pytest}]\n",
    ],
)
def test_ci_that_enforces_nothing_on_a_change(workflow: str) -> None:
    outcome = run_check(CI, {".github/workflows/x.yml": workflow})
    assert outcome.state is State.FAIL, workflow


def test_tag_only_workflow_fails_but_the_policy_may_accept_it() -> None:
    workflow = "on:\n  release:\njobs:\n  t:\n    runs-on: x\n    steps: [{run: pytest}]\n"
    assert run_check(CI, {".github/workflows/x.yml": workflow}).state is State.FAIL
    outcome = run_check(CI, {".github/workflows/x.yml": workflow}, {"require_on_change": False})
    assert outcome.state is State.PASS


def test_a_workflow_that_does_not_parse_is_a_finding_on_its_line() -> None:
    files = {".github/workflows/ci.yml": WORKFLOW, ".github/workflows/bad.yml": "on: push\njobs:\n  a: [\n"}
    outcome = run_check(CI, files)
    assert codes(outcome) == ["broken"]
    assert (
        outcome.findings[0].location is not None
        and outcome.findings[0].location.path == ".github/workflows/bad.yml"
    )


def test_no_ci() -> None:
    assert codes(run_check(CI, {"README.md": "x\n"})) == ["missing"]


# -- dependency updates ----------------------------------------------------------------------------------


def test_dependabot_lists_its_ecosystems() -> None:
    config = (
        "version: 2\nupdates:\n  - package-ecosystem: gomod\n    directory: /\n    schedule: "
        "{interval: weekly}\n"
        "  - package-ecosystem: github-actions\n    directory: /\n    schedule: {interval: weekly}\n"
    )
    outcome = run_check(UPDATES, {".github/dependabot.yml": config})
    assert "github-actions, gomod" in messages(UPDATES, outcome)[0]


@pytest.mark.parametrize(
    "files",
    [
        {"renovate.json": '{"extends": ["config:recommended"]}'},
        {".github/renovate.json5": "{\n  // comments are fine\n  extends: ['config:base'],\n}\n"},
        {".renovaterc": '{"extends": ["config:base"]}'},
        {"package.json": '{"name": "x", "renovate": {"extends": ["config:base"]}}'},
        {
            ".github/workflows/renovate.yml": "on: {schedule: [{cron: '0 * * * *'}]}\njobs:\n  r:\n "
            "   runs-on: x\n"
            "    steps:\n      - uses: renovatebot/github-action@v40\n"
        },
    ],
)
def test_renovate_wherever_it_is_configured(files: dict[str, str]) -> None:
    assert run_check(UPDATES, files).state is State.PASS


@pytest.mark.parametrize(
    ("files", "problem"),
    [
        ({".github/dependabot.yml": "version: 2\n"}, "no updates"),
        (
            {
                ".github/dependabot.yml": "version: 2\nupdates:\n  - package-ecosystem: npm\n    "
                "directory: /\n"
                "    open-pull-requests-limit: 0\n"
            },
            "security updates only",
        ),
        ({"renovate.json": '{"enabled": false}'}, "switched off"),
    ],
)
def test_configuration_that_updates_nothing(files: dict[str, str], problem: str) -> None:
    outcome = run_check(UPDATES, files)
    assert codes(outcome) == ["inactive"]
    assert problem in messages(UPDATES, outcome)[0]

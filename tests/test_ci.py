"""CI runs the guard rails the README promises, the same way everywhere.

The README's set-up command, `.ci/run` and `.github/workflows/ci.yml` all come down to
`make check`; the tools it runs are pinned to the versions pre-commit uses; the workflow is
valid for GitHub (checked offline against the schema check-jsonschema ships).
"""

from __future__ import annotations

import copy
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from check_jsonschema.builtin_schemas import get_builtin_schema
from jsonschema.validators import validator_for
from ruamel.yaml import YAML

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"
GUARD_RAILS = [
    "ruff check src tests",
    "ruff format --check src tests benchmarks",
    "mypy",
    "lint-imports --no-cache",
    "python -m pytest",
]


def _yaml(path: Path) -> Any:
    # YAML 1.2, as GitHub reads it: `on` is a key, not the boolean true
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def _pyproject() -> dict[str, Any]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _recipe(target: str) -> list[str]:
    """The commands of one Makefile target, as make would run them."""
    lines = (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(rf"{re.escape(target)}:(\s|$)", line))
    recipe = []
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        recipe.append(line.strip())
    return recipe


def _readme_setup_command() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", readme, flags=re.DOTALL)
    commands = [line for block in blocks for line in block.splitlines() if "make check" in line]
    assert len(commands) >= 1, "the README shows no command that runs `make check`"
    return commands[0].strip()


def _pins(requirements: list[str]) -> dict[str, str]:
    pins = {}
    for requirement in requirements:
        name, _, version = requirement.partition("==")
        if version:
            pins[name.strip()] = version.strip()
    return pins


# --- one command everywhere --------------------------------------------------------------------


def test_make_check_runs_every_guard_rail_in_order_and_make_lint_all_but_the_tests() -> None:
    assert _recipe("check") == GUARD_RAILS
    assert _recipe("lint") == GUARD_RAILS[:-1]


def test_the_readme_set_up_command_runs_make_check_and_ci_runs_it_verbatim() -> None:
    command = _readme_setup_command()
    assert command == "pip install -e '.[test,dev]' && make check"
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    ran = [line for line in ci_lines if line.startswith(command)]
    # a failure of the install must stop the script too, not only a failure of `make check`
    assert ran == [f"{command} || exit"], ci_lines


def test_the_workflow_installs_and_runs_what_the_readme_says() -> None:
    steps = _yaml(WORKFLOW)["jobs"]["check"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    install, check = _readme_setup_command().split(" && ")
    assert runs == [f"python -m {install}", check]


def test_tool_pins_agree_with_pre_commit() -> None:
    extras = _pyproject()["project"]["optional-dependencies"]
    pins = _pins(extras["dev"]) | _pins(extras["test"])
    hooks = {repo["repo"]: repo for repo in _yaml(ROOT / ".pre-commit-config.yaml")["repos"]}
    assert hooks["https://github.com/astral-sh/ruff-pre-commit"]["rev"] == f"v{pins['ruff']}"
    local = {hook["id"]: hook["entry"] for hook in hooks["local"]["hooks"]}
    assert local["mypy"] == "mypy" and "mypy" in pins
    assert local["lint-imports"].split()[0] == "lint-imports" and "import-linter" in pins


# --- the GitHub workflow -----------------------------------------------------------------------


def _schema_errors(workflow: Any) -> list[str]:
    schema = get_builtin_schema("vendor.github-workflows")
    validator = validator_for(schema)(schema)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(workflow)]


def test_the_workflow_follows_githubs_workflow_schema() -> None:
    assert _schema_errors(_yaml(WORKFLOW)) == []


@pytest.mark.parametrize(
    ("where", "broken"),
    [
        (("permissions", "contents"), "maybe"),
        (("jobs", "check", "strategy", "matrix"), "3.13"),
        (("on",), {"push": {"branchez": ["main"]}}),
    ],
)
def test_the_schema_check_rejects_a_broken_workflow(where: tuple[str, ...], broken: object) -> None:
    workflow = copy.deepcopy(_yaml(WORKFLOW))
    target = workflow
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = broken
    assert _schema_errors(workflow) != []


def test_the_workflow_runs_on_push_and_pull_request_on_the_oldest_and_newest_python() -> None:
    workflow = _yaml(WORKFLOW)
    assert set(workflow["on"]) == {"push", "pull_request"}
    assert workflow["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in workflow["jobs"].values())
    versions = workflow["jobs"]["check"]["strategy"]["matrix"]["python-version"]
    oldest = _pyproject()["project"]["requires-python"].removeprefix(">=")
    assert versions == [oldest, "3.13"]


# --- the acceptance suites are opt-in, and say so ------------------------------------------------


def test_acceptance_suites_are_reported_skipped_with_the_reason_when_not_asked_for() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PLATFORM_LINT_SHARED"}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/acceptance", "-q", "-rs", "-p", "no:cacheprovider"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    suites = sorted(p.name for p in (ROOT / "tests" / "acceptance").glob("test_*.py"))
    assert suites, "no acceptance suites found"
    # run alone without their data nothing runs: pytest's "no tests collected" (5), a failure
    assert run.returncode == 5, run.stdout + run.stderr
    for name in suites:
        assert f"acceptance suite {name} not run: set PLATFORM_LINT_SHARED" in run.stdout, run.stdout
    assert f"{len(suites)} skipped" in run.stdout, run.stdout

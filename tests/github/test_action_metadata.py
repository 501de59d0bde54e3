"""action.yml and the workflows: valid against GitHub's schemas, and safe."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
ACTION = ROOT / "action.yml"
WORKFLOWS = ROOT / ".github" / "workflows"


def _check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("check-jsonschema")
    cmd = [exe] if exe else [sys.executable, "-m", "check_jsonschema"]
    return subprocess.run(
        [*cmd, "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_action_validates_against_the_action_metadata_schema() -> None:
    done = _check_jsonschema("vendor.github-actions", ACTION)
    assert done.returncode == 0, done.stdout + done.stderr


def test_workflows_validate_against_the_workflow_schema() -> None:
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert files
    done = _check_jsonschema("vendor.github-workflows", *files)
    assert done.returncode == 0, done.stdout + done.stderr


def _action() -> dict:
    return yaml.safe_load(ACTION.read_text(encoding="utf-8"))


def test_action_has_the_documented_inputs_and_outputs() -> None:
    action = _action()
    for name in (
        "path",
        "policy",
        "base",
        "fail-on",
        "on-error",
        "formats",
        "token",
        "comment",
        "check-run",
        "sarif-file",
        "badge",
        "python-version",
        "annotations",
    ):
        assert name in action["inputs"], name
    assert action["inputs"]["token"]["default"] == "${{ github.token }}"
    assert action["inputs"]["badge"]["default"] == "off"
    assert action["inputs"]["on-error"]["default"] == "ignore"
    scripts = "\n".join(s.get("run", "") for s in action["runs"]["steps"])
    assert scripts.count('--on-error "$PL_ON_ERROR"') == 2  # check states it, publish decides with it
    assert action["inputs"]["badge-branch"]["default"] == "platform-lint-badges"
    assert set(action["outputs"]) >= {"level", "score", "failed", "report-json", "sarif-file"}
    assert action["branding"]["icon"] and action["branding"]["color"]
    assert action["runs"]["using"] == "composite"


def test_action_installs_from_its_own_checkout_with_the_pip_cache() -> None:
    steps = _action()["runs"]["steps"]
    setup = next(s for s in steps if str(s.get("uses", "")).startswith("actions/setup-python@"))
    assert setup["with"]["cache"] == "pip"
    scripts = "\n".join(s.get("run", "") for s in steps)
    assert 'pip install --disable-pip-version-check --quiet "$PL_ACTION_PATH"' in scripts
    assert "platform-lint check" in scripts and "--format json --output" in scripts
    assert "platform-lint publish" in scripts


def test_no_expression_is_expanded_inside_a_script() -> None:
    """Inputs reach the shell through env, so a crafted input cannot inject commands."""
    for step in _action()["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")


def test_a_workflow_uses_the_action_and_none_uses_pull_request_target() -> None:
    texts = {p.name: p.read_text(encoding="utf-8") for p in WORKFLOWS.glob("*.yml")}
    assert any(re.search(r"uses:\s*\./\s*$", t, re.M) for t in texts.values())
    for name, text in texts.items():
        assert "pull_request_target" not in yaml.safe_load(text).get(True, {}), name  # `on:` parses as True
    fork = yaml.safe_load(texts["publish-fork-results.yml"])
    assert list(fork[True]) == ["workflow_run"]
    steps = fork["jobs"]["publish"]["steps"]
    checkout = next(s for s in steps if str(s.get("uses", "")).startswith("actions/checkout@"))
    assert checkout["with"]["ref"] == "${{ github.event.repository.default_branch }}"  # never the PR head


@pytest.mark.parametrize("name", ["platform-lint.yml", "publish-fork-results.yml"])
def test_workflows_grant_least_privilege_at_the_top(name: str) -> None:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert data["permissions"] in ({}, {"contents": "read"})

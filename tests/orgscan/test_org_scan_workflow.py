"""The scheduled org-scan workflow: valid for GitHub (checked offline against the workflow schema
check-jsonschema ships), one scan job per shard, every shard's output merged and published."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

from check_jsonschema.builtin_schemas import get_builtin_schema
from jsonschema.validators import validator_for
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "org-scan.yml"


def _workflow() -> Any:
    return YAML(typ="safe", pure=True).load(WORKFLOW.read_text(encoding="utf-8"))


def _errors(workflow: Any) -> list[str]:
    schema = get_builtin_schema("vendor.github-workflows")
    validator = validator_for(schema)(schema)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(workflow)]


def _run(job: dict[str, Any], containing: str) -> str:
    return next(step["run"] for step in job["steps"] if containing in step.get("run", ""))


def test_the_workflow_follows_githubs_workflow_schema_and_a_broken_one_does_not() -> None:
    workflow = _workflow()
    assert _errors(workflow) == []
    broken = copy.deepcopy(workflow)
    broken["jobs"]["scan"]["strategy"]["matrix"] = "four"
    assert _errors(broken) != []


def test_it_runs_weekly_and_on_demand_with_read_only_permissions_by_default() -> None:
    workflow = _workflow()
    assert set(workflow["on"]) == {"schedule", "workflow_dispatch"}
    (cron,) = (entry["cron"] for entry in workflow["on"]["schedule"])
    assert cron.split()[2:] == ["*", "*", "1"]  # once a week
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["publish"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_every_shard_is_scanned_once_and_every_shard_output_is_merged() -> None:
    workflow = _workflow()
    scan = workflow["jobs"]["scan"]
    shards = scan["strategy"]["matrix"]["shard"]
    count = int(workflow["env"]["SHARDS"])
    assert shards == list(range(1, count + 1))
    assert scan["strategy"]["fail-fast"] is False  # one shard's trouble does not cancel the others
    command = _run(scan, "platform-lint org-scan")
    assert '--shard "$SHARD/$SHARDS"' in command and "--out scan" in command
    assert re.search(r"--scan-id \"run-\$GITHUB_RUN_ID\"", command)  # shards share the scan id
    step_env = next(s for s in scan["steps"] if "platform-lint org-scan" in s.get("run", ""))["env"]
    assert step_env["SHARD"] == "${{ matrix.shard }}"
    assert step_env["GITHUB_TOKEN"] == "${{ secrets.ORG_SCAN_TOKEN }}"
    upload = next(s for s in scan["steps"] if s.get("uses", "").startswith("actions/upload-artifact"))
    assert (
        upload["with"]["name"] == "org-scan-shard-${{ matrix.shard }}" and upload["with"]["path"] == "scan/"
    )
    assert "org-scan-shard-$SHARD" in _run(scan, "gh run download")  # the previous output, same name

    report = workflow["jobs"]["report"]
    assert report["needs"] == "scan"
    download = next(s for s in report["steps"] if s.get("uses", "").startswith("actions/download-artifact"))
    assert download["with"] == {"pattern": "org-scan-shard-*", "path": "shards"}
    assert "platform-lint org-report shards/* --out site" in _run(report, "org-report")
    pages = next(s for s in report["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert pages["with"]["path"] == "site"


def test_no_expression_is_expanded_inside_a_script() -> None:
    """Inputs (the org name) reach the shell through env, so a crafted one cannot inject commands."""
    for name, job in _workflow()["jobs"].items():
        for step in job["steps"]:
            assert "${{" not in step.get("run", ""), (name, step.get("name"))


def test_the_readme_shows_the_workflow() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ".github/workflows/org-scan.yml" in readme
    assert "--shard ${{ matrix.shard }}/4" in readme or '--shard "$SHARD/$SHARDS"' in readme

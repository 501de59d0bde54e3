"""The scheduled org-scan workflow: valid for GitHub (checked offline against the workflow schema
check-jsonschema ships), a plan job whose outputs make the scan matrix (at most 256 shards), one
scan job per shard, every shard's output merged and published."""

from __future__ import annotations

import copy
import json
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
    broken = copy.deepcopy(workflow)
    broken["jobs"]["plan"]["outputs"] = ["matrix"]
    assert _errors(broken) != []


def test_it_runs_weekly_and_on_demand_with_read_only_permissions_by_default() -> None:
    workflow = _workflow()
    assert set(workflow["on"]) == {"schedule", "workflow_dispatch"}
    (cron,) = (entry["cron"] for entry in workflow["on"]["schedule"])
    assert cron.split()[2:] == ["*", "*", "1"]  # once a week
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["publish"]["permissions"] == {"pages": "write", "id-token": "write"}
    for name in ("plan", "scan"):  # reading the previous run's artifacts, nothing more
        assert workflow["jobs"][name]["permissions"] == {"contents": "read", "actions": "read"}
    assert "permissions" not in workflow["jobs"]["report"]
    for name, job in workflow["jobs"].items():
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout"):
                assert step["with"]["persist-credentials"] is False, name


def _expression(text: str) -> str:
    match = re.fullmatch(r"\$\{\{\s*(.*?)\s*\}\}", text)
    assert match, text
    return match.group(1)


def test_the_plan_jobs_outputs_are_the_scan_matrix_and_its_shard_count() -> None:
    workflow = _workflow()
    plan, scan = workflow["jobs"]["plan"], workflow["jobs"]["scan"]
    (step,) = (s for s in plan["steps"] if "platform-lint org-plan" in s.get("run", ""))
    assert plan["outputs"] == {
        "matrix": "${{ steps." + step["id"] + ".outputs.matrix }}",
        "count": "${{ steps." + step["id"] + ".outputs.count }}",
    }
    assert '--repos-per-shard "$REPOS_PER_SHARD"' in step["run"] and "--out plan" in step["run"]
    assert step["env"]["GITHUB_TOKEN"] == "${{ secrets.ORG_SCAN_TOKEN }}"
    assert int(workflow["env"]["REPOS_PER_SHARD"]) >= 1
    # an override from the manual trigger, passed only when given
    assert step["env"]["SHARDS"] == "${{ inputs.shards }}"
    assert '${SHARDS:+--shards "$SHARDS"}' in step["run"]
    assert "--name org-scan-plan --dir plan" in _run(plan, "gh run download")  # the previous plan
    keep = next(s for s in plan["steps"] if s.get("uses", "").startswith("actions/upload-artifact"))
    assert keep["with"]["name"] == "org-scan-plan" and keep["with"]["path"] == "plan/"

    assert scan["needs"] == "plan"
    assert _expression(scan["strategy"]["matrix"]) == "fromJSON(needs.plan.outputs.matrix)"
    assert scan["strategy"]["fail-fast"] is False  # one shard's trouble does not cancel the others
    fetch = next(s for s in scan["steps"] if s.get("uses", "").startswith("actions/download-artifact"))
    assert fetch["with"] == {"name": "org-scan-plan", "path": "plan"}


def test_the_matrix_the_plan_writes_is_one_github_accepts(tmp_path: Path) -> None:
    """What org-plan writes to $GITHUB_OUTPUT, put where the expression puts it, passes the schema
    for every count the plan can choose, and no count above GitHub's 256 jobs is possible."""
    from platform_lint.orgscan.plan import MAX_SHARDS, Plan, outputs, shards_for

    workflow = _workflow()
    for repositories in (0, 1, 250, 251, 64_000, 10_000_000):
        count = shards_for(repositories, int(workflow["env"]["REPOS_PER_SHARD"]))
        assert 1 <= count <= MAX_SHARDS == 256
        plan = Plan("acme", "org", "", count, "", 250, (), {})
        matrix = json.loads(outputs(plan)["matrix"])
        assert matrix == {"shard": list(range(1, count + 1))}
        expanded = copy.deepcopy(workflow)
        expanded["jobs"]["scan"]["strategy"]["matrix"] = matrix
        assert _errors(expanded) == []


def test_every_shard_is_scanned_once_from_the_plan_and_every_shard_output_is_merged() -> None:
    workflow = _workflow()
    scan = workflow["jobs"]["scan"]
    command = _run(scan, "platform-lint org-scan")
    assert "--plan plan/plan.json" in command and "--out scan" in command
    assert '--shard "$SHARD/$COUNT"' in command
    assert re.search(r"--scan-id \"run-\$GITHUB_RUN_ID\"", command)  # shards share the scan id
    step_env = next(s for s in scan["steps"] if "platform-lint org-scan" in s.get("run", ""))["env"]
    assert step_env["SHARD"] == "${{ matrix.shard }}"
    assert step_env["COUNT"] == "${{ needs.plan.outputs.count }}"
    assert step_env["GITHUB_TOKEN"] == "${{ secrets.ORG_SCAN_TOKEN }}"
    upload = next(s for s in scan["steps"] if s.get("uses", "").startswith("actions/upload-artifact"))
    assert (
        upload["with"]["name"] == "org-scan-shard-${{ matrix.shard }}" and upload["with"]["path"] == "scan/"
    )
    assert "org-scan-shard-$SHARD" in _run(scan, "gh run download")  # the previous output, same name

    report = workflow["jobs"]["report"]
    assert report["needs"] == ["plan", "scan"]
    assert "needs.plan.result == 'success'" in report["if"] and "!cancelled()" in report["if"]
    download = next(s for s in report["steps"] if s.get("uses", "").startswith("actions/download-artifact"))
    assert download["with"] == {"pattern": "org-scan-shard-*", "path": "shards"}
    assert "platform-lint org-report shards/* --out site" in _run(report, "org-report")
    pages = next(s for s in report["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert pages["with"]["path"] == "site"  # the dashboard and badges/OWNER/NAME/ with it
    assert workflow["jobs"]["publish"]["needs"] == "report"


def test_no_expression_is_expanded_inside_a_script() -> None:
    """Inputs (the org name) reach the shell through env, so a crafted one cannot inject commands."""
    for name, job in _workflow()["jobs"].items():
        for step in job["steps"]:
            assert "${{" not in step.get("run", ""), (name, step.get("name"))


def test_the_readme_shows_the_workflow() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ".github/workflows/org-scan.yml" in readme
    excerpt = readme[readme.index(".github/workflows/org-scan.yml") :]
    excerpt = excerpt[excerpt.index("```yaml") : excerpt.index("```", excerpt.index("```yaml") + 3)]
    for line in ("platform-lint org-plan", "fromJSON(needs.plan.outputs.matrix)", '--shard "$SHARD/$COUNT"'):
        assert line in excerpt, line
    assert "platform-lint org-report shards/* --out site" in excerpt


def test_the_readme_shows_a_screenshot_of_the_dashboard() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (target,) = re.findall(r"!\[[^\]]*dashboard[^\]]*\]\(([^)]+)\)", readme)
    assert target == "docs/images/dashboard.png"
    image = (ROOT / target).read_bytes()
    assert image[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(image[16:20], "big"), int.from_bytes(image[20:24], "big")
    assert width >= 800 and height >= 600  # a page, not an icon

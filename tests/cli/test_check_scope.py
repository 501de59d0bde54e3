"""`check` judges the repository's own product, for its kind, and reads by journey stage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli.test_check import NOW, validate_report, write

from platform_lint.cli import run
from platform_lint.report.model import from_dict, to_dict

SPEC = "openapi: 3.0.3\ninfo: {title: t, version: 1.0.0}\npaths: {}\n"
LIBRARY = {
    "README.md": "# widgets\n\n## Install\n\n```sh\npip install widgets\n```\n",
    "pyproject.toml": "[project]\nname = 'widgets'\nversion = '1.0.0'\n",
    "widgets/__init__.py": "",
    "tests/test_widgets.py": "",
    # a build-only image: no service
    "Dockerfile": "FROM python:3.12\nCOPY . /src\nRUN pip install /src\n",
    # a corpus of specs the tests read: not the product's contracts
    **{f"tests/data/case{i:02d}/openapi.yaml": SPEC for i in range(40)},
    # a cookiecutter template the project ships: its payload is no evidence for the project
    "{{cookiecutter.name}}/Dockerfile": 'FROM python\nEXPOSE 80\nCMD ["uvicorn", "app:api"]\n',
    "{{cookiecutter.name}}/openapi.yaml": SPEC,
    "{{cookiecutter.name}}/compose.yaml": "services:\n  api:\n    ports: ['80:80']\n",
    "cookiecutter.json": '{"name": "svc"}\n',
    "examples/demo/README.md": "# demo\n",
}


def check(repo: Path, *extra: str) -> dict:
    out = repo.parent / "report.json"
    run(["check", str(repo), "--now", NOW, "--offline", "-f", "json", "-o", str(out), *extra])
    report = json.loads(out.read_text())
    validate_report(report)
    return report


def rule(report: dict, rule_id: str) -> dict:
    return next(r for r in report["rules"] if r["id"] == rule_id)


@pytest.fixture
def library(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    write(repo, LIBRARY)
    return repo


def test_a_library_is_judged_as_a_library_on_its_own_product(library: Path) -> None:
    report = check(library)
    repo = report["repository"]
    assert repo["kind"] == "library" and repo["kind_source"] == "detected"
    assert "Dockerfile: builds an image, serves nothing" in repo["evidence"]
    assert repo["scope"]["by_kind"] == {"template": 3, "fixture": 40, "example": 1}
    top = {e["path"]: (e["kind"], e["files"]) for e in repo["scope"]["excluded"]}
    assert top["tests/data"] == ("fixture", 40)
    # the contracts are the product's, and a library is not asked for one
    present = rule(report, "contracts.present")
    assert present["state"] == "not-applicable"
    assert "this one is a library" in present["reason"]
    assert rule(report, "observability.health-probes")["state"] == "not-applicable"
    # the fixture corpus and the template's spec are not validated as the product's contracts
    assert rule(report, "contracts.valid")["evidence"] == []
    # examples are what docs.examples looks for: this one's examples/ holds only a README
    examples = rule(report, "docs.examples")
    assert examples["state"] == "fail"
    assert [f["code"] for f in examples["findings"]] == ["hollow", "missing"]
    assert examples["findings"][0]["location"]["path"] == "examples"


def test_the_policy_can_declare_the_kind_and_the_scope(library: Path) -> None:
    write(
        library,
        {
            ".platform-lint.yml": "version: 1\nextends: [builtin:recommended]\nkind: service\n"
            "scope:\n  product: ['tests/data/case00/**']\n"
            "  exclude:\n    - {glob: 'widgets/**', kind: generated}\n"
        },
    )
    report = check(library)
    repo = report["repository"]
    assert (repo["kind"], repo["kind_source"]) == ("service", "policy")
    assert repo["scope"]["by_kind"]["fixture"] == 39
    assert repo["scope"]["by_kind"]["generated"] == 1
    present = rule(report, "contracts.present")
    assert present["state"] == "pass"
    assert [e["location"]["path"] for e in present["evidence"]] == ["tests/data/case00/openapi.yaml"]


def test_verbose_text_says_what_was_left_out_and_why(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(["check", str(library), "--now", NOW, "--offline", "--fail-on", "never"])
    out = capsys.readouterr().out
    assert "Repository: library (pyproject.toml [project]" in out
    assert "Scope: judged" in out and "left out 3 template, 40 fixture, 1 example" in out
    assert "(--verbose lists the folders)" in out
    run(["check", str(library), "--now", NOW, "--offline", "--fail-on", "never", "--verbose"])
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert any(
        "40  fixture" in line and "tests/data" in line and "in a test folder" in line for line in lines
    )
    assert any("{{cookiecutter.name}}" in line and "template" in line for line in out.splitlines())


def test_reports_read_by_journey_stage(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(["check", str(library), "--now", NOW, "--offline", "--fail-on", "never", "--by", "journey"])
    out = capsys.readouterr().out
    assert "Developer journey: a newcomer would stop at" in out
    stages = [line for line in out.splitlines() if line.endswith(" stage")]
    assert stages[:2] == ["Discover stage", "Evaluate stage"]
    run(
        [
            "check",
            str(library),
            "--now",
            NOW,
            "--offline",
            "--fail-on",
            "never",
            "-f",
            "markdown",
            "--by",
            "journey",
        ]
    )
    md = capsys.readouterr().out
    assert "### Developer journey" in md and "| Onboard |" in md
    report = check(library)
    stages = [j["id"] for j in report["journeys"]]
    assert stages == ["discover", "evaluate", "onboard", "build", "scale", "advocate"]
    assert all(r.get("journey") for r in report["rules"])
    discover = report["journeys"][0]
    assert "docs.readme" in discover["rules"]


def test_new_report_fields_round_trip_and_old_reports_still_load(library: Path) -> None:
    report = check(library)
    assert to_dict(from_dict(report)) == report
    old = {k: v for k, v in report.items() if k not in ("repository", "journeys")}
    old["rules"] = [{k: v for k, v in r.items() if k not in ("journey", "applies_to")} for r in old["rules"]]
    validate_report(old)
    assert to_dict(from_dict(old)) == old

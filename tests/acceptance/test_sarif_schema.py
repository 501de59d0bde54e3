"""Every SARIF file platform-lint writes validates against the SARIF 2.1.0 JSON Schema.

The schema is external data (the one GitHub's upload action validates against):
``$PLATFORM_LINT_SHARED/acceptance/sarif/sarif-schema-2.1.0.json``. This folder is
only collected when PLATFORM_LINT_SHARED is set (see tests/conftest.py):

    PLATFORM_LINT_SHARED=/work/shared python -m pytest tests/acceptance/test_sarif_schema.py
"""

from __future__ import annotations

import importlib.util
import json
import os
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from jsonschema.validators import validator_for

from platform_lint.report.model import from_dict
from platform_lint.report.sarif import limit_sarif
from platform_lint.report.sarif import render_sarif as render_model

SCHEMA = Path(os.environ.get("PLATFORM_LINT_SHARED", "")) / "acceptance" / "sarif" / "sarif-schema-2.1.0.json"


def _samples() -> ModuleType:
    """tests/report/samples.py, loaded by path (this folder is not a package)."""
    path = Path(__file__).resolve().parents[1] / "report" / "samples.py"
    spec = importlib.util.spec_from_file_location("platform_lint_report_samples", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


samples = _samples()


def render_sarif(report: dict[str, Any]) -> dict[str, Any]:
    """A sample (a JSON report dict, as a file holds it) rendered through the report model."""
    return render_model(from_dict(report))


@lru_cache(maxsize=1)
def sarif_validator() -> Any:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    # no check_schema: this copy nests an "anyOf" under region.properties, which the
    # 2020-12 metaschema rejects; validation itself is unaffected
    cls = validator_for(schema, default=Draft202012Validator)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def sarif_errors(sarif: dict[str, Any]) -> list[str]:
    # through JSON, as a file on disk would be
    data = json.loads(json.dumps(sarif))
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in sarif_validator().iter_errors(data)
    ]


@pytest.mark.parametrize("name", sorted(samples.SAMPLES))
def test_rendered_sarif_is_valid(name: str) -> None:
    assert sarif_errors(render_sarif(samples.SAMPLES[name]())) == []


def test_sarif_of_an_empty_run_is_valid() -> None:
    report = samples.report([samples.rule("defaults.precommit", "opinionated-defaults", "pass")])
    sarif = render_sarif(report)
    assert sarif["runs"][0]["results"] == []
    assert sarif_errors(sarif) == []


def test_limited_sarif_is_valid() -> None:
    limited, message = limit_sarif(render_sarif(samples.huge(total=3_000)), max_results=1_000)
    assert message
    assert len(limited["runs"][0]["results"]) == 1_000
    assert sarif_errors(limited) == []


def test_golden_sarif_files_are_valid() -> None:
    golden = sorted((Path(__file__).resolve().parents[1] / "report" / "golden").glob("*.sarif.json"))
    assert golden
    for path in golden:
        assert sarif_errors(json.loads(path.read_text(encoding="utf-8"))) == [], path.name


def test_the_schema_rejects_a_broken_log() -> None:
    sarif = render_sarif(samples.small())
    sarif["runs"][0]["results"][0]["level"] = "fatal"
    del sarif["runs"][0]["invocations"][0]["executionSuccessful"]
    assert len(sarif_errors(sarif)) >= 2


def test_sarif_written_by_check_on_a_repository_validates(tmp_path: Path) -> None:
    """End to end: `platform-lint check --format sarif` on a repository with located findings."""
    from platform_lint.cli import run
    from platform_lint.families.secrets import samples

    repo = tmp_path / "repo"
    (repo / "keys").mkdir(parents=True)
    (repo / "keys" / "dev key.pem").write_text(samples.PRIVATE_KEY)
    (repo / "README.md").write_text("# x\n")
    (repo / "CODEOWNERS").write_text("*.md @acme/docs\n!negated @acme/x\n/nowhere/ @acme/y\n")
    out = tmp_path / "report.sarif"
    assert run(["check", str(repo), "--format", "sarif", "--output", str(out), "--fail-on", "never"]) == 0
    sarif = json.loads(out.read_text(encoding="utf-8"))
    sarif_validator().validate(sarif)
    results = sarif["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "keys/dev%20key.pem" in uris and "CODEOWNERS" in uris
    assert all(r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1 for r in results)

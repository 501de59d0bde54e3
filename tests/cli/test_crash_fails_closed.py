"""A crash inside platform-lint, triggered by one file of the repository, fails the gate with a
finding on that file (exit 1), and costs no other file its facts."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from tests.cli.test_check import NOW, git, validate_report, write

from platform_lint.cli import run
from platform_lint.families import registry
from platform_lint.families.contracts import collect

SPEC = """\
openapi: 3.0.3
info: {title: T, version: 1.0.0}
paths:
  /a:
    get:
      responses: {'200': {description: ok}}
"""
B_PATH = "  /b:\n    get:\n      responses: {'200': {description: ok}}\n"


def _check(repo: Path, *argv: str) -> tuple[int, dict[str, Any]]:
    out = repo.parent / "report.json"
    code = run(["check", str(repo), "--now", NOW, "-f", "json", "-o", str(out), *argv])
    report = json.loads(out.read_text(encoding="utf-8"))
    validate_report(report)
    return code, report


def test_a_loader_crash_on_one_file_is_a_finding_there_and_hides_no_breaking_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = collect.load_spec

    def crashes_on_evil(path: str, text: str) -> Any:
        if path == "api/evil.yaml":
            raise RuntimeError("the loader broke")
        return real(path, text)

    monkeypatch.setattr(collect, "load_spec", crashes_on_evil)
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    write(repo, {"api/openapi.yaml": SPEC + B_PATH, "README.md": "# x\n"})
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    write(repo, {"api/openapi.yaml": SPEC, "api/evil.yaml": SPEC})  # /b removed; a file that crashes
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "head")
    code, report = _check(repo, "--base", "HEAD~1")
    assert not [r["id"] for r in report["rules"] if r["state"] == "error"]
    rules = {r["id"]: r for r in report["rules"]}
    valid = [f for f in rules["contracts.valid"]["findings"] if f["location"]["path"] == "api/evil.yaml"]
    assert valid and "RuntimeError" in valid[0]["message"] and valid[0]["new"] is True
    breaking = rules["contracts.no-breaking-without-major"]["findings"]
    assert any("/b removed" in f["message"] for f in breaking), breaking
    assert code == 1


def test_a_check_that_crashes_fails_the_gate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(inp: Any) -> Any:
        raise KeyError("unexpected")

    checks = registry.CHECK_TYPES
    assert isinstance(checks, dict)
    monkeypatch.setitem(checks, "file-exists", replace(checks["file-exists"], run=boom))
    policy = (
        "version: 1\nrules:\n  - id: docs.readme\n    title: A README\n"
        "    characteristic: versioned-documented\n    level: bronze\n    severity: notice\n"
        "    check: {type: file-exists, params: {paths: [README.md]}}\n    remediation: Add one.\n"
    )
    repo = tmp_path / "repo"
    write(repo, {"README.md": "# x\n", ".platform-lint.yml": policy})
    code, report = _check(repo)
    (rule,) = report["rules"]
    assert rule["state"] == "fail"
    (finding,) = rule["findings"]
    assert finding["code"] == "internal-error" and finding["severity"] == "error"
    assert "KeyError" in finding["message"] and "report the failure to platform-lint" in finding["message"]
    assert code == 1  # a notice-level rule, yet its crash fails the gate: what it would have said is unknown

"""A git repository with two commits: a response property removed, with and without a major bump."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from contracts.runner import render, run_check
from platform_lint.model import State
from platform_lint.snapshot.local import open_local

SPEC_V1 = """openapi: 3.0.3
info:
  title: Pets
  version: 1.2.0
paths:
  /pets/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
      responses:
        '200':
          description: a pet
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Pet'
components:
  schemas:
    Pet:
      type: object
      required: [id, name]
      properties:
        id: {type: integer}
        name: {type: string}
"""
CHANGELOG = """# Changelog

## [Unreleased]

## [1.2.0] - 2025-01-01
### Added
- Pets

[Unreleased]: https://example.com/compare/v1.2.0...HEAD
[1.2.0]: https://example.com/releases/v1.2.0
"""
PARAMS = {"version_source": "info.version"}
POLICY = """version: 1
rules:
  - id: contracts.no-breaking-without-major
    title: Breaking API changes come with a major version and a changelog entry
    characteristic: stable-contracts
    level: silver
    severity: error
    check: {type: contracts.breaking-changes, params: {version_source: info.version}}
    remediation: Bump the major version and add a changelog entry, or keep the change compatible.
"""


def _git(repo: Path, *args: str) -> str:
    proc = subprocess.run(
        ["git", "-C", str(repo), *args],
        capture_output=True,
        text=True,
        check=True,
        env={
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.com",
            "HOME": str(repo),
            "PATH": "/usr/bin:/bin:/usr/local/bin",
        },
    )
    return proc.stdout.strip()


def _make_repo(tmp_path: Path, bump: bool) -> tuple[Path, str]:
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    (repo / "api").mkdir()
    (repo / "api" / "openapi.yaml").write_text(SPEC_V1)
    (repo / "CHANGELOG.md").write_text(CHANGELOG)
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "v1")
    base = _git(repo, "rev-parse", "HEAD")
    spec = SPEC_V1.replace("      required: [id, name]\n", "      required: [id]\n").replace(
        "        name: {type: string}\n", ""
    )
    changelog = CHANGELOG
    if bump:
        spec = spec.replace("version: 1.2.0", "version: 2.0.0")
        changelog = CHANGELOG.replace("## [Unreleased]\n", "## [Unreleased]\n### Removed\n- Pet.name\n")
    (repo / "api" / "openapi.yaml").write_text(spec)
    (repo / "CHANGELOG.md").write_text(changelog)
    _git(repo, "commit", "-q", "-am", "remove name")
    return repo, base


def test_removed_response_property_without_bump_fails(tmp_path: Path) -> None:
    repo, base = _make_repo(tmp_path, bump=False)
    head = open_local(repo)
    outcome = run_check("contracts.breaking-changes", PARAMS, head, head.at_ref(base))
    assert outcome.state is State.FAIL
    lines = render("contracts.breaking-changes", outcome)
    removed = next(line for line in lines if "response-required-property-removed" in line)
    assert "GET /pets/{id}" in removed
    assert removed.endswith("api/openapi.yaml:19")  # `Pet:` in the head, the schema that lost `name`
    assert any("missing-major-bump" in line and "1.2.0" in line for line in lines)
    assert any("missing-changelog-entry" in line for line in lines)


def test_with_bump_and_entry_it_passes(tmp_path: Path) -> None:
    repo, base = _make_repo(tmp_path, bump=True)
    head = open_local(repo)
    outcome = run_check("contracts.breaking-changes", PARAMS, head, head.at_ref(base))
    assert outcome.state is State.PASS


@pytest.mark.parametrize("bump", [False, True])
def test_check_command(tmp_path: Path, bump: bool) -> None:
    from platform_lint.cli import run

    repo, base = _make_repo(tmp_path, bump=bump)
    policy = tmp_path / "policy.yml"
    policy.write_text(POLICY)
    out = tmp_path / "report.json"
    code = run(
        [
            "check",
            str(repo),
            "--base",
            base,
            "--policy",
            str(policy),
            "--format",
            "json",
            "--output",
            str(out),
        ]
    )
    report = out.read_text()
    if bump:
        assert code == 0, report
    else:
        assert code == 1, report
        assert "contracts.no-breaking-without-major" in report
        assert "GET /pets/{id}" in report and "missing-major-bump" in report
        assert "missing-changelog-entry" in report
        data = json.loads(report)
        rule = next(r for r in data["rules"] if r["id"] == "contracts.no-breaking-without-major")
        change = next(f for f in rule["findings"] if f["code"] == "response-required-property-removed")
        assert change["location"]["path"] == "api/openapi.yaml" and change["location"]["line"]

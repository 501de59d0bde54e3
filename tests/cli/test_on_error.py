"""``--on-error fail|ignore``: only the environment leaves a rule in error, and every report says
whether that failed the gate.

The GitHub side is replaced in process: the owners API raises ``EnvironmentFailure`` as the real
client does when GitHub cannot be reached (tests/github/test_unreachable.py covers that part).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from tests.cli.test_check import NOW, validate_report, write

from platform_lint import app
from platform_lint.cli import run
from platform_lint.errors import EnvironmentFailure
from platform_lint.families.codeowners.api import OWNERS_API, UserPermission
from platform_lint.report.load import load
from platform_lint.report.model import to_dict

POLICY = """\
version: 1
rules:
  - id: docs.readme
    title: A README
    characteristic: versioned-documented
    level: bronze
    severity: error
    check: {type: file-exists, params: {paths: [README.md]}}
    remediation: Add one.
  - id: ownership.owners-can-review
    title: Owners can review
    characteristic: clear-ownership
    level: bronze
    severity: error
    check: {type: codeowners.owners-valid}
    remediation: Fix the owners.
"""
REASON = "GitHub API unreachable (connection refused)"


class Unreachable:
    """An owners API whose every call fails the way an unreachable GitHub does."""

    def codeowners_errors(self, repo: str, ref: str | None) -> Sequence[object]:
        raise EnvironmentFailure(REASON)

    def team_permissions(self, org: str, slug: str, repo: str) -> Mapping[str, Any] | None:
        raise EnvironmentFailure(REASON)

    def team_exists(self, org: str, slug: str) -> bool:
        raise EnvironmentFailure(REASON)

    def user_permission(self, repo: str, login: str) -> UserPermission | None:
        raise EnvironmentFailure(REASON)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    files = {"README.md": "# x\n", ".github/CODEOWNERS": "* @acme/platform\n", ".platform-lint.yml": POLICY}
    write(root, files)
    monkeypatch.setattr(app, "build_github", lambda settings, env: app.GitHubSide(repository="acme/api"))
    monkeypatch.setattr(app, "build_clients", lambda side, *limits: {OWNERS_API: Unreachable()})
    return root


def _check(repo: Path, *argv: str) -> tuple[int, dict[str, Any]]:
    out = repo.parent / "report.json"
    code = run(["check", str(repo), "--now", NOW, "-f", "json", "-o", str(out), *argv])
    report = json.loads(out.read_text(encoding="utf-8"))
    validate_report(report)
    return code, report


def test_an_unreachable_api_leaves_the_rule_in_error_with_the_reason(repo: Path) -> None:
    code, report = _check(repo)
    (rule,) = [r for r in report["rules"] if r["state"] == "error"]
    assert rule["id"] == "ownership.owners-can-review" and REASON in rule["reason"]
    assert report["on_error"] == "ignore"
    (notice,) = [n for n in report["notices"] if n["kind"] == "rules-errored"]
    assert notice["message"].endswith("--on-error=ignore: not failing the gate")
    assert code == 0  # the default: the environment alone does not fail the gate


def test_on_error_fail_fails_the_gate(repo: Path) -> None:
    code, report = _check(repo, "--on-error", "fail")
    assert report["on_error"] == "fail"
    (notice,) = [n for n in report["notices"] if n["kind"] == "rules-errored"]
    assert notice["message"].endswith("--on-error=fail: failing the gate")
    assert code == 1


def test_the_text_report_states_it(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", str(repo), "--now", NOW]) == 0
    out = capsys.readouterr().out
    assert "1 rule could not be judged (ownership.owners-can-review" in out
    assert "--on-error=ignore: not failing the gate" in out


@pytest.mark.parametrize(("on_error", "code", "says"), [("ignore", 0, "not failing"), ("fail", 1, "failing")])
def test_publish_decides_with_its_own_on_error_or_the_reports(
    repo: Path, on_error: str, code: int, says: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _check(repo, "--on-error", on_error)[0] == code
    summary = tmp_path / "summary.md"
    base = ["publish", "--report", str(tmp_path / "report.json"), "--no-check-run", "--comment", "off"]
    # without --on-error, publish follows the report (what check was told)
    assert run([*base, "--markdown-file", str(summary)]) == code
    text = summary.read_text(encoding="utf-8")
    assert f"--on-error={on_error}: {says} the gate" in text
    # told otherwise, publish decides otherwise
    other = "fail" if on_error == "ignore" else "ignore"
    assert run([*base, "--on-error", other]) == (1 if other == "fail" else 0)
    capsys.readouterr()


def test_a_report_without_on_error_still_loads_and_round_trips(repo: Path, tmp_path: Path) -> None:
    _check(repo)
    path = tmp_path / "report.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["on_error"]  # as written before the option existed
    path.write_text(json.dumps(data), encoding="utf-8")
    report = load(path)
    assert report.on_error is None and to_dict(report) == data
    publish = ["publish", "--report", str(path), "--no-check-run", "--comment", "off"]
    assert run(publish) == 0
    assert run([*publish, "--on-error", "fail"]) == 1

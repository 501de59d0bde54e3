"""With the GitHub API unreachable (connection refused on a closed local port), ``check`` and
``publish`` degrade and never print a traceback: rules that need the API are in ``error`` with a
reason naming the environment; ``publish`` falls back to workflow commands and the step summary,
and still exits by ``--fail-on``."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pytest
from tests.cli.test_check import NOW, git, validate_report, write

from platform_lint.cli import run

TOKEN = "ghp_" + "U" * 36
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
  - id: docs.quickstart
    title: The README has a quickstart
    characteristic: versioned-documented
    level: bronze
    severity: error
    check: {type: file-contains, params: {paths: [README.md], pattern: Quickstart}}
    remediation: Add one.
  - id: ownership.owners-can-review
    title: Owners can review
    characteristic: clear-ownership
    level: bronze
    severity: error
    check: {type: codeowners.owners-valid}
    remediation: Fix the owners.
"""


def closed_port() -> int:
    """A local port nothing listens on: connecting to it is refused at once."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.fixture
def offline_github(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    for name in ("GH_TOKEN", "PLATFORM_LINT_GITHUB_TOKEN", "GITHUB_EVENT_PATH", "GITHUB_BASE_REF"):
        monkeypatch.delenv(name, raising=False)
    event = tmp_path / "event.json"
    event.write_text(
        json.dumps(
            {
                "pull_request": {
                    "number": 7,
                    "labels": [],
                    "head": {"sha": "a" * 40},
                    "base": {"sha": "b" * 40},
                },
                "repository": {"full_name": "acme/api"},
            }
        ),
        encoding="utf-8",
    )
    files = {"summary": tmp_path / "summary.md", "output": tmp_path / "output.txt", "event": event}
    env = {
        "GITHUB_API_URL": f"http://127.0.0.1:{closed_port()}",
        "GITHUB_REPOSITORY": "acme/api",
        "GITHUB_TOKEN": TOKEN,
        "GITHUB_SHA": "a" * 40,
        "GITHUB_ACTIONS": "true",
        "GITHUB_STEP_SUMMARY": str(files["summary"]),
        "GITHUB_OUTPUT": str(files["output"]),
        "GITHUB_EVENT_NAME": "push",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return files


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    if repo.exists():
        return repo
    write(
        repo,
        {
            "README.md": "# x\n",
            ".github/CODEOWNERS": "* @acme/platform @octocat\n",
            ".platform-lint.yml": POLICY,
        },
    )
    return repo


def _check(tmp_path: Path, *argv: str) -> tuple[int, dict[str, Any]]:
    out = tmp_path / "report.json"
    code = run(
        ["check", str(_repo(tmp_path)), "--now", NOW, "-f", "json", "-o", str(out), "--max-wait", "0", *argv]
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    validate_report(report)
    return code, report


def test_check_with_the_api_unreachable_leaves_the_api_rule_in_error(
    tmp_path: Path, offline_github: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, report = _check(tmp_path, "--fail-on", "never")
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err
    states = {r["id"]: r for r in report["rules"]}
    owners = states["ownership.owners-can-review"]
    assert owners["state"] == "error", owners
    assert "GitHub API unreachable" in owners["reason"] and TOKEN not in json.dumps(report)
    assert states["docs.readme"]["state"] == "pass" and states["docs.quickstart"]["state"] == "fail"
    assert code == 0
    assert _check(tmp_path, "--fail-on", "never", "--on-error", "fail")[0] == 1
    capsys.readouterr()


def test_check_in_a_pull_request_reads_labels_from_the_event_when_the_api_is_unreachable(
    tmp_path: Path,
    offline_github: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("GITHUB_EVENT_NAME", "pull_request")
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(offline_github["event"]))
    repo = _repo(tmp_path)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    code, report = _check(tmp_path, "--fail-on", "never", "--base", "HEAD")
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err
    notices = [n for n in report["notices"] if n["kind"] == "github-unavailable"]
    assert notices and "labels come from the event payload" in notices[0]["message"]
    assert "unreachable" in notices[0]["message"]
    assert code == 0


def test_publish_with_the_api_unreachable_falls_back_to_workflow_commands_and_the_summary(
    tmp_path: Path, offline_github: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _check(tmp_path, "--offline")  # a report to publish (docs.quickstart fails on README.md)
    capsys.readouterr()
    code = run(["publish", "--report", str(tmp_path / "report.json"), "--max-wait", "0", "--pr", "7"])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out and "internal error" not in captured.err
    assert "::error file=README.md" in captured.out  # the finding, as a workflow command
    assert "unreachable" in captured.out + captured.err
    assert "falling back to workflow-command annotations and the step summary" in captured.err
    summary = offline_github["summary"].read_text(encoding="utf-8")
    assert "Failing" in summary and "README.md" in summary
    assert "failed=true" in offline_github["output"].read_text(encoding="utf-8")
    # the one line that names the token is the one asking the runner to mask it
    shown = captured.out.replace(f"::add-mask::{TOKEN}\n", "", 1) + captured.err + summary
    assert TOKEN not in shown
    assert code == 1

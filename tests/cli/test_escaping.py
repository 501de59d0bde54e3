"""Text from the repository or the policy reaches a terminal or a CI log without control
characters and can never start a GitHub workflow command; links are http(s) only."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest

from platform_lint.cli import run

# the runner reads a line as a command when it starts with "::" after any whitespace, and the
# older form "##[" anywhere
COMMAND = re.compile(r"^\s*::|##\[", re.MULTILINE)
POLICY = (
    "version: 1\n"
    'settings: {docs_url: "javascript:alert(document.domain)//"}\n'
    "rules:\n  - id: hygiene.no-md\n"
    '    title: "No md\\n::warning::title-injected \\e[31mred\\e]0;retitled\\a"\n'
    "    characteristic: opinionated-defaults\n    level: bronze\n    severity: error\n"
    '    check: {type: file-absent, params: {paths: ["*.md"]}}\n'
    '    remediation: "Remove it.\\n  ::error::remediation-injected ##[error]old-form"\n'
    '    docs: "#no-md"\n'
)


def assert_log_safe(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text
    assert not COMMAND.search(text), COMMAND.search(text)


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / ".platform-lint.yml").write_text(POLICY)
    (repo / "::error file=x::name-injected.md").write_text("x\n")
    (repo / "colour\x1b[2Jful.md").write_text("x\n")
    (repo / ".github").mkdir()
    (repo / ".github" / "CODEOWNERS").write_text("*.md @acme/docs\n")
    return repo


@pytest.mark.parametrize("fmt", ["text", "markdown", "github-summary", "pr-comment", "json", "sarif"])
def test_check_output_is_log_safe(hostile: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", str(hostile), "-v", "--format", fmt]) == 1
    captured = capsys.readouterr()
    assert_log_safe(captured.out)
    assert_log_safe(captured.err)


def test_rules_lists_policy_text_safely(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["rules", str(hostile)]) == 0
    out = capsys.readouterr().out
    assert "hygiene.no-md" in out and "title-injected" in out
    assert_log_safe(out)


def test_explain_shows_policy_text_safely(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["explain", "hygiene.no-md", "--path", str(hostile)]) == 0
    out = capsys.readouterr().out
    assert "remediation-injected" in out and "old-form" in out
    assert_log_safe(out)
    assert "javascript:" not in out  # not shown as the rule's documentation link


def test_owners_prints_file_names_safely(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["owners", "--repo", str(hostile)]) == 0
    captured = capsys.readouterr()
    assert "name-injected.md" in captured.out and "@acme/docs" in captured.out
    assert_log_safe(captured.out)
    assert_log_safe(captured.err)
    assert run(["owners", "--repo", str(hostile), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert "::error file=x::name-injected.md" in {r["path"] for r in rows}  # JSON keeps the name


def test_publish_workflow_commands_carry_no_injection(
    hostile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "report.json"
    assert run(["check", str(hostile), "-f", "json", "-o", str(report)]) == 1
    capsys.readouterr()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "github"))
    try:
        from gh_reports import pr_env
    finally:
        sys.path.pop(0)
    from platform_lint.app import run_publish
    from platform_lint.github.publish import PublishSettings

    env = pr_env(tmp_path)
    del env["GITHUB_TOKEN"]  # a fork: no token, so annotations go out as workflow commands
    out, err = io.StringIO(), io.StringIO()
    assert run_publish(PublishSettings(report=report, comment="off"), env=env, out=out, err=err) == 1
    commands = [line for line in out.getvalue().splitlines() if line.startswith("::")]
    assert any(line.startswith("::error ") for line in commands)  # our own annotations still work
    for line in commands:
        assert re.match(r"^::(error|warning|notice)( [^:]*)?::", line), line
        assert "\x1b" not in line
        # whatever came from the repository is data after the command's own '::'
        assert "name-injected" not in line.split("::", 2)[1] or "%3A%3A" in line
    assert_log_safe(err.getvalue())
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text()
    assert "javascript:" not in summary.replace("javascript\\:", "")
    assert "](javascript" not in summary


def test_markdown_links_are_http_only(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("markdown", "pr-comment", "github-summary", "sarif"):
        run(["check", str(hostile), "--format", fmt])
        out = capsys.readouterr().out
        assert "(javascript:" not in out and '"javascript:' not in out, fmt

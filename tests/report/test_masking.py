"""Secrets never leave the process: the token in use, anything shaped like a GitHub token,
Authorization header values and the checkout's credential are ``***`` in every report format,
on standard output and error, in the step summary, the SARIF file and what is sent to GitHub."""

from __future__ import annotations

import base64
import io
import json
import sys
from pathlib import Path

import pytest
import vcr

from platform_lint.cli import run
from platform_lint.report import registry

CASSETTES = Path(__file__).resolve().parents[1] / "cassettes" / "safety"
sys.path.insert(0, str(CASSETTES))
from build_cassettes import ECHOED_TOKEN, HEAD_SHA, IN_USE  # noqa: E402

sys.path.remove(str(CASSETTES))

replay = vcr.VCR(
    cassette_library_dir=str(CASSETTES),
    record_mode="none",
    match_on=["method", "scheme", "host", "port", "path", "query"],
    filter_headers=["authorization"],
)
SECRETS = (ECHOED_TOKEN, IN_USE)
FILE_TOKEN = "ghp_" + "CommittedByMistake0123456789abcdefghi"
PAT = "github_pat_" + "11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
BASIC = base64.b64encode(b"x-access-token:hunter2-hunter2").decode()


def outputs(tmp_path: Path) -> list[str]:
    args: list[str] = []
    for fmt in registry.FORMATS:
        args += ["-f", fmt, "-o", str(tmp_path / "out" / f"report.{fmt}")]
    return args


def every_output(tmp_path: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((tmp_path / "out").iterdir())}


def assert_masked(texts: dict[str, str], secrets: tuple[str, ...]) -> None:
    for name, text in texts.items():
        for secret in secrets:
            assert secret not in text, f"{secret[:12]}... leaks into {name}"


def test_a_token_github_echoes_is_masked_in_every_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "repo"
    (repo / ".github").mkdir(parents=True)
    (repo / ".github" / "CODEOWNERS").write_text("* @alice\n")
    monkeypatch.setenv("GITHUB_EVENT_NAME", "push")
    monkeypatch.setenv("GITHUB_REPOSITORY", "acme/widgets")
    monkeypatch.setenv("GITHUB_SHA", HEAD_SHA)
    monkeypatch.setenv("GITHUB_TOKEN", IN_USE)
    with replay.use_cassette("token_echoed_in_errors.yaml") as cassette:
        code = run(["check", str(repo), "--now", "2026-12-02", "-v", *outputs(tmp_path), "-f", "text"])
        assert cassette.play_count >= 1
    assert code in (0, 1)
    captured = capsys.readouterr()
    texts = {**every_output(tmp_path), "stdout": captured.out, "stderr": captured.err}
    report = json.loads(texts["report.json"])
    (rule,) = [r for r in report["rules"] if r["id"] == "ownership.codeowners-owners-can-review"] or [None]
    assert rule is not None and "Bad credentials: *** (or ***)" in (rule["reason"] or ""), rule
    assert_masked(texts, SECRETS)

    # publish copies what the report says into the step summary, SARIF and a Markdown file
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    unmasked = tmp_path / "old-report.json"  # as an older platform-lint would have written it
    unmasked.write_text(texts["report.json"].replace("***", IN_USE, 1).replace("***", ECHOED_TOKEN, 1))
    assert IN_USE in unmasked.read_text()
    code = run(
        [
            "publish",
            "--report",
            str(unmasked),
            "--no-check-run",
            "--comment",
            "off",
            "--step-summary",
            "--sarif-file",
            str(tmp_path / "p.sarif"),
            "--markdown-file",
            str(tmp_path / "p.md"),
        ]
    )
    captured = capsys.readouterr()
    published = {
        "summary": summary.read_text(),
        "sarif": (tmp_path / "p.sarif").read_text(),
        "markdown": (tmp_path / "p.md").read_text(),
        "stdout": captured.out,
        "stderr": captured.err,
    }
    assert "Bad credentials" in published["summary"]
    assert_masked(published, SECRETS)


def test_a_token_in_a_repository_file_is_masked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "deploy.env").write_text(
        f"GH={FILE_TOKEN}\nPAT={PAT}\ncurl -H 'Authorization: Basic {BASIC}' https://example.com\n"
    )
    (repo / ".platform-lint.yml").write_text(
        "version: 1\nrules:\n  - id: hygiene.no-credentials\n    title: No credentials\n"
        "    characteristic: opinionated-defaults\n    level: bronze\n    severity: error\n"
        "    check: {type: file-not-contains, params: {paths: ['*.env'], pattern: '^(GH|PAT|curl)'}}\n"
        "    remediation: Remove the credential.\n"
    )
    code = run(["check", str(repo), "--now", "2026-12-02", "-v", *outputs(tmp_path), "-f", "text"])
    assert code == 1
    captured = capsys.readouterr()
    texts = {**every_output(tmp_path), "stdout": captured.out}
    report = json.loads(texts["report.json"])
    snippets = [f["location"]["snippet"] for r in report["rules"] for f in r["findings"]]
    assert snippets == ["GH=***", "PAT=***", "curl -H 'Authorization: Basic ***' https://example.com"]
    assert_masked(texts, (FILE_TOKEN, PAT, BASIC, "hunter2"))


def test_the_checkouts_credential_is_masked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import subprocess

    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "-C", str(repo), "init", "-q"], check=True)
    credential = base64.b64encode(b"x-access-token:opaque-credential-value").decode()
    subprocess.run(
        [
            "git",
            "-C",
            str(repo),
            "config",
            "http.https://github.com/.extraheader",
            f"AUTHORIZATION: basic {credential}",
        ],
        check=True,
    )
    (repo / "notes.txt").write_text(f"copied from the log: {credential} and opaque-credential-value\n")
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
    (repo / ".platform-lint.yml").write_text(
        "version: 1\nrules:\n  - id: hygiene.no-notes\n    title: No notes\n"
        "    characteristic: opinionated-defaults\n    level: bronze\n    severity: error\n"
        "    check: {type: file-not-contains, params: {paths: ['*.txt'], pattern: copied}}\n"
        "    remediation: Remove it.\n"
    )
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
    code = run(["check", str(repo), "--now", "2026-12-02", "-v", *outputs(tmp_path), "-f", "text"])
    assert code == 1
    texts = {**every_output(tmp_path), "stdout": capsys.readouterr().out}
    assert "copied from the log: *** and ***" in texts["report.json"]
    assert_masked(texts, (credential, "opaque-credential-value"))


def test_publish_masks_what_it_sends_and_prints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "github"))
    try:
        from gh_reports import make_report, pr_env, write_report
        from gh_vcr import cassette
    finally:
        sys.path.pop(0)
    from platform_lint.app import run_publish
    from platform_lint.github.publish import PublishSettings

    report = make_report(3)
    # the repository-level rule: not an annotation (those the cassette pins), but in the summary
    report["rules"][1]["findings"][0]["message"] = f"leaked {FILE_TOKEN}"
    report["rules"][1]["remediation"] = f"rotate {IN_USE}"
    report["gaps"][1]["remediation"] = f"rotate {IN_USE}"
    env = pr_env(tmp_path)
    env["GITHUB_TOKEN"] = IN_USE
    env["GITHUB_ACTIONS"] = "true"
    out, err = io.StringIO(), io.StringIO()
    with cassette("forbidden_403.yaml") as (_, sent):
        code = run_publish(
            PublishSettings(report=write_report(tmp_path, report), comment="always"),
            env=env,
            out=out,
            err=err,
        )
    assert code == 1
    sent_text = json.dumps([body for _, _, body in sent.sent])
    assert "leaked" in sent_text  # the Markdown shows the finding, with *** (escaped) for the token
    texts = {
        "sent": sent_text,
        "stdout": out.getvalue().replace(f"::add-mask::{IN_USE}", ""),
        "stderr": err.getvalue(),
        "summary": Path(env["GITHUB_STEP_SUMMARY"]).read_text(),
    }
    assert_masked(texts, (FILE_TOKEN, IN_USE))

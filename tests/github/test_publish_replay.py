"""`platform-lint publish` against replayed GitHub answers (tests/cassettes/github/)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from gh_reports import HEAD_SHA, make_report, pr_env, write_report
from gh_vcr import cassette

from platform_lint.app import run_publish as publish
from platform_lint.github.client import RetryPolicy
from platform_lint.github.publish import PublishSettings
from platform_lint.report.comment import MARKER

RESET = 1714568400  # x-ratelimit-reset in rate_limit_primary.yaml


class Sleeps:
    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def policy(sleeps: Sleeps, **kw: float) -> RetryPolicy:
    return RetryPolicy(sleep=sleeps, clock=lambda: RESET - 30, log=lambda _m: None, **kw)  # type: ignore[arg-type]


def run_publish(
    tmp_path: Path, report: dict, *, sleeps: Sleeps | None = None, **options: object
) -> tuple[int, str, str, dict[str, str]]:
    env = pr_env(tmp_path)
    opts = PublishSettings(report=write_report(tmp_path, report), **options)  # type: ignore[arg-type]
    out, err = io.StringIO(), io.StringIO()
    code = publish(opts, env=env, out=out, err=err, retry=policy(sleeps or Sleeps()))
    return code, out.getvalue(), err.getvalue(), env


def test_check_run_with_120_annotations_goes_in_three_batches(tmp_path: Path) -> None:
    with cassette("check_run_120_annotations.yaml") as (cas, sent):
        code, out, err, _ = run_publish(tmp_path, make_report(120), comment="off")
        assert cas.all_played and cas.play_count == 3
    assert sent.methods() == ["POST", "PATCH", "PATCH"]
    batches = [len(b["output"]["annotations"]) for b in sent.bodies("POST") + sent.bodies("PATCH")]
    assert batches == [50, 50, 20]
    create = sent.bodies("POST")[0]
    assert create["head_sha"] == HEAD_SHA and create["status"] == "in_progress" and "conclusion" not in create
    last = sent.bodies("PATCH")[-1]
    assert (last["status"], last["conclusion"]) == ("completed", "failure")
    summaries = {b["output"]["summary"] for b in sent.bodies("POST") + sent.bodies("PATCH")}
    assert len(summaries) == 1  # resent unchanged with every batch
    summary = summaries.pop()
    assert len(summary) <= 65535 and "Failing" in summary and "### Characteristics" in summary
    assert summary.index("### New findings") < summary.index("### Existing findings")
    assert code == 1
    assert "120 annotation(s) in 3 request(s)" in err
    assert "::error" not in out  # the check run carried them; no workflow-command duplicates


def test_second_run_edits_the_comment_found_on_page_two(tmp_path: Path) -> None:
    with cassette("comment_create.yaml") as (cas, sent):
        code, _, err, _ = run_publish(tmp_path, make_report(3), check_run=None, comment="always")
        assert cas.all_played
    assert sent.methods() == ["GET", "POST"]
    first_body = sent.bodies("POST")[0]["body"]
    assert first_body.startswith(MARKER) and "platform-lint:digest" in first_body
    assert "comment: created" in err

    with cassette("comment_edit_page2.yaml") as (cas, sent):
        code, _, err, _ = run_publish(tmp_path, make_report(2), check_run=None, comment="changes")
        assert cas.all_played and cas.play_count == 4
    # both pages read, the token's identity asked (the Actions token: github-actions[bot]), no POST
    assert sent.methods() == ["GET", "GET", "GET", "PATCH"]
    assert "page=2" in sent.sent[1][1] and sent.sent[2][1].endswith("/user")
    assert sent.sent[3][1].endswith("/issues/comments/9001")
    assert sent.bodies("PATCH")[0]["body"].startswith(MARKER)
    assert "comment: updated" in err
    assert code == 1


@pytest.mark.parametrize(
    ("fail_on", "expected", "conclusion"),
    [("error", 1, "failure"), ("warning", 1, "failure"), ("never", 0, "neutral")],
)
def test_forbidden_falls_back_to_workflow_commands_and_summary(
    tmp_path: Path, fail_on: str, expected: int, conclusion: str
) -> None:
    with cassette("forbidden_403.yaml") as (cas, sent):
        code, out, err, env = run_publish(tmp_path, make_report(3), comment="always", fail_on=fail_on)
        assert cas.all_played
    assert sent.methods() == ["POST", "GET", "POST"]  # check run refused, comment refused
    assert sent.bodies("POST")[0]["conclusion"] == conclusion
    assert code == expected  # the exit status is still set by --fail-on
    assert (
        out.count("token lacks permission (fork PR or read-only token)") == 2
    )  # ::warning, once per refusal
    assert "falling back to workflow-command annotations and the step summary" in err
    commands = [line for line in out.splitlines() if line.startswith("::error ")]
    assert len(commands) == 3
    assert commands[0] == (
        "::error file=api/service0.yaml,line=1,endLine=1,col=3,endColumn=9,"
        "title=platform-lint contracts.openapi-valid::operation 0 has no response schema"
    )
    assert "::notice title=platform-lint::platform-lint: 3 finding(s) to annotate (3 error)" in out
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert "### Characteristics" in summary
    assert "ghs_testtoken" not in err + summary
    assert out.count("ghs_testtoken") == 1 and "::add-mask::ghs_testtoken" in out  # masked, never printed
    outputs = Path(env["GITHUB_OUTPUT"]).read_text(encoding="utf-8")
    assert f"failed={'true' if expected else 'false'}" in outputs


def test_no_check_run_prints_annotations_as_workflow_commands(tmp_path: Path) -> None:
    with cassette("forbidden_403.yaml") as (cas, _sent):
        code, out, _, _ = run_publish(
            tmp_path, make_report(3), check_run=None, comment="off", fail_on="never"
        )
        assert cas.play_count == 0  # nothing asked of GitHub
    assert code == 0
    assert out.count("::error ") == 3


def test_secondary_rate_limit_waits_retry_after(tmp_path: Path) -> None:
    sleeps = Sleeps()
    with cassette("rate_limit_retry_after.yaml") as (cas, _sent):
        code, _, err, _ = run_publish(tmp_path, make_report(3), sleeps=sleeps, comment="off")
        assert cas.all_played and cas.play_count == 2
    assert sleeps.waits == [60.0]
    assert "check run 'platform-lint': failure" in err
    assert code == 1


def test_secondary_rate_limit_longer_than_allowed_falls_back(tmp_path: Path) -> None:
    sleeps = Sleeps()
    with cassette("rate_limit_retry_after.yaml") as (cas, _sent):
        env = pr_env(tmp_path)
        opts = PublishSettings(report=write_report(tmp_path, make_report(3)), comment="off")
        out, err = io.StringIO(), io.StringIO()
        code = publish(opts, env=env, out=out, err=err, retry=policy(sleeps, max_wait=30))
        assert cas.play_count == 1
    assert sleeps.waits == []
    log = out.getvalue()
    assert "GitHub rate limit exceeded (403)" in log and log.count("::error ") == 3
    assert code == 1


def test_primary_rate_limit_waits_until_reset(tmp_path: Path) -> None:
    sleeps = Sleeps()
    with cassette("rate_limit_primary.yaml") as (cas, _sent):
        code, _, _, _ = run_publish(tmp_path, make_report(3), sleeps=sleeps, comment="off")
        assert cas.all_played
    assert sleeps.waits == [31.0]  # reset is 30 s away, plus one
    assert code == 1


def test_server_errors_are_retried_with_backoff(tmp_path: Path) -> None:
    sleeps = Sleeps()
    with cassette("server_error_then_success.yaml") as (cas, _sent):
        code, out, _err, _ = run_publish(tmp_path, make_report(3), sleeps=sleeps, comment="off")
        assert cas.all_played and cas.play_count == 3
    assert sleeps.waits == [1.0, 2.0]
    assert "::error" not in out
    assert code == 1

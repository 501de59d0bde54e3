"""How many requests publishing makes, and how long a GitHub outage can hold a run.

Counted on replayed answers (tests/cassettes/github): ``repeat`` lets one recorded answer
serve every request like it, and the recorder sees each request platform-lint sent;
vcrpy answers below urllib3, so ``play_count`` includes retries. Nothing sleeps: the
retry policy's sleep is a list.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from gh_reports import HEAD_SHA, make_report, pr_env, write_report
from gh_vcr import cassette

from platform_lint.app import run_publish
from platform_lint.errors import GitHubError
from platform_lint.github.annotations import Annotation
from platform_lint.github.checks import MAX_ANNOTATIONS, CheckRunRequest, publish_check_run
from platform_lint.github.client import GitHubClient, GitHubSettings, RetryBudget, RetryPolicy
from platform_lint.github.publish import PublishSettings


class Sleeps:
    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def client(sleeps: Sleeps, wait: float = 60.0) -> GitHubClient:
    policy = RetryPolicy(sleep=sleeps, log=lambda _m: None, budget=RetryBudget(wait))
    return GitHubClient(GitHubSettings(token="test-token", retry=policy))


def annotation(i: int) -> Annotation:
    return Annotation("error", f"finding {i}", "platform-lint x.y", f"src/f{i % 97}.py", i + 1)


def test_100000_findings_make_at_most_20_check_run_requests() -> None:
    request = CheckRunRequest(
        name="platform-lint",
        head_sha=HEAD_SHA,
        title="Level none",
        summary="summary",
        conclusion="failure",
        annotations=tuple(annotation(i) for i in range(100_000)),
    )
    with cassette("check_run_120_annotations.yaml", repeat=True) as (cas, sent):
        result = publish_check_run(client(Sleeps()), "acme/widgets", request)
    assert MAX_ANNOTATIONS == 1000
    assert cas.play_count == len(sent.sent) == result.requests == 20
    batches = [len(b["output"].get("annotations", [])) for b in sent.bodies("POST") + sent.bodies("PATCH")]
    assert batches == [50] * 20
    assert result.annotations_sent == 1000 and result.annotations_left_out == 99_000
    assert sent.bodies("PATCH")[-1]["conclusion"] == "failure"


def mixed_report(count: int) -> dict[str, Any]:
    """``count`` located findings at the base already (warnings), every 7th new, every 5th an error."""
    report = make_report(count, new=False, severity="warning")
    for i, finding in enumerate(report["rules"][0]["findings"]):
        finding["new"] = i % 7 == 0
        finding["severity"] = "error" if i % 5 == 0 else "warning"
    findings = [f for r in report["rules"] for f in r["findings"]]
    report["summary"]["findings"]["new"] = sum(1 for f in findings if f["new"])
    report["summary"]["findings"]["by_severity"] = {
        s: sum(1 for f in findings if f["severity"] == s) for s in ("error", "warning", "notice")
    }
    return report


def test_publish_annotates_new_findings_first_and_says_how_many_were_left_out(tmp_path: Path) -> None:
    env = pr_env(tmp_path)
    settings = PublishSettings(report=write_report(tmp_path, mixed_report(1050)), comment="off", scope="all")
    out, err = io.StringIO(), io.StringIO()
    with cassette("check_run_120_annotations.yaml", repeat=True) as (cas, sent):
        code = run_publish(settings, env=env, out=out, err=err, retry=RetryPolicy(sleep=Sleeps()))
    assert cas.play_count == 20  # 1,050 annotations would take 21 requests
    bodies = sent.bodies("POST") + sent.bodies("PATCH")
    annotated = [a for b in bodies for a in b["output"]["annotations"]]
    assert len(annotated) == 1000
    numbers = [int(a["message"].split()[1]) for a in annotated]
    new = [i for i in range(1050) if i % 7 == 0]
    assert numbers[: len(new)] == sorted(new, key=lambda i: (i % 5 != 0, f"api/service{i % 4}.yaml", i + 1))
    levels = [a["annotation_level"] for a in annotated[len(new) :]]
    assert levels == sorted(levels, key=lambda level: level != "failure")  # then errors before warnings
    summary = bodies[0]["output"]["summary"]
    assert len(summary) <= 65535
    assert "50 of 1050 findings are not annotated" in summary
    assert "1000 annotation(s) in 20 request(s); 50 not annotated" in err.getvalue()
    assert code == 1


def test_server_errors_are_retried_twice_per_request(tmp_path: Path) -> None:
    sleeps = Sleeps()
    env = pr_env(tmp_path)
    settings = PublishSettings(report=write_report(tmp_path, make_report(3)), comment="off")
    out, err = io.StringIO(), io.StringIO()
    with cassette("server_error_then_success.yaml", repeat=True) as (cas, _sent):  # 502 to everything
        code = run_publish(settings, env=env, out=out, err=err, retry=RetryPolicy(sleep=sleeps))
    assert cas.play_count == 3 and sleeps.waits == [1.0, 2.0]
    assert "GitHub failed (502)" in out.getvalue()
    assert out.getvalue().count("::error ") == 3  # the verdict still reaches the pull request
    assert code == 1


def test_once_the_runs_wait_is_spent_nothing_more_is_asked() -> None:
    sleeps = Sleeps()
    github = client(sleeps, wait=5.0)
    request = CheckRunRequest("platform-lint", HEAD_SHA, "t", "s", "failure")
    with cassette("server_error_then_success.yaml", repeat=True) as (cas, _sent):
        with pytest.raises(GitHubError, match="GitHub failed"):
            publish_check_run(github, "acme/widgets", request)  # waits 1 s and 2 s: 3 of 5 spent
        with pytest.raises(GitHubError, match=r"--max-wait\) are spent"):
            publish_check_run(github, "acme/widgets", request)  # 1 s more fits, 2 s does not
        played = cas.play_count
        with pytest.raises(GitHubError, match=r"not asked: .*--max-wait\) are spent"):
            publish_check_run(github, "acme/widgets", request)
        assert cas.play_count == played == 3 + 2  # the third was never sent
    assert sleeps.waits == [1.0, 2.0, 1.0] and sum(sleeps.waits) <= 5.0


def test_a_rate_limit_wait_longer_than_what_is_left_is_not_waited(tmp_path: Path) -> None:
    sleeps = Sleeps()
    env = pr_env(tmp_path)
    settings = PublishSettings(report=write_report(tmp_path, make_report(3)), comment="off")
    out, err = io.StringIO(), io.StringIO()
    retry = RetryPolicy(sleep=sleeps, log=lambda _m: None, budget=RetryBudget(30.0))  # Retry-After: 60
    with cassette("rate_limit_retry_after.yaml") as (cas, _sent):
        code = run_publish(settings, env=env, out=out, err=err, retry=retry)
        assert cas.play_count == 1
    assert sleeps.waits == []
    assert "--max-wait) are spent" in out.getvalue()
    assert code == 1

"""Unit tests of the GitHub publishing pieces: escaping, limits, event, client errors, comment modes."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from gh_reports import BASE_SHA, HEAD_SHA, PR_NUMBER, REPO, make_report, pr_env
from github import GithubException, RateLimitExceededException

from platform_lint.errors import GitHubError, InputError
from platform_lint.github.annotations import (
    Annotation,
    append_step_summary,
    emit_workflow_annotations,
    escape_data,
    escape_property,
    report_annotations,
    workflow_command,
)
from platform_lint.github.checks import annotation_payload, batches
from platform_lint.github.client import (
    GitHubPermissionError,
    GitHubRateLimitError,
    GitHubSettings,
    RetryPolicy,
    build_client,
    mask,
    rate_limit_wait,
    translate,
)
from platform_lint.github.comments import publish_comment
from platform_lint.github.event import SHALLOW_CHECKOUT_HINT, ensure_base_commit, fetch_labels, read_event
from platform_lint.report.comment import MARKER, comment_body, result_digest
from platform_lint.report.model import from_dict
from platform_lint.report.summary import render_summary
from platform_lint.verdict import decide

# -- workflow commands ---------------------------------------------------------------------------------


def test_escaping_follows_the_runner() -> None:
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    line = workflow_command(
        Annotation(level="warning", message="bad: x, y\nz", title="t:1,2", path="dir,x/a:b.yml", line=3)
    )
    assert line == "::warning file=dir%2Cx/a%3Ab.yml,line=3,title=t%3A1%2C2::bad: x, y%0Az"


def test_at_most_ten_per_level_then_a_notice_with_the_total() -> None:
    anns = [Annotation(level="error", message=f"e{i}", title="t", path="a", line=i + 1) for i in range(25)]
    anns += [Annotation(level="warning", message="w", title="t", path="a", line=1) for _ in range(3)]
    out = io.StringIO()
    shown = emit_workflow_annotations(anns, out)
    lines = out.getvalue().splitlines()
    assert shown == {"error": 10, "warning": 3}
    assert sum(1 for x in lines if x.startswith("::error ")) == 10
    assert lines[-1].startswith(
        "::notice title=platform-lint::platform-lint: 28 finding(s) to annotate "
        "(25 error, 3 warning); 15 not shown"
    )


def test_step_summary_stays_under_its_limit(tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    target.write_bytes(b"x" * 900)
    env = {"GITHUB_STEP_SUMMARY": str(target)}
    append_step_summary("é" * 5000, env, limit=2000)
    data = target.read_bytes()
    assert len(data) <= 2000
    data.decode("utf-8")  # never cut inside a character
    assert b"truncated by platform-lint" in data
    assert append_step_summary("x", {}) is None


# -- check-run payloads ----------------------------------------------------------------------------------


def test_annotation_payload_uses_columns_only_on_one_line() -> None:
    one = annotation_payload(
        Annotation(
            level="error", message="m", title="t", path="p", line=4, end_line=4, column=2, end_column=7
        )
    )
    assert (one["annotation_level"], one["start_column"], one["end_column"]) == ("failure", 2, 7)
    many = annotation_payload(
        Annotation(
            level="notice", message="m", title="t", path="p", line=4, end_line=6, column=2, end_column=7
        )
    )
    assert "start_column" not in many and many["annotation_level"] == "notice"
    assert [len(b) for b in batches(list(range(120)))] == [50, 50, 20]
    assert batches([]) == [[]]


def test_annotations_skip_repository_level_and_existing_findings() -> None:
    report = make_report(3)
    assert len(report_annotations(from_dict(report), "new")) == 3  # the repository-level warning has no line
    report["rules"][0]["findings"][0]["new"] = False
    assert len(report_annotations(from_dict(report), "new")) == 2
    assert len(report_annotations(from_dict(report), "all")) == 3


def test_verdict_and_conclusion() -> None:
    report = from_dict(make_report(3))
    assert decide(report, "error").conclusion == "failure"
    assert decide(report, "never").conclusion == "neutral"
    clean = from_dict(make_report(0))
    assert decide(clean, "error").conclusion == "success"  # the repository-level finding is not new
    assert decide(clean, "warning", "all").conclusion == "failure"
    summary = render_summary(report, decide(report, "error"), max_chars=3000)
    assert len(summary) <= 3000 and summary.startswith("**❌ Failing:** 3 open findings introduced")


# -- client: rate limits, errors, token --------------------------------------------------------------------


def test_rate_limit_wait_reads_retry_after_then_the_reset() -> None:
    policy = RetryPolicy(clock=lambda: 1000.0)
    assert rate_limit_wait({"Retry-After": "60"}, policy) == 60
    assert rate_limit_wait({"x-ratelimit-remaining": "0", "x-ratelimit-reset": "1030"}, policy) == 31
    assert rate_limit_wait({"x-ratelimit-remaining": "0", "x-ratelimit-reset": "900"}, policy) == 0
    assert rate_limit_wait({"x-ratelimit-remaining": "12"}, policy) is None


@pytest.mark.parametrize(
    ("status", "headers", "kind", "words"),
    [
        (403, {}, GitHubPermissionError, "token lacks permission (fork PR or read-only token)"),
        (403, {"Retry-After": "60"}, GitHubRateLimitError, "rate limit"),
        (401, {}, GitHubError, "refused (401)"),
        (404, {}, GitHubError, "not found (404)"),
        (422, {}, GitHubError, "rejected the request (422)"),
        (502, {}, GitHubError, "kept failing after retries"),
    ],
)
def test_github_errors_say_what_to_do(status: int, headers: dict, kind: type, words: str) -> None:
    err = translate(GithubException(status, {"message": "nope"}, headers), "creating the check run")
    assert isinstance(err, kind) and words in str(err) and "GitHub said: nope" in str(err)


def test_rate_limit_exception_and_the_token_never_show() -> None:
    token = "ghs_secretsecretsecret"
    exc = RateLimitExceededException(403, {"message": f"bad {token}"}, {})
    err = translate(exc, "x", token)
    assert isinstance(err, GitHubRateLimitError) and token not in str(err) and "***" in str(err)
    assert mask(f"a {token} b", token) == "a *** b"
    settings = GitHubSettings.from_env(
        None, {"GITHUB_TOKEN": token, "GITHUB_API_URL": "https://ghe.example/api/v3/"}
    )
    assert token not in repr(settings)
    assert settings.api_url == "https://ghe.example/api/v3"
    client = build_client(None, {"GH_TOKEN": token, "GITHUB_API_URL": "https://ghe.example/api/v3"})
    assert token not in repr(client) and client.has_token


# -- event -------------------------------------------------------------------------------------------------


def test_pull_request_event(tmp_path: Path) -> None:
    event = read_event(pr_env(tmp_path))
    assert event.is_pull_request and event.pr_number == PR_NUMBER
    assert (event.base_sha, event.head_sha, event.report_sha) == (BASE_SHA, HEAD_SHA, HEAD_SHA)
    assert event.labels == ("api-change",) and not event.is_fork
    assert event.run_url == f"https://github.com/{REPO}/actions/runs/99"


def test_push_event_and_outside_actions(tmp_path: Path) -> None:
    payload = tmp_path / "push.json"
    payload.write_text(json.dumps({"ref": "refs/heads/main"}), encoding="utf-8")
    event = read_event(
        {
            "GITHUB_EVENT_NAME": "push",
            "GITHUB_EVENT_PATH": str(payload),
            "GITHUB_SHA": "a" * 40,
            "GITHUB_REPOSITORY": REPO,
            "GITHUB_SERVER_URL": "https://ghe.example/",
        }
    )
    assert not event.is_pull_request and event.report_sha == "a" * 40 and event.base_sha is None
    assert event.server_url == "https://ghe.example"
    assert read_event({}).name is None
    payload.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError):
        read_event({"GITHUB_EVENT_PATH": str(payload)})


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(cwd), *args],
        check=True,
        capture_output=True,
        text=True,
        env={
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.com",
            "HOME": str(cwd),
            "PATH": "/usr/bin:/bin",
        },
    ).stdout.strip()


def test_shallow_clone_fetches_the_base_commit(tmp_path: Path) -> None:
    origin = tmp_path / "origin"
    origin.mkdir()
    _git(origin, "init", "-q", "-b", "main")
    _git(origin, "config", "uploadpack.allowReachableSHA1InWant", "true")
    for i in range(3):
        (origin / "f.txt").write_text(str(i))
        _git(origin, "add", "f.txt")
        _git(origin, "commit", "-q", "-m", f"c{i}")
    base = _git(origin, "rev-parse", "HEAD~2")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth=1", origin.as_uri(), str(clone)], check=True)
    assert ensure_base_commit(base, clone, fetch=False).state == "missing"
    assert "fetch-depth: 0" in ensure_base_commit(base, clone, fetch=False).message
    assert ensure_base_commit(base, clone).state == "missing"  # fetching is asked for, never assumed
    got = ensure_base_commit(base, clone, fetch=True)
    assert got.state == "fetched", got.message
    assert ensure_base_commit(base, clone).state == "present"
    with pytest.raises(InputError):
        ensure_base_commit("--upload-pack=evil", clone)
    assert "git fetch --no-tags --depth=1 origin" in SHALLOW_CHECKOUT_HINT


# -- fakes for labels and comments -------------------------------------------------------------------------


@dataclass
class _Named:
    name: str = ""
    login: str = ""


@dataclass
class _Event:
    event: str
    label: _Named | None
    actor: _Named | None


@dataclass
class _Comment:
    id: int
    body: str
    html_url: str = "https://github.com/acme/widgets/pull/7#c"
    user: _Named = field(default_factory=lambda: _Named(login="github-actions[bot]"))
    edits: list[str] = field(default_factory=list)

    def edit(self, body: str) -> None:
        self.edits.append(body)
        self.body = body


@dataclass
class _Issue:
    comments: list[_Comment] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    events: list[_Event] = field(default_factory=list)

    def get_comments(self) -> list[_Comment]:
        return self.comments

    def create_comment(self, body: str) -> _Comment:
        self.created.append(body)
        return _Comment(id=1, body=body)

    def get_labels(self) -> list[_Named]:
        return [_Named(name=n) for n in self.labels]

    def get_events(self) -> list[_Event]:
        return self.events


class _Client:
    def __init__(self, issue: _Issue) -> None:
        self.issue = issue

    def repo(self, _name: str) -> Any:
        issue = self.issue

        class _Repo:
            def get_issue(self, _n: int) -> _Issue:
                return issue

        return _Repo()

    @contextlib.contextmanager
    def calling(self, _action: str) -> Iterator[None]:
        yield


def test_labels_and_who_added_them() -> None:
    issue = _Issue(
        labels=["breaking-change", "docs"],
        events=[
            _Event("labeled", _Named(name="breaking-change"), _Named(login="mallory")),
            _Event("labeled", _Named(name="breaking-change"), _Named(login="lead-dev")),
            _Event("labeled", _Named(name="gone"), _Named(login="x")),
            _Event("unlabeled", _Named(name="gone"), _Named(login="x")),
            _Event("labeled", _Named(name="docs"), _Named(login="writer")),
        ],
    )
    got = fetch_labels(_Client(issue), REPO, 7)  # type: ignore[arg-type]
    assert got.labels == ("breaking-change", "docs")
    assert dict(got.label_actors) == {"breaking-change": "lead-dev", "docs": "writer"}


def _publish(issue: _Issue, mode: str, *, failed: bool, findings: bool, digest: str = "d" * 32) -> str:
    return publish_comment(
        _Client(issue),
        REPO,
        7,
        comment_body("report", digest),
        mode=mode,
        failed=failed,
        has_findings=findings,
        author="github-actions[bot]",
    ).action


def test_comment_modes() -> None:
    assert _publish(_Issue(), "off", failed=True, findings=True) == "skipped"
    assert _publish(_Issue(), "failures", failed=False, findings=True) == "skipped"
    assert _publish(_Issue(), "changes", failed=False, findings=False) == "skipped"
    assert _publish(_Issue(), "changes", failed=False, findings=True) == "created"
    sticky = _Comment(id=5, body=comment_body("old", "d" * 32))
    issue = _Issue(comments=[_Comment(id=4, body="hi"), sticky])
    assert _publish(issue, "changes", failed=True, findings=True) == "unchanged"  # same digest
    assert _publish(issue, "changes", failed=True, findings=True, digest="e" * 32) == "updated"
    assert (
        _publish(issue, "failures", failed=False, findings=False, digest="f" * 32) == "updated"
    )  # now passing
    assert _publish(issue, "always", failed=False, findings=False, digest="a" * 32) == "updated"
    assert not issue.created and len(sticky.edits) == 3 and sticky.body.startswith(MARKER)


def test_comment_body_fits_and_digest_follows_findings() -> None:
    assert len(comment_body("x" * 70000, "d" * 32)) <= 65536
    report = make_report(3)
    before = result_digest(from_dict(report), True)
    report["rules"][0]["findings"].pop()
    assert result_digest(from_dict(report), True) != before


# -- the command line ------------------------------------------------------------------------------------


def test_publish_command_line_outside_actions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from platform_lint.cli import run

    report = tmp_path / "report.json"
    report.write_text(json.dumps(make_report(3)), encoding="utf-8")
    sarif = tmp_path / "out" / "report.sarif"
    code = run(
        [
            "publish",
            "--report",
            str(report),
            "--no-check-run",
            "--comment",
            "off",
            "--sarif-file",
            str(sarif),
            "--fail-on",
            "error",
        ]
    )
    err = capsys.readouterr().err
    assert code == 1 and "::error" not in err
    data = json.loads(sarif.read_text(encoding="utf-8"))
    assert len(data["runs"][0]["results"]) == 3  # the repository-level finding is left out
    assert "1 repository-level finding(s) left out" in err
    assert run(["publish", "--report", str(report), "--fail-on", "never", "--no-check-run"]) == 0
    assert run(["publish", "--report", str(tmp_path / "missing.json")]) == 2
    assert run(["publish", "--report", str(report), "--comment", "sometimes"]) == 2

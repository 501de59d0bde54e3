"""platform-lint's GitHub client against real GitHub recordings, replayed where our requests match.

The recordings live outside the project (``$PLATFORM_LINT_SHARED/acceptance/github-recordings``)
and are read in place. Each test below sends exactly the request a recording holds (method,
scheme, host, port, path and query; JSON bodies for writes), through platform-lint's own
client and retry policy, with the sleep injected so nothing waits.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import vcr

from platform_lint.github.client import (
    GitHubClient,
    GitHubPermissionError,
    GitHubRateLimitError,
    GitHubSettings,
    RetryPolicy,
)
from platform_lint.github.comments import publish_comment
from platform_lint.report.comment import comment_body

RECORDINGS = Path(os.environ.get("PLATFORM_LINT_SHARED", "/nonexistent")) / "acceptance" / "github-recordings"
CASSETTES = RECORDINGS / "cassettes"

pytestmark = pytest.mark.skipif(not CASSETTES.is_dir(), reason="the shared GitHub recordings are not here")

REPLAY = vcr.VCR(
    cassette_library_dir=str(CASSETTES),
    record_mode="none",
    match_on=["method", "scheme", "host", "port", "path", "query"],
    filter_headers=["authorization"],
)


def client(
    sleeps: list[float], *, max_wait: float = 300, clock: float | None = None, token: str | None = "REDACTED"
) -> GitHubClient:
    policy = RetryPolicy(
        max_wait=max_wait,
        sleep=sleeps.append,
        log=lambda _m: None,
        **({"clock": lambda: clock} if clock is not None else {}),
    )
    # per_page=30 is PyGithub's default: no per_page query, as in the recordings
    return GitHubClient(GitHubSettings(token=token, retry=policy, per_page=30))


def test_sticky_comment_search_reads_real_pr_comments_and_writes_nothing() -> None:
    sleeps: list[float] = []
    with REPLAY.use_cassette("pygithub/PullRequest.testGetIssueComments.yaml") as cas:
        result = publish_comment(
            client(sleeps),
            "PyGithub/PyGithub",
            31,
            comment_body("report", "0" * 32),
            mode="failures",
            failed=False,
            has_findings=False,
        )
        assert cas.all_played  # GET /repos/PyGithub/PyGithub/issues/31/comments, as recorded
    assert result.action == "skipped"  # no marker among the real comments; passing: nothing created
    assert sleeps == []


def test_a_real_403_is_a_permission_error_and_not_retried() -> None:
    sleeps: list[float] = []
    gh = client(sleeps)
    with REPLAY.use_cassette("pygithub/Repository.testCollaboratorPermissionNoPushAccess.yaml") as cas:
        with pytest.raises(GitHubPermissionError) as info, gh.calling("reading a permission"):
            gh.repo("PyGithub/PyGithub").get_collaborator_permission("lyloa")
        assert cas.play_count == 1
    assert "token lacks permission (fork PR or read-only token)" in str(info.value)
    assert "Must have push access" in str(info.value)
    assert sleeps == []


def test_a_real_retry_after_longer_than_allowed_is_not_waited() -> None:
    sleeps: list[float] = []
    gh = client(sleeps, max_wait=30)
    with REPLAY.use_cassette("pygithub/SpecificExceptions.testAuthenticatedRateLimitExceeded.yaml") as cas:
        assert len(gh.github.search_code("jacquev6").get_page(0)) == 30
        with pytest.raises(GitHubRateLimitError) as info, gh.calling("searching code"):
            gh.github.search_code("jacquev6").get_page(0)
        assert cas.all_played
    assert sleeps == []  # Retry-After: 60 is over the 30 s allowed: given up at once, nothing slept
    assert "abuse detection" in str(info.value)


def test_a_real_exhausted_primary_limit_without_a_reset_is_bounded() -> None:
    sleeps: list[float] = []
    # the 2013 403 carries x-ratelimit-remaining: 0 but no reset: the policy would wait its
    # secondary_wait (60 s); allowed only 30 s, it gives up at once
    gh = client(sleeps, max_wait=30, token=None)
    with REPLAY.use_cassette("pygithub/SpecificExceptions.testRateLimitExceeded.yaml") as cas:
        assert gh.github.get_user("jacquev6").login == "jacquev6"
        with pytest.raises(GitHubRateLimitError), gh.calling("reading a user"):
            gh.github.get_user("jacquev6").name  # noqa: B018
        assert cas.all_played
    assert sleeps == []

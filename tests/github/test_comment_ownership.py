"""The sticky comment is platform-lint's own: only a comment written by the identity the token
acts as is edited. Someone else's comment carrying the marker (a copy, a quote, a marker alone)
neither stands for the report nor gets edited. Replayed from tests/cassettes/github/."""

from __future__ import annotations

import io
from pathlib import Path

from gh_reports import make_report, pr_env, write_report
from gh_vcr import cassette

from platform_lint.app import run_publish
from platform_lint.github.client import RetryPolicy
from platform_lint.github.comments import MARKER
from platform_lint.github.publish import PublishSettings


def publish(tmp_path: Path, report: dict, comment: str, **env: str) -> tuple[int, str]:
    environment = pr_env(tmp_path, **env)
    settings = PublishSettings(report=write_report(tmp_path, report), check_run=None, comment=comment)
    err = io.StringIO()
    retry = RetryPolicy(sleep=lambda _s: None, log=lambda _m: None)
    code = run_publish(settings, env=environment, out=io.StringIO(), err=err, retry=retry)
    return code, err.getvalue()


def test_a_strangers_marker_comment_is_neither_edited_nor_taken_for_the_report(tmp_path: Path) -> None:
    with cassette("comment_stranger_marker.yaml") as (cas, sent):
        _, err = publish(tmp_path, make_report(3), "always")
        assert cas.all_played
    assert sent.methods() == ["GET", "GET", "POST"]  # comments, who am I, a comment of its own
    assert sent.sent[1][1].endswith("/user")
    assert sent.bodies("POST")[0]["body"].startswith(MARKER)
    assert "comment: created" in err


def test_a_marker_alone_from_a_stranger_is_not_edited_when_the_run_passes(tmp_path: Path) -> None:
    passing = make_report(0, repository_level=False)
    with cassette("comment_stranger_marker_passing.yaml") as (cas, sent):
        code, err = publish(tmp_path, passing, "changes")
        assert cas.all_played
    assert code == 0
    assert "PATCH" not in sent.methods() and "POST" not in sent.methods()
    assert "comment: skipped" in err


def test_the_bots_own_comment_is_edited_and_others_carrying_the_marker_are_not(tmp_path: Path) -> None:
    with cassette("comment_own_among_others.yaml") as (cas, sent):
        _, err = publish(tmp_path, make_report(3), "always")
        assert cas.all_played
    assert sent.methods() == ["GET", "GET", "PATCH"]
    assert sent.sent[2][1].endswith("/issues/comments/9003")  # github-actions[bot]'s, not mallory's
    assert "comment: updated" in err


def test_with_a_personal_token_the_tokens_own_login_is_the_author(tmp_path: Path) -> None:
    token = "ghp_" + "PersonalAccessToken0123456789abcdefgh"
    with cassette("comment_user_token.yaml") as (cas, sent):
        _, err = publish(tmp_path, make_report(3), "always", GITHUB_TOKEN=token)
        assert cas.all_played
    assert sent.methods() == ["GET", "GET", "PATCH"]
    assert sent.sent[2][1].endswith("/issues/comments/9005")  # release-bot's; not the Actions bot's
    assert "comment: updated" in err

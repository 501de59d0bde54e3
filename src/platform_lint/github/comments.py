"""One sticky pull-request comment, found by its hidden marker and edited in place.

The comment's text is :mod:`platform_lint.report.comment` (the ``pr-comment`` format).

The marker is searched on every page of the issue comments (PyGithub's
``PaginatedList`` follows the ``Link: rel="next"`` pages), so a long discussion never
makes platform-lint post a second comment. Only a comment written by the identity the
token acts as is platform-lint's: the token's own login (``GET /user``), or, for an
installation token that cannot read ``/user`` (the Actions ``GITHUB_TOKEN``, a GitHub
App's), ``github-actions[bot]`` unless the publisher names the app's bot login. Anyone can
write the marker into a comment; such a comment is ignored (never edited, never taken for
the report). Modes:

* ``always``   create or update the comment on every run;
* ``changes``  update it when the result changed; create it only when findings are open;
* ``failures`` create or update it while the run fails; once passing, update an existing
  comment (so it does not keep saying "failing") but never create one;
* ``off``      touch nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from platform_lint.errors import GitHubError
from platform_lint.report.comment import MARKER, digest_of

if TYPE_CHECKING:  # PyGithub is imported only by commands that talk to GitHub
    from platform_lint.github.client import GitHubClient

MODES = ("always", "changes", "failures", "off")


ACTIONS_BOT = "github-actions[bot]"
"""Who comments with the Actions ``GITHUB_TOKEN``."""


def authenticated_login(client: GitHubClient, fallback: str = ACTIONS_BOT) -> str:
    """The login the token acts as: ``GET /user`` answers for a personal or OAuth token; an
    installation token cannot read it (403): then ``fallback``, the bot that token comments as."""
    try:
        with client.calling("reading which account the token belongs to"):
            return str(client.github.get_user().login)
    except GitHubError as exc:
        if getattr(exc, "status", None) in (403, 404):
            return fallback
        raise


def find_sticky(comments: Iterable[Any], author: Callable[[], str]) -> tuple[Any | None, int]:
    """The first comment carrying the marker that ``author()`` wrote (looking through every page),
    and how many others carrying it were ignored. ``author`` is asked once, at the first marker."""
    me: str | None = None
    ignored = 0
    for comment in comments:
        if MARKER not in (comment.body or ""):
            continue
        if me is None:
            me = author().lower()
        login = str(getattr(getattr(comment, "user", None), "login", None) or "").lower()
        if login and login == me:
            return comment, ignored
        ignored += 1
    return None, ignored


@dataclass(frozen=True)
class CommentResult:
    action: str  # created | updated | unchanged | skipped
    comment_id: int | None = None
    url: str | None = None
    reason: str = ""


def _wanted(mode: str, existing: Any | None, failed: bool, has_findings: bool) -> tuple[bool, str]:
    if mode == "always":
        return True, "comment: always"
    if mode == "changes":
        if existing is None and not has_findings:
            return False, "nothing to report and no earlier comment"
        return True, "comment: changes"
    if mode == "failures":
        if existing is None and not failed:
            return False, "the run passes and there is no earlier comment"
        return True, "comment: failures"
    return False, "comment: off"


def publish_comment(
    client: GitHubClient,
    repository: str,
    number: int,
    body: str,
    *,
    mode: str,
    failed: bool,
    has_findings: bool,
    author: str | None = None,
) -> CommentResult:
    """Create, update or leave the sticky comment (``body`` as the ``pr-comment`` format writes it,
    marker and digest included); raises ``GitHubError`` on refusal. ``author`` is the login whose
    comment is platform-lint's; by default the token's own (:func:`authenticated_login`)."""
    if mode not in MODES:
        raise ValueError(f"unknown comment mode {mode!r}")
    if mode == "off":
        return CommentResult("skipped", reason="comment: off")
    issue = client.repo(repository).get_issue(number)
    with client.calling(f"reading the comments of pull request #{number} on {repository}"):
        existing, ignored = find_sticky(
            issue.get_comments(), (lambda: author) if author else (lambda: authenticated_login(client))
        )
    wanted, reason = _wanted(mode, existing, failed, has_findings)
    if ignored:
        reason += f"; {ignored} comment(s) by others carrying the marker ignored"
    if not wanted:
        return CommentResult("skipped", reason=reason)
    if existing is not None:
        old = digest_of(existing.body or "")
        if (old is not None and old == digest_of(body) and mode == "changes") or existing.body == body:
            return CommentResult("unchanged", existing.id, existing.html_url, "the result did not change")
        with client.calling(f"editing comment {existing.id} on pull request #{number}"):
            existing.edit(body)
        return CommentResult("updated", existing.id, existing.html_url, reason)
    with client.calling(f"commenting on pull request #{number} on {repository}"):
        created = issue.create_comment(body)
    return CommentResult("created", created.id, created.html_url, reason)

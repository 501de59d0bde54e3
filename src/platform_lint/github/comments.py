"""One sticky pull-request comment, found by its hidden marker and edited in place.

The comment's text is :mod:`platform_lint.report.comment` (the ``pr-comment`` format).

The marker is searched on every page of the issue comments (PyGithub's
``PaginatedList`` follows the ``Link: rel="next"`` pages), so a long discussion never
makes platform-lint post a second comment. Modes:

* ``always``   create or update the comment on every run;
* ``changes``  update it when the result changed; create it only when findings are open;
* ``failures`` create or update it while the run fails; once passing, update an existing
  comment (so it does not keep saying "failing") but never create one;
* ``off``      touch nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from platform_lint.report.comment import MARKER, digest_of

if TYPE_CHECKING:  # PyGithub is imported only by commands that talk to GitHub
    from platform_lint.github.client import GitHubClient

MODES = ("always", "changes", "failures", "off")


def find_sticky(comments: Iterable[Any]) -> Any | None:
    """The first comment carrying the marker, looking through every page."""
    for comment in comments:
        if MARKER in (comment.body or ""):
            return comment
    return None


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
) -> CommentResult:
    """Create, update or leave the sticky comment (``body`` as the ``pr-comment`` format writes it,
    marker and digest included); raises ``GitHubError`` on refusal."""
    if mode not in MODES:
        raise ValueError(f"unknown comment mode {mode!r}")
    if mode == "off":
        return CommentResult("skipped", reason="comment: off")
    issue = client.repo(repository).get_issue(number)
    with client.calling(f"reading the comments of pull request #{number} on {repository}"):
        existing = find_sticky(issue.get_comments())
    wanted, reason = _wanted(mode, existing, failed, has_findings)
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

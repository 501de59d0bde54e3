"""The sticky pull-request comment's text: a hidden marker, a digest of the result, the verdict
and the Markdown report, within GitHub's 65,536 characters.

The marker lets the publisher (:mod:`platform_lint.github.comments`) find its comment again;
the digest tells it whether the result changed since that comment was written.
"""

from __future__ import annotations

import hashlib
import re

from platform_lint.report.model import Report
from platform_lint.report.reporter import RenderOptions, Reporter
from platform_lint.report.summary import render_summary
from platform_lint.verdict import decide

MARKER = "<!-- platform-lint:report -->"
COMMENT_LIMIT = 65536
_HEAD_ROOM = 200
"""Characters kept back from the Markdown for the marker, the digest and a truncation note."""
_DIGEST = re.compile(r"<!-- platform-lint:digest ([0-9a-f]{16,64}) -->")


def result_digest(report: Report, failed: bool) -> str:
    """What "the result changed" means: level, score, verdict and the open findings."""
    parts = [report.summary.level, str(report.summary.score), str(failed)]
    parts += [f"{rule.id}:{f.fingerprint}:{f.new}" for rule, f in report.findings("open")]
    return hashlib.sha256("\n".join(sorted(parts)).encode()).hexdigest()[:32]


def digest_of(body: str) -> str | None:
    """The digest a comment body carries, or None."""
    found = _DIGEST.search(body)
    return found.group(1) if found else None


def comment_body(markdown: str, digest: str) -> str:
    """``markdown`` under the marker and the digest, cut to fit the comment limit."""
    head = f"{MARKER}\n<!-- platform-lint:digest {digest} -->\n"
    room = COMMENT_LIMIT - len(head)
    if len(markdown) > room:
        cut = "\n\n_… truncated._\n"
        markdown = markdown[: room - len(cut)] + cut
    return head + markdown


def render_comment(report: Report, options: RenderOptions) -> str:
    """The whole comment for ``report`` at the verdict ``options`` asks for."""
    verdict = decide(report, options.fail_on, options.scope, options.on_error_for(report))
    markdown = render_summary(
        report,
        verdict,
        max_chars=(options.max_chars or COMMENT_LIMIT) - _HEAD_ROOM,
        link_base=options.link_base,
        details_url=options.details_url,
    )
    return comment_body(markdown, result_digest(report, verdict.failed))


REPORTER = Reporter(
    name="pr-comment",
    summary="the sticky pull-request comment (marker and digest, verdict, Markdown report)",
    render=render_comment,
)

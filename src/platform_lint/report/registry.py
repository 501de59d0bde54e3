"""Every report format, in one explicit list: what ``--format`` offers and what publishers use.

A new format is one module exporting a :class:`~platform_lint.report.reporter.Reporter`
plus one line here. The GitHub-flavoured formats (``github-summary``, ``pr-comment``) are
text like the others; publishing them is :mod:`platform_lint.github.publish`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from platform_lint.errors import UsageError
from platform_lint.report import badge, comment, json, markdown, sarif, summary, text
from platform_lint.report.reporter import Reporter

REPORTERS: Mapping[str, Reporter] = {
    r.name: r
    for r in (
        text.REPORTER,
        json.REPORTER,
        markdown.REPORTER,
        sarif.REPORTER,
        summary.REPORTER,
        comment.REPORTER,
        badge.SVG_REPORTER,
        badge.ENDPOINT_REPORTER,
    )
}

FORMATS: tuple[str, ...] = tuple(REPORTERS)
"""The names ``--format`` takes, in the order ``--help`` lists them."""

DEFAULT_FORMAT = "text"


def get(name: str) -> Reporter:
    try:
        return REPORTERS[name]
    except KeyError:
        raise UsageError(f"unknown report format {name!r}; expected one of {', '.join(FORMATS)}") from None


def format_for_path(path: Path) -> str:
    """The format an ``--output`` file's name asks for (the longest matching ending); text otherwise."""
    name = path.name.lower()
    best, length = DEFAULT_FORMAT, 0
    for reporter in REPORTERS.values():
        for ending in reporter.extensions:
            if name.endswith(ending) and len(ending) > length:
                best, length = reporter.name, len(ending)
    return best

"""The one interface every report format implements, and the options they share.

A :class:`Reporter` turns a :class:`~platform_lint.report.model.Report` into text:
``render(report, options) -> str``, or ``write(report, options, stream)`` to put it on
a given stream (standard output, a file, the step summary). Reporters never read the
clock, the environment or the filesystem: everything they need is in the report and
the :class:`RenderOptions`. :func:`write_file` is how a command puts one in a file.
The list of reporters is :mod:`platform_lint.report.registry`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from platform_lint import safety
from platform_lint.errors import InputError
from platform_lint.report.model import Report
from platform_lint.verdict import DEFAULT_FAIL_ON, DEFAULT_ON_ERROR, DEFAULT_SCOPE


@dataclass(frozen=True)
class RenderOptions:
    """What a run asks of its reports; each reporter reads the fields it understands."""

    color: bool = False
    """ANSI colour (text)."""
    verbose: bool = False
    """Every finding, evidence and not-applicable rule (text)."""
    max_chars: int | None = None
    """Upper bound on the length (Markdown-based formats); None: the format's own limit."""
    link_base: str | None = None
    """Turns locations into links, e.g. ``https://github.com/o/r/blob/<sha>/`` (Markdown-based)."""
    details_url: str | None = None
    """A link to the workflow run (GitHub summary and comment)."""
    fail_on: str = DEFAULT_FAIL_ON
    """The verdict the GitHub summary and comment state (see :mod:`platform_lint.verdict`)."""
    scope: str = DEFAULT_SCOPE
    by: str = "characteristic"
    """How rules are grouped: ``characteristic`` or ``journey`` (text and Markdown)."""
    on_error: str | None = None
    """Whether rules in error fail the gate; None: as the report says (``Report.on_error``)."""

    def on_error_for(self, report: Report) -> str:
        """``on_error``, else the report's own, else the default (ignore)."""
        return self.on_error or report.on_error or DEFAULT_ON_ERROR


@dataclass(frozen=True)
class Reporter:
    """One report format."""

    name: str
    """What ``--format`` takes."""
    summary: str
    """One line for ``--help``."""
    render: Callable[[Report, RenderOptions], str]
    """The report as text, ending with a newline."""
    extensions: tuple[str, ...] = ()
    """File name endings that choose this format for an ``--output`` given without ``--format``."""

    def write(self, report: Report, options: RenderOptions, stream: IO[str]) -> None:
        """Put the report on a terminal or a CI log: masked, and no line of it can be read as a
        GitHub workflow command (:mod:`platform_lint.safety`)."""
        stream.write(safety.neutralise_commands(safety.mask(self.render(report, options))))


def write_file(path: Path, text: str) -> None:
    """Write a report file, masked, whole or not at all (a temporary file renamed into place),
    creating its folder; ``InputError`` (exit 2) naming it when that fails."""
    try:
        safety.write_atomic(path, safety.mask(text))
    except OSError as exc:
        raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    except UnicodeError as exc:
        raise InputError(f"{path}: cannot write: {exc}") from None

"""Command-line options shared by the commands that judge a report (check, publish).

``--fail-on`` and ``--fail-scope`` are defined here once, with their choices from
:mod:`platform_lint.verdict`.
"""

from __future__ import annotations

import argparse

from platform_lint.verdict import DEFAULT_FAIL_ON, DEFAULT_ON_ERROR, DEFAULT_SCOPE, FAIL_ON, ON_ERROR, SCOPES


def add_verdict_options(
    parser: argparse.ArgumentParser, *scope_aliases: str, on_error_default: str | None = DEFAULT_ON_ERROR
) -> None:
    """``--fail-on``, ``--fail-scope`` (also spelled ``scope_aliases``) and ``--on-error``, as
    ``fail_on``, ``scope`` and ``on_error``."""
    parser.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default=DEFAULT_FAIL_ON,
        help=f"exit 1 when an open finding is at or above this severity (default: {DEFAULT_FAIL_ON})",
    )
    parser.add_argument(
        "--fail-scope",
        *scope_aliases,
        dest="scope",
        choices=SCOPES,
        default=DEFAULT_SCOPE,
        help="in a comparison (--base, pull requests): fail on the findings the change introduced "
        f"(new) or on all open findings (all) (default: {DEFAULT_SCOPE})",
    )
    default = on_error_default or "the report's own, else ignore"
    parser.add_argument(
        "--on-error",
        choices=ON_ERROR,
        default=on_error_default,
        help="whether rules the environment kept from being judged (the GitHub API unreachable, "
        "a rate limit) fail the gate; problems with the repository's content always do "
        f"(default: {default})",
    )

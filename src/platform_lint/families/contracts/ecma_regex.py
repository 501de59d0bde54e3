"""``pattern`` values are ECMA-262 regular expressions (OpenAPI, JSON Schema): checked as such.

Python's ``re`` is the wrong judge of a spec's patterns: it rejects what every JavaScript
engine accepts (``\\p{L}``, ``(?<name>...)`` with ``\\k<name>``, ``\\cA``, ``[^]``) and
accepts what JavaScript rejects (``(?P<name>...)``, ``(?i)``, ``a++``). The syntax is
checked by regress, a parser and matcher written for ECMA-262's grammar.

A pattern is valid when a JavaScript engine compiles it, with the ``u`` flag (the Unicode
grammar JSON Schema recommends) or without it (Annex B, what ``new RegExp(p)`` accepts: it
allows ``\\-`` or ``a{`` that the Unicode grammar does not). The error shown is the
Unicode grammar's when both reject it.

Matching a value (a ``default`` against its schema's ``pattern``) runs in linear time:
regress backtracks, and a spec comes with a pull request, so a value and a pattern such as
``(a+)+$`` would never finish. Patterns that RE2 cannot run (look-around, back-references)
are not matched: :func:`search` says ``None`` (unknown).
"""

from __future__ import annotations

import functools

MAX_PATTERN = 10_000
"""Longer patterns are reported rather than compiled."""


@functools.lru_cache(maxsize=4096)
def pattern_problem(pattern: str) -> str | None:
    """Why ``pattern`` is not an ECMA-262 regular expression, or None when it is one."""
    import regress

    if len(pattern) > MAX_PATTERN:
        return f"longer than {MAX_PATTERN:,} characters"
    try:
        regress.Regex(pattern, flags="u")
        return None
    except regress.RegressError as exc:
        unicode_problem = str(exc) or "invalid"
    try:
        regress.Regex(pattern)
        return None
    except regress.RegressError:
        return unicode_problem


@functools.lru_cache(maxsize=1024)
def _linear(pattern: str) -> object | None:
    """The pattern compiled by RE2, or None when RE2 cannot run it."""
    import re2

    options = re2.Options()
    options.log_errors = False
    try:
        return re2.compile(pattern, options)
    except re2.error:
        return None


def search(pattern: str, text: str) -> bool | None:
    """Whether ``pattern`` matches somewhere in ``text``; None when that cannot be decided in
    linear time or the pattern is not valid."""
    if pattern_problem(pattern) is not None:
        return None
    compiled = _linear(pattern)
    if compiled is None:
        return None
    return compiled.search(text) is not None  # type: ignore[attr-defined]

"""The obvious way to match a CODEOWNERS pattern: one regular expression for the whole path.

It is the oracle the indexed matcher is tested against. It is built from each segment's own
text, so it shares nothing with the matcher's glob code, and it backtracks: keep its inputs
small (the product never uses it).
"""

from __future__ import annotations

import re

from platform_lint.families.codeowners.pattern import CompiledPattern


def glob_regex(raw: str) -> str:
    """One segment's glob as a regular expression (``*`` and ``?`` never cross a slash)."""
    out: list[str] = []
    i = 0
    while i < len(raw):
        c = raw[i]
        if c == "\\" and i + 1 < len(raw):
            i += 1
            out.append(re.escape(raw[i]))
        elif c == "*":
            while i + 1 < len(raw) and raw[i + 1] == "*":
                i += 1
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


def reference_regex(pattern: CompiledPattern) -> re.Pattern[str] | None:
    """A single regular expression for the whole path (None: the pattern matches nothing)."""
    if pattern.never:
        return None
    body: list[str] = []
    last = len(pattern.segments) - 1
    for i, seg in enumerate(pattern.segments):
        if seg.dstar:
            body.append("(?:[^/]+/)*")
            continue
        body.append(glob_regex(seg.source))
        if i < last:
            body.append("/")
    head = "" if pattern.anchored else "(?:[^/]+/)*"
    if pattern.dir_only:
        tail = "/.+"
    elif pattern.descend:
        tail = "(?:/.+)?"
    else:
        tail = ""
    return re.compile(head + "".join(body) + tail + r"\Z", re.DOTALL)


def matches_path(pattern: CompiledPattern, path: str) -> bool:
    """Whether the pattern matches one file path."""
    regex = reference_regex(pattern)
    return regex is not None and regex.match(path) is not None

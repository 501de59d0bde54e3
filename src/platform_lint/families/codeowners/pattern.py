"""Compile a CODEOWNERS pattern into path segments, with GitHub's semantics.

GitHub's rules (which are close to, but not, .gitignore's):

- a leading slash, or a slash in the middle, anchors the pattern to the root;
  a pattern with no slash (a trailing one aside) matches at any depth;
- a trailing slash means "this directory and everything under it" (never a file
  of that name); a trailing ``/**`` means the same, so it never matches the
  directory's own name as a file;
- a pattern that names a directory owns everything under it (``/docs``, ``f*``),
  except when the last segment is a lone ``*``: ``docs/*`` owns the files
  directly in ``docs`` only;
- ``*`` and ``?`` stay within one segment, ``**`` as a whole segment spans zero or
  more directories, other runs of asterisks act as ``*``;
- a backslash escapes the next character; matching is case-sensitive.

``foo/**/`` is ``foo/`` followed by zero or more directories, each owning
everything under it, so it owns ``foo/bar`` (decided on GitHub's documented
meaning of ``**`` and of a trailing slash; ``git check-ignore`` disagrees).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    """One path segment of a pattern: a literal, a glob (``regex``) or ``**``."""

    literal: str | None = None
    regex: re.Pattern[str] | None = None
    dstar: bool = False
    source: str = ""

    def matches(self, name: str) -> bool:
        if self.literal is not None:
            return name == self.literal
        assert self.regex is not None
        return self.regex.fullmatch(name) is not None


DSTAR = Segment(dstar=True, source="**")


@dataclass(frozen=True)
class CompiledPattern:
    """A pattern ready to match.

    ``anchored``: segments are matched from the root (else ``segments`` is a single
    segment matched against any path component). ``dir_only``: only a directory can
    match, and it owns all below. ``descend``: a matching directory owns everything
    below it. ``never``: the pattern cannot match anything (``/``).
    """

    text: str
    anchored: bool
    segments: tuple[Segment, ...]
    dir_only: bool
    descend: bool
    never: bool = False

    @property
    def literal_prefix(self) -> str:
        """The literal leading directories of an anchored pattern (``a/b/`` or '')."""
        if not self.anchored:
            return ""
        parts: list[str] = []
        for seg in self.segments[:-1]:
            if seg.literal is None:
                break
            parts.append(seg.literal)
        return "".join(p + "/" for p in parts)

    @property
    def is_catch_all(self) -> bool:
        """True for patterns that own every file (``*``, ``**``, ``/**``, ``**/*``)."""
        if self.anchored or self.dir_only or self.never or len(self.segments) != 1:
            return False
        seg = self.segments[0]
        return seg.regex is not None and seg.regex.pattern == "[^/]*"


def _compile_segment(raw: str) -> Segment:
    if raw == "**":
        return DSTAR
    out: list[str] = []
    literal: list[str] = []
    wild = False
    i = 0
    while i < len(raw):
        c = raw[i]
        if c == "\\" and i + 1 < len(raw):
            i += 1
            out.append(re.escape(raw[i]))
            literal.append(raw[i])
        elif c == "*":
            while i + 1 < len(raw) and raw[i + 1] == "*":
                i += 1
            out.append("[^/]*")
            wild = True
        elif c == "?":
            out.append("[^/]")
            wild = True
        else:
            out.append(re.escape(c))
            literal.append(c)
        i += 1
    if not wild:
        return Segment(literal="".join(literal), source=raw)
    return Segment(regex=re.compile("".join(out), re.DOTALL), source=raw)


def compile_pattern(text: str) -> CompiledPattern:
    """Compile one (already validated) pattern. Never raises."""
    parts = text.split("/")
    anchored = dir_only = False
    if len(parts) > 1 and parts[0] == "":
        anchored = True
        parts = parts[1:]
    if len(parts) > 1 and parts[-1] == "":
        dir_only = True
        parts = parts[:-1]
    raw = [p for p in parts if p != ""]
    segs: list[Segment] = []
    for part in raw:
        seg = _compile_segment(part)
        if seg.dstar and segs and segs[-1].dstar:
            continue
        segs.append(seg)
    if not segs:
        return CompiledPattern(text, True, (), False, False, never=True)
    if len(segs) > 1:  # a slash in the middle anchors (decided before 'foo/**' becomes 'foo/')
        anchored = True
    if len(segs) > 1 and segs[-1].dstar:  # foo/** == foo/
        segs.pop()
        dir_only = True
    if segs == [DSTAR]:  # **, /**  -> every file;  **/, /**/ -> every file below a directory
        return CompiledPattern(text, False, (_compile_segment("*"),), dir_only, True)
    if anchored and segs[0].dstar and len(segs) == 2:  # **/x == x
        anchored = False
        segs = segs[1:]
    last = segs[-1]
    lone_star = last.regex is not None and last.source.strip("*") == "" and not last.dstar
    descend = dir_only or not (anchored and lone_star)
    return CompiledPattern(text, anchored, tuple(segs), dir_only, descend)


def _regex_source(pattern: CompiledPattern) -> str:
    body: list[str] = []
    last = len(pattern.segments) - 1
    for i, seg in enumerate(pattern.segments):
        if seg.dstar:
            body.append("(?:[^/]+/)*")
            continue
        body.append(
            re.escape(seg.literal)
            if seg.literal is not None
            else seg.regex.pattern
            if seg.regex is not None
            else ""
        )
        if i < last:
            body.append("/")
    head = "" if pattern.anchored else "(?:[^/]+/)*"
    if pattern.dir_only:
        tail = "/.+"
    elif pattern.descend:
        tail = "(?:/.+)?"
    else:
        tail = ""
    return head + "".join(body) + tail


def reference_regex(pattern: CompiledPattern) -> re.Pattern[str] | None:
    """A single regular expression for the whole path (slow; for tests and look-ups of few rules)."""
    if pattern.never:
        return None
    return re.compile(_regex_source(pattern) + r"\Z", re.DOTALL)


def matches_path(pattern: CompiledPattern, path: str) -> bool:
    """Whether the pattern matches one file path (the slow, obvious way)."""
    regex = reference_regex(pattern)
    return regex is not None and regex.match(path) is not None

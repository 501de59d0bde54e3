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

Matching one segment takes time linear in the length of the name, whatever the
pattern (the pattern and the repository may be hostile). A glob is cut at its stars
into chunks of fixed length (``?`` is any one character): the first chunk must start
the name, the last must end it, and each chunk between is taken at its leftmost
place after the one before. Taking a chunk later can only leave less room for the
rest, so no choice is ever revisited. No regular expression here has more than one
unbounded repetition, so none can backtrack more than once over the name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

ANY = "\0"
"""A ``?`` inside a chunk (a path component never contains NUL, so it cannot be literal)."""


def _chunk_regex(chunk: str) -> str:
    return "".join("." if c == ANY else re.escape(c) for c in chunk)


def _always(name: str) -> bool:
    return True


def _at(chunk: str) -> Callable[[str, int], object]:
    """Whether ``chunk`` occurs in a name at a position."""
    if ANY not in chunk:
        return lambda name, pos: name.startswith(chunk, pos)
    match = re.compile(_chunk_regex(chunk), re.DOTALL).match
    return lambda name, pos: match(name, pos)


def _find(chunk: str) -> Callable[[str, int, int], int]:
    """Where ``chunk`` first occurs wholly within ``name[start:end]`` (-1: nowhere)."""
    if ANY not in chunk:
        return lambda name, start, end: name.find(chunk, start, end)
    size = len(chunk)
    if chunk == ANY * size:
        return lambda name, start, end: start if end - start >= size else -1
    search = re.compile(_chunk_regex(chunk), re.DOTALL).search

    def find(name: str, start: int, end: int) -> int:
        found = search(name, start, end)
        return found.start() if found else -1

    return find


def _matcher(chunks: tuple[str, ...]) -> Callable[[str], object]:
    """A function telling (truthy or falsy) whether a whole name matches the chunks."""
    if len(chunks) <= 2:
        # no star, or one: a single unbounded repetition cannot backtrack more than once
        if chunks == ("", ""):
            return _always
        head, tail = chunks[0], chunks[-1]
        if len(chunks) == 2 and ANY not in head and ANY not in tail:
            need = len(head) + len(tail)
            return lambda name: len(name) >= need and name.startswith(head) and name.endswith(tail)
        return re.compile("[^/]*".join(_chunk_regex(c) for c in chunks), re.DOTALL).fullmatch
    head, *middle, tail = chunks
    at_head, at_tail = _at(head), _at(tail)
    finders = [(_find(c), len(c)) for c in middle]
    head_size, tail_size = len(head), len(tail)
    need = sum(len(c) for c in chunks)

    def match(name: str) -> bool:
        n = len(name)
        if n < need:
            return False
        if head_size and not at_head(name, 0):
            return False
        end = n - tail_size
        if tail_size and not at_tail(name, end):
            return False
        pos = head_size
        for find, size in finders:
            i = find(name, pos, end)
            if i < 0:
                return False
            pos = i + size
        return True

    return match


@dataclass(frozen=True)
class Glob:
    """A segment with wildcards, cut at its stars.

    ``chunks[0]`` starts the name and ``chunks[-1]`` ends it, with any run of
    characters between consecutive chunks; ``?`` is ``ANY`` inside a chunk. A glob
    without a star has one chunk. ``match(name)`` is truthy when the whole name matches.
    """

    chunks: tuple[str, ...]
    match: Callable[[str], object] = field(compare=False, repr=False)

    @classmethod
    def of(cls, chunks: tuple[str, ...]) -> Glob:
        return cls(chunks, _matcher(chunks))

    @property
    def stars(self) -> int:
        return len(self.chunks) - 1

    @property
    def is_star(self) -> bool:
        """A lone ``*`` (or a run of asterisks): any name."""
        return self.chunks == ("", "")

    @property
    def needle(self) -> str:
        """The longest run of plain characters (every matching name contains it)."""
        return max((run for chunk in self.chunks for run in chunk.split(ANY)), key=len)

    @property
    def regex_source(self) -> str:
        """The glob as a regular expression (safe to run only when ``stars <= 1``)."""
        return "[^/]*".join(_chunk_regex(c) for c in self.chunks)


@dataclass(frozen=True)
class Segment:
    """One path segment of a pattern: a literal, a glob or ``**``."""

    literal: str | None = None
    glob: Glob | None = None
    dstar: bool = False
    source: str = ""

    def matches(self, name: str) -> bool:
        if self.literal is not None:
            return name == self.literal
        assert self.glob is not None
        return bool(self.glob.match(name))


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
        glob = self.segments[0].glob
        return glob is not None and glob.is_star


def _compile_segment(raw: str) -> Segment:
    if raw == "**":
        return DSTAR
    if ANY in raw:  # no path component contains NUL: whatever else it says, this matches nothing
        return Segment(literal=raw, source=raw)
    chunks: list[str] = []
    current: list[str] = []
    wild = False
    i = 0
    while i < len(raw):
        c = raw[i]
        if c == "\\" and i + 1 < len(raw):
            i += 1
            current.append(raw[i])
        elif c == "*":
            while i + 1 < len(raw) and raw[i + 1] == "*":
                i += 1
            chunks.append("".join(current))
            current = []
            wild = True
        elif c == "?":
            current.append(ANY)
            wild = True
        else:
            current.append(c)
        i += 1
    chunks.append("".join(current))
    if not wild:
        return Segment(literal=chunks[0], source=raw)
    return Segment(glob=Glob.of(tuple(chunks)), source=raw)


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
    lone_star = last.glob is not None and last.glob.is_star
    descend = dir_only or not (anchored and lone_star)
    return CompiledPattern(text, anchored, tuple(segs), dir_only, descend)

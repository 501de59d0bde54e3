"""Glob patterns as the policy language uses them.

Patterns are anchored at the repository root and matched against POSIX paths:
``*`` and ``?`` stay within one path segment, ``**`` spans any number of
directories (``**/x`` matches ``x`` at any depth, ``docs/**`` everything under
``docs``), ``[abc]`` is a character class, ``{a,b}`` an alternative. Matching is
case-sensitive. A pattern that cannot be compiled raises :class:`GlobError`.

Globs come from policies, which come with pull requests, so matching is bounded for any
pattern. Braces are expanded up front, within :data:`MAX_EXPANSIONS` patterns and
:data:`MAX_BRACE_DEPTH` levels of nesting, for a glob of at most :data:`MAX_GLOB_LENGTH`
characters. Each expansion compiles to a regular expression that cannot backtrack
without bound: where a segment holds several ``*`` (or a pattern several ``**``), each
piece between them is matched at its leftmost place, once (the greedy wildcard rule,
which finds a match whenever there is one), through a lookahead, which Python's engine
never re-enters. Matching costs at most the path's length times the pattern's.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

MAGIC = re.compile(r"[*?\[{\\]")

MAX_GLOB_LENGTH = 1000
"""Characters in one glob."""
MAX_EXPANSIONS = 1000
"""Patterns one glob's braces may expand to (``{a,b}`` ten times is 1,024)."""
MAX_BRACE_DEPTH = 10
"""Levels of braces inside braces."""


class GlobError(ValueError):
    """A glob pattern that is not well formed; the message says why."""


def _shown(pattern: str, limit: int = 60) -> str:
    return repr(pattern if len(pattern) <= limit else pattern[:limit] + "...")


def _check_length(pattern: str) -> None:
    if len(pattern) > MAX_GLOB_LENGTH:
        raise GlobError(
            f"the glob is longer than {MAX_GLOB_LENGTH:,} characters ({len(pattern):,}): {_shown(pattern)}"
        )


@dataclass(frozen=True)
class Glob:
    """A compiled glob: :meth:`match` is truthy when the whole path matches."""

    pattern: str
    regexes: tuple[re.Pattern[str], ...]

    def match(self, path: str) -> re.Match[str] | None:
        for regex in self.regexes:
            found = regex.match(path)
            if found:
                return found
        return None


@functools.lru_cache(maxsize=4096)
def compile_glob(pattern: str) -> Glob:
    """The glob's matcher, braces included; :class:`GlobError` when it is not well formed."""
    return Glob(pattern, tuple(compile_simple(alt) for alt in dict.fromkeys(expand_braces(pattern))))


def validate_glob(pattern: str) -> None:
    compile_glob(pattern)


@functools.lru_cache(maxsize=4096)
def compile_simple(pattern: str) -> re.Pattern[str]:
    """The regular expression of a glob without braces (see :func:`expand_braces`)."""
    _check_length(pattern)
    try:
        return re.compile(_Translation(pattern).regex() + r"\Z", re.DOTALL)
    except re.error as exc:  # e.g. a reversed range [z-a]
        raise GlobError(f"{exc.msg} in {_shown(pattern)}") from None


# -- translation -------------------------------------------------------------------------------

_STAR = "*"
_GLOBSTAR = "**"
_SEP = "/"
_ANY = "[^/]"
_SEGMENT_RUN = "(?:[^/]*/)*"
"""Zero or more whole segments, each with its slash: what ``**/`` stands for."""


class _Translation:
    """One brace-free glob turned into a regular expression, segment by segment."""

    def __init__(self, pattern: str) -> None:
        if not pattern:
            raise GlobError("empty glob pattern")
        self.pattern = pattern
        self.groups = 0
        self.segments = self._segments(pattern[1:] if pattern.startswith("/") else pattern)

    def _segments(self, pattern: str) -> list[list[str] | str]:
        """Segments split at ``/``: ``**`` alone, or a list of one-character regexes and stars."""
        segments: list[list[str] | str] = []
        current: list[str] = []
        i, n = 0, len(pattern)
        while i < n:
            c = pattern[i]
            if c == "/" or (c == "\\" and pattern[i + 1 : i + 2] == "/"):
                segments.append(current)
                current = []
                i += 1 if c == "/" else 2
                continue
            if c == "*":
                run = 1
                while i + run < n and pattern[i + run] == "*":
                    run += 1
                at_end = i + run == n or pattern[i + run] == "/"
                if run == 1:
                    current.append(_STAR)
                elif run == 2 and not current and at_end:
                    current.append(_GLOBSTAR)
                else:
                    raise GlobError(f"'**' must be a whole path segment in {_shown(self.pattern)}")
                i += run
                continue
            if c == "?":
                current.append(_ANY)
            elif c == "[":
                j = _class_end(pattern, i)
                if j >= n:
                    raise GlobError(f"unclosed '[' in {_shown(self.pattern)}")
                current.append(_class_regex(pattern[i + 1 : j]))
                i = j
            elif c == "\\" and i + 1 < n:
                i += 1
                current.append(re.escape(pattern[i]))
            else:
                current.append(re.escape(c))
            i += 1
        segments.append(current)
        return [_GLOBSTAR if seg == [_GLOBSTAR] else seg for seg in segments]

    def _group(self) -> str:
        self.groups += 1
        return f"g{self.groups}"

    def _atomic(self, lazy_run: str, then: str) -> str:
        """``lazy_run`` then ``then`` at the first place it matches, never retried."""
        name = self._group()
        return f"(?=(?P<{name}>{lazy_run}{then}))(?P={name})"

    def _segment(self, tokens: list[str]) -> str:
        chunks = [
            list(group) for is_star, group in itertools.groupby(tokens, lambda t: t == _STAR) if not is_star
        ]
        stars = tokens.count(_STAR)
        if tokens[:1] == [_STAR]:
            chunks.insert(0, [])
        if tokens[-1:] == [_STAR]:
            chunks.append([])
        if stars == 0:
            return "".join(tokens)
        first, *middle, last = ("".join(chunk) for chunk in chunks)
        return first + "".join(self._atomic("[^/]*?", m) for m in middle) + "[^/]*" + last

    def regex(self) -> str:
        segments = self.segments
        out: list[str] = []
        k, n = 0, len(segments)
        while k < n:
            seg = segments[k]
            if seg != _GLOBSTAR:
                out.append(self._segment(seg) + ("" if k == n - 1 else "/"))  # type: ignore[arg-type]
                k += 1
                continue
            if k == n - 1:
                out.append(".*")  # a trailing ** takes the rest, slashes included
                break
            following = next((m for m in range(k + 1, n) if segments[m] == _GLOBSTAR), None)
            if following == k + 1:
                k += 1  # **/** is **
                continue
            if following is None:
                out.append(_SEGMENT_RUN)  # the segments after it are anchored at the end
                k += 1
                continue
            # segments between two ** : found at their first place, once
            run = "".join(self._segment(s) + "/" for s in segments[k + 1 : following])  # type: ignore[arg-type]
            out.append(self._atomic("(?:[^/]*/)*?", run))
            k = following
        return "".join(out)


def _class_regex(body: str) -> str:
    if body.startswith(("!", "^")):
        body = "^" + body[1:]
    body = body.replace("\\", "\\\\")
    for special in "[&~|":  # literal in a glob class, set operators to Python's re
        body = body.replace(special, "\\" + special)
    return "(?!/)[" + body + "]"  # like * and ?, a class never matches /


# -- braces ------------------------------------------------------------------------------------


def expand_braces(pattern: str) -> list[str]:
    """``a.{yml,yaml}`` -> ``['a.yml', 'a.yaml']`` (nested braces expand too).

    Escaped characters (``\\{``) and characters inside a ``[...]`` class are literal,
    as in :func:`compile_glob`. At most :data:`MAX_EXPANSIONS` results and
    :data:`MAX_BRACE_DEPTH` levels of nesting; a longer or deeper glob is a
    :class:`GlobError`, found before anything is expanded.
    """
    _check_length(pattern)
    if "{" not in pattern:
        return [pattern]
    return _expand(_parse_braces(pattern))


_Seq = list["str | _Alt"]


@dataclass
class _Alt:
    options: list[_Seq]
    count: int


def _parse_braces(pattern: str) -> _Seq:
    """The pattern as text and alternatives (iteratively: nesting cannot overflow a stack)."""
    root: _Seq = []
    current = root
    stack: list[tuple[_Seq, list[_Seq]]] = []  # (the sequence an open brace sits in, its options so far)
    last = 0
    for i, c in _brace_tokens(pattern):
        if i > last:
            current.append(pattern[last:i])
        last = i + 1
        if c == "{":
            if len(stack) >= MAX_BRACE_DEPTH:
                raise GlobError(f"braces nested more than {MAX_BRACE_DEPTH} deep in {_shown(pattern)}")
            stack.append((current, []))
            current = []
        elif c == "," and stack:
            stack[-1][1].append(current)
            current = []
        elif c == "}" and stack:
            parent, options = stack.pop()
            options.append(current)
            count = sum(_count(option, pattern) for option in options)
            if count > MAX_EXPANSIONS:
                raise _too_many(pattern)
            parent.append(_Alt(options, count))
            current = parent
        else:  # a , or } outside braces is literal
            current.append(c)
    if stack:
        raise GlobError(f"unclosed '{{' in {_shown(pattern)}")
    if last < len(pattern):
        root.append(pattern[last:])
    _count(root, pattern)
    return root


def _count(seq: _Seq, pattern: str) -> int:
    total = 1
    for item in seq:
        if isinstance(item, _Alt):
            total *= item.count
            if total > MAX_EXPANSIONS:
                raise _too_many(pattern)
    return total


def _too_many(pattern: str) -> GlobError:
    return GlobError(f"the braces expand to more than {MAX_EXPANSIONS:,} patterns in {_shown(pattern)}")


def _expand(seq: _Seq) -> list[str]:
    out = [""]
    for item in seq:
        if isinstance(item, _Alt):
            choices = [text for option in item.options for text in _expand(option)]
            out = [head + choice for head in out for choice in choices]
        else:
            out = [head + item for head in out]
    return out


def _brace_tokens(pattern: str) -> Iterator[tuple[int, str]]:
    """Positions of ``{``, ``}`` and ``,`` that are neither escaped nor inside a class."""
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            j = _class_end(pattern, i)
            if j < n:
                i = j + 1
                continue
        if c in "{},":
            yield i, c
        i += 1


class PathIndex:
    """Answers glob queries over a fixed file list without testing every path.

    Literal patterns are set look-ups; otherwise the candidates are narrowed by the
    literal directory prefix, the literal file name or the file extension before
    any regular expression runs. Results are cached per pattern.
    """

    def __init__(self, files: Sequence[str], folders: Callable[[], Iterable[str]] | None = None) -> None:
        """``folders``, when given, answers every folder that holds a file (the snapshot knows)."""
        self._files = sorted(files)
        self._folders_of = folders
        self._set = frozenset(self._files)
        # by file name: most names occur once, so a plain dictionary built in one C-level pass
        # answers them; names that occur more often get the list of their paths
        names = [path.rpartition("/")[2] for path in self._files]
        self._by_name_one: dict[str, str] = dict(zip(names, self._files, strict=True))
        self._by_name_many: dict[str, list[str]] = {}
        if len(self._by_name_one) != len(names):
            repeated = {name for name, count in Counter(names).items() if count > 1}
            for name, path in zip(names, self._files, strict=True):
                if name in repeated:
                    self._by_name_many.setdefault(name, []).append(path)
        self._by_ext: dict[str, list[str]] = defaultdict(list)
        self._no_ext: list[str] = []
        for name, path in zip(names, self._files, strict=True):
            dot = name.rfind(".")
            if dot >= 0:
                self._by_ext[name[dot:]].append(path)
            else:
                self._no_ext.append(path)
        self._cache: dict[str, tuple[str, ...]] = {}
        self._joined: str | None = None
        self._top: list[str] | None = None
        self._folder_names: frozenset[str] | None = None

    def _named(self, name: str) -> list[str]:
        """The paths whose file name is ``name``, in order."""
        many = self._by_name_many.get(name)
        if many is not None:
            return many
        one = self._by_name_one.get(name)
        return [] if one is None else [one]

    def __contains__(self, path: object) -> bool:
        return path in self._set

    def named(self, name: str) -> list[str]:
        """The paths whose file name (last segment) is ``name``, sorted."""
        return list(self._named(name))

    def with_extension(self, extension: str) -> list[str]:
        """The paths whose file name ends in ``extension`` (``.json``: the part from its last dot)."""
        return list(self._by_ext.get(extension, ()))

    def by_extension(self) -> dict[str, list[str]]:
        """Every listed path by extension (the file name from its last dot; names without a dot
        under ``""``), each list sorted. The caller may not change the lists."""
        grouped = dict(self._by_ext)
        if self._no_ext:
            grouped[""] = self._no_ext
        return grouped

    def names_starting(self, prefix: str) -> list[str]:
        """The paths whose file name starts with ``prefix`` (not empty, no ``/``), sorted.

        Searched in one NUL-joined text of the listing (no path holds a NUL), so the cost is
        the hits', not one Python step per listed path.
        """
        if not prefix or "/" in prefix or "\0" in prefix:
            raise ValueError(f"not a file-name prefix: {prefix!r}")
        joined = self._joined_listing()
        found: set[str] = set()
        for mark in ("\0", "/"):
            needle = mark + prefix
            hit = joined.find(needle)
            while hit >= 0:
                end = joined.find("\0", hit + 1)
                if joined.find("/", hit + 1, end) < 0:  # in the last segment, not a folder's name
                    found.add(joined[joined.rfind("\0", 0, hit + 1) + 1 : end])
                hit = joined.find(needle, hit + 1)
        return sorted(found)

    def _joined_listing(self) -> str:
        """The listing as one text, each path between NULs (no path holds one)."""
        if self._joined is None:
            self._joined = "\0" + "\0".join(self._files) + "\0"
        return self._joined

    def folder_names(self) -> frozenset[str]:
        """Every name a folder has in some path (``a`` and ``b`` for ``a/b/c.txt``)."""
        self._has_folder("")
        assert self._folder_names is not None
        return self._folder_names

    def _has_folder(self, name: str) -> bool:
        """True when some path has a folder called ``name``."""
        if self._folder_names is None:
            if self._folders_of is not None:
                folders: Iterable[str] = self._folders_of()
            else:
                folders = {p.rpartition("/")[0] for p in self._files}
            self._folder_names = frozenset(part for folder in folders for part in folder.split("/"))
        return name in self._folder_names

    def match(self, patterns: Iterable[str]) -> list[str]:
        found: set[str] = set()
        for pattern in patterns:
            found.update(self._match_one(pattern))
        return sorted(found)

    def _match_one(self, pattern: str) -> tuple[str, ...]:
        cached = self._cache.get(pattern)
        if cached is None:
            result: set[str] = set()
            for alt in expand_braces(pattern.lstrip("/")):
                result.update(self._match_simple(alt))
            cached = tuple(sorted(result))
            self._cache[pattern] = cached
        return cached

    def _match_simple(self, pattern: str) -> list[str]:
        if not MAGIC.search(pattern):
            return [pattern] if pattern in self._set else []
        regex = compile_simple(pattern)
        segments = pattern.split("/")
        candidates: Sequence[str] = self._files
        prefix_parts: list[str] = []
        for seg in segments[:-1]:
            if MAGIC.search(seg):
                break
            prefix_parts.append(seg)
        if prefix_parts:
            prefix = "/".join(prefix_parts) + "/"
            lo = bisect.bisect_left(self._files, prefix)
            hi = bisect.bisect_left(self._files, prefix[:-1] + "0")  # '0' sorts right after '/'
            candidates = self._files[lo:hi]
        if len(segments) == 1 and segments[0] != "**":  # a file at the root: no folder to cross
            if self._top is None:
                self._top = [p for p in self._files if "/" not in p]
            candidates = self._top
        last = segments[-1]
        if not MAGIC.search(last):
            by_name = self._named(last)
            if pattern == "**/" + last:
                return list(by_name)
            if len(by_name) < len(candidates):
                candidates = by_name
        else:
            ext = _literal_extension(last)
            if ext is not None:
                by_ext = self._by_ext.get(ext, [])
                if pattern == "**/*" + ext and "." not in ext[1:]:
                    return list(by_ext)
                if len(by_ext) < len(candidates):
                    candidates = by_ext
        for seg in segments[len(prefix_parts) : -1]:
            if seg and not MAGIC.search(seg):  # a literal directory further down: a cheap filter
                if not self._has_folder(seg):
                    return []
                needle = "/" + seg + "/"
                candidates = [p for p in candidates if needle in "/" + p]
        return [p for p in candidates if regex.match(p)]


def _literal_extension(segment: str) -> str | None:
    """The extension every match of this last segment must have, if the pattern fixes one."""
    cut = max(segment.rfind(c) for c in "*?]")
    tail = segment[cut + 1 :]
    if "\\" in tail or "." not in tail:
        return None
    return tail[tail.rfind(".") :]


def _class_end(pattern: str, start: int) -> int:
    """Index of the ``]`` closing the class opened at ``start`` (``len(pattern)`` when unclosed).

    A ``]`` right after ``[`` or ``[!`` is a member, as in shell globs.
    """
    n = len(pattern)
    j = start + 1
    if j < n and pattern[j] in "!^":
        j += 1
    if j < n and pattern[j] == "]":
        j += 1
    while j < n and pattern[j] != "]":
        j += 1
    return j

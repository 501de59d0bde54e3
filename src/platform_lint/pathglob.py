"""Glob patterns as the policy language uses them.

Patterns are anchored at the repository root and matched against POSIX paths:
``*`` and ``?`` stay within one path segment, ``**`` spans any number of
directories (``**/x`` matches ``x`` at any depth, ``docs/**`` everything under
``docs``), ``[abc]`` is a character class, ``{a,b}`` an alternative. Matching is
case-sensitive. A pattern that cannot be compiled raises :class:`GlobError`.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

MAGIC = re.compile(r"[*?\[{\\]")


class GlobError(ValueError):
    """A glob pattern that is not well formed; the message says why."""


@functools.lru_cache(maxsize=4096)
def compile_glob(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(_translate(pattern) + r"\Z", re.DOTALL)
    except re.error as exc:  # e.g. a reversed range [z-a]
        raise GlobError(f"{exc.msg} in {pattern!r}") from None


def validate_glob(pattern: str) -> None:
    compile_glob(pattern)


def _translate(pattern: str) -> str:
    if not pattern:
        raise GlobError("empty glob pattern")
    if pattern.startswith("/"):
        pattern = pattern[1:]
    out: list[str] = []
    i, n = 0, len(pattern)
    depth = 0
    while i < n:
        c = pattern[i]
        if c == "*":
            if pattern.startswith("**", i):
                before_ok = i == 0 or pattern[i - 1] == "/"
                after = pattern[i + 2 : i + 3]
                if before_ok and after == "/":
                    out.append(r"(?:[^/]*/)*")
                    i += 3
                    continue
                if before_ok and after == "":
                    out.append(r".*")
                    i += 2
                    continue
                raise GlobError(f"'**' must be a whole path segment in {pattern!r}")
            out.append(r"[^/]*")
        elif c == "?":
            out.append(r"[^/]")
        elif c == "[":
            j = _class_end(pattern, i)
            if j >= n:
                raise GlobError(f"unclosed '[' in {pattern!r}")
            body = pattern[i + 1 : j]
            if body.startswith(("!", "^")):
                body = "^" + body[1:]
            body = body.replace("\\", "\\\\")
            for special in "[&~|":  # literal in a glob class, set operators to Python's re
                body = body.replace(special, "\\" + special)
            out.append("(?!/)[" + body + "]")  # like * and ?, a class never matches /
            i = j
        elif c == "{":
            depth += 1
            out.append("(?:")
        elif c == "}" and depth:
            depth -= 1
            out.append(")")
        elif c == "," and depth:
            out.append("|")
        elif c == "\\" and i + 1 < n:
            i += 1
            out.append(re.escape(pattern[i]))
        else:
            out.append(re.escape(c))
        i += 1
    if depth:
        raise GlobError(f"unclosed '{{' in {pattern!r}")
    return "".join(out)


def expand_braces(pattern: str) -> list[str]:
    """``a.{yml,yaml}`` -> ``['a.yml', 'a.yaml']`` (nested braces expand too).

    Escaped characters (``\\{``) and characters inside a ``[...]`` class are literal,
    as in :func:`compile_glob`.
    """
    tokens = list(_brace_tokens(pattern))
    start = next((i for i, c in tokens if c == "{"), -1)
    if start < 0:
        return [pattern]
    depth = 0
    parts: list[str] = []
    last = start + 1
    for i, c in tokens:
        if i < start:
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                parts.append(pattern[last:i])
                head, tail = pattern[:start], pattern[i + 1 :]
                out: list[str] = []
                for part in parts:
                    out.extend(expand_braces(head + part + tail))
                return out
        elif c == "," and depth == 1:
            parts.append(pattern[last:i])
            last = i + 1
    raise GlobError(f"unclosed '{{' in {pattern!r}")


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

    def __init__(self, files: Sequence[str]) -> None:
        self._files = sorted(files)
        self._set = frozenset(self._files)
        self._by_name: dict[str, list[str]] = defaultdict(list)
        self._by_ext: dict[str, list[str]] = defaultdict(list)
        for path in self._files:
            name = path.rpartition("/")[2]
            self._by_name[name].append(path)
            dot = name.rfind(".")
            if dot >= 0:
                self._by_ext[name[dot:]].append(path)
        self._cache: dict[str, tuple[str, ...]] = {}
        self._dirs: frozenset[str] | None = None

    @property
    def _dir_names(self) -> frozenset[str]:
        """Every directory name that occurs in some path (built on first use)."""
        if self._dirs is None:
            parents = {p.rpartition("/")[0] for p in self._files}
            self._dirs = frozenset(name for parent in parents for name in parent.split("/"))
        return self._dirs

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
        regex = compile_glob(pattern)
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
        last = segments[-1]
        if not MAGIC.search(last):
            by_name = self._by_name.get(last, [])
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
                if seg not in self._dir_names:
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

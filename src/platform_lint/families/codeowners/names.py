"""The rules that match one path component at any depth (``*.py``, ``Makefile``, ``docs/``).

They are looked up by exact name, by literal suffix (``*.py``) and by literal prefix
(``Dockerfile*``); only the other globs are tried, and each answer is memoised per
distinct name. Globs with one star at most are tried together first as one regular
expression (one unbounded repetition each, so it cannot backtrack more than once over
a name); globs with more stars are tried one by one with the linear glob matcher, and
only on names that hold one of their plain runs (one search for all of them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from platform_lint.families.codeowners.pattern import ANY, Glob, Segment

_NONE = -1
_NO_BEST = (_NONE, _NONE)
Rules = tuple[int, ...]


def _bests(rules: list[int], dir_only: set[int]) -> tuple[int, int]:
    """The last of the rules that can match a file, and the last of all (-1: none)."""
    as_file = [r for r in rules if r not in dir_only]
    return (max(as_file) if as_file else _NONE, max(rules) if rules else _NONE)


class NameIndex:
    """Built from ``(rule index, segment, directories only)`` of each one-segment pattern."""

    def __init__(self, entries: Iterable[tuple[int, Segment, bool]]) -> None:
        lit: dict[str, list[int]] = {}
        suffix: dict[str, list[int]] = {}
        prefix: dict[str, list[int]] = {}
        other: dict[tuple[str, ...], tuple[Glob, list[int]]] = {}
        self._dir_only: set[int] = set()
        for rule, seg, dir_only in entries:
            if dir_only:
                self._dir_only.add(rule)
            if seg.literal is not None:
                lit.setdefault(seg.literal, []).append(rule)
                continue
            glob = seg.glob
            assert glob is not None
            head, tail = glob.chunks[0], glob.chunks[-1]
            plain = glob.stars == 1 and ANY not in head and ANY not in tail
            if plain and not head and tail:
                suffix.setdefault(tail, []).append(rule)
            elif plain and not tail:
                prefix.setdefault(head, []).append(rule)
            else:
                other.setdefault(glob.chunks, (glob, []))[1].append(rule)
        self._lit, self._suffix, self._prefix = lit, suffix, prefix
        self._suffix_lengths = sorted({len(k) for k in suffix})
        self._prefix_lengths = sorted({len(k) for k in prefix})
        safe = [(g, rules) for g, rules in other.values() if g.stars <= 1]
        self._safe = [(g.match, g.needle, rules) for g, rules in safe]
        # one alternation tried first: most names match none of the leftover globs
        self._any_safe = (
            re.compile("|".join(f"(?:{g.regex_source})" for g, _ in safe), re.DOTALL).fullmatch
            if safe
            else None
        )
        starry = [(g.match, g.needle, rules) for g, rules in other.values() if g.stars > 1]
        self._starry = [entry for entry in starry if entry[1]]
        self._any_needle = (
            re.compile("|".join(re.escape(n) for n in sorted({e[1] for e in self._starry}))).search
            if self._starry
            else None
        )
        self._starry_always = [entry for entry in starry if not entry[1]]
        self._has_globs = bool(other)
        self._rules: dict[str, tuple[Rules, int, Rules, int]] = {}
        # Without leftover globs, a name no literal rule names is matched by its first and last
        # few characters only (the longest prefix and suffix rules): answers are shared by all
        # names alike there, so unique file names do not cost one look-up each
        self._head = max(self._prefix_lengths, default=0)
        self._tail = max(self._suffix_lengths, default=0)
        self._by_ends: dict[tuple[str, str], tuple[Rules, int, Rules, int]] = {}
        self.literals = frozenset(lit)
        """Names a literal rule names (``Makefile``, ``docs``)."""
        self.constant: tuple[Rules, int, Rules, int] | None = None
        """What :meth:`rules` answers for every name not in :attr:`literals`, when that answer is
        the same for all of them (no globs, no suffix rules, no prefix but the empty one of ``*``)."""
        if not (self._has_globs or self._head or self._tail):
            self.constant = self.rules("/")  # no name holds a slash: matched by no literal rule
        self.known_best: dict[str, tuple[int, int]] = {}
        """``best`` answers so far, by name (a caller in a loop may look here first)."""
        # the last rule of each lookup, for a file and for a directory
        self._lit_best = {k: _bests(v, self._dir_only) for k, v in lit.items()}
        self._suffix_best = {k: _bests(v, self._dir_only) for k, v in suffix.items()}
        self._prefix_best = {k: _bests(v, self._dir_only) for k, v in prefix.items()}

    def _globbed(self, name: str) -> list[int]:
        """The rules of the leftover globs (neither a suffix nor a prefix) matching ``name``."""
        found: list[int] = []
        if self._any_safe is not None and self._any_safe(name):
            for match, needle, rules in self._safe:
                if needle in name and match(name):
                    found.extend(rules)
        if self._any_needle is not None and self._any_needle(name):
            for match, needle, rules in self._starry:
                if needle in name and match(name):
                    found.extend(rules)
        for match, _, rules in self._starry_always:
            if match(name):
                found.extend(rules)
        return found

    def rules(self, name: str) -> tuple[Rules, int, Rules, int]:
        """Rules matching a component: (for a file, the last), (for a directory, the last)."""
        hit = self._rules.get(name)
        if hit is not None:
            return hit
        if not self._has_globs and name not in self._lit:
            ends = (name[: self._head], name[len(name) - self._tail :] if self._tail else "")
            hit = self._by_ends.get(ends)
            if hit is None:
                hit = self._by_ends[ends] = self._look_up(name)
            return hit
        hit = self._rules[name] = self._look_up(name)
        return hit

    def _look_up(self, name: str) -> tuple[Rules, int, Rules, int]:
        found: list[int] = list(self._lit.get(name, ()))
        n = len(name)
        for length in self._suffix_lengths:
            if length > n:
                break
            found.extend(self._suffix.get(name[n - length :], ()))
        for length in self._prefix_lengths:
            if length > n:
                break
            found.extend(self._prefix.get(name[:length], ()))
        if self._has_globs:
            found.extend(self._globbed(name))
        found.sort()
        as_dir = tuple(found)
        as_file = tuple(r for r in found if r not in self._dir_only) if self._dir_only else as_dir
        return (as_file, as_file[-1] if as_file else _NONE, as_dir, as_dir[-1] if as_dir else _NONE)

    def best(self, name: str) -> tuple[int, int]:
        """Only the last rule matching a component as a file, and as a directory (-1: none)."""
        hit = self.known_best.get(name)
        if hit is not None:
            return hit
        file_best, dir_best = self._lit_best.get(name, _NO_BEST)
        n = len(name)
        table = self._suffix_best
        for length in self._suffix_lengths:
            if length > n:
                break
            found = table.get(name[n - length :])
            if found is not None:
                if found[0] > file_best:
                    file_best = found[0]
                if found[1] > dir_best:
                    dir_best = found[1]
        table = self._prefix_best
        for length in self._prefix_lengths:
            if length > n:
                break
            found = table.get(name[:length])
            if found is not None:
                if found[0] > file_best:
                    file_best = found[0]
                if found[1] > dir_best:
                    dir_best = found[1]
        if self._has_globs:
            globbed = self._globbed(name)
            if globbed:
                as_file, as_dir = _bests(globbed, self._dir_only)
                file_best, dir_best = max(file_best, as_file), max(dir_best, as_dir)
        hit = self.known_best[name] = (file_best, dir_best)
        return hit

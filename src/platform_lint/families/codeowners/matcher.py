"""Ownership for every file at once, without trying each rule's regex on each path.

Two kinds of rules are indexed separately:

- *name rules* (unanchored, one segment: ``*.py``, ``Makefile``, ``docs/``) match
  one path component. They are looked up by exact name, by literal suffix
  (``*.py``), by literal prefix (``Dockerfile*``), and only the rest is tried as a
  regex; the answer is memoised per distinct component name.
- *anchored rules* (``/src/api/``, ``services/*/docs``, ``**/logs/x``) are run as a
  set of (rule, position) states walked down the directory tree: a directory's
  states are derived once from its parent's, dispatched through a dict keyed by
  the literal segment the state expects next.

Each directory is resolved once: the best rule that owns it (and so everything
below it) is inherited by its children; a file then only adds the rules that
match the file itself. The last matching rule wins. While walking, the index
records which rules match at least one file, how many files each rule decides,
and, for rules that match files but decide none, which later rules took them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import repeat

from platform_lint.families.codeowners.pattern import CompiledPattern

_NONE = -1
State = tuple[int, int]  # (rule index, next segment position)


@dataclass(frozen=True)
class Resolution:
    """``winners[i]`` is the index of the rule deciding ``paths[i]`` (-1: no rule matched)."""

    paths: tuple[str, ...]
    winners: tuple[int, ...]
    matched: tuple[bool, ...]
    decided: tuple[int, ...]
    shadowed_by: tuple[tuple[int, ...], ...]


def _longest_literal(glob: str) -> str:
    """The longest run of plain characters of a glob segment (every match contains it)."""
    runs: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(glob):
        c = glob[i]
        if c == "\\" and i + 1 < len(glob):
            current.append(glob[i + 1])
            i += 2
            continue
        if c in "*?":
            runs.append("".join(current))
            current = []
        else:
            current.append(c)
        i += 1
    runs.append("".join(current))
    return max(runs, key=len)


class _Dispatch:
    """The states of one directory, arranged for stepping into a child named ``name``."""

    __slots__ = ("fin_lit", "fin_wild", "lit", "stay", "wild")

    def __init__(self, states: Iterable[State], index: OwnershipIndex) -> None:
        self.lit: dict[str, list[State]] = {}
        self.wild: list[tuple[object, int, int]] = []
        self.stay: list[State] = []
        self.fin_lit: dict[str, list[int]] = {}
        self.fin_wild: list[tuple[object, int]] = []
        for rule, pos in states:
            seg = index.patterns[rule].segments[pos]
            final = pos + 1 == index.lengths[rule]
            if seg.dstar:
                self.stay.append((rule, pos))
            elif seg.literal is not None:
                self.lit.setdefault(seg.literal, []).append((rule, pos + 1))
                if final and index.patterns[rule].files:
                    self.fin_lit.setdefault(seg.literal, []).append(rule)
            else:
                assert seg.regex is not None
                self.wild.append((seg.regex.fullmatch, rule, pos + 1))
                if final and index.patterns[rule].files:
                    self.fin_wild.append((seg.regex.fullmatch, rule))


@dataclass
class _Dir:
    dispatch: _Dispatch
    best: int
    owning: tuple[int, ...]  # every rule owning this directory (ancestors included)


class _PatternView:
    """What the matcher needs of a pattern (``files``: can match a file by its own path)."""

    __slots__ = ("descend", "files", "segments")

    def __init__(self, pattern: CompiledPattern) -> None:
        self.segments = pattern.segments
        self.descend = pattern.descend
        self.files = not pattern.dir_only


class OwnershipIndex:
    """Built once from the rules in file order; ``resolve`` answers for many paths."""

    def __init__(self, patterns: Sequence[CompiledPattern]) -> None:
        self.patterns = [_PatternView(p) for p in patterns]
        self.lengths = [len(p.segments) for p in patterns]
        self._lit: dict[str, list[int]] = {}
        self._suffix: dict[str, list[int]] = {}
        self._prefix: dict[str, list[int]] = {}
        self._other: dict[str, tuple[object, str, list[int]]] = {}
        self._dir_only = [p.dir_only for p in patterns]
        root_states: list[State] = []
        floating: list[State] = []
        for i, p in enumerate(patterns):
            if p.never:
                continue
            if p.anchored and p.segments[0].dstar:
                floating.append((i, 1))  # '**/a/b': may start at any depth
                continue
            if p.anchored:
                self._add(root_states, i, 0)
                continue
            seg = p.segments[0]
            if seg.literal is not None:
                self._lit.setdefault(seg.literal, []).append(i)
                continue
            src = seg.source
            body = src.lstrip("*")
            if src.startswith("*") and body and not any(c in body for c in "*?\\"):
                self._suffix.setdefault(body, []).append(i)
            elif src.endswith("*") and not any(c in src.rstrip("*") for c in "*?\\"):
                self._prefix.setdefault(src.rstrip("*"), []).append(i)
            else:
                assert seg.regex is not None
                entry = self._other.get(seg.regex.pattern)
                if entry is None:
                    entry = self._other[seg.regex.pattern] = (seg.regex.fullmatch, _longest_literal(src), [])
                entry[2].append(i)
        self._others = list(self._other.values())
        # one alternation tried first: most names match none of the leftover globs
        self._any_other = (
            re.compile("|".join(f"(?:{src})" for src in self._other), re.DOTALL).fullmatch
            if self._other
            else None
        )
        self._suffix_lengths = sorted({len(k) for k in self._suffix})
        self._prefix_lengths = sorted({len(k) for k in self._prefix})
        self._dispatch_cache: dict[tuple[State, ...], _Dispatch] = {}
        self._step_cache: dict[tuple[int, str], tuple[_Dispatch, tuple[int, ...]]] = {}
        self._float = _Dispatch(floating, self)
        self._float_steps: dict[str, tuple[list[State], tuple[int, ...]]] = {}
        self._root = _Dir(self._dispatch(root_states), _NONE, ())
        self._names: dict[str, tuple[tuple[int, ...], int, tuple[int, ...], int]] = {}

    # -- building blocks ------------------------------------------------------

    def _add(self, out: list[State], rule: int, pos: int, done: list[int] | None = None) -> None:
        if pos == self.lengths[rule]:
            if done is not None:
                done.append(rule)
            return
        out.append((rule, pos))
        if self.patterns[rule].segments[pos].dstar:
            self._add(out, rule, pos + 1, done)

    def _dispatch(self, states: list[State]) -> _Dispatch:
        key = tuple(sorted(set(states)))
        cached = self._dispatch_cache.get(key)
        if cached is None:
            cached = self._dispatch_cache[key] = _Dispatch(key, self)
        return cached

    def _name_rules(self, name: str) -> tuple[tuple[int, ...], int, tuple[int, ...], int]:
        """Name rules matching a component: (for a file, best), (for a directory, best)."""
        hit = self._names.get(name)
        if hit is not None:
            return hit
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
        if self._any_other is not None and self._any_other(name):
            for fullmatch, needle, rules in self._others:
                if needle in name and fullmatch(name):  # type: ignore[operator]
                    found.extend(rules)
        found.sort()
        as_dir = tuple(found)
        as_file = tuple(r for r in found if not self._dir_only[r])
        hit = (as_file, as_file[-1] if as_file else _NONE, as_dir, as_dir[-1] if as_dir else _NONE)
        self._names[name] = hit
        return hit

    def _step_dir(self, parent: _Dir, name: str) -> tuple[_Dispatch, tuple[int, ...]]:
        """The states after entering directory ``name``, and the rules completed there (memoised)."""
        d = parent.dispatch
        key = (id(d), name)
        hit = self._step_cache.get(key)
        if hit is not None:
            return hit
        states: list[State] = []
        done: list[int] = []
        for rule, pos in d.lit.get(name, ()):
            self._add(states, rule, pos, done)
        for fullmatch, rule, pos in d.wild:
            if fullmatch(name):  # type: ignore[operator]
                self._add(states, rule, pos, done)
        for rule, pos in d.stay:
            self._add(states, rule, pos, done)
        float_states, float_done = self._float_step(name)
        if float_states:
            states.extend(float_states)
        hit = self._step_cache[key] = (self._dispatch(states), (*done, *float_done))
        return hit

    def _float_step(self, name: str) -> tuple[list[State], tuple[int, ...]]:
        """Rules starting with ``**/`` advanced by a directory ``name`` (at any depth)."""
        hit = self._float_steps.get(name)
        if hit is None:
            states: list[State] = []
            done: list[int] = []
            for rule, pos in self._float.lit.get(name, ()):
                self._add(states, rule, pos, done)
            for fullmatch, rule, pos in self._float.wild:
                if fullmatch(name):  # type: ignore[operator]
                    self._add(states, rule, pos, done)
            hit = self._float_steps[name] = (states, tuple(done))
        return hit

    def _file_rules(self, d: _Dispatch, name: str) -> list[int]:
        """Anchored rules completed by a file ``name`` in a directory with dispatch ``d``."""
        out = list(d.fin_lit.get(name, ()))
        for fullmatch, rule in d.fin_wild:
            if fullmatch(name):  # type: ignore[operator]
                out.append(rule)
        f = self._float
        if f.fin_lit or f.fin_wild:
            out.extend(f.fin_lit.get(name, ()))
            for fullmatch, rule in f.fin_wild:
                if fullmatch(name):  # type: ignore[operator]
                    out.append(rule)
        return out

    # -- resolution -----------------------------------------------------------

    def resolve(self, paths: Iterable[str]) -> Resolution:
        """Who decides each path, which rules match at all, and which later rules shadow which."""
        paths = tuple(paths)
        count = len(self.patterns)
        dirs: dict[str, _Dir] = {"": self._root}
        winners: list[int] = []
        # (rule, winner) for every rule matching a file; rule == winner when it decides it
        pairs: set[tuple[int, int]] = set()
        add_pairs = pairs.update
        seen_dir_winner: set[tuple[int, int]] = set()
        seen_file_sets: set[tuple[tuple[int, ...], int]] = set()
        name_cache = self._names
        name_rules = self._name_rules
        file_rules_of = self._file_rules
        has_float_files = bool(self._float.fin_lit or self._float.fin_wild)

        def directory(path: str) -> _Dir:
            node = dirs.get(path)
            if node is not None:
                return node
            parent_path, _, name = path.rpartition("/")
            parent = directory(parent_path)
            dispatch, done = self._step_dir(parent, name)
            owning = set(parent.owning)
            owning.update(r for r in done if self.patterns[r].descend)
            owning.update(name_rules(name)[2])
            node = _Dir(dispatch, max(owning) if owning else _NONE, tuple(sorted(owning)))
            dirs[path] = node
            return node

        for path in paths:
            parent_path, _, name = path.rpartition("/")
            node = dirs.get(parent_path) or directory(parent_path)
            d = node.dispatch
            hit = name_cache.get(name) or name_rules(name)
            if d.fin_lit or d.fin_wild or has_float_files:
                own = file_rules_of(d, name)
                own.extend(hit[0])
            else:
                own = hit[0]  # type: ignore[assignment]
            best = node.best
            if own:
                top = max(own)
                if top > best:
                    best = top
                file_key = (tuple(own), best)  # many files share the same matching rules: record once
                if file_key not in seen_file_sets:
                    seen_file_sets.add(file_key)
                    add_pairs(zip(own, repeat(best)))
            winners.append(best)
            if best != _NONE and node.owning:
                key = (id(node), best)
                if key not in seen_dir_winner:
                    seen_dir_winner.add(key)
                    add_pairs(zip(node.owning, repeat(best)))
        decided = [0] * count
        for winner, n in Counter(winners).items():
            if winner != _NONE:
                decided[winner] = n
        matched = [False] * count
        shadowers: dict[int, set[int]] = {}
        for rule, winner in pairs:
            matched[rule] = True
            if rule != winner and decided[rule] == 0:
                shadowers.setdefault(rule, set()).add(winner)
        shadowed_by = tuple(tuple(sorted(shadowers.get(i, ()))) for i in range(count))
        return Resolution(paths, tuple(winners), tuple(matched), tuple(decided), shadowed_by)

    def owner_of_directory(self, path: str) -> int:
        """The rule owning everything under a directory such as ``foo/bar`` (-1: none)."""
        node = self._root
        for name in [p for p in path.strip("/").split("/") if p]:
            dispatch, done = self._step_dir(node, name)
            owning = set(node.owning)
            owning.update(r for r in done if self.patterns[r].descend)
            owning.update(self._name_rules(name)[2])
            node = _Dir(dispatch, max(owning) if owning else _NONE, tuple(sorted(owning)))
        return node.best

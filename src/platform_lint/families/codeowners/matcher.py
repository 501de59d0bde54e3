"""Ownership for every file at once, without trying each rule on each path.

Two kinds of rules are indexed separately:

- *name rules* (unanchored, one segment: ``*.py``, ``Makefile``, ``docs/``) match
  one path component. They are looked up by exact name, by literal suffix
  (``*.py``), by literal prefix (``Dockerfile*``), and only the rest is tried as a
  glob; the answer is memoised per distinct component name.
- *anchored rules* (``/src/api/``, ``services/*/docs``, ``**/logs/x``) are run as a
  set of (rule, position) states walked down the directory tree: a directory's
  states are derived once from its parent's, dispatched through a dict keyed by
  the literal segment the state expects next.

Each directory is resolved once: the best rule that owns it (and so everything
below it) is inherited by its children; a file then only adds the rules that
match the file itself. The last matching rule wins. While walking, the index
records which rules match at least one file, how many files each rule decides,
and, for rules that match files but decide none, which later rules took them.

Hostile input stays bounded: directories are entered with a loop, never by
recursion, so a path may be any depth; a directory holds at most one state per
pattern segment; and each glob matches in time linear in the name (see
``pattern``). Globs with one star at most are also tried together as one regular
expression (one unbounded repetition each: it cannot backtrack more than once);
globs with more stars are tried one by one, after a check for their longest plain
run.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import TypeVar

from platform_lint.families.codeowners.pattern import ANY, CompiledPattern, Glob

_NONE = -1
State = tuple[int, int]  # (rule index, next segment position)
Match = Callable[[str], object]
_N = TypeVar("_N")


@dataclass(frozen=True)
class Resolution:
    """``winners[i]`` is the index of the rule deciding ``paths[i]`` (-1: no rule matched)."""

    paths: tuple[str, ...]
    winners: tuple[int, ...]
    matched: tuple[bool, ...]
    decided: tuple[int, ...]
    shadowed_by: tuple[tuple[int, ...], ...]


class _Dispatch:
    """The states of one directory, arranged for stepping into a child named ``name``."""

    __slots__ = ("fin_lit", "fin_wild", "lit", "stay", "wild")

    def __init__(self, states: Iterable[State], index: OwnershipIndex) -> None:
        self.lit: dict[str, list[State]] = {}
        self.wild: list[tuple[Match, int, int]] = []
        self.stay: list[State] = []
        self.fin_lit: dict[str, list[int]] = {}
        self.fin_wild: list[tuple[Match, int]] = []
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
                assert seg.glob is not None
                self.wild.append((seg.glob.match, rule, pos + 1))
                if final and index.patterns[rule].files:
                    self.fin_wild.append((seg.glob.match, rule))


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
        other: dict[tuple[str, ...], tuple[Glob, list[int]]] = {}
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
            glob = seg.glob
            assert glob is not None
            head, tail = glob.chunks[0], glob.chunks[-1]
            plain = glob.stars == 1 and ANY not in head and ANY not in tail
            if plain and not head and tail:
                self._suffix.setdefault(tail, []).append(i)
            elif plain and not tail:
                self._prefix.setdefault(head, []).append(i)
            else:
                other.setdefault(glob.chunks, (glob, []))[1].append(i)
        safe = [(g, rules) for g, rules in other.values() if g.stars <= 1]
        self._safe = [(g.match, g.needle, rules) for g, rules in safe]
        # one alternation tried first: most names match none of the leftover globs
        self._any_safe = (
            re.compile("|".join(f"(?:{g.regex_source})" for g, _ in safe), re.DOTALL).fullmatch
            if safe
            else None
        )
        self._starry = [(g.match, g.needle, rules) for g, rules in other.values() if g.stars > 1]
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
        """Add the state (rule, pos), and the states after it while its segment is ``**``."""
        segments, length = self.patterns[rule].segments, self.lengths[rule]
        while pos < length:
            out.append((rule, pos))
            if not segments[pos].dstar:
                return
            pos += 1
        if done is not None:
            done.append(rule)

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
        if self._any_safe is not None and self._any_safe(name):
            for match, needle, rules in self._safe:
                if needle in name and match(name):
                    found.extend(rules)
        for match, needle, rules in self._starry:
            if needle in name and match(name):
                found.extend(rules)
        found.sort()
        as_dir = tuple(found)
        as_file = tuple(r for r in found if not self._dir_only[r])
        hit = (as_file, as_file[-1] if as_file else _NONE, as_dir, as_dir[-1] if as_dir else _NONE)
        self._names[name] = hit
        return hit

    def _step_dir(self, parent: _Dispatch, name: str) -> tuple[_Dispatch, tuple[int, ...]]:
        """The states after entering directory ``name``, and the rules completed there (memoised)."""
        key = (id(parent), name)
        hit = self._step_cache.get(key)
        if hit is not None:
            return hit
        states: list[State] = []
        done: list[int] = []
        for rule, pos in parent.lit.get(name, ()):
            self._add(states, rule, pos, done)
        for match, rule, pos in parent.wild:
            if match(name):
                self._add(states, rule, pos, done)
        for rule, pos in parent.stay:
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
            for match, rule, pos in self._float.wild:
                if match(name):
                    self._add(states, rule, pos, done)
            hit = self._float_steps[name] = (states, tuple(done))
        return hit

    def _file_rules(self, d: _Dispatch, name: str) -> list[int]:
        """Anchored rules completed by a file ``name`` in a directory with dispatch ``d``."""
        out = list(d.fin_lit.get(name, ()))
        for match, rule in d.fin_wild:
            if match(name):
                out.append(rule)
        f = self._float
        if f.fin_lit or f.fin_wild:
            out.extend(f.fin_lit.get(name, ()))
            for match, rule in f.fin_wild:
                if match(name):
                    out.append(rule)
        return out

    def _enter(self, parent: _Dir, name: str) -> _Dir:
        """The directory ``name`` inside ``parent``: its states and the rules owning it."""
        dispatch, done = self._step_dir(parent.dispatch, name)
        owning = set(parent.owning)
        owning.update(r for r in done if self.patterns[r].descend)
        owning.update(self._name_rules(name)[2])
        return _Dir(dispatch, max(owning) if owning else _NONE, tuple(sorted(owning)))

    def _enter_best(self, parent: tuple[_Dispatch, int], name: str) -> tuple[_Dispatch, int]:
        """Like ``_enter``, keeping only the best owning rule (enough to name each file's winner)."""
        dispatch, done = self._step_dir(parent[0], name)
        best = max(parent[1], self._name_rules(name)[3])
        for r in done:
            if r > best and self.patterns[r].descend:
                best = r
        return dispatch, best

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
        enter = self._enter

        for path in paths:
            parent_path, _, name = path.rpartition("/")
            node = dirs.get(parent_path) or _walk_down(dirs, parent_path, enter)
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

    def winners(self, paths: Iterable[str]) -> list[int]:
        """Only the rule deciding each path (-1: none), without the rule statistics of ``resolve``."""
        dirs: dict[str, tuple[_Dispatch, int]] = {"": (self._root.dispatch, _NONE)}
        out: list[int] = []
        append = out.append
        name_cache = self._names
        name_rules = self._name_rules
        file_rules_of = self._file_rules
        has_float_files = bool(self._float.fin_lit or self._float.fin_wild)
        enter = self._enter_best
        for path in paths:
            parent_path, _, name = path.rpartition("/")
            node = dirs.get(parent_path) or _walk_down(dirs, parent_path, enter)
            d, best = node
            top = (name_cache.get(name) or name_rules(name))[1]
            if top > best:
                best = top
            if d.fin_lit or d.fin_wild or has_float_files:
                for r in file_rules_of(d, name):
                    if r > best:
                        best = r
            append(best)
        return out

    def owner_of_directory(self, path: str) -> int:
        """The rule owning everything under a directory such as ``foo/bar`` (-1: none)."""
        node = self._root
        for name in [p for p in path.strip("/").split("/") if p]:
            node = self._enter(node, name)
        return node.best


def _walk_down(dirs: dict[str, _N], path: str, enter: Callable[[_N, str], _N]) -> _N:
    """The node of directory ``path``, entering each missing ancestor from the nearest known one.

    A loop, not recursion: a path may be deeper than Python's recursion limit.
    """
    missing: list[str] = []
    while path not in dirs:
        missing.append(path)
        path = path.rpartition("/")[0]
    node = dirs[path]
    for sub in reversed(missing):
        node = dirs[sub] = enter(node, sub.rpartition("/")[2])
    return node

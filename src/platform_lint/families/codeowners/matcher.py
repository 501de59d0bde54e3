"""Ownership for every file at once, without trying each rule on each path.

Two kinds of rules are indexed separately:

- *name rules* (unanchored, one segment: ``*.py``, ``Makefile``, ``docs/``) match
  one path component; ``names.NameIndex`` looks them up by name, memoised.
- *anchored rules* (``/src/api/``, ``services/*/docs``, ``**/logs/x``) are run as a
  set of (rule, position) states walked down the directory tree: a directory's
  states are derived once from its parent's, dispatched through a dict keyed by
  the literal segment the state expects next.

Each directory is resolved once: the best rule that owns it (and so everything
below it) is inherited by its children; a file then only adds the rules that
match the file itself. The last matching rule wins. ``resolve`` also records which
rules match at least one file, how many files each rule decides, and, for rules that
match files but decide none, which later rules took them; ``winners`` only names
the deciding rule of each path (what ``platform-lint owners`` prints).

Hostile input stays bounded: directories are entered with a loop, never by
recursion, so a path may be any depth; a directory holds at most one state per
pattern segment; and each glob matches in time linear in the name (see ``pattern``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import Any, Protocol, TypeVar

from platform_lint.families.codeowners.names import NameIndex
from platform_lint.families.codeowners.pattern import CompiledPattern

_NONE = -1
State = tuple[int, int]  # (rule index, next segment position)
Match = Callable[[str], object]
Advance = tuple[tuple[State, ...], tuple[int, ...]]  # states entered, rules completed


@dataclass(frozen=True)
class Resolution:
    """``winners[i]`` is the index of the rule deciding ``paths[i]`` (-1: no rule matched)."""

    paths: tuple[str, ...]
    winners: tuple[int, ...]
    matched: tuple[bool, ...]
    decided: tuple[int, ...]
    shadowed_by: tuple[tuple[int, ...], ...]


class _Dispatch:
    """The states of one directory, arranged for stepping into a child named ``name``.

    ``lit[name]`` and each ``wild`` entry hold what entering such a child adds (states and
    completed rules), worked out once; ``stay`` is what ``**`` states add for any child;
    ``fin_lit`` / ``fin_wild`` are the rules a file of that name completes.
    """

    __slots__ = ("fin_lit", "fin_wild", "lit", "stay", "wild")

    def __init__(self, states: Iterable[State], index: OwnershipIndex) -> None:
        self.lit: dict[str, tuple[list[State], list[int]]] = {}
        self.wild: list[tuple[Match, tuple[State, ...], tuple[int, ...]]] = []
        stay_states: list[State] = []
        stay_done: list[int] = []
        self.fin_lit: dict[str, list[int]] = {}
        self.fin_wild: list[tuple[Match, int]] = []
        lit = self.lit
        for rule, pos in states:
            seg = index.segments[rule][pos]
            final_file = index.file_ends[rule] == pos + 1
            if seg.dstar:
                adds, done = index.advance[rule][pos]
                stay_states.extend(adds)
                stay_done.extend(done)
            elif seg.literal is not None:
                adds, done = index.advance[rule][pos + 1]
                entry = lit.get(seg.literal)
                if entry is None:
                    lit[seg.literal] = (list(adds), list(done))
                else:
                    entry[0].extend(adds)
                    if done:
                        entry[1].extend(done)
                if final_file:
                    self.fin_lit.setdefault(seg.literal, []).append(rule)
            else:
                assert seg.glob is not None
                self.wild.append((seg.glob.match, *index.advance[rule][pos + 1]))
                if final_file:
                    self.fin_wild.append((seg.glob.match, rule))
        self.stay: Advance = (tuple(stay_states), tuple(stay_done))


class _Dir:
    """A directory met while resolving: its states, the rules owning it (ancestors' included;
    shared with the parent when it adds none) and the last of them, its subdirectories."""

    __slots__ = ("best", "children", "dispatch", "owning")

    def __init__(self, dispatch: _Dispatch, best: int, owning: frozenset[int]) -> None:
        self.dispatch = dispatch
        self.best = best
        self.owning = owning
        self.children: dict[str, _Dir] = {}


class _BestDir:
    """A directory met while naming winners only: its states and the last rule owning it."""

    __slots__ = ("best", "children", "dispatch")

    def __init__(self, dispatch: _Dispatch, best: int) -> None:
        self.dispatch = dispatch
        self.best = best
        self.children: dict[str, _BestDir] = {}


class _Node(Protocol):
    children: dict[str, Any]


_N = TypeVar("_N", bound=_Node)


def _advances(pattern: CompiledPattern, rule: int) -> tuple[Advance, ...]:
    """For each position of a pattern (its end included): the states that reaching it adds
    (the position itself, and the next while a segment is ``**``), and the rule if that
    reaches the end of the pattern."""
    segments = pattern.segments
    out: list[Advance] = []
    for start in range(len(segments) + 1):
        states: list[State] = []
        pos = start
        while pos < len(segments):
            states.append((rule, pos))
            if not segments[pos].dstar:
                break
            pos += 1
        out.append((tuple(states), (rule,) if pos == len(segments) else ()))
    return tuple(out)


class OwnershipIndex:
    """Built once from the rules in file order; ``resolve`` answers for many paths."""

    def __init__(self, patterns: Sequence[CompiledPattern]) -> None:
        self.segments = [p.segments for p in patterns]
        self.descend = [p.descend for p in patterns]
        # a file completes a pattern on its last segment, unless the pattern is directories-only
        self.file_ends = [_NONE if p.dir_only else len(p.segments) for p in patterns]
        self.advance = [_advances(p, i) for i, p in enumerate(patterns)]
        root_states: list[State] = []
        floating: list[State] = []
        name_rules = []
        for i, p in enumerate(patterns):
            if p.never:
                continue
            if p.anchored and p.segments[0].dstar:
                floating.append((i, 1))  # '**/a/b': may start at any depth
            elif p.anchored:
                root_states.extend(self.advance[i][0][0])
            else:
                name_rules.append((i, p.segments[0], p.dir_only))
        self.names = NameIndex(name_rules)
        self._dispatch_cache: dict[frozenset[State], _Dispatch] = {}
        self._step_cache: dict[tuple[int, str], tuple[_Dispatch, tuple[int, ...]]] = {}
        self._float = _Dispatch(floating, self)
        self._float_steps: dict[str, Advance] = {}
        self._root_dispatch = self._dispatch(root_states)
        # (parent's owning rules, rules completed, name rules) -> (owning rules, the last one);
        # keyed by identity: a directory that adds no owner shares its parent's set, so a deep
        # chain of alike directories costs one look-up each. The keyed objects are kept alive.
        self._owning_memo: dict[tuple[int, int, int], tuple[frozenset[int], int, object]] = {}
        self._done_best: dict[int, tuple[int, tuple[int, ...]]] = {}

    # -- building blocks ------------------------------------------------------

    def _dispatch(self, states: list[State]) -> _Dispatch:
        key = frozenset(states)  # the same states in any order are the same directory state
        cached = self._dispatch_cache.get(key)
        if cached is None:
            cached = self._dispatch_cache[key] = _Dispatch(key, self)
        return cached

    def _step_dir(self, parent: _Dispatch, name: str) -> tuple[_Dispatch, tuple[int, ...]]:
        """The states after entering directory ``name``, and the rules completed there (memoised)."""
        key = (id(parent), name)
        hit = self._step_cache.get(key)
        if hit is not None:
            return hit
        states: list[State] = list(parent.stay[0])
        done: list[int] = list(parent.stay[1])
        entry = parent.lit.get(name)
        if entry is not None:
            states.extend(entry[0])
            done.extend(entry[1])
        for match, adds, completed in parent.wild:
            if match(name):
                states.extend(adds)
                done.extend(completed)
        float_states, float_done = self._float_step(name)
        states.extend(float_states)
        done.extend(float_done)
        hit = self._step_cache[key] = (self._dispatch(states), tuple(done))
        return hit

    def _float_step(self, name: str) -> Advance:
        """Rules starting with ``**/`` advanced by a directory ``name`` (at any depth)."""
        hit = self._float_steps.get(name)
        if hit is None:
            states: list[State] = []
            done: list[int] = []
            entry = self._float.lit.get(name)
            if entry is not None:
                states.extend(entry[0])
                done.extend(entry[1])
            for match, adds, completed in self._float.wild:
                if match(name):
                    states.extend(adds)
                    done.extend(completed)
            hit = self._float_steps[name] = (tuple(states), tuple(done))
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
        names = self.names
        named = (
            names.constant if names.constant is not None and name not in names.literals else names.rules(name)
        )[2]
        key = (id(parent.owning), id(done), id(named))
        hit = self._owning_memo.get(key)
        if hit is None:
            added = [r for r in done if self.descend[r]]
            added.extend(named)
            if parent.owning.issuperset(added):
                hit = (parent.owning, parent.best, (parent.owning, done, named))
            else:
                owning = parent.owning.union(added)
                hit = (owning, max(parent.best, *added), (parent.owning, done, named))
            self._owning_memo[key] = hit
        return _Dir(dispatch, hit[1], hit[0])

    def _descend_best(self, done: tuple[int, ...]) -> int:
        """The last of the completed rules that own what is below (memoised per tuple)."""
        hit = self._done_best.get(id(done))
        if hit is None:
            best = max((r for r in done if self.descend[r]), default=_NONE)
            hit = self._done_best[id(done)] = (best, done)  # the tuple kept alive: its id stays its own
        return hit[0]

    def _enter_best(self, parent: _BestDir, name: str) -> _BestDir:
        """Like ``_enter``, keeping only the best owning rule (enough to name each file's winner)."""
        dispatch, done = self._step_dir(parent.dispatch, name)
        return _BestDir(dispatch, max(parent.best, self.names.best(name)[1], self._descend_best(done)))

    # -- resolution -----------------------------------------------------------

    def resolve(self, paths: Iterable[str]) -> Resolution:
        """Who decides each path, which rules match at all, and which later rules shadow which."""
        paths = tuple(paths)
        count = len(self.segments)
        dirs: dict[str, _Dir] = {"": _Dir(self._root_dispatch, _NONE, frozenset())}
        winners: list[int] = []
        # (rule, winner) for every rule matching a file; rule == winner when it decides it
        pairs: set[tuple[int, int]] = set()
        add_pairs = pairs.update
        seen_dir_winner: set[tuple[int, int]] = set()
        seen_file_sets: set[tuple[tuple[int, ...], int]] = set()
        name_rules = self.names.rules
        constant, literals = self.names.constant, self.names.literals
        file_rules_of = self._file_rules
        has_float_files = bool(self._float.fin_lit or self._float.fin_wild)
        enter = self._enter

        last_parent: str | None = None
        node = dirs[""]
        d, node_best, owning, anchored_files = node.dispatch, node.best, node.owning, False
        same, same_best, pending = False, _NONE, False  # for the files no rule names by themselves
        shared: tuple[int, ...] = ()
        for path in paths:
            parent_path, _, name = path.rpartition("/")
            if parent_path != last_parent:  # sorted paths mostly come directory by directory
                node = dirs.get(parent_path) or _lookup(dirs, parent_path, enter)
                d, node_best, owning = node.dispatch, node.best, node.owning
                anchored_files = bool(d.fin_lit or d.fin_wild or has_float_files)
                last_parent = parent_path
                same = constant is not None and not anchored_files
                if constant is not None and same:
                    # in this folder, a file whose name no literal rule names matches the same
                    # rules as any other such file: its winner is worked out once, and its
                    # statistics with the first such file
                    shared = constant[0]
                    same_best = max(node_best, *shared) if shared else node_best
                    pending = True
            if same and name not in literals:
                winners.append(same_best)
                if pending:
                    pending = False
                    if shared and (shared, same_best) not in seen_file_sets:
                        seen_file_sets.add((shared, same_best))
                        add_pairs(zip(shared, repeat(same_best)))
                    if same_best != _NONE and owning and (id(owning), same_best) not in seen_dir_winner:
                        seen_dir_winner.add((id(owning), same_best))
                        add_pairs(zip(owning, repeat(same_best)))
                continue
            hit = constant if constant is not None and name not in literals else name_rules(name)
            if anchored_files:
                own = file_rules_of(d, name)
                own.extend(hit[0])
            else:
                own = hit[0]  # type: ignore[assignment]
            best = node_best
            if own:
                top = max(own)
                if top > best:
                    best = top
                file_key = (tuple(own), best)  # many files share the same matching rules: record once
                if file_key not in seen_file_sets:
                    seen_file_sets.add(file_key)
                    add_pairs(zip(own, repeat(best)))
            winners.append(best)
            if best != _NONE and owning:
                key = (id(owning), best)  # directories sharing their owners record once
                if key not in seen_dir_winner:
                    seen_dir_winner.add(key)
                    add_pairs(zip(owning, repeat(best)))
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
        dirs: dict[str, _BestDir] = {"": _BestDir(self._root_dispatch, _NONE)}
        out: list[int] = []
        append = out.append
        name_best = self.names.best
        known_best = self.names.known_best
        file_rules_of = self._file_rules
        has_float_files = bool(self._float.fin_lit or self._float.fin_wild)
        enter = self._enter_best
        last_parent: str | None = None
        d, dir_best, anchored_files = self._root_dispatch, _NONE, False
        for path in paths:
            parent_path, _, name = path.rpartition("/")
            if parent_path != last_parent:  # sorted paths come directory by directory
                node = dirs.get(parent_path) or _lookup(dirs, parent_path, enter)
                d, dir_best = node.dispatch, node.best
                anchored_files = bool(d.fin_lit or d.fin_wild or has_float_files)
                last_parent = parent_path
            best = (known_best.get(name) or name_best(name))[0]
            if dir_best > best:
                best = dir_best
            if anchored_files:
                for r in file_rules_of(d, name):
                    if r > best:
                        best = r
            append(best)
        return out

    def owner_of_directory(self, path: str) -> int:
        """The rule owning everything under a directory such as ``foo/bar`` (-1: none)."""
        node = _Dir(self._root_dispatch, _NONE, frozenset())
        for name in [p for p in path.strip("/").split("/") if p]:
            node = self._enter(node, name)
        return node.best


def _lookup(dirs: dict[str, _N], path: str, enter: Callable[[_N, str], _N]) -> _N:
    """The node of directory ``path`` (not ``""``), entering each directory not met yet.

    Usually its parent was met before (sorted paths come folder by folder): one step down from
    there. Otherwise down from the root one name at a time, never by recursion, and without
    making a string for each ancestor: a path may be any number of directories deep.
    """
    parent_path, _, last = path.rpartition("/")
    parent = dirs.get(parent_path)
    if parent is not None:
        child = parent.children.get(last)
        if child is None:
            child = parent.children[last] = enter(parent, last)
        dirs[path] = child
        return child
    node = dirs[""]
    for name in path.split("/"):
        child = node.children.get(name)
        if child is None:
            child = node.children[name] = enter(node, name)
        node = child
    dirs[path] = node
    return node

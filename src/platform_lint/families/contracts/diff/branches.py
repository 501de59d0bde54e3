"""Matching ``anyOf``/``oneOf``/``allOf`` branches between two versions of a schema.

A schema with an ``anyOf`` or ``oneOf`` list is a set of alternatives: each
branch together with the keywords beside the list. A schema without one is a
single alternative. Alternatives are paired by the component they are, their
title, their content, and then by likeness (shared types and property names),
so a schema that became one branch of an ``anyOf`` is compared with that branch
and a constraint that moved into a branch is found there. Unpaired
alternatives were added or removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from platform_lint.families.contracts.diff.normalise import Conj, Elem, content_key, key_of, peel, says_null
from platform_lint.families.contracts.diff.resolve import Resolver
from platform_lint.families.contracts.diff.shape import Group, Shape, build, effective_types

Parts = tuple[str | int, ...]


@dataclass(frozen=True)
class Alt:
    """One alternative: what must hold for a value taking this branch."""

    conj: Conj
    group: Group | None  # None: the schema had no list (one alternative)
    branch: Elem | None
    suffix: Parts


def expand(r: Resolver, shape: Shape, conj: Conj) -> list[Alt]:
    """The alternatives of a schema: its first ``anyOf``/``oneOf`` list distributed over the rest."""
    if not shape.groups:
        return [Alt(conj, None, None, ())]
    group = shape.groups[0]
    skip = conj.skip | {(group.holder.node.file, group.holder.node.parts, group.keyword)}
    outer = build(r, conj.elems, skip)
    alts = []
    for branch in group.branches:
        if _redundant(r, outer, branch):
            alts.append(Alt(Conj((Elem(branch.node),)), group, branch, branch.suffix))
        else:
            alts.append(Alt(Conj((Elem(branch.node), *conj.elems), skip), group, branch, branch.suffix))
    return alts


def branches_alone(group: Group) -> list[Alt]:
    """A list's branches as alternatives on their own (the keywords beside the list left out)."""
    return [Alt(Conj((Elem(b.node),)), group, b, b.suffix) for b in group.branches]


def _redundant(r: Resolver, outer: Shape, branch: Elem) -> bool:
    """Whether the keywords beside the list add nothing to ``branch`` (so it can be compared alone)."""
    if outer.empty or not outer.keywords:
        return True
    if outer.keywords <= {"type"} and outer.types is not None:
        inner = effective_types(build(r, (Elem(branch.node),)))
        return inner is not None and inner <= outer.types
    return False


def _label_ref(r: Resolver, elem: Elem) -> Parts | None:
    peeled = peel(r, elem)
    return peeled.elem.node.parts if peeled.ref is not None else None


def _label_title(r: Resolver, elem: Elem) -> str | None:
    value = r.deref(elem.node).value
    if isinstance(value, dict) and isinstance(value.get("title"), str):
        return str(value["title"])
    return None


def _pair_by_labels(
    r_old: Resolver, r_new: Resolver, old: list[Elem | None], new: list[Elem | None]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    pairs: list[tuple[int, int]] = []
    left = [i for i, e in enumerate(old) if e is not None]
    right = [j for j, e in enumerate(new) if e is not None]
    for label in (_label_ref, _label_title, content_key):
        old_labels = {i: label(r_old, old[i]) for i in left}  # type: ignore[arg-type]
        new_labels = {j: label(r_new, new[j]) for j in right}  # type: ignore[arg-type]
        for i in list(left):
            li = old_labels[i]
            if li is None:
                continue
            for j in right:
                if new_labels[j] == li:
                    pairs.append((i, j))
                    left.remove(i)
                    right.remove(j)
                    break
    return pairs, left, right


def match(
    r_old: Resolver,
    r_new: Resolver,
    old: list[Alt],
    new: list[Alt],
    old_shapes: list[Shape],
    new_shapes: list[Shape],
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pairs (old index, new index), then unpaired old and unpaired new alternatives."""
    if not old or not new:
        return [], list(range(len(old))), list(range(len(new)))
    if len(old) == 1 and old[0].group is None:
        best = max(range(len(new)), key=lambda j: (likeness(old_shapes[0], new_shapes[j]), -j))
        return [(0, best)], [], [j for j in range(len(new)) if j != best]
    if len(new) == 1 and new[0].group is None:
        best = max(range(len(old)), key=lambda i: (likeness(old_shapes[i], new_shapes[0]), -i))
        return [(best, 0)], [i for i in range(len(old)) if i != best], []
    pairs, left, right = _pair_by_labels(r_old, r_new, [a.branch for a in old], [a.branch for a in new])
    scored = sorted(
        ((likeness(old_shapes[i], new_shapes[j]), -i, -j, i, j) for i in left for j in right),
        reverse=True,
    )
    for score, _, _, i, j in scored:
        if score <= 0:
            break
        if i in left and j in right:
            pairs.append((i, j))
            left.remove(i)
            right.remove(j)
    return sorted(pairs), left, right


def match_all_of(
    r_old: Resolver, r_new: Resolver, old: list[Elem], new: list[Elem]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    pairs, left, right = _pair_by_labels(r_old, r_new, list(old), list(new))
    inline_left = [i for i in left if _label_ref(r_old, old[i]) is None]
    inline_right = [j for j in right if _label_ref(r_new, new[j]) is None]
    for i, j in zip(inline_left, inline_right, strict=False):
        pairs.append((i, j))
        left.remove(i)
        right.remove(j)
    return pairs, left, right


def likeness(a: Shape, b: Shape) -> int:
    """How alike two alternatives are: shared types first, then shared property names and values."""
    ta, tb = effective_types(a), effective_types(b)
    score = 0
    if ta is None or tb is None or ta & tb:
        score += 100
        if ta == tb:
            score += 50
    names_a, names_b = set(a.properties), set(b.properties)
    if names_a or names_b:
        score += int(100 * len(names_a & names_b) / len(names_a | names_b))
    la, lb = _listed(a), _listed(b)
    if la is not None and lb is not None and set(la) & set(lb):
        score += 20
    return score


def _listed(shape: Shape) -> dict[str, Any] | None:
    if shape.const is not None:
        return {key_of(v): v for v in shape.const}
    return shape.enum


def disjoint(r_a: Resolver, a: Shape, r_b: Resolver, b: Shape) -> bool:
    """Whether no value can match both (as far as types, listed values and discriminating properties show)."""
    ta, tb = effective_types(a), effective_types(b)
    if ta is not None and tb is not None and not (ta & tb) and not (a.null and b.null):
        return True
    la, lb = _listed(a), _listed(b)
    if la is not None and lb is not None and not (set(la) & set(lb)):
        return True
    for name in set(a.properties) & set(b.properties):
        if name in a.required and name in b.required:
            pa = build(r_a, tuple(Elem(e.node) for e in a.properties[name]))
            pb = build(r_b, tuple(Elem(e.node) for e in b.properties[name]))
            va, vb = _listed(pa), _listed(pb)
            if va is not None and vb is not None and not (set(va) & set(vb)):
                return True
    return False


def newly_exclusive(
    r_old: Resolver,
    r_new: Resolver,
    o: Shape,
    n: Shape,
    old: list[Alt],
    new: list[Alt],
    old_shapes: list[Shape],
    new_shapes: list[Shape],
    pairs: list[tuple[int, int]],
) -> bool:
    """A value accepted before may now match two ``oneOf`` branches, and so be rejected."""
    if not n.groups or n.groups[0].keyword != "oneOf" or any(g.keyword == "oneOf" for g in o.groups):
        return False
    for i, j in pairs:
        for k in range(len(new)):
            if k != j and not disjoint(r_old, old_shapes[i], r_new, new_shapes[k]):
                return True
    return False


def bare_type(shape: Shape) -> bool:
    """An alternative that says nothing but its type (``{type: string}``)."""
    return shape.types is not None and shape.keywords <= {"type"} and not shape.groups


def union_types(shapes: list[Shape]) -> frozenset[str] | None:
    out: set[str] = set()
    for shape in shapes:
        if shape.types is None:
            return None
        out |= shape.types
    return frozenset(out)


def any_branch_null(r: Resolver, shape: Shape) -> bool:
    for group in shape.groups:
        for branch in group.branches:
            peeled = peel(r, branch)
            value = peeled.elem.node.value
            if peeled.null or (isinstance(value, dict) and says_null(value)):
                return True
    return False


def branch_name(r: Resolver, elem: Elem | None, index: int) -> str:
    """``Pet`` (a component), its title, or ``#2 (string)`` (position, counted from 1, and type)."""
    value = elem.node.value if elem is not None else None
    if elem is not None and elem.suffix and isinstance(elem.suffix[-1], int):
        index = elem.suffix[-1]
    if isinstance(value, dict):
        ref = value.get("$ref")
        if isinstance(ref, str):
            return ref.rsplit("/", 1)[-1]
        title = value.get("title")
        if isinstance(title, str) and title:
            return title
    if elem is not None:
        types = effective_types(build(r, (Elem(elem.node),)))
        if types:
            shown = sorted(types - {"integer"} if "number" in types else types)
            return f"#{index + 1} ({' or '.join(shown)})"
    return f"#{index + 1}"

"""Comparing what two shapes say about a value itself: null, type, listed values, format, limits, pattern.

Pure functions over two :class:`~.normalise.Shape` values; each appends what it finds to
``out``. Properties, items and alternatives are compared by :mod:`.schema`.
"""

from __future__ import annotations

from typing import Any

from platform_lint.families.contracts.diff.found import Raw, make, with_keyword
from platform_lint.families.contracts.diff.normalise import key_of
from platform_lint.families.contracts.diff.shape import PLAIN, Bound, Shape, effective_types, tighter

_VALUE_CHANGED = ("contentEncoding", "contentMediaType", "dependentRequired", "if", "not")
# format lattice: a value valid for the first is valid for the second
_FORMAT_WIDER = {
    ("int32", "int64"),
    ("int32", "bigint"),
    ("int64", "bigint"),
    ("float", "double"),
}


def compare_values(o: Shape, n: Shape, side: str, out: list[Raw]) -> None:
    ot, nt = effective_types(o), effective_types(n)
    listed_o = o.enum is not None or o.const is not None
    listed_n = n.enum is not None or n.const is not None
    if ot != nt and not (listed_n and ot is not None and nt is not None and nt <= ot):
        compare_types(o, n, ot, nt, out)
    if o.const is not None and n.const is not None:
        if key_of(o.const[0]) != key_of(n.const[0]):
            out.append(
                with_keyword("value-changed", n, n.const_at or n.node, "const", o.const[0], n.const[0])
            )
    elif listed_o and listed_n:
        _enum_values(o, n, out)
    elif n.const is not None:
        out.append(with_keyword("constraint-tightened", n, n.const_at or n.node, "const", None, n.const[0]))
    elif o.const is not None:
        out.append(with_keyword("constraint-loosened", n, n.node, "const", o.const[0], None))
    else:
        _enum(o, n, out)
    _extensible(o, n, out)
    if listed_n:  # the listed values decide; limits beside them add nothing
        return
    if listed_o:  # the new limits may still reject a value that was listed
        return
    _format(o, n, ot, nt, out)
    _bounds(o, n, out)
    _patterns(o, n, out)
    _flags(o, n, out)


def compare_types(
    o: Shape, n: Shape, ot: frozenset[str] | None, nt: frozenset[str] | None, out: list[Raw]
) -> None:
    if nt is None:
        kind = "type-widened"
    elif ot is None or nt < ot:
        kind = "type-narrowed"
    elif nt > ot:
        kind = "type-widened"
    else:
        kind = "type-changed"
    at = n.type_at or n.node
    out.append(make(kind, n, at, old=_show_types(ot), new=_show_types(nt)))


def _enum(o: Shape, n: Shape, out: list[Raw]) -> None:
    oe, ne = o.enum, n.enum
    if oe is not None and ne is not None:
        _enum_values(o, n, out)
    elif ne is not None:
        out.append(make("enum-added", n, n.enum_at or n.node, new=list(ne.values())))
    elif oe is not None:
        out.append(make("enum-removed", n, n.node))


def _enum_values(o: Shape, n: Shape, out: list[Raw]) -> None:
    old_values = _listed(o)
    new_values = _listed(n)
    removed = [v for k, v in old_values.items() if k not in new_values]
    added = [v for k, v in new_values.items() if k not in old_values]
    at = n.enum_at or n.const_at or n.node
    if removed:
        out.append(make("enum-value-removed", n, at, values=removed))
    if added:
        out.append(make("enum-value-added", n, at, values=added))


def _extensible(o: Shape, n: Shape, out: list[Raw]) -> None:
    if o.extensible is None or n.extensible is None:
        return
    removed = [v for k, v in o.extensible.items() if k not in n.extensible]
    if removed:
        out.append(make("enum-value-removed", n, n.extensible_at or n.node, values=removed))


def _format(o: Shape, n: Shape, ot: frozenset[str] | None, nt: frozenset[str] | None, out: list[Raw]) -> None:
    of, nf = o.format, n.format
    if of == nf or (ot is not None and nt is not None and not (ot & nt)):
        return  # same format, or the type changed (reported as such)
    at = n.format_at or n.node
    if of is None:
        kind = "format-narrowed"
    elif nf is None or (of, nf) in _FORMAT_WIDER:
        kind = "format-widened"
    elif (nf, of) in _FORMAT_WIDER:
        kind = "format-narrowed"
    else:
        kind = "format-changed"
    out.append(make(kind, n, at, old=of or "none", new=nf or "none"))


def _bounds(o: Shape, n: Shape, out: list[Raw]) -> None:
    for upper, table_o, table_n in ((False, o.lower, n.lower), (True, o.upper, n.upper)):
        for name in sorted(set(table_o) | set(table_n)):
            ob, nb = table_o.get(name), table_n.get(name)
            if ob is not None and nb is not None:
                if tighter(nb, ob, upper):
                    kind = "constraint-tightened"
                elif tighter(ob, nb, upper):
                    kind = "constraint-loosened"
                else:
                    continue
            elif nb is not None:
                kind = "bound-added"
            elif ob is not None:
                kind = "constraint-loosened"
            else:
                continue
            at = nb.at if nb is not None else n.node
            keyword = _bound_name(name, upper)
            out.append(
                make(kind, n, at, keyword=keyword, old=_show_bound(ob, upper), new=_show_bound(nb, upper))
            )


def _patterns(o: Shape, n: Shape, out: list[Raw]) -> None:
    op, np_ = set(o.patterns), set(n.patterns)
    if op == np_:
        return
    old, new = " and ".join(sorted(op)) or "none", " and ".join(sorted(np_)) or "none"
    at = next(iter(n.patterns.values())) if n.patterns else n.node
    if not op:
        kind = "pattern-tightened"
    elif not np_ or np_ < op:
        kind = "pattern-loosened"
    elif op < np_:
        kind = "pattern-tightened"
    else:
        kind = "pattern-changed"
    out.append(make(kind, n, at, keyword="pattern", old=old, new=new))


def _flags(o: Shape, n: Shape, out: list[Raw]) -> None:
    if (o.unique is None) != (n.unique is None):
        kind = "constraint-tightened" if n.unique is not None else "constraint-loosened"
        out.append(
            with_keyword(
                kind, n, n.unique or n.node, "uniqueItems", o.unique is not None, n.unique is not None
            )
        )
    if (o.closed is None) != (n.closed is None):
        kind = "constraint-tightened" if n.closed is not None else "constraint-loosened"
        old = "false" if o.closed is not None else "allowed"
        new = "false" if n.closed is not None else "allowed"
        out.append(make(kind, n, n.closed or n.node, keyword="additionalProperties", old=old, new=new))
    for keyword in PLAIN:
        ov, nv = o.plain.get(keyword), n.plain.get(keyword)
        if ov is None and nv is None:
            continue
        at = nv[1] if nv is not None else n.node
        if ov is None:
            out.append(with_keyword("constraint-tightened", n, at, keyword, None, nv[0] if nv else None))
        elif nv is None:
            out.append(with_keyword("constraint-loosened", n, at, keyword, ov[0], None))
        elif key_of(ov[0]) != key_of(nv[0]):
            kind = "value-changed" if keyword in _VALUE_CHANGED else "constraint-changed"
            out.append(with_keyword(kind, n, at, keyword, ov[0], nv[0]))


def _listed(shape: Shape) -> dict[str, Any]:
    if shape.const is not None:
        return {key_of(v): v for v in shape.const if v is not None}
    return dict(shape.enum or {})


def null_raw(now_null: bool, shape: Shape) -> Raw:
    return make("became-nullable" if now_null else "became-not-nullable", shape, shape.type_at or shape.node)


def _bound_name(name: str, upper: bool) -> str:
    if name == "value":
        return "maximum" if upper else "minimum"
    return f"{'max' if upper else 'min'}{name[0].upper()}{name[1:]}"


def _show_bound(bound: Bound | None, upper: bool) -> str:
    return "none" if bound is None else bound.show(upper)


def _show_types(types: frozenset[str] | None) -> str:
    if types is None:
        return "any type"
    if not types:
        return "nothing"
    shown = sorted(types - {"integer"} if "number" in types else types)
    return " or ".join(shown)

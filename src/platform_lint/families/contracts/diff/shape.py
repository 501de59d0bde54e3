"""The :class:`Shape` of a schema: everything it requires of a value, gathered in one place.

:func:`build` folds a schema and the ``allOf`` branches it is made of into one shape (after
:func:`~.normalise.peel` removed the wrappers that change nothing): null allowed or not,
types, listed values, bounds as ``(limit, exclusive)`` pairs, properties and their
requirements, and the ``anyOf``/``oneOf`` lists still to be matched branch by branch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from platform_lint.families.contracts.diff.normalise import (
    ANNOTATIONS,
    COMPOSITION,
    MAX_BRANCHES,
    MAX_MERGE_DEPTH,
    Elem,
    at,
    is_default,
    key_of,
    null_only,
    peel,
    says_null,
)
from platform_lint.families.contracts.diff.resolve import Node, Resolver

Parts = tuple[str | int, ...]

# bounds: keyword -> (bound name, "lower" or "upper")
LENGTHS = {
    "minLength": ("length", "lower"),
    "maxLength": ("length", "upper"),
    "minItems": ("items", "lower"),
    "maxItems": ("items", "upper"),
    "minProperties": ("properties", "lower"),
    "maxProperties": ("properties", "upper"),
    "minContains": ("contains", "lower"),
    "maxContains": ("contains", "upper"),
}
# schema-valued keywords compared when present on both sides, judged by presence otherwise
SUBSCHEMAS = (
    "not",
    "if",
    "contentSchema",
    "then",
    "else",
    "contains",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
    "additionalItems",
)
KEYED = ("patternProperties", "dependentSchemas")
# plain-valued keywords judged by presence and equality
PLAIN = ("multipleOf", "dependentRequired", "contentEncoding", "contentMediaType")


@dataclass(frozen=True)
class Bound:
    """A limit: ``value`` and whether it is exclusive; ``at`` is where it is written."""

    value: float
    exclusive: bool
    keyword: str
    at: Node

    def show(self, upper: bool) -> str:
        sign = ("<" if self.exclusive else "<=") if upper else (">" if self.exclusive else ">=")
        value = int(self.value) if float(self.value).is_integer() else self.value
        return f"{sign} {value}"


def tighter(a: Bound, b: Bound, upper: bool) -> bool:
    """Whether ``a`` admits strictly fewer values than ``b``."""
    if a.value != b.value:
        return a.value < b.value if upper else a.value > b.value
    return a.exclusive and not b.exclusive


@dataclass(frozen=True)
class Group:
    """An ``anyOf`` or ``oneOf`` list: the value must match some (or exactly one) branch."""

    keyword: str
    holder: Elem  # the schema that carries the list
    branches: tuple[Elem, ...]


@dataclass
class Shape:
    """What one schema (or several, all to be satisfied) accepts."""

    elems: tuple[Elem, ...]
    node: Node  # where the schema is (the first one), for locations
    suffix: Parts
    null: bool = False
    types: frozenset[str] | None = None  # without null; None: any type
    type_at: Node | None = None
    enum: dict[str, Any] | None = None  # value key -> value, null left out
    enum_at: Node | None = None
    const: tuple[Any, ...] | None = None
    const_at: Node | None = None
    format: str | None = None
    format_at: Node | None = None
    lower: dict[str, Bound] = field(default_factory=dict)  # "value", "length", "items", ...
    upper: dict[str, Bound] = field(default_factory=dict)
    patterns: dict[str, Node] = field(default_factory=dict)
    unique: Node | None = None
    closed: Node | None = None  # additionalProperties: false
    properties: dict[str, list[Elem]] = field(default_factory=dict)
    required: dict[str, Node] = field(default_factory=dict)  # name -> the `required` list naming it
    additional: list[Elem] = field(default_factory=list)
    items: list[Elem] = field(default_factory=list)
    prefix_items: list[Elem] | None = None
    groups: list[Group] = field(default_factory=list)
    sub: dict[str, list[Elem]] = field(default_factory=dict)
    keyed: dict[str, dict[str, list[Elem]]] = field(default_factory=dict)
    plain: dict[str, tuple[Any, Node]] = field(default_factory=dict)
    read_only: bool = False
    write_only: bool = False
    default: tuple[Any, ...] | None = None
    extensible: dict[str, Any] | None = None  # x-extensible-enum: values a client may send
    extensible_at: Node | None = None
    all_of: list[tuple[Elem, list[Elem]]] = field(default_factory=list)  # (holder, branches) as written
    empty: bool = True  # nothing restricts the value
    keywords: set[str] = field(default_factory=set)  # the validating keywords seen


def build(
    r: Resolver, elems: tuple[Elem, ...], skip: frozenset[tuple[str, Parts, str]] = frozenset()
) -> Shape:
    """The shape of ``elems`` taken together (all must hold). ``skip`` leaves out a
    composition list at a given place (used when its branches are compared one by one)."""
    first = r.deref(elems[0].node)
    shape = Shape(elems=elems, node=first, suffix=elems[0].suffix)
    seen: set[str] = set()
    for elem in elems:
        _merge(r, shape, elem, skip, seen, 0)
    return shape


def _merge(
    r: Resolver, shape: Shape, elem: Elem, skip: frozenset[tuple[str, Parts, str]], seen: set[str], depth: int
) -> None:
    peeled = peel(r, elem)
    node, suffix = peeled.elem.node, peeled.elem.suffix
    if peeled.null:
        shape.null = True
    if depth > MAX_MERGE_DEPTH:
        return
    if node.ref is not None:
        if node.ref in seen:
            return
        seen.add(node.ref)
    value = node.value
    if value is False:
        shape.types = frozenset()
        shape.empty = False
        return
    if not isinstance(value, dict):
        return
    if says_null(value):
        shape.null = True
    for key, v in value.items():
        if not isinstance(key, str) or is_default(key, v):
            continue
        written = key not in ANNOTATIONS and not key.startswith("x-") and key != "$ref"
        if written and not (key in COMPOSITION and (node.file, node.parts, key) in skip):
            shape.keywords.add(key)
        _keyword(r, shape, node, suffix, key, v, skip)
    all_of = value.get("allOf")
    if isinstance(all_of, list) and all_of and (node.file, node.parts, "allOf") not in skip:
        holder = at(node, "allOf")
        branches = [Elem(at(holder, i), (*suffix, "allOf", i)) for i in range(min(len(all_of), MAX_BRANCHES))]
        shape.all_of.append((Elem(node, suffix), branches))
        for branch in branches:
            _merge(r, shape, branch, skip, seen, depth + 1)


def _keyword(
    r: Resolver,
    shape: Shape,
    node: Node,
    suffix: Parts,
    key: str,
    v: Any,
    skip: frozenset[tuple[str, Parts, str]],
) -> None:
    if key == "type":
        declared = {v} if isinstance(v, str) else {str(t) for t in v} if isinstance(v, list) else None
        if declared is None:
            return
        declared.discard("null")
        if "number" in declared:
            declared.add("integer")
        types = frozenset(declared)
        shape.types = types if shape.types is None else shape.types & types
        shape.type_at = shape.type_at or at(node, "type")
        shape.empty = False
    elif key == "enum" and isinstance(v, list):
        values = {key_of(x): x for x in v if x is not None}
        shape.enum = values if shape.enum is None else {k: x for k, x in shape.enum.items() if k in values}
        shape.enum_at = shape.enum_at or at(node, "enum")
        shape.empty = False
    elif key == "const":
        if v is None:
            shape.null = True
        shape.const = (v,)
        shape.const_at = at(node, "const")
        shape.empty = False
    elif key == "format" and isinstance(v, str):
        shape.format = shape.format or v
        shape.format_at = shape.format_at or at(node, "format")
    elif key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        _number_bound(r, shape, node, key, v)
    elif key in LENGTHS and _is_number(v):
        name, side = LENGTHS[key]
        bound = Bound(float(v), False, key, at(node, key))
        _add_bound(shape, name, side == "upper", bound)
    elif key == "pattern" and isinstance(v, str):
        shape.patterns.setdefault(v, at(node, "pattern"))
        shape.empty = False
    elif key == "uniqueItems" and v is True:
        shape.unique = shape.unique or at(node, key)
        shape.empty = False
    elif key == "additionalProperties":
        if v is False:
            shape.closed = shape.closed or at(node, key)
            shape.empty = False
        elif isinstance(v, dict):
            shape.additional.append(Elem(at(node, key), (*suffix, key)))
            shape.empty = False
    elif key == "properties" and isinstance(v, dict):
        holder = at(node, "properties")
        for name in v:
            shape.properties.setdefault(str(name), []).append(
                Elem(at(holder, name), (*suffix, "properties", str(name)))
            )
        shape.empty = False
    elif key == "required" and isinstance(v, list):
        listed = at(node, "required")
        for name in v:
            shape.required.setdefault(str(name), listed)
        shape.empty = False
    elif key == "items":
        if isinstance(v, dict) or v is False:
            shape.items.append(Elem(at(node, key), (*suffix, key)))
            shape.empty = False
        elif isinstance(v, list) and shape.prefix_items is None:  # draft 4 tuple form
            holder = at(node, key)
            shape.prefix_items = [Elem(at(holder, i), (*suffix, key, i)) for i in range(len(v))]
            shape.empty = False
    elif key == "prefixItems" and isinstance(v, list):
        if shape.prefix_items is None:
            holder = at(node, key)
            shape.prefix_items = [Elem(at(holder, i), (*suffix, key, i)) for i in range(len(v))]
            shape.empty = False
    elif key in ("anyOf", "oneOf") and isinstance(v, list) and v:
        if (node.file, node.parts, key) in skip:
            return
        holder = at(node, key)
        branches = []
        for i in range(min(len(v), MAX_BRANCHES)):
            branch = Elem(at(holder, i), (*suffix, key, i))
            if null_only(r.deref(branch.node).value):
                shape.null = True
            else:
                branches.append(branch)
        if branches:
            shape.groups.append(Group(key, Elem(node, suffix), tuple(branches)))
            shape.empty = False
    elif key in SUBSCHEMAS and isinstance(v, (dict, bool)):
        shape.sub.setdefault(key, []).append(Elem(at(node, key), (*suffix, key)))
        shape.empty = False
    elif key in KEYED and isinstance(v, dict):
        holder = at(node, key)
        table = shape.keyed.setdefault(key, {})
        for name in v:
            table.setdefault(str(name), []).append(Elem(at(holder, name), (*suffix, key, str(name))))
        shape.empty = False
    elif key in PLAIN:
        shape.plain.setdefault(key, (v, at(node, key)))
        shape.empty = False
    elif key == "x-extensible-enum" and isinstance(v, list):
        shape.extensible = {key_of(x): x for x in v}
        shape.extensible_at = at(node, key)
    elif key == "readOnly" and v is True:
        shape.read_only = True
    elif key == "writeOnly" and v is True:
        shape.write_only = True
    elif key == "default" and shape.default is None:
        shape.default = (v,)


def _number_bound(r: Resolver, shape: Shape, node: Node, key: str, v: Any) -> None:
    value = node.value
    upper = key in ("maximum", "exclusiveMaximum")
    if key in ("minimum", "maximum"):
        if not _is_number(v):
            return
        flag = value.get("exclusiveMaximum" if upper else "exclusiveMinimum")
        bound = Bound(float(v), flag is True, key, at(node, key))  # 3.0: boolean beside the limit
    else:
        if not _is_number(v):  # 3.0 boolean: folded into minimum/maximum above
            return
        bound = Bound(float(v), True, key, at(node, key))
    _add_bound(shape, "value", upper, bound)


def _add_bound(shape: Shape, name: str, upper: bool, bound: Bound) -> None:
    table = shape.upper if upper else shape.lower
    current = table.get(name)
    if current is None or tighter(bound, current, upper):
        table[name] = bound
    shape.empty = False


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def value_types(values: list[Any]) -> frozenset[str]:
    """The JSON types of some values (integer within number)."""
    out: set[str] = set()
    for v in values:
        if isinstance(v, bool):
            out.add("boolean")
        elif isinstance(v, int):
            out.add("integer")
        elif isinstance(v, float):
            out.update(("number", "integer") if v.is_integer() else ("number",))
        elif isinstance(v, str):
            out.add("string")
        elif isinstance(v, list):
            out.add("array")
        elif isinstance(v, dict):
            out.add("object")
    return frozenset(out)


def effective_types(shape: Shape) -> frozenset[str] | None:
    """The types a value can have: the declared ones, or those of the listed values."""
    listed: list[Any] | None = None
    if shape.const is not None:
        listed = [v for v in shape.const if v is not None]
    elif shape.enum is not None:
        listed = list(shape.enum.values())
    if listed is None:
        return shape.types
    found = value_types(listed)
    return found if shape.types is None else shape.types & (found | ({"number"} & shape.types))

"""Comparing two JSON Schemas (OpenAPI flavour) on one side of the wire.

``side`` is ``request`` (what a client sends: accepting less is breaking) or
``response`` (what a client receives: returning more is breaking). The result
is a list of :class:`Raw` changes relative to the compared schema; the
operation layer gives them an operation, a pointer and a location.

References are followed through the :class:`~.resolve.Resolver`; a pair of
referenced schemas is compared once per side, from a work list, and the result
reused (so shared components cost once, and neither a reference cycle nor a long
chain of references recurses).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from platform_lint.families.contracts.diff.resolve import Node, Resolver

Parts = tuple[str | int, ...]

_LOWER = ("minimum", "minLength", "minItems", "minProperties", "minContains")
_UPPER = ("maximum", "maxLength", "maxItems", "maxProperties", "maxContains")
_PRESENCE = (
    "if",
    "not",
    "dependentSchemas",
    "patternProperties",
    "propertyNames",
    "contains",
    "unevaluatedItems",
    "unevaluatedProperties",
    "contentSchema",
    "prefixItems",
    "dependentRequired",
    "contentEncoding",
    "contentMediaType",
    "format",
    "multipleOf",
)
_RECURSE = (
    "then",
    "else",
    "contains",
    "propertyNames",
    "contentSchema",
    "unevaluatedItems",
    "unevaluatedProperties",
    "items",
    "additionalItems",
    "additionalProperties",
)
# changed both ways at once (a different `not` or `if` excludes other values): judged as breaking
_VALUE_CHANGED = ("contentEncoding", "contentMediaType", "dependentRequired", "if", "not")
_UNKNOWN_DIRECTION = ("format", "multipleOf")
_ANNOTATIONS = frozenset(
    {
        "description",
        "title",
        "example",
        "examples",
        "deprecated",
        "readOnly",
        "writeOnly",
        "externalDocs",
        "xml",
        "$comment",
        "default",
    }
)
_ANY_STRING = frozenset({".*", "^.*$", "^.*", ".*$", ""})


@dataclass(frozen=True)
class Raw:
    """A change found inside a schema, relative to where the comparison started."""

    kind: str  # a schema kind (side is prefixed later) or a full rule id starting with the side
    suffix: Parts
    file: str
    parts: Parts
    args: Mapping[str, Any] = field(default_factory=dict, hash=False)


@dataclass
class Result:
    """Changes found directly (``raws``) and referenced schema pairs to expand (``refs``).

    A referenced pair is compared once; its own result is kept in the memo and
    reached through ``refs``, so a change inside a shared component is found once,
    however many paths lead to it (and a reference cycle is just an edge).
    """

    raws: list[Raw] = field(default_factory=list)
    refs: list[tuple[Parts, tuple[str, str, str]]] = field(default_factory=list)

    def extend(self, other: Result, prefix: Parts) -> None:
        self.raws.extend(_nest(r, prefix) for r in other.raws)
        self.refs.extend(((*prefix, *suffix), key) for suffix, key in other.refs)


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def _types(schema: Mapping[str, Any]) -> frozenset[str] | None:
    declared = schema.get("type")
    if declared is None:
        types: set[str] | None = None
    elif isinstance(declared, str):
        types = {declared}
    elif isinstance(declared, list):
        types = {str(t) for t in declared}
    else:
        types = None
    if types is not None and schema.get("nullable") is True:
        types.add("null")
    if types is not None and "number" in types:
        types.add("integer")
    return frozenset(types) if types is not None else None


def _show_types(types: frozenset[str] | None) -> str:
    if types is None:
        return "any"
    shown = sorted(types - {"integer"} if "number" in types else types)
    return "|".join(shown)


class SchemaComparer:
    """Compares schema pairs; one instance per diff (it holds the memo)."""

    def __init__(self, old: Resolver, new: Resolver, max_depth: int = 64) -> None:
        self.old = old
        self.new = new
        self.max_depth = max_depth
        self.memo: dict[tuple[str, str, str], Result] = {}
        self._queued: set[tuple[str, str, str]] = set()
        self._pending: list[tuple[tuple[str, str, str], Node, Node]] = []
        self._ref_seen: dict[int, bool] = {}

    # -- entry -------------------------------------------------------------------------------

    def compare(self, old: Node, new: Node, side: str, depth: int = 0) -> Result:
        old = self.old.deref(old)
        new = self.new.deref(new)
        if depth > self.max_depth:
            return Result()
        if old.ref is not None and new.ref is not None:
            key = (old.ref, new.ref, side)
            if key not in self.memo and key not in self._queued:
                self._queued.add(key)  # compared later, from a work list: chains of refs never recurse
                self._pending.append((key, old, new))
            return Result(refs=[((), key)])
        return self._compare(old, new, side, depth)

    def _drain(self) -> None:
        while self._pending:
            key, old, new = self._pending.pop()
            self.memo[key] = self._compare(old, new, key[2], 0)

    def expand(self, result: Result, seen: set[tuple[str, str, str]]) -> list[Raw]:
        """The raws of ``result`` and of every referenced pair not in ``seen`` (breadth first)."""
        self._drain()
        out = list(result.raws)
        queue = list(result.refs)
        while queue:
            suffix, key = queue.pop(0)
            if key in seen:
                continue
            seen.add(key)
            self._drain()
            sub = self.memo[key]
            out.extend(_nest(r, suffix) for r in sub.raws)
            queue.extend(((*suffix, *s), k) for s, k in sub.refs)
        return out

    def _has_ref(self, value: Any) -> bool:
        cached = self._ref_seen.get(id(value))
        if cached is not None:
            return cached
        if isinstance(value, Mapping):
            found = "$ref" in value or any(self._has_ref(v) for v in value.values())
        elif isinstance(value, list):
            found = any(self._has_ref(v) for v in value)
        else:
            return False
        self._ref_seen[id(value)] = found
        return found

    # -- the comparison ----------------------------------------------------------------------

    def _compare(self, old: Node, new: Node, side: str, depth: int) -> Result:
        o, n = old.value, new.value
        result = Result()
        if not isinstance(o, Mapping) or not isinstance(n, Mapping):
            if isinstance(o, Mapping) and not isinstance(n, Mapping) and o:
                result.raws.append(Raw("schema-removed", (), new.file, new.parts))
            if isinstance(n, Mapping) and not isinstance(o, Mapping) and n:
                result.raws.append(Raw("schema-added", (), new.file, new.parts))
            return result
        if o == n and not self._has_ref(o):
            return result
        out = result.raws
        self._type(o, n, new, out)
        self._enum(o, n, new, out)
        self._bounds(o, n, new, out)
        self._misc(o, n, new, side, out)
        self._properties(old, new, side, depth, result)
        self._composition(old, new, side, depth, result)
        for keyword in _RECURSE:
            if isinstance(o.get(keyword), Mapping) and isinstance(n.get(keyword), Mapping):
                result.extend(
                    self.compare(self.old.child(old, keyword), self.new.child(new, keyword), side, depth + 1),
                    (keyword,),
                )
        for keyword in ("patternProperties", "dependentSchemas"):
            self._keyed_schemas(old, new, keyword, side, depth, result)
        self._prefix_items(old, new, side, depth, result)
        return result

    def _type(self, o: Mapping[str, Any], n: Mapping[str, Any], new: Node, out: list[Raw]) -> None:
        ot, nt = _types(o), _types(n)
        if ot == nt:
            return
        if nt is None:
            kind = "type-widened"
        elif ot is None or nt < ot:
            kind = "type-narrowed"
        elif nt > ot:
            kind = "type-widened"
        else:
            kind = "type-changed"
        where = "type" if "type" in n else ("nullable" if "nullable" in n else "")
        parts = (*new.parts, where) if where else new.parts
        out.append(Raw(kind, (), new.file, parts, {"old": _show_types(ot), "new": _show_types(nt)}))

    def _enum(self, o: Mapping[str, Any], n: Mapping[str, Any], new: Node, out: list[Raw]) -> None:
        oe, ne = o.get("enum"), n.get("enum")
        at = (*new.parts, "enum")
        if isinstance(oe, list) and isinstance(ne, list):
            old_keys = {_key(v): v for v in oe}
            new_keys = {_key(v): v for v in ne}
            removed = [old_keys[k] for k in old_keys if k not in new_keys]
            added = [new_keys[k] for k in new_keys if k not in old_keys]
            if removed:
                out.append(Raw("enum-value-removed", (), new.file, at, {"values": removed}))
            if added:
                out.append(Raw("enum-value-added", (), new.file, at, {"values": added}))
        elif isinstance(ne, list) and not isinstance(oe, list):
            out.append(Raw("enum-added", (), new.file, at, {"new": ne}))
        elif isinstance(oe, list) and not isinstance(ne, list):
            out.append(Raw("enum-removed", (), new.file, new.parts))
        ox, nx = o.get("x-extensible-enum"), n.get("x-extensible-enum")
        if isinstance(ox, list) and isinstance(nx, list):
            removed = [v for v in ox if _key(v) not in {_key(x) for x in nx}]
            if removed:
                out.append(
                    Raw(
                        "enum-value-removed",
                        (),
                        new.file,
                        (*new.parts, "x-extensible-enum"),
                        {"values": removed},
                    )
                )

    def _bounds(self, o: Mapping[str, Any], n: Mapping[str, Any], new: Node, out: list[Raw]) -> None:
        for keyword in (*_LOWER, *_UPPER, "exclusiveMinimum", "exclusiveMaximum"):
            ov, nv = o.get(keyword), n.get(keyword)
            if ov == nv:
                continue
            at = (*new.parts, keyword) if keyword in n else new.parts
            args = {"keyword": keyword, "old": _shown(ov), "new": _shown(nv)}
            if isinstance(ov, bool) or isinstance(nv, bool):  # OpenAPI 3.0 exclusive flags
                tightened = bool(nv) and not bool(ov)
            elif not _number(ov) and not _number(nv):
                continue
            elif not _number(ov):
                tightened = True
            elif not _number(nv):
                tightened = False
            else:
                lower = keyword in _LOWER or keyword == "exclusiveMinimum"
                a, b = cast(float, nv), cast(float, ov)
                tightened = a > b if lower else a < b
            out.append(
                Raw("constraint-tightened" if tightened else "constraint-loosened", (), new.file, at, args)
            )

    def _misc(self, o: Mapping[str, Any], n: Mapping[str, Any], new: Node, side: str, out: list[Raw]) -> None:
        if "const" in o or "const" in n:
            ov, nv = o.get("const"), n.get("const")
            args = {"keyword": "const", "old": _shown(ov), "new": _shown(nv)}
            at = (*new.parts, "const") if "const" in n else new.parts
            if "const" in o and "const" in n and _key(ov) != _key(nv):
                out.append(Raw("value-changed", (), new.file, at, args))
            elif "const" in n and "const" not in o:
                out.append(Raw("constraint-tightened", (), new.file, at, args))
            elif "const" in o and "const" not in n:
                out.append(Raw("constraint-loosened", (), new.file, at, args))
        op, np_ = o.get("pattern"), n.get("pattern")
        if op != np_:
            args = {"keyword": "pattern", "old": _shown(op), "new": _shown(np_)}
            at = (*new.parts, "pattern") if "pattern" in n else new.parts
            if op is None or op in _ANY_STRING:
                kind = "pattern-tightened" if np_ not in _ANY_STRING else ""
            elif np_ is None or np_ in _ANY_STRING:
                kind = "pattern-loosened"
            else:
                kind = "pattern-changed"
            if kind:
                out.append(Raw(kind, (), new.file, at, args))
        if bool(o.get("uniqueItems")) != bool(n.get("uniqueItems")):
            kind = "constraint-tightened" if n.get("uniqueItems") else "constraint-loosened"
            out.append(
                Raw(
                    kind,
                    (),
                    new.file,
                    new.parts,
                    {
                        "keyword": "uniqueItems",
                        "old": _shown(o.get("uniqueItems")),
                        "new": _shown(n.get("uniqueItems")),
                    },
                )
            )
        oa, na = o.get("additionalProperties"), n.get("additionalProperties")
        if (oa is False) != (na is False):
            kind = "constraint-tightened" if na is False else "constraint-loosened"
            out.append(
                Raw(
                    kind,
                    (),
                    new.file,
                    new.parts,
                    {"keyword": "additionalProperties", "old": _shown(oa), "new": _shown(na)},
                )
            )
        for keyword in _PRESENCE:
            ov, nv = o.get(keyword), n.get(keyword)
            if ov is None and nv is None:
                continue
            args = {"keyword": keyword, "old": _shown(ov), "new": _shown(nv)}
            at = (*new.parts, keyword) if keyword in n else new.parts
            if ov is None:
                out.append(Raw("constraint-tightened", (), new.file, at, args))
            elif nv is None:
                out.append(Raw("constraint-loosened", (), new.file, at, args))
            elif keyword in _VALUE_CHANGED and _key(ov) != _key(nv):
                out.append(Raw("value-changed", (), new.file, at, args))
            elif keyword in _UNKNOWN_DIRECTION and _key(ov) != _key(nv):
                out.append(Raw("constraint-changed", (), new.file, at, args))
        if (
            side == "request"
            and "default" in o
            and "default" in n
            and _key(o["default"]) != _key(n["default"])
        ):
            out.append(
                Raw(
                    "request-default-changed",
                    (),
                    new.file,
                    (*new.parts, "default"),
                    {"old": _shown(o["default"]), "new": _shown(n["default"])},
                )
            )

    # -- objects -----------------------------------------------------------------------------

    def _properties(self, old: Node, new: Node, side: str, depth: int, result: Result) -> None:
        out = result.raws
        o, n = old.value, new.value
        op_ = o.get("properties") if isinstance(o.get("properties"), Mapping) else {}
        np_ = n.get("properties") if isinstance(n.get("properties"), Mapping) else {}
        oreq = set(o["required"]) if isinstance(o.get("required"), list) else set()
        nreq = set(n["required"]) if isinstance(n.get("required"), list) else set()
        old_props = self.old.child(old, "properties")
        new_props = self.new.child(new, "properties")
        hidden = "readOnly" if side == "request" else "writeOnly"
        hidden_names = set()
        for props, resolver, parent in ((op_, self.old, old_props), (np_, self.new, new_props)):
            for name in props:
                prop = resolver.get(parent, name).value
                if isinstance(prop, Mapping) and prop.get(hidden) is True:
                    hidden_names.add(name)
        for name in op_:
            if name in np_ or name in hidden_names:
                continue
            if side == "request":
                kind = "request-property-removed"
            else:
                kind = (
                    "response-required-property-removed"
                    if name in oreq
                    else "response-optional-property-removed"
                )
            out.append(Raw(kind, ("properties", name), new.file, new.parts, {"name": name}))
        for name in np_:
            child_new = self.new.get(new_props, name)
            prop = child_new.value
            if name not in op_:
                if name in hidden_names:
                    continue
                if side == "request" and name in nreq:
                    out.append(
                        Raw(
                            "request-property-added-required",
                            ("properties", name),
                            new.file,
                            (*new.parts, "properties", name),
                            {"name": name},
                        )
                    )
                else:
                    out.append(
                        Raw(
                            "property-added",
                            ("properties", name),
                            new.file,
                            (*new.parts, "properties", name),
                            {"name": name},
                        )
                    )
                continue
            child_old = self.old.get(old_props, name)
            result.extend(self.compare(child_old, child_new, side, depth + 1), ("properties", name))
            if (
                side == "response"
                and isinstance(child_old.value, Mapping)
                and isinstance(prop, Mapping)
                and child_old.value.get("writeOnly") is True
                and prop.get("writeOnly") is not True
                and name in nreq
            ):
                out.append(
                    Raw(
                        "response-property-write-only-removed",
                        ("properties", name),
                        new.file,
                        (*new.parts, "properties", name),
                        {"name": name},
                    )
                )
        for name in sorted(nreq - oreq - hidden_names):
            if name in op_ or not op_:
                out.append(
                    Raw(
                        "property-became-required",
                        ("properties", name),
                        new.file,
                        (*new.parts, "required"),
                        {"name": name},
                    )
                )
        for name in sorted(oreq - nreq - hidden_names):
            if name in np_ or (not np_ and not op_):
                out.append(
                    Raw(
                        "property-became-optional",
                        ("properties", name),
                        new.file,
                        (*new.parts, "required") if "required" in n else new.parts,
                        {"name": name},
                    )
                )

    def _keyed_schemas(
        self, old: Node, new: Node, keyword: str, side: str, depth: int, result: Result
    ) -> None:
        out = result.raws
        ov, nv = old.value.get(keyword), new.value.get(keyword)
        if not isinstance(ov, Mapping) or not isinstance(nv, Mapping):
            return
        old_c, new_c = self.old.child(old, keyword), self.new.child(new, keyword)
        for name in nv:
            if name not in ov:
                out.append(
                    Raw(
                        "constraint-tightened",
                        (),
                        new.file,
                        (*new.parts, keyword, name),
                        {"keyword": f"{keyword}[{name}]", "old": "none", "new": "set"},
                    )
                )
            else:
                result.extend(
                    self.compare(self.old.child(old_c, name), self.new.child(new_c, name), side, depth + 1),
                    (keyword, name),
                )
        for name in ov:
            if name not in nv:
                out.append(
                    Raw(
                        "constraint-loosened",
                        (),
                        new.file,
                        (*new.parts, keyword),
                        {"keyword": f"{keyword}[{name}]", "old": "set", "new": "none"},
                    )
                )

    def _prefix_items(self, old: Node, new: Node, side: str, depth: int, result: Result) -> None:
        out = result.raws
        ov, nv = old.value.get("prefixItems"), new.value.get("prefixItems")
        if not isinstance(ov, list) or not isinstance(nv, list):
            return
        old_c, new_c = self.old.child(old, "prefixItems"), self.new.child(new, "prefixItems")
        for i in range(min(len(ov), len(nv))):
            result.extend(
                self.compare(self.old.child(old_c, i), self.new.child(new_c, i), side, depth + 1),
                ("prefixItems", i),
            )
        if len(nv) != len(ov):
            kind = "constraint-tightened" if len(nv) > len(ov) else "constraint-loosened"
            out.append(
                Raw(
                    kind,
                    (),
                    new.file,
                    (*new.parts, "prefixItems"),
                    {"keyword": "prefixItems", "old": f"{len(ov)} items", "new": f"{len(nv)} items"},
                )
            )

    # -- composition -------------------------------------------------------------------------

    def _composition(self, old: Node, new: Node, side: str, depth: int, result: Result) -> None:
        out = result.raws
        o, n = old.value, new.value
        for keyword, stem in (("allOf", "all-of"), ("anyOf", "any-of"), ("oneOf", "one-of")):
            ob = o.get(keyword) if isinstance(o.get(keyword), list) else None
            nb = n.get(keyword) if isinstance(n.get(keyword), list) else None
            if ob is None and nb is None:
                continue
            if (
                ob is None
                and keyword != "allOf"
                and _has_content(o)
                and "allOf" not in o
                and not any(isinstance(o.get(k), list) for k in ("anyOf", "oneOf"))
            ):
                out.append(Raw("schema-wrapped", (), new.file, (*new.parts, keyword), {"keyword": keyword}))
                continue
            self._branches(old, new, keyword, stem, ob or [], nb or [], side, depth, result)

    def _branches(
        self,
        old: Node,
        new: Node,
        keyword: str,
        stem: str,
        ob: list[Any],
        nb: list[Any],
        side: str,
        depth: int,
        result: Result,
    ) -> None:
        out = result.raws
        old_c, new_c = self.old.child(old, keyword), self.new.child(new, keyword)
        old_resolved = [self.old.deref(self.old.child(old_c, i)).value for i in range(len(ob))]
        new_resolved = [self.new.deref(self.new.child(new_c, j)).value for j in range(len(nb))]
        pairs, removed, added = _match_branches(ob, nb, old_resolved, new_resolved)
        for i, j in pairs:
            result.extend(
                self.compare(self.old.child(old_c, i), self.new.child(new_c, j), side, depth + 1),
                (keyword, j),
            )
        for j in added:
            branch = nb[j]
            resolved = self.new.deref(self.new.child(new_c, j)).value
            kind = f"{stem}-added"
            if keyword == "allOf" and isinstance(resolved, Mapping) and not _has_content(resolved):
                kind = "all-of-annotation-added"
            out.append(Raw(kind, (), new.file, (*new.parts, keyword, j), {"branch": _branch_name(branch, j)}))
        for i in removed:
            out.append(
                Raw(
                    f"{stem}-removed",
                    (),
                    new.file,
                    (*new.parts, keyword) if nb else new.parts,
                    {"branch": _branch_name(ob[i], i)},
                )
            )


def _match_branches(
    ob: list[Any], nb: list[Any], orv: list[Any], nrv: list[Any]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pair branches by $ref target, then title, then equal (resolved) content, then position."""
    pairs: list[tuple[int, int]] = []
    left = list(range(len(ob)))
    right = list(range(len(nb)))
    labels: tuple[tuple[Any, Any], ...] = (
        (_ref_name, None),
        (_title, None),
        (_key, None),
        (None, _key),
        (None, _content_key),
    )
    for label, resolved_label in labels:
        for i in list(left):
            li = label(ob[i]) if label else resolved_label(orv[i])
            if li is None:
                continue
            for j in right:
                if (label(nb[j]) if label else resolved_label(nrv[j])) == li:
                    pairs.append((i, j))
                    left.remove(i)
                    right.remove(j)
                    break
    inline_left = [i for i in left if _ref_name(ob[i]) is None]
    inline_right = [j for j in right if _ref_name(nb[j]) is None]
    for i, j in zip(inline_left, inline_right, strict=False):
        pairs.append((i, j))
        left.remove(i)
        right.remove(j)
    return pairs, left, right


def _content_key(value: Any) -> str:
    if isinstance(value, Mapping):
        return _key({k: v for k, v in value.items() if k not in _ANNOTATIONS})
    return _key(value)


def _ref_name(branch: Any) -> str | None:
    if isinstance(branch, Mapping) and isinstance(branch.get("$ref"), str):
        return branch["$ref"].rsplit("/", 1)[-1]
    return None


def _title(branch: Any) -> str | None:
    if isinstance(branch, Mapping) and isinstance(branch.get("title"), str):
        return "title:" + branch["title"]
    return None


def _branch_name(branch: Any, index: int) -> str:
    return _ref_name(branch) or (_title(branch) or "")[6:] or f"#{index}"


def _has_content(schema: Mapping[str, Any]) -> bool:
    return any(k not in _ANNOTATIONS and not str(k).startswith("x-") for k in schema)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _shown(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, (dict, list)):
        text = _key(value)
        return text if len(text) <= 60 else text[:57] + "..."
    return str(value)


def _nest(raw: Raw, prefix: Parts) -> Raw:
    return Raw(raw.kind, (*prefix, *raw.suffix), raw.file, raw.parts, raw.args)

"""Comparing one operation: deprecation, parameters, request body, responses, security.

The comparison of whole documents (``operations``) calls :func:`compare_operation` with
itself as the :class:`OperationDiff`: the two resolvers, the schema comparer and the
emit functions. This module needs nothing else from it, so the dependency runs one way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Protocol

from platform_lint.families.contracts.diff.found import Result
from platform_lint.families.contracts.diff.paths import path_params
from platform_lint.families.contracts.diff.resolve import Node, Resolver
from platform_lint.families.contracts.diff.schema import SchemaComparer
from platform_lint.families.contracts.diff.sunset import parse_sunset, removal_kind

Logical = tuple[str | int, ...]


class OperationDiff(Protocol):
    """What comparing one operation needs of the comparison of the two documents."""

    old: Resolver
    new: Resolver
    schemas: SchemaComparer
    today: dt.date
    old_root: Node
    new_root: Node
    old_v2: bool
    new_v2: bool

    def emit(self, rule_id: str, operation: str, logical: Logical, at: Node | None, **args: Any) -> None: ...

    def emit_schema(
        self,
        result: Result,
        side: str,
        operation: str,
        logical: Logical,
        where: str,
        parameter: bool = False,
    ) -> None: ...


_PARAM_META = frozenset(
    {
        "name",
        "in",
        "required",
        "description",
        "deprecated",
        "x-sunset",
        "style",
        "explode",
        "allowEmptyValue",
        "allowReserved",
        "example",
        "examples",
        "collectionFormat",
    }
)


def compare_operation(
    d: OperationDiff,
    old_item: Node,
    new_item: Node,
    method: str,
    old_path: str,
    new_path: str,
    logical: Logical,
    operation: str,
) -> None:
    old_op = d.old.get(old_item, method)
    new_op = d.new.get(new_item, method)
    _deprecation(d, old_op.value, new_op.value, operation, logical, new_op, "operation", {})
    _parameters(d, old_item, new_item, old_op, new_op, old_path, new_path, logical, operation)
    _request_body(d, old_op, new_op, logical, operation)
    _responses(d, old_op, new_op, logical, operation)
    _security(d, old_op, new_op, logical, operation)


def _deprecation(
    d: OperationDiff,
    o: Any,
    n: Any,
    operation: str,
    logical: Logical,
    at: Node,
    prefix: str,
    args: Mapping[str, Any],
) -> None:
    if not isinstance(o, Mapping) or not isinstance(n, Mapping):
        return
    if n.get("deprecated") is True:
        announced = o.get("deprecated") is not True or o.get("x-sunset") != n.get("x-sunset")
        if "x-sunset" in n and parse_sunset(n["x-sunset"]) is None and announced:  # only what the change says
            d.emit(
                f"{prefix}-sunset-invalid",
                operation,
                (*logical, "x-sunset"),
                d.new.child(at, "x-sunset"),
                sunset=str(n["x-sunset"]),
                **args,
            )
        elif "x-sunset" in o and o.get("deprecated") is True and "x-sunset" not in n:
            d.emit(f"{prefix}-sunset-removed", operation, logical, at, sunset=str(o["x-sunset"]), **args)
        elif "x-sunset" in o and o.get("deprecated") is True and o["x-sunset"] != n.get("x-sunset"):
            _sunset_moved(d, o["x-sunset"], n["x-sunset"], operation, logical, at, prefix, args)
        if prefix == "operation" and o.get("deprecated") is not True:
            d.emit("operation-deprecated", operation, (*logical, "deprecated"), d.new.child(at, "deprecated"))


def _sunset_moved(
    d: OperationDiff,
    old: Any,
    new: Any,
    operation: str,
    logical: Logical,
    at: Node,
    prefix: str,
    args: Mapping[str, Any],
) -> None:
    """A deprecated item's sunset date changed: it may not move earlier (clients planned for it)."""
    before, after = parse_sunset(old), parse_sunset(new)
    if after is None:
        return  # reported as invalid
    where = (*logical, "x-sunset")
    node = d.new.child(at, "x-sunset")
    if before is None:
        d.emit(
            f"{prefix}-sunset-unverifiable",
            operation,
            where,
            node,
            old=str(old),
            sunset=after.isoformat(),
            **args,
        )
    elif after < before:
        d.emit(
            f"{prefix}-sunset-brought-forward",
            operation,
            where,
            node,
            old=before.isoformat(),
            sunset=after.isoformat(),
            **args,
        )


# -- parameters -------------------------------------------------------------------------------


def _collect_params(r: Any, item: Node, op: Node, path: str) -> dict[tuple[str, str], tuple[Node, Logical]]:
    positions = {name: i for i, name in enumerate(path_params(path))}
    out: dict[tuple[str, str], tuple[Node, Logical]] = {}
    for owner, rel in ((item, ()), (op, None)):
        params = r.child(owner, "parameters")
        if not isinstance(params.value, list):
            continue
        for i in range(len(params.value)):
            node = r.deref(r.child(params, i))
            value = node.value
            if not isinstance(value, Mapping) or value.get("in") == "body":
                continue
            where = str(value.get("in"))
            name = str(value.get("name"))
            key_name = name.lower() if where == "header" else name
            if where == "path" and name in positions:
                key_name = f"#{positions[name]}"
            logical: Logical = ("parameters", i) if rel is None else ("..", "parameters", i)
            out[(where, key_name)] = (node, logical)
    return out


def _param_schema(r: Any, node: Node) -> Node:
    if isinstance(node.value, Mapping) and "schema" in node.value:
        return r.child(node, "schema")
    content = node.value.get("content") if isinstance(node.value, Mapping) else None
    if isinstance(content, Mapping) and content:  # 3.x: one media type with its schema
        media = r.child(r.child(node, "content"), next(iter(content)))
        return r.child(media, "schema")
    if isinstance(node.value, Mapping):  # OpenAPI 2.0: the parameter is its own schema
        return Node({k: v for k, v in node.value.items() if k not in _PARAM_META}, node.file, node.parts)
    return node


def _parameters(
    d: OperationDiff,
    old_item: Node,
    new_item: Node,
    old_op: Node,
    new_op: Node,
    old_path: str,
    new_path: str,
    logical: Logical,
    operation: str,
) -> None:
    old_params = _collect_params(d.old, old_item, old_op, old_path)
    new_params = _collect_params(d.new, new_item, new_op, new_path)

    def abs_logical(rel: Logical) -> Logical:
        return (*logical[:-1], *rel[1:]) if rel[0] == ".." else (*logical, *rel)

    new_names = {
        (str(n.value.get("name")).lower(), loc): key for key, (n, _) in new_params.items() for loc in [key[0]]
    }
    for key, (node, _rel) in old_params.items():
        value = node.value
        name = str(value.get("name"))
        where = f"{key[0]} parameter `{name}`"
        if key in new_params:
            new_node, rel = new_params[key]
            nl = abs_logical(rel)
            nv = new_node.value
            if nv.get("required") is True and value.get("required") is not True:
                d.emit("request-parameter-became-required", operation, nl, new_node, where=where, name=name)
            elif value.get("required") is True and nv.get("required") is not True and key[0] != "path":
                d.emit("request-parameter-became-optional", operation, nl, new_node, where=where, name=name)
            _deprecation(d, value, nv, operation, nl, new_node, "request-parameter", {"where": where})
            result = d.schemas.compare(_param_schema(d.old, node), _param_schema(d.new, new_node), "request")
            d.emit_schema(result, "request", operation, (*nl, "schema"), where, parameter=True)
            continue
        moved = [
            k
            for (lname, loc), k in new_names.items()
            if lname == name.lower() and loc != key[0] and k not in old_params
        ]
        if moved:
            new_node, rel = new_params[moved[0]]
            d.emit(
                "request-parameter-moved",
                operation,
                abs_logical(rel),
                new_node,
                name=name,
                old=key[0],
                new=moved[0][0],
            )
            continue
        kind, sunset = removal_kind(value, d.today)
        rule_id = {
            "plain": "request-parameter-removed",
            "invalid": "request-parameter-sunset-invalid",
            "before": "request-parameter-removed-before-sunset",
            "after": "request-parameter-removed-after-sunset",
        }[kind]
        d.emit(rule_id, operation, (*logical, "parameters"), None, where=where, name=name, sunset=sunset)
    for key, (new_node, rel) in new_params.items():
        if key in old_params:
            continue
        name = str(new_node.value.get("name"))
        if any(lname == name.lower() for (lname, _), k in new_names.items() if k == key) and any(
            str(n.value.get("name")).lower() == name.lower() for n, _ in old_params.values()
        ):
            continue  # reported as moved
        where = f"{key[0]} parameter `{name}`"
        rule_id = (
            "request-parameter-added-required"
            if new_node.value.get("required") is True
            else "request-parameter-added"
        )
        d.emit(rule_id, operation, abs_logical(rel), new_node, where=where, name=name)


# -- request bodies ---------------------------------------------------------------------------


def _v2_body(r: Any, op: Node, root: Node) -> Node | None:
    params = r.child(op, "parameters")
    if not isinstance(params.value, list):
        return None
    for i in range(len(params.value)):
        node = r.deref(r.child(params, i))
        if isinstance(node.value, Mapping) and node.value.get("in") == "body":
            return node
    return None


def _media_types(r: Any, op: Node, root: Node, key: str) -> list[str]:
    value = op.value.get(key) if isinstance(op.value, Mapping) else None
    if not isinstance(value, list):
        value = root.value.get(key) if isinstance(root.value, Mapping) else None
    return [str(v) for v in value] if isinstance(value, list) and value else ["application/json"]


def _body_view(
    d: OperationDiff, r: Any, op: Node, root: Node, v2: bool
) -> tuple[Node, bool, dict[str, Node]]:
    """(body node, required, media type -> schema node) or a body node with value None."""
    if v2:
        body = _v2_body(r, op, root)
        if body is None:
            return Node(None, op.file, op.parts), False, {}
        schema = r.child(body, "schema")
        return (
            body,
            body.value.get("required") is True,
            {m: schema for m in _media_types(r, op, root, "consumes")},
        )
    body = r.get(op, "requestBody")
    if not isinstance(body.value, Mapping):
        return Node(None, op.file, op.parts), False, {}
    content = r.child(body, "content")
    media = {}
    if isinstance(content.value, Mapping):
        media = {str(m): r.child(r.child(content, m), "schema") for m in content.value}
    return body, body.value.get("required") is True, media


def _request_body(d: OperationDiff, old_op: Node, new_op: Node, logical: Logical, operation: str) -> None:
    ob, oreq, omedia = _body_view(d, d.old, old_op, d.old_root, d.old_v2)
    nb, nreq, nmedia = _body_view(d, d.new, new_op, d.new_root, d.new_v2)
    at = (*logical, "requestBody")
    if ob.value is None and nb.value is None:
        return
    if ob.value is None:
        d.emit("request-body-added-required" if nreq else "request-body-added", operation, at, nb)
        return
    if nb.value is None:
        d.emit("request-body-removed", operation, at, None)
        return
    if nreq and not oreq:
        d.emit("request-body-became-required", operation, at, nb)
    elif oreq and not nreq:
        d.emit("request-body-became-optional", operation, at, nb)
    for media, schema in omedia.items():
        if media not in nmedia:
            d.emit(
                "request-body-media-type-removed", operation, (*at, "content", media), nb, media_type=media
            )
            continue
        result = d.schemas.compare(schema, nmedia[media], "request")
        d.emit_schema(
            result, "request", operation, (*at, "content", media, "schema"), f"the request body ({media})"
        )
    for media in nmedia:
        if media not in omedia:
            d.emit("request-body-media-type-added", operation, (*at, "content", media), nb, media_type=media)


# -- responses --------------------------------------------------------------------------------


def _success(status: str) -> bool:
    return status.startswith("2") or status.upper() == "2XX"


def _response_media(d: OperationDiff, r: Any, resp: Node, op: Node, root: Node, v2: bool) -> dict[str, Node]:
    if v2:
        if not isinstance(resp.value, Mapping) or "schema" not in resp.value:
            return {}
        schema = r.child(resp, "schema")
        return {m: schema for m in _media_types(r, op, root, "produces")}
    content = r.child(resp, "content")
    if not isinstance(content.value, Mapping):
        return {}
    return {str(m): r.child(r.child(content, m), "schema") for m in content.value}


def _responses(d: OperationDiff, old_op: Node, new_op: Node, logical: Logical, operation: str) -> None:
    orsp, nrsp = d.old.get(old_op, "responses"), d.new.get(new_op, "responses")
    ov = orsp.value if isinstance(orsp.value, Mapping) else {}
    nv = nrsp.value if isinstance(nrsp.value, Mapping) else {}
    for status in ov:
        s = str(status)
        at = (*logical, "responses", s)
        if status not in nv:
            d.emit(
                "response-success-status-removed" if _success(s) else "response-status-removed",
                operation,
                at,
                None,
                status=s,
            )
            continue
        old_resp, new_resp = d.old.get(orsp, status), d.new.get(nrsp, status)
        omedia = _response_media(d, d.old, old_resp, old_op, d.old_root, d.old_v2)
        nmedia = _response_media(d, d.new, new_resp, new_op, d.new_root, d.new_v2)
        for media, schema in omedia.items():
            if media not in nmedia:
                d.emit(
                    "response-media-type-removed",
                    operation,
                    (*at, "content", media),
                    new_resp,
                    status=s,
                    media_type=media,
                )
                continue
            result = d.schemas.compare(schema, nmedia[media], "response")
            d.emit_schema(
                result,
                "response",
                operation,
                (*at, "content", media, "schema"),
                f"the response {s} body ({media})",
            )
        for media in nmedia:
            if media not in omedia:
                d.emit(
                    "response-media-type-added",
                    operation,
                    (*at, "content", media),
                    new_resp,
                    status=s,
                    media_type=media,
                )
        _headers(d, old_resp, new_resp, at, operation, s)
    for status in nv:
        if status not in ov:
            d.emit(
                "response-status-added",
                operation,
                (*logical, "responses", str(status)),
                d.new.child(nrsp, status),
                status=str(status),
            )


def _headers(
    d: OperationDiff, old_resp: Node, new_resp: Node, at: Logical, operation: str, status: str
) -> None:
    oh, nh = d.old.get(old_resp, "headers"), d.new.get(new_resp, "headers")
    ov = oh.value if isinstance(oh.value, Mapping) else {}
    nv = nh.value if isinstance(nh.value, Mapping) else {}
    new_lower = {str(k).lower(): k for k in nv}
    for name in ov:
        old_h = d.old.get(oh, name)
        required = isinstance(old_h.value, Mapping) and old_h.value.get("required") is True
        key = new_lower.get(str(name).lower())
        if key is None:
            d.emit(
                "response-header-removed" if required else "response-optional-header-removed",
                operation,
                (*at, "headers", str(name)),
                new_resp,
                name=str(name),
                status=status,
            )
            continue
        new_h = d.new.get(nh, key)
        if required and not (isinstance(new_h.value, Mapping) and new_h.value.get("required") is True):
            d.emit(
                "response-header-became-optional",
                operation,
                (*at, "headers", str(key)),
                new_h,
                name=str(key),
                status=status,
            )
        result = d.schemas.compare(_param_schema(d.old, old_h), _param_schema(d.new, new_h), "response")
        d.emit_schema(
            result,
            "response",
            operation,
            (*at, "headers", str(key), "schema"),
            f"response {status} header `{key}`",
        )


# -- security ---------------------------------------------------------------------------------


def _requirements(r: Any, op: Node, root: Node) -> list[dict[str, frozenset[str]]]:
    value = op.value.get("security") if isinstance(op.value, Mapping) else None
    if value is None and isinstance(root.value, Mapping):
        value = root.value.get("security")
    if not isinstance(value, list) or not value:
        return [{}]
    out = []
    for alt in value:
        if isinstance(alt, Mapping):
            out.append({str(k): frozenset(map(str, v or [])) for k, v in alt.items()})
    return out or [{}]


def _satisfies(new_alt: dict[str, frozenset[str]], old_alt: dict[str, frozenset[str]]) -> bool:
    return all(k in old_alt and v <= old_alt[k] for k, v in new_alt.items())


def _show(alt: dict[str, frozenset[str]]) -> str:
    return " + ".join(sorted(alt)) or "(none)"


def _security(d: OperationDiff, old_op: Node, new_op: Node, logical: Logical, operation: str) -> None:
    olds = _requirements(d.old, old_op, d.old_root)
    news = _requirements(d.new, new_op, d.new_root)
    at = (*logical, "security")
    where = (
        d.new.child(new_op, "security")
        if "security" in (new_op.value or {})
        else d.new.child(d.new_root, "security")
    )
    for old_alt in olds:
        if any(_satisfies(new_alt, old_alt) for new_alt in news):
            if old_alt not in news and old_alt:
                d.emit("security-requirement-removed", operation, at, where, requirement=_show(old_alt))
            continue
        same = [n for n in news if set(n) == set(old_alt)]
        if same:
            scheme = next(k for k in old_alt if not same[0][k] <= old_alt[k])
            d.emit(
                "security-scope-added",
                operation,
                at,
                where,
                scheme=scheme,
                scopes=sorted(same[0][scheme] - old_alt[scheme]),
            )
        else:
            d.emit(
                "security-requirement-added",
                operation,
                at,
                where,
                requirement=_show(old_alt),
                new=" or ".join(_show(n) for n in news),
            )

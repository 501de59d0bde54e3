"""Rewrites that keep a schema's meaning are never reported, whatever the schema (property-based)."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contracts.helpers import body_op, diff, spec

_leaf = st.one_of(
    st.fixed_dictionaries(
        {"type": st.just("string")}, optional={"maxLength": st.integers(1, 50), "format": st.just("uuid")}
    ),
    st.fixed_dictionaries(
        {"type": st.just("integer")}, optional={"maximum": st.integers(0, 9), "format": st.just("int32")}
    ),
    st.fixed_dictionaries(
        {"type": st.just("string"), "enum": st.lists(st.sampled_from("abcd"), min_size=1, unique=True)}
    ),
    st.just({"type": "boolean"}),
)


def _object(children: Any) -> Any:
    names = st.sampled_from(["a", "b", "c", "d"])
    return st.dictionaries(names, children, min_size=1, max_size=3).flatmap(
        lambda props: st.lists(st.sampled_from(sorted(props)), unique=True).map(
            lambda required: {
                "type": "object",
                "properties": props,
                **({"required": required} if required else {}),
            }
        )
    )


schemas = st.recursive(
    _leaf,
    lambda children: st.one_of(_object(children), children.map(lambda s: {"type": "array", "items": s})),
    max_leaves=8,
)


def _rewrite(schema: Any, how: int) -> Any:
    """The same meaning, written another way."""
    out = copy.deepcopy(schema)
    if how == 0:
        return {"anyOf": [out], "description": "wrapped"}
    if how == 1:
        return {"allOf": [out]}
    if how == 2 and out.get("type") == "object":
        props = dict(out["properties"])
        first = sorted(props)[0]
        part = {"type": "object", "properties": {first: props.pop(first)}}
        rest = {k: v for k, v in out.items() if k != "properties"}
        return {"allOf": [part, {**rest, "properties": props}]}
    if how == 3:
        out.update({"deprecated": False, "nullable": False, "readOnly": False})
        if out.get("type") == "object":
            out.setdefault("required", [])
            out["additionalProperties"] = True
        if out.get("type") == "integer":
            out["exclusiveMaximum"] = False
        if out.get("type") == "array":
            out["minItems"] = 0
        return out
    return {"oneOf": [out]}


def _holder(schema: Any, side: str, components: dict[str, Any] | None = None) -> dict[str, Any]:
    operation = body_op(request=schema) if side == "request" else body_op(response=schema)
    doc = spec({"/x": {"post": operation}})
    if components:
        doc["components"] = {"schemas": components}
        doc["openapi"] = "3.1.0"
    return doc


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schema=schemas, how=st.integers(0, 4), side=st.sampled_from(["request", "response"]))
def test_a_rewrite_that_keeps_the_meaning_is_no_change(schema: Any, how: int, side: str) -> None:
    rewritten = _rewrite(schema, how)
    assert diff(_holder(schema, side), _holder(rewritten, side)) == []
    assert diff(_holder(rewritten, side), _holder(schema, side)) == []


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schema=schemas, side=st.sampled_from(["request", "response"]), wrap=st.booleans())
def test_a_schema_moved_into_a_component_is_no_change(schema: Any, side: str, wrap: bool) -> None:
    ref: dict[str, Any] = {"$ref": "#/components/schemas/Moved"}
    moved = _holder({"allOf": [ref]} if wrap else ref, side, {"Moved": schema, "Unused": {"type": "string"}})
    assert diff(_holder(schema, side), moved) == []
    assert diff(moved, _holder(schema, side)) == []


@settings(max_examples=100, deadline=None)
@given(schema=schemas, side=st.sampled_from(["request", "response"]), spelling=st.integers(0, 2))
def test_null_added_is_exactly_one_change(schema: Any, side: str, spelling: int) -> None:
    if spelling == 0:
        nullable = {**copy.deepcopy(schema), "nullable": True}
    elif spelling == 1:
        nullable = {**copy.deepcopy(schema), "type": [schema["type"], "null"]}
    else:
        nullable = {"anyOf": [copy.deepcopy(schema), {"type": "null"}]}
    changes = diff(_holder(schema, side), _holder(nullable, side))
    assert [c.id for c in changes] == [f"{side}-became-nullable"]

"""Every schema-level rule id, on both sides of the wire, from small schema pairs."""

from __future__ import annotations

from typing import Any

import pytest

from contracts.helpers import body_op, diff, spec
from platform_lint.families.contracts.diff.rules import RULES

OBJ = {"type": "object", "properties": {"a": {"type": "string"}}}
X_REQUIRED = {"required": ["x"], "title": "X"}
STR = {"type": "string", "maxLength": 5}
INT = {"type": "integer", "minimum": 0}


def _nested(depth: int, leaf: str) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": leaf}
    for _ in range(depth):
        schema = {"type": "array", "items": schema}
    return schema


# kind -> (old schema, new schema); the same pair is tried as request and as response body
PAIRS: dict[str, tuple[Any, Any]] = {
    "type-narrowed": ({"type": "number"}, {"type": "integer"}),
    "type-widened": ({"type": "integer"}, {"type": "number"}),
    "type-changed": ({"type": "string"}, {"type": "integer"}),
    "enum-added": ({"type": "string"}, {"type": "string", "enum": ["a"]}),
    "enum-removed": ({"type": "string", "enum": ["a"]}, {"type": "string"}),
    "enum-value-removed": ({"type": "string", "enum": ["a", "b"]}, {"type": "string", "enum": ["a"]}),
    "enum-value-added": ({"type": "string", "enum": ["a"]}, {"type": "string", "enum": ["a", "b"]}),
    "constraint-tightened": ({"type": "string", "maxLength": 10}, {"type": "string", "maxLength": 5}),
    "constraint-loosened": ({"type": "integer", "minimum": 5}, {"type": "integer", "minimum": 1}),
    "constraint-changed": ({"type": "integer", "multipleOf": 3}, {"type": "integer", "multipleOf": 5}),
    "bound-added": ({"type": "integer"}, {"type": "integer", "maximum": 10}),
    "became-nullable": ({"type": "string"}, {"type": "string", "nullable": True}),
    "became-not-nullable": ({"type": "string", "nullable": True}, {"type": "string"}),
    "format-narrowed": ({"type": "integer", "format": "int64"}, {"type": "integer", "format": "int32"}),
    "format-widened": ({"type": "integer", "format": "int32"}, {"type": "integer", "format": "int64"}),
    "format-changed": ({"type": "string", "format": "uuid"}, {"type": "string", "format": "email"}),
    "pattern-tightened": ({"type": "string"}, {"type": "string", "pattern": "^[a-z]+$"}),
    "pattern-loosened": ({"type": "string", "pattern": "^[a-z]+$"}, {"type": "string"}),
    "pattern-changed": ({"type": "string", "pattern": "^[a-z]+$"}, {"type": "string", "pattern": "^[0-9]+$"}),
    "value-changed": ({"const": "a"}, {"const": "b"}),
    "property-added": (OBJ, {**OBJ, "properties": {**OBJ["properties"], "b": {"type": "string"}}}),
    "property-became-required": (OBJ, {**OBJ, "required": ["a"]}),
    "property-became-optional": ({**OBJ, "required": ["a"]}, OBJ),
    "all-of-added": (
        {"allOf": [{"type": "object"}, {"title": "A", "properties": {"a": {"type": "string"}}}]},
        {"allOf": [{"type": "object"}, {"title": "A", "properties": {"a": {"type": "string"}}}, X_REQUIRED]},
    ),
    "all-of-annotation-added": (
        {"allOf": [{"type": "object"}, {"title": "A", "properties": {"a": {"type": "string"}}}]},
        {
            "allOf": [
                {"type": "object"},
                {"title": "A", "properties": {"a": {"type": "string"}}},
                {"description": "d"},
            ]
        },
    ),
    "all-of-annotation-removed": (
        {"allOf": [{"type": "object"}, {"description": "d"}, {"title": "A", "properties": {"a": {}}}]},
        {"allOf": [{"type": "object"}, {"title": "A", "properties": {"a": {}}}]},
    ),
    "all-of-removed": (
        {"allOf": [{"type": "object"}, {"title": "A", "properties": {"a": {"type": "string"}}}, X_REQUIRED]},
        {"allOf": [{"type": "object"}, {"title": "A", "properties": {"a": {"type": "string"}}}]},
    ),
    "any-of-added": ({"anyOf": [STR]}, {"anyOf": [STR, INT]}),
    "any-of-removed": ({"anyOf": [STR, INT]}, {"anyOf": [STR]}),
    "one-of-added": ({"oneOf": [STR]}, {"oneOf": [STR, INT]}),
    "one-of-removed": ({"oneOf": [STR, INT]}, {"oneOf": [STR]}),
    "schema-wrapped": (
        {"type": "object", "properties": {"a": {"type": "string"}}},
        {"oneOf": [{"type": "object", "required": ["a"]}, {"type": "object", "properties": {"b": {}}}]},
    ),
    "schema-added": (None, {"type": "string"}),
    "comparison-incomplete": (_nested(70, "string"), _nested(70, "integer")),
    "schema-removed": ({"type": "string"}, None),
}

SIDE_ONLY: dict[str, tuple[str, Any, Any]] = {
    "request-property-added-required": (
        "request",
        OBJ,
        {**OBJ, "properties": {"a": {"type": "string"}, "b": {"type": "string"}}, "required": ["b"]},
    ),
    "request-property-removed": ("request", OBJ, {"type": "object", "properties": {}}),
    "request-property-default-changed": (
        "request",
        {"type": "integer", "default": 1},
        {"type": "integer", "default": 2},
    ),
    "response-required-property-removed": (
        "response",
        {**OBJ, "required": ["a"]},
        {"type": "object", "properties": {}},
    ),
    "response-optional-property-removed": ("response", OBJ, {"type": "object", "properties": {}}),
    "response-property-write-only-removed": (
        "response",
        {"type": "object", "required": ["a"], "properties": {"a": {"type": "string", "writeOnly": True}}},
        {"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}}},
    ),
}


def _media(schema: Any) -> dict[str, Any]:
    return {"type": "object"} if schema is None else schema


def _spec_pair(side: str, old: Any, new: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    def build(schema: Any) -> dict[str, Any]:
        operation = body_op(
            request=_media(schema) if side == "request" else None,
            response=_media(schema) if side == "response" else None,
        )
        holder = operation["requestBody"] if side == "request" else operation["responses"]["200"]
        content = holder["content"]
        if schema is None:
            content["application/json"] = {}
        return spec({"/things": {"post": operation}})

    return build(old), build(new)


@pytest.mark.parametrize("side", ["request", "response"])
@pytest.mark.parametrize("kind", sorted(PAIRS))
def test_schema_kind(kind: str, side: str) -> None:
    old, new = PAIRS[kind]
    changes = diff(*_spec_pair(side, old, new))
    rule_id = f"{side}-{kind}"
    found = [c for c in changes if c.id == rule_id]
    assert found, f"{rule_id} not reported; got {[c.id for c in changes]}"
    assert found[0].level == RULES[rule_id].level
    assert found[0].operation == "POST /things"
    assert found[0].pointer.startswith("/paths/~1things/post/")
    assert found[0].line is not None


@pytest.mark.parametrize("rule_id", sorted(SIDE_ONLY))
def test_side_specific(rule_id: str) -> None:
    side, old, new = SIDE_ONLY[rule_id]
    changes = diff(*_spec_pair(side, old, new))
    assert rule_id in {c.id for c in changes}, [c.id for c in changes]


def test_ref_indirection_is_not_a_change() -> None:
    inline = spec({"/p": {"get": body_op(response=OBJ)}})
    via_ref = spec(
        {"/p": {"get": body_op(response={"$ref": "#/components/schemas/Thing"})}},
        components={"schemas": {"Thing": {"$ref": "#/components/schemas/Real"}, "Real": OBJ}},
    )
    assert diff(inline, via_ref) == []
    assert diff(via_ref, inline) == []


def test_cyclic_schemas_end() -> None:
    node = {
        "type": "object",
        "properties": {"child": {"$ref": "#/components/schemas/Node"}, "name": {"type": "string"}},
        "required": ["name"],
    }
    old = spec(
        {"/n": {"get": body_op(response={"$ref": "#/components/schemas/Node"})}},
        components={"schemas": {"Node": node}},
    )
    changed = {**node, "required": []}
    new = spec(
        {"/n": {"get": body_op(response={"$ref": "#/components/schemas/Node"})}},
        components={"schemas": {"Node": changed}},
    )
    changes = diff(old, new)
    assert [c.id for c in changes] == ["response-property-became-optional"]
    self_loop = spec(
        {"/n": {"get": body_op(response={"$ref": "#/components/schemas/A"})}},
        components={"schemas": {"A": {"$ref": "#/components/schemas/A"}}},
    )
    assert diff(self_loop, self_loop) == []


def test_shared_component_reported_once_with_line_in_component() -> None:
    old = spec(
        {
            "/a": {"get": body_op(response={"$ref": "#/components/schemas/T"})},
            "/b": {"get": body_op(response={"$ref": "#/components/schemas/T"})},
        },
        components={"schemas": {"T": {**OBJ, "required": ["a"]}}},
    )
    new = spec(
        {
            "/a": {"get": body_op(response={"$ref": "#/components/schemas/T"})},
            "/b": {"get": body_op(response={"$ref": "#/components/schemas/T"})},
        },
        components={"schemas": {"T": {"type": "object", "properties": {}}}},
    )
    changes = [c for c in diff(old, new) if c.id == "response-required-property-removed"]
    assert len(changes) == 1
    assert changes[0].operation == "schema T"
    assert changes[0].operations == ("GET /a", "GET /b")
    assert changes[0].pointer == "/components/schemas/T/properties/a"


def test_relative_file_ref_followed_and_remote_not_fetched() -> None:
    old = spec({"/p": {"get": body_op(response={"$ref": "schemas.json#/Thing"})}})
    new = spec(
        {
            "/p": {"get": body_op(response={"$ref": "schemas.json#/Thing"})},
            "/r": {"get": body_op(response={"$ref": "https://example.com/x.json"})},
        }
    )
    files = {
        "old/schemas.json": {"Thing": {**OBJ, "required": ["a"]}},
        "new/schemas.json": {"Thing": {"type": "object", "properties": {}}},
    }
    changes = diff(old, new, files=files)
    removed = [c for c in changes if c.id == "response-required-property-removed"]
    assert removed and removed[0].file == "new/schemas.json"

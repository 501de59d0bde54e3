"""Schemas are compared by what they accept: rewrites that keep the meaning are no change.

Each pair below mixes a rewrite that changes nothing with (where there is one) a real
change, and asserts that exactly the real change is reported, with its level and words.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from contracts.helpers import body_op, diff, spec
from platform_lint.commands.diff import message
from platform_lint.families.contracts.diff.model import Change

PET = {
    "type": "object",
    "required": ["id", "name", "tag"],
    "properties": {
        "id": {"type": "string"},
        "name": {"type": "string", "maxLength": 50},
        "tag": {"type": "string"},
    },
}
PET_REF = {"$ref": "#/components/schemas/Pet"}


def holder(prop: Any, side: str = "response", version: str = "3.0.3", **schemas: Any) -> dict[str, Any]:
    """POST /things whose request or response body has one property `p`."""
    body = {"type": "object", "properties": {"p": copy.deepcopy(prop)}}
    operation = body_op(response=body) if side == "response" else body_op(request=body)
    doc = spec({"/things": {"post": operation}}, components={"schemas": {"Pet": PET, **schemas}})
    doc["openapi"] = version
    return doc


def found(changes: list[Change]) -> list[tuple[str, str]]:
    return sorted((c.id, c.level) for c in changes)


# -- one-branch anyOf, nullable ------------------------------------------------------------


def test_ref_wrapped_in_one_branch_any_of_and_made_nullable_is_only_nullability() -> None:
    old = holder(PET_REF)
    new = holder({"anyOf": [PET_REF], "nullable": True, "description": "the pet, if any"})
    changes = diff(old, new)
    assert found(changes) == [("response-became-nullable", "error")]
    assert message(changes[0]) == "`p` in the response 200 body (application/json) may now be null"
    assert changes[0].pointer.endswith("/schema/properties/p")
    assert changes[0].line is not None


def test_one_branch_wrappers_without_null_are_no_change_on_either_side() -> None:
    for side in ("request", "response"):
        for keyword in ("anyOf", "oneOf", "allOf"):
            wrapped = {keyword: [PET_REF], "description": "wrapped"}
            assert diff(holder(PET_REF, side), holder(wrapped, side)) == [], (side, keyword)
            assert diff(holder(wrapped, side), holder(PET_REF, side)) == [], (side, keyword)


def test_openapi_31_null_branch_is_nullability_too() -> None:
    old = holder(PET_REF, version="3.1.0")
    new = holder({"anyOf": [PET_REF, {"type": "null"}]}, version="3.1.0")
    assert found(diff(old, new)) == [("response-became-nullable", "error")]
    request = found(
        diff(
            holder(PET_REF, "request", "3.1.0"),
            holder({"oneOf": [{"type": "null"}, PET_REF]}, "request", "3.1.0"),
        )
    )
    assert request == [("request-became-nullable", "info")]


def test_nullable_spelled_the_30_or_the_31_way_is_the_same() -> None:
    as_30 = holder({"type": "string", "nullable": True, "maxLength": 5})
    as_31 = holder({"type": ["string", "null"], "maxLength": 5}, version="3.1.0")
    assert diff(as_30, as_31) == []
    narrowed = holder({"type": ["string", "null"], "maxLength": 5}, "request", "3.1.0")
    changes = diff(narrowed, holder({"type": "string", "maxLength": 5}, "request", "3.1.0"))
    assert found(changes) == [("request-became-not-nullable", "error")]
    assert message(changes[0]).endswith("no longer accepts null")


# -- allOf -------------------------------------------------------------------------------------


BASE = {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}
EXTENDED = {
    "allOf": [
        {"$ref": "#/components/schemas/Base"},
        {"type": "object", "properties": {"note": {"type": "string", "maxLength": 100}}},
    ]
}
FLAT = {
    "type": "object",
    "required": ["id"],
    "properties": {"id": {"type": "string"}, "note": {"type": "string", "maxLength": 100}},
}


@pytest.mark.parametrize("side", ["request", "response"])
def test_all_of_flattened_into_the_same_inline_schema_is_no_change(side: str) -> None:
    nested = holder(EXTENDED, side, Base=BASE)
    flat = holder(FLAT, side, Base=BASE)
    assert diff(nested, flat) == []
    assert diff(flat, nested) == []


def test_all_of_flattened_with_a_real_change_reports_only_that_change() -> None:
    tighter = copy.deepcopy(FLAT)
    tighter["properties"]["note"]["maxLength"] = 20
    changes = diff(holder(EXTENDED, "request", Base=BASE), holder(tighter, "request", Base=BASE))
    assert found(changes) == [("request-constraint-tightened", "error")]
    assert "`p.note`" in message(changes[0]) and "<= 100 -> <= 20" in message(changes[0])


def test_a_required_property_dropped_from_a_merged_branch_is_found() -> None:
    old = holder(EXTENDED, Base=BASE)
    new = holder(EXTENDED, Base={**BASE, "required": []})
    changes = diff(old, new)
    assert found(changes) == [("response-property-became-optional", "error")]
    assert changes[0].operation == "schema Base"
    assert changes[0].operations == ("POST /things",)


# -- defaults and bounds ---------------------------------------------------------------------


def test_defaults_written_out_are_no_change() -> None:
    plain = {"type": "object", "properties": {"n": {"type": "number", "maximum": 10}, "s": {"type": "array"}}}
    spelled = {
        "type": "object",
        "required": [],
        "deprecated": False,
        "nullable": False,
        "readOnly": False,
        "additionalProperties": True,
        "properties": {
            "n": {"type": "number", "maximum": 10, "exclusiveMaximum": False, "exclusiveMinimum": False},
            "s": {"type": "array", "minItems": 0, "uniqueItems": False, "items": {}},
        },
    }
    for side in ("request", "response"):
        assert diff(holder(plain, side), holder(spelled, side)) == []
        assert diff(holder(spelled, side), holder(plain, side)) == []


def test_boolean_exclusive_bounds_compare_as_ranges() -> None:
    old = holder({"type": "number", "minimum": 0, "maximum": 10, "exclusiveMaximum": False}, "request")
    same_31 = holder({"type": "number", "minimum": 0, "maximum": 10}, "request", "3.1.0")
    assert diff(old, same_31) == []
    exclusive_30 = holder(
        {"type": "number", "minimum": 0, "maximum": 10, "exclusiveMaximum": True}, "request"
    )
    exclusive_31 = holder({"type": "number", "minimum": 0, "exclusiveMaximum": 10}, "request", "3.1.0")
    assert diff(exclusive_30, exclusive_31) == []
    changes = diff(old, exclusive_30)
    assert found(changes) == [("request-constraint-tightened", "error")]
    assert "maximum tightened (<= 10 -> < 10)" in message(changes[0])
    assert found(diff(exclusive_30, old)) == [("request-constraint-loosened", "info")]


def test_a_limit_set_where_there_was_none_is_potentially_breaking_in_a_request() -> None:
    changes = diff(
        holder({"type": "integer"}, "request"), holder({"type": "integer", "maximum": 9}, "request")
    )
    assert found(changes) == [("request-bound-added", "warning")]
    assert found(diff(holder({"type": "integer"}), holder({"type": "integer", "maximum": 9}))) == [
        ("response-bound-added", "info")
    ]


# -- constraints inside anyOf/oneOf branches -------------------------------------------------


def test_a_constraint_that_moved_into_an_any_of_branch_is_not_removed() -> None:
    old = holder({"type": "string", "maxLength": 10})
    new = holder({"anyOf": [{"type": "string", "maxLength": 10}, {"type": "string", "enum": [""]}]})
    changes = diff(old, new)
    assert found(changes) == [("response-any-of-added", "info")]
    assert message(changes[0]).endswith("may now be the anyOf branch #2 (string)")


def test_a_constraint_loosened_inside_the_matching_branch_is_found_there() -> None:
    old = holder({"type": "string", "maxLength": 10})
    new = holder({"anyOf": [{"type": "integer"}, {"type": "string", "maxLength": 30}]})
    changes = {c.id: c for c in diff(old, new)}
    assert set(changes) == {"response-constraint-loosened", "response-any-of-added"}
    assert changes["response-constraint-loosened"].pointer.endswith("/properties/p/anyOf/1")
    assert "maxLength loosened (<= 10 -> <= 30)" in message(changes["response-constraint-loosened"])


def test_branches_are_matched_by_component_whatever_their_order() -> None:
    cat = {"type": "object", "properties": {"meow": {"type": "boolean"}}}
    old = holder({"oneOf": [PET_REF, {"$ref": "#/components/schemas/Cat"}]}, "request", Cat=cat)
    new = holder({"oneOf": [{"$ref": "#/components/schemas/Cat"}, PET_REF]}, "request", Cat=cat)
    assert diff(old, new) == []
    gone = holder({"oneOf": [PET_REF]}, "request", Cat=cat)
    changes = diff(old, gone)
    assert found(changes) == [("request-one-of-removed", "error")]
    assert "Cat" in message(changes[0])


def test_list_of_values_decides_over_the_limits_beside_it() -> None:
    old = holder({"type": "string", "maxLength": 5000})
    new = holder({"type": "string", "enum": ["failed", "pending", "succeeded"]})
    assert found(diff(old, new)) == [("response-enum-added", "info")]
    assert found(
        diff(
            holder(
                old["paths"]["/things"]["post"]["responses"]["200"]["content"]["application/json"]["schema"][
                    "properties"
                ]["p"],
                "request",
            ),
            holder({"type": "string", "enum": ["a"]}, "request"),
        )
    ) == [("request-enum-added", "error")]


def test_overlapping_one_of_is_breaking_and_disjoint_one_of_is_not() -> None:
    both = {"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}}}
    old = holder({**both, "required": ["a", "b"]}, "request")
    overlapping = holder({"oneOf": [{**both, "required": ["a"]}, {**both, "required": ["b"]}]}, "request")
    assert ("request-schema-wrapped", "error") in found(diff(old, overlapping))
    short = {"type": "string", "maxLength": 5}
    disjoint = holder({"oneOf": [short, {"type": "integer", "minimum": 0}]}, "request")
    assert found(diff(holder(short, "request"), disjoint)) == [("request-one-of-added", "info")]


def test_alternatives_that_only_name_types_are_a_list_of_types() -> None:
    old = holder({"type": "integer"})
    new = holder({"anyOf": [{"type": "integer"}, {"type": "number"}]})
    changes = diff(old, new)
    assert found(changes) == [("response-type-widened", "error")]
    assert message(changes[0]).endswith("may now be number (was integer)")
    as_31 = holder({"type": ["integer", "number"]}, version="3.1.0")
    assert diff(new, as_31) == []


# -- formats ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("side", "old", "new", "expected"),
    [
        ("request", "int64", "int32", ("request-format-narrowed", "error")),
        ("request", "int32", "int64", ("request-format-widened", "info")),
        ("response", "int32", "int64", ("response-format-widened", "error")),
        ("response", "int64", "int32", ("response-format-narrowed", "info")),
        ("request", "float", "double", ("request-format-widened", "info")),
        ("response", "float", "double", ("response-format-widened", "error")),
        ("request", None, "int32", ("request-format-narrowed", "error")),
        ("response", "int32", None, ("response-format-widened", "error")),
        ("request", "date", "date-time", ("request-format-changed", "error")),
    ],
)
def test_format_narrowing_and_widening_by_side(
    side: str, old: str | None, new: str | None, expected: tuple[str, str]
) -> None:
    def schema(fmt: str | None) -> dict[str, Any]:
        kind = (
            "string"
            if fmt in ("date", "date-time")
            else "number"
            if fmt in ("float", "double")
            else "integer"
        )
        return {"type": kind, **({"format": fmt} if fmt else {})}

    assert found(diff(holder(schema(old), side), holder(schema(new), side))) == [expected]


def test_same_format_written_in_another_order_is_no_change() -> None:
    assert (
        diff(holder({"type": "integer", "format": "int64"}), holder({"format": "int64", "type": "integer"}))
        == []
    )


# -- shared components -----------------------------------------------------------------------


def _shop(price: dict[str, Any]) -> dict[str, Any]:
    item = {"type": "object", "properties": {"price": {"$ref": "#/components/schemas/Price"}}}
    order = {
        "type": "object",
        "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}}},
    }
    return spec(
        {
            "/orders/{id}": {"get": body_op(response={"$ref": "#/components/schemas/Order"})},
            "/items": {
                "get": body_op(response={"type": "array", "items": {"$ref": "#/components/schemas/Item"}})
            },
            "/prices": {"post": body_op(request={"$ref": "#/components/schemas/Price"})},
            "/health": {"get": body_op(response={"type": "string"})},
        },
        components={"schemas": {"Order": order, "Item": item, "Price": price}},
    )


def test_a_changed_component_is_reported_once_with_every_operation_reaching_it() -> None:
    old = _shop({"type": "object", "properties": {"amount": {"type": "integer", "maximum": 100}}})
    new = _shop({"type": "object", "properties": {"amount": {"type": "integer", "maximum": 1000}}})
    changes = diff(old, new)
    assert found(changes) == [
        ("request-constraint-loosened", "info"),
        ("response-constraint-loosened", "error"),
    ]
    response = next(c for c in changes if c.id == "response-constraint-loosened")
    assert response.operation == "schema Price"
    assert response.operations == ("GET /orders/{id}", "GET /items")
    assert response.pointer == "/components/schemas/Price/properties/amount"
    assert message(response).startswith("`Price.amount`: maximum loosened (<= 100 -> <= 1000)")
    assert response.args["operation"] == "GET /orders/{id}, GET /items"
    new_text = json.dumps(new, indent=1).splitlines()
    assert '"maximum": 1000' in new_text[response.line - 1]  # type: ignore[operator]
    request = next(c for c in changes if c.id == "request-constraint-loosened")
    assert request.operations == ("POST /prices",)


def test_a_change_written_in_the_operation_stays_with_the_operation() -> None:
    old = spec(
        {
            "/a": {
                "get": body_op(
                    response={"type": "object", "properties": {"x": {"type": "string"}}, "required": ["x"]}
                )
            }
        }
    )
    new = spec({"/a": {"get": body_op(response={"type": "object", "properties": {"x": {"type": "string"}}})}})
    (change,) = diff(old, new)
    assert (change.id, change.operation, change.operations) == (
        "response-property-became-optional",
        "GET /a",
        ("GET /a",),
    )
    assert change.pointer == "/paths/~1a/get/responses/200/content/application~1json/schema/properties/x"


# -- removals --------------------------------------------------------------------------------


def test_a_removed_path_is_located_in_the_base_file() -> None:
    old = spec({"/a": {"get": body_op()}, "/b": {"get": body_op(), "delete": body_op()}})
    new = spec({"/a": {"get": body_op()}})
    changes = [c for c in diff(old, new) if c.id == "path-removed"]
    assert [c.operation for c in changes] == ["GET /b", "DELETE /b"]
    old_text = json.dumps(old, indent=1).splitlines()
    for change in changes:
        assert change.in_base and change.file == "old/openapi.json"
        method = change.operation.split()[0].lower()
        assert old_text[change.line - 1].strip().startswith(f'"{method}"')  # type: ignore[operator]


# -- hostile specs ---------------------------------------------------------------------------


def _load_text(text: str) -> Any:
    from platform_lint.families.contracts.bundle import load_bundle

    return load_bundle("openapi.json", lambda _path: text)


def test_deep_and_cyclic_schemas_end() -> None:
    import datetime as dt

    from platform_lint.families.contracts.diff.engine import diff_bundles

    def nested(depth: int) -> str:
        return '{"type": "array", "items": ' * depth + '{"type": "string"}' + "}" * depth

    def spec(schema: str) -> str:
        return (
            '{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get": '
            '{"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": '
            + schema
            + "}}}}}}}}"
        )

    # past the loaders' nesting limit (128) a spec is refused, at its line
    refused = _load_text(spec(nested(900))).error
    assert refused is not None and "nested more than 128" in refused.message and refused.line == 1
    # within it, a schema deeper than comparisons go (64) loads, and comparing it ends
    deep = nested(110)
    text = spec(deep)
    old, new = _load_text(text), _load_text(text.replace('"string"', '"integer"'))
    assert old.error is None
    (stopped,) = diff_bundles(old, new, dt.date(2025, 1, 1))  # deeper than comparisons go: said, no crash
    assert (stopped.id, stopped.level) == ("response-comparison-incomplete", "warning")
    assert "nested deeper than 64 levels" in message(stopped)
    shallow = text.replace(deep, '{"type": "array", "items": ' * 40 + '{"type": "string"}' + "}" * 40)
    changes = diff_bundles(
        _load_text(shallow), _load_text(shallow.replace('"string"', '"integer"')), dt.date(2025, 1, 1)
    )
    assert [c.id for c in changes] == ["response-type-changed"]
    loops = {
        "A": {
            "allOf": [
                {"$ref": "#/components/schemas/B"},
                {"properties": {"a": {"$ref": "#/components/schemas/A"}}},
            ]
        },
        "B": {"allOf": [{"$ref": "#/components/schemas/A"}], "anyOf": [{"$ref": "#/components/schemas/B"}]},
    }
    before = holder({"$ref": "#/components/schemas/A"}, **loops)
    after = holder({"$ref": "#/components/schemas/A"}, **{**loops, "A": {**loops["A"], "description": "x"}})
    assert diff(before, after) == []
    wide = {"anyOf": [{"type": "object", "properties": {f"p{i}": {"type": "string"}}} for i in range(500)]}
    assert diff(holder(wide), holder(wide)) == []


def test_a_comparison_too_large_stops_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    from platform_lint.families.contracts.diff import schema

    monkeypatch.setattr(schema, "MAX_WORK", 5)
    props = {f"p{i}": {"type": "object", "properties": {"v": {"type": "string"}}} for i in range(20)}
    changed = {name: {"type": "object", "properties": {"v": {"type": "integer"}}} for name in props}
    changes = diff(
        holder({"type": "object", "properties": props}), holder({"type": "object", "properties": changed})
    )
    stopped = [c for c in changes if c.id == "response-comparison-incomplete"]
    assert len(stopped) == 1 and stopped[0].level == "warning"
    assert "more than 5 schema comparisons" in message(stopped[0])
    assert len(changes) < 20


def test_many_alternative_lists_are_compared_list_by_list() -> None:
    def body(leaf: str) -> dict[str, Any]:
        lists = [
            {"anyOf": [{"type": "object", "properties": {f"g{g}b{b}": {"type": leaf}}} for b in range(10)]}
            for g in range(8)
        ]
        return {"allOf": lists}

    changes = diff(holder(body("string"), "request"), holder(body("integer"), "request"))
    assert {c.id for c in changes} == {"request-type-changed"}
    assert len(changes) == 80  # one per property, not one per combination of branches


def test_the_check_names_every_operation_and_puts_no_base_line_on_the_head_file() -> None:
    from contracts.runner import render, run_check
    from platform_lint.snapshot.memory import MemorySnapshot

    def api(name_schema: dict[str, Any], extra_path: bool) -> str:
        paths: dict[str, Any] = {
            "/pets": {"get": body_op(response={"$ref": "#/components/schemas/Pet"})},
            "/pets/{id}": {"get": body_op(response={"$ref": "#/components/schemas/Pet"})},
        }
        if extra_path:
            paths["/old"] = {"get": body_op()}
        pet = {"type": "object", "required": ["name"], "properties": {"name": name_schema}}
        return json.dumps(spec(paths, components={"schemas": {"Pet": pet}}), indent=2)

    base = {"api/openapi.json": api({"type": "string"}, True)}
    head = MemorySnapshot(
        {"api/openapi.json": api({"type": "string", "nullable": True}, False)}, refs={"base": base}
    )
    outcome = run_check("contracts.breaking-changes", {"require_changelog": False}, head, head.at_ref("base"))
    by_code = {f.code: f for f in outcome.findings}
    nullable = by_code["response-became-nullable"]
    assert nullable.location is not None and nullable.location.line is not None
    lines = render("contracts.breaking-changes", outcome)
    assert any("GET /pets, GET /pets/{id}: `Pet.name` may now be null" in line for line in lines)
    removed = by_code["path-removed"]
    assert removed.location is not None and removed.location.line is None


def test_a_parameter_described_by_content_is_compared_by_its_schema() -> None:
    def with_param(param: dict[str, Any]) -> dict[str, Any]:
        return spec({"/a": {"get": {**body_op(), "parameters": [{"name": "f", "in": "query", **param}]}}})

    obj = {"type": "object", "properties": {"x": {"type": "string"}}}
    as_content = with_param({"content": {"application/json": {"schema": obj}}})
    assert diff(as_content, with_param({"schema": obj})) == []
    changes = diff(as_content, with_param({"schema": {"type": "string"}}))
    assert found(changes) == [("request-type-changed", "error")]
    assert message(changes[0]) == "query parameter `f` must now be string, not object"

"""Operation-level rule ids (paths, deprecation, parameters, bodies, responses, security, webhooks)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from contracts.helpers import diff, ids, op, spec
from contracts.test_schema_rules import PAIRS, SIDE_ONLY
from platform_lint.families.contracts.diff.engine import diff_sdl
from platform_lint.families.contracts.diff.rules import RULES

Q = {"name": "q", "in": "query", "schema": {"type": "string"}}
PAST, FUTURE = "2020-01-01", "2099-01-01"


def _with(paths: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return spec(copy.deepcopy(paths), **extra)


def _param(**fields: Any) -> dict[str, Any]:
    return {**Q, **fields}


def _resp(status: str = "200", **fields: Any) -> dict[str, Any]:
    return {"responses": {status: {"description": "ok", **fields}}}


JSON = {"application/json": {"schema": {"type": "string"}}}
REQ = {"required": True, "content": JSON}
H = {"X-R": {"required": True, "schema": {"type": "string"}}}
XML = {"application/xml": {"schema": {"type": "string"}}}

CASES: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "path-removed": (_with({"/a": {"get": op()}}), _with({})),
    "operation-removed": (_with({"/a": {"get": op(), "post": op()}}), _with({"/a": {"get": op()}})),
    "operation-removed-before-sunset": (
        _with({"/a": {"get": op(deprecated=True, **{"x-sunset": FUTURE})}}),
        _with({}),
    ),
    "operation-removed-after-sunset": (
        _with({"/a": {"get": op(deprecated=True, **{"x-sunset": PAST})}}),
        _with({}),
    ),
    "operation-sunset-invalid": (
        _with({"/a": {"get": op(deprecated=True)}}),
        _with({"/a": {"get": op(deprecated=True, **{"x-sunset": "soon"})}}),
    ),
    "operation-sunset-removed": (
        _with({"/a": {"get": op(deprecated=True, **{"x-sunset": FUTURE})}}),
        _with({"/a": {"get": op(deprecated=True)}}),
    ),
    "operation-sunset-brought-forward": (
        _with({"/a": {"get": op(deprecated=True, **{"x-sunset": "2099-06-01"})}}),
        _with({"/a": {"get": op(deprecated=True, **{"x-sunset": "2099-01-01"})}}),
    ),
    "operation-sunset-unverifiable": (
        _with({"/a": {"get": op(deprecated=True, **{"x-sunset": "soon"})}}),
        _with({"/a": {"get": op(deprecated=True, **{"x-sunset": FUTURE})}}),
    ),
    "operation-added": (_with({}), _with({"/a": {"get": op()}})),
    "operation-deprecated": (_with({"/a": {"get": op()}}), _with({"/a": {"get": op(deprecated=True)}})),
    "webhook-removed": (_with({}, webhooks={"w": {"post": op()}}), _with({}, webhooks={})),
    "webhook-added": (_with({}, webhooks={}), _with({}, webhooks={"w": {"post": op()}})),
    "request-parameter-added-required": (
        _with({"/a": {"get": op()}}),
        _with({"/a": {"get": op(parameters=[_param(required=True)])}}),
    ),
    "request-parameter-added": (_with({"/a": {"get": op()}}), _with({"/a": {"get": op(parameters=[Q])}})),
    "request-parameter-removed": (_with({"/a": {"get": op(parameters=[Q])}}), _with({"/a": {"get": op()}})),
    "request-parameter-removed-before-sunset": (
        _with({"/a": {"get": op(parameters=[_param(deprecated=True, **{"x-sunset": FUTURE})])}}),
        _with({"/a": {"get": op()}}),
    ),
    "request-parameter-removed-after-sunset": (
        _with({"/a": {"get": op(parameters=[_param(deprecated=True, **{"x-sunset": PAST})])}}),
        _with({"/a": {"get": op()}}),
    ),
    "request-parameter-sunset-invalid": (
        _with({"/a": {"get": op(parameters=[_param(deprecated=True)])}}),
        _with({"/a": {"get": op(parameters=[_param(deprecated=True, **{"x-sunset": "31/12/2030"})])}}),
    ),
    "request-parameter-sunset-removed": (
        _with({"/a": {"get": op(parameters=[_param(deprecated=True, **{"x-sunset": FUTURE})])}}),
        _with({"/a": {"get": op(parameters=[_param(deprecated=True)])}}),
    ),
    "request-parameter-sunset-brought-forward": (
        _with({"/a": {"get": op(parameters=[_param(deprecated=True, **{"x-sunset": "2099-06-01"})])}}),
        _with({"/a": {"get": op(parameters=[_param(deprecated=True, **{"x-sunset": "2099-01-01"})])}}),
    ),
    "request-parameter-sunset-unverifiable": (
        _with({"/a": {"get": op(parameters=[_param(deprecated=True, **{"x-sunset": "next year"})])}}),
        _with({"/a": {"get": op(parameters=[_param(deprecated=True, **{"x-sunset": FUTURE})])}}),
    ),
    "request-default-changed": (
        _with({"/a": {"get": op(parameters=[_param(schema={"type": "integer", "default": 10})])}}),
        _with({"/a": {"get": op(parameters=[_param(schema={"type": "integer", "default": 20})])}}),
    ),
    "request-parameter-became-required": (
        _with({"/a": {"get": op(parameters=[Q])}}),
        _with({"/a": {"get": op(parameters=[_param(required=True)])}}),
    ),
    "request-parameter-became-optional": (
        _with({"/a": {"get": op(parameters=[_param(required=True)])}}),
        _with({"/a": {"get": op(parameters=[Q])}}),
    ),
    "request-parameter-moved": (
        _with({"/a": {"get": op(parameters=[Q])}}),
        _with({"/a": {"get": op(parameters=[_param(**{"in": "header"})])}}),
    ),
    "request-body-added-required": (
        _with({"/a": {"post": op()}}),
        _with({"/a": {"post": op(requestBody=REQ)}}),
    ),
    "request-body-added": (
        _with({"/a": {"post": op()}}),
        _with({"/a": {"post": op(requestBody={"content": JSON})}}),
    ),
    "request-body-removed": (
        _with({"/a": {"post": op(requestBody={"content": JSON})}}),
        _with({"/a": {"post": op()}}),
    ),
    "request-body-became-required": (
        _with({"/a": {"post": op(requestBody={"content": JSON})}}),
        _with({"/a": {"post": op(requestBody=REQ)}}),
    ),
    "request-body-became-optional": (
        _with({"/a": {"post": op(requestBody=REQ)}}),
        _with({"/a": {"post": op(requestBody={"content": JSON})}}),
    ),
    "request-body-media-type-removed": (
        _with({"/a": {"post": op(requestBody={"content": {**JSON, **XML}})}}),
        _with({"/a": {"post": op(requestBody={"content": JSON})}}),
    ),
    "request-body-media-type-added": (
        _with({"/a": {"post": op(requestBody={"content": JSON})}}),
        _with({"/a": {"post": op(requestBody={"content": {**JSON, **XML}})}}),
    ),
    "response-success-status-removed": (
        _with({"/a": {"get": {"responses": {"200": {"description": "ok"}, "201": {"description": "c"}}}}}),
        _with({"/a": {"get": _resp("201")}}),
    ),
    "response-status-removed": (
        _with({"/a": {"get": {"responses": {"200": {"description": "ok"}, "404": {"description": "n"}}}}}),
        _with({"/a": {"get": _resp()}}),
    ),
    "response-status-added": (
        _with({"/a": {"get": _resp()}}),
        _with({"/a": {"get": {"responses": {"200": {"description": "ok"}, "404": {"description": "n"}}}}}),
    ),
    "response-media-type-removed": (
        _with({"/a": {"get": _resp(content={**JSON, **XML})}}),
        _with({"/a": {"get": _resp(content=JSON)}}),
    ),
    "response-media-type-added": (
        _with({"/a": {"get": _resp(content=JSON)}}),
        _with({"/a": {"get": _resp(content={**JSON, **XML})}}),
    ),
    "response-header-removed": (_with({"/a": {"get": _resp(headers=H)}}), _with({"/a": {"get": _resp()}})),
    "response-optional-header-removed": (
        _with({"/a": {"get": _resp(headers={"X-R": {"schema": {}}})}}),
        _with({"/a": {"get": _resp()}}),
    ),
    "response-header-became-optional": (
        _with({"/a": {"get": _resp(headers={"X-R": {"required": True}})}}),
        _with({"/a": {"get": _resp(headers={"x-r": {}})}}),
    ),
    "security-requirement-added": (
        _with({"/a": {"get": op()}}),
        _with({"/a": {"get": op(security=[{"key": []}])}}),
    ),
    "security-requirement-removed": (
        _with({"/a": {"get": op(security=[{"key": [], "oauth": []}])}}),
        _with({"/a": {"get": op(security=[{"key": []}])}}),
    ),
    "security-scope-added": (
        _with({"/a": {"get": op(security=[{"oauth": ["read"]}])}}),
        _with({"/a": {"get": op(security=[{"oauth": ["read", "write"]}])}}),
    ),
}


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_operation_rule(rule_id: str) -> None:
    old, new = CASES[rule_id]
    changes = diff(old, new)
    found = [c for c in changes if c.id == rule_id]
    assert found, f"{rule_id} not reported; got {sorted(ids(changes))}"
    assert found[0].level == RULES[rule_id].level
    assert found[0].operation


def test_every_rule_id_has_a_case() -> None:
    covered = set(CASES) | set(SIDE_ONLY) | {f"{s}-{k}" for k in PAIRS for s in ("request", "response")}
    assert set(RULES) - covered == set()


def test_path_parameter_rename_is_not_a_removal() -> None:
    param = {"in": "path", "required": True, "schema": {"type": "string"}}
    old = _with({"/pets/{id}": {"get": op(parameters=[{**param, "name": "id"}])}})
    new = _with({"/pets/{petId}": {"get": op(parameters=[{**param, "name": "petId"}])}})
    assert diff(old, new) == []


def test_sunset_uses_the_given_today() -> None:
    import datetime as dt

    old, new = CASES["operation-removed-before-sunset"]
    assert "operation-removed-after-sunset" in ids(diff(old, new, today=dt.date(2100, 1, 1)))


def test_swagger_2_body_and_response() -> None:
    def v2(required: list[str]) -> dict[str, Any]:
        schema = {"type": "object", "properties": {"a": {"type": "string"}}, "required": required}
        return {
            "swagger": "2.0",
            "info": {"title": "t", "version": "1"},
            "paths": {
                "/a": {
                    "post": {
                        "parameters": [
                            {"in": "body", "name": "b", "schema": schema},
                            {"in": "query", "name": "n", "type": "integer", "maximum": 10},
                        ],
                        "responses": {"200": {"description": "ok", "schema": schema}},
                    }
                }
            },
        }

    old, new = v2([]), v2(["a"])
    new["paths"]["/a"]["post"]["parameters"][1]["maximum"] = 5
    found = ids(diff(old, new))
    assert {"request-property-became-required", "request-constraint-tightened"} <= found


def test_graphql_breaking_and_dangerous() -> None:
    old = "type Query {\n  a: String\n  b: Int\n}\nenum E { X Y }\n"
    new = "type Query {\n  a: Int\n}\nenum E { X Y Z }\n"
    changes = diff_sdl(old, new, "schema.graphql")
    by_id = {c.id: c for c in changes}
    assert by_id["graphql-field-removed"].level == "error"
    assert by_id["graphql-field-changed-kind"].line == 2
    assert by_id["graphql-value-added-to-enum"].level == "warning"
    assert by_id["graphql-value-added-to-enum"].operation == "E.Z"

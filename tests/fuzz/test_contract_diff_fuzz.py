"""``platform-lint diff OLD NEW`` on two small, arbitrary OpenAPI documents.

Both sides come from pull requests (the base and the head of a contract), so either may be
anything: a sound spec, a spec with values of the wrong type anywhere, ``$ref``s that loop,
point nowhere, out of the folder or to a URL. Comparing them gives a ``Comparison``
(every change with a message) or an ``InputError`` naming the file (exit 2); nothing else.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from fuzz.profile import FUZZ
from platform_lint.errors import EXIT_CONFIG, InputError
from platform_lint.families.contracts.compare import Comparison, compare_files, message

TODAY = dt.date(2026, 1, 15)
REFS = [
    "#/components/schemas/A",
    "#/components/schemas/B",
    "#/components/schemas/Missing",
    "#/paths",
    "#",
    "#/components/schemas/A/properties/x",
    "other.yaml#/Thing",
    "other.yaml",
    "missing.yaml#/X",
    "../outside.yaml",
    "https://example.com/s.yaml",
    "#/components/schemas/~1weird",
    "#/components/parameters/P",
    "#/definitions/A",
    "#/components/schemas/A/",
    "#//",
    "other.yaml#",
    "",
]
junk = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 5), st.text(max_size=4), st.lists(st.integers(), max_size=2)
)
odd_keys = st.one_of(
    st.none(), st.booleans(), st.integers(-2, 300), st.sampled_from(["", "$ref", "x-", "~0"])
)
leaf_schema = st.one_of(
    st.fixed_dictionaries(
        {
            "type": st.sampled_from(
                ["string", "integer", "number", "boolean", "object", "array", "null", "nope"]
            )
        },
        optional={
            "format": st.sampled_from(["uuid", "int32", "date-time", "x"]),
            "enum": st.lists(st.sampled_from(["a", "b", 1, None]), max_size=3),
            "maxLength": st.integers(-1, 9),
            "minimum": st.integers(-3, 3),
            "nullable": st.booleans(),
            "default": junk,
            "deprecated": st.booleans(),
        },
    ),
    st.builds(lambda ref: {"$ref": ref}, st.sampled_from(REFS)),
    junk,
)


def _composite(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    names = st.sampled_from(["x", "y", "z"]) | odd_keys
    return st.one_of(
        st.fixed_dictionaries(
            {"type": st.just("object"), "properties": st.dictionaries(names, inner, max_size=3)},
            optional={"required": st.lists(names, max_size=3), "additionalProperties": st.booleans() | inner},
        ),
        st.fixed_dictionaries({"type": st.just("array"), "items": inner}),
        st.dictionaries(
            st.sampled_from(["allOf", "oneOf", "anyOf"]), st.lists(inner, max_size=3), max_size=1
        ),
        st.fixed_dictionaries({"not": inner}),
    )


schemas = st.recursive(leaf_schema, _composite, max_leaves=6)
parameter = st.one_of(
    st.fixed_dictionaries(
        {
            "name": st.sampled_from(["id", "q", "X-Key"]),
            "in": st.sampled_from(["path", "query", "header", "body"]),
        },
        optional={"required": st.booleans(), "schema": schemas, "deprecated": st.booleans()},
    ),
    st.builds(lambda ref: {"$ref": ref}, st.sampled_from(REFS)),
    junk,
)
media = st.dictionaries(
    st.sampled_from(["application/json", "text/plain", "*/*"]),
    st.fixed_dictionaries({"schema": schemas}),
    max_size=2,
)
operation = st.one_of(
    st.fixed_dictionaries(
        {},
        optional={
            "operationId": st.text(max_size=4),
            "parameters": st.lists(parameter, max_size=3),
            "requestBody": st.fixed_dictionaries({"content": media}, optional={"required": st.booleans()}),
            "responses": st.dictionaries(
                st.sampled_from(["200", "201", "4XX", "default", 200, 0, None]),
                st.fixed_dictionaries({"description": st.just("d")}, optional={"content": media}),
                max_size=2,
            ),
            "deprecated": st.booleans(),
            "x-sunset": st.sampled_from(["2020-01-01", "2099-01-01", "soon"]),
        },
    ),
    junk,
)
path_item = st.one_of(
    st.dictionaries(st.sampled_from(["get", "post", "delete", "parameters", "x-ext"]), operation, max_size=3),
    junk,
)
specs = st.fixed_dictionaries(
    {
        "openapi": st.sampled_from(["3.0.3", "3.1.0", 3, "2.0"]),
        "paths": st.one_of(
            st.dictionaries(st.sampled_from(["/a", "/a/{id}", "/b", "c", "/{x}/{x}"]), path_item, max_size=3),
            junk,
        ),
    },
    optional={
        "info": st.fixed_dictionaries(
            {"title": st.just("t"), "version": st.sampled_from(["1.0.0", "2", ""])}
        ),
        "components": st.fixed_dictionaries(
            {"schemas": st.dictionaries(st.sampled_from(["A", "B", "~1weird"]), schemas, max_size=2)},
            optional={
                "parameters": st.dictionaries(st.sampled_from(["P", "Q"]), parameter, max_size=2),
                "requestBodies": st.dictionaries(
                    st.sampled_from(["R"]), junk | st.just({"content": {}}), max_size=1
                ),
            },
        )
        | junk,
        "definitions": st.dictionaries(st.sampled_from(["A", "B"]), schemas, max_size=2),
        "swagger": st.sampled_from(["2.0", 2]),
        "x-extra": st.dictionaries(odd_keys, junk, max_size=2),
    },
)


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        root = Path(name) / "api"
        root.mkdir()
        (root / "other.yaml").write_text("Thing: {type: object, properties: {a: {$ref: '#/Thing'}}}\n")
        (Path(name) / "outside.yaml").write_text("type: string\n")
        yield root


def _write(path: Path, data: Any, as_json: bool) -> None:
    path.write_text(json.dumps(data) if as_json else yaml.safe_dump(data, allow_unicode=True))


@FUZZ
@given(old=specs, new=specs, old_json=st.booleans(), new_json=st.booleans())
def test_two_specs_compare_or_the_bad_one_is_named(
    folder: Path, old: dict[str, Any], new: dict[str, Any], old_json: bool, new_json: bool
) -> None:
    old_path = folder / ("old.json" if old_json else "old.yaml")
    new_path = folder / ("new.json" if new_json else "new.yaml")
    _write(old_path, old, old_json)
    _write(new_path, new, new_json)
    try:
        comparison = compare_files(str(old_path), str(new_path), TODAY)
    except InputError as exc:
        assert exc.exit_code == EXIT_CONFIG
        assert str(old_path) in str(exc) or str(new_path) in str(exc), exc
        return
    assert isinstance(comparison, Comparison)
    for change in comparison.changes:
        assert message(change)


@FUZZ
@given(spec=specs)
@example(  # found: an x-sunset that is not a date was reported as a breaking change of an unchanged file
    spec={
        "openapi": "3.0.3",
        "paths": {"/a": {"get": {"x-sunset": "soon", "responses": {}, "deprecated": True}}},
    }
)
def test_a_spec_compared_with_itself_has_no_breaking_change(folder: Path, spec: dict[str, Any]) -> None:
    path = folder / "same.json"
    _write(path, spec, True)
    try:
        comparison = compare_files(str(path), str(path), TODAY)
    except InputError:
        return
    assert not comparison.breaking, [c.id for c in comparison.changes]

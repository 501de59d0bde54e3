"""contracts.valid: ECMA-262 patterns, and every problem located at its node with one line."""

from __future__ import annotations

import pytest

from contracts.runner import run_check
from platform_lint.families.contracts import ecma_regex
from platform_lint.model import Finding, State
from platform_lint.snapshot.memory import MemorySnapshot

HEAD = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n"


def _invalid(files: dict[str, str]) -> list[Finding]:
    outcome = run_check("contracts.valid", {}, MemorySnapshot(files))
    return [f for f in outcome.findings if f.code == "invalid"]


def _with_pattern(pattern: str, default: str | None = None) -> str:
    quoted = pattern.replace("'", "''")
    extra = f"\n          default: '{default}'" if default is not None else ""
    return (
        HEAD + "paths: {}\ncomponents:\n  schemas:\n    Name:\n      type: object\n      properties:\n"
        f"        first:\n          type: string\n          pattern: '{quoted}'{extra}\n"
    )


# -- the ECMA-262 grammar ----------------------------------------------------------------------

# (pattern, valid in JavaScript): from the RegExp grammar (ECMA-262 §22.2.1) and Annex B.
GRAMMAR = [
    (r"\p{L}+", True),  # Unicode property escape (u flag)
    (r"\p{Script=Greek}", True),
    (r"(?<year>\d{4})-\k<year>", True),  # named group and its back-reference
    (r"\cA", True),  # control escape
    (r"[^]", True),  # the empty negated class: any character
    (r"(?<=\$)\d+", True),  # look-behind
    (r"(?<!a)b", True),
    (r"\u{1F600}", True),
    (r"^[\w.-]+$", True),
    (r"\-", True),  # identity escape, Annex B (no u flag)
    (r"a{", True),  # a literal brace, Annex B
    (r"(a", False),  # unbalanced parenthesis
    (r"a)", False),
    (r"a**", False),  # nothing to repeat
    (r"a++", False),  # possessive quantifiers are not ECMA-262
    (r"(?P<n>a)", False),  # Python's named group
    (r"(?i)abc", False),  # inline flags are not ECMA-262
    (r"[a-z", False),
    (r"a{2,1}", False),  # quantifier out of order
]


@pytest.mark.parametrize(("pattern", "valid"), GRAMMAR)
def test_patterns_are_judged_by_the_ecma_262_grammar(pattern: str, valid: bool) -> None:
    assert (ecma_regex.pattern_problem(pattern) is None) is valid


@pytest.mark.parametrize("pattern", [r"^\p{L}+$", r"(?<y>\d{4})-\k<y>", r"\cA", r"[^]", r"(?<=x)y"])
def test_a_pattern_javascript_accepts_is_valid(pattern: str) -> None:
    outcome = run_check("contracts.valid", {}, MemorySnapshot({"openapi.yaml": _with_pattern(pattern)}))
    assert outcome.state is State.PASS, [f.args for f in outcome.findings]


@pytest.mark.parametrize("pattern", ["(a", "a**", "(?P<n>a)"])
def test_a_pattern_javascript_rejects_is_reported_at_its_line(pattern: str) -> None:
    found = _invalid({"openapi.yaml": _with_pattern(pattern)})
    assert len(found) == 1
    assert found[0].location is not None and found[0].location.line == 11
    assert found[0].args["pointer"] == "/components/schemas/Name/properties/first/pattern"
    assert "ECMA-262" in found[0].args["error"]


def test_a_default_is_matched_with_ecma_semantics() -> None:
    assert _invalid({"openapi.yaml": _with_pattern(r"^\p{L}+$", default="Zoë")}) == []
    found = _invalid({"openapi.yaml": _with_pattern("^[a-z]+$", default="123")})
    assert [f.location.line for f in found if f.location] == [12]
    assert "'123' does not match" in found[0].args["error"]


def test_a_hostile_pattern_does_not_hang_on_its_default() -> None:
    text = _with_pattern("^(a+)+$", default="a" * 5000 + "!")
    assert "does not match" in _invalid({"openapi.yaml": text})[0].args["error"]


# -- locations and messages ---------------------------------------------------------------------


def test_a_missing_field_is_located_at_its_node_in_one_line() -> None:
    text = (
        HEAD + "paths:\n  /pets:\n    get:\n      responses:\n        '200':\n"
        "          descriptio: ok\n          content: {}\n"
    )
    found = _invalid({"openapi.yaml": text})
    by_message = {f.args["error"]: f for f in found}
    assert "'description' is a required property" in by_message
    missing = by_message["'description' is a required property"]
    assert missing.location is not None and missing.location.line == 7
    assert missing.args["pointer"] == "/paths/~1pets/get/responses/200"
    assert all("\n" not in f.args["error"] and "{" not in f.args["error"] for f in found)


def test_a_long_value_is_shortened() -> None:
    long_title = "x" * 5000
    text = f"openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n  /a: {{get: '{long_title}'}}\n"
    found = _invalid({"openapi.yaml": text})
    assert found and all(len(f.args["error"]) < 300 for f in found)
    assert found[0].location is not None and found[0].location.line == 4


def test_json_specs_are_located_too() -> None:
    text = (
        '{\n "openapi": "3.0.3",\n "info": {"title": "t", "version": "1"},\n "paths": {\n'
        '  "/a": {\n   "get": {\n    "responses": {\n     "200": {}\n    }\n   }\n  }\n }\n}\n'
    )
    found = _invalid({"openapi.json": text})
    assert [(f.args["error"], f.location.line if f.location else None) for f in found] == [
        ("'description' is a required property", 8)
    ]


def test_a_problem_in_a_referenced_file_is_located_in_that_file() -> None:
    root = (
        HEAD + "paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n"
        "          content:\n            application/json:\n"
        "              schema: {$ref: 'schemas.yaml#/Pet'}\n"
    )
    schemas = "Pet:\n  type: object\n  properties:\n    name:\n      type: string\n      pattern: '(a'\n"
    found = _invalid({"openapi.yaml": root, "schemas.yaml": schemas})
    assert len(found) == 1
    assert found[0].location is not None
    assert (found[0].location.path, found[0].location.line) == ("schemas.yaml", 6)
    assert found[0].args["pointer"] == "/Pet/properties/name/pattern"


RULES = {
    "duplicate operationId": (
        "paths:\n  /a:\n    get: {operationId: x, responses: {'200': {description: ok}}}\n"
        "  /b:\n    get:\n      operationId: x\n      responses: {'200': {description: ok}}\n",
        "operationId 'x' is also used by get /a",
        8,
    ),
    "undeclared path parameter": (
        "paths:\n  /a/{id}:\n    get:\n      responses: {'200': {description: ok}}\n",
        "path parameter 'id' of get /a/{id} is not declared",
        5,
    ),
    "path parameter not in the path": (
        "paths:\n  /a:\n    get:\n      parameters:\n        - name: id\n          in: path\n"
        "          required: true\n          schema: {type: string}\n"
        "      responses: {'200': {description: ok}}\n",
        "path parameter 'id' is not in the path /a",
        7,
    ),
    "a reference that does not resolve": (
        "paths: {}\ncomponents:\n  schemas:\n    A:\n      type: object\n"
        "      properties:\n        b: {$ref: '#/components/schemas/Missing'}\n",
        "$ref '#/components/schemas/Missing' does not resolve",
        9,
    ),
    "a default of the wrong type": (
        "paths: {}\ncomponents:\n  schemas:\n    A:\n      type: integer\n      default: many\n",
        "default 'many' is not of type 'integer'",
        8,
    ),
    "required property no branch defines": (
        "paths: {}\ncomponents:\n  schemas:\n    A:\n      required: [b]\n"
        "      allOf: [{type: object, properties: {a: {type: string}}}]\n",
        "required lists properties no branch defines: 'b'",
        7,
    ),
}


@pytest.mark.parametrize("name", sorted(RULES))
def test_rules_the_meta_schema_cannot_express(name: str) -> None:
    body, message, line = RULES[name]
    found = _invalid({"openapi.yaml": HEAD + body})
    assert [(f.args["error"], f.location.line if f.location else None) for f in found] == [(message, line)]


def test_null_default_beside_nullable_is_valid() -> None:
    body = "paths: {}\ncomponents:\n  schemas:\n    A: {type: string, nullable: true, default: null}\n"
    assert _invalid({"openapi.yaml": HEAD + body}) == []


def test_openapi_31_schemas_are_checked_against_their_dialect() -> None:
    text = (
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
        "    A:\n      type: strin\n    B:\n      type: object\n      patternProperties:\n        '(x': {}\n"
    )
    found = _invalid({"openapi.yaml": text})
    lines = sorted((f.location.line if f.location else 0, f.args["pointer"]) for f in found)
    assert lines == [(7, "/components/schemas/A/type"), (11, "/components/schemas/B/patternProperties/(x")]

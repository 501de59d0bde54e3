"""The fast spec loader: values, lines, located errors; validation of a cyclic spec ends."""

from __future__ import annotations

from contracts.runner import run_check
from platform_lint.families.contracts.loader import LoadError, SpecDocument, load_spec
from platform_lint.model import State
from platform_lint.snapshot.memory import MemorySnapshot

YAML = (
    "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\npaths:\n  /a:\n    get:\n      responses:\n"
    "        200:\n          description: ok\n"
)


def test_yaml_values_and_lines() -> None:
    doc = load_spec("a.yaml", YAML)
    assert isinstance(doc, SpecDocument)
    assert doc.data["paths"]["/a"]["get"]["responses"]["200"]["description"] == "ok"  # int key kept as text
    assert doc.line_of(["paths", "/a", "get"]) == 7
    assert doc.line_of(["paths", "/a", "post"]) == 6  # missing: nearest parent


def test_json_lines() -> None:
    text = '{\n  "openapi": "3.0.3",\n  "paths": {\n    "/a": {\n      "get": {}\n    }\n  }\n}\n'
    doc = load_spec("a.json", text)
    assert isinstance(doc, SpecDocument) and doc.line_of(["paths", "/a", "get"]) == 5


def test_errors_are_located() -> None:
    bad = load_spec("a.yaml", "a: [\n")
    assert isinstance(bad, LoadError) and bad.line == 2
    bad = load_spec("a.json", '{"a": }')
    assert isinstance(bad, LoadError) and bad.line == 1


def test_cyclic_spec_validates_and_ends() -> None:
    text = (
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
        "    A: {$ref: '#/components/schemas/B'}\n"
        "    B: {type: object, properties: {a: {$ref: '#/components/schemas/A'}}}\n"
    )
    outcome = run_check("contracts.valid", {}, MemorySnapshot({"openapi.yaml": text}))
    assert outcome.state in (State.PASS, State.FAIL)

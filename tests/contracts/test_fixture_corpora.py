"""Specs the tests read (fixture corpora under tests/, testdata/, a test data folder) are not the
product's API contracts; a spec the product publishes is."""

from __future__ import annotations

from contracts.runner import run_check
from platform_lint.model import State
from platform_lint.snapshot.memory import MemorySnapshot

_SPEC = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n"
_BROKEN = "openapi: 3.0.3\ninfo: {title: t}\npaths: []\n"

CORPORA = {
    "tests/data/case001/openapi.yaml": _BROKEN,
    "tests/data/case002/openapi.yaml": _SPEC,
    "pkg/parser/testdata/petstore.json": '{"swagger": "2.0"}',
    "tests/fixtures/api.proto": 'syntax = "proto3";\nmessage A {}\n',
    "src/lib.py": "x = 1\n",
}


def test_a_fixture_corpus_alone_is_no_contract() -> None:
    snapshot = MemorySnapshot(CORPORA)
    assert run_check("contracts.present", {}, snapshot).state is State.FAIL
    valid = run_check("contracts.valid", {}, MemorySnapshot(CORPORA))
    assert valid.state is State.NOT_APPLICABLE  # the broken fixture is not validated as the product's


def test_the_products_own_spec_is_found_next_to_the_corpus() -> None:
    files = {**CORPORA, "api/openapi.yaml": _SPEC}
    present = run_check("contracts.present", {}, MemorySnapshot(files))
    assert present.state is State.PASS
    assert [f.args["path"] for f in present.evidence] == ["api/openapi.yaml"]
    valid = run_check("contracts.valid", {}, MemorySnapshot(files))
    assert valid.state is State.PASS and [f.args["path"] for f in valid.evidence] == ["api/openapi.yaml"]

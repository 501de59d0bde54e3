"""`platform-lint diff OLD NEW`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from contracts.helpers import body_op, spec
from platform_lint.cli import run

PET = {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}}}


def _write(tmp_path: Path, name: str, doc: dict[str, object]) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(doc, indent=2))
    return str(path)


def test_json_output_and_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = _write(tmp_path, "old.json", spec({"/p": {"get": body_op(response=PET)}, "/q": {"get": body_op()}}))
    new = _write(tmp_path, "new.json", spec({"/p": {"get": body_op(response={**PET, "required": []})}}))
    assert run(["diff", old, new, "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["breaking"] is True
    first = report["changes"][0]
    assert set(first) >= {"id", "level", "operation", "operations", "pointer", "message", "line"}
    assert {c["id"] for c in report["changes"]} == {"path-removed", "response-property-became-optional"}
    assert run(["diff", old, new, "--fail-on", "never"]) == 0
    assert "path-removed" in capsys.readouterr().out


def test_fail_on_levels(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = _write(tmp_path, "old.json", spec({"/p": {"get": body_op()}}))
    new = _write(tmp_path, "new.json", spec({"/p": {"get": body_op()}, "/q": {"get": body_op()}}))
    assert run(["diff", old, new]) == 0
    assert run(["diff", old, new, "--fail-on", "info", "--format", "markdown"]) == 1
    assert "| info | `operation-added` |" in capsys.readouterr().out


def test_unreadable_or_unparsable_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = _write(tmp_path, "good.json", spec({}))
    bad = tmp_path / "bad.yaml"
    bad.write_text("openapi: 3.0.0\npaths: [\n")
    assert run(["diff", str(bad), good]) == 2
    assert "bad.yaml:3" in capsys.readouterr().err
    assert run(["diff", str(tmp_path / "missing.yaml"), good]) == 2
    assert "no such file" in capsys.readouterr().err
    other = tmp_path / "other.yaml"
    other.write_text("name: x\n")
    assert run(["diff", str(other), good]) == 2


def test_graphql_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.graphql").write_text("type Query { a: String b: Int }\n")
    (tmp_path / "b.graphql").write_text("type Query { a: String }\n")
    assert run(["diff", str(tmp_path / "a.graphql"), str(tmp_path / "b.graphql"), "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["changes"][0]["id"] == "graphql-field-removed"


def test_the_comparison_is_a_value_the_command_only_prints(tmp_path: Path) -> None:
    from contracts.helpers import TODAY
    from platform_lint.families.contracts.compare import compare_files, message

    remote = {"$ref": "https://schemas.example.com/pet.json"}
    old = _write(tmp_path, "old.json", spec({"/p": {"get": body_op(response=PET)}}))
    new = _write(
        tmp_path,
        "new.json",
        spec({"/p": {"get": body_op(response={**PET, "required": []})}, "/r": {"get": body_op(remote)}}),
    )
    comparison = compare_files(old, new, TODAY)
    assert comparison.counts == {"error": 1, "warning": 0, "info": 1}
    assert comparison.breaking and comparison.fails("error") and not comparison.fails("never")
    assert comparison.notes == ("remote $ref not followed: https://schemas.example.com/pet.json",)
    added = next(c for c in comparison.changes if c.id == "operation-added")
    assert message(added) == "operation GET /r added"

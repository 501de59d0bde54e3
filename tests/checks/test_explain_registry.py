"""`platform-lint explain TYPE` documents every registered check type from the documentation kept
next to it: what it checks, why, how to fix it, every param with a description, every finding's
message, and runnable examples. A check type added without them fails here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from platform_lint.cli import run
from platform_lint.families.registry import CHECK_TYPES

IDS = sorted(CHECK_TYPES)


def _params_without_description(schema: dict, where: str) -> list[str]:
    missing: list[str] = []
    for name, prop in (schema.get("properties") or {}).items():
        if not str(prop.get("description", "")).strip():
            missing.append(f"{where}.{name}")
        if prop.get("type") == "object" and "properties" in prop:
            missing += _params_without_description(prop, f"{where}.{name}")
    return missing


@pytest.mark.parametrize("check_id", IDS)
def test_explain_documents_the_check_type(
    check_id: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    check_type = CHECK_TYPES[check_id]
    assert not _params_without_description(dict(check_type.params_schema), check_id), (
        "params need a description"
    )
    assert check_type.examples, f"{check_id} has no example"
    assert run(["explain", check_id, "--path", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    # also when a rule of the active policy has the check type's id (the rule comes first)
    assert f"Check type {check_id}  [{check_type.lifecycle}]" in out
    for text in (check_type.summary, "Why: " + check_type.why, "Remediation: " + check_type.remediation):
        assert text in out
    for name, prop in (check_type.params_schema.get("properties") or {}).items():
        assert f"  {name} (" in out and prop["description"] in out, f"{check_id}: param {name} not explained"
    if not check_type.params_schema.get("properties"):
        assert "Params: none" in out
    for code, message in check_type.messages.items():
        assert f"  {code}: {message}" in out
    for example in check_type.examples:
        assert example.title in out, f"{check_id}: example {example.title!r} not shown"
    assert json.dumps(check_type.params_schema, indent=2).splitlines()[0] in out


def test_the_registry_test_catches_a_param_without_a_description() -> None:
    schema = {
        "type": "object",
        "properties": {"a": {"type": "integer", "description": "x"}, "b": {"type": "integer"}},
    }
    assert _params_without_description(schema, "t") == ["t.b"]

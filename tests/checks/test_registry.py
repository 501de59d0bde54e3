"""The check-type registry is complete: every check type documents itself and is tested.

``platform-lint explain``, the generated docs and the policy schema are built from
these fields, so a gap here is a gap users see.
"""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import jsonschema
import pytest

from platform_lint.families.check_type import CheckType
from platform_lint.families.family import Family
from platform_lint.families.registry import CHECK_TYPES, FAMILIES
from platform_lint.yamlio import load_yaml, to_plain

TESTS = Path(__file__).resolve().parents[1]
LIFECYCLES = {"experimental", "stable", "deprecated"}
_FINDING_CODE = re.compile(r"""Finding\(\s*["']([A-Za-z0-9_.-]+)["']""")
_ID = re.compile(r"^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$")

IDS = sorted(CHECK_TYPES)


def test_registry_is_not_empty_and_ids_are_namespaced() -> None:
    generic = {"file-exists", "file-absent", "file-contains", "file-not-contains", "document-matches"}
    assert generic <= set(IDS)
    for check_id, check_type in CHECK_TYPES.items():
        assert check_type.id == check_id
        assert _ID.match(check_id), check_id


@pytest.mark.parametrize("check_id", IDS)
def test_documentation_fields(check_id: str) -> None:
    ct = CHECK_TYPES[check_id]
    for field in ("summary", "why", "remediation", "example"):
        value = getattr(ct, field)
        assert isinstance(value, str) and value.strip(), f"{check_id} has no {field}"
    assert ct.summary.rstrip().endswith("."), f"{check_id}: the summary is a sentence"
    assert ct.lifecycle in LIFECYCLES, f"{check_id}: lifecycle {ct.lifecycle!r}"
    assert ct.messages, f"{check_id} has no message catalogue"
    for code, template in ct.messages.items():
        assert template.strip(), f"{check_id}: empty message for {code}"


@pytest.mark.parametrize("check_id", IDS)
def test_params_schema_is_a_valid_json_schema(check_id: str) -> None:
    schema = CHECK_TYPES[check_id].params_schema
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema.get("type") == "object", f"{check_id}: params are an object"
    assert schema.get("additionalProperties") is False, f"{check_id}: unknown params must be refused"


@pytest.mark.parametrize("check_id", IDS)
def test_example_is_a_valid_use_of_the_check_type(check_id: str) -> None:
    ct = CHECK_TYPES[check_id]
    example = to_plain(load_yaml(ct.example, f"{check_id} example").data)
    check = example["check"] if isinstance(example, dict) and "check" in example else example
    assert check["type"] == check_id, f"{check_id}: the example shows another type"
    jsonschema.Draft202012Validator(ct.params_schema).validate(check.get("params", {}))
    # the facts it asks for can be named for these params
    ct.fact_requests(check.get("params", {}))


def _modules_of_family(family: Family) -> list[Path]:
    """Every source file of a family's folder."""
    package = importlib.import_module(f"platform_lint.families.{family.name}")
    return sorted(Path(inspect.getsourcefile(package)).parent.rglob("*.py"))  # type: ignore[arg-type]


@pytest.mark.parametrize("family", FAMILIES, ids=[f.name for f in FAMILIES])
def test_every_literal_finding_code_has_a_message(family: Family) -> None:
    types: tuple[CheckType, ...] = family.check_types
    known = {code for ct in types for code in ct.messages}
    missing: dict[str, set[str]] = {}
    for path in _modules_of_family(family):
        for code in _FINDING_CODE.findall(path.read_text(encoding="utf-8")):
            if code not in known:
                missing.setdefault(path.name, set()).add(code)
    assert not missing, f"finding codes without a message: {missing}"


def test_each_check_type_messages_cover_its_own_module() -> None:
    # a sharper version for check types whose module holds only check code
    for check_id, ct in CHECK_TYPES.items():
        module = importlib.import_module(ct.run.__module__)
        siblings = [t for t in CHECK_TYPES.values() if t.run.__module__ == ct.run.__module__]
        known = {code for t in siblings for code in t.messages}
        emitted = set(_FINDING_CODE.findall(inspect.getsource(module)))
        assert emitted <= known, f"{check_id}: {sorted(emitted - known)} have no message"


def _test_sources() -> str:
    here = Path(__file__).resolve()
    texts = []
    for path in TESTS.rglob("*"):
        if path == here or not path.is_file() or "__pycache__" in path.parts:
            continue
        if path.suffix in (".py", ".yml", ".yaml", ".json"):
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(texts)


def test_every_check_type_is_used_by_a_test() -> None:
    sources = _test_sources()
    untested = [
        check_id
        for check_id in IDS
        if not re.search(r"(?<![\w.-])" + re.escape(check_id) + r"(?![\w-])", sources)
    ]
    assert not untested, f"check types no test mentions: {untested}"

"""The check-type registry is complete: every check type documents itself and its examples run.

``platform-lint explain``, the generated docs and the policy schema are built from
these fields, so a gap here is a gap users see. Every example runs through the real
engine over in-memory files and must conclude what it says; every finding code any
example emits must have a message whose placeholders its arguments fill.
"""

from __future__ import annotations

import string

import jsonschema
import pytest

from platform_lint.engine import run_example
from platform_lint.families.check_type import CheckType, Example
from platform_lint.families.collector import FactRef
from platform_lint.families.registry import CHECK_TYPES, FACT_KEYS, FAMILIES
from platform_lint.model import Finding, State

LIFECYCLES = {"experimental", "stable", "deprecated"}

IDS = sorted(CHECK_TYPES)
EXAMPLES = [(check_id, example) for check_id in IDS for example in CHECK_TYPES[check_id].examples]


def _example_id(case: tuple[str, Example]) -> str:
    return f"{case[0]}: {case[1].title}"


def test_registry_is_not_empty_and_ids_are_namespaced() -> None:
    generic = {"file-exists", "file-absent", "file-contains", "file-not-contains", "document-matches"}
    assert generic <= set(IDS)
    for check_id, check_type in CHECK_TYPES.items():
        assert check_type.id == check_id
        assert all(part and part[0].isalpha() and part == part.lower() for part in check_id.split(".")), (
            check_id
        )


def test_every_collector_a_family_lists_is_known_by_one_name() -> None:
    listed = [key for family in FAMILIES for key in family.facts]
    assert len({key.name for key in listed}) == len(listed)
    assert set(FACT_KEYS.values()) == set(listed)
    for key in listed:
        assert key.summary.strip(), f"collector {key.name} has no summary"


@pytest.mark.parametrize("check_id", IDS)
def test_documentation_fields(check_id: str) -> None:
    ct = CHECK_TYPES[check_id]
    for field in ("summary", "why", "remediation"):
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
def test_every_check_type_has_a_passing_and_a_failing_example(check_id: str) -> None:
    states = [example.state for example in CHECK_TYPES[check_id].examples]
    assert State.PASS in states, f"{check_id} has no example that passes"
    assert State.FAIL in states, f"{check_id} has no example that fails"
    titles = [example.title for example in CHECK_TYPES[check_id].examples]
    assert len(set(titles)) == len(titles), f"{check_id}: two examples with one title"


@pytest.mark.parametrize(("check_id", "example"), EXAMPLES, ids=[_example_id(c) for c in EXAMPLES])
def test_the_facts_an_example_asks_for_come_from_listed_collectors(check_id: str, example: Example) -> None:
    """So the collectors table of docs/rules.md covers what every check type reads."""
    listed = set(FACT_KEYS.values())
    for request in CHECK_TYPES[check_id].fact_requests(example.params):
        if isinstance(request, FactRef):  # another family's facts, by the name the registry lists
            assert request.name in FACT_KEYS, f"{check_id} reads {request.name}, which no family lists"
            continue
        assert request.key in listed, f"{check_id} reads {request.key.name}, which no family lists"


def _placeholders(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


def _unrendered(check_type: CheckType, finding: Finding) -> str | None:
    """Why this finding would not render, or None."""
    template = check_type.messages.get(finding.code)
    if template is None:
        return f"code {finding.code!r} has no message in {check_type.id}'s catalogue"
    missing = _placeholders(template) - set(finding.args)
    if missing:
        return f"code {finding.code!r}: the message needs {sorted(missing)}, the finding has no such args"
    return None


@pytest.mark.parametrize(("check_id", "example"), EXAMPLES, ids=[_example_id(c) for c in EXAMPLES])
def test_example_runs_as_it_says(check_id: str, example: Example) -> None:
    check_type = CHECK_TYPES[check_id]
    jsonschema.Draft202012Validator(check_type.params_schema).validate(dict(example.params))
    outcome = run_example(check_type, example)
    emitted = (*outcome.findings, *outcome.evidence)
    assert (outcome.state, tuple(f.code for f in emitted)) == (example.state, example.codes), (
        f"{check_id}: {example.title!r} concluded {outcome.state.value} {[f.code for f in emitted]} "
        f"({outcome.reason})"
    )
    problems = [p for p in (_unrendered(check_type, f) for f in emitted) if p]
    assert not problems, f"{check_id}: {problems}"


def test_the_registry_test_catches_a_code_without_a_message() -> None:
    check_type = CHECK_TYPES["file-exists"]
    assert _unrendered(check_type, Finding("found", {"path": "README.md"})) is None
    assert "no message" in (_unrendered(check_type, Finding("typo-d", {})) or "")
    assert "needs ['path']" in (_unrendered(check_type, Finding("found", {"file": "README.md"})) or "")


def test_a_code_without_a_message_renders_as_an_internal_error() -> None:
    check_type = CHECK_TYPES["file-exists"]
    text = check_type.render(Finding("typo-d", {"path": "README.md"}))
    assert text.startswith("internal error: check type file-exists has no message for finding code 'typo-d'")
    assert "README.md" not in text  # the arguments are not passed off as a message
    assert check_type.render(Finding("found", {"path": "README.md"})) == "found README.md"

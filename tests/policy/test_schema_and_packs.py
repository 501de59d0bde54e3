"""The committed policy schema is the one built from the registry; shipped packs and examples validate."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from platform_lint.families.registry import CHECK_TYPES
from platform_lint.model import CHARACTERISTICS, JOURNEYS
from platform_lint.policy.loader import PolicyLoader
from platform_lint.policy.schema import build_policy_schema
from platform_lint.resources import builtin_policy_names, data_dir

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 12, 2)


def test_committed_policy_schema_matches_the_registry() -> None:
    committed = json.loads((data_dir("schemas") / "policy.schema.json").read_text())
    assert committed == build_policy_schema(CHECK_TYPES), (
        "schemas/policy.schema.json is stale: run "
        "python -m platform_lint.policy.schema > schemas/policy.schema.json"
    )


def test_policy_schema_is_a_valid_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(build_policy_schema(CHECK_TYPES))
    jsonschema.Draft202012Validator.check_schema(
        json.loads((data_dir("schemas") / "report.schema.json").read_text())
    )


@pytest.mark.parametrize("name", builtin_policy_names())
def test_builtin_packs_load(name: str) -> None:
    policy = PolicyLoader(TODAY).load_builtin(name)
    assert policy.enabled_rules


def test_recommended_pack_covers_the_nine_characteristics_at_each_level() -> None:
    policy = PolicyLoader(TODAY).load_builtin("recommended")
    assert {r.characteristic for r in policy.rules} == set(CHARACTERISTICS)
    assert {r.level for r in policy.rules} == {"bronze", "silver", "gold"}
    ids = [r.id for r in policy.rules]
    assert len(ids) == len(set(ids))
    for rule in policy.rules:
        assert rule.docs and rule.docs.startswith("#"), rule.id
        assert len(rule.remediation) > 40, f"{rule.id}: remediation should say what to add and why"


@pytest.mark.parametrize("name", builtin_policy_names())
def test_every_rule_of_a_builtin_pack_names_its_journey_stage(name: str) -> None:
    policy = PolicyLoader(TODAY).load_builtin(name)
    missing = [r.id for r in policy.rules if r.journey not in JOURNEYS]
    assert not missing, f"rules of builtin:{name} without a journey stage: {missing}"


def test_platform_grade_rules_are_gold_and_service_rules_apply_to_services() -> None:
    rules = {r.id: r for r in PolicyLoader(TODAY).load_builtin("recommended").rules}
    for rule_id in ("adoption.catalog-registration", "adoption.success-metrics", "observability.slo"):
        assert rules[rule_id].level == "gold", rule_id
    for rule in rules.values():
        if rule.characteristic == "golden-paths":
            assert rule.level == "gold", rule.id
        if rule.id.startswith("observability."):
            assert rule.applies_to == ("service",), rule.id


@pytest.mark.parametrize(
    "example", sorted((ROOT / "examples" / "policies").glob("*.yml")), ids=lambda p: p.name
)
def test_examples_validate(example: Path) -> None:
    assert PolicyLoader(TODAY, example.parent).load_file(example).enabled_rules

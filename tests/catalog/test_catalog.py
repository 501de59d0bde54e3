"""The catalog by content: entities per kind, several documents per file, owners against CODEOWNERS."""

from __future__ import annotations

import datetime as dt

import pytest

from platform_lint.engine import FactStore, run_rule
from platform_lint.families.catalog import examples
from platform_lint.families.catalog.checks import (
    ENTITIES_VALID,
    OWNER,
    REGISTERED,
    codeowner_names,
    owner_name,
)
from platform_lint.families.check_type import CheckType, RunContext
from platform_lint.families.collector import CollectEnv
from platform_lint.model import Outcome, State
from platform_lint.policy.model import Rule
from platform_lint.snapshot.memory import MemorySnapshot

NOW = dt.datetime(2025, 6, 1, tzinfo=dt.timezone.utc)
COMPONENT = examples.COMPONENT


def _run(check: CheckType, files: dict[str, str], **params: object) -> Outcome:
    rule = Rule(
        id="test.rule",
        title="t",
        characteristic="measured-adoption",
        level="gold",
        severity="warning",
        check_type=check.id,
        params=dict(params),
        remediation="r",
    )
    return run_rule(rule, FactStore(MemorySnapshot(files), CollectEnv()), RunContext(now=NOW))


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        ("kind: Component\nmetadata: {name: a}\nspec: {type: service, owner: x}\n", "apiVersion is missing"),
        (
            "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: 'Bad Name!'}\n"
            "spec: {type: service, lifecycle: production, owner: x}\n",
            "is not a valid name",
        ),
        (
            "apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata: {name: a}\n"
            "spec: {type: openapi, lifecycle: production, owner: x}\n",
            "spec.definition is missing",
        ),
        (
            "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: a}\nspec: {type: team}\n",
            "spec.children is missing",
        ),
        (
            "apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: {name: a}\nspec: {}\n",
            "spec.memberOf is missing",
        ),
        (
            "apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: {name: a}\nspec: {}\n",
            "spec.target or spec.targets is missing",
        ),
        (
            "apiVersion: backstage.io/v1alpha1\nkind: Widget\nmetadata: {name: a}\n",
            "not one of the Backstage kinds",
        ),
    ],
)
def test_required_fields_per_kind(document: str, problem: str) -> None:
    outcome = _run(ENTITIES_VALID, {"catalog-info.yaml": document})
    assert outcome.state is State.FAIL
    assert any(problem in f.args["problem"] for f in outcome.findings), outcome.findings


def test_every_kind_passes_when_complete() -> None:
    head = "apiVersion: backstage.io/v1alpha1\n"
    docs = [
        COMPONENT,
        head + "kind: System\nmetadata: {name: payments}\nspec: {owner: group:payments}\n",
        head + "kind: Domain\nmetadata: {name: money}\nspec: {owner: group:payments}\n",
        head + "kind: Resource\nmetadata: {name: db}\nspec: {type: database, owner: x}\n",
        head + "kind: Group\nmetadata: {name: payments}\nspec: {type: team, children: []}\n",
        head + "kind: User\nmetadata: {name: jdoe}\nspec: {memberOf: [payments]}\n",
    ]
    outcome = _run(ENTITIES_VALID, {"catalog-info.yaml": "---\n".join(docs)})
    assert outcome.state is State.PASS, outcome.findings


def test_a_finding_names_its_document_and_line() -> None:
    text = (
        COMPONENT + "---\n" + COMPONENT.replace("billing", "ledger").replace("  lifecycle: production\n", "")
    )
    outcome = _run(ENTITIES_VALID, {"catalog-info.yaml": text})
    (finding,) = outcome.findings
    assert "document 2" in ENTITIES_VALID.render(finding)
    assert finding.location is not None and finding.location.line == 14  # the second document's spec


def test_locations_are_followed_inside_the_repository_only() -> None:
    files = {
        "catalog-info.yaml": "apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: {name: all}\n"
        "spec: {targets: [./services/*/catalog-info.yml, https://example.com/x.yaml, ../../etc/passwd]}\n",
        "services/billing/catalog-info.yml": COMPONENT.replace("  owner: group:payments\n", ""),
    }
    outcome = _run(ENTITIES_VALID, files)
    assert outcome.state is State.FAIL
    assert outcome.findings[0].location.path == "services/billing/catalog-info.yml"  # type: ignore[union-attr]


def test_scaffolder_skeletons_are_not_entities() -> None:
    skeleton = COMPONENT.replace("name: billing", "name: ${{ values.component_id }}")
    files = {"templates/svc/skeleton/catalog-info.yaml": skeleton}
    assert _run(REGISTERED, files).state is State.FAIL
    outcome = _run(ENTITIES_VALID, files)
    assert outcome.state is State.PASS and outcome.evidence[-1].code == "templated"


def test_other_portals_count_by_content() -> None:
    assert _run(REGISTERED, {"opslevel.yml": "version: 1\nservice:\n  name: billing\n"}).state is State.PASS
    assert _run(REGISTERED, {"opslevel.yml": "version: 1\n"}).state is State.FAIL
    assert _run(REGISTERED, {"opslevel.yml": "service: {name: b}\n"}, other_portals=False).state is State.FAIL


def test_owner_names_compare_across_the_two_spellings() -> None:
    assert owner_name("group:default/platform-team") == "platform-team"
    assert owner_name("platform-team") == "platform-team"
    assert codeowner_names(["@acme/Platform-Team", "@jdoe", "ops@example.com"]) == {
        "platform-team",
        "jdoe",
        "ops",
    }


def test_owner_against_the_rule_that_decides_the_catalog_file() -> None:
    codeowners = "* @acme/platform\n/catalog-info.yaml @acme/payments\n"
    files = {"catalog-info.yaml": COMPONENT, ".github/CODEOWNERS": codeowners}
    assert _run(OWNER, files).state is State.PASS
    moved = {
        "catalog-info.yaml": COMPONENT,
        ".github/CODEOWNERS": "/catalog-info.yaml @acme/payments\n* @acme/x\n",
    }
    outcome = _run(OWNER, moved)
    assert outcome.state is State.FAIL and outcome.findings[0].args["line"] == 2
    assert outcome.findings[0].location.line == 8  # type: ignore[union-attr]  # spec.owner
    assert _run(OWNER, moved, agree_with_codeowners=False).state is State.PASS


def test_no_codeowners_or_no_rule_is_not_a_disagreement() -> None:
    assert _run(OWNER, {"catalog-info.yaml": COMPONENT}).state is State.PASS
    files = {"catalog-info.yaml": COMPONENT, ".github/CODEOWNERS": "/docs/ @acme/docs\n"}
    assert _run(OWNER, files).evidence[0].code == "owned"


def test_owner_not_applicable_without_owned_entities() -> None:
    group = "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: g}\n"
    group += "spec: {type: team, children: []}\n"
    assert _run(OWNER, {"catalog-info.yaml": group}).state is State.NOT_APPLICABLE
    assert _run(OWNER, {"README.md": "x\n"}).state is State.NOT_APPLICABLE


def test_an_unloadable_catalog_is_a_located_finding() -> None:
    outcome = _run(OWNER, {"catalog-info.yaml": "kind: Component\nmetadata: [\n"})
    assert outcome.state is State.FAIL and outcome.findings[0].code == "unloadable"
    assert outcome.findings[0].location.line is not None  # type: ignore[union-attr]


def test_a_fact_asked_for_by_an_unknown_name_fails_closed_not_a_crash() -> None:
    from platform_lint import engine
    from platform_lint.families.collector import FactRef

    store = FactStore(MemorySnapshot({"catalog-info.yaml": COMPONENT}), CollectEnv())
    outcome = engine._collect(store, (FactRef("no-such-collector"),), False)
    assert isinstance(outcome, Outcome) and outcome.state is State.FAIL
    assert "no collector named no-such-collector" in str(outcome.findings[0].args)
    facts = engine._collect(store, (FactRef("codeowners"),), False)
    assert not isinstance(facts, Outcome) and facts.named("codeowners").path is None


def test_cookiecutter_payload_and_backstage_templates() -> None:
    payload = COMPONENT.replace("name: billing", "name: {{cookiecutter.name | jsonify}}")
    template = (
        "apiVersion: scaffolder.backstage.io/v1beta3\nkind: Template\nmetadata: {name: svc}\n"
        "spec:\n  type: service\n  owner: group:payments\n  steps:\n    - action: fetch:template\n"
        "      input: {name: '${{ parameters.name }}'}\n"
    )
    files = {"tpl/skeleton/catalog-info.yaml": payload, "tpl/template.yaml": template}
    registered = _run(REGISTERED, files)
    assert registered.state is State.PASS
    assert [e.args["kind"] for e in registered.evidence] == ["Template"]
    assert _run(ENTITIES_VALID, files).state is State.PASS

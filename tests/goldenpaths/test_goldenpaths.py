"""Golden paths by content: templates offered, their shape, and the template a project came from."""

from __future__ import annotations

import datetime as dt

from platform_lint.engine import FactStore, run_rule
from platform_lint.families.check_type import CheckType, RunContext
from platform_lint.families.collector import CollectEnv
from platform_lint.families.goldenpaths import examples
from platform_lint.families.goldenpaths.checks import SOURCE_TEMPLATE, TEMPLATE_VALID, TEMPLATES
from platform_lint.model import Outcome, State
from platform_lint.policy.model import Rule
from platform_lint.snapshot.memory import MemorySnapshot

NOW = dt.datetime(2025, 6, 1, tzinfo=dt.timezone.utc)


def _run(check: CheckType, files: dict[str, str], **params: object) -> Outcome:
    rule = Rule(
        id="test.rule",
        title="t",
        characteristic="golden-paths",
        level="gold",
        severity="notice",
        check_type=check.id,
        params=dict(params),
        remediation="r",
    )
    return run_rule(rule, FactStore(MemorySnapshot(files), CollectEnv()), RunContext(now=NOW))


def test_sam_and_cloudformation_templates_are_not_golden_paths() -> None:
    files = {"template.yaml": examples.SAM, "infra/template.yml": "Resources: {}\n"}
    assert _run(TEMPLATES, files).state is State.FAIL
    assert _run(TEMPLATE_VALID, files).state is State.NOT_APPLICABLE


def test_a_backstage_template_under_any_name_in_a_scaffolder_folder() -> None:
    outcome = _run(TEMPLATES, {"scaffolder/python.yaml": examples.BACKSTAGE})
    assert outcome.state is State.PASS and outcome.evidence[0].args["name"] == "python-service"


def test_backstage_problems_are_located() -> None:
    broken = examples.BACKSTAGE.replace("required: [name]", "required: [name, owner]")
    outcome = _run(TEMPLATE_VALID, {"template.yaml": broken})
    assert outcome.state is State.FAIL
    (finding,) = outcome.findings
    assert "requires 'owner'" in finding.args["problem"]
    assert finding.location is not None and "required:" in broken.splitlines()[finding.location.line - 1]  # type: ignore[operator]


def test_cookiecutter_needs_its_folder_and_defined_variables() -> None:
    good = {
        "cookiecutter.json": '{"project_slug": "svc", "owner": "platform"}\n',
        "{{cookiecutter.project_slug}}/README.md": "# {{cookiecutter.project_slug}}\n",
    }
    assert _run(TEMPLATES, good).state is State.PASS
    assert _run(TEMPLATE_VALID, good).state is State.PASS
    bad = {"cookiecutter.json": '{"name": "svc"}\n', "{{cookiecutter.project_slug}}/README.md": "x\n"}
    outcome = _run(TEMPLATE_VALID, bad)
    assert outcome.state is State.FAIL and "project_slug" in outcome.findings[0].args["problem"]
    alone = _run(TEMPLATE_VALID, {"cookiecutter.json": "{}\n"})
    assert alone.state is State.FAIL and "no {{cookiecutter.*}} folder" in alone.findings[0].args["problem"]


def test_copier_templates_and_their_subdirectory() -> None:
    files = {
        "copier.yml": "_subdirectory: template\nproject_name: {type: str}\n",
        "template/README.md.jinja": "x\n",
    }
    assert _run(TEMPLATE_VALID, files).state is State.PASS
    missing = {"copier.yml": "_subdirectory: template\n", "README.md": "x\n"}
    assert _run(TEMPLATE_VALID, missing).state is State.FAIL


def test_templates_in_test_fixtures_and_template_payload_do_not_count() -> None:
    files = {
        "tests/demo/copier.yml": "q: {type: str}\n",
        "{{cookiecutter.slug}}/template.yaml": examples.BACKSTAGE,
        "README.md": "# copier\n",
    }
    assert _run(TEMPLATES, files).state is State.FAIL


def test_a_yeoman_generator() -> None:
    files = {
        "package.json": '{"name": "generator-acme", "keywords": ["yeoman-generator"]}\n',
        "generators/app/index.js": "module.exports = class {};\n",
    }
    assert _run(TEMPLATES, files).state is State.PASS
    assert _run(TEMPLATES, {"package.json": '{"name": "acme", "keywords": ["cli"]}\n'}).state is State.FAIL


def test_origins_and_what_can_be_told_offline_about_staleness() -> None:
    answers = {".copier-answers.yml": "_commit: v1.2.0-3-gabc1234\n_src_path: gh:acme/tpl\n"}
    outcome = _run(SOURCE_TEMPLATE, answers)
    assert outcome.state is State.PASS
    assert "3 commits after the template's tag v1.2.0" in outcome.evidence[0].args["note"]
    cruft = {".cruft.json": '{"template": "https://github.com/acme/tpl",\n "commit": "0123456789abcdef"}\n'}
    note = _run(SOURCE_TEMPLATE, cruft).evidence[0].args["note"]
    assert "0123456789abcdef" in note and "not fetched" in note
    catalog = {
        "catalog-info.yaml": "apiVersion: backstage.io/v1alpha1\nkind: Component\n"
        "metadata:\n  name: billing\n"
        "  annotations:\n    backstage.io/source-template: template:default/python-service\n"
        "spec: {type: service, owner: team-a, lifecycle: production}\n"
    }
    found = _run(SOURCE_TEMPLATE, catalog)
    assert found.state is State.PASS and found.evidence[0].location.line == 6  # type: ignore[union-attr]
    assert _run(SOURCE_TEMPLATE, {".projenrc.ts": "new Project();\n"}).state is State.PASS


def test_an_unparsable_answers_file_is_not_a_crash() -> None:
    outcome = _run(SOURCE_TEMPLATE, {".copier-answers.yml": "_commit: [\n"})
    assert outcome.state is State.FAIL and outcome.findings[0].code == "none"

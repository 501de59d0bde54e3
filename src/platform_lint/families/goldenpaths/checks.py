"""Check types of the goldenpaths family.

- ``goldenpaths.templates``: the repository offers a software template (Backstage, cookiecutter,
  copier, Yeoman), recognised by content.
- ``goldenpaths.template-valid``: each template is well formed (a Backstage template's name,
  owner, type, steps and parameters; cookiecutter variables; copier's ``_subdirectory``).
- ``goldenpaths.source-template``: the project records the template it was generated from, at a
  commit (and says what can be told offline about whether that commit is stale).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from platform_lint.families.check_type import CheckInput, CheckType
from platform_lint.families.goldenpaths import examples
from platform_lint.families.goldenpaths.facts import GOLDEN_PATHS
from platform_lint.families.shared.listing import SCOPE_KINDS, in_scope
from platform_lint.model import Finding, Location, Outcome

DEFAULT_IGNORE_IN = ("fixture", "vendored", "template", "example")
KINDS = ("backstage", "cookiecutter", "copier", "yeoman")
T = TypeVar("T")
_IGNORE_IN = {
    "type": "array",
    "items": {"enum": list(SCOPE_KINDS)},
    "uniqueItems": True,
    "default": list(DEFAULT_IGNORE_IN),
    "description": "files of these kinds (test fixtures, vendored code, template payload, examples) "
    "are not counted",
}
NEEDS = (GOLDEN_PATHS,)
_TITLES = {
    "backstage": "Backstage template",
    "cookiecutter": "cookiecutter template",
    "copier": "copier template",
    "yeoman": "Yeoman generator",
}


def _in_scope(items: Sequence[T], params: Mapping[str, Any]) -> list[T]:
    return in_scope(items, params, DEFAULT_IGNORE_IN)


def templates(inp: CheckInput) -> Outcome:
    facts = inp.facts[GOLDEN_PATHS]
    kinds = set(inp.params.get("kinds") or KINDS)
    found = [t for t in _in_scope(facts.templates, inp.params) if t.kind in kinds]
    if not found:
        return Outcome.failed(Finding("none", {"kinds": sorted(_TITLES[k] for k in kinds)}, key="none"))
    return Outcome.passed(
        *(
            Finding(
                "offered",
                {"path": t.path, "what": _TITLES[t.kind], "name": t.name or "(unnamed)"},
                Location(t.path, t.line),
                key=f"{t.kind}:{t.path}:{t.name}",
            )
            for t in found[:10]
        )
    )


TEMPLATES = CheckType(
    id="goldenpaths.templates",
    summary="The repository offers a software template (Backstage, cookiecutter, copier or Yeoman), "
    "recognised by content.",
    why="A template turns the paved road into the easy road: a new service starts with the platform's "
    "defaults instead of a copy of an old one. A file called template.yaml is not one (AWS SAM and "
    "CloudFormation use the name too); a Backstage template has apiVersion scaffolder.backstage.io.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "kinds": {
                "type": "array",
                "items": {"enum": list(KINDS)},
                "uniqueItems": True,
                "minItems": 1,
                "description": "which kinds of template count (default: all)",
            },
            "ignore_in": _IGNORE_IN,
        },
    },
    run=templates,
    needs=NEEDS,
    messages={
        "offered": "{path} is a {what} ({name})",
        "none": "no software template found by content (looked for {kinds})",
    },
    remediation="Offer a software template for the common case: a Backstage scaffolder template "
    "(apiVersion scaffolder.backstage.io/v1beta3, kind Template), a cookiecutter or a copier template.",
    examples=examples.TEMPLATES,
)


def template_valid(inp: CheckInput) -> Outcome:
    facts = inp.facts[GOLDEN_PATHS]
    found = _in_scope(facts.templates, inp.params)
    broken = [
        (p, why, line)
        for p, why, line in facts.unparsed
        if not p.rpartition("/")[2].startswith((".copier", ".cruft"))
    ]
    if not found and not broken:
        return Outcome.not_applicable("the repository offers no software template")
    findings = [
        Finding(
            "invalid",
            {"path": t.path, "what": _TITLES[t.kind], "name": t.name or "(unnamed)", "problem": p.message},
            Location(t.path, p.line or t.line),
            key=f"{t.path}:{t.name}:{p.message}",
        )
        for t in found
        for p in t.problems
    ]
    findings += [
        Finding("unparsed", {"path": p, "problem": why}, Location(p, line), key=f"unparsed:{p}")
        for p, why, line in broken
    ]
    evidence = [
        Finding(
            "valid",
            {"path": t.path, "what": _TITLES[t.kind], "name": t.name or "(unnamed)"},
            Location(t.path, t.line),
            key=f"valid:{t.path}:{t.name}",
        )
        for t in found
        if not t.problems
    ]
    return Outcome.from_findings(findings, *evidence[:10])


TEMPLATE_VALID = CheckType(
    id="goldenpaths.template-valid",
    summary="Each software template is well formed: a Backstage template's name, owner, type, steps and "
    "parameters; the variables a cookiecutter folder uses; copier's _subdirectory.",
    why="A template that does not load is not listed by the portal, and one whose steps have no action "
    "fails half-way through creating a repository, which is worse than no template.",
    params_schema={"type": "object", "additionalProperties": False, "properties": {"ignore_in": _IGNORE_IN}},
    run=template_valid,
    needs=NEEDS,
    messages={
        "invalid": "{path}: {what} {name}: {problem}",
        "unparsed": "{path} looks like a template but does not parse: {problem}",
        "valid": "{path}: {what} {name} is well formed",
    },
    remediation="Give each Backstage template metadata.name, spec.owner, spec.type and steps that each name "
    "an action; define every parameter a page requires; for cookiecutter, define each variable the "
    "{{cookiecutter.*}} folder uses in cookiecutter.json.",
    examples=examples.TEMPLATE_VALID,
)


def source_template(inp: CheckInput) -> Outcome:
    facts = inp.facts[GOLDEN_PATHS]
    origins = _in_scope(facts.origins, inp.params)
    require_pin = inp.params.get("require_pin", True)
    if not origins:
        return Outcome.failed(Finding("none", {}, key="none"))
    findings = [
        Finding(
            "unpinned",
            {"path": o.path, "template": o.template or "(not recorded)"},
            Location(o.path, o.line),
            key=f"unpinned:{o.path}",
        )
        for o in origins
        if require_pin and o.kind in ("cruft", "copier-answers") and not o.commit
    ]
    evidence = [
        Finding(
            "recorded",
            {"path": o.path, "kind": o.kind, "template": o.template or "(not recorded)", "note": o.note},
            Location(o.path, o.line),
            key=f"recorded:{o.path}",
        )
        for o in origins
    ]
    return Outcome.from_findings(findings, *evidence[:10])


SOURCE_TEMPLATE = CheckType(
    id="goldenpaths.source-template",
    summary="The project records the template it was generated from (.cruft.json, .copier-answers.yml, "
    "the backstage.io/source-template annotation, or a .projenrc), at a commit.",
    why="Only a project that knows its template, and the commit it was made from, can take the "
    "template's fixes later (cruft update, copier update). Whether that commit is stale needs the "
    "template's repository, which a check never fetches; the evidence says what the record tells.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "require_pin": {
                "type": "boolean",
                "default": True,
                "description": "a cruft or copier record must name the template commit",
            },
            "ignore_in": _IGNORE_IN,
        },
    },
    run=source_template,
    needs=NEEDS,
    messages={
        "recorded": "{path} records {kind} origin {template}: {note}",
        "unpinned": "{path} names template {template} but no commit, so template updates cannot be applied",
        "none": "the project does not record a template it came from",
    },
    remediation="Keep the .copier-answers.yml or .cruft.json the generator wrote (with its commit), or add "
    "the backstage.io/source-template annotation to catalog-info.yaml, so template fixes can be rolled "
    "out to this project.",
    examples=examples.SOURCE_TEMPLATE,
)

CHECK_TYPES = (TEMPLATES, TEMPLATE_VALID, SOURCE_TEMPLATE)

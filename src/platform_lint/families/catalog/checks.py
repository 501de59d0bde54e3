"""Check types of the catalog family.

- ``catalog.registered``: the project is registered in a software catalog (a Backstage entity
  in catalog-info.yaml, or an OpsLevel, Cortex or Datadog descriptor), recognised by content.
- ``catalog.entities-valid``: every entity has what its kind requires (Backstage descriptor
  format: metadata.name; spec.type, lifecycle and owner for a Component, ...).
- ``catalog.owner``: every entity of an owned kind names spec.owner, and the owner agrees with
  the team CODEOWNERS gives the catalog file. CODEOWNERS is another family's fact: it is asked
  for by name (:class:`FactRef`), never imported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from platform_lint.families.catalog import examples
from platform_lint.families.catalog.collect import OWNED, CatalogFacts, Entity
from platform_lint.families.catalog.facts import CATALOG
from platform_lint.families.check_type import CheckInput, CheckType
from platform_lint.families.collector import FactRef, FactRequest
from platform_lint.families.shared.listing import SCOPE_KINDS, in_scope
from platform_lint.model import Finding, Location, Outcome

DEFAULT_IGNORE_IN = ("fixture", "vendored", "template", "example")
T = TypeVar("T")
_IGNORE_IN = {
    "type": "array",
    "items": {"enum": list(SCOPE_KINDS)},
    "uniqueItems": True,
    "default": list(DEFAULT_IGNORE_IN),
    "description": "catalog files of these kinds (test fixtures, vendored code, template payload, "
    "examples) are not counted",
}
NEEDS = (CATALOG,)


def _in_scope(items: Sequence[T], params: Mapping[str, Any]) -> list[T]:
    return in_scope(items, params, DEFAULT_IGNORE_IN)


def _where(entity: Entity) -> str:
    return entity.path if entity.count == 1 else f"{entity.path} (document {entity.index + 1})"


def _load_findings(facts: CatalogFacts, params: Mapping[str, Any]) -> list[Finding]:
    return [
        Finding(
            "unloadable",
            {"path": f.path, "problem": f.problem},
            Location(f.path, f.line, f.column),
            key=f"unloadable:{f.path}",
        )
        for f in _in_scope(facts.files, params)
        if f.problem
    ]


# -- catalog.registered ---------------------------------------------------------------------------


def registered(inp: CheckInput) -> Outcome:
    facts = inp.facts[CATALOG]
    entities = [e for e in _in_scope(facts.entities, inp.params) if e.kind and not e.templated]
    evidence = [
        Finding(
            "entity",
            {"where": _where(e), "kind": e.kind, "name": e.name or "(unnamed)"},
            Location(e.path, e.line),
            key=f"entity:{e.path}:{e.kind}:{e.name}",
        )
        for e in entities
    ]
    if inp.params.get("other_portals", True):
        evidence += [
            Finding(
                "portal",
                {"path": p.path, "portal": p.portal, "name": p.name},
                Location(p.path),
                key=f"portal:{p.path}",
            )
            for p in facts.portals
        ]
    if evidence:
        return Outcome.passed(*evidence[:10])
    loads = _load_findings(facts, inp.params)
    return Outcome.failed(*loads, Finding("missing", {}, key="missing"))


REGISTERED = CheckType(
    id="catalog.registered",
    summary="The project is registered in a software catalog: a Backstage entity in catalog-info.yaml "
    "(or another portal's descriptor), recognised by content.",
    why="A project the catalog does not know cannot be found, counted or routed to its owners; "
    "registration is how a platform measures its own adoption.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "other_portals": {
                "type": "boolean",
                "default": True,
                "description": "an OpsLevel, Cortex or Datadog service descriptor counts too",
            },
            "ignore_in": _IGNORE_IN,
        },
    },
    run=registered,
    needs=NEEDS,
    messages={
        "entity": "{where} registers {kind} {name}",
        "portal": "{path} registers {name} in {portal}",
        "unloadable": "{path} cannot be loaded: {problem}",
        "missing": "no catalog entity found (catalog-info.yaml with apiVersion, kind and metadata.name)",
    },
    remediation="Add catalog-info.yaml with a Component entity (apiVersion backstage.io/v1alpha1, kind "
    "Component, metadata.name, spec.type, spec.lifecycle, spec.owner) and register it with the catalog.",
    examples=examples.REGISTERED,
)


# -- catalog.entities-valid -----------------------------------------------------------------------


def entities_valid(inp: CheckInput) -> Outcome:
    facts = inp.facts[CATALOG]
    files = _in_scope(facts.files, inp.params)
    if not files:
        return Outcome.not_applicable("there is no catalog-info.yaml")
    entities = _in_scope(facts.entities, inp.params)
    findings = _load_findings(facts, inp.params)
    findings += [
        Finding(
            "invalid",
            {
                "where": _where(e),
                "kind": e.kind or "(no kind)",
                "name": e.name or "(unnamed)",
                "problem": p.message,
            },
            Location(e.path, p.line or e.line),
            key=f"{e.path}:{e.index}:{p.message}",
        )
        for e in entities
        if not e.templated
        for p in e.problems
    ]
    evidence = [
        Finding(
            "valid",
            {"where": _where(e), "kind": e.kind, "name": e.name},
            Location(e.path, e.line),
            key=f"valid:{e.path}:{e.index}",
        )
        for e in entities
        if not e.problems and not e.templated
    ]
    templated = [e for e in entities if e.templated]
    if templated:
        evidence.append(
            Finding(
                "templated",
                {"count": len(templated), "path": templated[0].path},
                Location(templated[0].path),
                key="templated",
            )
        )
    return Outcome.from_findings(findings, *evidence[:10])


ENTITIES_VALID = CheckType(
    id="catalog.entities-valid",
    summary="Every catalog entity has what its kind requires in the Backstage descriptor format.",
    why="The catalog rejects an entity without the fields its kind requires (a Component's type, "
    "lifecycle and owner; a Group's type and children; a Location's targets), so it silently never "
    "appears in the portal.",
    params_schema={"type": "object", "additionalProperties": False, "properties": {"ignore_in": _IGNORE_IN}},
    run=entities_valid,
    needs=NEEDS,
    messages={
        "invalid": "{where}: {kind} {name}: {problem}",
        "unloadable": "{path} cannot be loaded: {problem}",
        "valid": "{where}: {kind} {name} has every required field",
        "templated": "{count} document(s) hold ${{{{ }}}} placeholders (scaffolder payload, e.g. {path}): "
        "not judged",
    },
    remediation="Give each entity apiVersion, kind and a valid metadata.name, and the spec fields its kind "
    "requires: type, lifecycle and owner for a Component; type, lifecycle, owner and definition for an "
    "API; owner for a System or Domain; target(s) for a Location.",
    examples=examples.ENTITIES_VALID,
)


# -- catalog.owner --------------------------------------------------------------------------------


def _owner_needs(params: Mapping[str, Any]) -> tuple[FactRequest[Any] | FactRef, ...]:
    if params.get("agree_with_codeowners", True):
        return (FactRequest(CATALOG), FactRef("codeowners"))
    return (FactRequest(CATALOG),)


def owner_name(reference: str) -> str:
    """``group:default/platform-team`` -> ``platform-team``: what a catalog owner names."""
    name = reference.split(":", 1)[1] if ":" in reference else reference
    return name.rsplit("/", 1)[-1].strip().lower()


def codeowner_names(owners: Sequence[Any]) -> set[str]:
    """``@acme/platform-team`` -> ``platform-team``, ``@jdoe`` -> ``jdoe`` (e-mail: the part before @)."""
    names: set[str] = set()
    for owner in owners:
        text = str(getattr(owner, "text", owner))
        if text.startswith("@"):
            names.add(text[1:].rsplit("/", 1)[-1].lower())
        elif "@" in text:
            names.add(text.split("@", 1)[0].lower())
    return names


def _codeowners_of(codeowners: Any, path: str) -> tuple[set[str], int | None, str | None]:
    """The owners CODEOWNERS gives ``path`` (names), the deciding line and the CODEOWNERS path."""
    if codeowners is None or not getattr(codeowners, "loaded", False):
        return set(), None, None
    rule = codeowners.rule_for(path)
    if rule is None:
        return set(), None, codeowners.path
    return codeowner_names(rule.owners), rule.line, codeowners.path


def owner(inp: CheckInput) -> Outcome:
    facts = inp.facts[CATALOG]
    entities = [e for e in _in_scope(facts.entities, inp.params) if e.kind in OWNED and not e.templated]
    loads = _load_findings(facts, inp.params)
    if not entities and not loads:
        return Outcome.not_applicable("no catalog entity of a kind that has an owner")
    agree = inp.params.get("agree_with_codeowners", True)
    codeowners = inp.facts.named("codeowners") if agree else None
    findings = list(loads)
    evidence: list[Finding] = []
    for e in entities:
        if not e.owner:
            findings.append(
                Finding(
                    "no-owner",
                    {"where": _where(e), "kind": e.kind, "name": e.name or "(unnamed)"},
                    Location(e.path, e.owner_line or e.spec_line or e.line),
                    key=f"no-owner:{e.path}:{e.index}",
                )
            )
            continue
        names, line, co_path = _codeowners_of(codeowners, e.path)
        if agree and names and owner_name(e.owner) not in names:
            findings.append(
                Finding(
                    "disagrees",
                    {
                        "where": _where(e),
                        "owner": e.owner,
                        "codeowners": co_path,
                        "line": line,
                        "owners": sorted(names),
                    },
                    Location(e.path, e.owner_line or e.line),
                    key=f"disagrees:{e.path}:{e.index}",
                )
            )
            continue
        code = "agrees" if names else "owned"
        evidence.append(
            Finding(
                code,
                {"where": _where(e), "kind": e.kind, "owner": e.owner, "codeowners": co_path or "CODEOWNERS"},
                Location(e.path, e.owner_line or e.line),
                key=f"{code}:{e.path}:{e.index}",
            )
        )
    return Outcome.from_findings(findings, *evidence[:10])


OWNER = CheckType(
    id="catalog.owner",
    summary="Every catalog entity of an owned kind names spec.owner, and that owner agrees with the team "
    "CODEOWNERS gives the catalog file.",
    why="The catalog owner is who the portal routes questions and incidents to; CODEOWNERS is who "
    "reviews changes. When they name different teams, one of them is out of date.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "agree_with_codeowners": {
                "type": "boolean",
                "default": True,
                "description": "compare spec.owner with the owners CODEOWNERS gives the catalog file "
                "(group:default/platform matches @org/platform)",
            },
            "ignore_in": _IGNORE_IN,
        },
    },
    run=owner,
    needs=_owner_needs,
    messages={
        "no-owner": "{where}: {kind} {name} has no spec.owner",
        "disagrees": "{where}: spec.owner {owner} is not among the owners {codeowners} line {line} gives "
        "this file ({owners})",
        "agrees": "{where}: {kind} owner {owner} agrees with {codeowners}",
        "owned": "{where}: {kind} is owned by {owner}",
        "unloadable": "{path} cannot be loaded: {problem}",
    },
    remediation="Set spec.owner to the owning team (for example group:platform-team) and make CODEOWNERS "
    "name the same team for the catalog file, so the portal and code review route to the same people.",
    examples=examples.OWNER,
)

CHECK_TYPES = (REGISTERED, ENTITIES_VALID, OWNER)

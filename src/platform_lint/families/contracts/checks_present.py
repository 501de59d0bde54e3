"""``contracts.present`` and ``contracts.valid``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from platform_lint.families.check_type import CheckInput, CheckType
from platform_lint.families.collector import FactRequest
from platform_lint.families.contracts import examples
from platform_lint.families.contracts.checks_common import CONTRACT_PARAMS, contracts_request
from platform_lint.families.contracts.facts import CONTRACTS
from platform_lint.model import Finding, Location, Outcome, State


def _needs(params: Mapping[str, Any]) -> tuple[FactRequest[Any], ...]:
    return (contracts_request(params),)


def present(inp: CheckInput) -> Outcome:
    facts = inp.facts[CONTRACTS]
    if not facts.contracts:
        return Outcome.failed(Finding("none", {}, key="none"))
    return Outcome.passed(
        *(
            Finding(
                "found",
                {"path": c.path, "kind": c.kind, "version": c.spec_version or "-"},
                Location(c.path),
                key=c.path,
            )
            for c in facts.contracts
        )
    )


PRESENT = CheckType(
    id="contracts.present",
    summary="The repository publishes at least one machine-readable API contract.",
    why="A contract (OpenAPI, GraphQL SDL, AsyncAPI, protobuf) is what lets consumers generate "
    "clients, and what lets platform-lint tell a breaking change from a safe one.",
    params_schema={"type": "object", "additionalProperties": False, "properties": CONTRACT_PARAMS},
    run=present,
    needs=_needs,
    messages={
        "none": "no API contract found (OpenAPI, GraphQL SDL, AsyncAPI or protobuf)",
        "found": "{path}: {kind} {version}",
    },
    remediation="Commit the API description next to the code that serves it, e.g. openapi.yaml, "
    "and keep it current in the same pull requests that change the API.",
    examples=examples.PRESENT,
)


def valid(inp: CheckInput) -> Outcome:
    facts = inp.facts[CONTRACTS]
    base = inp.base_facts[CONTRACTS] if inp.base_facts else None
    if not facts.contracts:
        return Outcome.not_applicable("no API contract found")
    findings: list[Finding] = []
    notes: list[Finding] = []
    evidence: list[Finding] = []
    for contract in facts.contracts:
        if contract.kind in ("asyncapi", "protobuf") and contract.error is None:
            evidence.append(
                Finding(
                    "present",
                    {"path": contract.path, "kind": contract.kind},
                    Location(contract.path),
                    key=contract.path,
                )
            )
            continue
        before = base.get(contract.path) if base else None
        if before is not None and before.digest == contract.digest and contract.error is None:
            evidence.append(
                Finding("unchanged", {"path": contract.path}, Location(contract.path), key=contract.path)
            )
            continue
        for ref in contract.remote_refs:
            notes.append(
                Finding(
                    "remote-ref",
                    {"path": contract.path, "ref": ref},
                    Location(contract.path),
                    key=f"{contract.path}:{ref}",
                    severity="notice",
                )
            )
        issues = contract.issues
        for issue in issues:
            findings.append(
                Finding(
                    "invalid",
                    {
                        "path": issue.file or contract.path,
                        "kind": contract.kind,
                        "pointer": issue.pointer or "/",
                        "error": issue.message,
                    },
                    Location(issue.file or contract.path, issue.line, issue.column),
                    key=f"{issue.file or contract.path}:{issue.pointer}:{issue.message[:80]}",
                )
            )
        if not issues:
            evidence.append(
                Finding(
                    "valid",
                    {"path": contract.path, "kind": contract.kind},
                    Location(contract.path),
                    key=contract.path,
                )
            )
    if findings:
        return Outcome.failed(*findings, *notes, evidence=tuple(evidence))
    return Outcome(State.PASS, findings=tuple(notes), evidence=tuple(evidence))


VALID = CheckType(
    id="contracts.valid",
    summary="Every API contract parses and validates (OpenAPI schema, GraphQL SDL).",
    why="An invalid spec breaks client generators and documentation sites, and hides real breaking "
    "changes behind parse errors.",
    params_schema={"type": "object", "additionalProperties": False, "properties": CONTRACT_PARAMS},
    run=valid,
    needs=_needs,
    uses_base=True,
    messages={
        "invalid": "{path} ({kind}) at {pointer}: {error}",
        "valid": "{path} ({kind}) validates",
        "unchanged": "{path} is unchanged since the base (not validated again)",
        "present": "{path}: {kind} contract found (not validated)",
        "remote-ref": "{path}: remote $ref {ref} was not followed (platform-lint never fetches URLs)",
    },
    remediation="Fix the reported errors; check locally with 'platform-lint check .' or open the spec "
    "in an OpenAPI editor. Replace remote $refs with files in the repository.",
    examples=examples.VALID,
)

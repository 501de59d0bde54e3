"""``contracts.breaking-changes``: every contract diffed against the base, tied to semver and the changelog.

For each contract present at the base and in the head (and changed: the digests
differ), the diff engine classifies each change as breaking (error), potentially
breaking (warning) or non-breaking (info). Breaking changes need a major version
bump (minor while 0.y.z) from the configured version source and a changelog
entry under Unreleased or the new version; additions want a minor bump. A pull
request label named in the policy approves intended breaking changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from platform_lint.families.check_type import CheckInput, CheckType
from platform_lint.families.collector import FactRequest
from platform_lint.families.contracts import examples
from platform_lint.families.contracts.checks_common import CONTRACT_PARAMS, contracts_request
from platform_lint.families.contracts.checks_semver_policy import judge, required_bump
from platform_lint.families.contracts.diff.engine import diff_bundles, diff_sdl
from platform_lint.families.contracts.diff.graphql import graphql_rule_ids
from platform_lint.families.contracts.diff.model import Change
from platform_lint.families.contracts.diff.rules import RULES
from platform_lint.families.contracts.facts import CONTRACTS
from platform_lint.families.contracts.model import Contract
from platform_lint.families.shared.changelog import new_entries
from platform_lint.families.shared.facts import CHANGELOG, PACKAGE_VERSION
from platform_lint.model import Finding, Location, Outcome, State

_SEVERITY = {"error": "error", "warning": "warning", "info": "notice"}
MAX_NOTES = 100
_GATES = frozenset(
    {
        "contract-removed",
        "missing-major-bump",
        "missing-minor-bump",
        "addition-without-minor-bump",
        "version-decreased",
        "version-not-semver",
        "missing-changelog-entry",
    }
)


def _needs(params: Mapping[str, Any]) -> tuple[FactRequest[Any], ...]:
    return (contracts_request(params), FactRequest(PACKAGE_VERSION), FactRequest(CHANGELOG))


def _change_finding(contract: str, change: Change, approved: bool = False) -> Finding:
    return Finding(
        change.id,
        {**change.args, "contract": contract, "pointer": change.pointer},
        # a removed node's line is in the base version: no line in the head file
        Location(change.file or contract, None if change.in_base else change.line),
        key=f"{contract}:{change.id}:{change.operation}:{change.pointer}",
        severity="notice" if approved else _SEVERITY[change.level],
    )


def _diff(old: Contract, new: Contract, inp: CheckInput) -> list[Change] | str:
    if old.error is not None or new.error is not None:
        bad = new if new.error is not None else old
        when = " at the base" if bad is old else ""
        return f"{bad.path} does not load{when}: {bad.error.message if bad.error else ''}"
    if new.kind == "graphql" and old.text is not None and new.text is not None:
        if old.issues or new.issues:
            return f"{new.path}: the GraphQL schema does not build, so it cannot be compared"
        return diff_sdl(old.text, new.text, new.path)
    if new.kind == "openapi" and old.bundle is not None and new.bundle is not None:
        return diff_bundles(old.bundle, new.bundle, inp.context.today)
    return []


def _versions(
    inp: CheckInput, contract: Contract, before: Contract
) -> tuple[str | None, str | None, Location | None]:
    source = inp.params.get("version_source", "info.version")
    if source == "info.version":
        return before.info_version, contract.info_version, Location(contract.path)
    assert inp.base_facts is not None
    head = inp.facts[PACKAGE_VERSION]
    base = inp.base_facts[PACKAGE_VERSION]
    if source == "git-tag":
        return base.latest_tag, head.latest_tag, None
    hp, bp = head.package, base.package
    return (
        bp.version if bp else None,
        hp.version if hp else None,
        Location(hp.source, hp.line) if hp else None,
    )


def breaking_changes(inp: CheckInput) -> Outcome:
    if inp.base_facts is None:
        return Outcome.not_applicable("no base to compare with")
    head = inp.facts[CONTRACTS]
    base = inp.base_facts[CONTRACTS]
    if not head.contracts and not base.contracts:
        return Outcome.not_applicable("no API contract found")
    params = inp.params
    label = params.get("approval_label")
    approved = bool(label) and label in inp.context.labels
    actor = inp.context.label_actors.get(label, "") if label else ""
    additions_mode = params.get("additions", "warning")
    findings: list[Finding] = []
    notes: list[Finding] = []
    errors: list[Finding] = []
    any_breaking = False
    for before in base.contracts:
        contract = head.get(before.path)
        if contract is None:
            if before.kind in ("openapi", "graphql"):
                findings.append(
                    Finding(
                        "contract-removed",
                        {"contract": before.path},
                        Location(before.path),
                        key=f"{before.path}:removed",
                    )
                )
                any_breaking = True
            continue
        if contract.digest == before.digest:
            continue
        if contract.kind not in ("openapi", "graphql") and (
            contract.error is None or before.kind not in ("openapi", "graphql")
        ):  # a contract that no longer loads is still compared: it cannot be, which fails
            continue
        result = _diff(before, contract, inp)
        if isinstance(result, str):
            errors.append(
                Finding(
                    "cannot-compare",
                    {"contract": contract.path, "reason": result},
                    Location(contract.path),
                    key=f"{contract.path}:cannot-compare",
                )
            )
            continue
        breaking = [c for c in result if c.level == "error"]
        additions = [c for c in result if c.addition]
        any_breaking = any_breaking or bool(breaking)
        old_v, new_v, where = _versions(inp, contract, before)
        required = required_bump(old_v, bool(breaking), bool(additions) and additions_mode != "ignore")
        verdict = judge(old_v, new_v, required, bool(params.get("require_semver", True)))
        for change in result:
            if change.level == "info":
                if len(notes) < MAX_NOTES:
                    notes.append(_change_finding(contract.path, change))
            elif change.level == "warning" and verdict.actual == "major":
                notes.append(_change_finding(contract.path, change))  # announced by the major bump
            else:
                findings.append(_change_finding(contract.path, change, approved and change.level == "error"))
        if verdict.problem is not None:
            code = {
                "missing": "missing-major-bump"
                if required == "major"
                else ("missing-minor-bump" if breaking else "addition-without-minor-bump"),
                "decreased": "version-decreased",
                "not-semver": "version-not-semver",
            }[verdict.problem]
            severity = (
                "warning"
                if code == "addition-without-minor-bump" and additions_mode == "warning"
                else "error"
            )
            findings.append(
                Finding(
                    code,
                    {
                        "contract": contract.path,
                        "old": old_v or "none",
                        "new": new_v or "none",
                        "required": required,
                        "source": params.get("version_source", "info.version"),
                        "count": len(breaking) or len(additions),
                    },
                    where,
                    key=f"{contract.path}:{code}",
                    severity="notice" if approved and code != "version-decreased" else severity,
                )
            )
    if any_breaking and params.get("require_changelog", True):
        changelog = inp.facts[CHANGELOG]
        if not new_entries(changelog, inp.base_facts[CHANGELOG]):
            findings.append(
                Finding(
                    "missing-changelog-entry",
                    {"changelog": changelog.path or "CHANGELOG.md"},
                    Location(changelog.path) if changelog.path else None,
                    key="missing-changelog-entry",
                    severity="notice" if approved else "error",
                )
            )
    if errors:  # a contract that cannot be compared may hide any change: fail closed
        return Outcome(State.FAIL, findings=(*errors, *findings), evidence=tuple(notes))
    if approved and any_breaking:
        approval = Finding(
            "approved", {"label": label, "actor": actor or "someone"}, key="approved", severity="notice"
        )
        return Outcome(State.PASS, findings=(approval, *findings, *errors, *notes))
    gates = [f for f in findings if f.code in _GATES and f.severity in ("error", "warning")]
    warnings = [f for f in findings if f.severity == "warning"]
    if gates or warnings:
        return Outcome(State.FAIL, findings=(*findings, *errors), evidence=tuple(notes))
    if not notes and not findings:
        return Outcome.passed(Finding("no-change", {}, key="no-change"))
    return Outcome(State.PASS, findings=(*findings, *errors, *notes))


def _messages() -> dict[str, str]:
    messages = {
        "contract-removed": "contract {contract} was removed",
        "cannot-compare": "{contract}: {reason}",
        "missing-major-bump": "{contract}: {count} breaking change(s) need a major version bump; "
        "{source} went from {old} to {new}",
        "missing-minor-bump": "{contract}: {count} breaking change(s) in a 0.y.z version need a minor "
        "bump; {source} went from {old} to {new}",
        "addition-without-minor-bump": "{contract}: {count} addition(s) without a minor version bump "
        "({source}: {old} -> {new})",
        "version-decreased": "{contract}: the version went down ({source}: {old} -> {new})",
        "version-not-semver": "{contract}: version {new} (or {old}) is not semantic versioning ({source})",
        "missing-changelog-entry": "{changelog} has no new entry under Unreleased or the new version for "
        "the breaking change(s)",
        "approved": "breaking changes approved by the '{label}' label (added by {actor})",
        "no-change": "no contract changed in a way that matters to clients",
    }
    for rule in RULES.values():
        text = rule.message if "{operation}" in rule.message else "{operation}: " + rule.message
        messages[rule.id] = text + " [{contract}#{pointer}]"
    for rule_id in graphql_rule_ids():
        messages[rule_id] = "{description} [{contract}]"
    return messages


BREAKING_CHANGES = CheckType(
    id="contracts.breaking-changes",
    summary="API contract changes since the base are classified; breaking ones need a major bump and "
    "a changelog entry (or an approval label).",
    why="Consumers trust an API that never breaks without warning. A breaking change is fine when it "
    "is intended, versioned and announced; the check makes sure all three happen together.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            **CONTRACT_PARAMS,
            "version_source": {
                "enum": ["info.version", "package", "git-tag"],
                "default": "info.version",
                "description": "where the contract's version is read",
            },
            "require_semver": {
                "type": "boolean",
                "default": True,
                "description": "report a version that is not semantic versioning",
            },
            "require_changelog": {
                "type": "boolean",
                "default": True,
                "description": "breaking changes need a new changelog entry",
            },
            "additions": {
                "enum": ["warning", "error", "ignore"],
                "default": "warning",
                "description": "how to treat additions without a minor version bump",
            },
            "approval_label": {
                "type": "string",
                "minLength": 1,
                "description": "a pull-request label that approves intended breaking changes",
            },
        },
    },
    run=breaking_changes,
    needs=_needs,
    uses_base=True,
    requires_base=True,
    messages=_messages(),
    remediation="Make the change backwards compatible (add instead of remove or rename, keep old fields "
    "until a sunset date), or bump the major version, add an entry under Unreleased in the "
    "changelog, and label the pull request as an approved breaking change.",
    examples=examples.BREAKING_CHANGES,
)

"""codeowners.present-and-valid and codeowners.catch-all: is there a file GitHub reads, and a default."""

from __future__ import annotations

from platform_lint.families.check_type import CheckInput, CheckType
from platform_lint.families.codeowners import examples
from platform_lint.families.codeowners.checks_common import (
    NEEDS,
    facts_of,
    file_location,
    not_loaded,
    owner_location,
    pattern_keys,
    rule_location,
)
from platform_lint.families.codeowners.model import LOCATIONS
from platform_lint.families.codeowners.parse import PROBLEM_TEXTS
from platform_lint.model import Finding, Location, Outcome, State

# -- present-and-valid ---------------------------------------------------------------


def present_and_valid(inp: CheckInput) -> Outcome:
    facts = facts_of(inp)
    if facts.path is None:
        if inp.params.get("missing", "fail") == "not-applicable":
            return Outcome.not_applicable(f"there is no CODEOWNERS file ({', '.join(LOCATIONS)})")
        return Outcome.failed(Finding("missing", {"locations": list(LOCATIONS)}, key="missing"))
    findings: list[Finding] = [
        Finding("ignored", {"path": p, "used": facts.path}, Location(p), key=f"ignored:{p}")
        for p in facts.ignored
    ]
    if facts.problem == "too-large":
        findings.insert(
            0,
            Finding(
                "too-large", {"path": facts.path, "size": facts.size}, file_location(facts), key="too-large"
            ),
        )
        return Outcome.failed(*findings)
    if facts.parsed is None:
        findings.insert(
            0,
            Finding(
                "unreadable",
                {"path": facts.path, "problem": facts.problem},
                file_location(facts),
                key="unreadable",
            ),
        )
        return Outcome.failed(*findings)
    path = facts.path
    for problem in facts.parsed.problems:
        findings.append(
            Finding(
                problem.code,
                {"token": problem.token, "line": problem.line},
                Location(
                    path,
                    problem.line,
                    problem.column,
                    problem.line,
                    problem.column + max(1, len(problem.token)),
                    snippet=problem.source.strip()[:200],
                ),
                key=f"{problem.code}:{problem.source.strip()}",
            )
        )
    if not facts.rules:
        findings.append(Finding("empty", {"path": path}, file_location(facts), key="empty"))
    keys = pattern_keys(facts.rules)
    fail_no_owner = inp.params.get("no_owner_lines", "notice") == "fail"
    notes: list[Finding] = []
    for rule in facts.rules:
        if not rule.owners:
            finding = Finding(
                "no-owners",
                {"pattern": rule.pattern},
                rule_location(facts, rule),
                key=f"no-owners:{keys[rule.index]}",
                severity=None if fail_no_owner else "notice",
            )
            (findings if fail_no_owner else notes).append(finding)
    evidence = Finding(
        "valid",
        {"path": path, "rules": len(facts.rules), "skipped": len(facts.parsed.skipped_lines)},
        file_location(facts),
        key="valid",
    )
    if findings:
        return Outcome.failed(*findings, evidence=(evidence, *notes))
    return Outcome(State.PASS, findings=tuple(notes), evidence=(evidence,))


PRESENT_AND_VALID = CheckType(
    id="codeowners.present-and-valid",
    summary="A CODEOWNERS file exists where GitHub looks, is loaded, and every line is valid.",
    why="GitHub reads the first of .github/CODEOWNERS, CODEOWNERS and docs/CODEOWNERS and ignores the "
    "others; it skips a file of 3 MB or more entirely and skips every invalid line ('!' negation, "
    "'[ ]' ranges, '\\#', owners joined by commas). The only sign is a banner in the web UI, so "
    "review requests silently stop reaching anyone.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "no_owner_lines": {
                "enum": ["notice", "fail"],
                "default": "notice",
                "description": "a pattern without owners un-owns its files: show it as a "
                "notice (default) or fail",
            },
            "missing": {
                "enum": ["fail", "not-applicable"],
                "default": "fail",
                "description": "without a CODEOWNERS file: fail (default), or not applicable when "
                "another rule judges whether there is one",
            },
        },
    },
    run=present_and_valid,
    needs=NEEDS,
    messages={
        "missing": "no CODEOWNERS file in any of {locations}",
        "too-large": "{path} is {size} bytes: GitHub does not load a CODEOWNERS file of 3 MB or more",
        "unreadable": "{path} cannot be read ({problem})",
        "ignored": "{path} is ignored: GitHub only reads {used}",
        "empty": "{path} has no rules",
        "no-owners": "'{pattern}' has no owners: the files it matches are left without an owner",
        "valid": "{path}: {rules} rules, {skipped} invalid lines",
        **{code: f"'{{token}}': {text}" for code, text in PROBLEM_TEXTS.items()},
    },
    remediation="Keep one CODEOWNERS file (in .github/), under 3 MB, and rewrite each invalid line: list "
    "the paths a negation or range meant, one per line; separate owners with spaces; write "
    "owners as @user, @org/team or an e-mail address.",
    examples=examples.PRESENT_AND_VALID,
)


# -- catch-all -------------------------------------------------------------------------


def catch_all(inp: CheckInput) -> Outcome:
    facts = facts_of(inp)
    na = not_loaded(facts)
    if na is not None:
        return na
    keys = pattern_keys(facts.rules)
    found = [r for r in facts.rules if facts.compiled[r.index].is_catch_all]
    findings: list[Finding] = []
    if not found:
        if inp.params.get("require", True):
            findings.append(Finding("missing", {"path": facts.path}, file_location(facts), key="missing"))
        return Outcome.from_findings(findings)
    for rule in found:
        if rule.index > 0:
            findings.append(
                Finding(
                    "not-first",
                    {"pattern": rule.pattern, "overridden": rule.index},
                    rule_location(facts, rule),
                    key=f"not-first:{keys[rule.index]}",
                )
            )
        if not rule.owners and inp.params.get("require_owners", True):
            findings.append(
                Finding(
                    "no-owners",
                    {"pattern": rule.pattern},
                    rule_location(facts, rule),
                    key=f"no-owners:{keys[rule.index]}",
                )
            )
    evidence = [
        Finding(
            "found",
            {"pattern": r.pattern, "owners": [o.text for o in r.owners]},
            owner_location(facts, r, r.owners[0]) if r.owners else rule_location(facts, r),
            key=f"found:{keys[r.index]}",
        )
        for r in found
    ]
    return Outcome.from_findings(findings, *evidence)


CATCH_ALL = CheckType(
    id="codeowners.catch-all",
    summary="A catch-all rule ('*') gives every file a default owner, and it is the first rule.",
    why="The last matching line wins. A '*' placed first gives files no other rule covers a default "
    "owner; placed anywhere else it silently overrides every rule above it, so those owners are "
    "never asked to review.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "require": {
                "type": "boolean",
                "default": True,
                "description": "fail when there is no catch-all rule at all",
            },
            "require_owners": {
                "type": "boolean",
                "default": True,
                "description": "fail when the catch-all names no owner",
            },
        },
    },
    run=catch_all,
    needs=NEEDS,
    messages={
        "missing": "{path} has no catch-all rule ('*'): files outside every pattern have no owner",
        "not-first": "'{pattern}' is not the first rule: the last match wins, so it overrides the "
        "{overridden} rules above it",
        "no-owners": "the catch-all '{pattern}' names no owner",
        "found": "catch-all '{pattern}' owned by {owners}",
    },
    remediation="Put '* @org/default-team' on the first rule line, then the more specific rules below "
    "it; delete any other catch-all further down.",
    examples=examples.CATCH_ALL,
    lifecycle="stable",
)

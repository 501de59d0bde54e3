"""codeowners.names-owners: the CODEOWNERS file GitHub reads names someone, by its content."""

from __future__ import annotations

from typing import Any

from platform_lint.families.check_type import CheckInput, CheckType
from platform_lint.families.codeowners import examples
from platform_lint.families.codeowners.checks_common import NEEDS, facts_of, file_location
from platform_lint.families.codeowners.model import LOCATIONS
from platform_lint.model import Finding, Outcome


def names_owners(inp: CheckInput) -> Outcome:
    facts = facts_of(inp)
    if facts.path is None:
        return Outcome.failed(Finding("missing", {"locations": list(LOCATIONS)}, key="missing"))
    if facts.parsed is None:
        args: dict[str, Any] = {"path": facts.path, "problem": facts.problem or "unreadable"}
        return Outcome.failed(Finding("not-loaded", args, file_location(facts), key="not-loaded"))
    owned = [rule for rule in facts.rules if rule.owners]
    if not owned:
        args = {"path": facts.path, "rules": len(facts.rules)}
        return Outcome.failed(Finding("nobody", args, file_location(facts), key="nobody"))
    owners = sorted({o.text for rule in owned for o in rule.owners})
    args = {"path": facts.path, "rules": len(owned), "owners": owners[:5], "count": len(owners)}
    return Outcome.passed(Finding("names", args, file_location(facts), key="names"))


NAMES_OWNERS = CheckType(
    id="codeowners.names-owners",
    summary="The CODEOWNERS file GitHub reads (.github/, the root, then docs/) names at least one "
    "owner in a rule it loads.",
    why="A CODEOWNERS file only routes reviews when GitHub loads it and a rule names an owner: an "
    "empty file, one of comments, one GitHub does not load (3 MB or more) or one whose rules name "
    "nobody exists by name and requests no review. Whether every line is valid and how much of "
    "the tree it covers are judged by codeowners.present-and-valid and codeowners.coverage.",
    params_schema={"type": "object", "additionalProperties": False, "properties": {}},
    run=names_owners,
    needs=NEEDS,
    messages={
        "names": "{path} names owners: {owners} ({count} in all, in {rules} of its rules)",
        "missing": "no CODEOWNERS file in any of {locations}",
        "not-loaded": "{path} is not loaded by GitHub ({problem})",
        "nobody": "{path} names no owner: {rules} rules, none with an owner",
    },
    remediation="Add .github/CODEOWNERS with at least a catch-all rule naming the team that reviews "
    "('* @org/team'), then a line per area that another team owns.",
    examples=examples.NAMES_OWNERS,
)

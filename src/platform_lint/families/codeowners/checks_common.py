"""Shared helpers of the codeowners check types: facts access, locations, stable keys."""

from __future__ import annotations

from collections.abc import Iterable

from platform_lint.families.check_type import CheckInput
from platform_lint.families.codeowners.facts import CODEOWNERS
from platform_lint.families.codeowners.model import CodeownersFacts
from platform_lint.families.codeowners.parse import Owner, Rule
from platform_lint.model import Location, Outcome

NEEDS = (CODEOWNERS,)


def facts_of(inp: CheckInput) -> CodeownersFacts:
    return inp.facts[CODEOWNERS]


def not_loaded(facts: CodeownersFacts) -> Outcome | None:
    """NOT_APPLICABLE when there is no loaded CODEOWNERS file (present-and-valid reports why)."""
    if facts.path is None:
        return Outcome.not_applicable("there is no CODEOWNERS file (see codeowners.present-and-valid)")
    if facts.parsed is None:
        return Outcome.not_applicable(
            f"{facts.path} is not loaded ({facts.problem}); see codeowners.present-and-valid"
        )
    return None


def rule_location(facts: CodeownersFacts, rule: Rule) -> Location:
    return Location(
        facts.path or "CODEOWNERS",
        rule.line,
        rule.column,
        rule.line,
        rule.end_column,
        snippet=rule.source.strip()[:200],
    )


def owner_location(facts: CodeownersFacts, rule: Rule, owner: Owner) -> Location:
    return Location(
        facts.path or "CODEOWNERS",
        rule.line,
        owner.column,
        rule.line,
        owner.column + len(owner.text),
        snippet=rule.source.strip()[:200],
    )


def file_location(facts: CodeownersFacts) -> Location:
    return Location(facts.path or ".github/CODEOWNERS")


def pattern_keys(rules: Iterable[Rule]) -> dict[int, str]:
    """A stable key per rule: its pattern text, with ``#2``, ``#3`` for repeats (never a line number)."""
    seen: dict[str, int] = {}
    out: dict[int, str] = {}
    for rule in rules:
        n = seen.get(rule.pattern, 0) + 1
        seen[rule.pattern] = n
        out[rule.index] = rule.pattern if n == 1 else f"{rule.pattern}#{n}"
    return out


def describe_rule(rule: Rule) -> str:
    return f"line {rule.line} '{rule.pattern}'"

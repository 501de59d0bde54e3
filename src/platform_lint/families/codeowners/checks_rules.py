"""Check types about individual rules: dead, shadowed, duplicated, owned by people."""

from __future__ import annotations

import difflib
from collections import defaultdict

from platform_lint.families.check_type import CheckInput, CheckType
from platform_lint.families.codeowners import examples
from platform_lint.families.codeowners.checks_common import (
    NEEDS,
    describe_rule,
    facts_of,
    not_loaded,
    owner_location,
    pattern_keys,
    rule_location,
)
from platform_lint.families.codeowners.parse import Rule
from platform_lint.families.codeowners.pattern import CompiledPattern
from platform_lint.model import Finding, Outcome

_PATTERNS = {"type": "array", "items": {"type": "string", "minLength": 1}, "uniqueItems": True}


def _normal_form(p: CompiledPattern) -> tuple[object, ...]:
    """Patterns with the same meaning share a form (``/a/b`` = ``a/b``, ``a/**`` = ``a/``)."""
    return (p.anchored, p.dir_only, p.descend, p.never, tuple(s.source for s in p.segments))


# -- dead-patterns ---------------------------------------------------------------------


class _Tree:
    """Directory listing built from the file list, for "did you mean" suggestions."""

    def __init__(self, files: tuple[str, ...]) -> None:
        self.children: dict[str, set[str]] = defaultdict(set)
        for path in files:
            parts = path.split("/")
            for i in range(len(parts)):
                self.children["/".join(parts[:i])].add(parts[i])

    def suggest(self, pattern: CompiledPattern) -> str | None:
        if not pattern.anchored or any(s.literal is None for s in pattern.segments):
            return None
        current = ""
        fixed: list[str] = []
        changed = False
        for seg in pattern.segments:
            assert seg.literal is not None
            names = self.children.get(current, set())
            name = seg.literal
            if name not in names:
                close = difflib.get_close_matches(name, sorted(names), n=1, cutoff=0.6)
                if not close:
                    return None
                name, changed = close[0], True
            fixed.append(name)
            current = "/".join(fixed)
        if not changed:
            return None
        lead = "/" if pattern.text.startswith("/") else ""
        tail = "/" if pattern.text.endswith("/") else ""
        return lead + current + tail


def dead_patterns(inp: CheckInput) -> Outcome:
    facts = facts_of(inp)
    na = not_loaded(facts)
    if na is not None:
        return na
    allowed = set(inp.params.get("ignore", []))
    keys = pattern_keys(facts.rules)
    tree: _Tree | None = None
    findings: list[Finding] = []
    for rule, stats in zip(facts.rules, facts.stats, strict=True):
        if stats.matched or rule.pattern in allowed:
            continue
        if tree is None:
            tree = _Tree(facts.files)
        suggestion = tree.suggest(facts.compiled[rule.index])
        code = "dead-suggest" if suggestion else "dead"
        findings.append(
            Finding(
                code,
                {"pattern": rule.pattern, "suggestion": suggestion},
                rule_location(facts, rule),
                key=f"dead:{keys[rule.index]}",
            )
        )
    return Outcome.from_findings(findings)


DEAD_PATTERNS = CheckType(
    id="codeowners.dead-patterns",
    summary="Every CODEOWNERS pattern matches at least one tracked file.",
    why="A pattern that matches nothing is a directory that moved or a typo: its owners believe they "
    "review code that in fact reaches nobody, or someone else.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "ignore": {**_PATTERNS, "description": "patterns allowed to match nothing (exactly as written)"}
        },
    },
    run=dead_patterns,
    needs=NEEDS,
    messages={
        "dead": "'{pattern}' matches no file",
        "dead-suggest": "'{pattern}' matches no file; did you mean '{suggestion}'?",
    },
    remediation="Point the pattern at the path that exists now, or delete the line.",
    examples=examples.DEAD_PATTERNS,
)


# -- shadowed-rules --------------------------------------------------------------------


def shadowed_rules(inp: CheckInput) -> Outcome:
    facts = facts_of(inp)
    na = not_loaded(facts)
    if na is not None:
        return na
    keys = pattern_keys(facts.rules)
    forms = [_normal_form(p) for p in facts.compiled]
    last_of_form = {form: i for i, form in enumerate(forms)}
    include_duplicates = bool(inp.params.get("include_duplicates", False))
    findings: list[Finding] = []
    for rule, stats in zip(facts.rules, facts.stats, strict=True):
        if not stats.matched or stats.decided or not stats.shadowed_by:
            continue
        if not include_duplicates and last_of_form[forms[rule.index]] != rule.index:
            continue  # an earlier copy of a later pattern: codeowners.duplicate-patterns says so
        later = [facts.rules[i] for i in stats.shadowed_by]
        findings.append(
            Finding(
                "shadowed",
                {
                    "pattern": rule.pattern,
                    "later": [describe_rule(r) for r in later],
                    "later_lines": [r.line for r in later],
                },
                rule_location(facts, rule),
                key=f"shadowed:{keys[rule.index]}",
            )
        )
    return Outcome.from_findings(findings)


SHADOWED_RULES = CheckType(
    id="codeowners.shadowed-rules",
    summary="No rule is fully shadowed: each one decides the owners of at least one file.",
    why="GitHub uses only the last matching line for each file. A rule whose every file is matched "
    "again further down never decides anything, typically because a broader pattern (often a "
    "catch-all) was added below it.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "include_duplicates": {
                "type": "boolean",
                "default": False,
                "description": "also report earlier copies of a repeated pattern "
                "(codeowners.duplicate-patterns reports them by default)",
            }
        },
    },
    run=shadowed_rules,
    needs=NEEDS,
    messages={
        "shadowed": "'{pattern}' never decides ownership: every file it matches is matched again "
        "by a later rule ({later})"
    },
    remediation="Move the specific rule below the broader one that overrides it (order rules from "
    "general to specific), or merge the owners into the later rule.",
    examples=examples.SHADOWED_RULES,
)


# -- duplicate-patterns ----------------------------------------------------------------


def duplicate_patterns(inp: CheckInput) -> Outcome:
    facts = facts_of(inp)
    na = not_loaded(facts)
    if na is not None:
        return na
    keys = pattern_keys(facts.rules)
    groups: dict[tuple[object, ...], list[Rule]] = defaultdict(list)
    for rule in facts.rules:
        groups[_normal_form(facts.compiled[rule.index])].append(rule)
    findings: list[Finding] = []
    for rules in groups.values():
        if len(rules) < 2:
            continue
        last = rules[-1]
        kept = {o.text.lower() for o in last.owners}
        for rule in rules[:-1]:
            lost = [o.text for o in rule.owners if o.text.lower() not in kept]
            findings.append(
                Finding(
                    "duplicate-lost" if lost else "duplicate",
                    {
                        "pattern": rule.pattern,
                        "later_line": last.line,
                        "later_pattern": last.pattern,
                        "lost": lost,
                    },
                    rule_location(facts, rule),
                    key=f"duplicate:{keys[rule.index]}",
                )
            )
    findings.sort(key=lambda f: f.location.line if f.location and f.location.line else 0)
    return Outcome.from_findings(findings)


DUPLICATE_PATTERNS = CheckType(
    id="codeowners.duplicate-patterns",
    summary="No pattern appears twice (also in equivalent spellings such as '/a/b' and 'a/b').",
    why="Owners of repeated patterns are not merged: only the last line counts, so whoever is listed "
    "only on the earlier line is silently dropped.",
    params_schema={"type": "object", "additionalProperties": False, "properties": {}},
    run=duplicate_patterns,
    needs=NEEDS,
    messages={
        "duplicate": "'{pattern}' is repeated on line {later_line} ('{later_pattern}'); only "
        "that line counts",
        "duplicate-lost": "'{pattern}' is repeated on line {later_line} ('{later_pattern}'), which "
        "wins: owners listed only here ({lost}) are never asked to review",
    },
    remediation="Keep one line per pattern and list all its owners on it.",
    examples=examples.DUPLICATE_PATTERNS,
)


# -- team-owners-only ------------------------------------------------------------------


def team_owners_only(inp: CheckInput) -> Outcome:
    facts = facts_of(inp)
    na = not_loaded(facts)
    if na is not None:
        return na
    allowed = {a.lower() for a in inp.params.get("allow", [])}
    keys = pattern_keys(facts.rules)
    findings: list[Finding] = []
    for rule in facts.rules:
        for owner in rule.owners:
            if owner.kind == "team" or owner.text.lower() in allowed:
                continue
            findings.append(
                Finding(
                    "individual",
                    {"owner": owner.text, "kind": owner.kind, "pattern": rule.pattern},
                    owner_location(facts, rule, owner),
                    key=f"individual:{owner.text.lower()}:{keys[rule.index]}",
                )
            )
    return Outcome.from_findings(findings)


TEAM_OWNERS_ONLY = CheckType(
    id="codeowners.team-owners-only",
    summary="Owners are teams (@org/team), not individual people, except those allowed.",
    why="A person changes role, goes on leave or leaves; a team persists and spreads the review load. "
    "Individual owners are how orphaned code starts.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {"allow": {**_PATTERNS, "description": "owners allowed anyway (e.g. a bot account)"}},
    },
    run=team_owners_only,
    needs=NEEDS,
    messages={"individual": "'{owner}' owns '{pattern}' as an individual ({kind}); use a team"},
    remediation="Replace the person with the team they review for (create one in the organisation if "
    "needed and give it write access).",
    examples=examples.TEAM_OWNERS_ONLY,
)

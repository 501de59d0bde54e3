"""codeowners.owners-valid: GitHub's own errors, and owners that exist and can approve."""

from __future__ import annotations

from platform_lint.families.check_type import CheckInput, CheckType
from platform_lint.families.codeowners import examples
from platform_lint.families.codeowners.checks_common import facts_of, not_loaded, owner_location, pattern_keys
from platform_lint.families.codeowners.facts import CODEOWNERS, CODEOWNERS_GITHUB
from platform_lint.model import Finding, Location, Outcome

BAD = ("no-write", "no-access", "missing", "not-collaborator")
MAX_FINDINGS = 200


def owners_valid(inp: CheckInput) -> Outcome:
    gh = inp.facts[CODEOWNERS_GITHUB]
    if not gh.available:
        return Outcome.not_applicable(gh.reason or "GitHub is not available")
    facts = facts_of(inp)
    na = not_loaded(facts)
    if na is not None:
        return na
    path = facts.path or ".github/CODEOWNERS"
    findings: list[Finding] = []
    for error in gh.errors:
        findings.append(
            Finding(
                "github-error",
                {"kind": error.kind, "message": error.message, "suggestion": error.suggestion},
                Location(error.path or path, error.line, error.column, snippet=error.source[:200] or None),
                key=f"github:{error.kind}:{error.source.strip()}",
            )
        )
    keys = pattern_keys(facts.rules)
    unknown: dict[str, list[str]] = {}  # GitHub's answer -> the owners it was given for
    ok = 0
    for check in gh.owners:
        if check.status == "unknown":
            unknown.setdefault(check.detail, []).append(check.owner)
        elif check.status == "ok":
            ok += 1
    left_out: Finding | None = None
    left_out_count = sum(1 for check in gh.owners if check.status == "not-checked")
    for rule in facts.rules:
        for owner in rule.owners:
            verdict = gh.owner(owner.text)
            if verdict is not None and verdict.status == "not-checked" and left_out is None:
                left_out = Finding(
                    "not-checked",
                    {"count": left_out_count, "limit": gh.lookup_limit, "first": owner.text},
                    owner_location(facts, rule, owner),
                    key="not-checked",
                )
            if verdict is None or verdict.status not in BAD or len(findings) >= MAX_FINDINGS:
                continue
            findings.append(
                Finding(
                    verdict.status,
                    {
                        "owner": owner.text,
                        "pattern": rule.pattern,
                        "detail": verdict.detail,
                        "permission": verdict.permission,
                    },
                    owner_location(facts, rule, owner),
                    key=f"{verdict.status}:{owner.text.lower()}:{keys[rule.index]}",
                )
            )
    if left_out is not None:  # too many owners to ask about is the file's doing: a finding, never a pass
        findings.append(left_out)
    evidence = Finding("checked", {"count": len(gh.owners), "ok": ok}, Location(path), key="checked")
    if findings:
        return Outcome.failed(*findings, evidence=(evidence,))
    if unknown or gh.errors_problem:
        reasons = [gh.errors_problem] if gh.errors_problem else []
        if unknown:
            count = sum(len(owners) for owners in unknown.values())
            reasons.append(f"GitHub did not say whether {count} owner(s) can review: " + _grouped(unknown))
        return Outcome.error("; ".join(reasons))
    return Outcome.passed(evidence)


def _grouped(unknown: dict[str, list[str]], shown: int = 5) -> str:
    """``HTTP 503 (3 owners: @a, @b, @c); ...``: each answer once, with a few of its owners."""
    parts = []
    for detail, owners in list(unknown.items())[:5]:
        more = f", and {len(owners) - shown} more" if len(owners) > shown else ""
        parts.append(f"{detail} ({len(owners)}: {', '.join(owners[:shown])}{more})")
    if len(unknown) > 5:
        parts.append(f"and {len(unknown) - 5} other answers")
    return "; ".join(parts)


OWNERS_VALID = CheckType(
    id="codeowners.owners-valid",
    summary="GitHub finds no error in CODEOWNERS, and every team and user owner can approve "
    "(write, maintain or admin).",
    why="GitHub ignores an owner that does not exist or lacks write access, with no warning outside "
    "its web UI: the rule then requests nobody. This asks GitHub itself (its CODEOWNERS errors for "
    "the commit, each team's and user's permission). Without a token the rule is not applicable, "
    "never passed. Each owner is asked about once per run, and at most --max-owner-lookups owners "
    "(200 by default) one by one: the owners past that are a finding, never passed.",
    params_schema={"type": "object", "additionalProperties": False, "properties": {}},
    run=owners_valid,
    needs=(CODEOWNERS, CODEOWNERS_GITHUB),
    messages={
        "github-error": "GitHub: {kind}: {message}",
        "no-write": "{owner} cannot approve ({detail}): code owners need write access",
        "no-access": "{owner} has no access to the repository: GitHub ignores it as an owner",
        "missing": "{owner}: {detail}",
        "not-collaborator": "{owner} is {detail}: GitHub ignores it as an owner",
        "not-checked": "{count} owners were not checked against GitHub, from {first} on: a run asks "
        "about at most {limit} owners one by one (raise --max-owner-lookups to check more)",
        "checked": "{ok} of {count} owners can review",
    },
    remediation="Give each owning team write access to the repository (Settings → Collaborators and "
    "teams), fix misspelled team slugs and user names, and resolve each error GitHub lists.",
    examples=examples.OWNERS_VALID,
)

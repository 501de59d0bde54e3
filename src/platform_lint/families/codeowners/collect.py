"""Collectors of the codeowners family: the CODEOWNERS file, ownership of every file, GitHub's view.

``codeowners`` locates the file as GitHub does, parses it and resolves the owner of
every tracked file. ``codeowners-github`` asks GitHub (through the run's
``OWNER_LOOKUPS``, or its ``OWNERS_API`` client, when it has one) for its own verdict on
the file and whether each team and user can review.
"""

from __future__ import annotations

from typing import Any

from platform_lint.errors import EnvironmentFailure
from platform_lint.families.codeowners.api import OWNERS_API
from platform_lint.families.codeowners.lookups import OWNER_LOOKUPS, OwnerLookups
from platform_lint.families.codeowners.matcher import OwnershipIndex
from platform_lint.families.codeowners.model import (
    LOCATIONS,
    MAX_BYTES,
    CodeownersFacts,
    GitHubOwnersFacts,
    RuleStats,
)
from platform_lint.families.codeowners.parse import Owner, parse
from platform_lint.families.codeowners.pattern import compile_pattern
from platform_lint.families.collector import CollectEnv, content_failure
from platform_lint.snapshot.base import RepoSnapshot


def load_codeowners(snapshot: RepoSnapshot) -> CodeownersFacts:
    """Locate and parse the CODEOWNERS file (no ownership yet)."""
    found = tuple(p for p in LOCATIONS if snapshot.exists(p))
    if not found:
        return CodeownersFacts(None, files=snapshot.files())
    path = found[0]
    size = snapshot.size(path)
    if size is not None and size >= MAX_BYTES:
        return CodeownersFacts(path, found, size, "too-large", files=snapshot.files())
    content = snapshot.read(path, max_bytes=MAX_BYTES)
    if content.text is None:
        return CodeownersFacts(path, found, size, content.problem or "unreadable", files=snapshot.files())
    try:
        parsed = parse(content.text)
        compiled = tuple(compile_pattern(rule.pattern) for rule in parsed.rules)
    except EnvironmentFailure:
        raise
    except Exception as exc:  # the file is the problem: a fact about it, the checks report it
        return CodeownersFacts(path, found, size, content_failure(exc), files=snapshot.files())
    return CodeownersFacts(path, found, size, None, parsed, compiled, snapshot.files())


def collect_codeowners(snapshot: RepoSnapshot, env: CollectEnv, args: tuple[Any, ...]) -> CodeownersFacts:
    facts = load_codeowners(snapshot)
    if facts.parsed is None:
        return facts
    resolution = OwnershipIndex(facts.compiled).resolve(facts.files)
    stats = tuple(
        RuleStats(m, d, s)
        for m, d, s in zip(resolution.matched, resolution.decided, resolution.shadowed_by, strict=True)
    )
    return CodeownersFacts(
        facts.path,
        facts.found,
        facts.size,
        None,
        facts.parsed,
        facts.compiled,
        facts.files,
        resolution.winners,
        stats,
    )


def distinct_owners(facts: CodeownersFacts) -> list[Owner]:
    """Each owner once (case-insensitive, as GitHub compares them), first occurrence kept."""
    seen: dict[str, Owner] = {}
    for rule in facts.rules:
        for owner in rule.owners:
            seen.setdefault(owner.text.lower(), owner)
    return list(seen.values())


def collect_codeowners_github(
    snapshot: RepoSnapshot, env: CollectEnv, args: tuple[Any, ...]
) -> GitHubOwnersFacts:
    lookups = env.client(OWNER_LOOKUPS)
    api = env.client(OWNERS_API)
    if lookups is None and api is not None:
        lookups = OwnerLookups(api)  # no run-wide answers given: this collection's own
    if lookups is None:
        return GitHubOwnersFacts(
            False,
            "no GitHub token: owners cannot be checked against GitHub "
            "(set GITHUB_TOKEN, or run in GitHub Actions)",
        )
    if not env.repo_full_name:
        return GitHubOwnersFacts(
            False, "the GitHub repository is not known (run in GitHub Actions or give the repository)"
        )
    facts = load_codeowners(snapshot)
    if facts.parsed is None:
        return GitHubOwnersFacts(
            False, "no CODEOWNERS file is loaded, so there are no owners to check", path=facts.path
        )
    return lookups.facts(env.repo_full_name, env.ref, facts.path, distinct_owners(facts))

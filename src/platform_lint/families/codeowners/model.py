"""What the CODEOWNERS collectors produce, and where GitHub looks (frozen, no I/O)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from platform_lint.families.codeowners.matcher import OwnershipIndex
from platform_lint.families.codeowners.parse import ParsedCodeowners, Rule
from platform_lint.families.codeowners.pattern import CompiledPattern

LOCATIONS: tuple[str, ...] = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")
"""Where GitHub looks, in order; the first one found is the only one used."""

MAX_BYTES = 3 * 1024 * 1024
"""GitHub does not load a CODEOWNERS file of 3 MB or more."""


@dataclass(frozen=True)
class RuleStats:
    """How one rule fared over the tracked files.

    ``matched``: it matches at least one file; ``decided``: files whose owners it
    sets (it is the last match); ``shadowed_by``: for a rule that matches files but
    decides none, the later rules (indices) that take them.
    """

    matched: bool
    decided: int
    shadowed_by: tuple[int, ...] = ()


@dataclass(frozen=True)
class CodeownersFacts:
    """The CODEOWNERS file GitHub would use and the ownership of every tracked file.

    ``path`` is None when there is none. ``found`` lists every location present, in
    GitHub's order. ``problem`` says why the file was not loaded (``too-large``,
    ``binary``, ``unreadable``); ``parsed`` is then None. ``winners[i]`` is the
    index of the rule deciding ``files[i]`` or -1.
    """

    path: str | None
    found: tuple[str, ...] = ()
    size: int | None = None
    problem: str | None = None
    parsed: ParsedCodeowners | None = None
    compiled: tuple[CompiledPattern, ...] = ()
    files: tuple[str, ...] = ()
    winners: tuple[int, ...] = ()
    stats: tuple[RuleStats, ...] = ()

    @property
    def ignored(self) -> tuple[str, ...]:
        return self.found[1:]

    @property
    def rules(self) -> tuple[Rule, ...]:
        return self.parsed.rules if self.parsed is not None else ()

    @property
    def loaded(self) -> bool:
        return self.parsed is not None

    @functools.cached_property
    def _winner_by_path(self) -> dict[str, int]:
        return dict(zip(self.files, self.winners, strict=True))

    @functools.cached_property
    def _index(self) -> OwnershipIndex:
        return OwnershipIndex(self.compiled)

    def rule_for(self, path: str) -> Rule | None:
        """The rule deciding ``path`` (tracked or not), or None when no rule matches."""
        winner = self._winner_by_path.get(path)
        if winner is None:
            winner = self._index.resolve([path]).winners[0] if self.compiled else -1
        return self.rules[winner] if winner >= 0 else None


@dataclass(frozen=True)
class OwnerCheck:
    """GitHub's answer for one distinct owner.

    ``status``: ``ok``; ``no-write`` (exists, but cannot approve: read or triage
    only); ``no-access`` (a team without access to the repository); ``missing``
    (no such team, or not visible to the token); ``not-collaborator`` (a user who is
    not a collaborator); ``unknown`` (GitHub would not say, e.g. 403); ``unchecked``
    (e-mail addresses: GitHub resolves them to accounts itself); ``not-checked`` (not
    asked: the run's limit of owner look-ups was reached).
    """

    owner: str
    kind: str
    status: str
    permission: str | None = None
    detail: str = ""


@dataclass(frozen=True)
class GitHubCodeownersError:
    """One entry of GitHub's CODEOWNERS errors endpoint (its own verdict on the file)."""

    line: int | None
    column: int | None
    kind: str
    message: str
    source: str = ""
    suggestion: str | None = None
    path: str | None = None


@dataclass(frozen=True)
class GitHubOwnersFacts:
    """What GitHub says about the CODEOWNERS file and its owners.

    ``available`` is False without a token or repository (``reason`` says which);
    ``errors_problem`` / ``problem`` say why part of the answer is missing.
    """

    available: bool
    reason: str | None = None
    path: str | None = None
    errors: tuple[GitHubCodeownersError, ...] = ()
    errors_problem: str | None = None
    owners: tuple[OwnerCheck, ...] = ()
    problem: str | None = None
    lookup_limit: int | None = None
    """The most owners the run asks about one by one (those past it are ``not-checked``)."""

    @functools.cached_property
    def _by_owner(self) -> dict[str, OwnerCheck]:
        by_owner: dict[str, OwnerCheck] = {}
        for check in self.owners:
            by_owner.setdefault(check.owner.lower(), check)
        return by_owner

    def owner(self, text: str) -> OwnerCheck | None:
        return self._by_owner.get(text.lower())

"""GitHub's answers about code owners for one run, asked sparingly.

The CODEOWNERS file belongs to the repository under check, so a pull request decides how
many owners it names; each one asked about costs GitHub requests, and an Actions token has
about 1,000 an hour for the repository. :class:`OwnerLookups` keeps the cost bounded:

- each distinct owner (compared without case, as GitHub does) is asked about at most once
  per run: the head and the base of a pull request share the answers;
- GitHub's CODEOWNERS errors are asked once per commit;
- at most ``limit`` owners are asked about one by one (``--max-owner-lookups``, default
  :data:`DEFAULT_MAX_LOOKUPS`); the owners past it get the status ``not-checked``, which
  ``codeowners.owners-valid`` reports as a finding, never as a pass.

The limit is the command line's to set, not the policy's: the policy may come from the
pull request too.
"""

from __future__ import annotations

from collections.abc import Iterable

from platform_lint.families.codeowners.api import OwnersApi, OwnersApiError
from platform_lint.families.codeowners.model import GitHubCodeownersError, GitHubOwnersFacts, OwnerCheck
from platform_lint.families.codeowners.parse import Owner
from platform_lint.families.codeowners.remote import codeowners_errors, team_check, user_check
from platform_lint.families.collector import ClientKey

DEFAULT_MAX_LOOKUPS = 200
"""Owners asked about one by one in a run, at most (each costs one or two requests)."""


class OwnerLookups:
    """The run's answers about owners, over an :class:`OwnersApi`; see the module docstring."""

    def __init__(self, api: OwnersApi, limit: int = DEFAULT_MAX_LOOKUPS) -> None:
        self.api = api
        self.limit = max(0, limit)
        self._owners: dict[tuple[str, str], OwnerCheck] = {}
        self._errors: dict[tuple[str, str | None], tuple[tuple[GitHubCodeownersError, ...], str | None]] = {}
        self.asked = 0
        """Owners asked about one by one so far."""

    def codeowners_errors(
        self, repo: str, ref: str | None
    ) -> tuple[tuple[GitHubCodeownersError, ...], str | None]:
        """GitHub's errors for the file at ``ref``, and why they are missing (None when read)."""
        key = (repo, ref)
        if key not in self._errors:
            try:
                self._errors[key] = (codeowners_errors(self.api, repo, ref), None)
            except OwnersApiError as exc:
                self._errors[key] = ((), f"GitHub's CODEOWNERS errors could not be read ({exc.detail})")
        return self._errors[key]

    def check(self, repo: str, owner: Owner) -> OwnerCheck:
        """The answer for one owner: asked now, remembered, or ``not-checked`` past the limit."""
        key = (repo, owner.text.lower())
        known = self._owners.get(key)
        if known is not None:
            return OwnerCheck(owner.text, known.kind, known.status, known.permission, known.detail)
        if owner.kind not in ("team", "user"):
            return OwnerCheck(
                owner.text, owner.kind, "unchecked", detail="e-mail owners are matched to accounts by GitHub"
            )
        if self.asked >= self.limit:
            return OwnerCheck(
                owner.text,
                owner.kind,
                "not-checked",
                detail=f"not asked: a run asks about at most {self.limit} owners (--max-owner-lookups)",
            )
        self.asked += 1
        found = (
            team_check(self.api, owner, repo) if owner.kind == "team" else user_check(self.api, owner, repo)
        )
        self._owners[key] = found
        return found

    def facts(
        self, repo: str, ref: str | None, path: str | None, owners: Iterable[Owner]
    ) -> GitHubOwnersFacts:
        """What GitHub says about the CODEOWNERS file at ``ref`` and its ``owners``."""
        errors, problem = self.codeowners_errors(repo, ref)
        checks = tuple(self.check(repo, owner) for owner in owners)
        return GitHubOwnersFacts(
            True, path=path, errors=errors, errors_problem=problem, owners=checks, lookup_limit=self.limit
        )


OWNER_LOOKUPS: ClientKey[OwnerLookups] = ClientKey("github-owner-lookups")
"""Where ``CollectEnv.clients`` holds the run's :class:`OwnerLookups` (shared by head and base)."""

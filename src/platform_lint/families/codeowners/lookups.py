"""GitHub's answers about code owners for one run, asked sparingly.

The CODEOWNERS file belongs to the repository under check, so a pull request decides how
many owners it names; each one asked about costs GitHub requests, and an Actions token has
about 1,000 an hour for the repository. :class:`OwnerLookups` keeps the cost bounded:

- each distinct owner (compared without case, as GitHub does) is asked about at most once
  per run: the head and the base of a pull request share the answers;
- when more than :data:`LIST_WHEN_MORE_THAN` teams (or users) are to be asked about, the
  repository's teams (or collaborators) are listed first, 100 a request: an owner the
  listing shows able to review needs no request of its own. The others (not listed, or
  listed without write access) are asked one by one, as a listing may be partial and a
  team may have access through its parent;
- GitHub's CODEOWNERS errors are asked once per commit;
- at most ``limit`` owners are asked about one by one (``--max-owner-lookups``, default
  :data:`DEFAULT_MAX_LOOKUPS`); the owners past it get the status ``not-checked``, which
  ``codeowners.owners-valid`` reports as a finding, never as a pass.

The limit is the command line's to set, not the policy's: the policy may come from the
pull request too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from platform_lint.families.codeowners.api import OwnersApi, OwnersApiError, UserPermission
from platform_lint.families.codeowners.model import GitHubCodeownersError, GitHubOwnersFacts, OwnerCheck
from platform_lint.families.codeowners.parse import Owner
from platform_lint.families.codeowners.remote import (
    USER_WRITE,
    WRITE_PERMISSIONS,
    codeowners_errors,
    team_check,
    user_check,
)
from platform_lint.families.collector import ClientKey

DEFAULT_MAX_LOOKUPS = 200
"""Owners asked about one by one in a run, at most (each costs one or two requests)."""
LIST_WHEN_MORE_THAN = 10
"""Teams (or users) to ask about beyond which a listing is cheaper than asking one by one."""
TEAM_FLAGS = ("admin", "maintain", "push", "triage", "pull")
T = TypeVar("T")


class OwnerLookups:
    """The run's answers about owners, over an :class:`OwnersApi`; see the module docstring."""

    def __init__(self, api: OwnersApi, limit: int = DEFAULT_MAX_LOOKUPS) -> None:
        self.api = api
        self.limit = max(0, limit)
        self._owners: dict[tuple[str, str], OwnerCheck] = {}
        self._errors: dict[tuple[str, str | None], tuple[tuple[GitHubCodeownersError, ...], str | None]] = {}
        self._teams: dict[str, Mapping[str, Mapping[str, Any]] | None] = {}
        self._users: dict[str, Mapping[str, UserPermission] | None] = {}
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
        listed = self._listed(repo, owner)
        if listed is not None:
            self._owners[key] = listed
            return listed
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

    def _listed(self, repo: str, owner: Owner) -> OwnerCheck | None:
        """``ok`` when a listing shows the owner able to review; None when it does not say so."""
        if owner.kind == "team":
            teams = self._teams.get(repo)
            same_org = (owner.org or "").lower() == repo.split("/", 1)[0].lower()
            flags = teams.get((owner.slug or "").lower()) if teams and same_org else None
            best = next((p for p in TEAM_FLAGS if flags and flags.get(p)), None)
            return OwnerCheck(owner.text, "team", "ok", best) if best in WRITE_PERMISSIONS else None
        if owner.kind == "user":
            users = self._users.get(repo)
            found = users.get((owner.login or "").lower()) if users else None
            if found is not None and found.permission in USER_WRITE:
                return OwnerCheck(owner.text, "user", "ok", found.role_name or found.permission)
        return None

    def _list_when_cheaper(self, repo: str, owners: list[Owner]) -> None:
        pending = [o for o in owners if (repo, o.text.lower()) not in self._owners]
        org = repo.split("/", 1)[0].lower()
        teams = sum(1 for o in pending if o.kind == "team" and (o.org or "").lower() == org)
        users = sum(1 for o in pending if o.kind == "user")
        if teams > LIST_WHEN_MORE_THAN and repo not in self._teams:
            self._teams[repo] = _listing(self.api.repo_teams, repo)
        if users > LIST_WHEN_MORE_THAN and repo not in self._users:
            self._users[repo] = _listing(self.api.repo_collaborators, repo)

    def facts(
        self, repo: str, ref: str | None, path: str | None, owners: Iterable[Owner]
    ) -> GitHubOwnersFacts:
        """What GitHub says about the CODEOWNERS file at ``ref`` and its ``owners``."""
        errors, problem = self.codeowners_errors(repo, ref)
        wanted = list(owners)
        self._list_when_cheaper(repo, wanted)
        checks = tuple(self.check(repo, owner) for owner in wanted)
        return GitHubOwnersFacts(
            True, path=path, errors=errors, errors_problem=problem, owners=checks, lookup_limit=self.limit
        )


def _listing(ask: Callable[[str], T | None], repo: str) -> T | None:
    """A listing, or None when GitHub would not give it (the owners are then asked one by one)."""
    try:
        return ask(repo)
    except OwnersApiError:
        return None


OWNER_LOOKUPS: ClientKey[OwnerLookups] = ClientKey("github-owner-lookups")
"""Where ``CollectEnv.clients`` holds the run's :class:`OwnerLookups` (shared by head and base)."""

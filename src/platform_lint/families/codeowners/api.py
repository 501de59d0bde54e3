"""What the codeowners family asks of GitHub, as an interface: no HTTP, no PyGithub here.

``remote`` judges the answers; an implementation over the GitHub REST API lives in
``platform_lint.github.owners_api`` and reaches the collectors through
``CollectEnv.clients[OWNERS_API]`` (wired by ``app``). Every method returns plain values
and raises :class:`OwnersApiError` when GitHub answers with an error other than the
"not found" each method documents.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from platform_lint.families.collector import ClientKey


class OwnersApiError(Exception):
    """GitHub answered with an error: ``status`` (HTTP) and GitHub's own message, when it gave one."""

    def __init__(self, status: int | None, message: str | None = None) -> None:
        self.status = status
        self.message = message
        super().__init__(self.detail)

    @property
    def detail(self) -> str:
        """``HTTP 403: Must have admin rights to Repository.`` as shown in findings; the message
        alone when nothing was asked (``status`` None)."""
        if self.status is None:
            return self.message or "GitHub was not asked"
        return f"HTTP {self.status}" + (f": {self.message}" if self.message else "")


@dataclass(frozen=True)
class UserPermission:
    """A collaborator's permission (``admin``, ``maintain``, ``write``, ``triage``, ``read``,
    ``none``) and the name of their role when GitHub gives one (custom roles)."""

    permission: str
    role_name: str | None = None


class OwnersApi(Protocol):
    """The questions the ``codeowners-github`` collector asks GitHub (all reads).

    ``repo`` is ``owner/name``. The two listings answer for many owners at once, when the
    token may list; they are taken as evidence that an owner can review, never as proof
    that one cannot (a listing may be partial): the others are asked one by one.
    """

    def codeowners_errors(self, repo: str, ref: str | None) -> Sequence[object]:
        """The entries of GitHub's CODEOWNERS errors list at ``ref`` (as GitHub sent them)."""
        ...

    def team_permissions(self, org: str, slug: str, repo: str) -> Mapping[str, Any] | None:
        """The team's permission flags on the repository (``{"push": true, ...}``), or None
        when the team has no access (or does not exist: ask :meth:`team_exists`)."""
        ...

    def team_exists(self, org: str, slug: str) -> bool:
        """Whether the team exists and the token can see it."""
        ...

    def user_permission(self, repo: str, login: str) -> UserPermission | None:
        """The user's permission on the repository, or None when they are not a collaborator
        (or no such user exists)."""
        ...

    def repo_teams(self, repo: str) -> Mapping[str, Mapping[str, Any]] | None:
        """The teams with access to the repository (slug, lower case -> permission flags), as
        far as the listing goes; None when the token may not list them."""
        ...

    def repo_collaborators(self, repo: str) -> Mapping[str, UserPermission] | None:
        """The repository's collaborators (login, lower case -> their highest role), as far as
        the listing goes; None when the token may not list them."""
        ...


OWNERS_API: ClientKey[OwnersApi] = ClientKey("github-owners")
"""Where ``CollectEnv.clients`` holds the run's :class:`OwnersApi`, when it has one."""


@dataclass(frozen=True)
class StaticOwnersApi:
    """An :class:`OwnersApi` that answers from fixed data: examples and tests, no network.

    ``teams`` maps ``org/slug`` to the team's best permission on the repository (``push``,
    ``pull``, ...; None: the team exists but has no access; absent: no such team).
    ``users`` maps a login to its permission (absent: not a collaborator). ``errors`` is
    GitHub's CODEOWNERS error list.
    """

    teams: Mapping[str, str | None] = field(default_factory=dict)
    users: Mapping[str, str] = field(default_factory=dict)
    errors: tuple[Mapping[str, Any], ...] = ()

    def codeowners_errors(self, repo: str, ref: str | None) -> Sequence[object]:
        return list(self.errors)

    def team_permissions(self, org: str, slug: str, repo: str) -> Mapping[str, Any] | None:
        permission = self.teams.get(f"{org}/{slug}")
        return None if permission is None else {permission: True}

    def team_exists(self, org: str, slug: str) -> bool:
        return f"{org}/{slug}" in self.teams

    def user_permission(self, repo: str, login: str) -> UserPermission | None:
        permission = self.users.get(login)
        return None if permission is None else UserPermission(permission)

    def repo_teams(self, repo: str) -> Mapping[str, Mapping[str, Any]] | None:
        return None  # examples ask one by one

    def repo_collaborators(self, repo: str) -> Mapping[str, UserPermission] | None:
        return None

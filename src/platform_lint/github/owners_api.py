"""The codeowners family's :class:`OwnersApi` over the GitHub REST API (PyGithub's requester).

Calls (all GET):

- ``/repos/{owner}/{repo}/codeowners/errors?ref=REF``: GitHub's verdict on the file;
- ``/orgs/{org}/teams/{slug}/repos/{owner}/{repo}`` (Accept
  ``application/vnd.github.v3.repository+json``): the team's permissions on the
  repository, 404 when it has none;
- ``/orgs/{org}/teams/{slug}``: whether the team exists;
- ``/repos/{owner}/{repo}/collaborators/{user}/permission``: a user's permission;
- ``/repos/{owner}/{repo}/teams`` and ``/repos/{owner}/{repo}/collaborators``, 100 a page
  and at most :data:`MAX_LIST_PAGES` pages: the teams with access and their permission,
  the collaborators and their highest role, many owners in one request (403 or 404: the
  token may not list them).

A ``GithubException`` becomes the family's ``OwnersApiError`` (status and GitHub's
message); no answer at all (connection refused, a timeout, retries given up) becomes
:class:`~platform_lint.github.client.GitHubUnavailable`, an ``EnvironmentFailure``: the
engine leaves the rule in ``error`` (see ``--on-error``). Once the run's
:class:`~platform_lint.github.client.RetryBudget` is spent, nothing more is asked: each
call raises ``OwnersApiError`` (no status) saying so.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Mapping, Sequence
from typing import Any

import github
import requests
from github import GithubException

from platform_lint.families.codeowners.api import OwnersApiError, UserPermission
from platform_lint.github.client import RetryBudget, unreachable

REPO_MEDIA_TYPE = "application/vnd.github.v3.repository+json"
PER_PAGE = 100
MAX_LIST_PAGES = 10
"""A listing stops after this many pages (1,000 entries): owners past it are asked one by one."""


def _q(text: str) -> str:
    return urllib.parse.quote(text, safe="")


def _error(exc: GithubException) -> OwnersApiError:
    data = exc.data if isinstance(exc.data, dict) else {}
    text = data.get("message")
    return OwnersApiError(exc.status, str(text) if text else None)


class GitHubOwnersApi:
    """Answers the codeowners family's questions with GitHub REST calls (one each, or a listing)."""

    def __init__(self, client: github.Github, budget: RetryBudget | None = None) -> None:
        self._client = client
        self._budget = budget

    def _get(
        self, url: str, parameters: dict[str, Any] | None = None, headers: dict[str, str] | None = None
    ) -> Any:
        if self._budget is not None and self._budget.spent:
            raise OwnersApiError(None, f"not asked: {self._budget.message}")
        try:
            _, data = self._client.requester.requestJsonAndCheck(
                "GET", url, parameters=parameters, headers=headers
            )
        except GithubException as exc:
            raise _error(exc) from None
        except requests.exceptions.RequestException as exc:  # the environment: the rule is in error
            raise unreachable(exc, f"GET {url.split('?', 1)[0]}") from None
        return data

    def _list(self, url: str) -> list[dict[str, Any]] | None:
        """The entries of a paginated listing, up to :data:`MAX_LIST_PAGES` pages; None when
        GitHub refuses it (403, 404)."""
        items: list[dict[str, Any]] = []
        for page in range(1, MAX_LIST_PAGES + 1):
            if self._budget is not None and self._budget.spent:
                raise OwnersApiError(None, f"not asked: {self._budget.message}")
            try:
                headers, data = self._client.requester.requestJsonAndCheck(
                    "GET", url, parameters={"per_page": PER_PAGE, "page": page}
                )
            except GithubException as exc:
                if exc.status in (403, 404):
                    return None
                raise _error(exc) from None
            if not isinstance(data, list):
                return items
            items.extend(item for item in data if isinstance(item, dict))
            link = {k.lower(): v for k, v in (headers or {}).items()}.get("link", "")
            if 'rel="next"' not in link:
                break
        return items

    def repo_teams(self, repo: str) -> Mapping[str, Mapping[str, Any]] | None:
        items = self._list(f"/repos/{repo}/teams")
        if items is None:
            return None
        teams: dict[str, Mapping[str, Any]] = {}
        for item in items:
            slug, flags = item.get("slug"), item.get("permissions")
            if isinstance(slug, str) and isinstance(flags, Mapping):
                teams[slug.lower()] = flags
        return teams

    def repo_collaborators(self, repo: str) -> Mapping[str, UserPermission] | None:
        items = self._list(f"/repos/{repo}/collaborators")
        if items is None:
            return None
        users: dict[str, UserPermission] = {}
        for item in items:
            login, role = item.get("login"), item.get("role_name")
            if isinstance(login, str) and isinstance(role, str) and role:
                users[login.lower()] = UserPermission(role, role)
        return users

    def codeowners_errors(self, repo: str, ref: str | None) -> Sequence[object]:
        data = self._get(f"/repos/{repo}/codeowners/errors", {"ref": ref} if ref else None)
        errors = (data or {}).get("errors") or []
        return list(errors)

    def team_permissions(self, org: str, slug: str, repo: str) -> Mapping[str, Any] | None:
        try:
            data = self._get(
                f"/orgs/{_q(org)}/teams/{_q(slug)}/repos/{repo}", headers={"Accept": REPO_MEDIA_TYPE}
            )
        except OwnersApiError as exc:
            if exc.status == 404:
                return None
            raise
        permissions = (data or {}).get("permissions") or {}
        return permissions if isinstance(permissions, Mapping) else {}

    def team_exists(self, org: str, slug: str) -> bool:
        try:
            self._get(f"/orgs/{_q(org)}/teams/{_q(slug)}")
        except OwnersApiError as exc:
            if exc.status == 404:
                return False
            raise
        return True

    def user_permission(self, repo: str, login: str) -> UserPermission | None:
        try:
            data = self._get(f"/repos/{repo}/collaborators/{_q(login)}/permission")
        except OwnersApiError as exc:
            if exc.status == 404:
                return None
            raise
        permission = str((data or {}).get("permission") or "none")
        role = (data or {}).get("role_name")
        return UserPermission(permission, role if isinstance(role, str) and role else None)

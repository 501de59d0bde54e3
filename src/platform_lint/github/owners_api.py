"""The codeowners family's :class:`OwnersApi` over the GitHub REST API (PyGithub's requester).

Calls (all GET):

- ``/repos/{owner}/{repo}/codeowners/errors?ref=REF``: GitHub's verdict on the file;
- ``/orgs/{org}/teams/{slug}/repos/{owner}/{repo}`` (Accept
  ``application/vnd.github.v3.repository+json``): the team's permissions on the
  repository, 404 when it has none;
- ``/orgs/{org}/teams/{slug}``: whether the team exists;
- ``/repos/{owner}/{repo}/collaborators/{user}/permission``: a user's permission.

A ``GithubException`` becomes the family's ``OwnersApiError`` (status and GitHub's
message); any other exception (no connection, an unrecorded request in tests) passes
through, and the engine turns it into an error outcome for the rule. Once the run's
:class:`~platform_lint.github.client.RetryBudget` is spent, nothing more is asked: each
call raises ``OwnersApiError`` (no status) saying so.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Mapping, Sequence
from typing import Any

import github
from github import GithubException

from platform_lint.families.codeowners.api import OwnersApiError, UserPermission
from platform_lint.github.client import RetryBudget

REPO_MEDIA_TYPE = "application/vnd.github.v3.repository+json"


def _q(text: str) -> str:
    return urllib.parse.quote(text, safe="")


def _error(exc: GithubException) -> OwnersApiError:
    data = exc.data if isinstance(exc.data, dict) else {}
    text = data.get("message")
    return OwnersApiError(exc.status, str(text) if text else None)


class GitHubOwnersApi:
    """Answers the codeowners family's questions with one GitHub REST call each."""

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
        return data

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

"""Ask GitHub about a CODEOWNERS file: its own error list, and whether each owner can review.

Calls (all GET, through the PyGithub requester of ``CollectEnv.github``):

- ``/repos/{owner}/{repo}/codeowners/errors?ref=REF``: GitHub's verdict on the file;
- ``/orgs/{org}/teams/{slug}/repos/{owner}/{repo}`` (Accept
  ``application/vnd.github.v3.repository+json``): the team's permissions on the
  repository; 404 means no access, then ``/orgs/{org}/teams/{slug}`` tells
  "no access" from "no such team";
- ``/repos/{owner}/{repo}/collaborators/{user}/permission``: a user's permission.

A code owner must be able to approve: write, maintain or admin. A failure of one
call is recorded on that owner (``unknown``), never raised.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterable
from typing import Any

from github import GithubException

from platform_lint.families.codeowners.model import GitHubCodeownersError, GitHubOwnersFacts, OwnerCheck
from platform_lint.families.codeowners.parse import Owner

REPO_MEDIA_TYPE = "application/vnd.github.v3.repository+json"
WRITE_PERMISSIONS = ("admin", "maintain", "push")
USER_WRITE = ("admin", "maintain", "write")


def _q(text: str) -> str:
    return urllib.parse.quote(text, safe="")


def _message(exc: GithubException) -> str:
    data = exc.data if isinstance(exc.data, dict) else {}
    text = data.get("message") if isinstance(data, dict) else None
    return f"HTTP {exc.status}" + (f": {text}" if text else "")


def _get(
    g: Any, url: str, parameters: dict[str, Any] | None = None, headers: dict[str, str] | None = None
) -> Any:
    _, data = g.requester.requestJsonAndCheck("GET", url, parameters=parameters, headers=headers)
    return data


def codeowners_errors(g: Any, repo: str, ref: str | None) -> tuple[GitHubCodeownersError, ...]:
    params = {"ref": ref} if ref else None
    data = _get(g, f"/repos/{repo}/codeowners/errors", params)
    out: list[GitHubCodeownersError] = []
    for item in (data or {}).get("errors", []) or []:
        if not isinstance(item, dict):
            continue
        out.append(
            GitHubCodeownersError(
                line=item.get("line") if isinstance(item.get("line"), int) else None,
                column=item.get("column") if isinstance(item.get("column"), int) else None,
                kind=str(item.get("kind") or "error"),
                message=str(item.get("message") or item.get("kind") or "").strip(),
                source=str(item.get("source") or "").rstrip("\n"),
                suggestion=item.get("suggestion") if isinstance(item.get("suggestion"), str) else None,
                path=item.get("path") if isinstance(item.get("path"), str) else None,
            )
        )
    return tuple(out)


def team_check(g: Any, owner: Owner, repo: str) -> OwnerCheck:
    org, slug = owner.org or "", owner.slug or ""
    try:
        data = _get(g, f"/orgs/{_q(org)}/teams/{_q(slug)}/repos/{repo}", headers={"Accept": REPO_MEDIA_TYPE})
    except GithubException as exc:
        if exc.status != 404:
            return OwnerCheck(owner.text, "team", "unknown", detail=_message(exc))
    else:
        perms = (data or {}).get("permissions") or {}
        granted = [p for p in ("admin", "maintain", "push", "triage", "pull") if perms.get(p)]
        best = granted[0] if granted else None
        if best in WRITE_PERMISSIONS:
            return OwnerCheck(owner.text, "team", "ok", best)
        return OwnerCheck(
            owner.text, "team", "no-write", best, detail=f"the team has {best or 'no'} permission"
        )
    try:
        _get(g, f"/orgs/{_q(org)}/teams/{_q(slug)}")
    except GithubException as exc:
        if exc.status == 404:
            return OwnerCheck(
                owner.text, "team", "missing", detail="no such team (or not visible to the token)"
            )
        return OwnerCheck(owner.text, "team", "unknown", detail=_message(exc))
    return OwnerCheck(owner.text, "team", "no-access", detail="the team has no access to the repository")


def user_check(g: Any, owner: Owner, repo: str) -> OwnerCheck:
    login = owner.login or ""
    try:
        data = _get(g, f"/repos/{repo}/collaborators/{_q(login)}/permission")
    except GithubException as exc:
        if exc.status == 404:
            return OwnerCheck(
                owner.text,
                "user",
                "not-collaborator",
                detail="not a collaborator of the repository (or no such user)",
            )
        return OwnerCheck(owner.text, "user", "unknown", detail=_message(exc))
    permission = str((data or {}).get("permission") or "none")
    role = (data or {}).get("role_name")
    shown = str(role) if isinstance(role, str) and role else permission
    if permission in USER_WRITE:
        return OwnerCheck(owner.text, "user", "ok", shown)
    return OwnerCheck(owner.text, "user", "no-write", shown, detail=f"the user has {shown} permission")


def check_owners(
    g: Any, repo: str, ref: str | None, path: str | None, owners: Iterable[Owner]
) -> GitHubOwnersFacts:
    errors: tuple[GitHubCodeownersError, ...] = ()
    errors_problem = None
    try:
        errors = codeowners_errors(g, repo, ref)
    except GithubException as exc:
        errors_problem = f"GitHub's CODEOWNERS errors could not be read ({_message(exc)})"
    checks: list[OwnerCheck] = []
    for owner in owners:
        if owner.kind == "team":
            checks.append(team_check(g, owner, repo))
        elif owner.kind == "user":
            checks.append(user_check(g, owner, repo))
        else:
            checks.append(
                OwnerCheck(
                    owner.text,
                    owner.kind,
                    "unchecked",
                    detail="e-mail owners are matched to accounts by GitHub",
                )
            )
    return GitHubOwnersFacts(
        True, path=path, errors=errors, errors_problem=errors_problem, owners=tuple(checks)
    )

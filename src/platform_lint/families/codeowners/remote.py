"""Ask GitHub about a CODEOWNERS file: its own error list, and whether each owner can review.

The questions go through an :class:`~platform_lint.families.codeowners.api.OwnersApi`
(the GitHub REST implementation is ``platform_lint.github.owners_api``): GitHub's
CODEOWNERS errors for the commit; each team's permissions on the repository (no access
means asking whether the team exists at all, to tell "no access" from "no such team");
each user's permission.

A code owner must be able to approve: write, maintain or admin. A failure of one
call is recorded on that owner (``unknown``), never raised. Which owners are asked, and
how often, is :mod:`platform_lint.families.codeowners.lookups`'s business.
"""

from __future__ import annotations

from platform_lint.families.codeowners.api import OwnersApi, OwnersApiError
from platform_lint.families.codeowners.model import GitHubCodeownersError, OwnerCheck
from platform_lint.families.codeowners.parse import Owner

WRITE_PERMISSIONS = ("admin", "maintain", "push")
USER_WRITE = ("admin", "maintain", "write")


def codeowners_errors(api: OwnersApi, repo: str, ref: str | None) -> tuple[GitHubCodeownersError, ...]:
    out: list[GitHubCodeownersError] = []
    for item in api.codeowners_errors(repo, ref):
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


def team_check(api: OwnersApi, owner: Owner, repo: str) -> OwnerCheck:
    org, slug = owner.org or "", owner.slug or ""
    try:
        perms = api.team_permissions(org, slug, repo)
    except OwnersApiError as exc:
        return OwnerCheck(owner.text, "team", "unknown", detail=exc.detail)
    if perms is not None:
        granted = [p for p in ("admin", "maintain", "push", "triage", "pull") if perms.get(p)]
        best = granted[0] if granted else None
        if best in WRITE_PERMISSIONS:
            return OwnerCheck(owner.text, "team", "ok", best)
        return OwnerCheck(
            owner.text, "team", "no-write", best, detail=f"the team has {best or 'no'} permission"
        )
    try:
        exists = api.team_exists(org, slug)
    except OwnersApiError as exc:
        return OwnerCheck(owner.text, "team", "unknown", detail=exc.detail)
    if not exists:
        return OwnerCheck(owner.text, "team", "missing", detail="no such team (or not visible to the token)")
    return OwnerCheck(owner.text, "team", "no-access", detail="the team has no access to the repository")


def user_check(api: OwnersApi, owner: Owner, repo: str) -> OwnerCheck:
    try:
        found = api.user_permission(repo, owner.login or "")
    except OwnersApiError as exc:
        return OwnerCheck(owner.text, "user", "unknown", detail=exc.detail)
    if found is None:
        return OwnerCheck(
            owner.text,
            "user",
            "not-collaborator",
            detail="not a collaborator of the repository (or no such user)",
        )
    permission = found.permission
    shown = found.role_name or permission
    if permission in USER_WRITE:
        return OwnerCheck(owner.text, "user", "ok", shown)
    return OwnerCheck(owner.text, "user", "no-write", shown, detail=f"the user has {shown} permission")

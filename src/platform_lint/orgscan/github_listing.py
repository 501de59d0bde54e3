"""Listing an organisation's repositories through the GitHub REST API, frugally.

``GET /orgs/{org}/repos?per_page=100&type=all``, following ``Link: rel="next"``: one request
per hundred repositories. Each page is kept in the ETag cache (only the fields the scan uses),
so a re-scan of an organisation where nothing changed gets ``304 Not Modified`` for every page
and costs no rate limit. When the organisation does not exist (404), the name is tried as a
user account (``/users/{name}/repos?type=owner``), and the caller is told so.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from platform_lint.errors import GitHubError
from platform_lint.github.rest import NotFound, RestReader

FIELDS = (
    "name",
    "full_name",
    "archived",
    "fork",
    "default_branch",
    "pushed_at",
    "clone_url",
    "size",
    "visibility",
)
"""What the scan reads of each repository (the cache keeps only these)."""

_NAME = re.compile(r"[A-Za-z0-9._-]{1,100}/[A-Za-z0-9._-]{1,100}")


@dataclass(frozen=True)
class ApiRepo:
    full_name: str
    default_branch: str | None
    archived: bool
    fork: bool
    pushed_at: str | None
    size: int
    visibility: str | None


def _trim(body: Any) -> Any:
    if not isinstance(body, list):
        raise GitHubError("listing repositories: GitHub answered something that is not a list")
    return [{k: item.get(k) for k in FIELDS} for item in body if isinstance(item, dict)]


def parse_repo(item: dict[str, Any]) -> ApiRepo | None:
    """One repository of a listing page (or a plan file), or None when its name is unusable."""
    name = item.get("full_name")
    if not isinstance(name, str) or not _NAME.fullmatch(name) or name.split("/")[1] in (".", ".."):
        return None  # not a name we can use in a path or a URL: GitHub never sends one
    branch = item.get("default_branch")
    size = item.get("size")
    return ApiRepo(
        full_name=name,
        default_branch=branch if isinstance(branch, str) and branch else None,
        archived=item.get("archived") is True,
        fork=item.get("fork") is True,
        pushed_at=str(item["pushed_at"]) if item.get("pushed_at") else None,
        size=size if isinstance(size, int) else 0,
        visibility=str(item["visibility"]) if item.get("visibility") else None,
    )


@dataclass(frozen=True)
class Listing:
    repos: tuple[ApiRepo, ...]  # kept by the filters, sorted by name
    account: str  # "org" or "user"
    left_out: dict[str, int]  # "archived" / "forks" -> how many were left out


def list_repositories(
    reader: RestReader,
    owner: str,
    *,
    include_archived: bool = False,
    include_forks: bool = False,
    say: Callable[[str], None] = lambda _m: None,
) -> Listing:
    action = f"listing the repositories of {owner}"
    account = "org"
    try:
        items = _all(reader, f"/orgs/{owner}/repos?per_page=100&type=all", action)
    except NotFound:
        say(f"{owner} is not an organisation these credentials can see; listing the user's repositories")
        account = "user"
        try:
            items = _all(reader, f"/users/{owner}/repos?per_page=100&type=owner", action)
        except NotFound:
            raise GitHubError(
                f"{action}: neither an organisation nor a user named {owner} exists, or the token "
                "cannot see it (404)"
            ) from None
    repos: dict[str, ApiRepo] = {}
    left_out = {"archived": 0, "forks": 0}
    for item in items:
        repo = parse_repo(item)
        if repo is None or repo.full_name in repos:
            continue
        if repo.archived and not include_archived:
            left_out["archived"] += 1
            continue
        if repo.fork and not include_forks:
            left_out["forks"] += 1
            continue
        repos[repo.full_name] = repo
    return Listing(tuple(sorted(repos.values(), key=lambda r: r.full_name)), account, left_out)


def _all(reader: RestReader, url: str, action: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for answer in reader.pages(url, action, _trim):
        items.extend(answer.body)
    return items

"""Write the CODEOWNERS owner-validation cassettes (written, not recorded).

Status codes, headers and body shapes follow real GitHub REST responses (JSON
content type, X-GitHub-Media-Type, X-RateLimit-* headers, ``{"message",
"documentation_url"}`` error bodies). Run ``python build_cassettes.py`` to rewrite.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
API = "https://api.github.com"
DOCS = "https://docs.github.com/rest"
_remaining = [4999]


def _headers(
    body: str, status: int, reason: str, media: str = "github.v3; format=json", link: str | None = None
) -> dict[str, list[str]]:
    _remaining[0] -= 1
    extra = {"Link": [link]} if link else {}
    return {
        **extra,
        "Content-Length": [str(len(body.encode()))],
        "Content-Type": ["application/json; charset=utf-8"],
        "Date": ["Tue, 14 Jan 2025 10:00:00 GMT"],
        "Server": ["GitHub.com"],
        "Status": [f"{status} {reason}"],
        "X-GitHub-Media-Type": [media],
        "X-GitHub-Request-Id": [f"C0DE:0042:{_remaining[0]:06X}:0001:6786368{_remaining[0] % 10}"],
        "X-RateLimit-Limit": ["5000"],
        "X-RateLimit-Remaining": [str(_remaining[0])],
        "X-RateLimit-Reset": ["1736852400"],
        "X-RateLimit-Resource": ["core"],
        "X-RateLimit-Used": [str(5000 - _remaining[0])],
        "x-github-api-version-selected": ["2022-11-28"],
    }


def interaction(
    path: str,
    status: int,
    data: Any,
    *,
    accept: str = "*/*",
    media: str = "github.v3; format=json",
    link: str | None = None,
) -> dict[str, Any]:
    reason = {200: "OK", 403: "Forbidden", 404: "Not Found", 503: "Service Unavailable"}[status]
    body = json.dumps(data, separators=(",", ":"))
    return {
        "request": {
            "body": None,
            "headers": {
                "Accept": [accept],
                "Authorization": ["token REDACTED"],
                "User-Agent": ["PyGithub/Python"],
            },
            "method": "GET",
            "uri": API + path,
        },
        "response": {
            "body": {"string": body},
            "headers": _headers(body, status, reason, media, link),
            "status": {"code": status, "message": reason},
        },
    }


def not_found(doc: str) -> dict[str, str]:
    return {"message": "Not Found", "documentation_url": f"{DOCS}/{doc}", "status": "404"}


def repo(perms: dict[str, bool]) -> dict[str, Any]:
    return {
        "id": 1296269,
        "node_id": "MDEwOlJlcG9zaXRvcnkxMjk2MjY5",
        "name": "widgets",
        "full_name": "acme/widgets",
        "private": True,
        "owner": {"login": "acme", "id": 9919, "type": "Organization"},
        "html_url": "https://github.com/acme/widgets",
        "url": f"{API}/repos/acme/widgets",
        "default_branch": "main",
        "role_name": "write" if perms.get("push") else "read",
        "permissions": perms,
    }


def team(slug: str) -> dict[str, Any]:
    return {
        "id": 42,
        "node_id": "MDQ6VGVhbTQy",
        "name": slug.title(),
        "slug": slug,
        "url": f"{API}/organizations/9919/team/42",
        "privacy": "closed",
        "permission": "pull",
        "organization": {"login": "acme", "id": 9919},
    }


def user_permission(login: str, permission: str, role: str) -> dict[str, Any]:
    return {
        "permission": permission,
        "role_name": role,
        "user": {
            "login": login,
            "id": 583231,
            "type": "User",
            "site_admin": False,
            "url": f"{API}/users/{login}",
        },
    }


ERRORS = {
    "errors": [
        {
            "line": 3,
            "column": 1,
            "kind": "Invalid pattern",
            "source": "!/legacy/ @acme/platform\n",
            "suggestion": None,
            "message": "Invalid pattern on line 3: Negation is not supported\n\n  !/legacy/ @acme/platform\n  ^",  # noqa: E501
            "path": ".github/CODEOWNERS",
        },
        {
            "line": 5,
            "column": 10,
            "kind": "Unknown owner",
            "source": "/docs/ @acme/ghost @alice\n",
            "suggestion": None,
            "message": "Unknown owner on line 5: make sure the team @acme/ghost exists, is publicly visible, "
            "and has write access to the repository\n\n  /docs/ @acme/ghost @alice\n         ^",
            "path": ".github/CODEOWNERS",
        },
    ]
}
REPO_MEDIA = "application/vnd.github.v3.repository+json"
TEAM_REPO = "teams/teams#check-team-permissions-for-a-repository"

CASSETTES = {
    "owners_mixed.yaml": [
        interaction(
            "/repos/acme/widgets/codeowners/errors?ref=3f786850e387550fdab836ed7e6dc881de23001b", 200, ERRORS
        ),
        interaction(
            "/orgs/acme/teams/platform/repos/acme/widgets",
            200,
            repo({"admin": False, "maintain": False, "push": True, "triage": True, "pull": True}),
            accept=REPO_MEDIA,
            media="github.v3; param=repository; format=json",
        ),
        interaction(
            "/orgs/acme/teams/readers/repos/acme/widgets",
            200,
            repo({"admin": False, "maintain": False, "push": False, "triage": True, "pull": True}),
            accept=REPO_MEDIA,
            media="github.v3; param=repository; format=json",
        ),
        interaction(
            "/orgs/acme/teams/outsiders/repos/acme/widgets", 404, not_found(TEAM_REPO), accept=REPO_MEDIA
        ),
        interaction("/orgs/acme/teams/outsiders", 200, team("outsiders")),
        interaction(
            "/orgs/acme/teams/ghost/repos/acme/widgets", 404, not_found(TEAM_REPO), accept=REPO_MEDIA
        ),
        interaction("/orgs/acme/teams/ghost", 404, not_found("teams/teams#get-a-team-by-name")),
        interaction(
            "/repos/acme/widgets/collaborators/alice/permission",
            200,
            user_permission("alice", "write", "write"),
        ),
        interaction(
            "/repos/acme/widgets/collaborators/bob/permission", 200, user_permission("bob", "read", "triage")
        ),
        interaction(
            "/repos/acme/widgets/collaborators/carol/permission",
            404,
            not_found("collaborators/collaborators#get-repository-permissions-for-a-user"),
        ),
    ],
    "owners_all_good.yaml": [
        interaction("/repos/acme/widgets/codeowners/errors?ref=main", 200, {"errors": []}),
        interaction(
            "/orgs/acme/teams/platform/repos/acme/widgets",
            200,
            repo({"admin": True, "maintain": True, "push": True, "triage": True, "pull": True}),
            accept=REPO_MEDIA,
            media="github.v3; param=repository; format=json",
        ),
        interaction(
            "/repos/acme/widgets/collaborators/dave/permission",
            403,
            {
                "message": "Must have push access to view collaborator permission.",
                "documentation_url": f"{DOCS}/collaborators/collaborators#get-repository-permissions-for-a-user",  # noqa: E501
                "status": "403",
            },
        ),
    ],
}


def repo_team(i: int, slug: str, permission: str) -> dict[str, Any]:
    """An entry of ``GET /repos/{owner}/{repo}/teams``: the team, its permission on the repository."""
    order = ["pull", "triage", "push", "maintain", "admin"]
    return {
        "name": slug.replace("-", " ").title(),
        "id": 7000 + i,
        "node_id": f"T_kwDOAAAmvs4A{7000 + i:06d}",
        "slug": slug,
        "description": "",
        "privacy": "closed",
        "notification_setting": "notifications_enabled",
        "url": f"{API}/organizations/9919/team/{7000 + i}",
        "html_url": f"https://github.com/orgs/acme/teams/{slug}",
        "members_url": f"{API}/organizations/9919/team/{7000 + i}/members{{/member}}",
        "repositories_url": f"{API}/organizations/9919/team/{7000 + i}/repos",
        "permission": permission,
        "permissions": {p: order.index(p) <= order.index(permission) for p in reversed(order)},
        "parent": None,
    }


def collaborator(i: int, login: str, role: str) -> dict[str, Any]:
    """An entry of ``GET /repos/{owner}/{repo}/collaborators``: the user, their base permissions
    and their highest role (``role_name``)."""
    writes = role in ("write", "maintain", "admin")
    return {
        "login": login,
        "id": 583000 + i,
        "node_id": f"U_kgDOAAj{583000 + i:06d}",
        "avatar_url": f"https://avatars.githubusercontent.com/u/{583000 + i}?v=4",
        "gravatar_id": "",
        "url": f"{API}/users/{login}",
        "html_url": f"https://github.com/{login}",
        "type": "User",
        "site_admin": False,
        "permissions": {
            "admin": role == "admin",
            "maintain": role in ("maintain", "admin"),
            "push": writes,
            "triage": writes or role == "triage",
            "pull": True,
        },
        "role_name": role,
    }


def page_link(path: str, page: int, last: int) -> str | None:
    links = []
    if page < last:
        links.append(f'<{API}/repositories/1296269/{path}?per_page=100&page={page + 1}>; rel="next"')
        links.append(f'<{API}/repositories/1296269/{path}?per_page=100&page={last}>; rel="last"')
    if page > 1:
        links.append(f'<{API}/repositories/1296269/{path}?per_page=100&page={page - 1}>; rel="prev"')
        links.append(f'<{API}/repositories/1296269/{path}?per_page=100&page=1>; rel="first"')
    return ", ".join(links) or None


def listing_pages(path: str, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    pages = [entries[i : i + 100] for i in range(0, len(entries), 100)] or [[]]
    return [
        interaction(
            f"/repos/acme/widgets/{path}?per_page=100&page={n}",
            200,
            page,
            link=page_link(path, n, len(pages)),
        )
        for n, page in enumerate(pages, start=1)
    ]


# One answer per endpoint, replayed for every request to it (tests/codeowners/test_owner_budget.py
# matches on the endpoint, not the team or user): for counting requests, not for verdicts.
UNAVAILABLE = {"message": "Service Unavailable"}
ENDPOINTS = {
    "owners_not_found.yaml": [
        interaction("/repos/acme/widgets/codeowners/errors?ref=main", 200, {"errors": []}),
        *listing_pages("teams", [repo_team(1, "platform", "push"), repo_team(2, "readers", "pull")]),
        *listing_pages("collaborators", [collaborator(1, "alice", "write"), collaborator(2, "bob", "read")]),
        interaction("/orgs/acme/teams/any/repos/acme/widgets", 404, not_found(TEAM_REPO), accept=REPO_MEDIA),
        interaction("/orgs/acme/teams/any", 404, not_found("teams/teams#get-a-team-by-name")),
        interaction(
            "/repos/acme/widgets/collaborators/any/permission",
            404,
            not_found("collaborators/collaborators#get-repository-permissions-for-a-user"),
        ),
    ],
    "owners_outage.yaml": [
        interaction("/repos/acme/widgets/codeowners/errors?ref=main", 503, UNAVAILABLE),
        interaction("/repos/acme/widgets/teams?per_page=100&page=1", 503, UNAVAILABLE),
        interaction("/repos/acme/widgets/collaborators?per_page=100&page=1", 503, UNAVAILABLE),
        interaction("/orgs/acme/teams/any/repos/acme/widgets", 503, UNAVAILABLE, accept=REPO_MEDIA),
        interaction("/orgs/acme/teams/any", 503, UNAVAILABLE),
        interaction("/repos/acme/widgets/collaborators/any/permission", 503, UNAVAILABLE),
    ],
    # 250 teams and 120 users that can all review, listed in 3 and 2 pages
    "owners_listed.yaml": [
        interaction("/repos/acme/widgets/codeowners/errors?ref=main", 200, {"errors": []}),
        *listing_pages(
            "teams",
            [repo_team(i, f"team-{i}", ("push", "maintain", "admin")[i % 3]) for i in range(250)],
        ),
        *listing_pages(
            "collaborators",
            [collaborator(i, f"user-{i}", ("write", "maintain", "admin")[i % 3]) for i in range(120)],
        ),
    ],
}
CASSETTES.update(ENDPOINTS)


def main() -> None:
    for name, interactions in CASSETTES.items():
        text = yaml.safe_dump({"interactions": interactions, "version": 1}, sort_keys=True, width=100)
        (HERE / name).write_text("# Written by build_cassettes.py (not recorded)\n" + text)


if __name__ == "__main__":
    main()

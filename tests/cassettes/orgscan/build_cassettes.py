"""Writes the org-scan cassettes in this folder (run: python tests/cassettes/orgscan/build_cassettes.py).

Nothing here talks to GitHub. Each cassette is written by hand for the test that replays it;
status codes, header names and value formats and body shapes follow real GitHub REST
recordings: a repository listing page carries ``Link`` (rel="next"/"last", and "prev"/"first"
after page 1, pointing at ``/organizations/{id}/repos``), a weak ``ETag``, ``X-RateLimit-*``;
a conditional request answered ``304 Not Modified`` has no body, the same ETag, and leaves
``X-RateLimit-Remaining`` where it was; a secondary rate limit is a 403 with ``Retry-After``
and GitHub's message; a 502 has GitHub's unicorn-free JSON message.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
API = "https://api.github.com"
GHES_API = "https://ghe.example.com/api/v3"
ORG = "acme"
ORG_ID = 4242
DATE = "Wed, 01 May 2024 12:00:00 GMT"
RESET = 1714568400

# six repositories over three pages; one archived and one fork (left out by default)
REPOS = [
    ("api", False, False),
    ("empty", False, False),
    ("web", False, False),
    ("old-portal", True, False),
    ("upstream-fork", False, True),
    ("worker", False, False),
]
PAGES = [REPOS[0:2], REPOS[2:4], REPOS[4:6]]
ETAGS = [
    'W/"5d4f1c0b8e2a7f3c9b6d1e0a2f4c8b7e5d3a1f0c9e8b7a6d5c4b3a2f1e0d9c8b"',
    'W/"0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9"',
    'W/"f0e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a5968778695a4b3c2d1e0f"',
]


def repo_body(
    name: str, archived: bool, fork: bool, api: str = API, server: str = "https://github.com"
) -> dict[str, Any]:
    full = f"{ORG}/{name}"
    return {
        "id": 100000 + sum(map(ord, name)),
        "node_id": "R_kgDOAAAAAA",
        "name": name,
        "full_name": full,
        "private": name != "api",
        "owner": {"login": ORG, "id": ORG_ID, "type": "Organization", "url": f"{api}/users/{ORG}"},
        "html_url": f"{server}/{full}",
        "description": None,
        "fork": fork,
        "url": f"{api}/repos/{full}",
        "created_at": "2023-01-10T09:00:00Z",
        "updated_at": "2024-04-30T17:02:11Z",
        "pushed_at": "2024-04-30T17:02:09Z",
        "git_url": f"git://{server.removeprefix('https://')}/{full}.git",
        "ssh_url": f"git@{server.removeprefix('https://')}:{full}.git",
        "clone_url": f"{server}/{full}.git",
        "size": 0 if name == "empty" else 412,
        "stargazers_count": 3,
        "language": "Python",
        "archived": archived,
        "disabled": False,
        "visibility": "public" if name == "api" else "private",
        "default_branch": "main",
        "permissions": {"admin": False, "maintain": False, "push": False, "triage": False, "pull": True},
    }


def headers(
    body: str,
    status: str,
    *,
    remaining: int = 4990,
    etag: str | None = None,
    extra: dict[str, str] | None = None,
) -> dict[str, list[str]]:
    h = {
        "Access-Control-Expose-Headers": "ETag, Link, Location, Retry-After, X-GitHub-OTP, "
        "X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset",
        "Cache-Control": "private, max-age=60, s-maxage=60",
        "Content-Type": "application/json; charset=utf-8",
        "Date": DATE,
        "Server": "github.com",
        "Vary": "Accept, Authorization, Cookie, X-GitHub-OTP,Accept-Encoding, Accept, X-Requested-With",
        "X-GitHub-Media-Type": "github.v3; format=json",
        "X-GitHub-Request-Id": "C0DE:1234:5678:9ABC:66323D80",
        "X-RateLimit-Limit": "5000",
        "X-RateLimit-Remaining": str(remaining),
        "X-RateLimit-Reset": str(RESET),
        "X-RateLimit-Used": str(5000 - remaining),
        "X-RateLimit-Resource": "core",
        "x-github-api-version-selected": "2022-11-28",
    }
    if body:
        h["Content-Length"] = str(len(body.encode("utf-8")))
    else:
        del h["Content-Type"]
    if etag:
        h["ETag"] = etag
    h.update(extra or {})
    return {k: [v] for k, v in sorted(h.items())}


def interaction(
    uri: str, code: int, message: str, body: Any, *, if_none_match: str | None = None, **kw: Any
) -> dict[str, Any]:
    text = body if isinstance(body, str) else json.dumps(body, separators=(",", ":"))
    request_headers = {
        "Accept": ["application/vnd.github+json"],
        "Authorization": ["token REDACTED"],
        "User-Agent": ["platform-lint"],
    }
    if if_none_match:
        request_headers["If-None-Match"] = [if_none_match]
    return {
        "request": {"body": None, "headers": request_headers, "method": "GET", "uri": uri},
        "response": {
            "body": {"string": text},
            "headers": headers(text, f"{code} {message}", **kw),
            "status": {"code": code, "message": message},
        },
    }


def page_url(n: int, api: str = API) -> str:
    if n == 1:
        return f"{api}/orgs/{ORG}/repos?per_page=100&type=all"
    return f"{api}/organizations/{ORG_ID}/repos?per_page=100&type=all&page={n}"


def link(n: int, last: int, api: str = API) -> str:
    def url(k: int) -> str:
        return f"{api}/organizations/{ORG_ID}/repos?per_page=100&type=all&page={k}"

    parts = []
    if n > 1:
        parts += [f'<{url(n - 1)}>; rel="prev"', f'<{url(1)}>; rel="first"']
    if n < last:
        parts += [f'<{url(n + 1)}>; rel="next"', f'<{url(last)}>; rel="last"']
    return ", ".join(parts)


def listing(
    conditional: bool,
    pages: list[list[tuple[str, bool, bool]]] = PAGES,
    etags: list[str] = ETAGS,
) -> list[dict[str, Any]]:
    out = []
    for i, page in enumerate(pages, start=1):
        extra = {"Link": link(i, len(pages))}
        if conditional:
            out.append(
                interaction(
                    page_url(i),
                    304,
                    "Not Modified",
                    "",
                    if_none_match=etags[i - 1],
                    etag=etags[i - 1],
                    remaining=4997,
                    extra=extra,
                )
            )
        else:
            body = [repo_body(*r) for r in page]
            out.append(
                interaction(page_url(i), 200, "OK", body, etag=etags[i - 1], remaining=5000 - i, extra=extra)
            )
    return out


# a larger organisation for org-plan: 225 repositories over three full-size pages (100, 100, 25),
# every 20th archived (12) and every 25th a fork (9, 3 of them archived too): 207 listed by default
PLAN_REPOS = [(f"svc-{n:03d}", n % 20 == 0, n % 25 == 0) for n in range(225)]
PLAN_PAGES = [PLAN_REPOS[0:100], PLAN_REPOS[100:200], PLAN_REPOS[200:225]]
PLAN_ETAGS = [
    'W/"9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c0b2d4f6e8a0c1e3f5a7b9d0f2e4a6c8b"',
    'W/"3b5d7f9a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d1f2a4c6e8b0d2f3a5c7e9b1d"',
    'W/"c4e6a8b0d2f4a6c8e0b1d3f5a7c9e1b3d5f7a9c0e2b4d6f8a1c3e5b7d9f0a2c4"',
]


SECONDARY = {
    "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"
    "#about-secondary-rate-limits",
    "message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. "
    "If you reach out to GitHub Support for help, please include the request ID "
    "C0DE:1234:5678:9ABC:66323D80.",
}


def single_page(api: str = API, server: str = "https://github.com") -> dict[str, Any]:
    body = [repo_body("api", False, False, api, server), repo_body("web", False, False, api, server)]
    return interaction(
        f"{api}/orgs/{ORG}/repos?per_page=100&type=all", 200, "OK", body, etag=ETAGS[0], remaining=4989
    )


def write(name: str, interactions: list[dict[str, Any]], purpose: str) -> None:
    text = yaml.safe_dump(
        {"interactions": interactions, "version": 1}, sort_keys=False, width=100, allow_unicode=True
    )
    (HERE / name).write_text(
        f"# Written by build_cassettes.py (not recorded): {purpose}\n" + text, encoding="utf-8"
    )


def main() -> None:
    write(
        "listing_three_pages.yaml", listing(False), "an org's repositories over three pages (Link rel=next)"
    )
    write(
        "listing_not_modified.yaml",
        listing(True),
        "the same three pages asked again with If-None-Match: 304 Not Modified each",
    )
    first = f"{API}/orgs/{ORG}/repos?per_page=100&type=all"
    limited = interaction(first, 403, "Forbidden", SECONDARY, extra={"Retry-After": "60"}, remaining=4990)
    write(
        "listing_secondary_limit.yaml",
        [limited, single_page()],
        "403 secondary rate limit, Retry-After: 60, then 200",
    )
    write("listing_secondary_limit_only.yaml", [limited], "403 secondary rate limit, Retry-After: 60")
    bad_gateway = interaction(first, 502, "Bad Gateway", {"message": "Server Error"}, remaining=4990)
    write("listing_bad_gateway_then_ok.yaml", [bad_gateway, single_page()], "502 Bad Gateway, then 200")
    write(
        "listing_ghes.yaml",
        [single_page(GHES_API, "https://ghe.example.com")],
        "GitHub Enterprise Server: the listing under https://HOST/api/v3",
    )
    not_found = {
        "message": "Not Found",
        "documentation_url": "https://docs.github.com/rest/repos/repos#list-organization-repositories",
        "status": "404",
    }
    user_page = interaction(
        f"{API}/users/{ORG}/repos?per_page=100&type=owner",
        200,
        "OK",
        [repo_body("api", False, False)],
        etag=ETAGS[0],
    )
    write(
        "listing_user_account.yaml",
        [interaction(first, 404, "Not Found", not_found), user_page],
        "the org listing is 404 (a user account), then the user's repositories",
    )

    write(
        "plan_three_full_pages.yaml",
        listing(False, PLAN_PAGES, PLAN_ETAGS),
        "225 repositories over three pages of up to 100 (Link rel=next), for org-plan",
    )
    write(
        "plan_not_modified.yaml",
        listing(True, PLAN_PAGES, PLAN_ETAGS),
        "the same three pages asked again with If-None-Match: 304 Not Modified each",
    )

    token = {
        "token": INSTALLATION_TOKEN,
        "expires_at": "2099-05-01T13:00:00Z",
        "permissions": {"contents": "read", "metadata": "read"},
        "repository_selection": "all",
    }
    minted = interaction(f"{API}/app/installations/777/access_tokens", 201, "Created", token, remaining=4999)
    minted["request"]["method"] = "POST"
    minted["request"]["headers"]["Authorization"] = ["Bearer REDACTED"]
    write(
        "app_installation_token.yaml",
        [minted, single_page()],
        "a GitHub App installation token minted (201), then the listing made with it",
    )


INSTALLATION_TOKEN = "ghs_" + "1nst4ll4t10n" * 3


if __name__ == "__main__":
    main()

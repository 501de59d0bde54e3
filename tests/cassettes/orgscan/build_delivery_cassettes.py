"""Writes the delivery-signal cassettes in this folder.

Run: python tests/cassettes/orgscan/build_delivery_cassettes.py

Nothing here talks to GitHub. The answers follow GitHub's REST shapes: the releases list
(``GET /repos/{owner}/{repo}/releases?per_page=100``: release objects, newest first, drafts with
``published_at: null``) and the pull-request list (``GET /repos/{owner}/{repo}/pulls?state=closed
&sort=updated&direction=desc&per_page=100``: pull requests with ``created_at``, ``updated_at``,
``closed_at`` and ``merged_at``, ``null`` when closed unmerged), paginated with ``Link`` headers
that point at ``/repositories/{id}/...`` as GitHub's do, each with a weak ``ETag``; a conditional
request answered ``304 Not Modified`` carries no body. Headers come from build_cassettes.py.

The clock of the tests is 2026-01-15T12:00:00Z (``NOW``): every date below is relative to it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from build_cassettes import API, ORG, interaction, repo_body, single_page, write

NOW = dt.datetime(2026, 1, 15, 12, 0, 0, tzinfo=dt.timezone.utc)
REPO_IDS = {"api": 100314, "web": 100330}


def stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def etag(url: str) -> str:
    return 'W/"' + hashlib.sha256(url.encode()).hexdigest() + '"'


def user(login: str = "octocat", uid: int = 583231) -> dict[str, Any]:
    return {
        "login": login,
        "id": uid,
        "node_id": "MDQ6VXNlcjU4MzIzMQ==",
        "avatar_url": f"https://avatars.githubusercontent.com/u/{uid}?v=4",
        "gravatar_id": "",
        "url": f"{API}/users/{login}",
        "html_url": f"https://github.com/{login}",
        "type": "User",
        "user_view_type": "public",
        "site_admin": False,
    }


def release(
    name: str, rid: int, tag: str, created: dt.datetime, *, draft: bool = False, pre: bool = False
) -> dict[str, Any]:
    full = f"{ORG}/{name}"
    return {
        "url": f"{API}/repos/{full}/releases/{rid}",
        "assets_url": f"{API}/repos/{full}/releases/{rid}/assets",
        "upload_url": f"https://uploads.github.com/repos/{full}/releases/{rid}/assets{{?name,label}}",
        "html_url": f"https://github.com/{full}/releases/tag/{tag}"
        if not draft
        else f"https://github.com/{full}/releases/tag/untagged-{rid:x}",
        "id": rid,
        "author": user(),
        "node_id": "RE_kwDOAAAAAM4AAAAA",
        "tag_name": tag,
        "target_commitish": "main",
        "name": tag,
        "draft": draft,
        "immutable": False,
        "prerelease": pre,
        "created_at": stamp(created),
        "updated_at": stamp(created + dt.timedelta(minutes=3)),
        "published_at": None if draft else stamp(created + dt.timedelta(minutes=2)),
        "assets": [],
        "tarball_url": f"{API}/repos/{full}/tarball/{tag}",
        "zipball_url": f"{API}/repos/{full}/zipball/{tag}",
        "body": f"## What's Changed\n* Release {tag}",
    }


def pull(
    name: str, number: int, created: dt.datetime, closed: dt.datetime, updated: dt.datetime, merged: bool
) -> dict[str, Any]:
    full = f"{ORG}/{name}"
    base_repo = repo_body(name, False, False)
    sha = hashlib.sha1(f"{full}#{number}".encode()).hexdigest()
    return {
        "url": f"{API}/repos/{full}/pulls/{number}",
        "id": 2000000000 + number,
        "node_id": "PR_kwDOAAAAAM5AAAAA",
        "html_url": f"https://github.com/{full}/pull/{number}",
        "diff_url": f"https://github.com/{full}/pull/{number}.diff",
        "patch_url": f"https://github.com/{full}/pull/{number}.patch",
        "issue_url": f"{API}/repos/{full}/issues/{number}",
        "number": number,
        "state": "closed",
        "locked": False,
        "title": f"Change number {number}",
        "user": user("contributor", 7001),
        "body": None,
        "created_at": stamp(created),
        "updated_at": stamp(updated),
        "closed_at": stamp(closed),
        "merged_at": stamp(closed) if merged else None,
        "merge_commit_sha": sha if merged else None,
        "assignee": None,
        "assignees": [],
        "requested_reviewers": [],
        "requested_teams": [],
        "labels": [],
        "milestone": None,
        "draft": False,
        "commits_url": f"{API}/repos/{full}/pulls/{number}/commits",
        "review_comments_url": f"{API}/repos/{full}/pulls/{number}/comments",
        "review_comment_url": f"{API}/repos/{full}/pulls/comments{{/number}}",
        "comments_url": f"{API}/repos/{full}/issues/{number}/comments",
        "statuses_url": f"{API}/repos/{full}/statuses/{sha}",
        "head": {
            "label": f"{ORG}:change-{number}",
            "ref": f"change-{number}",
            "sha": sha,
            "user": user(),
            "repo": base_repo,
        },
        "base": {"label": f"{ORG}:main", "ref": "main", "sha": "0" * 40, "user": user(), "repo": base_repo},
        "_links": {
            "self": {"href": f"{API}/repos/{full}/pulls/{number}"},
            "html": {"href": f"https://github.com/{full}/pull/{number}"},
        },
        "author_association": "CONTRIBUTOR",
        "auto_merge": None,
        "active_lock_reason": None,
    }


def pulls_url(name: str, page: int) -> str:
    query = "state=closed&sort=updated&direction=desc&per_page=100"
    if page == 1:
        return f"{API}/repos/{ORG}/{name}/pulls?{query}"
    return f"{API}/repositories/{REPO_IDS[name]}/pulls?{query}&page={page}"


def pulls_link(name: str, page: int, last: int) -> str:
    def url(k: int) -> str:
        return pulls_url(name, 2).replace("page=2", f"page={k}")

    parts = []
    if page > 1:
        parts += [f'<{url(page - 1)}>; rel="prev"', f'<{url(1)}>; rel="first"']
    if page < last:
        parts += [f'<{url(page + 1)}>; rel="next"', f'<{url(last)}>; rel="last"']
    return ", ".join(parts)


def releases_url(name: str) -> str:
    return f"{API}/repos/{ORG}/{name}/releases?per_page=100"


def api_releases() -> list[dict[str, Any]]:
    day = dt.timedelta(days=1)
    return [
        release("api", 9006, "v2.1.0-rc.1", NOW - 5 * day, pre=True),  # a pre-release: not counted
        release("api", 9005, "v2.0.1", NOW - 20 * day),  # inside 90 days
        release("api", 9004, "v2.0.0", NOW - 80 * day),  # inside 90 days
        release("api", 9003, "v1.9.0", NOW - 200 * day),  # inside the year only
        release("api", 9002, "v1.0.0", NOW - 500 * day),  # older than a year
        release("api", 9007, "v2.2.0", NOW - 1 * day, draft=True),  # a draft: not counted
    ]


def api_pull_pages() -> list[list[dict[str, Any]]]:
    """Page 1: 100 pull requests updated inside the window, every other one merged, lead times
    1..50 hours. Page 2: 10 more merged inside it (51..60 hours), 5 closed unmerged inside it,
    then 5 updated before the window (merged long ago): 60 merged in 90 days, median 30.5 h."""
    hour, day = dt.timedelta(hours=1), dt.timedelta(days=1)
    first = []
    for i in range(100):
        closed = NOW - dt.timedelta(hours=2 + i)
        merged = i % 2 == 0
        lead = (i // 2 + 1) * hour if merged else 3 * hour
        first.append(
            pull("api", 1000 - i, closed - lead, closed, closed + 10 * dt.timedelta(minutes=1), merged)
        )
    second = []
    for k in range(10):
        closed = NOW - 40 * day - k * hour
        second.append(pull("api", 800 - k, closed - (51 + k) * hour, closed, closed, True))
    for k in range(5):
        closed = NOW - 50 * day - k * hour
        second.append(pull("api", 700 - k, closed - 2 * hour, closed, closed, False))
    for k in range(5):
        closed = NOW - 100 * day - k * day
        second.append(pull("api", 600 - k, closed - 5 * hour, closed, closed, True))
    return [first, second]


def web_pulls() -> list[dict[str, Any]]:
    hour, day = dt.timedelta(hours=1), dt.timedelta(days=1)
    return [
        pull("web", 41, NOW - 3 * day - 24 * hour, NOW - 3 * day, NOW - 3 * day, True),  # 24 h
        pull("web", 40, NOW - 9 * day - 48 * hour, NOW - 9 * day, NOW - 9 * day, True),  # 48 h
        pull("web", 39, NOW - 10 * day - 2 * hour, NOW - 10 * day, NOW - 10 * day, False),
    ]


def answers() -> list[tuple[str, Any, str]]:
    """(url, body, Link header) in the order the measurement asks: api, then web."""
    pages = api_pull_pages()
    return [
        (releases_url("api"), api_releases(), ""),
        (pulls_url("api", 1), pages[0], pulls_link("api", 1, 2)),
        (pulls_url("api", 2), pages[1], pulls_link("api", 2, 2)),
        (releases_url("web"), [], ""),
        (pulls_url("web", 1), web_pulls(), ""),
    ]


def main() -> None:
    first, again = [], []
    for n, (url, body, link) in enumerate(answers(), start=1):
        extra = {"Link": link} if link else {}
        first.append(interaction(url, 200, "OK", body, etag=etag(url), remaining=5000 - n, extra=extra))
        again.append(
            interaction(
                url,
                304,
                "Not Modified",
                "",
                if_none_match=etag(url),
                etag=etag(url),
                remaining=4995,
                extra=extra,
            )
        )
    write(
        "delivery_first.yaml",
        first,
        "delivery signals of acme/api and acme/web: releases (one page each), closed pull requests "
        "by last update (api: two pages, the second reaching past the 90-day window; web: one)",
    )
    hour, day = dt.timedelta(hours=1), dt.timedelta(days=1)
    api_pulls = [  # merged after 6 h and 10 h: median 8 h
        pull("api", 12, NOW - 2 * day - 6 * hour, NOW - 2 * day, NOW - 2 * day, True),
        pull("api", 11, NOW - 4 * day - 10 * hour, NOW - 4 * day, NOW - 4 * day, True),
    ]
    small = [
        (releases_url("api"), api_releases(), ""),
        (pulls_url("api", 1), api_pulls, ""),
        (releases_url("web"), [], ""),
        (pulls_url("web", 1), web_pulls(), ""),
    ]
    write(
        "scan_with_delivery.yaml",
        [
            single_page(),
            *(
                interaction(url, 200, "OK", body, etag=etag(url), remaining=4980 - n)
                for n, (url, body, _link) in enumerate(small)
            ),
        ],
        "org-scan acme --delivery-signals: the listing (acme/api, acme/web), then their delivery signals",
    )
    write(
        "delivery_not_modified.yaml",
        again,
        "the same five requests asked again with If-None-Match: 304 Not Modified each",
    )
    from build_cassettes import SECONDARY

    limited = interaction(
        releases_url("api"), 403, "Forbidden", SECONDARY, extra={"Retry-After": "60"}, remaining=4990
    )
    write(
        "delivery_secondary_limit.yaml",
        [limited],
        "403 secondary rate limit on the first releases request, Retry-After: 60",
    )
    missing = {
        "message": "Not Found",
        "documentation_url": "https://docs.github.com/rest/releases/releases#list-releases",
        "status": "404",
    }
    url_web = releases_url("web")
    write(
        "delivery_not_found.yaml",
        [
            interaction(url_web, 404, "Not Found", missing, remaining=4998),
            interaction(
                pulls_url("web", 1), 200, "OK", web_pulls(), etag=etag(pulls_url("web", 1)), remaining=4997
            ),
        ],
        "the releases of acme/web answer 404; its pull requests answer",
    )


if __name__ == "__main__":
    main()

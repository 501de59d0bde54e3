"""Writes the cassettes in this folder (run: python tests/cassettes/github/build_cassettes.py).

Nothing here talks to GitHub. Each cassette is written by hand, in code, for the test
that replays it; status codes, header names and value formats, and body shapes follow
real GitHub REST recordings (check-run create 201 with Location, ETag and X-RateLimit-*;
a 403 secondary limit with ``Retry-After: 60``; a 403 with ``x-ratelimit-remaining: 0``;
issue-comment listing with a ``Link: rel="next"`` header; comment PATCH 200). The expected
request bodies are spelled out here from the test report's definition, independently of
platform-lint's code, so a replay proves what was sent. ``<<ANY>>`` marks the summary
Markdown, which the renderer's own tests pin.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
API = "https://api.github.com"
REPO = "acme/widgets"
REPO_ID = 1000
HEAD_SHA = "3f786850e387550fdab836ed7e6dc881de23001b"
RUN_ID = 4242
RUN_URL = "https://github.com/acme/widgets/actions/runs/99"
PR = 7
MARKER = "<!-- platform-lint:report -->"
DATE = "Wed, 01 May 2024 12:00:00 GMT"
RESET = 1714568400
ANY = "<<ANY>>"


def expected_annotations(count: int) -> list[dict[str, Any]]:
    """The check-run annotations for tests/github/gh_reports.make_report(count): most severe first,
    then by path and line (all are errors here)."""
    items = sorted(range(count), key=lambda i: (f"api/service{i % 4}.yaml", i + 1))
    return [
        {
            "path": f"api/service{i % 4}.yaml",
            "start_line": i + 1,
            "end_line": i + 1,
            "annotation_level": "failure",
            "message": f"operation {i} has no response schema",
            "title": "platform-lint contracts.openapi-valid",
            "start_column": 3,
            "end_column": 9,
            "raw_details": "Fix the specification.",
        }
        for i in items
    ]


def headers(
    body: str,
    status: str,
    *,
    remaining: int = 4990,
    extra: dict[str, str] | None = None,
    etag: str | None = '"a1b2c3d4e5f60718293a4b5c6d7e8f90"',
) -> dict[str, list[str]]:
    h = {
        "Content-Type": "application/json; charset=utf-8",
        "Date": DATE,
        "Server": "GitHub.com",
        "Status": status,
        "X-GitHub-Media-Type": "github.v3; format=json",
        "X-GitHub-Request-Id": "C0DE:1234:5678:9ABC:66323D80",
        "X-RateLimit-Limit": "5000",
        "X-RateLimit-Remaining": str(remaining),
        "X-RateLimit-Reset": str(RESET),
        "X-RateLimit-Used": str(5000 - remaining),
        "X-RateLimit-Resource": "core",
        "Content-Length": str(len(body.encode("utf-8"))),
        "x-github-api-version-selected": "2022-11-28",
    }
    if etag:
        h["ETag"] = etag
    h.update(extra or {})
    return {k: [v] for k, v in sorted(h.items())}


def interaction(
    method: str, uri: str, request_body: Any, code: int, message: str, body: Any, **kw: Any
) -> dict[str, Any]:
    text = body if isinstance(body, str) else json.dumps(body, separators=(",", ":"))
    return {
        "request": {
            "body": None if request_body is None else json.dumps(request_body),
            "headers": {
                "Accept": ["*/*"],
                "Authorization": ["token REDACTED"],
                "User-Agent": ["platform-lint"],
                **({"Content-Type": ["application/json"]} if request_body is not None else {}),
            },
            "method": method,
            "uri": uri,
        },
        "response": {
            "body": {"string": text},
            "headers": headers(text, f"{code} {message}", **kw),
            "status": {"code": code, "message": message},
        },
    }


def check_run_body(status: str, conclusion: str | None, annotations_count: int) -> dict[str, Any]:
    return {
        "id": RUN_ID,
        "node_id": "CR_kwDOAAAD6M8AAAABAAAQkg",
        "head_sha": HEAD_SHA,
        "external_id": "",
        "url": f"{API}/repos/{REPO}/check-runs/{RUN_ID}",
        "html_url": f"https://github.com/{REPO}/runs/{RUN_ID}",
        "details_url": RUN_URL,
        "status": status,
        "conclusion": conclusion,
        "started_at": "2024-05-01T12:00:00Z",
        "completed_at": "2024-05-01T12:00:02Z" if status == "completed" else None,
        "output": {
            "title": "placeholder",
            "summary": "placeholder",
            "text": None,
            "annotations_count": annotations_count,
            "annotations_url": f"{API}/repos/{REPO}/check-runs/{RUN_ID}/annotations",
        },
        "name": "platform-lint",
        "check_suite": {"id": 5555},
        "app": {"id": 15368, "slug": "github-actions", "name": "GitHub Actions"},
        "pull_requests": [],
    }


def create_body(
    annotations: list[dict[str, Any]], *, status: str, conclusion: str | None, title: str
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": "platform-lint",
        "head_sha": HEAD_SHA,
        "details_url": RUN_URL,
        "status": status,
    }
    if conclusion:
        body["conclusion"] = conclusion
    body["output"] = {"title": title, "summary": ANY, "annotations": annotations}
    return body


def write(name: str, interactions: list[dict[str, Any]], purpose: str) -> None:
    text = yaml.safe_dump(
        {"interactions": interactions, "version": 1}, sort_keys=False, width=100, allow_unicode=True
    )
    (HERE / name).write_text(
        f"# Written by build_cassettes.py (not recorded): {purpose}\n" + text, encoding="utf-8"
    )


def user(login: str, uid: int, kind: str = "User") -> dict[str, Any]:
    return {
        "login": login,
        "id": uid,
        "type": kind,
        "site_admin": False,
        "url": f"{API}/users/{login}",
        "html_url": f"https://github.com/{login}",
    }


def comment(cid: int, body: str, author: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": cid,
        "node_id": f"IC_kwDOAAAD6M5{cid:08d}",
        "url": f"{API}/repos/{REPO}/issues/comments/{cid}",
        "html_url": f"https://github.com/{REPO}/pull/{PR}#issuecomment-{cid}",
        "issue_url": f"{API}/repos/{REPO}/issues/{PR}",
        "body": body,
        "user": author,
        "created_at": "2024-04-30T09:00:00Z",
        "updated_at": "2024-04-30T09:00:00Z",
        "author_association": "MEMBER",
    }


BOT = user("github-actions[bot]", 41898282, "Bot")
COMMENTS = f"{API}/repos/{REPO}/issues/{PR}/comments?per_page=100"
WHO_AM_I = f"{API}/user"


def installation_token_cannot_read_user() -> dict[str, Any]:
    """GET /user with the Actions token (an installation token): 403, as GitHub answers it."""
    return interaction(
        "GET",
        WHO_AM_I,
        None,
        403,
        "Forbidden",
        {
            "message": "Resource not accessible by integration",
            "documentation_url": "https://docs.github.com/rest/users/users#get-the-authenticated-user",
            "status": "403",
        },
        etag=None,
    )


def marker_body(text: str, digest: str = "0" * 32) -> str:
    return f"{MARKER}\n<!-- platform-lint:digest {digest} -->\n{text}"


SMALL_TITLE = "Level none: 3 new findings at or above error"
CREATE = f"{API}/repos/{REPO}/check-runs"


def main() -> None:
    # 1. 120 annotations in 3 batches: create (in_progress, 50), update (50), update (20, completed).
    ann = expected_annotations(120)
    title = "Level none: 120 new findings at or above error"
    write(
        "check_run_120_annotations.yaml",
        [
            interaction(
                "POST",
                CREATE,
                create_body(ann[:50], status="in_progress", conclusion=None, title=title),
                201,
                "Created",
                check_run_body("in_progress", None, 50),
                extra={"Location": f"{API}/repos/{REPO}/check-runs/{RUN_ID}"},
            ),
            interaction(
                "PATCH",
                f"{CREATE}/{RUN_ID}",
                {"output": {"title": title, "summary": ANY, "annotations": ann[50:100]}},
                200,
                "OK",
                check_run_body("in_progress", None, 100),
                remaining=4989,
            ),
            interaction(
                "PATCH",
                f"{CREATE}/{RUN_ID}",
                {
                    "status": "completed",
                    "conclusion": "failure",
                    "output": {"title": title, "summary": ANY, "annotations": ann[100:]},
                },
                200,
                "OK",
                check_run_body("completed", "failure", 120),
                remaining=4988,
            ),
        ],
        "check run with 120 annotations sent in batches of 50, 50 and 20",
    )

    # 2a. first run: no comment yet -> one is created.
    created = comment(9001, MARKER + "\n(first run)", BOT)
    write(
        "comment_create.yaml",
        [
            interaction("GET", COMMENTS, None, 200, "OK", []),
            interaction(
                "POST",
                f"{API}/repos/{REPO}/issues/{PR}/comments",
                {"body": f"<<STARTSWITH:{MARKER}>>"},
                201,
                "Created",
                created,
                extra={"Location": f"{API}/repos/{REPO}/issues/comments/9001"},
            ),
        ],
        "first run: the sticky comment does not exist yet and is created",
    )

    # 2b. second run: 100 other comments on page 1, the marker comment on page 2 -> edited in place.
    page1 = [comment(8000 + i, f"review remark {i}", user("dev-alice", 501)) for i in range(100)]
    page2 = [
        comment(8100, "LGTM once the spec is fixed", user("dev-bob", 502)),
        comment(9001, MARKER + "\n<!-- platform-lint:digest " + "0" * 32 + " -->\nold report", BOT),
    ]
    nxt = f"{API}/repositories/{REPO_ID}/issues/{PR}/comments?per_page=100&page=2"
    write(
        "comment_edit_page2.yaml",
        [
            interaction(
                "GET",
                COMMENTS,
                None,
                200,
                "OK",
                page1,
                extra={"Link": f'<{nxt}>; rel="next", <{nxt}>; rel="last"'},
            ),
            interaction(
                "GET",
                nxt,
                None,
                200,
                "OK",
                page2,
                extra={
                    "Link": f"<{API}/repositories/{REPO_ID}/issues/{PR}/comments?per_page=100&page=1>; "
                    'rel="prev", '
                    f"<{API}/repositories/{REPO_ID}/issues/{PR}/comments?per_page=100&page=1>; "
                    'rel="first"'
                },
            ),
            installation_token_cannot_read_user(),
            interaction(
                "PATCH",
                f"{API}/repos/{REPO}/issues/comments/9001",
                {"body": f"<<STARTSWITH:{MARKER}>>"},
                200,
                "OK",
                {**page2[1], "body": MARKER + "\n(second run)", "updated_at": "2024-05-01T12:00:03Z"},
                remaining=4987,
            ),
        ],
        "second run: the marker comment is on page 2 of the comments and is edited, not duplicated",
    )

    # 2c. a stranger's comment carries the marker (a copy of the bot's, same digest): it is not
    # platform-lint's, so it neither counts as the report nor gets edited; a new comment is made.
    mallory = user("mallory", 666)
    write(
        "comment_stranger_marker.yaml",
        [
            interaction(
                "GET",
                COMMENTS,
                None,
                200,
                "OK",
                [
                    comment(8200, marker_body("All good here, nothing to see."), mallory),
                    comment(8201, MARKER, mallory),
                ],
            ),
            installation_token_cannot_read_user(),
            interaction(
                "POST",
                f"{API}/repos/{REPO}/issues/{PR}/comments",
                {"body": f"<<STARTSWITH:{MARKER}>>"},
                201,
                "Created",
                comment(9002, MARKER + "\n(platform-lint)", BOT),
                extra={"Location": f"{API}/repos/{REPO}/issues/comments/9002"},
            ),
        ],
        "comments with the marker written by someone else are ignored: the bot makes its own",
    )
    write(
        "comment_stranger_marker_passing.yaml",
        [
            interaction("GET", COMMENTS, None, 200, "OK", [comment(8202, MARKER, mallory)]),
            installation_token_cannot_read_user(),
        ],
        "a passing run, and only a stranger's marker comment: nothing is edited or created",
    )

    # 2d. others' marker comments come first; the bot's own is edited, theirs are not.
    write(
        "comment_own_among_others.yaml",
        [
            interaction(
                "GET",
                COMMENTS,
                None,
                200,
                "OK",
                [
                    comment(8300, MARKER, mallory),
                    comment(8301, marker_body("quoted report"), user("dependabot[bot]", 49699333, "Bot")),
                    comment(9003, marker_body("old report"), BOT),
                ],
            ),
            installation_token_cannot_read_user(),
            interaction(
                "PATCH",
                f"{API}/repos/{REPO}/issues/comments/9003",
                {"body": f"<<STARTSWITH:{MARKER}>>"},
                200,
                "OK",
                comment(9003, MARKER + "\n(updated)", BOT),
            ),
        ],
        "the bot's own marker comment is edited; marker comments by others are left alone",
    )

    # 2e. a personal token: GET /user names the login; its comment is edited, the Actions bot's
    # (another identity) is not.
    release_bot = user("release-bot", 777)
    write(
        "comment_user_token.yaml",
        [
            interaction(
                "GET",
                COMMENTS,
                None,
                200,
                "OK",
                [
                    comment(9004, marker_body("from the Actions token"), BOT),
                    comment(9005, marker_body("mine"), release_bot),
                ],
            ),
            interaction(
                "GET",
                WHO_AM_I,
                None,
                200,
                "OK",
                {**release_bot, "name": "Release Bot", "public_repos": 0, "followers": 0, "following": 0},
            ),
            interaction(
                "PATCH",
                f"{API}/repos/{REPO}/issues/comments/9005",
                {"body": f"<<STARTSWITH:{MARKER}>>"},
                200,
                "OK",
                comment(9005, MARKER + "\n(updated)", release_bot),
            ),
        ],
        "a personal token: the comment written by the token's own login is edited",
    )

    # 3. a fork's read-only token: 403 on the check run and on the comment.
    forbidden = {
        "message": "Resource not accessible by integration",
        "documentation_url": "https://docs.github.com/rest/checks/runs#create-a-check-run",
        "status": "403",
    }
    small = expected_annotations(3)
    # the verdict depends on --fail-on, which this test varies: title and conclusion are left open
    write(
        "forbidden_403.yaml",
        [
            interaction(
                "POST",
                CREATE,
                create_body(small, status="completed", conclusion=ANY, title=ANY),
                403,
                "Forbidden",
                forbidden,
                etag=None,
                extra={"x-accepted-github-permissions": "checks=write"},
            ),
            interaction("GET", COMMENTS, None, 200, "OK", []),
            interaction(
                "POST",
                f"{API}/repos/{REPO}/issues/{PR}/comments",
                {"body": f"<<STARTSWITH:{MARKER}>>"},
                403,
                "Forbidden",
                {
                    **forbidden,
                    "documentation_url": "https://docs.github.com/rest/issues/comments#create-an-issue-comment",
                },
                etag=None,
                extra={"x-accepted-github-permissions": "issues=write; pull_requests=write"},
            ),
        ],
        "read-only token (fork pull request): 403 on check-run create and on comment create",
    )

    # 4. secondary rate limit with Retry-After, then success.
    done = check_run_body("completed", "failure", 3)
    create_small = create_body(small, status="completed", conclusion="failure", title=SMALL_TITLE)
    secondary = {
        "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"
        "#about-secondary-rate-limits",
        "message": "You have exceeded a secondary rate limit. Please wait a few minutes before you "
        "try again. If you reach out to GitHub Support for help, please include the "
        "request ID C0DE:1234:5678:9ABC:66323D80.",
    }
    write(
        "rate_limit_retry_after.yaml",
        [
            interaction(
                "POST",
                CREATE,
                create_small,
                403,
                "Forbidden",
                secondary,
                etag=None,
                extra={"Retry-After": "60"},
            ),
            interaction(
                "POST",
                CREATE,
                create_small,
                201,
                "Created",
                done,
                extra={"Location": f"{API}/repos/{REPO}/check-runs/{RUN_ID}"},
            ),
        ],
        "403 secondary rate limit with Retry-After: 60, then the same request succeeds",
    )

    # 5. primary rate limit exhausted (remaining 0 until reset), then success.
    primary = {
        "message": "API rate limit exceeded for installation ID 1000.",
        "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"
        "#about-rate-limits",
    }
    write(
        "rate_limit_primary.yaml",
        [
            interaction("POST", CREATE, create_small, 403, "Forbidden", primary, remaining=0, etag=None),
            interaction(
                "POST",
                CREATE,
                create_small,
                201,
                "Created",
                done,
                extra={"Location": f"{API}/repos/{REPO}/check-runs/{RUN_ID}"},
            ),
        ],
        "403 primary rate limit (x-ratelimit-remaining: 0), waited out until x-ratelimit-reset",
    )

    # 6. 5xx, then success.
    write(
        "server_error_then_success.yaml",
        [
            interaction(
                "POST", CREATE, create_small, 502, "Bad Gateway", {"message": "Server Error"}, etag=None
            ),
            interaction(
                "POST",
                CREATE,
                create_small,
                503,
                "Service Unavailable",
                {"message": "Service Unavailable"},
                etag=None,
            ),
            interaction(
                "POST",
                CREATE,
                create_small,
                201,
                "Created",
                done,
                extra={"Location": f"{API}/repos/{REPO}/check-runs/{RUN_ID}"},
            ),
        ],
        "502 then 503 from GitHub, then the same request succeeds",
    )


if __name__ == "__main__":
    main()

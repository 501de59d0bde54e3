"""Writes the cassettes in this folder (run: python tests/cassettes/safety/build_cassettes.py).

Nothing here talks to GitHub. Status codes, header names and body shapes follow real GitHub
REST recordings (a 401 ``{"message": ..., "documentation_url": ...}`` with X-RateLimit-*);
the bodies echo a token, as a misbehaving proxy or API error could, so the tests can prove
platform-lint never writes it out.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
API = "https://api.github.com"
REPO = "acme/widgets"
HEAD_SHA = "3f786850e387550fdab836ed7e6dc881de23001b"
ECHOED_TOKEN = "ghs_" + "EchoedBackByTheApi0123456789abcdefghij"
IN_USE = "v1.0123456789abcdef0123456789abcdef01234567"  # an older installation-token form
DATE = "Wed, 01 May 2024 12:00:00 GMT"


def headers(body: str, status: str) -> dict[str, list[str]]:
    h = {
        "Content-Type": "application/json; charset=utf-8",
        "Date": DATE,
        "Server": "GitHub.com",
        "Status": status,
        "X-GitHub-Media-Type": "github.v3; format=json",
        "X-GitHub-Request-Id": "C0DE:1234:5678:9ABC:66323D81",
        "X-RateLimit-Limit": "60",
        "X-RateLimit-Remaining": "59",
        "X-RateLimit-Reset": "1714568400",
        "X-RateLimit-Used": "1",
        "X-RateLimit-Resource": "core",
        "Content-Length": str(len(body.encode("utf-8"))),
        "x-github-api-version-selected": "2022-11-28",
    }
    return {k: [v] for k, v in sorted(h.items())}


def interaction(method: str, uri: str, code: int, message: str, body: Any) -> dict[str, Any]:
    text = json.dumps(body, separators=(",", ":"))
    return {
        "request": {
            "body": None,
            "headers": {
                "Accept": ["*/*"],
                "Authorization": ["token REDACTED"],
                "User-Agent": ["platform-lint"],
            },
            "method": method,
            "uri": uri,
        },
        "response": {
            "body": {"string": text},
            "headers": headers(text, f"{code} {message}"),
            "status": {"code": code, "message": message},
        },
    }


def write(name: str, interactions: list[dict[str, Any]], purpose: str) -> None:
    text = yaml.safe_dump({"interactions": interactions, "version": 1}, sort_keys=False, width=100)
    (HERE / name).write_text(
        f"# Written by build_cassettes.py (not recorded): {purpose}\n" + text, encoding="utf-8"
    )


def main() -> None:
    refused = {
        "message": f"Bad credentials: {IN_USE} (or {ECHOED_TOKEN}) is not valid",
        "documentation_url": "https://docs.github.com/rest",
        "status": "401",
    }
    write(
        "token_echoed_in_errors.yaml",
        [
            interaction(
                "GET", f"{API}/repos/{REPO}/codeowners/errors?ref={HEAD_SHA}", 401, "Unauthorized", refused
            ),
            interaction(
                "GET", f"{API}/repos/{REPO}/collaborators/alice/permission", 401, "Unauthorized", refused
            ),
        ],
        "GitHub refuses the token and its error message repeats it",
    )


if __name__ == "__main__":
    main()

"""Frugal REST reads: conditional requests with an ETag cache, Link-header pagination, and a count.

org-scan lists an organisation's repositories and reads one policy file through here. Each
answer's ``ETag`` is kept (with the body, trimmed by the caller) in an :class:`EtagCache`; the
next scan sends ``If-None-Match`` and GitHub answers ``304 Not Modified``, which does not count
against the rate limit. Retries (5xx with backoff, ``Retry-After``, the primary reset) happen
below, in the client's :class:`~platform_lint.github.client.RetryPolicy`; when GitHub asks for a
longer wait than the policy allows, the reader raises :class:`RateLimitStop` saying when to
try again.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from github import GithubException

from platform_lint.errors import GitHubError
from platform_lint.github.client import GitHubClient, rate_limit_wait, translate

_NEXT = re.compile(r'<([^>]+)>\s*;\s*rel="?next"?')

Trim = Callable[[Any], Any]


class RateLimitStop(GitHubError):
    """GitHub asked for a longer wait than allowed: stop now, resume after ``resume_at``."""

    def __init__(self, message: str, wait_s: float, resume_at: float) -> None:
        super().__init__(message)
        self.wait_s = wait_s
        self.resume_at = resume_at  # seconds since the epoch


class NotFound(GitHubError):
    """404: the resource does not exist or the credentials cannot see it."""


@dataclass
class EtagCache:
    """URL -> (ETag, trimmed body, next page URL), kept in a JSON file between scans.

    Losing it only costs full answers on the next scan."""

    path: Path | None
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)

    VERSION = 1

    @classmethod
    def load(cls, path: Path | None) -> EtagCache:
        cache = cls(path)
        if path is None:
            return cache
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") == cls.VERSION and isinstance(data.get("entries"), dict):
                cache.entries = {
                    k: v for k, v in data["entries"].items() if isinstance(v, dict) and "etag" in v
                }
        except (OSError, ValueError, AttributeError):
            pass
        return cache

    def get(self, url: str) -> dict[str, Any] | None:
        return self.entries.get(url)

    def put(self, url: str, etag: str, body: Any, next_url: str | None) -> None:
        self.entries[url] = {"etag": etag, "body": body, "next": next_url}

    def save(self) -> None:
        if self.path is None:
            return
        from platform_lint.safety import write_atomic

        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path, json.dumps({"version": self.VERSION, "entries": self.entries}))


@dataclass(frozen=True)
class Answer:
    status: int  # 200, or 304 when the cached body was reused
    body: Any
    next_url: str | None


def next_link(headers: dict[str, Any]) -> str | None:
    """The ``rel="next"`` URL of a ``Link`` header, if any."""
    for name, value in headers.items():
        if name.lower() == "link" and isinstance(value, str):
            match = _NEXT.search(value)
            if match:
                return match.group(1)
    return None


class RestReader:
    """GET requests through the client's requester, conditional when the cache knows the URL.

    ``requests`` counts the answers that cost rate limit (everything but 304), ``not_modified``
    the 304 answers; retries below (urllib3) are not counted here."""

    def __init__(self, client: GitHubClient, cache: EtagCache) -> None:
        self.client = client
        self.cache = cache
        self.requests = 0
        self.not_modified = 0

    def get(self, url: str, action: str, trim: Trim = lambda body: body) -> Answer:
        cached = self.cache.get(url)
        headers = {"Accept": "application/vnd.github+json"}
        if cached is not None:
            headers["If-None-Match"] = str(cached["etag"])
        requester = self.client.github.requester
        try:
            status, answer_headers, text = requester.requestJson("GET", url, headers=headers)
        except GithubException as exc:
            raise translate(exc, action, self.client.settings.token) from None
        except OSError as exc:  # requests' ConnectionError and timeouts are OSErrors
            raise GitHubError(f"{action}: GitHub did not answer: {self.client.mask(str(exc))}") from None
        if status == 304 and cached is not None:
            self.not_modified += 1
            return Answer(304, cached["body"], cached.get("next"))
        self.requests += 1
        if status >= 400:
            self._fail(status, answer_headers, text, action)
        try:
            body = json.loads(text) if text else None
        except ValueError:
            raise GitHubError(f"{action}: GitHub answered {status} with a body that is not JSON") from None
        trimmed = trim(body)
        nxt = next_link(answer_headers)
        etag = _header(answer_headers, "etag")
        if etag:
            self.cache.put(url, etag, trimmed, nxt)
        return Answer(status, trimmed, nxt)

    def pages(self, url: str, action: str, trim: Trim) -> Iterator[Answer]:
        """Every page from ``url`` on, following ``Link: rel="next"``."""
        seen: set[str] = set()
        next_url: str | None = url
        while next_url is not None and next_url not in seen:
            seen.add(next_url)
            answer = self.get(next_url, action, trim)
            yield answer
            next_url = answer.next_url

    def _fail(self, status: int, headers: dict[str, Any], text: str, action: str) -> None:
        policy = self.client.settings.retry
        if status in (403, 429):
            wait = rate_limit_wait({str(k): str(v) for k, v in headers.items()}, policy)
            if wait is None and status == 429:
                wait = policy.secondary_wait
            if wait is not None:
                resume_at = policy.clock() + wait
                raise RateLimitStop(
                    f"{action}: GitHub rate limit ({status}): asked to wait {wait:.0f}s, more than the "
                    f"scan may still wait (--max-wait {policy.max_wait:g}s in all)",
                    wait,
                    resume_at,
                )
        try:
            data = json.loads(text) if text else None
        except ValueError:
            data = text
        error = translate(GithubException(status, data, headers), action, self.client.settings.token)
        if status == 404:
            raise NotFound(str(error)) from None
        raise error


def _header(headers: dict[str, Any], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return str(value)
    return None

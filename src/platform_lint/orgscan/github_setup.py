"""Wiring an org-scan of a GitHub organisation: credentials, the API and clone URLs, the REST
reader with its ETag cache, and the source.

* ``--api-url`` (else ``GITHUB_API_URL``, else https://api.github.com). GitHub Enterprise
  Server's REST base is ``https://HOST/api/v3`` and its clones are served from ``https://HOST/``.
* A token from ``--token-env NAME`` (else ``GITHUB_TOKEN``, ``GH_TOKEN``), or a GitHub App:
  ``--app-id``, ``--private-key-file`` (read as a regular file of at most 64 KiB, never
  printed) and ``--installation-id``.
* Waits: the client's retry policy (5xx backoff, ``Retry-After``, the primary reset) with
  ``--max-wait`` as all the waiting the scan may do; the clock is :func:`platform_lint.app.clock`.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from platform_lint import app, safety
from platform_lint.errors import UsageError
from platform_lint.github.client import (
    DEFAULT_API_URL,
    GitHubClient,
    GitHubSettings,
    RetryBudget,
    RetryPolicy,
    app_installation_auth,
)
from platform_lint.github.rest import EtagCache, RestReader
from platform_lint.orgscan.github_listing import Listing, list_repositories
from platform_lint.orgscan.github_source import GitHubSource
from platform_lint.orgscan.remote import HttpsRemote, Remote

ETAGS = "state/github-etags.json"
MAX_KEY_BYTES = 64 * 1024


@dataclass(frozen=True)
class GitHubScanSettings:
    org: str
    api_url: str | None = None
    token_env: str | None = None
    app_id: str | None = None
    private_key_file: Path | None = None
    installation_id: int | None = None
    include_archived: bool = False
    include_forks: bool = False
    max_wait: float = 300.0
    env: Mapping[str, str] = field(default_factory=lambda: os.environ, repr=False)
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False, compare=False)
    """How waits are waited (tests count them instead)."""
    clock: Callable[[], float] | None = field(default=None, repr=False, compare=False)
    """Seconds since the epoch; default :func:`platform_lint.app.clock`."""


def server_url_for(api_url: str) -> str:
    """Where clones come from: github.com for api.github.com, ``https://HOST`` for
    ``https://HOST/api/v3`` (GitHub Enterprise Server)."""
    api = api_url.rstrip("/")
    if api == DEFAULT_API_URL:
        return "https://github.com"
    if api.startswith("https://") and api.endswith("/api/v3"):
        return api[: -len("/api/v3")]
    raise UsageError(
        f"--api-url {api_url}: expected https://api.github.com or a GitHub Enterprise Server's "
        "https://HOST/api/v3"
    )


def _token(settings: GitHubScanSettings) -> str | None:
    names = [settings.token_env] if settings.token_env else ["GITHUB_TOKEN", "GH_TOKEN"]
    for name in names:
        value = settings.env.get(name or "")
        if value:
            safety.add_secret(value)
            return value
    if settings.token_env:
        raise UsageError(f"--token-env {settings.token_env}: that environment variable is not set")
    return None


def _private_key(path: Path) -> str:
    try:
        raw = safety.read_regular(path, MAX_KEY_BYTES)
    except safety.Unsafe as exc:
        raise UsageError(f"--private-key-file {path}: {exc}") from None
    except OSError as exc:
        raise UsageError(f"--private-key-file {path}: cannot read it: {exc.strerror or exc}") from None
    text = raw.decode("utf-8", "replace")
    if "PRIVATE KEY-----" not in text:
        raise UsageError(f"--private-key-file {path}: not a PEM private key")
    safety.add_secret(text.strip())
    return text


def build_client(
    settings: GitHubScanSettings, log: Callable[[str], None], command: str = "org-scan"
) -> GitHubClient:
    app_parts = (settings.app_id, settings.private_key_file, settings.installation_id)
    if any(p is not None for p in app_parts) and not all(p is not None for p in app_parts):
        raise UsageError("a GitHub App needs all of --app-id, --private-key-file and --installation-id")
    api_url = (settings.api_url or settings.env.get("GITHUB_API_URL") or DEFAULT_API_URL).rstrip("/")
    server_url = server_url_for(api_url)
    retry = RetryPolicy(
        max_wait=settings.max_wait,
        budget=RetryBudget(settings.max_wait),  # all the scan's waiting, as for check and publish
        sleep=settings.sleep,
        clock=settings.clock or (lambda: app.clock().timestamp()),
        log=lambda m: log(safety.mask(m)),
    )
    if settings.app_id is not None:
        assert settings.private_key_file is not None and settings.installation_id is not None
        key = _private_key(settings.private_key_file)
        gh = GitHubSettings(token=None, api_url=api_url, server_url=server_url, retry=retry)
        return GitHubClient(gh, app_installation_auth(settings.app_id, key, settings.installation_id))
    token = _token(settings)
    if token is None:
        log(f"{command}: no token (GITHUB_TOKEN, --token-env or a GitHub App): public repositories only")
    return GitHubClient(GitHubSettings(token=token, api_url=api_url, server_url=server_url, retry=retry))


def build_lister(
    settings: GitHubScanSettings,
    out: Path,
    log: Callable[[str], None],
    client: GitHubClient,
    command: str = "org-scan",
) -> tuple[Callable[[], Listing], RestReader]:
    """The organisation's listing (REST, through the ETag cache in ``out``) and the reader that
    counts its requests."""
    reader = RestReader(client, EtagCache.load(out / ETAGS))

    def lister() -> Listing:
        try:
            return list_repositories(
                reader,
                settings.org,
                include_archived=settings.include_archived,
                include_forks=settings.include_forks,
                say=lambda m: log(f"{command}: {m}"),
            )
        finally:
            reader.cache.save()

    return lister, reader


def build_source(
    settings: GitHubScanSettings,
    out: Path,
    log: Callable[[str], None],
    *,
    max_bytes: int,
    client: GitHubClient | None = None,
    remote: Remote | None = None,
    listing: Listing | None = None,
) -> tuple[GitHubSource, RestReader]:
    """The source and its REST reader (whose counts the command reports). ``listing``, when
    given (a plan's), is scanned instead of listing the organisation. ``remote`` lets tests
    serve local bare repositories; users always get :class:`HttpsRemote`."""
    client = client or build_client(settings, log)
    lister, reader = build_lister(settings, out, log, client)
    if listing is not None:
        planned = listing
        lister = lambda: planned  # noqa: E731
    token: Callable[[], str | None] = client.current_token
    remote = remote or HttpsRemote(client.settings.server_url, None)
    describe = f"{client.settings.api_url}/orgs/{settings.org}"
    source = GitHubSource(
        settings.org,
        describe,
        remote,
        lister,
        token=token if isinstance(remote, HttpsRemote) else None,
        max_bytes=max_bytes,
    )
    return source, reader


def utc(seconds: float) -> str:
    return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")

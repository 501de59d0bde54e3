"""A fake GitHub for org-scan tests: REST answers from cassettes, git served from local bare
repositories over ``file://`` (injected as the source's remote; no user option can do this)."""

from __future__ import annotations

import io
import json
import subprocess
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from unittest import mock

import requests.adapters
import vcr

from orgscan.helpers import GIT_ENV, make_repo
from platform_lint.orgscan.github_setup import GitHubScanSettings, build_source
from platform_lint.orgscan.runner import ScanOptions, ScanSummary, run_scan
from platform_lint.snapshot.base import DEFAULT_MAX_BYTES

CASSETTES = Path(__file__).resolve().parent.parent / "cassettes" / "orgscan"
TOKEN = "ghp_" + "T0k3n" * 8  # the shape of a real token, so masking would catch a leak
NOW = "2026-01-15T12:00:00+00:00"


@dataclass(frozen=True)
class FileRemote:
    """``file://ROOT/OWNER/NAME.git``: bare repositories on disk, served by git's file transport."""

    root: Path
    scheme: str = "file"

    def url(self, full_name: str) -> str:
        return (self.root / f"{full_name}.git").as_uri()

    def config(self) -> tuple[tuple[str, str], ...]:
        return ()


def bare_repo(root: Path, full_name: str, files: Mapping[str, str], work: Path) -> str:
    """A bare repository ROOT/OWNER/NAME.git with one commit of ``files``; returns the commit."""
    tree = work / full_name
    sha = make_repo(tree, files)
    target = root / f"{full_name}.git"
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["git", "clone", "-q", "--bare", str(tree), str(target)],
        check=True,
        env={**GIT_ENV, "PATH": "/usr/bin:/bin"},
    )
    subprocess.run(["git", "-C", str(target), "config", "uploadpack.allowFilter", "true"], check=True)
    return sha


def empty_bare_repo(root: Path, full_name: str) -> None:
    target = root / f"{full_name}.git"
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(target)], check=True)


@dataclass
class Sent:
    """What the REST client sent, as requests' adapter saw it (retries below it are in the
    cassette's play count)."""

    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def urls(self) -> list[str]:
        return [u.replace(":443/", "/", 1) for u, _ in self.requests]


@contextmanager
def cassette(name: str | None) -> Iterator[tuple[Any, Sent]]:
    sent = Sent()
    real_send = requests.adapters.HTTPAdapter.send

    def send(adapter: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
        sent.requests.append((request.url, dict(request.headers)))
        return real_send(adapter, request, *args, **kwargs)

    if name is None:  # no REST request may be made at all
        with mock.patch.object(requests.adapters.HTTPAdapter, "send", send):
            yield None, sent
        return
    my_vcr = vcr.VCR(
        cassette_library_dir=str(CASSETTES),
        record_mode="none",
        match_on=["method", "scheme", "host", "port", "path", "query"],
        filter_headers=["authorization"],
    )
    with mock.patch.object(requests.adapters.HTTPAdapter, "send", send), my_vcr.use_cassette(name) as cas:
        yield cas, sent


@dataclass
class Run:
    summary: ScanSummary | None
    err: str
    rest_requests: int
    not_modified: int
    sleeps: list[float]
    error: Exception | None = None


def github_scan(
    out: Path,
    remote: Any,
    *,
    org: str = "acme",
    api_url: str | None = None,
    max_wait: float = 300.0,
    concurrency: int = 1,
    include_archived: bool = False,
    include_forks: bool = False,
    clock: float = 1714568400.0 - 30,
) -> Run:
    """One org-scan of ``org`` through the REST client (answers from the active cassette) and
    ``remote`` for git; waits are recorded, never slept."""
    sleeps: list[float] = []
    settings = GitHubScanSettings(
        org=org,
        api_url=api_url,
        include_archived=include_archived,
        include_forks=include_forks,
        max_wait=max_wait,
        env={"GITHUB_TOKEN": TOKEN},
        sleep=sleeps.append,
        clock=lambda: clock,
    )
    err = io.StringIO()
    source, reader = build_source(
        settings, out, lambda m: err.write(m + "\n"), max_bytes=DEFAULT_MAX_BYTES, remote=remote
    )
    import datetime as dt

    options = ScanOptions(out=out, concurrency=concurrency, now=dt.datetime.fromisoformat(NOW))
    summary = None
    error: Exception | None = None
    try:
        summary = run_scan(source, options, err)
    except Exception as exc:  # the test looks at it
        error = exc
    return Run(summary, err.getvalue(), reader.requests, reader.not_modified, sleeps, error)


def manifest(out: Path) -> dict[str, Any]:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def statuses(out: Path) -> dict[str, str]:
    return {e["repo"]: e["status"] for e in manifest(out)["repositories"]}


def fixed_source(remote: Any, names: list[str], org: str = "acme", max_bytes: int = DEFAULT_MAX_BYTES) -> Any:
    """A GitHub source whose listing is given (no REST at all), served by ``remote``."""
    from platform_lint.orgscan.github_listing import ApiRepo, Listing
    from platform_lint.orgscan.github_source import GitHubSource

    repos = tuple(ApiRepo(n, "main", False, False, None, 1, "private") for n in sorted(names))
    listing = Listing(repos, "org", {"archived": 0, "forks": 0})
    return GitHubSource(
        org, f"https://api.github.com/orgs/{org}", remote, lambda: listing, max_bytes=max_bytes
    )

"""The repositories of a GitHub organisation (or user), as an org-scan source.

The parent process lists them (REST, ETag-cached: :mod:`platform_lint.orgscan.github_listing`);
each worker then reads a repository's head with ``git ls-remote`` and, only when that commit was
not scanned already, shallow-clones it into a temporary folder (:mod:`platform_lint.orgscan.remote`).
A repository therefore costs no REST request at all: the listing costs one per hundred
repositories on a first scan and none on a re-scan where nothing changed (304 Not Modified).

The source travels to worker processes with each task: only the organisation, the remote (with
the current token) and the clone settings are pickled, never the listing or the REST client.
With a GitHub App, the token is minted again by the parent when it nears its expiry, so a long
scan hands later tasks a fresh one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from platform_lint.github.rest import RateLimitStop
from platform_lint.orgscan.github_listing import Listing
from platform_lint.orgscan.manifest import iso
from platform_lint.orgscan.remote import HttpsRemote, Remote, remote_head, shallow_clone
from platform_lint.orgscan.source import Head, RepoFailure, RepoRef, ScanStopped
from platform_lint.snapshot.base import DEFAULT_MAX_BYTES


class GitHubSource:
    def __init__(
        self,
        org: str,
        describe: str,
        remote: Remote,
        lister: Callable[[], Listing] | None = None,
        *,
        token: Callable[[], str | None] | None = None,
        clone_dir: Path | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        self.org = org
        self._describe = describe
        self._remote = remote
        self._lister = lister
        self._token = token  # parent only: the current token (a GitHub App's is refreshed)
        self.clone_dir = clone_dir
        self.max_bytes = max_bytes
        self.listing: Listing | None = None

    # --- pickling: what a worker needs, with the token current at the time ---

    def __getstate__(self) -> dict[str, Any]:
        return {
            "org": self.org,
            "_describe": self._describe,
            "_remote": self.remote(),
            "_lister": None,
            "_token": None,
            "clone_dir": self.clone_dir,
            "max_bytes": self.max_bytes,
            "listing": None,
        }

    def remote(self) -> Remote:
        if self._token is not None and isinstance(self._remote, HttpsRemote):
            token = self._token()
            if token != self._remote.token:
                self._remote = HttpsRemote(self._remote.server_url, token)
        return self._remote

    # --- RepositorySource ---

    def describe(self) -> str:
        return self._describe

    def repositories(self) -> Iterator[RepoRef]:
        if self._lister is None:
            raise RuntimeError("the listing is made in the parent process")
        try:
            self.listing = self._lister()
        except RateLimitStop as exc:
            raise ScanStopped(
                str(exc), iso(dt.datetime.fromtimestamp(exc.resume_at, dt.timezone.utc))
            ) from None
        remote = self.remote()
        for repo in self.listing.repos:
            yield RepoRef(repo.full_name, remote.url(repo.full_name), default_branch=repo.default_branch)

    def head(self, repo: RepoRef) -> Head:
        if repo.problem:
            raise RepoFailure(repo.problem)
        return remote_head(self.remote(), repo.full_name, repo.default_branch)

    @contextlib.contextmanager
    def checkout(self, repo: RepoRef, head: Head) -> Iterator[Path]:
        if self.clone_dir is not None:
            self.clone_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="platform-lint-clone-", dir=self.clone_dir) as tmp:
            into = Path(tmp) / "repo.git"
            yield shallow_clone(self.remote(), repo.full_name, head, into, self.max_bytes)

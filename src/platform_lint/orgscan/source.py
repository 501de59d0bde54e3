"""What a repository source is: it lists repositories, tells each one's head commit, and
gives a git directory holding that commit to read.

The local source (``listing.LocalSource``) serves repositories already on disk. A source backed by
the GitHub API implements the same three methods: its listing knows each head commit (so an
unchanged repository is never cloned) and its checkout is a shallow clone into a temporary
folder. Sources must pickle: worker processes receive the source with each task.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from platform_lint.errors import PlatformLintError


class RepoFailure(Exception):
    """A repository could not be read (corrupt, not a repository, unreachable): the message says
    why; the repository is reported ``failed`` and the scan goes on."""


class ScanStopped(PlatformLintError):
    """The source cannot go on now (a rate limit with a longer wait than allowed). The scan
    stops cleanly: what is done is kept, the manifest and the message say when to run the same
    command again, and that run resumes the scan."""

    def __init__(self, message: str, resume_after: str | None = None) -> None:
        super().__init__(message)
        self.resume_after = resume_after  # ISO 8601 UTC, when known


class RepoSkipped(Exception):
    """A repository with nothing to check (no commits yet): reported ``skipped``."""


@dataclass(frozen=True)
class RepoRef:
    """One repository as a source lists it.

    ``full_name`` is ``owner/name``; ``location`` is where the source finds it (a local path,
    or a clone URL); ``commit`` and ``default_branch`` are set when the listing already knows
    them (an API listing does; a local one resolves them with :meth:`RepositorySource.head`).
    ``problem`` is set when the listing found the repository but cannot serve it.
    """

    full_name: str
    location: str
    default_branch: str | None = None
    commit: str | None = None
    problem: str | None = None

    @property
    def owner(self) -> str:
        return self.full_name.partition("/")[0]

    @property
    def name(self) -> str:
        return self.full_name.partition("/")[2]


@dataclass(frozen=True)
class Head:
    """The commit a scan reads (the default branch's head) and the branch's name when known."""

    commit: str
    branch: str | None
    tags: tuple[str, ...] | None = None
    """Tag names the server advertises, for a shallow clone that has none (None: read them from
    the git directory)."""


class RepositorySource(Protocol):
    """Where an org-scan gets its repositories from."""

    @property
    def org(self) -> str | None:
        """The organisation, when the source knows one (written to the manifest)."""
        ...

    def describe(self) -> str:
        """Where the repositories come from, for the manifest and resuming (a path, an org URL)."""
        ...

    def repositories(self) -> Iterator[RepoRef]:
        """Every repository, sorted by ``full_name``, each name once."""
        ...

    def head(self, repo: RepoRef) -> Head:
        """The commit to scan; :class:`RepoFailure` or :class:`RepoSkipped` when there is none."""
        ...

    def checkout(self, repo: RepoRef, head: Head) -> contextlib.AbstractContextManager[Path]:
        """A git directory holding ``head.commit`` for the duration of the ``with`` block."""
        ...

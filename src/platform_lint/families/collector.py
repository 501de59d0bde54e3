"""What a collector is: I/O and parsing that turns snapshot files into typed facts.

A collector never judges. A file that does not parse becomes a fact too (with its
location), never an exception. Collectors are listed in ``collectors.registry``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from platform_lint.snapshot.base import RepoSnapshot


@dataclass(frozen=True)
class CollectEnv:
    """What a collector may use besides the snapshot.

    ``github`` is the API client (``platform_lint.github.client``) when a token and a
    GitHub-backed feature ask for it, otherwise None: collectors that need it record
    "not available" as a fact. ``repo_full_name`` is ``owner/name`` when known,
    ``ref`` the commit being checked.
    """

    github: Any = None
    repo_full_name: str | None = None
    ref: str | None = None
    options: dict[str, Any] = field(default_factory=dict)


CollectFn = Callable[[RepoSnapshot, CollectEnv, tuple[Any, ...]], Any]


@dataclass(frozen=True)
class Collector:
    """A registered collector: ``collect(snapshot, env, args) -> facts``."""

    name: str
    summary: str
    collect: CollectFn

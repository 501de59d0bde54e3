"""``state/repos.json``: what each repository's last report was made from.

A repository whose head commit, policy and platform-lint version are all what its last report
was made from is not scanned again: it is ``unchanged`` and keeps that report. The cache is a
convenience: losing it (or a stale entry) only costs a re-scan. The GitHub API source keeps
its ETags beside it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from platform_lint.orgscan.files import write_json_atomic

STATE = "state/repos.json"
VERSION = 1


@dataclass(frozen=True)
class Cached:
    commit: str
    branch: str | None
    report: str
    policy_digest: str
    tool_version: str


class RepoState:
    def __init__(self, out: Path) -> None:
        self.path = out / STATE
        self.repos: dict[str, Cached] = {}

    def load(self) -> RepoState:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            raw: Mapping[str, Any] = data["repos"] if data.get("version") == VERSION else {}
            self.repos = {name: Cached(**entry) for name, entry in raw.items()}
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            self.repos = {}  # no cache, or one we cannot read: everything is scanned
        return self

    def valid(self, repo: str, policy_digest: str, tool_version: str) -> Cached | None:
        """The cache entry when it was made with this policy and version, else None."""
        cached = self.repos.get(repo)
        if cached and cached.policy_digest == policy_digest and cached.tool_version == tool_version:
            return cached
        return None

    def remember(self, repo: str, cached: Cached | None) -> None:
        if cached is None:
            self.repos.pop(repo, None)
        else:
            self.repos[repo] = cached

    def save(self) -> None:
        data = {"version": VERSION, "repos": {k: asdict(v) for k, v in sorted(self.repos.items())}}
        write_json_atomic(self.path, data)

"""Build local git repositories for org-scan tests: ``git init`` in a folder, files, commit."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from platform_lint.cli import run
from platform_lint.orgscan.listing import LocalSource
from platform_lint.orgscan.source import Head, RepoRef

NOW = "2026-01-15T12:00:00+00:00"

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z",
    "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}

BRONZE: Mapping[str, str] = {
    ".github/CODEOWNERS": "* @acme/team\n",
    "README.md": "# Service\n\nThe service teams call to order and track hardware.\n\n## Quickstart\n\n"
    "```sh\nmake run\n```\n",
    "Makefile": "run:\n\techo run\n",
    ".github/workflows/ci.yml": "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - uses: actions/checkout@v4\n      - run: make test\n",
    ".editorconfig": "root = true\n\n[*]\nindent_style = space\n",
    "catalog-info.yaml": "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: svc\n"
    "spec:\n  owner: team\n  type: service\n  lifecycle: production\n",
    "CHANGELOG.md": "# Changelog\n\n## [Unreleased]\n\n## [1.0.0] - 2026-01-01\n\n### Added\n\n- First.\n",
    "LICENSE": "Apache-2.0\n",
}
"""Files that meet the recommended pack's bronze rules."""

CONTRIBUTING = (
    "# Contributing\n\nRun `make run`, change what you need, and open a pull request that says what "
    "changed for users and why.\n"
)
"""A contributing guide that says something (a title alone does not count)."""

SILVER_EXTRA: Mapping[str, str] = {
    "CONTRIBUTING.md": CONTRIBUTING,
    ".github/dependabot.yml": "version: 2\nupdates:\n  - package-ecosystem: pip\n    directory: /\n"
    "    schedule: {interval: weekly}\n",
    ".github/workflows/release.yml": "on: push\njobs: {}\n",
    "docs/index.md": "# Docs\n",
    "docs/guide.md": "# Guide\n",
    "docs/reference.md": "# Reference\n",
}

BARE: Mapping[str, str] = {"README.md": "# Nothing else\n"}


def git(repo: Path, *args: str) -> str:
    proc = subprocess.run(
        ["git", "-C", str(repo), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_ENV},
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def write_files(repo: Path, files: Mapping[str, str]) -> None:
    for rel, text in files.items():
        path = repo / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def make_repo(repo: Path, files: Mapping[str, str], *, branch: str = "main") -> str:
    """A work tree with one commit of ``files``; returns the commit."""
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q", "-b", branch)
    write_files(repo, files)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "initial")
    return git(repo, "rev-parse", "HEAD")


def commit(repo: Path, files: Mapping[str, str], message: str = "change") -> str:
    write_files(repo, files)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def org_scan(local: Path, out: Path, *extra: str) -> int:
    return run(
        ["org-scan", "--local", str(local), "--out", str(out), "--now", NOW, "--concurrency", "1", *extra]
    )


def manifest(out: Path) -> dict[str, Any]:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def entries(out: Path) -> dict[str, dict[str, Any]]:
    return {e["repo"]: e for e in manifest(out)["repositories"]}


def report(out: Path, repo: str) -> dict[str, Any]:
    return json.loads((out / entries(out)[repo]["report"]).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class CrashingSource:
    """A local source whose worker process dies (as if killed by the OOM killer) on one repository."""

    inner: LocalSource
    crash_on: str

    @property
    def org(self) -> str | None:
        return self.inner.org

    def describe(self) -> str:
        return self.inner.describe()

    def repositories(self) -> Iterator[RepoRef]:
        return self.inner.repositories()

    def head(self, repo: RepoRef) -> Head:
        if repo.full_name == self.crash_on:
            os._exit(9)
        return self.inner.head(repo)

    def checkout(self, repo: RepoRef, head: Head) -> AbstractContextManager[Path]:
        return self.inner.checkout(repo, head)

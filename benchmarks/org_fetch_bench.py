"""How org-scan should fetch a repository: a shallow blob-filtered clone, or GraphQL reads.

    python benchmarks/org_fetch_bench.py [REPO_DIR ...]     (default: every clone under /tmp/real)

For each repository (a local clone; a bare copy of it is served over file:// as a stand-in for
GitHub), prints:

* the clone path as org-scan runs it: ``git ls-remote`` (the head) and ``git clone --depth 1
  --no-checkout --filter=blob:limit=16MiB`` — wall time, size on disk, and the REST/GraphQL
  requests it costs (none: git's protocol is outside the API rate limits);
* what a GraphQL fetch would have to ask for to give the check the same view: the tree (files,
  folders, depth; GraphQL's ``Tree.entries`` is one level, so a query nests one level per folder
  depth) and the files the check actually read (counted by running the recommended pack over
  the clone) — each batch of file reads is one more query, and every query costs at least one
  point of the 5,000-point hourly GraphQL budget.

Nothing here talks to GitHub, and nothing asserts a time.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from platform_lint.orgscan.remote import remote_head, shallow_clone
from platform_lint.orgscan.scan import CommitSnapshot, ScanConfig, check_commit, load_policy
from platform_lint.orgscan.source import Head, RepoRef
from platform_lint.snapshot.base import DEFAULT_MAX_BYTES

BLOBS_PER_QUERY = 50
"""File reads per GraphQL query (aliases of ``object(expression: "HEAD:path") { ... on Blob }``);
generous: large texts make an answer time out well before GitHub's node limit."""


@dataclass(frozen=True)
class FileRemote:
    root: Path
    scheme: str = "file"

    def url(self, full_name: str) -> str:
        return (self.root / f"{full_name}.git").as_uri()

    def config(self) -> tuple[tuple[str, str], ...]:
        return ()


class Counting(CommitSnapshot):
    read_paths: set[str]

    def _read_bytes(self, path: str, limit: int) -> object:  # type: ignore[override]
        self.read_paths.add(path)
        return super()._read_bytes(path, limit)


def _serve(work_tree: Path, bare: Path) -> None:
    """A bare repository holding one commit of ``work_tree``'s files (read only: the clones under
    /tmp/real are themselves partial, so their history cannot be served whole)."""
    env = {
        **os.environ,
        "GIT_DIR": str(bare),
        "GIT_WORK_TREE": str(work_tree),
        "GIT_INDEX_FILE": str(bare / "bench-index"),
        "GIT_AUTHOR_NAME": "Bench",
        "GIT_AUTHOR_EMAIL": "bench@example.com",
        "GIT_COMMITTER_NAME": "Bench",
        "GIT_COMMITTER_EMAIL": "bench@example.com",
    }
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(bare)], check=True)
    subprocess.run(["git", "add", "-A", "."], check=True, env=env, cwd=work_tree, stderr=subprocess.DEVNULL)
    subprocess.run(["git", "commit", "-q", "-m", "snapshot"], check=True, env=env, cwd=work_tree)


def _du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main(argv: list[str]) -> int:
    repos = [Path(a) for a in argv] or sorted(p for p in Path("/tmp/real").iterdir() if (p / ".git").exists())
    policy = load_policy("builtin:recommended", dt.date(2026, 1, 15))
    print(
        f"{'repository':42} {'files':>6} {'dirs':>5} {'depth':>5} {'read':>5} {'read KiB':>8} "
        f"{'clone s':>7} {'clone KiB':>9} {'REST+GQL':>8} {'GQL min':>7}"
    )
    totals = [0, 0, 0.0]
    with tempfile.TemporaryDirectory() as tmp:
        server = Path(tmp) / "server"
        for repo in repos:
            name = f"bench/{repo.name.replace('+', '-')}"
            bare = server / f"{name}.git"
            _serve(repo, bare)
            subprocess.run(["git", "-C", str(bare), "config", "uploadpack.allowFilter", "true"], check=True)
            branch = subprocess.run(
                ["git", "-C", str(bare), "symbolic-ref", "--short", "HEAD"], capture_output=True, text=True
            ).stdout.strip()
            remote = FileRemote(server)
            started = time.perf_counter()
            head = remote_head(remote, name, branch or None)
            into = Path(tmp) / "clones" / repo.name
            shallow_clone(remote, name, Head(head.commit, head.branch), into, DEFAULT_MAX_BYTES)
            clone_s = time.perf_counter() - started
            clone_kib = _du(into) / 1024
            snapshot = Counting(into, name, head, DEFAULT_MAX_BYTES)
            snapshot.read_paths = set()
            files = snapshot.files()
            dirs = {os.path.dirname(f) for f in files} - {""}
            depth = max((f.count("/") for f in files), default=0) + 1
            config = ScanConfig(
                Path(tmp) / "out",
                "builtin:recommended",
                "x",
                dt.datetime(2026, 1, 15, tzinfo=dt.timezone.utc),
            )
            import platform_lint.orgscan.scan as scan_module

            real = scan_module.CommitSnapshot
            scan_module.CommitSnapshot = lambda *a, _s=snapshot, **k: _s  # type: ignore[assignment,misc]
            try:
                check_commit(into, RepoRef(name, str(into)), head, policy, config)
            finally:
                scan_module.CommitSnapshot = real  # type: ignore[misc]
            read = snapshot.read_paths
            read_kib = sum(snapshot.size(p) or 0 for p in read) / 1024
            gql = 1 + -(-len(read) // BLOBS_PER_QUERY)  # the tree (one nested query), then the reads
            totals[0] += gql
            totals[1] += 1
            totals[2] += clone_s
            print(
                f"{repo.name[:42]:42} {len(files):6} {len(dirs):5} {depth:5} {len(read):5} {read_kib:8.0f} "
                f"{clone_s:7.2f} {clone_kib:9.0f} {0:8} {gql:7}"
            )
    print(
        f"\n{int(totals[1])} repositories: the clone path cost 0 API requests and {totals[2]:.1f} s of git "
        "in all; "
        f"GraphQL would have cost at least {int(totals[0])} queries ({totals[0] / max(totals[1], 1):.1f} per "
        "repository), plus one per hundred repositories to tell unchanged heads (git ls-remote: none)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

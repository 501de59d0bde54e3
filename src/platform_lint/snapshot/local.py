"""Snapshots served from a local directory: a git work tree, a git ref, or a plain folder.

In a git work tree the file list is what git tracks plus untracked files that are
not ignored (what the next commit would hold), less files deleted from the work
tree. Outside git, a walk that skips version-control folders and dependency trees.
A symlink is listed but never followed out of the root.
"""

from __future__ import annotations

import os
import posixpath
import subprocess
from pathlib import Path

from ..errors import UsageError
from .base import DEFAULT_MAX_BYTES, FileContent, RepoSnapshot

SKIPPED_DIRS = frozenset({
    ".git", ".hg", ".svn", "node_modules", "vendor", ".venv", "venv", "__pycache__",
    ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".eggs",
    "bower_components", ".terraform", ".gradle", ".idea",
})
"""Directories a plain-folder walk does not enter."""


def _git(root: Path, *args: str, input_bytes: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ)
    env.update({"GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"})
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, env=env,
                          input=input_bytes, check=False)


def find_git_root(path: Path) -> Path | None:
    try:
        proc = _git(path, "rev-parse", "--show-toplevel")
    except OSError:
        return None
    if proc.returncode != 0:
        return None
    return Path(os.fsdecode(proc.stdout.strip()))


def open_local(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> RepoSnapshot:
    """The snapshot for a directory: a git work tree when it is one, a plain folder otherwise."""
    root = Path(path)
    if not root.exists():
        raise UsageError(f"{path}: no such directory")
    if not root.is_dir():
        raise UsageError(f"{path}: not a directory")
    root = root.resolve()
    git_root = find_git_root(root)
    if git_root is not None and git_root.resolve() == root:
        return WorkTreeSnapshot(root, max_bytes, use_git=True)
    return WorkTreeSnapshot(root, max_bytes, use_git=False)


class WorkTreeSnapshot(RepoSnapshot):
    """Files on disk under ``root``."""

    def __init__(self, root: Path, max_bytes: int = DEFAULT_MAX_BYTES, *, use_git: bool) -> None:
        super().__init__(max_bytes)
        self.root = root
        self.use_git = use_git
        self.label = str(root)
        self.ref = None
        self._files: tuple[str, ...] | None = None
        self._sizes: dict[str, int] = {}

    def files(self) -> tuple[str, ...]:
        if self._files is None:
            listed = self._git_files() if self.use_git else self._walk_files()
            self._files = tuple(sorted(listed))
        return self._files

    def _git_files(self) -> list[str]:
        proc = _git(self.root, "ls-files", "-z", "--cached", "--others", "--exclude-standard",
                    "--deduplicate")
        if proc.returncode != 0:
            return self._walk_files()
        out: list[str] = []
        for raw in proc.stdout.split(b"\0"):
            if not raw:
                continue
            rel = os.fsdecode(raw)
            try:
                st = os.lstat(self.root / rel)
            except OSError:
                continue  # deleted from the work tree, or a submodule gitlink
            if _is_file_stat(st):
                out.append(rel)
                self._sizes[rel] = st.st_size
        return out

    def _walk_files(self) -> list[str]:
        out: list[str] = []
        root = str(self.root)
        for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
            dirnames[:] = sorted(d for d in dirnames if d not in SKIPPED_DIRS)
            rel_dir = os.path.relpath(dirpath, root)
            for name in filenames:
                rel = name if rel_dir == "." else f"{rel_dir}/{name}"
                rel = rel.replace(os.sep, "/")
                try:
                    st = os.lstat(os.path.join(dirpath, name))
                except OSError:
                    continue
                if _is_file_stat(st):
                    out.append(rel)
                    self._sizes[rel] = st.st_size
        return out

    def size(self, path: str) -> int | None:
        if path not in self.file_set:
            return None
        return self._sizes.get(path, 0)

    def _read_bytes(self, path: str, limit: int) -> bytes | FileContent:
        full = self.root / path
        try:
            real = full.resolve(strict=True)
        except (OSError, RuntimeError):
            return FileContent(path, None, 0, "unreadable")
        if real != self.root and self.root not in real.parents:
            return FileContent(path, None, 0, "outside-root")
        if not real.is_file():
            return FileContent(path, None, 0, "unreadable")
        try:
            with open(real, "rb") as fh:
                data = fh.read(limit + 1)
        except OSError:
            return FileContent(path, None, 0, "unreadable")
        if len(data) > limit:
            return FileContent(path, None, len(data), "too-large")
        return data

    def tags(self) -> tuple[str, ...]:
        git_root = self.root if self.use_git else None
        if git_root is None:
            return ()
        proc = _git(git_root, "tag", "--list", "--merged", "HEAD")
        if proc.returncode != 0:
            return ()
        return tuple(t for t in proc.stdout.decode("utf-8", "replace").splitlines() if t)

    def at_ref(self, ref: str) -> RepoSnapshot:
        git_root = self.root if self.use_git else find_git_root(self.root)
        if git_root is None:
            raise UsageError(f"--base {ref}: {self.root} is not a git repository")
        proc = _git(git_root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
        if proc.returncode != 0:
            raise UsageError(
                f"--base {ref}: no such commit in {git_root}. In a shallow clone, fetch it first "
                f"(git fetch --depth=1 origin {ref}) or check out with fetch-depth: 0")
        sha = proc.stdout.decode().strip()
        return GitRefSnapshot(git_root, sha, ref, self.max_bytes)


def _is_file_stat(st: os.stat_result) -> bool:
    import stat

    return stat.S_ISREG(st.st_mode) or stat.S_ISLNK(st.st_mode)


class GitRefSnapshot(RepoSnapshot):
    """The repository as committed at one ref, read with git plumbing (no checkout)."""

    def __init__(self, root: Path, sha: str, ref: str, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        super().__init__(max_bytes)
        self.root = root
        self.sha = sha
        self.ref = ref
        self.label = f"{root}@{ref}"
        self._entries: dict[str, tuple[str, int]] | None = None
        self._links: set[str] = set()

    def _load(self) -> dict[str, tuple[str, int]]:
        if self._entries is None:
            proc = _git(self.root, "ls-tree", "-r", "-z", "--long", "--full-tree", self.sha)
            entries: dict[str, tuple[str, int]] = {}
            if proc.returncode == 0:
                for raw in proc.stdout.split(b"\0"):
                    if not raw:
                        continue
                    meta, _, name = raw.partition(b"\t")
                    fields = meta.split()
                    if len(fields) < 4 or fields[1] != b"blob":
                        continue
                    mode = fields[0].decode()
                    size = int(fields[3]) if fields[3].isdigit() else 0
                    entries[os.fsdecode(name)] = (fields[2].decode(), size)
                    if mode == "120000":  # symlink: listed, as in the work tree
                        self._links.add(os.fsdecode(name))
            self._entries = entries
        return self._entries

    def files(self) -> tuple[str, ...]:
        return tuple(sorted(self._load()))

    def size(self, path: str) -> int | None:
        entry = self._load().get(path)
        return None if entry is None else entry[1]

    def _read_bytes(self, path: str, limit: int) -> bytes | FileContent:
        entries = self._load()
        entry = entries.get(path)
        if entry is None:
            return FileContent(path, None, 0, "missing")
        target = path
        for _ in range(40):  # follow symlinks inside the tree only, as the work tree does
            if target not in self._links:
                break
            proc = _git(self.root, "cat-file", "blob", entries[target][0])
            if proc.returncode != 0:
                return FileContent(path, None, entry[1], "unreadable")
            link = os.fsdecode(proc.stdout)
            if link.startswith("/"):
                return FileContent(path, None, 0, "outside-root")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(target), link))
            if resolved == ".." or resolved.startswith("../"):
                return FileContent(path, None, 0, "outside-root")
            if resolved not in entries:
                return FileContent(path, None, 0, "unreadable")
            target = resolved
        else:
            return FileContent(path, None, 0, "unreadable")
        sha, size = entries[target]
        if size > limit:
            return FileContent(path, None, size, "too-large")
        proc = _git(self.root, "cat-file", "blob", sha)
        if proc.returncode != 0:
            return FileContent(path, None, entry[1], "unreadable")
        return proc.stdout[: limit + 1]

    def at_ref(self, ref: str) -> RepoSnapshot:
        return WorkTreeSnapshot(self.root, self.max_bytes, use_git=True).at_ref(ref)

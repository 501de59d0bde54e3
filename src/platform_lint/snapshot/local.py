"""Snapshots served from a local directory: a git work tree, a git ref, or a plain folder.

In a git work tree the file list is what git tracks (the index: what CI will see);
optionally also untracked files that are not ignored, less files deleted from the
work tree. Outside git, a walk that skips version-control folders and dependency trees.
A symlink is listed but never followed out of the root or into ``.git``; a FIFO, device
or socket is listed but never opened (``platform_lint.safety`` decides what is read).
"""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
from pathlib import Path

from platform_lint import safety
from platform_lint.errors import UsageError
from platform_lint.snapshot.base import DEFAULT_MAX_BYTES, FileContent, RepoSnapshot, TagHistory, decode_text
from platform_lint.snapshot.gitbatch import BlobReader, BlobTooLarge, BlobUnreadable

SKIPPED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        "vendor",
        ".venv",
        "venv",
        "__pycache__",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".eggs",
        "bower_components",
        ".terraform",
        ".gradle",
        ".idea",
    }
)
"""Directories a plain-folder walk does not enter."""


_STAGED_PATH = re.compile(r"\t([^\0]*)\0")
"""The path of each entry of ``git ls-files -z --stage`` (after the first tab: a name may hold one)."""
_CONFLICTED = re.compile(r" [123]\t")
"""A stage other than 0: the entry of a path in a merge conflict (a name may hold it too)."""
KEEP_FILE_BYTES = 64 * 1024
"""Files up to this size are kept in memory once read, for the run (analyzers share configs)."""
KEEP_TOTAL_BYTES = 32 * 1024 * 1024
"""At most this much file content is kept in all; files read after that are read again each time."""


def _git(root: Path, *args: str, input_bytes: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ)
    env.update({"GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"})
    return subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, env=env, input=input_bytes, check=False
    )


def find_git_root(path: Path) -> Path | None:
    try:
        proc = _git(path, "rev-parse", "--show-toplevel")
    except OSError:
        return None
    if proc.returncode != 0:
        return None
    return Path(os.fsdecode(proc.stdout.strip()))


def git_credentials(path: Path) -> list[str]:
    """The secrets in the git configuration of the repository at ``path``: the values of
    ``http.<url>.extraheader`` (``AUTHORIZATION: basic ...``, which actions/checkout persists),
    so they can be masked. Empty outside git."""
    try:
        proc = _git(path, "config", "--includes", "--get-regexp", r"^http\..*\.extraheader$")
    except OSError:
        return []
    found: list[str] = []
    for line in proc.stdout.decode("utf-8", "replace").splitlines():
        _, _, value = line.partition(" ")
        found.extend(safety.header_credentials(value))
    return found


def open_local(
    path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES, *, untracked: bool = False
) -> RepoSnapshot:
    """The snapshot for a directory: a git work tree when it is one, a plain folder otherwise.

    In a git work tree the files are what git tracks (``git add`` a new file to have it
    checked), as CI will see them; ``untracked`` adds files git does not ignore.
    """
    root = Path(path)
    if not root.exists():
        raise UsageError(f"{path}: no such directory")
    if not root.is_dir():
        raise UsageError(f"{path}: not a directory")
    root = root.resolve()
    git_root = find_git_root(root)
    if git_root is not None:
        # the top of a work tree, or a folder inside one: git then lists only that folder,
        # with paths relative to it (a folder git tracks nothing in is walked instead)
        return WorkTreeSnapshot(root, max_bytes, use_git=True, untracked=untracked)
    return WorkTreeSnapshot(root, max_bytes, use_git=False)


def read_tag_history(root: Path) -> TagHistory | None:
    """Every tag of the repository at ``root`` with its date (the annotated tag's, else the
    commit's), and whether the clone is shallow; None when git cannot say."""
    try:
        proc = _git(
            root, "for-each-ref", "--format=%(refname:strip=2)%00%(creatordate:iso-strict)", "refs/tags"
        )
    except OSError:
        return None
    if proc.returncode != 0:
        return None
    tags: list[tuple[str, str]] = []
    for line in proc.stdout.decode("utf-8", "replace").splitlines():
        name, _, date = line.partition("\0")
        if name and date:
            tags.append((name, date))
    shallow = _git(root, "rev-parse", "--is-shallow-repository").stdout.strip() == b"true"
    return TagHistory(tuple(tags), shallow)


class WorkTreeSnapshot(RepoSnapshot):
    """Files on disk under ``root``."""

    def __init__(
        self, root: Path, max_bytes: int = DEFAULT_MAX_BYTES, *, use_git: bool, untracked: bool = False
    ) -> None:
        super().__init__(max_bytes)
        self.root = root
        self.use_git = use_git
        self.untracked = untracked
        self.label = str(root)
        self.ref = None
        self._files: tuple[str, ...] | None = None
        self._sizes: dict[str, int] = {}
        self._links: set[str] = set()
        self._root_prefix = str(root) + os.sep
        self._staged_text = ""
        self._ids: dict[str, str] | None = None
        self._content_ids: dict[str, str] | None = None
        self._plain_dirs: dict[str, bool] = {"": True}
        self._kept: dict[str, bytes] = {}
        self._kept_bytes = 0

    def files(self) -> tuple[str, ...]:
        if self._files is None:
            listed = self._git_files() if self.use_git else None
            if not listed:  # not git, git failed, or a folder git tracks nothing in
                listed = self._walk_files()
            self._files = tuple(sorted(listed))
        return self._files

    def _git_files(self) -> list[str] | None:
        """What git tracks (the index, less submodules); with ``untracked``, also files git
        does not ignore, less those deleted from the work tree (that costs a scan of it)."""
        staged = _git(self.root, "ls-files", "-z", "--stage")
        if staged.returncode:
            return None
        # "<mode> <object id> <stage>\t<path>": one decode and one search for the whole index;
        # links and submodules are rare, so their entries are looked at one by one only when
        # the output holds one of their modes at all (a name that holds it costs the slow way)
        text = os.fsdecode(staged.stdout)
        self._staged_text = text
        if "120000 " in text or "160000 " in text:
            names = self._special_entries(self._entries())
        else:
            names = _STAGED_PATH.findall(text)
        if not self.untracked:  # a path in a merge conflict is listed once per stage
            return list(dict.fromkeys(names)) if _CONFLICTED.search(text) else names
        out = dict.fromkeys(names)
        others = _git(self.root, "ls-files", "-z", "--others", "--exclude-standard")
        deleted = _git(self.root, "ls-files", "-z", "--deleted")
        for raw in deleted.stdout.split(b"\0"):
            out.pop(os.fsdecode(raw), None)
        for raw in others.stdout.split(b"\0"):
            rel = os.fsdecode(raw)
            if raw and rel not in out and os.path.lexists(self.root / rel):
                if os.path.islink(self.root / rel):
                    self._links.add(rel)
                out[rel] = None
        return list(out)

    def _entries(self) -> list[str]:
        """The index entries, one string each."""
        return [entry for entry in self._staged_text.split("\0") if entry]

    def _special_entries(self, entries: list[str]) -> list[str]:
        """The paths of index entries, entry by entry: links noted, submodules left out."""
        out: list[str] = []
        for entry in entries:
            meta, _, rel = entry.partition("\t")
            fields = meta.split()
            if len(fields) < 3 or fields[0] == "160000":  # a submodule is not a file here
                continue
            if fields[0] == "120000":
                self._links.add(rel)
            out.append(rel)
        return out

    @property
    def _index_ids(self) -> dict[str, str]:
        """Each tracked path's blob id as the index has it (worked out on first use)."""
        if self._ids is None:
            if self.use_git:
                self.files()  # the index is read with the listing
            ids: dict[str, str] = {}
            for entry in self._entries():
                meta, _, rel = entry.partition("\t")
                fields = meta.split()
                if len(fields) >= 3 and fields[0] != "160000":
                    ids[rel] = fields[1]
            self._ids = ids
        return self._ids

    def _walk_files(self) -> list[str]:
        out: list[str] = []
        stack: list[tuple[str, str]] = [(str(self.root), "")]
        while stack:
            directory, prefix = stack.pop()
            try:
                entries = list(os.scandir(directory))
            except OSError:
                continue
            for entry in entries:
                try:
                    if entry.is_dir(follow_symlinks=False):
                        if entry.name not in SKIPPED_DIRS:
                            stack.append((entry.path, prefix + entry.name + "/"))
                    elif entry.is_symlink():
                        out.append(prefix + entry.name)
                        self._links.add(prefix + entry.name)
                    elif entry.is_file(follow_symlinks=False):
                        out.append(prefix + entry.name)
                except OSError:
                    continue
        return out

    def size(self, path: str) -> int | None:
        if path not in self.file_set:
            return None
        size = self._sizes.get(path)
        if size is None:
            try:
                size = os.stat(self._root_prefix + path).st_size
            except OSError:
                size = 0  # a dangling link or a vanished file: reading it says why
            self._sizes[path] = size
        return size

    def read_bytes(self, path: str, max_bytes: int | None = None) -> bytes | None:
        # one open and one read: the size check happens on what was read
        self.last_read = path
        if path not in self.file_set:
            return None
        raw = self._read_bytes(path, self.max_bytes if max_bytes is None else max_bytes)
        return None if isinstance(raw, FileContent) else raw

    def read(self, path: str, max_bytes: int | None = None) -> FileContent:
        self.last_read = path
        if path not in self.file_set:
            return FileContent(path, None, 0, "missing")
        raw = self._read_bytes(path, self.max_bytes if max_bytes is None else max_bytes)
        if isinstance(raw, FileContent):
            return raw
        return decode_text(path, raw, len(raw))

    def _read_bytes(self, path: str, limit: int) -> bytes | FileContent:
        kept = self._kept.get(path)
        if kept is not None:  # read before in this run: several analyzers read the same configs
            return kept if len(kept) <= limit else FileContent(path, None, len(kept), safety.TOO_LARGE)
        full = self._root_prefix + path
        if path in self._links or not self._plain_dir(path.rpartition("/")[0]):
            return self._read_confined(path, limit)
        # the common case: a regular file under folders that are no links; one open, one read
        try:
            fd, size = safety.open_regular(full, follow=False)
        except safety.Unsafe as exc:
            if exc.problem == safety.MISSING and path in self._index_ids:
                return self._read_blob(path, limit)  # deleted but still tracked: as git has it
            if exc.problem == safety.NOT_REGULAR:
                return FileContent(path, None, 0, exc.problem)
            return self._read_confined(path, limit)  # it became a link, say: decide on its target
        try:
            data = safety.read_sized(fd, size, limit)
        except safety.Unsafe as exc:
            return FileContent(path, None, exc.size, exc.problem)
        except OSError:
            return FileContent(path, None, 0, "unreadable")
        finally:
            os.close(fd)
        if len(data) <= KEEP_FILE_BYTES and self._kept_bytes + len(data) <= KEEP_TOTAL_BYTES:
            self._kept[path] = data
            self._kept_bytes += len(data)
        return data

    def _plain_dir(self, directory: str) -> bool:
        """True when no folder on the way from the root to ``directory`` is a link (cached)."""
        known = self._plain_dirs.get(directory)
        if known is not None:
            return known
        undecided: list[str] = []  # a loop, not recursion: a path may be thousands of folders deep
        while directory not in self._plain_dirs:
            undecided.append(directory)
            directory = directory.rpartition("/")[0]
        known = self._plain_dirs[directory]
        for folder in reversed(undecided):  # one lstat per folder, parents first
            known = known and not os.path.islink(self._root_prefix + folder)
            self._plain_dirs[folder] = known
        return known

    def _read_blob(self, path: str, limit: int) -> bytes | FileContent:
        proc = _git(self.root, "cat-file", "blob", self._index_ids[path])
        if proc.returncode != 0:
            return FileContent(path, None, 0, "unreadable")
        if len(proc.stdout) > limit:
            return FileContent(path, None, len(proc.stdout), "too-large")
        return proc.stdout

    def _read_confined(self, path: str, limit: int) -> bytes | FileContent:
        """Read through links, only when the real file is inside the root, outside ``.git``
        and a regular file."""
        try:
            return safety.read_confined(Path(self._root_prefix + path), self.root, limit)
        except safety.Unsafe as exc:
            problem = "unreadable" if exc.problem == safety.MISSING else exc.problem
            return FileContent(path, None, exc.size, problem)

    def content_ids(self) -> dict[str, str]:
        if self._content_ids is None:
            ids: dict[str, str] = {}
            modified: set[str] = set()
            if self.use_git and self._index_ids:
                proc = _git(self.root, "ls-files", "-z", "--modified")
                modified = {os.fsdecode(raw) for raw in proc.stdout.split(b"\0") if raw}
            for path in self.files():
                known = self._index_ids.get(path)
                ids[path] = known if known is not None and path not in modified else self._hash(path)
            self._content_ids = ids
        return self._content_ids

    def tags(self, *, merged: bool = True) -> tuple[str, ...]:
        git_root = self.root if self.use_git else None
        if git_root is None:
            return ()
        if merged:
            proc = _git(git_root, "tag", "--list", "--merged", "HEAD")
        else:
            proc = _git(git_root, "for-each-ref", "--format=%(refname:strip=2)", "refs/tags")
        if proc.returncode != 0:
            return ()
        return tuple(t for t in proc.stdout.decode("utf-8", "replace").splitlines() if t)

    def tag_history(self) -> TagHistory | None:
        return read_tag_history(self.root) if self.use_git else None

    def at_ref(self, ref: str) -> RepoSnapshot:
        git_root = self.root if self.use_git else find_git_root(self.root)
        if git_root is None:
            raise UsageError(f"--base {ref}: {self.root} is not a git repository")
        proc = _git(git_root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
        if proc.returncode != 0:
            raise UsageError(
                f"--base {ref}: no such commit in {git_root}. In a shallow clone, fetch it first "
                f"(git fetch --depth=1 origin {ref}) or check out with fetch-depth: 0"
            )
        sha = proc.stdout.decode().strip()
        return GitRefSnapshot(git_root, sha, ref, self.max_bytes)


class GitRefSnapshot(RepoSnapshot):
    """The repository as committed at one ref, read with git plumbing (no checkout).

    The file list and sizes come from one ``git ls-tree``; contents are read on demand
    through one ``git cat-file --batch`` process (:mod:`snapshot.gitbatch`), by blob id, and
    only for blobs within the size limit.
    """

    def __init__(self, root: Path, sha: str, ref: str, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        super().__init__(max_bytes)
        self.root = root
        self.sha = sha
        self.ref = ref
        self.label = f"{root}@{ref}"
        self._entries: dict[str, tuple[str, int]] | None = None
        self._links: set[str] = set()
        self.blobs = BlobReader(root)
        self._tags: dict[str, tuple[str, ...]] = {}

    def tag_history(self) -> TagHistory | None:
        return read_tag_history(self.root)

    def _load(self) -> dict[str, tuple[str, int]]:
        if self._entries is None:
            # without --full-tree, git lists only the folder it runs in, relative to it
            proc = _git(self.root, "ls-tree", "-r", "-z", "--long", self.sha)
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

    def _blob(self, path: str, oid: str, limit: int) -> bytes | FileContent:
        try:
            return self.blobs.read(oid, limit)
        except BlobTooLarge as exc:
            return FileContent(path, None, exc.size, "too-large")
        except BlobUnreadable:
            return FileContent(path, None, 0, "unreadable")

    def _read_bytes(self, path: str, limit: int) -> bytes | FileContent:
        entries = self._load()
        entry = entries.get(path)
        if entry is None:
            return FileContent(path, None, 0, "missing")
        target = path
        for _ in range(40):  # follow symlinks inside the tree only, as the work tree does
            if target not in self._links:
                break
            raw = self._blob(path, entries[target][0], 4096)
            if isinstance(raw, FileContent):
                return FileContent(path, None, entry[1], "unreadable")
            link = os.fsdecode(raw)
            if link.startswith("/"):
                return FileContent(path, None, 0, "outside-root")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(target), link))
            if resolved == ".." or resolved.startswith("../"):
                return FileContent(path, None, 0, "outside-root")
            if safety.has_git_part(resolved):
                return FileContent(path, None, 0, "inside-git")
            if resolved not in entries:
                return FileContent(path, None, 0, "unreadable")
            target = resolved
        else:
            return FileContent(path, None, 0, "unreadable")
        sha, size = entries[target]
        if size > limit:
            return FileContent(path, None, size, "too-large")
        return self._blob(path, sha, limit)

    def content_ids(self) -> dict[str, str]:
        return {path: entry[0] for path, entry in self._load().items()}

    def tags(self, *, merged: bool = True) -> tuple[str, ...]:
        """The tags reachable from this ref (``merged``: what had been released when it was
        committed), or every tag the clone has."""
        key = "merged" if merged else "all"
        if key not in self._tags:
            if merged:
                proc = _git(self.root, "tag", "--list", "--merged", self.sha)
            else:
                proc = _git(self.root, "for-each-ref", "--format=%(refname:strip=2)", "refs/tags")
            found = proc.stdout.decode("utf-8", "replace").splitlines() if proc.returncode == 0 else []
            self._tags[key] = tuple(t for t in found if t)
        return self._tags[key]

    def at_ref(self, ref: str) -> RepoSnapshot:
        return WorkTreeSnapshot(self.root, self.max_bytes, use_git=True).at_ref(ref)

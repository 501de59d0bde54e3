"""The one way to read the repository under check.

A :class:`RepoSnapshot` is a read-only view: the file list, lazy reads with a size
cap and binary detection, and the same view at another ref. It is served from a
local work tree (``snapshot.local``) or, later, from the GitHub API; collectors
cannot tell which and never touch the filesystem themselves.
"""

from __future__ import annotations

import abc
import functools
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from platform_lint.pathglob import PathIndex
from platform_lint.snapshot.scope import Scope, ScopeSettings, classify

DEFAULT_MAX_BYTES = 16 * 1024 * 1024
"""Files larger than this are not read (they are still listed)."""


@dataclass(frozen=True)
class TagHistory:
    """The repository's tags with their dates (ISO 8601: the annotated tag's date, else the
    tagged commit's), and whether the clone is shallow (a shallow clone may lack its tags)."""

    tags: tuple[tuple[str, str], ...]
    shallow: bool = False


@dataclass(frozen=True)
class FileContent:
    """The result of reading one file.

    ``text`` is None when the file could not be read as text; ``problem`` then says
    why: ``missing``, ``binary``, ``too-large``, ``outside-root`` (a link out of the root),
    ``inside-git`` (a link into ``.git``), ``not-regular`` (a FIFO, device or socket) or
    ``unreadable``. ``bad_utf8_line`` is the line of the first byte that is not UTF-8 (the
    text has U+FFFD in its place); formats that must be UTF-8 (YAML, JSON) report it.
    """

    path: str
    text: str | None
    size: int
    problem: str | None = None
    bad_utf8_line: int | None = None

    @property
    def ok(self) -> bool:
        return self.text is not None


def git_blob_id(data: bytes) -> str:
    """The id git gives a blob with this content."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def looks_binary(data: bytes) -> bool:
    """A NUL byte in the first 8 KiB means binary (git's own heuristic)."""
    return b"\x00" in data[:8192]


def decode_text(path: str, data: bytes, size: int) -> FileContent:
    if looks_binary(data):
        return FileContent(path, None, size, "binary")
    bad_line = None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_line = data.count(b"\n", 0, exc.start) + 1
        text = data.decode("utf-8", errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    return FileContent(path, text, size, bad_utf8_line=bad_line)


class RepoSnapshot(abc.ABC):
    """A read-only view of a repository at one ref (or the work tree)."""

    #: human-readable name of what is being checked (a directory or owner/repo@ref)
    label: str
    #: the git ref this view shows, or None for the work tree
    ref: str | None

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self.last_read: str | None = None
        """The file most recently read: where the engine locates a collector that crashed."""
        self._scope_settings: ScopeSettings | None = None
        self._scope: Scope | None = None

    @abc.abstractmethod
    def files(self) -> tuple[str, ...]:
        """Every file, as sorted POSIX paths relative to the root."""

    @abc.abstractmethod
    def size(self, path: str) -> int | None:
        """Size in bytes, or None when the file is not in the snapshot."""

    @abc.abstractmethod
    def _read_bytes(self, path: str, limit: int) -> bytes | FileContent:
        """Raw bytes (at most ``limit``), or a FileContent describing why not."""

    @abc.abstractmethod
    def at_ref(self, ref: str) -> RepoSnapshot:
        """The same repository as it was at ``ref``."""

    def read_bytes(self, path: str, max_bytes: int | None = None) -> bytes | None:
        """Raw bytes (None when missing, unreadable, outside the root or over the cap)."""
        self.last_read = path
        limit = self.max_bytes if max_bytes is None else max_bytes
        size = self.size(path)
        if size is None or size > limit:
            return None
        raw = self._read_bytes(path, limit)
        return None if isinstance(raw, FileContent) else raw

    def content_ids(self) -> dict[str, str]:
        """For every file, an id that changes exactly when its content does.

        Git's blob id, so ids from a work tree and from a ref compare equal for equal
        content; served from git's index where it can be, hashed otherwise.
        """
        return {path: self._hash(path) for path in self.files()}

    def _hash(self, path: str) -> str:
        raw = self._read_bytes(path, self.max_bytes)
        if isinstance(raw, FileContent):
            return f"<{raw.problem}>"
        return git_blob_id(raw)

    def tags(self, *, merged: bool = True) -> tuple[str, ...]:
        """Git tag names: those reachable from HEAD (``merged``), or every tag the clone has
        (release branches tag commits that HEAD never reaches). Empty when unknown or not git."""
        return ()

    def tag_history(self) -> TagHistory | None:
        """Every tag the clone has, with its date; None when the snapshot has no git history."""
        return None

    # -- derived helpers, shared by every implementation --------------------

    def configure_scope(self, settings: ScopeSettings) -> None:
        """Use the policy's ``scope:`` section; before the scope is first read (once per run)."""
        if self._scope is not None and self._scope.settings != settings:
            raise RuntimeError("the scope was classified before its settings were given")
        self._scope_settings = settings

    @property
    def scope(self) -> Scope:
        """What is the repository's own product (classified once, on first use)."""
        if self._scope is None:
            self._scope = classify(self, self._scope_settings)
        return self._scope

    @property
    def scope_settings(self) -> ScopeSettings | None:
        return self._scope_settings

    @functools.cached_property
    def file_set(self) -> frozenset[str]:
        return frozenset(self.files())

    def exists(self, path: str) -> bool:
        return path in self.file_set

    @functools.cached_property
    def directories(self) -> frozenset[str]:
        """Every directory that holds a file (POSIX, no trailing slash; root excluded)."""
        dirs: set[str] = set()
        for path in self.files():
            parent = path.rpartition("/")[0]
            while parent and parent not in dirs:
                dirs.add(parent)
                parent = parent.rpartition("/")[0]
        return frozenset(dirs)

    def read(self, path: str, max_bytes: int | None = None) -> FileContent:
        """Read one file as text (UTF-8, undecodable bytes replaced)."""
        self.last_read = path
        limit = self.max_bytes if max_bytes is None else max_bytes
        size = self.size(path)
        if size is None:
            return FileContent(path, None, 0, "missing")
        if size > limit:
            return FileContent(path, None, size, "too-large")
        raw = self._read_bytes(path, limit)
        if isinstance(raw, FileContent):
            return raw
        return decode_text(path, raw, size)

    def glob(self, patterns: Iterable[str]) -> list[str]:
        """Files matching any of the glob patterns (anchored at the root; ``**`` spans dirs)."""
        return self.index.match(patterns)

    @functools.cached_property
    def index(self) -> PathIndex:
        return PathIndex(self.files(), lambda: self.directories)

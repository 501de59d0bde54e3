"""An in-memory snapshot: files given as a dict. Used by tests and by API-served views."""

from __future__ import annotations

from collections.abc import Mapping

from platform_lint.errors import UsageError
from platform_lint.snapshot.base import DEFAULT_MAX_BYTES, FileContent, RepoSnapshot, TagHistory


class MemorySnapshot(RepoSnapshot):
    """``files`` maps POSIX paths to contents; ``refs`` maps a ref name to another dict;
    ``tags`` are tags reachable from HEAD, ``other_tags`` tags on commits HEAD does not reach;
    ``tag_history`` the tags with their dates (None: no git history)."""

    def __init__(
        self,
        files: Mapping[str, str | bytes],
        *,
        label: str = "memory",
        ref: str | None = None,
        refs: Mapping[str, Mapping[str, str | bytes]] | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        tags: tuple[str, ...] = (),
        other_tags: tuple[str, ...] = (),
        tag_history: TagHistory | None = None,
    ) -> None:
        super().__init__(max_bytes)
        self._tag_history = tag_history
        self._tags = tuple(tags)
        self._other_tags = tuple(other_tags)
        self._data = {p: (c.encode() if isinstance(c, str) else c) for p, c in files.items()}
        self._refs = dict(refs or {})
        self.label = label
        self.ref = ref

    def files(self) -> tuple[str, ...]:
        return tuple(sorted(self._data))

    def size(self, path: str) -> int | None:
        data = self._data.get(path)
        return None if data is None else len(data)

    def _read_bytes(self, path: str, limit: int) -> bytes | FileContent:
        return self._data[path][: limit + 1]

    def tags(self, *, merged: bool = True) -> tuple[str, ...]:
        return self._tags if merged else (*self._tags, *self._other_tags)

    def tag_history(self) -> TagHistory | None:
        return self._tag_history

    def at_ref(self, ref: str) -> RepoSnapshot:
        if ref not in self._refs:
            raise UsageError(f"--base {ref}: no such ref")
        return MemorySnapshot(
            self._refs[ref], label=f"{self.label}@{ref}", ref=ref, refs=self._refs, max_bytes=self.max_bytes
        )

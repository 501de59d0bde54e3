"""Splitting an organisation's repositories into N shards that can be scanned in parallel.

A repository's shard is a stable hash of its lower-cased ``owner/name`` modulo N, so it stays
in the same shard from one scan to the next (and its incremental state with it), whatever
other repositories come and go. Shards are numbered 1..N (``--shard 2/4``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from platform_lint.errors import UsageError


@dataclass(frozen=True)
class Shard:
    index: int
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"

    def holds(self, full_name: str) -> bool:
        return shard_index(full_name, self.count) == self.index


def shard_index(full_name: str, count: int) -> int:
    """The shard (1..count) ``owner/name`` belongs to."""
    digest = hashlib.sha256(full_name.lower().encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def parse_shard(text: str) -> Shard:
    """``I/N`` with 1 <= I <= N."""
    index, sep, count = text.partition("/")
    if not sep or not index.strip().isdigit() or not count.strip().isdigit():
        raise UsageError(f"--shard {text!r}: expected I/N, such as 1/4")
    shard = Shard(int(index), int(count))
    if shard.count < 1 or not 1 <= shard.index <= shard.count:
        raise UsageError(f"--shard {text!r}: I must be between 1 and N (shards are numbered from 1)")
    return shard

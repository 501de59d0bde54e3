"""Following ``$ref`` inside a set of already-loaded documents (pure: no I/O).

Only local (``#/...``) and relative-file (``other.yaml#/...``) references are
followed, within the documents handed in. A reference to a URL, or to a file that
was not loaded, resolves to nothing and is listed in ``unresolved``. Chains of
references are followed at most ``MAX_HOPS`` times, so a reference loop ends.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from platform_lint.families.contracts.refs import split_ref

MAX_HOPS = 32


@dataclass(frozen=True)
class Node:
    """A value and where it physically lives: (file, path inside that file)."""

    value: Any
    file: str
    parts: tuple[str | int, ...]
    ref: str | None = None  # the canonical target of the last $ref followed, if any


def walk(data: Any, parts: tuple[str | int, ...]) -> tuple[bool, Any]:
    node = data
    for part in parts:
        if isinstance(node, Mapping) and part in node:
            node = node[part]
        elif isinstance(node, list):
            try:
                node = node[int(part)]
            except (ValueError, IndexError):
                return False, None
        else:
            return False, None
    return True, node


class Resolver:
    """Resolves references among ``docs`` (file path -> data)."""

    def __init__(self, docs: Mapping[str, Any]) -> None:
        self.docs = docs
        self.unresolved: set[str] = set()

    def deref(self, node: Node) -> Node:
        """Follow ``$ref`` until a non-reference value (or give up: value None)."""
        hops = 0
        current = node
        while isinstance(current.value, Mapping) and isinstance(current.value.get("$ref"), str):
            hops += 1
            ref = current.value["$ref"]
            target = split_ref(ref, current.file)
            if hops > MAX_HOPS or target is None or target[0] not in self.docs:
                self.unresolved.add(ref)
                return Node(None, current.file, current.parts, ref)
            ok, value = walk(self.docs[target[0]], target[1])
            if not ok:
                self.unresolved.add(ref)
                return Node(None, current.file, current.parts, ref)
            canonical = target[0] + "#/" + "/".join(target[1])
            current = Node(value, target[0], target[1], canonical)
        return current

    def child(self, node: Node, key: str | int) -> Node:
        value = node.value
        if isinstance(value, Mapping):
            return Node(value.get(key), node.file, (*node.parts, key))
        if isinstance(value, list) and isinstance(key, int) and 0 <= key < len(value):
            return Node(value[key], node.file, (*node.parts, key))
        return Node(None, node.file, (*node.parts, key))

    def get(self, node: Node, key: str | int) -> Node:
        """``child`` then ``deref``."""
        return self.deref(self.child(node, key))

"""What the contract diff produces: one :class:`Change` per difference, with a stable rule id."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

ERROR = "error"
WARNING = "warning"
INFO = "info"
LEVELS = (INFO, WARNING, ERROR)


def level_rank(level: str) -> int:
    return LEVELS.index(level)


@dataclass(frozen=True)
class Change:
    """One classified difference between two versions of a contract.

    ``operation`` names what changed: an operation (``GET /pets``) or, for a change
    inside a shared schema, that schema (``schema Pet``); ``operations`` lists every
    operation the change reaches. ``pointer`` is a JSON pointer into the head document:
    along the operation (``$ref``s followed) for a change in the operation itself, to
    the schema for a change in a component. ``file`` and ``line`` say where the changed
    node is in the head files (for something removed: its nearest surviving parent),
    or, when ``in_base`` is set, where the removed node was in the base files. ``args``
    fill the rule's message.
    """

    id: str
    level: str
    operation: str
    pointer: str
    args: Mapping[str, Any] = field(default_factory=dict, hash=False)
    file: str | None = None
    line: int | None = None
    addition: bool = False
    operations: tuple[str, ...] = ()
    in_base: bool = False

    @property
    def breaking(self) -> bool:
        return self.level == ERROR


def escape(part: str | int) -> str:
    return str(part).replace("~", "~0").replace("/", "~1")


def pointer(parts: tuple[str | int, ...] | list[str | int]) -> str:
    return "".join("/" + escape(p) for p in parts)

"""What a schema comparison finds: :class:`Raw` changes, gathered in a :class:`Result`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from platform_lint.families.contracts.diff.normalise import key_of
from platform_lint.families.contracts.diff.resolve import Node
from platform_lint.families.contracts.diff.shape import Shape

Parts = tuple[str | int, ...]
Key = tuple[str, Parts, str, Parts, str]  # old file, old parts, new file, new parts, side


@dataclass(frozen=True)
class Raw:
    """A change found inside a schema.

    ``suffix`` is the path from where the comparison began (through ``$ref``s, as
    the head document reads along the operation); ``file``/``parts`` is where the
    line is; ``subject`` is the schema the change is about (for a property
    change: the object holding the property).
    """

    kind: str  # a schema kind (the side is prefixed later) or a full rule id
    suffix: Parts
    file: str
    parts: Parts
    subject: Parts
    args: Mapping[str, Any] = field(default_factory=dict, hash=False)


@dataclass
class Result:
    """Changes found directly and the referenced pairs reached (compared separately)."""

    raws: list[Raw] = field(default_factory=list)
    children: set[Key] = field(default_factory=set)

    def extend(self, other: Result, prefix: Parts) -> None:
        if prefix:
            self.raws.extend(nest(r, prefix) for r in other.raws)
        else:
            self.raws.extend(other.raws)
        self.children |= other.children


def nest(raw: Raw, prefix: Parts) -> Raw:
    return Raw(raw.kind, (*prefix, *raw.suffix), raw.file, raw.parts, raw.subject, raw.args)


def make(kind: str, shape: Shape, at: Node, suffix: Parts | None = None, **args: Any) -> Raw:
    """A change about ``shape``, with its line at ``at``."""
    return Raw(kind, shape.suffix if suffix is None else suffix, at.file, at.parts, shape.node.parts, args)


def with_keyword(kind: str, shape: Shape, at: Node, keyword: str, old: Any, new: Any) -> Raw:
    """A change of one keyword, its old and new values shown."""
    return make(kind, shape, at, keyword=keyword, old=shown(old), new=shown(new))


def shown(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        text = key_of(value)
        return text if len(text) <= 60 else text[:57] + "..."
    return str(value)

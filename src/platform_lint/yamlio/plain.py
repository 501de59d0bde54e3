"""Plain data from PyYAML's C composer: fast on big files, with the same limits as the rest.

libyaml composes a multi-megabyte file in a fraction of a second and gives every node its
line; :class:`PlainBuilder` turns the node graph into dicts, lists and scalars. PyYAML
composes an alias as the very node its anchor names, so a node met a second time is an
alias: it costs the nodes built under it the first time, counted before it is built again
(an alias bomb is refused after work linear in the file). Nesting deeper than
``MAX_DEPTH``, an alias inside its own target and more than ``MAX_NODES`` nodes (counted
before composing: nodes are what cost memory) are refused too, at their line.

Scalars follow the YAML 1.1 rules libyaml resolves with (``yes`` is true); timestamps and
unknown tags stay text, and mapping keys stay the text written (``200:`` is ``"200"``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from platform_lint.errors import ConfigError
from platform_lint.yamlio.limits import (
    ALIAS_IN_ITSELF,
    MAX_ALIAS_NODES,
    MAX_DEPTH,
    MAX_NODES,
    too_deep,
    too_many_aliased,
    too_many_nodes,
)

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Recorder = Callable[[Any, dict[Any, int]], None]
"""Told of each mapping and list built, with the line of each key or item ("" for its own)."""


class YamlLimit(Exception):
    """A limit was passed at ``line``."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class PlainBuilder:
    """Plain values from composed nodes, within the depth and alias limits (one per stream)."""

    def __init__(self, record: Recorder | None = None) -> None:
        self.record = record
        self.built = 0
        self.aliased = 0
        self.sizes: dict[int, int] = {}
        self.open: set[int] = set()
        self.replaying = 0  # > 0 while an alias is built again (already paid for)
        self.alias_line = 0  # the line of the alias being built again

    def build(self, node: yaml.Node, line: int, depth: int = 0) -> Any:
        key = id(node)
        if key in self.open:
            raise YamlLimit(ALIAS_IN_ITSELF, line)
        alias = key in self.sizes and not self.replaying
        if alias:
            self.aliased += self.sizes[key]
            if self.aliased > MAX_ALIAS_NODES:
                raise YamlLimit(too_many_aliased(), line)
        if not isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            self.built += 1
            self.sizes.setdefault(key, 1)
            return scalar(node)
        if depth >= MAX_DEPTH:
            where = line if alias else self.alias_line if self.replaying else node.start_mark.line + 1
            raise YamlLimit(too_deep(), where)
        before = self.built
        self.built += 1
        self.open.add(key)
        if alias and not self.replaying:
            self.alias_line = line
        self.replaying += alias
        try:
            if isinstance(node, yaml.MappingNode):
                out: Any = self._mapping(node, depth)
            else:
                out = self._sequence(node, depth)
        finally:
            self.replaying -= alias
            self.open.discard(key)
        self.sizes.setdefault(key, self.built - before)
        return out

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        key_lines: dict[Any, int] = {"": node.start_mark.line + 1}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                merged = self.build(value_node, line, depth + 1)
                for item in merged if isinstance(merged, list) else [merged]:
                    if isinstance(item, dict):
                        for k, v in item.items():
                            out.setdefault(k, v)
                continue
            key = scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            if isinstance(key, (int, float, bool)) or key is None:
                key = key_node.value  # status codes and other plain keys stay strings
            out[key] = self.build(value_node, line, depth + 1)
            key_lines[key] = line
        if self.record is not None:
            self.record(out, key_lines)
        return out

    def _sequence(self, node: yaml.SequenceNode, depth: int) -> list[Any]:
        line = node.start_mark.line + 1
        items = [self.build(child, line, depth + 1) for child in node.value]
        if self.record is not None:
            item_lines: dict[Any, int] = {i: child.start_mark.line + 1 for i, child in enumerate(node.value)}
            item_lines[""] = line
            self.record(items, item_lines)
        return items


def scalar(node: yaml.Node) -> Any:
    value = node.value
    tag = node.tag
    if tag == "tag:yaml.org,2002:str":
        return value
    if tag == "tag:yaml.org,2002:int":
        try:
            return int(value.replace("_", ""), 0) if not value.startswith("0") or value == "0" else int(value)
        except ValueError:  # also more digits than int() takes: the text stays
            return value
    if tag == "tag:yaml.org,2002:float":
        try:
            return float(value.replace("_", ""))
        except ValueError:
            return value
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() in ("true", "yes", "on")
    if tag == "tag:yaml.org,2002:null":
        return None
    return value  # timestamps and custom tags stay text (a date is a string in a spec)


def compose(text: str) -> yaml.Node | None:
    """The node graph of a one-document stream: :class:`YamlLimit` past ``MAX_NODES``
    nodes (counted before composing), PyYAML's errors otherwise."""
    check_node_count(text)
    return yaml.compose(text, Loader=_Loader)


_SEPARATORS = (b"\n", b",", b":", b"-", b"?", b"[", b"{")


def check_node_count(text: str) -> None:
    """:class:`YamlLimit` when the stream holds more than ``MAX_NODES`` nodes.

    A composed node costs a few hundred bytes, so the count comes first. Every node is
    set off by one of a few characters (a line break, ``,``, ``:``, ``-``, ``?``, ``[``,
    ``{``), so twice their number bounds the count; only when that bound is over the
    limit are the parser's events counted (constant memory).
    """
    raw = text.encode("utf-8", "surrogatepass")
    if 2 * (sum(raw.count(c) for c in _SEPARATORS) + 1) <= MAX_NODES:
        return
    nodes = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent, yaml.CollectionStartEvent)):
                nodes += 1
                if nodes > MAX_NODES:
                    raise YamlLimit(too_many_nodes(), event.start_mark.line + 1)
    except yaml.YAMLError:
        return  # malformed: composing says where


def load_plain_all(text: str, path: str) -> list[Any]:
    """Every document of a YAML stream as plain data. Problems are a ConfigError naming the
    line (malformed YAML, or a limit passed); nothing below the file has a position."""
    builder = PlainBuilder()
    roots: list[yaml.Node] = []  # kept alive, so node ids stay unique across documents
    out: list[Any] = []
    try:
        check_node_count(text)
        for root in yaml.compose_all(text, Loader=_Loader):
            roots.append(root)
            out.append(None if root is None else builder.build(root, root.start_mark.line + 1))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = " ".join(p for p in (exc.context, exc.problem) if p) or "not valid YAML"
        raise ConfigError(
            f"malformed YAML: {reason}",
            path=path,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"malformed YAML: {exc}", path=path, line=1) from None
    except YamlLimit as exc:
        raise ConfigError(exc.message, path=path, line=exc.line) from None
    except RecursionError:
        raise ConfigError(too_deep(), path=path, line=1) from None
    return out

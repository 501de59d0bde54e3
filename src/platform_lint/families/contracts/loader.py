"""Fast loading of API spec files with line numbers.

YAML goes through PyYAML's C-backed composer (``CSafeLoader`` when libyaml is
present): the node marks give every key its line, and building plain Python
values from the node tree is far cheaper than a round-trip loader on
multi-megabyte specs. JSON goes through :mod:`json`; its lines are found on
demand by a forward scan for the keys of a pointer, which costs nothing until a
change is reported.

A file that does not parse gives a :class:`LoadError` with the line, never an
exception to the caller of :func:`load_spec`. So does one past the limits every loader
keeps (:mod:`platform_lint.yamlio`): nesting deeper than ``MAX_DEPTH``, aliases standing
for more than ``MAX_ALIAS_NODES`` nodes, an alias inside its own target. Building values
from the node graph counts what each alias stands for before expanding it, so an alias
bomb is refused after work linear in the file.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from platform_lint.yamlio import (
    ALIAS_IN_ITSELF,
    MAX_ALIAS_NODES,
    MAX_DEPTH,
    JsonError,
    load_json,
    too_deep,
    too_many_aliased,
)

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

PathPart = str | int


@dataclass(frozen=True)
class LoadError:
    """Why a file could not be loaded, and where."""

    message: str
    line: int | None = None
    column: int | None = None


class LineIndex:
    """Answers "which line holds the node at this path" for one loaded document."""

    def line_of(self, data: Any, parts: Sequence[PathPart]) -> int | None:  # pragma: no cover
        raise NotImplementedError


class YamlLines(LineIndex):
    """Key lines recorded while building the values: ``id(container) -> {key: line}``."""

    def __init__(self) -> None:
        self.table: dict[int, dict[Any, int]] = {}
        self.keep: list[Any] = []  # keeps containers alive so their ids stay unique

    def line_of(self, data: Any, parts: Sequence[PathPart]) -> int | None:
        node = data
        line = self.table.get(id(node), {}).get("", 1) if isinstance(node, (dict, list)) else 1
        for part in parts:
            lines = self.table.get(id(node))
            try:
                child = node[part]
            except (KeyError, IndexError, TypeError):
                break
            if lines is not None and part in lines:
                line = lines[part]
            node = child
        return line


class JsonLines(LineIndex):
    """Finds a pointer's line by scanning forward for each key in turn (cheap, on demand)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._newlines: list[int] | None = None
        self._offsets: dict[tuple[PathPart, ...], int] = {}  # pointer prefix -> where its key was found

    def _line_at(self, offset: int) -> int:
        import bisect
        import itertools

        if self._newlines is None:  # the offset just past each line's end
            self._newlines = list(itertools.accumulate(len(line) for line in self.text.splitlines(True)))
        return bisect.bisect_right(self._newlines, offset) + 1

    def line_of(self, data: Any, parts: Sequence[PathPart]) -> int | None:
        offset = 0
        node = data
        for depth, part in enumerate(parts):
            if isinstance(node, dict) and part in node:
                prefix = tuple(parts[: depth + 1])
                found = self._offsets.get(prefix, -1)
                if found < 0:
                    needle = json.dumps(part)
                    found = self.text.find(needle + ":", offset)
                    if found < 0:
                        found = self.text.find(needle, offset)
                    if found < 0:
                        break
                    self._offsets[prefix] = found
                offset = found
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                node = node[part]  # items have no key to find; keep the parent's line
            else:
                break
        return self._line_at(offset)


@dataclass(frozen=True)
class SpecDocument:
    """A loaded spec file: plain data plus a way to find lines."""

    path: str
    data: Any
    lines: LineIndex = field(compare=False, repr=False)

    def line_of(self, parts: Sequence[PathPart]) -> int | None:
        return self.lines.line_of(self.data, parts)


class _Refused(Exception):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class _Builder:
    """Plain values from a composed node graph, within the depth and alias limits.

    PyYAML composes an alias as the very node its anchor names, so a node met a second
    time is an alias: it costs the nodes built under it the first time, counted before it
    is built again.
    """

    def __init__(self, lines: YamlLines) -> None:
        self.lines = lines
        self.built = 0
        self.aliased = 0
        self.sizes: dict[int, int] = {}
        self.open: set[int] = set()
        self.replaying = 0  # > 0 while an alias is built again (already paid for)
        self.alias_line = 0  # the line of the alias being built again

    def build(self, node: yaml.Node, line: int, depth: int = 0) -> Any:
        key = id(node)
        if key in self.open:
            raise _Refused(ALIAS_IN_ITSELF, line)
        alias = key in self.sizes and not self.replaying
        if alias:
            self.aliased += self.sizes[key]
            if self.aliased > MAX_ALIAS_NODES:
                raise _Refused(too_many_aliased(), line)
        if not isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            self.built += 1
            self.sizes.setdefault(key, 1)
            return _scalar(node)
        if depth >= MAX_DEPTH:
            where = line if alias else self.alias_line if self.replaying else node.start_mark.line + 1
            raise _Refused(too_deep(), where)
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
            key = _scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            if isinstance(key, (int, float, bool)) or key is None:
                key = key_node.value  # status codes and other plain keys stay strings
            out[key] = self.build(value_node, line, depth + 1)
            key_lines[key] = line
        self.lines.table[id(out)] = key_lines
        self.lines.keep.append(out)
        return out

    def _sequence(self, node: yaml.SequenceNode, depth: int) -> list[Any]:
        line = node.start_mark.line + 1
        items = [self.build(child, line, depth + 1) for child in node.value]
        self.lines.table[id(items)] = {i: child.start_mark.line + 1 for i, child in enumerate(node.value)}
        self.lines.table[id(items)][""] = line
        self.lines.keep.append(items)
        return items


_RESOLVER = yaml.resolver.Resolver()


def _scalar(node: yaml.Node) -> Any:
    value = node.value
    tag = node.tag
    if tag == "tag:yaml.org,2002:str":
        return value
    if tag == "tag:yaml.org,2002:int":
        try:
            return int(value.replace("_", ""), 0) if not value.startswith("0") or value == "0" else int(value)
        except ValueError:
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


def load_spec(path: str, text: str) -> SpecDocument | LoadError:
    """Load a YAML or JSON spec (JSON by extension or by a leading brace)."""
    stripped = text.lstrip()
    if path.endswith(".json") or stripped.startswith("{"):
        try:
            return SpecDocument(path, load_json(text), JsonLines(text))
        except JsonError as exc:
            if path.endswith(".json") or "malformed" not in exc.message:
                return LoadError(exc.message, exc.line, exc.column)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = " ".join(p for p in (exc.context, exc.problem) if p) or "malformed YAML"
        return LoadError(
            f"malformed YAML: {reason}", mark.line + 1 if mark else None, mark.column + 1 if mark else None
        )
    except yaml.YAMLError as exc:
        return LoadError(f"malformed YAML: {exc}")
    except ValueError as exc:  # e.g. several documents in one stream
        return LoadError(f"malformed YAML: {exc}")
    except RecursionError:
        return LoadError(too_deep())
    lines = YamlLines()
    if root is None:
        return SpecDocument(path, None, lines)
    try:
        data = _Builder(lines).build(root, root.start_mark.line + 1)
    except _Refused as exc:
        return LoadError(exc.message, exc.line)
    except (ValueError, RecursionError) as exc:
        return LoadError(f"cannot load: {exc}")
    return SpecDocument(path, data, lines)

"""Fast loading of API spec files with line numbers.

YAML goes through PyYAML's C-backed composer (``CSafeLoader`` when libyaml is
present, through :mod:`platform_lint.yamlio.plain`): the node marks give every key its
line, and building plain Python values from the node tree is far cheaper than a
round-trip loader on multi-megabyte specs. JSON goes through
:func:`platform_lint.yamlio.load_json`; its lines are found on demand by a forward scan
for the keys of a pointer, which costs nothing until a change is reported.

A file that does not parse gives a :class:`LoadError` with the line, never an
exception to the caller of :func:`load_spec`. So does one past the limits every loader
keeps (:mod:`platform_lint.yamlio`): nesting deeper than ``MAX_DEPTH``, aliases standing
for more than ``MAX_ALIAS_NODES`` nodes, an alias inside its own target.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from platform_lint.yamlio import JsonError, PlainBuilder, YamlLimit, compose, load_json, too_deep

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

    def record(self, container: Any, lines: dict[Any, int]) -> None:
        self.table[id(container)] = lines
        self.keep.append(container)

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
        root = compose(text)
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
    except YamlLimit as exc:
        return LoadError(exc.message, exc.line)
    lines = YamlLines()
    if root is None:
        return SpecDocument(path, None, lines)
    try:
        data = PlainBuilder(lines.record).build(root, root.start_mark.line + 1)
    except YamlLimit as exc:
        return LoadError(exc.message, exc.line)
    except (ValueError, RecursionError) as exc:
        return LoadError(f"cannot load: {exc}")
    return SpecDocument(path, data, lines)

"""The only ruamel.yaml importer: load YAML keeping line and column of every node.

``load_yaml`` returns a :class:`YamlDocument` whose ``data`` is plain-looking
(ruamel's CommentedMap/CommentedSeq behave as dict/list) and whose
``position(path)`` answers "where is this key or item" in 1-based line/column.
Malformed YAML and duplicate keys raise :class:`~platform_lint.errors.ConfigError`
naming file:line:column.

The composer keeps the limits of :mod:`.limits`: nesting deeper than ``MAX_DEPTH``,
aliases that stand for more than ``MAX_ALIAS_NODES`` nodes in all (a "billion laughs"),
and an alias inside the node it names are refused at their line, as are an anchor defined
twice (as the plain loader does) and values that cannot be built (``2026-13-45``, an integer
of thousands of digits).
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, MappingStartEvent, SequenceStartEvent
from ruamel.yaml.nodes import MappingNode, SequenceNode

from platform_lint.errors import ConfigError
from platform_lint.yamlio.limits import (
    ALIAS_IN_ITSELF,
    MAX_ALIAS_NODES,
    MAX_DEPTH,
    MAX_INT_DIGITS,
    too_deep,
    too_many_aliased,
)

PathPart = str | int


@dataclass(frozen=True)
class YamlDocument:
    """A loaded YAML document and the file it came from."""

    path: str
    data: Any

    def position(self, path: Sequence[PathPart]) -> tuple[int, int]:
        """1-based (line, column) of the node at ``path``; the nearest known ancestor otherwise.

        For a mapping key the key's own position is given (that is where a user looks).
        """
        return node_position(self.data, path)


def node_position(root: Any, path: Sequence[PathPart]) -> tuple[int, int]:
    node = root
    line, col = _own_position(root)
    for part in path:
        if isinstance(node, CommentedMap) and part in node:
            try:
                kl, kc = node.lc.key(part)
                line, col = kl + 1, kc + 1
            except (KeyError, TypeError, AttributeError):
                pass
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            try:
                il, ic = node.lc.item(part)
                line, col = il + 1, ic + 1
            except (KeyError, TypeError, AttributeError):
                pass
            node = node[part]
        else:
            break
    return line, col


def _own_position(node: Any) -> tuple[int, int]:
    lc = getattr(node, "lc", None)
    if lc is not None and lc.line is not None:
        return lc.line + 1, (lc.col or 0) + 1
    return 1, 1


class YamlRefused(MarkedYAMLError):
    """A YAML text platform-lint will not load; ``problem`` is the whole message."""


class _BoundedComposer(Composer):
    """ruamel's composer, counting what aliases stand for and how deep nodes nest.

    An alias costs the nodes under its target (known once the target is composed), so the
    check is linear in the text while the expansion it stops is exponential.
    """

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        self._level = 0
        self._aliased = 0  # for the whole stream: each document could bring its own bomb
        self._sizes: dict[int, tuple[int, int]] = {}  # id(node) -> (nodes under it, height)

    def compose_document(self) -> Any:
        self._sizes = {}  # node ids of an earlier document may be reused
        return super().compose_document()

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        mark = event.start_mark
        anchor = None if isinstance(event, AliasEvent) else getattr(event, "anchor", None)
        if anchor is not None and anchor in self.anchors:  # as PyYAML, which reads large files, does
            first = self.anchors[anchor].start_mark.line + 1
            raise YamlRefused(
                problem=f"the anchor &{anchor[:40]} is defined twice (first on line {first}); "
                "give each anchor its own name",
                problem_mark=mark,
            )
        if not self.parser.check_event(AliasEvent, MappingStartEvent, SequenceStartEvent):
            node = super().compose_node(parent, index)  # a scalar
            self._sizes[id(node)] = (1, 0)
            return node
        if self.parser.check_event(AliasEvent):
            node = super().compose_node(parent, index)
            known = self._sizes.get(id(node))
            if known is None:
                raise YamlRefused(problem=ALIAS_IN_ITSELF, problem_mark=mark)
            size, height = known
            self._aliased += size
            if self._aliased > MAX_ALIAS_NODES:
                raise YamlRefused(problem=too_many_aliased(), problem_mark=mark)
            if self._level + height > MAX_DEPTH:
                raise YamlRefused(problem=too_deep(), problem_mark=mark)
            return node
        if self._level >= MAX_DEPTH:
            raise YamlRefused(problem=too_deep(), problem_mark=mark)
        self._level += 1
        try:
            node = super().compose_node(parent, index)
        finally:
            self._level -= 1
        self._sizes[id(node)] = self._measure(node)
        return node

    def _measure(self, node: Any) -> tuple[int, int]:
        if isinstance(node, MappingNode):
            children = [child for pair in node.value for child in pair]
        elif isinstance(node, SequenceNode):
            children = node.value
        else:
            return 1, 0
        size, height = 1, 0
        for child in children:
            child_size, child_height = self._sizes[id(child)]
            size += child_size
            height = max(height, child_height)
        return size, height + 1


class _CheckedConstructor(RoundTripConstructor):
    """ruamel's round-trip constructor; a scalar it cannot build is a located error."""

    def construct_non_recursive_object(self, node: Any, tag: Any = None) -> Any:
        if node.tag == "tag:yaml.org,2002:int":
            digits = sum(ch.isdigit() for ch in node.value)
            if digits > MAX_INT_DIGITS:
                problem = f"an integer of {digits:,} digits (platform-lint reads at most {MAX_INT_DIGITS:,})"
                raise YamlRefused(problem=problem, problem_mark=node.start_mark)
        try:
            return super().construct_non_recursive_object(node, tag)
        except (ValueError, OverflowError) as exc:
            kind = str(node.tag).rpartition(":")[2] or "value"
            kind = "date" if kind == "timestamp" else kind
            raise YamlRefused(
                problem=f"{_short(node.value)} is not a valid {kind} ({exc})", problem_mark=node.start_mark
            ) from None


def _short(value: Any, limit: int = 40) -> str:
    text = str(value)
    return repr(text if len(text) <= limit else text[:limit] + "...")


def _make_yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    yaml.Composer = _BoundedComposer
    yaml.Constructor = _CheckedConstructor
    return yaml


def load_yaml(text: str, path: str) -> YamlDocument:
    """Parse one YAML document, raising ConfigError with file:line:column on any problem."""
    with _located(path):
        data = _make_yaml().load(io.StringIO(text))
    return YamlDocument(path=path, data=data)


def load_yaml_all(text: str, path: str) -> list[YamlDocument]:
    """Every document of a multi-document YAML stream (``---`` separated), with positions."""
    with _located(path):
        return [YamlDocument(path=path, data=data) for data in _make_yaml().load_all(io.StringIO(text))]


@contextlib.contextmanager
def _located(path: str) -> Iterator[None]:
    """Turn ruamel's errors into a ConfigError naming file:line:column."""
    try:
        yield
    except DuplicateKeyError as exc:
        mark = exc.problem_mark
        key = _duplicate_key_name(exc)
        raise ConfigError(
            f"duplicate key {key}: each key may appear once in a mapping",
            path=path,
            line=_mark_line(mark),
            column=_mark_col(mark),
        ) from None
    except YamlRefused as exc:
        mark = exc.problem_mark
        raise ConfigError(
            str(exc.problem), path=path, line=_mark_line(mark), column=_mark_col(mark)
        ) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "not valid YAML"
        raise ConfigError(
            f"malformed YAML: {problem}", path=path, line=_mark_line(mark), column=_mark_col(mark)
        ) from None
    except YAMLError as exc:
        raise ConfigError(f"malformed YAML: {exc}", path=path, line=1) from None
    except RecursionError:  # a backstop: the composer's depth limit keeps far below the stack
        raise ConfigError(too_deep(), path=path, line=1) from None


def _duplicate_key_name(exc: DuplicateKeyError) -> str:
    problem = exc.problem or ""
    # ruamel says: found duplicate key "x" with value "..." (original value: "...")
    if "duplicate key" in problem:
        rest = problem.split("duplicate key", 1)[1].strip()
        if rest.startswith('"'):
            return rest.split('"')[1].join('""')
    return "in mapping"


def _mark_line(mark: Any) -> int | None:
    return None if mark is None else mark.line + 1


def _mark_col(mark: Any) -> int | None:
    return None if mark is None else mark.column + 1


def to_plain(node: Any) -> Any:
    """A deep copy as plain dict/list/scalars (for JSON Schema validation and hashing)."""
    if isinstance(node, dict):
        return {
            str(k) if not isinstance(k, (str, int, float, bool)) else k: to_plain(v) for k, v in node.items()
        }
    if isinstance(node, list):
        return [to_plain(v) for v in node]
    if hasattr(node, "isoformat") and not isinstance(node, str):
        return node.isoformat()
    return _scalar(node)


def _scalar(value: Any) -> Any:
    # ruamel wraps scalars (ScalarFloat, ScalarBoolean, TaggedScalar...); unwrap them.
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    if value is None:
        return None
    return str(value)

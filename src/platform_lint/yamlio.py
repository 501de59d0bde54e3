"""The only ruamel.yaml importer: load YAML keeping line and column of every node.

``load_yaml`` returns a :class:`YamlDocument` whose ``data`` is plain-looking
(ruamel's CommentedMap/CommentedSeq behave as dict/list) and whose
``position(path)`` answers "where is this key or item" in 1-based line/column.
Malformed YAML and duplicate keys raise :class:`~platform_lint.errors.ConfigError`
naming file:line:column.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from platform_lint.errors import ConfigError

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


def _make_yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
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
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "not valid YAML"
        raise ConfigError(
            f"malformed YAML: {problem}", path=path, line=_mark_line(mark), column=_mark_col(mark)
        ) from None
    except YAMLError as exc:
        raise ConfigError(f"malformed YAML: {exc}", path=path, line=1) from None


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

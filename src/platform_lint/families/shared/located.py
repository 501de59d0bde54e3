"""YAML documents as plain data with the line of every key and item, from the fast C composer.

The content analyzers (observability, golden paths, catalog) read many YAML files, most of
them irrelevant; the round-trip loader is too slow for that. This loads every document of
a stream with :class:`platform_lint.yamlio.PlainBuilder` (same limits as every other
loader) and records where each mapping key and list item starts, so a finding can point
at its line. A stream that does not load raises :class:`LoadProblem` with its line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from platform_lint.yamlio import PlainBuilder, YamlLimit, too_deep
from platform_lint.yamlio.plain import check_node_count

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LoadProblem(Exception):
    """The stream is not valid YAML (or passes a limit) at ``line``."""

    def __init__(self, message: str, line: int | None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass
class Located:
    """Every document of a stream, where each starts, and the lines of keys and items."""

    documents: list[Any]
    starts: list[int]
    _lines: dict[int, dict[Any, int]] = field(default_factory=dict, repr=False)

    def line(self, container: Any, key: Any = "") -> int | None:
        """The line of ``key`` in ``container`` (a mapping or list from :attr:`documents`);
        the container's own line for ``""``."""
        lines = self._lines.get(id(container))
        if lines is None:
            return None
        return lines.get(key, lines.get(""))


def load_located(text: str) -> Located:
    """Load every document of ``text`` with the lines of its keys and items."""
    lines: dict[int, dict[Any, int]] = {}

    def record(container: Any, key_lines: dict[Any, int]) -> None:
        lines[id(container)] = key_lines

    builder = PlainBuilder(record)
    documents: list[Any] = []
    starts: list[int] = []
    roots: list[yaml.Node] = []  # kept alive so ids stay unique
    try:
        check_node_count(text)
        for root in yaml.compose_all(text, Loader=_Loader):
            roots.append(root)
            if root is None:
                continue
            starts.append(root.start_mark.line + 1)
            documents.append(builder.build(root, root.start_mark.line + 1))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = " ".join(p for p in (exc.context, exc.problem) if p) or "not valid YAML"
        if "maximum nesting depth" in reason:  # libyaml's own limit, far past ours
            raise LoadProblem(too_deep(), mark.line + 1 if mark else 1) from None
        raise LoadProblem(
            f"malformed YAML: {reason}", mark.line + 1 if mark else None, mark.column + 1 if mark else None
        ) from None
    except yaml.YAMLError as exc:
        raise LoadProblem(f"malformed YAML: {exc}", 1) from None
    except YamlLimit as exc:
        raise LoadProblem(exc.message, exc.line) from None
    except RecursionError:
        raise LoadProblem(too_deep(), 1) from None
    return Located(documents, starts, lines)

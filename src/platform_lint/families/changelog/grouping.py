"""One finding per kind of defect: the first place it occurs, how often, and a few more places.

A changelog of 600 entries written one way breaks a format rule 600 times, and 600
findings drown the one thing to change. Each format check collects instances, then
:func:`group` turns the instances of one code into one finding: located at the first
instance, with its arguments, plus ``count``, ``lines`` (the first few) and ``more`` (the
words the message ends with, empty for a single instance).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from platform_lint.model import Finding, Location

EXAMPLE_LINES = 5
"""Places named after the first one."""


@dataclass(frozen=True)
class Instance:
    """One occurrence of a defect: its code, file and line, and the message arguments."""

    code: str
    path: str
    line: int | None
    args: Mapping[str, Any] = field(default_factory=dict)
    severity: str | None = None


def _more(rest: list[Instance]) -> str:
    if not rest:
        return ""
    places = []
    for item in rest[:EXAMPLE_LINES]:
        places.append(f"line {item.line}" if item.line is not None else item.path)
    tail = ", …" if len(rest) > EXAMPLE_LINES else ""
    return f" ({len(rest)} more like it: {', '.join(places)}{tail})"


def group(instances: Iterable[Instance]) -> list[Finding]:
    """One finding per code, in the order of each code's first instance in the file."""
    by_code: dict[str, list[Instance]] = {}
    for item in instances:
        by_code.setdefault(item.code, []).append(item)
    out: list[tuple[tuple[int, int], Finding]] = []
    for order, (code, items) in enumerate(by_code.items()):
        first = items[0]
        args = {
            "path": first.path,
            **first.args,
            "count": len(items),
            "lines": [i.line for i in items[: EXAMPLE_LINES + 1] if i.line is not None],
            "more": _more(items[1:]),
        }
        location = Location(first.path, first.line)
        finding = Finding(code, args, location, key=code, severity=first.severity)
        out.append(((first.line or 0, order), finding))
    return [finding for _, finding in sorted(out, key=lambda pair: pair[0])]

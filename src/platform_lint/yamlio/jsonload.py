"""JSON from the repository: parsed within the limits, never failing on a long integer."""

from __future__ import annotations

import json
import re
from typing import Any

from platform_lint.yamlio.limits import MAX_DEPTH, MAX_INT_DIGITS, MAX_NODES, too_deep, too_many_nodes


class JsonError(ValueError):
    """A JSON text that does not parse, or that platform-lint will not load; located."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def load_json(text: str) -> Any:
    """Parse JSON; :class:`JsonError` with line and column when it is malformed, nested
    deeper than ``MAX_DEPTH`` or holds more than ``MAX_NODES`` values. An integer longer
    than ``MAX_INT_DIGITS`` digits (which ``int()`` refuses) is read as a float.

    The limits are checked first, on the bytes (a few C-speed passes), so a refused text
    is never parsed: parsing is what costs memory."""
    structure = _structure(text)
    if structure.count(b",") + structure.count(b":") + structure.count(b"[") > MAX_NODES:
        raise JsonError(too_many_nodes(), 1, 1)
    if _nests_deeper(structure.translate(None, b",:"), MAX_DEPTH):
        line, column = _where_too_deep(text)
        raise JsonError(too_deep(), line, column)
    try:
        return json.loads(text, parse_int=_json_int)
    except json.JSONDecodeError as exc:
        raise JsonError(f"malformed JSON: {exc.msg}", exc.lineno, exc.colno) from None
    except RecursionError:  # a backstop: the depth checked above keeps far below the stack
        raise JsonError(too_deep(), 1, 1) from None


def _json_int(digits: str) -> int | float:
    if len(digits) - digits.startswith("-") <= MAX_INT_DIGITS:
        return int(digits)
    return float(digits)  # linear, unlike int(); infinity past about 1e308


_KEEP_STRUCTURE = bytes(c for c in range(256) if c not in b'"[]{},:')


def _structure(text: str) -> bytes:
    """The brackets, commas and colons of JSON ``text`` outside strings, ``{}`` as ``[]``.

    Escaped backslashes and quotes go first; then every remaining quote opens or closes a
    string, and what lies between two of them is dropped.
    """
    raw = text.encode("utf-8", "surrogatepass")
    if b"\\" in raw:
        raw = raw.replace(b"\\\\", b"").replace(b'\\"', b"")
    return b"".join(raw.translate(None, _KEEP_STRUCTURE).split(b'"')[::2]).translate(_SQUARE)


def _nests_deeper(brackets: bytes, limit: int) -> bool:
    """Whether ``brackets`` nest more than ``limit`` deep: innermost pairs are stripped once
    per level (at most ``limit`` passes). Unbalanced brackets (malformed JSON, which the
    parser then reports) stop the passes early."""
    for _ in range(limit):
        if not brackets:
            return False
        stripped = brackets.replace(b"[]", b"")
        if len(stripped) == len(brackets):
            return False
        brackets = stripped
    return bool(brackets)


_SQUARE = bytes.maketrans(b"{}", b"[]")
_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


def _where_too_deep(text: str) -> tuple[int | None, int | None]:
    """Line and column of the bracket that opens level ``MAX_DEPTH + 1`` (a slow scan, run
    only for a document already refused)."""
    depth = 0
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            if depth > MAX_DEPTH:
                offset = match.start()
                line = text.count("\n", 0, offset) + 1
                return line, offset - text.rfind("\n", 0, offset)
        elif token in ("]", "}"):
            depth -= 1
    return None, None

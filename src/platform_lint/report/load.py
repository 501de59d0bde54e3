"""Read a JSON report file into the model, for the commands that work from one (publish, badge).

The file is parsed, validated against ``schemas/report.schema.json`` and only then built
into a :class:`~platform_lint.report.model.Report`. Whatever is wrong with it becomes an
:class:`~platform_lint.errors.InputError` (exit 2) that names the file, the line and
column, and the field: ``report.json:14:22: rules[0].state: 'passed' is not one of …``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema

from platform_lint import safety
from platform_lint.errors import InputError
from platform_lint.report.model import SCHEMA_VERSION, Report, from_dict
from platform_lint.resources import load_schema

_WHITESPACE = " \t\n\r"


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    schema = load_schema("report.schema.json")
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def load(path: str | Path) -> Report:
    """The report in ``path``; ``InputError`` naming file, line and field when it is not one."""
    where = Path(path)
    try:
        text = where.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(
            f"{where}: no such report (write one with 'platform-lint check --format json --output {where}')"
        ) from None
    except IsADirectoryError:
        raise InputError(f"{where}: is a folder, not a JSON report") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: not a JSON report: not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise InputError(f"{where}: cannot read the report: {exc.strerror or exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}:{exc.lineno}:{exc.colno}: not a JSON report: {exc.msg}") from None
    except RecursionError:
        raise InputError(f"{where}: not a JSON report: nested too deeply") from None
    return parse(data, text, str(where))


def parse(data: Any, text: str, name: str) -> Report:
    """``data`` (parsed from ``text``) as a report; errors are located in ``text`` and say ``name``."""
    if isinstance(data, dict) and isinstance(data.get("schema_version"), int):
        version = data["schema_version"]
        if version > SCHEMA_VERSION:
            raise InputError(
                f"{name}: report schema_version {version} is newer than this platform-lint reads "
                f"({SCHEMA_VERSION}); upgrade platform-lint"
            )
    errors = sorted(_validator().iter_errors(data), key=lambda e: [_order(p) for p in e.absolute_path])
    if errors:
        first = errors[0]
        if first.context:  # oneOf/anyOf: say what is wrong inside, not just "not valid under any"
            first = jsonschema.exceptions.best_match(first.context) or first
        steps = list(first.absolute_path)
        line, column = locate(text, steps)
        more = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
        raise InputError(
            f"{name}:{line}:{column}: not a platform-lint report (schema_version {SCHEMA_VERSION}): "
            f"{field_name(steps)}: {first.message}{more}"
        )
    try:
        return safety.scrub(from_dict(data))  # a report written elsewhere may hold a secret
    except (KeyError, TypeError, ValueError) as exc:  # the schema let through what the model cannot hold
        raise InputError(f"{name}: not a platform-lint report: {type(exc).__name__}: {exc}") from None


def _order(step: str | int) -> tuple[int, int, str]:
    return (0, step, "") if isinstance(step, int) else (1, 0, str(step))


def field_name(steps: Sequence[str | int]) -> str:
    """``["rules", 0, "state"]`` -> ``rules[0].state``; the root is ``(report)``."""
    out = ""
    for step in steps:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or "(report)"


def locate(text: str, steps: Sequence[str | int]) -> tuple[int, int]:
    """1-based line and column of the value at ``steps`` in the JSON ``text``.

    Walks the text once along the path (each skipped value is decoded to find its end);
    where the path cannot be followed, the position of the deepest value reached.
    """
    decoder = json.JSONDecoder()
    pos = _skip(text, 0)
    for step in steps:
        found = _child(text, pos, step, decoder)
        if found is None:
            break
        pos = found
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return line, column


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _WHITESPACE:
        pos += 1
    return pos


def _child(text: str, pos: int, step: str | int, decoder: json.JSONDecoder) -> int | None:
    """Position of member ``step`` of the object or array starting at ``pos``; None when absent."""
    if pos >= len(text) or text[pos] not in "{[":
        return None
    is_object = text[pos] == "{"
    if is_object != isinstance(step, str):
        return None
    closing = "}" if is_object else "]"
    pos = _skip(text, pos + 1)
    index = 0
    try:
        while pos < len(text) and text[pos] != closing:
            key: str | int = index
            if is_object:
                key, pos = json.decoder.scanstring(text, pos + 1)  # type: ignore[attr-defined]
                pos = _skip(text, pos)
                pos = _skip(text, pos + 1)  # the colon
            if key == step:
                return pos
            _, end = decoder.raw_decode(text, pos)
            pos = _skip(text, end)
            if pos < len(text) and text[pos] == ",":
                pos = _skip(text, pos + 1)
            index += 1
    except (ValueError, IndexError):
        return None
    return None

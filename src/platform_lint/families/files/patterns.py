"""Regular expressions from a policy, run on RE2: time linear in the text, whatever the pattern.

A policy comes with the pull request, so a pattern is hostile input: on Python's
backtracking engine ``(a+)+$`` takes exponential time on a line of a's. RE2 never
backtracks; the price is that it has no backreferences, lookaround, atomic groups or
possessive quantifiers. A pattern that uses them is refused with a :class:`PatternError`
saying which, and the policy loader turns that into a located configuration error.

Python's syntax otherwise carries over (RE2 takes the Perl/Python dialect); ``\\Z`` (end
of text in Python) is rewritten to RE2's ``\\z``. Flags are Python's ``re`` flag values, so
``compiled.flags`` can travel in a fact request and be compiled again by a collector.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import jsonschema
import re2

_INLINE = ((re.IGNORECASE, "i"), (re.MULTILINE, "m"), (re.DOTALL, "s"))

_UNSUPPORTED = (
    # (what RE2 says, what the user reads)
    (re.compile(r"invalid escape sequence: \\[1-9]"), "backreferences (\\1) are not supported"),
    (re.compile(r"\(\?P(?:=|$)"), "backreferences ((?P=name)) are not supported"),
    (re.compile(r"\(\?[=!]"), "lookahead (?=...) and (?!...) is not supported"),
    (re.compile(r"\(\?<[=!]"), "lookbehind (?<=...) and (?<!...) is not supported"),
    (
        re.compile(r"\(\?>|repetition operator: [*+?}]\+"),
        "atomic groups and possessive quantifiers are not supported",
    ),
    (re.compile(r"\(\?\("), "conditional groups (?(...)) are not supported"),
)
_WHY = "patterns run on RE2, which matches in time linear in the text"


class PatternError(ValueError):
    """A pattern RE2 cannot take; the message says why in the policy author's words."""


@dataclass(frozen=True)
class UserPattern:
    """A compiled policy pattern: ``pattern`` and ``flags`` as written, matching through RE2."""

    pattern: str
    flags: int
    _regex: Any = field(repr=False, compare=False)

    def search(self, text: str) -> Any:
        """The first match (``start()``, ``group(0)`` as in :mod:`re`), or None."""
        return self._regex.search(text)

    def finditer(self, text: str) -> Iterator[Any]:
        return iter(self._regex.finditer(text))


@functools.lru_cache(maxsize=512)
def compile_user_pattern(pattern: str, flags: int = 0) -> UserPattern:
    """Compile ``pattern`` with Python ``re`` flags (IGNORECASE, MULTILINE, DOTALL) on RE2."""
    inline = "".join(letter for flag, letter in _INLINE if flags & flag)
    source = (f"(?{inline})" if inline else "") + _end_of_text(pattern)
    options = re2.Options()
    options.log_errors = False
    try:
        regex = re2.compile(source, options)
    except re2.error as exc:
        raise PatternError(_explain(pattern, exc)) from None
    return UserPattern(pattern, flags, regex)


def validate_user_pattern(pattern: str) -> None:
    """Raise :class:`PatternError` when RE2 cannot take ``pattern``."""
    compile_user_pattern(pattern, 0)


def _end_of_text(pattern: str) -> str:
    r"""``\Z`` (Python's end of text) as RE2 spells it, ``\z``; other escapes stay."""
    if "\\Z" not in pattern:
        return pattern
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern[i] == "\\" and i + 1 < len(pattern):
            out.append("\\z" if pattern[i + 1] == "Z" else pattern[i : i + 2])
            i += 2
        else:
            out.append(pattern[i])
            i += 1
    return "".join(out)


def _explain(pattern: str, exc: re2.error) -> str:
    raw = exc.args[0] if exc.args else ""
    said = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    for found, reason in _UNSUPPORTED:
        if found.search(said):
            return f"{reason}: {_WHY}"
    return said or "RE2 cannot compile it"


# -- JSON Schema keywords that take patterns ------------------------------------------------------


def schema_validator(schema: Any, **kwargs: Any) -> Any:
    """A jsonschema validator for ``schema`` whose ``pattern``, ``patternProperties`` and
    ``additionalProperties`` match through RE2 (jsonschema's own use Python's ``re``)."""
    base = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    linear = _LINEAR.get(base)
    if linear is None:
        keywords = {
            "pattern": _pattern,
            "patternProperties": _pattern_properties,
            "additionalProperties": _additional_properties,
        }
        linear = _LINEAR[base] = jsonschema.validators.extend(base, keywords)
    return linear(schema, **kwargs)


_LINEAR: dict[Any, Any] = {}


def check_schema(schema: Any) -> None:
    """Raise :class:`PatternError` (or jsonschema's ``SchemaError``) when ``schema`` cannot
    validate documents: it is not a JSON Schema, RE2 cannot take one of its patterns, or it
    pairs ``unevaluatedProperties`` with ``patternProperties`` (jsonschema would match those
    patterns on Python's backtracking engine)."""
    jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator).check_schema(schema)
    nodes = list(_subschemas(schema))
    for node in nodes:
        if isinstance(node.get("pattern"), str):
            validate_user_pattern(node["pattern"])
        if isinstance(node.get("patternProperties"), dict):
            for key in node["patternProperties"]:
                validate_user_pattern(str(key))
    if any("unevaluatedProperties" in n for n in nodes) and any("patternProperties" in n for n in nodes):
        raise PatternError(
            "unevaluatedProperties cannot be combined with patternProperties here; "
            "additionalProperties can (its patterns run on RE2)"
        )


def _subschemas(schema: Any) -> Iterator[dict[str, Any]]:
    """Every mapping inside ``schema`` (a superset of its subschemas; enough to find patterns)."""
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            yield node
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def _pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    if validator.is_type(instance, "string") and not compile_user_pattern(pattern).search(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


def _pattern_properties(validator: Any, patterns: Any, instance: Any, schema: Any) -> Iterator[Any]:
    if not validator.is_type(instance, "object"):
        return
    for pattern, subschema in patterns.items():
        regex = compile_user_pattern(pattern)
        for key, value in instance.items():
            if regex.search(key):
                yield from validator.descend(value, subschema, path=key, schema_path=pattern)


def _additional_properties(validator: Any, allowed: Any, instance: Any, schema: Any) -> Iterator[Any]:
    if not validator.is_type(instance, "object"):
        return
    named = schema.get("properties", {})
    patterns = [compile_user_pattern(p) for p in schema.get("patternProperties", {})]
    extras = [k for k in instance if k not in named and not any(p.search(k) for p in patterns)]
    if validator.is_type(allowed, "object"):
        for key in extras:
            yield from validator.descend(instance[key], allowed, path=key)
    elif allowed is False and extras:
        listed = ", ".join(repr(k) for k in sorted(extras, key=str))
        verb = "was" if len(extras) == 1 else "were"
        yield jsonschema.ValidationError(
            f"Additional properties are not allowed ({listed} {verb} unexpected)"
        )

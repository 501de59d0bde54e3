"""Validate a loaded policy document against the policy schema, with located, plain messages."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import jsonschema
from jsonschema import Draft202012Validator, FormatChecker

from platform_lint.errors import ConfigError
from platform_lint.families.files.patterns import PatternError, check_schema, validate_user_pattern
from platform_lint.pathglob import GlobError, expand_braces, validate_glob
from platform_lint.yamlio import YamlDocument, to_plain


def _check_regex(value: object) -> bool:
    """A pattern is run on RE2 (linear time); one RE2 cannot take is refused here, located."""
    if isinstance(value, str):
        validate_user_pattern(value)
    return True


def _check_json_schema(value: object) -> bool:
    """document-matches' schema: a valid JSON Schema whose patterns RE2 can take."""
    if isinstance(value, dict):
        check_schema(value)
    return True


def _check_glob(value: object) -> bool:
    if not isinstance(value, str):
        return True
    for alt in expand_braces(value):
        validate_glob(alt)
    return True


def format_checker() -> FormatChecker:
    checker = FormatChecker()
    checker.checks("regex", raises=PatternError)(_check_regex)
    checker.checks("glob", raises=GlobError)(_check_glob)
    checker.checks("json-schema", raises=(PatternError, jsonschema.SchemaError))(_check_json_schema)
    return checker


@lru_cache(maxsize=1)
def policy_validator() -> Draft202012Validator:
    from platform_lint.families.registry import CHECK_TYPES
    from platform_lint.policy.schema import build_policy_schema

    return Draft202012Validator(build_policy_schema(CHECK_TYPES), format_checker=format_checker())


def params_validator(schema: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator(schema, format_checker=format_checker())


def validate_document(doc: YamlDocument) -> list[ConfigError]:
    """Every schema violation of ``doc`` as a located ConfigError (empty when valid)."""
    data = to_plain(doc.data)
    if not isinstance(data, dict):
        return [
            ConfigError(
                "a policy must be a mapping with 'version: 1' and 'rules'", path=doc.path, line=1, column=1
            )
        ]
    return located_errors(doc, policy_validator().iter_errors(data))


def located_errors(
    doc: YamlDocument, errors: Iterable[jsonschema.ValidationError], prefix: tuple[str | int, ...] = ()
) -> list[ConfigError]:
    out: list[ConfigError] = []
    seen: set[tuple[Any, ...]] = set()
    for error in _leaves(errors):
        path = prefix + tuple(error.absolute_path)
        message, path = describe(error, path)
        key = (path, message)
        if key in seen:
            continue
        seen.add(key)
        line, col = doc.position(list(path))
        out.append(ConfigError(message, path=doc.path, line=line, column=col))
    out.sort(key=lambda e: (e.line or 0, e.column or 0))
    return out


def _leaves(errors: Iterable[jsonschema.ValidationError]) -> list[jsonschema.ValidationError]:
    """Replace if/then and allOf wrappers by the errors inside them."""
    out: list[jsonschema.ValidationError] = []
    for error in errors:
        if error.validator in ("allOf", "then", "if") and error.context:
            out.extend(_leaves(error.context))
        else:
            out.append(error)
    return out


def _where(path: tuple[str | int, ...]) -> str:
    if not path:
        return "the policy"
    parts: list[str] = []
    for p in path:
        parts.append(f"[{p}]" if isinstance(p, int) else (("." if parts else "") + str(p)))
    return "".join(parts)


def describe(
    error: jsonschema.ValidationError, path: tuple[str | int, ...]
) -> tuple[str, tuple[str | int, ...]]:
    """A plain-words message for one schema error, and the path to point at."""
    where = _where(path)
    v = error.validator
    if v == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        if extra:
            allowed = ", ".join(sorted(error.schema.get("properties", {})))
            return (f"unknown key '{extra[0]}' in {where} (allowed: {allowed})", (*path, extra[0]))
    if v == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"{where} is missing the required key '{missing}'", path
    if v == "enum":
        if path and path[-1] == "type" and len(path) >= 2 and path[-2] == "check":
            return (
                f"unknown check type {error.instance!r}; run 'platform-lint rules --types' "
                "to list the known ones",
                path,
            )
        allowed = ", ".join(str(x) for x in error.validator_value)
        return f"{where} is {error.instance!r}, expected one of: {allowed}", path
    if v == "const":
        return f"{where} must be {error.validator_value!r}, not {error.instance!r}", path
    if v == "type":
        expected = error.validator_value
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        return f"{where} must be {_article(expected)}, not {_kind(error.instance)}", path
    if v == "format":
        fmt = error.validator_value
        cause = f": {error.cause}" if error.cause else ""
        if fmt == "regex":
            return f"{where} is not a valid regular expression{cause}", path
        if fmt == "glob":
            return f"{where} is not a valid glob{cause}", path
        if fmt == "json-schema":
            detail = error.cause.message if isinstance(error.cause, jsonschema.SchemaError) else error.cause
            return f"{where} is not a usable JSON Schema: {detail}", path
        if fmt == "date":
            return f"{where} must be a date written YYYY-MM-DD, not {error.instance!r}", path
        return f"{where} is not a valid {fmt}", path
    if v == "pattern":
        if path and path[-1] in ("id", "rule"):
            return (
                f"{where} {error.instance!r} is not a namespaced rule id "
                "(lowercase words joined by '-', namespaces by '.', e.g. ownership.codeowners-present)",
                path,
            )
        return f"{where} {error.instance!r} does not match {error.validator_value}", path
    if v in ("minItems", "minLength", "minProperties"):
        return f"{where} must not be empty", path
    if v in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return f"{where}: {error.message}", path
    if v == "uniqueItems":
        return f"{where} lists the same item twice", path
    return f"{where}: {error.message}", path


def _article(kind: str) -> str:
    return {
        "object": "a mapping",
        "array": "a list",
        "string": "a string",
        "integer": "an integer",
        "number": "a number",
        "boolean": "true or false",
    }.get(kind, f"a {kind}")


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the string {value!r}"
    if value is None:
        return "empty (null)"
    return f"{type(value).__name__} {value!r}"

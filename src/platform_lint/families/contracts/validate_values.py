"""Whether a schema's ``default`` is valid for the schema (OpenAPI 2.0/3.0 or 3.1 semantics).

OpenAPI 2.0 and 3.0 schemas are JSON Schema draft 4 with ``nullable`` (a ``null`` value
passes ``type`` when the same schema says ``nullable: true``); 3.1 and 3.2 schemas are
JSON Schema 2020-12. Formats checked are the ones OpenAPI defines with a rule (``int32``, ``int64``,
``byte``, ``regex``). ``pattern`` and ``format: regex`` follow ECMA-262
(:mod:`ecma_regex`), and a value is matched against a ``pattern`` in linear time (a
pattern that cannot be matched so is not judged).

References resolve among the loaded documents only; one that does not (a URL, a missing
file) leaves the default unjudged, never fetched.
"""

from __future__ import annotations

import binascii
import functools
from base64 import b64decode
from collections.abc import Iterator, Mapping
from typing import Any

from platform_lint.families.contracts import ecma_regex
from platform_lint.families.contracts.diff.resolve import Node
from platform_lint.families.contracts.validate_meta import brief

BASE = "file:///spec/"
MAX_DEFAULT_ERRORS = 3


def _pattern(validator: Any, pattern: Any, instance: Any, schema: Any) -> Iterator[Any]:
    from jsonschema.exceptions import ValidationError

    if not isinstance(instance, str) or not isinstance(pattern, str):
        return
    if ecma_regex.search(pattern, instance) is False:  # None: not decidable here, or reported elsewhere
        yield ValidationError(f"{brief(instance)} does not match {brief(pattern)}")


def _nullable_type(validator: Any, types: Any, instance: Any, schema: Mapping[str, Any]) -> Iterator[Any]:
    from jsonschema._keywords import type as draft_type

    if instance is None and schema.get("nullable") is True:
        return
    yield from draft_type(validator, types, instance, schema)


def _int_within(bits: int) -> Any:
    def check(instance: object) -> bool:
        if isinstance(instance, bool) or not isinstance(instance, int):
            return True
        return -(1 << (bits - 1)) <= instance < 1 << (bits - 1)

    return check


def _is_byte(instance: object) -> bool:
    if not isinstance(instance, str):
        return True
    try:
        b64decode(instance.encode("ascii"), validate=True)
    except (binascii.Error, ValueError):
        return False
    return True


def _is_regex(instance: object) -> bool:
    return not isinstance(instance, str) or ecma_regex.pattern_problem(instance) is None


@functools.lru_cache(maxsize=1)
def format_checker() -> Any:
    from jsonschema import FormatChecker

    checker = FormatChecker(formats=())
    checker.checks("int32")(_int_within(32))
    checker.checks("int64")(_int_within(64))
    checker.checks("byte")(_is_byte)
    checker.checks("regex")(_is_regex)
    return checker


@functools.lru_cache(maxsize=2)
def validator_class(version: str) -> Any:
    """The value validator for OpenAPI ``2.0``/``3.0`` (draft 4 + nullable) or 3.1 (2020-12)."""
    from jsonschema.validators import Draft4Validator, Draft202012Validator, extend

    if version in ("2.0", "3.0"):
        return extend(Draft4Validator, {"type": _nullable_type, "pattern": _pattern})
    return extend(Draft202012Validator, {"pattern": _pattern})


def registry_for(documents: Mapping[str, Any], version: str) -> Any:
    """A registry holding every loaded document of a spec (nothing else resolves)."""
    from referencing import Registry
    from referencing.jsonschema import DRAFT4, DRAFT202012

    spec = DRAFT4 if version in ("2.0", "3.0") else DRAFT202012
    return Registry().with_resources(
        (BASE + path, spec.create_resource(data)) for path, data in documents.items()
    )


def default_problems(node: Node, registry: Any, version: str) -> list[str]:
    """Why ``node``'s ``default`` does not satisfy ``node`` (at most a few reasons); ``registry``
    is :func:`registry_for` the spec's documents."""
    from referencing.exceptions import Unresolvable

    cls = validator_class(version)
    schema = node.value
    resolver = registry.resolver(base_uri=BASE + node.file)
    try:
        validator = cls(schema, registry=registry, format_checker=format_checker(), _resolver=resolver)
        out = []
        for error in validator.iter_errors(schema["default"]):
            out.append(_message(error))
            if len(out) >= MAX_DEFAULT_ERRORS:
                break
        return out
    except (Unresolvable, RecursionError, ValueError, TypeError, LookupError):
        return []  # a reference that cannot be followed here, or a schema too odd to apply


def _message(error: Any) -> str:
    where = "".join(f"[{p!r}]" for p in error.absolute_path)
    text = str(error.message).splitlines()[0] if error.message else "is not valid"
    if len(text) > 200:
        text = text[:196] + " ..."
    return f"{where}: {text}" if where else text

"""An OpenAPI document against its official JSON Schema (compiled, in Rust: jsonschema-rs).

The meta-schemas are the OpenAPI Initiative's, as openapi-spec-validator ships them; they
are read from that installed package (not copied here). Formats are not asserted at this
level (a ``pattern`` is judged as ECMA-262 by :mod:`validate_rules`); nothing is fetched
(``$ref`` inside the document is data to the meta-schema, and the meta-schemas' own
references are built into jsonschema-rs or registered here).

Each error becomes one line: when the document matches none of a ``oneOf``'s branches, the
branch it most likely meant is chosen (the one whose errors reach deepest, leaving aside
"is not a ``$ref``") and its error is reported, where it is. Values in messages are
shortened: never the whole object.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

PathPart = str | int

SCHEMA_FILES = {"2.0": "v2.0", "3.0": "v3.0", "3.1": "v3.1", "3.2": "v3.2"}


def _read_json(package: str, *parts: str) -> Any:
    """A JSON file shipped inside an installed package, found without importing the package
    (openapi-spec-validator's import alone takes most of a second)."""
    spec = importlib.util.find_spec(package)
    folders = list(spec.submodule_search_locations or []) if spec else []
    if not folders:
        raise ModuleNotFoundError(f"{package} is not installed")
    return json.loads(Path(folders[0], *parts).read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=8)
def document_validator(version: str) -> Any:
    """The compiled validator of the document meta-schema for ``version`` (2.0, 3.0, 3.1, 3.2)."""
    import jsonschema_rs

    schema = _read_json(
        "openapi_spec_validator", "resources", "schemas", SCHEMA_FILES[version], "schema.json"
    )
    return jsonschema_rs.validator_for(schema, validate_formats=False)


@functools.lru_cache(maxsize=4)
def dialect_validator(dialect: str) -> Any:
    """A validator of schema objects for a JSON Schema dialect of OpenAPI 3.1/3.2 (or None)."""
    import jsonschema_rs

    if dialect in DIALECT_FILES:
        folder = DIALECT_FILES[dialect]
        meta = _read_json("openapi_schema_validator", "schemas", folder, "metaschema.json")
        vocab = _read_json("openapi_schema_validator", "schemas", folder, "vocabularies", "base")
        vocab_id = vocab.get("$id", "")
        registry = jsonschema_rs.Registry([(dialect, meta), (vocab_id, vocab)])
        return jsonschema_rs.validator_for(meta, registry=registry, validate_formats=False)
    if dialect.rstrip("#") in KNOWN_DRAFTS:
        return jsonschema_rs.validator_for({"$schema": dialect, "$ref": dialect}, validate_formats=False)
    return None


DIALECT_FILES = {
    "https://spec.openapis.org/oas/3.1/dialect/base": "oas3.1",
    "https://spec.openapis.org/oas/3.2/dialect/2025-09-17": "oas3.2",
}
KNOWN_DRAFTS = {
    "https://json-schema.org/draft/2020-12/schema",
    "https://json-schema.org/draft/2019-09/schema",
    "http://json-schema.org/draft-07/schema",
    "http://json-schema.org/draft-06/schema",
    "http://json-schema.org/draft-04/schema",
}


def brief(value: Any, limit: int = 60) -> str:
    """A value as a short phrase: a string or number as written, an object by its keys."""
    if isinstance(value, dict):
        keys = ", ".join(repr(k) for k in list(value)[:4])
        more = ", ..." if len(value) > 4 else ""
        return f"an object ({keys}{more})" if value else "an empty object"
    if isinstance(value, list):
        return f"an array of {len(value)} item{'s' if len(value) != 1 else ''}"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def _keys(names: Sequence[Any]) -> str:
    shown = ", ".join(repr(str(n)) for n in list(names)[:5])
    return shown + (f" and {len(names) - 5} more" if len(names) > 5 else "")


def message_of(error: Any) -> str:
    """One line for a jsonschema-rs error, from its kind (values shortened)."""
    kind = error.kind
    name = type(kind).__name__
    instance = getattr(error, "instance", None)
    if name == "Required":
        return f"{str(kind.property)!r} is a required property"
    if name == "AdditionalProperties":
        unexpected = list(kind.unexpected)
        verb = "was" if len(unexpected) == 1 else "were"
        return f"additional properties are not allowed ({_keys(unexpected)} {verb} unexpected)"
    if name == "Type":
        types = [str(t) for t in kind.types] if hasattr(kind, "types") else []
        wanted = " or ".join(repr(t) for t in types) or "the expected type"
        return f"{brief(instance)} is not of type {wanted}"
    if name == "Enum":
        options = list(kind.options) if isinstance(kind.options, list) else []
        listed = ", ".join(brief(o, 30) for o in options[:8]) + (", ..." if len(options) > 8 else "")
        return f"{brief(instance)} is not one of {listed}"
    if name == "Constant":
        return f"{brief(instance)} should be {brief(kind.expected_value)}"
    if name == "Pattern":
        return f"{brief(instance)} does not match {kind.pattern!r}"
    if name == "OneOfNotValid":
        return f"{brief(instance)} is none of the allowed forms"
    if name == "OneOfMultipleValid":
        return f"{brief(instance)} matches more than one of the allowed forms ('oneOf')"
    if name == "AnyOf":
        return f"{brief(instance)} is none of the allowed forms"
    if name == "FalseSchema":
        return f"{brief(instance)} is not allowed here"
    if name in ("MinItems", "MaxItems", "MinProperties", "MaxProperties", "MinLength", "MaxLength"):
        what = {"Items": "items", "Properties": "properties", "Length": "characters"}[name[3:]]
        bound = "at least" if name.startswith("Min") else "at most"
        return f"{brief(instance)} should have {bound} {kind.limit} {what}"
    if name == "UniqueItems":
        return f"{brief(instance)} has repeated items"
    if name == "PropertyNames":
        return f"a property name of {brief(instance)} is not allowed"
    text = str(error.message).splitlines()[0] if str(error.message) else name
    return text if len(text) <= 200 else text[:196] + " ..."


def _depth(errors: Sequence[Any]) -> int:
    return max((len(list(e.instance_path)) for e in errors), default=0)


def _only_missing_ref(errors: Sequence[Any]) -> bool:
    return all(
        type(e.kind).__name__ == "Required" and str(e.kind.property) == "$ref" for e in errors
    ) and bool(errors)


def most_relevant(error: Any, hops: int = 0) -> list[Any]:
    """Inside a ``oneOf``/``anyOf`` that nothing matched, the errors of the likeliest branch."""
    kind = error.kind
    if hops > 16 or type(kind).__name__ not in ("OneOfNotValid", "AnyOf"):
        return [error]
    branches = [list(b) for b in getattr(kind, "context", None) or [] if list(b)]
    meant = [b for b in branches if not _only_missing_ref(b)] or branches
    if not meant:
        return [error]
    best = max(meant, key=lambda b: (_depth(b), -len(b)))
    return [inner for e in best for inner in most_relevant(e, hops + 1)]


def meta_errors(data: Any, version: str) -> Iterator[tuple[str, list[PathPart]]]:
    """(message, path in the document) for each way ``data`` breaks the meta-schema."""
    validator = document_validator(version)
    for error in validator.iter_errors(data):
        for chosen in most_relevant(error):
            yield message_of(chosen), list(chosen.instance_path)


def dialect_errors(schema: Any, dialect: str) -> Iterator[tuple[str, list[PathPart]]]:
    """(message, path inside ``schema``) against a JSON Schema dialect; one error for an unknown one."""
    validator = dialect_validator(dialect)
    if validator is None:
        yield f"unknown JSON Schema dialect {brief(dialect)}", []
        return
    for error in validator.iter_errors(schema):
        for chosen in most_relevant(error):
            yield message_of(chosen), list(chosen.instance_path)

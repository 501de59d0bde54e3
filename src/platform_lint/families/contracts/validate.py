"""Validating contracts: openapi-spec-validator for OpenAPI, graphql-core for GraphQL SDL.

Validation never reaches outside the loaded documents: before the validator sees
a spec, every ``$ref`` that is not local to the document (a URL, another file) is
replaced by an empty schema, so nothing is fetched and nothing is opened. Those
references are reported by the collector, not here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

MAX_ISSUES = 50


@dataclass(frozen=True)
class Issue:
    """One validation problem: message, JSON pointer (OpenAPI) and line when known."""

    message: str
    pointer: str = ""
    line: int | None = None
    column: int | None = None


def _localised(value: Any) -> Any:
    """A copy in which non-local ``$ref``s are empty schemas (iterative: no deep recursion)."""
    root: dict[str, Any] = {"v": None}
    stack: list[tuple[Any, Any, Any]] = [(value, root, "v")]
    while stack:
        item, parent, key = stack.pop()
        if isinstance(item, dict):
            ref = item.get("$ref")
            if isinstance(ref, str) and not ref.startswith("#"):
                parent[key] = {}
                continue
            copy: dict[str, Any] = {}
            parent[key] = copy
            for k, v in item.items():
                stack.append((v, copy, k))
        elif isinstance(item, list):
            items: list[Any] = [None] * len(item)
            parent[key] = items
            for i, v in enumerate(item):
                stack.append((v, items, i))
        else:
            parent[key] = item
    return root["v"]


def _validator_for(data: dict[str, Any]) -> Any:
    from openapi_spec_validator import (
        OpenAPIV2SpecValidator,
        OpenAPIV30SpecValidator,
        OpenAPIV31SpecValidator,
    )

    if "swagger" in data:
        return OpenAPIV2SpecValidator
    version = str(data.get("openapi", ""))
    if version.startswith("3.0"):
        return OpenAPIV30SpecValidator
    if version.startswith("3.1") or version.startswith("3.2"):
        return OpenAPIV31SpecValidator
    return None


def validate_openapi(data: Any) -> Iterator[tuple[str, list[str | int]]]:
    """(message, path) for each problem; an unknown version is one problem."""
    if not isinstance(data, dict):
        yield "the document is not a mapping", []
        return
    validator_cls = _validator_for(data)
    if validator_cls is None:
        yield f"unsupported OpenAPI version {data.get('openapi', data.get('swagger'))!r}", ["openapi"]
        return
    try:
        errors = validator_cls(_localised(data)).iter_errors()
        for count, error in enumerate(errors):
            if count >= MAX_ISSUES:
                break
            path = [p for p in getattr(error, "absolute_path", []) if isinstance(p, (str, int))]
            yield str(getattr(error, "message", error))[:400], path
    except RecursionError:
        yield "the document nests too deeply to validate", []
    except Exception as exc:  # the validator itself failed on odd input: a result, not a crash
        yield f"the validator could not check this document ({type(exc).__name__}: {exc})"[:400], []


def validate_graphql(sdl: str) -> list[Issue]:
    from graphql import GraphQLError, build_schema

    try:
        build_schema(sdl)
    except GraphQLError as exc:
        loc = exc.locations[0] if exc.locations else None
        return [Issue(exc.message, line=loc.line if loc else None, column=loc.column if loc else None)]
    except (TypeError, RecursionError) as exc:
        return [Issue(str(exc))]
    return []

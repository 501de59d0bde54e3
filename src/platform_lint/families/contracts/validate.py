"""Validating contracts: OpenAPI against its official JSON Schema and rules, GraphQL SDL by graphql-core.

An OpenAPI document is checked in two passes:

1. the document against the OpenAPI Initiative's JSON Schema for its version, compiled by
   jsonschema-rs (:mod:`validate_meta`): milliseconds for a multi-megabyte spec;
2. what that schema cannot express (:mod:`validate_rules`): references resolve, unique
   operationIds, tags and parameters, path parameters declared, ECMA-262 patterns, 3.1
   schemas valid for their dialect, defaults valid for their schemas.

Nothing reaches outside the loaded documents: a ``$ref`` to a URL is never followed (the
collector lists it), and a relative-file one only into the files the bundle loaded.
Every problem is an :class:`Issue` with the file and the line of the node it is about
(for a problem in a referenced file, that file), and a one-line message.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

MAX_ISSUES = 50

PathPart = str | int


@dataclass(frozen=True)
class Issue:
    """One validation problem: message, JSON pointer and line when known, and the file that
    holds the node when it is not the contract's own file."""

    message: str
    pointer: str = ""
    line: int | None = None
    column: int | None = None
    file: str = ""


@dataclass(frozen=True)
class Found:
    """A problem before it is located: message, file, path inside that file."""

    message: str
    file: str
    parts: tuple[PathPart, ...]


def openapi_version(data: Any) -> str | None:
    """``2.0``, ``3.0``, ``3.1`` or ``3.2`` for a document the validator knows, else None."""
    if not isinstance(data, dict):
        return None
    if "swagger" in data:
        return "2.0" if str(data.get("swagger")) == "2.0" else None
    version = str(data.get("openapi", ""))
    for known in ("3.0", "3.1", "3.2"):
        if version.startswith(known):
            return known
    return None


def actual_parts(data: Any, parts: Sequence[Any]) -> tuple[PathPart, ...]:
    """``parts`` as keys of ``data``: a validator may spell the mapping key "200" as 200."""
    out: list[PathPart] = []
    node = data
    for part in parts:
        if isinstance(node, dict):
            key: Any = part
            if key not in node and str(part) in node:
                key = str(part)
            elif key not in node and isinstance(part, str) and part.isdigit() and int(part) in node:
                key = int(part)
            out.append(key)
            node = node.get(key)
        elif isinstance(node, list) and isinstance(part, int):
            out.append(part)
            node = node[part] if 0 <= part < len(node) else None
        else:
            out.append(part if isinstance(part, (str, int)) else str(part))
            node = None
    return tuple(out)


def pointer_of(parts: Sequence[PathPart]) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def find_problems(documents: Mapping[str, Any], root: str) -> list[Found]:
    """Every problem of the spec whose root document is ``documents[root]`` (capped)."""
    from platform_lint.families.contracts.validate_meta import brief, meta_errors
    from platform_lint.families.contracts.validate_rules import check_rules

    data = documents.get(root)
    if not isinstance(data, dict):
        return [Found("the document is not a mapping", root, ())]
    version = openapi_version(data)
    if version is None:
        found = data.get("openapi", data.get("swagger"))
        key = "swagger" if "swagger" in data else "openapi"
        return [Found(f"unsupported OpenAPI version {brief(found)}", root, (key,))]
    out: list[Found] = []
    try:
        for message, parts in meta_errors(data, version):
            out.append(Found(message, root, actual_parts(data, parts)))
            if len(out) >= MAX_ISSUES:
                return out
        for problem in check_rules(documents, root, version):
            found_parts = actual_parts(documents.get(problem.file), problem.parts)
            out.append(Found(problem.message, problem.file, found_parts))
            if len(out) >= MAX_ISSUES:
                break
    except RecursionError:
        out.append(Found("the document nests too deeply to validate", root, ()))
    return out


def validate_openapi(data: Any) -> list[tuple[str, list[PathPart]]]:
    """(message, path) for each problem of a one-file spec (the path is inside ``data``)."""
    return [(f.message, list(f.parts)) for f in find_problems({"": data}, "")]


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

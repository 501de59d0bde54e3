"""A schema's meaning, before it is compared: what it accepts, not how it is spelled.

Two specs can say the same thing in different words: a ``$ref`` or the schema it
points at, a one-branch ``anyOf``, an ``allOf`` of object schemas or the merged
object, ``nullable: true`` (OpenAPI 3.0) or ``type: [x, "null"]`` (3.1),
``exclusiveMaximum: false`` or nothing. This module knows which keywords change
nothing (annotations, defaults) and :func:`peel` removes the wrappers that add
nothing; :mod:`.shape` folds what is left into one ``Shape``.

Everything is bounded: ``$ref`` chains by the resolver, wrappers by
``MAX_PEEL``, ``allOf`` nesting by ``MAX_MERGE_DEPTH`` (a component merged into
itself is merged once), and branch lists by ``MAX_BRANCHES``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from platform_lint.families.contracts.diff.resolve import Node, Resolver

Parts = tuple[str | int, ...]
MAX_PEEL = 32
MAX_MERGE_DEPTH = 16
MAX_BRANCHES = 64

COMPOSITION = ("allOf", "anyOf", "oneOf")
# keywords that never change which values are valid
ANNOTATIONS = frozenset(
    {
        "description",
        "title",
        "summary",
        "example",
        "examples",
        "deprecated",
        "externalDocs",
        "xml",
        "$comment",
        "default",
        "discriminator",
        "readOnly",
        "writeOnly",
        "nullable",
        "$id",
        "$schema",
        "$anchor",
        "$defs",
        "definitions",
    }
)
# a keyword with this value is the same as the keyword left out
_DEFAULTS: dict[str, tuple[Any, ...]] = {
    "exclusiveMaximum": (False,),
    "exclusiveMinimum": (False,),
    "required": ([],),
    "deprecated": (False,),
    "nullable": (False,),
    "readOnly": (False,),
    "writeOnly": (False,),
    "uniqueItems": (False,),
    "minLength": (0,),
    "minItems": (0,),
    "minProperties": (0,),
    "additionalProperties": (True, {}),
    "unevaluatedProperties": (True, {}),
    "unevaluatedItems": (True, {}),
    "items": (True, {}),
    "properties": ({},),
    "patternProperties": ({},),
    "allOf": ([],),
    "pattern": ("", ".*", "^.*$", "^.*", ".*$", "^(.*)$"),
    "format": ("",),
}


def is_default(key: str, value: Any) -> bool:
    defaults = _DEFAULTS.get(key)
    if defaults is None:
        return False
    return any(value == d and type(value) is type(d) for d in defaults)


def key_of(value: Any) -> str:
    """A text equal for equal values (a value too deep to write out is equal only to itself)."""
    try:
        return json.dumps(value, sort_keys=True, default=str)
    except (RecursionError, ValueError):
        return f"<value {id(value)}>"


def same(a: Any, b: Any) -> bool:
    """``a == b`` for two mappings read from documents; too deep to tell means different."""
    if a is b:
        return True
    try:
        return bool(a == b)
    except RecursionError:
        return False


def validating(key: Any, value: Any) -> bool:
    """Whether a keyword can change which values are valid."""
    k = str(key)
    return not (k in ANNOTATIONS or k.startswith("x-") or is_default(k, value))


def null_only(value: Any) -> bool:
    """A branch that accepts null and nothing else (``{type: "null"}``, ``{enum: [null]}``)."""
    if not isinstance(value, dict):
        return False
    t = value.get("type")
    if t == "null" or t == ["null"]:
        return all(k == "type" or not validating(k, v) for k, v in value.items())
    enum = value.get("enum")
    if isinstance(enum, list) and enum and all(e is None for e in enum):
        return all(k in ("enum", "type") or not validating(k, v) for k, v in value.items())
    return False


def annotation_only(value: Any) -> bool:
    return isinstance(value, dict) and not any(validating(k, v) for k, v in value.items())


def says_null(value: Mapping[str, Any]) -> bool:
    """The schema's own words allow null (3.0 ``nullable``, 3.1 type list, null in ``enum``)."""
    if value.get("nullable") is True:
        return True
    t = value.get("type")
    if t == "null" or (isinstance(t, list) and "null" in t):
        return True
    enum = value.get("enum")
    return isinstance(enum, list) and None in enum


def at(node: Node, key: str | int) -> Node:
    """A child of a node read from the document (a plain dict or list)."""
    value = node.value
    if isinstance(value, dict):
        child = value.get(key)
    elif isinstance(value, list) and isinstance(key, int) and 0 <= key < len(value):
        child = value[key]
    else:
        child = None
    return Node(child, node.file, (*node.parts, key))


@dataclass(frozen=True)
class Elem:
    """One schema taking part in a comparison, and its path from where the comparison began."""

    node: Node
    suffix: Parts = ()


Skip = frozenset[tuple[str, Parts, str]]


@dataclass(frozen=True)
class Conj:
    """Schemas that must all hold, minus composition lists (file, place, keyword) compared elsewhere."""

    elems: tuple[Elem, ...]
    skip: Skip = frozenset()


@dataclass(frozen=True)
class Peeled:
    elem: Elem
    null: bool  # a wrapper said null is allowed (``nullable`` beside a one-branch anyOf, a null branch)
    ref: str | None  # the referenced schema this is, exactly, when there is one


def peel(r: Resolver, elem: Elem) -> Peeled:
    """Follow ``$ref`` and drop wrappers that add nothing but (maybe) null."""
    node, suffix, null = elem.node, elem.suffix, False
    for _ in range(MAX_PEEL):
        node = r.deref(node)
        value = node.value
        if not isinstance(value, dict):
            break
        lists = [k for k in COMPOSITION if isinstance(value.get(k), list)]
        if len(lists) != 1 or any(validating(k, v) for k, v in value.items() if k != lists[0]):
            break
        keyword = lists[0]
        holder = at(node, keyword)
        live: list[int] = []
        branch_null = False
        for i in range(min(len(value[keyword]), MAX_BRANCHES)):
            branch = r.deref(at(holder, i)).value
            if keyword != "allOf" and null_only(branch):
                branch_null = True
            elif not (keyword == "allOf" and annotation_only(branch)):
                live.append(i)
        if len(live) != 1:
            break
        null = null or value.get("nullable") is True or branch_null
        node = at(holder, live[0])
        suffix = (*suffix, keyword, live[0])
    return Peeled(Elem(node, suffix), null, node.ref)


def content_key(r: Resolver, elem: Elem) -> str:
    """A key equal for two schemas that validate alike, as far as their words go."""
    value = peel(r, elem).elem.node.value
    if isinstance(value, dict):
        return key_of({k: v for k, v in value.items() if validating(k, v) and k != "$ref"})
    return key_of(value)

"""GraphQL schema changes through graphql-core's own breaking and dangerous change detection."""

from __future__ import annotations

import re

from platform_lint.families.contracts.diff.model import ERROR, WARNING, Change

_NAME = re.compile(r"([_A-Za-z][_0-9A-Za-z]*)(?:\.([_A-Za-z][_0-9A-Za-z]*))?")


_BUILT_IN = frozenset({"String", "Int", "Float", "Boolean", "ID"})
_OWNER = re.compile(r"(?:to|from) (?:enum|union) type ([_A-Za-z][_0-9A-Za-z]*)")


_BREAKING_KINDS = (
    "TYPE_REMOVED",
    "TYPE_CHANGED_KIND",
    "TYPE_REMOVED_FROM_UNION",
    "VALUE_REMOVED_FROM_ENUM",
    "REQUIRED_INPUT_FIELD_ADDED",
    "IMPLEMENTED_INTERFACE_REMOVED",
    "FIELD_REMOVED",
    "FIELD_CHANGED_KIND",
    "REQUIRED_ARG_ADDED",
    "ARG_REMOVED",
    "ARG_CHANGED_KIND",
    "DIRECTIVE_REMOVED",
    "DIRECTIVE_ARG_REMOVED",
    "REQUIRED_DIRECTIVE_ARG_ADDED",
    "DIRECTIVE_REPEATABLE_REMOVED",
    "DIRECTIVE_LOCATION_REMOVED",
)
_DANGEROUS_KINDS = (
    "VALUE_ADDED_TO_ENUM",
    "TYPE_ADDED_TO_UNION",
    "OPTIONAL_INPUT_FIELD_ADDED",
    "OPTIONAL_ARG_ADDED",
    "IMPLEMENTED_INTERFACE_ADDED",
    "ARG_DEFAULT_VALUE_CHANGE",
    "INPUT_FIELD_DEFAULT_VALUE_CHANGE",
)
"""graphql-core's change kinds (3.2 and 3.3). Our rule ids are a contract of our own, so they are
listed here rather than read from whichever graphql-core is installed; a kind a later release adds
still gets an id (``graphql-<kind>``) at run time."""


def graphql_rule_ids() -> dict[str, str]:
    """Every GraphQL rule id and its level."""
    ids = {_rule_id(kind): ERROR for kind in _BREAKING_KINDS}
    ids.update({_rule_id(kind): WARNING for kind in _DANGEROUS_KINDS})
    return ids


def _rule_id(kind: str) -> str:
    return "graphql-" + kind.lower().replace("_", "-")


def diff_graphql(old_sdl: str, new_sdl: str, new_path: str) -> list[Change]:
    """Changes between two SDL texts (both must build; callers validate first)."""
    from graphql import build_schema, find_breaking_changes, find_dangerous_changes

    old_schema = build_schema(old_sdl)
    new_schema = build_schema(new_sdl)
    out: list[Change] = []
    for level, found in (
        (ERROR, find_breaking_changes(old_schema, new_schema)),
        (WARNING, find_dangerous_changes(old_schema, new_schema)),
    ):
        for change in found:
            kind = change.type.name
            first = change.description.split(" ", 1)[0]
            if kind == "TYPE_REMOVED" and (first in _BUILT_IN or first == "Standard"):
                continue  # a built-in scalar no longer referenced is not part of the contract
            operation, type_name, member = _subject(change.description)
            line = _line(new_schema, type_name, member)
            out.append(
                Change(
                    _rule_id(kind),
                    level,
                    operation,
                    "/" + operation.replace(".", "/"),
                    {"operation": operation, "description": change.description},
                    new_path,
                    line,
                )
            )
    return out


_DOTTED = re.compile(r"\b([_A-Za-z][_0-9A-Za-z]*)\.([_A-Za-z][_0-9A-Za-z]*)")
_WORDS = frozenset(
    {
        "A",
        "An",
        "Field",
        "Argument",
        "Enum",
        "value",
        "Type",
        "Directive",
        "required",
        "optional",
        "argument",
        "field",
        "Input",
        "input",
        "Interface",
        "Union",
        "Value",
    }
)


def _subject(description: str) -> tuple[str, str | None, str | None]:
    """(operation, type, member) named by a graphql-core change description.

    graphql-core words these differently across releases ("Query.a changed type ..." in 3.2,
    "Field Query.a changed type ..." in 3.3; "Y was removed from enum type E" vs "Enum value
    E.Y was removed"), so the names are found by shape rather than by position.
    """
    dotted = _DOTTED.search(description)
    if dotted:
        return dotted.group(0), dotted.group(1), dotted.group(2)
    owner = _OWNER.search(description)
    names = [name for name, _ in _NAME.findall(description.replace("@", " ")) if name not in _WORDS]
    first = names[0] if names else ""
    if owner and first:
        return f"{owner.group(1)}.{first}", owner.group(1), first
    return first, first or None, None


def _line(schema: object, type_name: str | None, field: str | None) -> int | None:
    if type_name is None:
        return None
    named = schema.get_type(type_name)  # type: ignore[attr-defined]
    if named is None or named.ast_node is None or named.ast_node.loc is None:
        return None
    node = named.ast_node
    if field is not None:
        for member in getattr(node, "fields", None) or getattr(node, "values", None) or []:
            if member.name.value == field and member.loc is not None:
                return int(member.loc.source.get_location(member.loc.start).line)
    return int(node.loc.source.get_location(node.loc.start).line)

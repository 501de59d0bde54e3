"""GraphQL schema changes through graphql-core's own breaking and dangerous change detection."""

from __future__ import annotations

import re

from .model import ERROR, WARNING, Change

_NAME = re.compile(r"([_A-Za-z][_0-9A-Za-z]*)(?:\.([_A-Za-z][_0-9A-Za-z]*))?")


_BUILT_IN = frozenset({"String", "Int", "Float", "Boolean", "ID"})
_OWNER = re.compile(r"(?:to|from) (?:enum|union) type ([_A-Za-z][_0-9A-Za-z]*)")


def graphql_rule_ids() -> dict[str, str]:
    """Every GraphQL rule id and its level."""
    from graphql import BreakingChangeType, DangerousChangeType

    ids = {_rule_id(k.name): ERROR for k in BreakingChangeType}
    ids.update({_rule_id(k.name): WARNING for k in DangerousChangeType})
    return ids


def _rule_id(kind: str) -> str:
    return "graphql-" + kind.lower().replace("_", "-")


def diff_graphql(old_sdl: str, new_sdl: str, new_path: str) -> list[Change]:
    """Changes between two SDL texts (both must build; callers validate first)."""
    from graphql import build_schema, find_breaking_changes, find_dangerous_changes

    old_schema = build_schema(old_sdl)
    new_schema = build_schema(new_sdl)
    out: list[Change] = []
    for level, found in ((ERROR, find_breaking_changes(old_schema, new_schema)),
                         (WARNING, find_dangerous_changes(old_schema, new_schema))):
        for change in found:
            kind = change.type.name
            first = change.description.split(" ", 1)[0]
            if kind == "TYPE_REMOVED" and (first in _BUILT_IN or first == "Standard"):
                continue  # a built-in scalar no longer referenced is not part of the contract
            subject = _NAME.match(change.description)
            operation = subject.group(0) if subject else ""
            type_name, member = (subject.group(1), subject.group(2)) if subject else (None, None)
            owner = _OWNER.search(change.description)
            if owner and subject and "." not in operation:
                type_name, member = owner.group(1), operation
                operation = f"{type_name}.{member}"
            line = _line(new_schema, type_name, member)
            out.append(Change(_rule_id(kind), level, operation, "/" + operation.replace(".", "/"),
                              {"operation": operation, "description": change.description}, new_path, line))
    return out


def _line(schema: object, type_name: str | None, field: str | None) -> int | None:
    if type_name is None:
        return None
    named = schema.get_type(type_name)  # type: ignore[attr-defined]
    if named is None or named.ast_node is None or named.ast_node.loc is None:
        return None
    node = named.ast_node
    if field is not None:
        for member in (getattr(node, "fields", None) or getattr(node, "values", None) or []):
            if member.name.value == field and member.loc is not None:
                return int(member.loc.source.get_location(member.loc.start).line)
    return int(node.loc.source.get_location(node.loc.start).line)


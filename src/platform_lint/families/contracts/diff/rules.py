"""The catalogue of contract-change rule ids: level and message template for each.

Rule ids are stable (renaming one is a breaking change of platform-lint's own
contract). Schema-level rules exist once per side: ``request-*`` rules judge what
a client sends (accepting less is breaking), ``response-*`` rules judge what a
client receives (returning more is breaking). ``{where}`` names the parameter,
body or header and the property path.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from platform_lint.families.contracts.diff.model import ERROR, INFO, WARNING


@dataclass(frozen=True)
class Rule:
    id: str
    level: str
    message: str
    addition: bool = False


E, W, I = ERROR, WARNING, INFO  # noqa: E741

# kind: (level on the request side, level on the response side, message, is an addition)
_SCHEMA_KINDS: dict[str, tuple[str, str, str, bool]] = {
    "type-narrowed": (E, I, "{where}: type narrowed from {old} to {new}", False),
    "type-widened": (I, E, "{where}: type widened from {old} to {new}", False),
    "type-changed": (E, E, "{where}: type changed from {old} to {new}", False),
    "enum-added": (E, I, "{where}: now restricted to the values {new}", False),
    "enum-removed": (I, W, "{where}: no longer restricted to a list of values", False),
    "enum-value-removed": (E, I, "{where}: enum value(s) {values} removed", False),
    "enum-value-added": (I, W, "{where}: enum value(s) {values} added", True),
    "constraint-tightened": (E, I, "{where}: {keyword} tightened ({old} -> {new})", False),
    "constraint-loosened": (I, E, "{where}: {keyword} loosened ({old} -> {new})", False),
    "constraint-changed": (W, W, "{where}: {keyword} changed ({old} -> {new}); it may accept less", False),
    "pattern-tightened": (E, I, "{where}: pattern tightened ({old} -> {new})", False),
    "pattern-loosened": (I, W, "{where}: pattern loosened ({old} -> {new})", False),
    "pattern-changed": (W, W, "{where}: pattern changed ({old} -> {new}); it may accept less", False),
    "value-changed": (E, E, "{where}: {keyword} changed from {old} to {new}", False),
    "property-added": (I, I, "{where}: optional property {name} added", True),
    "property-became-required": (E, I, "{where}: property {name} became required", False),
    "property-became-optional": (I, E, "{where}: property {name} became optional", False),
    "all-of-added": (E, I, "{where}: allOf branch {branch} added", False),
    "all-of-annotation-added": (I, I, "{where}: allOf branch {branch} added (annotations only)", False),
    "all-of-removed": (W, E, "{where}: allOf branch {branch} removed", False),
    "any-of-added": (I, E, "{where}: anyOf branch {branch} added", False),
    "any-of-removed": (E, I, "{where}: anyOf branch {branch} removed", False),
    "one-of-added": (I, E, "{where}: oneOf branch {branch} added", False),
    "one-of-removed": (E, I, "{where}: oneOf branch {branch} removed", False),
    "schema-wrapped": (E, E, "{where}: schema wrapped in {keyword}; generated clients change shape", False),
    "schema-added": (E, I, "{where}: a schema was added where there was none", False),
    "schema-removed": (I, W, "{where}: the schema was removed", False),
}

_SIDE_ONLY: dict[str, tuple[str, str, bool]] = {
    "request-property-added-required": (E, "{where}: required property {name} added", False),
    "request-property-removed": (W, "{where}: property {name} removed", False),
    "request-default-changed": (E, "{where}: default changed from {old} to {new}", False),
    "response-required-property-removed": (E, "{where}: required property {name} removed", False),
    "response-optional-property-removed": (W, "{where}: optional property {name} removed", False),
    "response-property-write-only-removed": (
        W,
        "{where}: required property {name} is no longer write-only",
        False,
    ),
    # operations
    "path-removed": (E, "path {path} removed (with {operation})", False),
    "operation-removed": (E, "operation {operation} removed", False),
    "operation-removed-before-sunset": (
        E,
        "operation {operation} removed before its sunset date {sunset}",
        False,
    ),
    "operation-removed-after-sunset": (
        I,
        "deprecated operation {operation} removed after its sunset date {sunset}",
        False,
    ),
    "operation-sunset-invalid": (E, "operation {operation}: x-sunset {sunset!r} is not a date", False),
    "operation-sunset-removed": (
        E,
        "operation {operation}: deprecated, and its x-sunset date {sunset} was removed",
        False,
    ),
    "operation-added": (I, "operation {operation} added", True),
    "operation-deprecated": (I, "operation {operation} deprecated", False),
    "webhook-removed": (E, "webhook {name} removed", False),
    "webhook-added": (I, "webhook {name} added", True),
    # parameters
    "request-parameter-added-required": (E, "required {where} added", False),
    "request-parameter-added": (I, "optional {where} added", True),
    "request-parameter-removed": (W, "{where} removed", False),
    "request-parameter-removed-before-sunset": (E, "{where} removed before its sunset date {sunset}", False),
    "request-parameter-removed-after-sunset": (
        I,
        "deprecated {where} removed after its sunset date {sunset}",
        False,
    ),
    "request-parameter-sunset-invalid": (E, "{where}: x-sunset {sunset!r} is not a date", False),
    "request-parameter-sunset-removed": (
        E,
        "{where}: deprecated, and its x-sunset date {sunset} was removed",
        False,
    ),
    "request-parameter-became-required": (E, "{where} became required", False),
    "request-parameter-became-optional": (I, "{where} became optional", False),
    "request-parameter-moved": (E, "parameter {name} moved from {old} to {new}", False),
    # request bodies
    "request-body-added-required": (E, "a required request body was added", False),
    "request-body-added": (I, "an optional request body was added", True),
    "request-body-removed": (E, "the request body was removed", False),
    "request-body-became-required": (E, "the request body became required", False),
    "request-body-became-optional": (I, "the request body became optional", False),
    "request-body-media-type-removed": (E, "request media type {media_type} removed", False),
    "request-body-media-type-added": (I, "request media type {media_type} added", True),
    # responses
    "response-success-status-removed": (E, "success response {status} removed", False),
    "response-status-removed": (W, "response {status} removed", False),
    "response-status-added": (I, "response {status} added", True),
    "response-media-type-removed": (E, "response {status} media type {media_type} removed", False),
    "response-media-type-added": (I, "response {status} media type {media_type} added", True),
    "response-header-removed": (E, "required response header {name} ({status}) removed", False),
    "response-optional-header-removed": (W, "optional response header {name} ({status}) removed", False),
    "response-header-became-optional": (E, "response header {name} ({status}) became optional", False),
    # security
    "security-requirement-added": (
        E,
        "security requirement {requirement} can no longer be used; clients must now satisfy {new}",
        False,
    ),
    "security-requirement-removed": (I, "security requirement {requirement} removed", False),
    "security-scope-added": (E, "security scheme {scheme} now needs scope(s) {scopes}", False),
}


def _build() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for kind, (req, resp, message, addition) in _SCHEMA_KINDS.items():
        rules[f"request-{kind}"] = Rule(f"request-{kind}", req, message, addition)
        rules[f"response-{kind}"] = Rule(f"response-{kind}", resp, message, addition)
    for rule_id, (level, message, addition) in _SIDE_ONLY.items():
        rules[rule_id] = Rule(rule_id, level, message, addition)
    return rules


RULES: Mapping[str, Rule] = _build()


def rule(rule_id: str) -> Rule:
    return RULES[rule_id]

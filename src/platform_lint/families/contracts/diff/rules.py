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

# kind: (level on the request side, level on the response side,
#        message on the request side, message on the response side, is an addition)
_SCHEMA_KINDS: dict[str, tuple[str, str, str, str, bool]] = {
    "type-narrowed": (
        E,
        I,
        "{where} now accepts only {new} (was {old})",
        "{where} is now always {new} (was {old})",
        False,
    ),
    "type-widened": (
        I,
        E,
        "{where} now accepts {new} (was {old})",
        "{where} may now be {new} (was {old})",
        False,
    ),
    "type-changed": (E, E, "{where} must now be {new}, not {old}", "{where} is now {new}, not {old}", False),
    "became-nullable": (I, E, "{where} now accepts null", "{where} may now be null", False),
    "became-not-nullable": (E, I, "{where} no longer accepts null", "{where} is never null now", False),
    "format-narrowed": (
        E,
        I,
        "{where} must now have format {new} (was {old})",
        "{where} now has format {new} (was {old})",
        False,
    ),
    "format-widened": (
        I,
        E,
        "{where} now accepts format {new} (was {old})",
        "{where} may now have format {new} (was {old}); a client that expects {old} may fail",
        False,
    ),
    "format-changed": (
        E,
        E,
        "{where} must now have format {new}, not {old}",
        "{where} now has format {new}, not {old}",
        False,
    ),
    "enum-added": (
        E,
        I,
        "{where} now accepts only the values {new}",
        "{where} is now always one of {new}",
        False,
    ),
    "enum-removed": (
        I,
        W,
        "{where} is no longer limited to a list of values",
        "{where} may now be any value, not only the listed ones",
        False,
    ),
    "enum-value-removed": (
        E,
        I,
        "{where} no longer accepts {values}",
        "{where} is no longer {values}",
        False,
    ),
    "enum-value-added": (I, W, "{where} now also accepts {values}", "{where} may now be {values}", True),
    "constraint-tightened": (
        E,
        I,
        "{where}: {keyword} tightened ({old} -> {new}); some values that were accepted are rejected",
        "{where}: {keyword} tightened ({old} -> {new})",
        False,
    ),
    "constraint-loosened": (
        I,
        E,
        "{where}: {keyword} loosened ({old} -> {new})",
        "{where}: {keyword} loosened ({old} -> {new}); values outside the old limit may be returned",
        False,
    ),
    "bound-added": (
        W,
        I,
        "{where}: new limit {keyword} {new}; values beyond it are rejected",
        "{where}: new limit {keyword} {new}",
        False,
    ),
    "constraint-changed": (
        W,
        W,
        "{where}: {keyword} changed ({old} -> {new}); it may accept less",
        "{where}: {keyword} changed ({old} -> {new}); it may return other values",
        False,
    ),
    "pattern-tightened": (
        E,
        I,
        "{where} must now match the pattern {new} (was {old})",
        "{where} now matches the pattern {new} (was {old})",
        False,
    ),
    "pattern-loosened": (
        I,
        W,
        "{where} no longer has to match the pattern {old} (now {new})",
        "{where} may no longer match the pattern {old} (now {new})",
        False,
    ),
    "pattern-changed": (
        W,
        W,
        "{where} must now match the pattern {new} instead of {old}",
        "{where} now matches the pattern {new} instead of {old}",
        False,
    ),
    "value-changed": (
        E,
        E,
        "{where}: {keyword} changed from {old} to {new}",
        "{where}: {keyword} changed from {old} to {new}",
        False,
    ),
    "property-added": (
        I,
        I,
        "optional property `{name}` added to {where}",
        "property `{name}` added to {where}",
        True,
    ),
    "property-became-required": (
        E,
        I,
        "property `{name}` of {where} is now required",
        "property `{name}` of {where} is now always present",
        False,
    ),
    "property-became-optional": (
        I,
        E,
        "property `{name}` of {where} is now optional",
        "property `{name}` of {where} may now be missing",
        False,
    ),
    "all-of-added": (
        E,
        I,
        "{where} must now also match the allOf branch {branch}",
        "{where}: allOf branch {branch} added",
        False,
    ),
    "all-of-annotation-added": (
        I,
        I,
        "{where}: allOf branch {branch} added (annotations only)",
        "{where}: allOf branch {branch} added (annotations only)",
        False,
    ),
    "all-of-removed": (
        W,
        I,
        "{where} no longer has to match the allOf branch {branch}",
        "{where}: allOf branch {branch} removed",
        False,
    ),
    "all-of-annotation-removed": (
        I,
        I,
        "{where}: allOf branch {branch} removed (annotations only)",
        "{where}: allOf branch {branch} removed (annotations only)",
        False,
    ),
    "any-of-added": (
        I,
        I,
        "{where} now also accepts the anyOf branch {branch}",
        "{where} may now be the anyOf branch {branch}",
        False,
    ),
    "any-of-removed": (
        E,
        I,
        "{where} no longer accepts the anyOf branch {branch}",
        "{where} is no longer the anyOf branch {branch}",
        False,
    ),
    "one-of-added": (
        I,
        E,
        "{where} now also accepts the oneOf branch {branch}",
        "{where} may now be the oneOf branch {branch}",
        False,
    ),
    "one-of-removed": (
        E,
        I,
        "{where} no longer accepts the oneOf branch {branch}",
        "{where} is no longer the oneOf branch {branch}",
        False,
    ),
    "schema-wrapped": (
        E,
        E,
        "{where} is now a {keyword} whose branches overlap: a value that matches more than one of them "
        "is rejected, and values sent today can",
        "{where} is now a {keyword} whose branches overlap: a response that matches more than one of them "
        "is ambiguous, and responses returned today can",
        False,
    ),
    "comparison-incomplete": (
        W,
        W,
        "{where}: not compared further ({why}); changes below this point are not reported",
        "{where}: not compared further ({why}); changes below this point are not reported",
        False,
    ),
    "schema-added": (
        E,
        I,
        "{where}: a schema now applies where there was none",
        "{where}: a schema now describes what was undescribed",
        False,
    ),
    "schema-removed": (
        I,
        W,
        "{where}: the schema was removed; anything is accepted",
        "{where}: the schema was removed; anything may be returned",
        False,
    ),
}

_SIDE_ONLY: dict[str, tuple[str, str, bool]] = {
    "request-property-added-required": (E, "required property `{name}` added to {where}", False),
    "request-property-removed": (W, "property `{name}` removed from {where}", False),
    "request-default-changed": (E, "{where}: default changed from {old} to {new}", False),
    "request-property-default-changed": (I, "{where}: default changed from {old} to {new}", False),
    "response-required-property-removed": (E, "required property `{name}` removed from {where}", False),
    "response-optional-property-removed": (W, "optional property `{name}` removed from {where}", False),
    "response-property-write-only-removed": (
        W,
        "property `{name}` of {where} is required and no longer write-only: clients now receive it",
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
    "operation-sunset-brought-forward": (
        E,
        "operation {operation}: its sunset date moved earlier, from {old} to {sunset}",
        False,
    ),
    "operation-sunset-unverifiable": (
        E,
        "operation {operation}: its sunset date changed to {sunset}, but the earlier x-sunset {old!r} is "
        "not a date, so it cannot be checked that the date did not move earlier",
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
    "request-parameter-sunset-brought-forward": (
        E,
        "{where}: its sunset date moved earlier, from {old} to {sunset}",
        False,
    ),
    "request-parameter-sunset-unverifiable": (
        E,
        "{where}: its sunset date changed to {sunset}, but the earlier x-sunset {old!r} is not a date, so it "
        "cannot be checked that the date did not move earlier",
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
    for kind, (req, resp, req_message, resp_message, addition) in _SCHEMA_KINDS.items():
        rules[f"request-{kind}"] = Rule(f"request-{kind}", req, req_message, addition)
        rules[f"response-{kind}"] = Rule(f"response-{kind}", resp, resp_message, addition)
    for rule_id, (level, message, addition) in _SIDE_ONLY.items():
        rules[rule_id] = Rule(rule_id, level, message, addition)
    return rules


RULES: Mapping[str, Rule] = _build()


def rule(rule_id: str) -> Rule:
    return RULES[rule_id]

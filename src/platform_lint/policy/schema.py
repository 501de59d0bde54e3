"""The policy JSON Schema, assembled from the check-type registry so it cannot drift.

``schemas/policy.schema.json`` is this function's output, committed; a test fails
when the two differ. Regenerate with ``python -m platform_lint.policy.schema``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from typing import Any

from platform_lint.families.check_type import CheckType
from platform_lint.model import CHARACTERISTICS, JOURNEYS, LEVELS, REPO_KINDS, SEVERITIES
from platform_lint.snapshot.scope import EXCLUSION_KINDS

RULE_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+$"

_GLOB_LIST = {"type": "array", "items": {"type": "string", "format": "glob", "minLength": 1}, "minItems": 1}
_APPLIES_TO = {
    "type": "array",
    "items": {"enum": list(REPO_KINDS)},
    "minItems": 1,
    "uniqueItems": True,
    "description": "the repository kinds the rule applies to; elsewhere it is not applicable",
}
_JOURNEY = {
    "enum": list(JOURNEYS),
    "description": "the stage of a developer's journey the rule serves (required in built-in packs)",
}
_SCOPE = {
    "type": "object",
    "additionalProperties": False,
    "description": "what is the repository's own product: rules judge it, not template payload, "
    "test fixtures, vendored, generated or example files",
    "properties": {
        "product": {**_GLOB_LIST, "description": "always the product, whatever else says"},
        "exclude": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["glob", "kind"],
                "properties": {
                    "glob": {"type": "string", "format": "glob", "minLength": 1},
                    "kind": {"enum": list(EXCLUSION_KINDS)},
                },
            },
        },
    },
}


def _then(check_type: CheckType) -> dict[str, Any]:
    then: dict[str, Any] = {"properties": {"params": check_type.params_schema}}
    if check_type.params_schema.get("required"):
        then["required"] = ["params"]
    return then


def build_policy_schema(check_types: Mapping[str, CheckType]) -> dict[str, Any]:
    type_ids = sorted(check_types)
    bindings = [
        {
            "if": {"properties": {"type": {"const": tid}}, "required": ["type"]},
            "then": _then(check_types[tid]),
        }
        for tid in type_ids
    ]
    condition = {
        "type": "object",
        "additionalProperties": False,
        "minProperties": 1,
        "description": "The rule applies only when every clause holds.",
        "properties": {
            "any_file": {**_GLOB_LIST, "description": "some file matches one of these globs"},
            "no_file": {**_GLOB_LIST, "description": "no file matches any of these globs"},
        },
    }
    check = {
        "type": "object",
        "additionalProperties": False,
        "required": ["type"],
        "properties": {
            "type": {"enum": type_ids, "description": "a registered check type"},
            "params": {"type": "object"},
        },
        "allOf": bindings,
    }
    rule = {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "title", "characteristic", "level", "severity", "check", "remediation"],
        "properties": {
            "id": {
                "type": "string",
                "pattern": RULE_ID_PATTERN,
                "description": "stable, namespaced id such as ownership.codeowners-present",
            },
            "title": {"type": "string", "minLength": 1},
            "characteristic": {"enum": list(CHARACTERISTICS)},
            "level": {"enum": list(LEVELS)},
            "severity": {"enum": list(reversed(SEVERITIES))},
            "check": check,
            "when": condition,
            "remediation": {"type": "string", "minLength": 1},
            "docs": {"type": "string", "description": "docs anchor (#id) or URL"},
            "weight": {"type": "number", "exclusiveMinimum": 0, "maximum": 100},
            "enabled": {"type": "boolean"},
            "applies_to": _APPLIES_TO,
            "journey": _JOURNEY,
        },
    }
    override = {
        "type": "object",
        "additionalProperties": False,
        "minProperties": 1,
        "properties": {
            "enabled": {"type": "boolean"},
            "severity": {"enum": list(reversed(SEVERITIES))},
            "level": {"enum": list(LEVELS)},
            "params": {"type": "object", "description": "merged over the rule's params, key by key"},
            "remediation": {"type": "string", "minLength": 1},
            "title": {"type": "string", "minLength": 1},
            "when": condition,
            "weight": {"type": "number", "exclusiveMinimum": 0, "maximum": 100},
            "applies_to": _APPLIES_TO,
            "journey": _JOURNEY,
        },
    }
    waiver = {
        "type": "object",
        "additionalProperties": False,
        "required": ["rule", "reason", "expires"],
        "properties": {
            "rule": {"type": "string", "pattern": RULE_ID_PATTERN},
            "paths": _GLOB_LIST,
            "reason": {"type": "string", "minLength": 3},
            "approver": {"type": "string", "minLength": 1},
            "expires": {
                "type": "string",
                "format": "date",
                "description": "YYYY-MM-DD; no further ahead than settings.max_waiver_days",
            },
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://platform-lint.dev/schemas/policy.schema.json",
        "title": "platform-lint policy (version 1)",
        "description": "Generated from the check-type registry by platform_lint.policy.schema; do not edit.",
        "type": "object",
        "additionalProperties": False,
        "required": ["version"],
        "properties": {
            "version": {"const": 1},
            "name": {"type": "string"},
            "description": {"type": "string"},
            "extends": {
                "type": "array",
                "items": {"type": "string", "minLength": 1},
                "description": "builtin:NAME or a path relative to this file",
            },
            "settings": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "max_waiver_days": {"type": "integer", "minimum": 1, "maximum": 3650},
                    "waiver_warning_days": {"type": "integer", "minimum": 0, "maximum": 365},
                    "docs_url": {"type": "string", "minLength": 1},
                },
            },
            "scope": _SCOPE,
            "kind": {
                "enum": list(REPO_KINDS),
                "description": "what the repository is, instead of what platform-lint detects",
            },
            "rules": {"type": "array", "items": {"$ref": "#/$defs/rule"}},
            "overrides": {
                "type": "object",
                "propertyNames": {"pattern": RULE_ID_PATTERN},
                "additionalProperties": {"$ref": "#/$defs/override"},
            },
            "waivers": {"type": "array", "items": {"$ref": "#/$defs/waiver"}},
        },
        "$defs": {"rule": rule, "override": override, "waiver": waiver, "condition": condition},
    }


def main() -> None:
    from platform_lint.families.registry import CHECK_TYPES

    json.dump(build_policy_schema(CHECK_TYPES), sys.stdout, indent=2, sort_keys=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

"""Params and fact requests shared by the contracts check types."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from platform_lint.families.collector import FactRequest
from platform_lint.families.contracts.facts import CONTRACTS
from platform_lint.families.contracts.model import ContractFacts

CONTRACT_PARAMS: dict[str, Any] = {
    "contracts": {
        "type": "array",
        "items": {"type": "string", "format": "glob", "minLength": 1},
        "description": "name the contracts explicitly (globs) instead of finding them by content",
    },
    "skip": {
        "type": "array",
        "items": {"type": "string", "format": "glob", "minLength": 1},
        "description": "trees not searched besides what the scope leaves out (template payload, "
        "test fixtures, vendored code, examples; the policy's scope: section changes that); "
        "default: vendored and test-fixture trees",
    },
}


def contracts_request(params: Mapping[str, Any]) -> FactRequest[ContractFacts]:
    explicit = tuple(params.get("contracts") or ())
    skip = tuple(params["skip"]) if "skip" in params else None
    return FactRequest(CONTRACTS, (explicit, skip))

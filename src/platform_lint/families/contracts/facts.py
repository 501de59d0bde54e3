"""The facts of the contracts family, by key: every API contract found, loaded with positions."""

from __future__ import annotations

from typing import Any

from platform_lint.families.collector import FactKey
from platform_lint.families.contracts.collect import collect_contracts
from platform_lint.families.contracts.model import ContractFacts

CONTRACTS: FactKey[ContractFacts] = FactKey(
    "contracts", "API contracts found by content (args: explicit paths, skip globs)", collect_contracts
)

FACTS: tuple[FactKey[Any], ...] = (CONTRACTS,)

"""API contracts: discovery, validation and the breaking-change diff (OpenAPI, GraphQL)."""

from platform_lint.families.contracts.checks import CHECK_TYPES
from platform_lint.families.contracts.facts import FACTS
from platform_lint.families.family import Family

FAMILY = Family(
    name="contracts",
    summary="API contracts that validate, and no breaking change without a major version bump",
    facts=FACTS,
    check_types=CHECK_TYPES,
)

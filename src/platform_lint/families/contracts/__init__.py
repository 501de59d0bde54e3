"""API contracts: discovery, validation and the breaking-change diff (OpenAPI, GraphQL)."""

from platform_lint.families.contracts.checks import CHECK_TYPES
from platform_lint.families.contracts.collect import COLLECTORS
from platform_lint.families.family import Family

FAMILY = Family(
    name="contracts",
    summary="API contracts that validate, and no breaking change without a major version bump",
    collectors=COLLECTORS,
    check_types=CHECK_TYPES,
)

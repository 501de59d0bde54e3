"""The software catalog: Backstage entities by kind, their required fields, owners against CODEOWNERS."""

from platform_lint.families.catalog.checks import CHECK_TYPES
from platform_lint.families.catalog.facts import FACTS
from platform_lint.families.family import Family

FAMILY = Family(
    name="catalog",
    summary="Backstage catalog entities: registration, required fields per kind, owners that agree "
    "with CODEOWNERS",
    facts=FACTS,
    check_types=CHECK_TYPES,
)

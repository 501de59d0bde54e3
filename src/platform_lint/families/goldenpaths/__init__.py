"""Golden paths: the software templates a repository offers, and the template it came from."""

from platform_lint.families.family import Family
from platform_lint.families.goldenpaths.checks import CHECK_TYPES
from platform_lint.families.goldenpaths.facts import FACTS

FAMILY = Family(
    name="goldenpaths",
    summary="software templates (Backstage, cookiecutter, copier, Yeoman) and template origins, by content",
    facts=FACTS,
    check_types=CHECK_TYPES,
)

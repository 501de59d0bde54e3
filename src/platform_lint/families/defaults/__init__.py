"""The defaults family: formatter and linter settings, git hooks, CI pipelines and dependency-update
automation, each read by what the files say rather than by their names."""

from platform_lint.families.defaults.checks import CHECK_TYPES
from platform_lint.families.defaults.facts import FACTS
from platform_lint.families.family import Family

FAMILY = Family(
    name="defaults",
    summary="formatter and linter settings, git hooks, CI that runs checks, dependency-update automation",
    facts=FACTS,
    check_types=CHECK_TYPES,
)

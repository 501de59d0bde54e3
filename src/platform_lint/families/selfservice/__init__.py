"""The selfservice family: one-command setup read from the files that offer it (targets,
scripts, task runners, dev containers), and the templates that guide requests."""

from platform_lint.families.family import Family
from platform_lint.families.selfservice.checks import CHECK_TYPES
from platform_lint.families.selfservice.facts import FACTS

FAMILY = Family(
    name="selfservice",
    summary="one-command setup (targets, scripts, task runners, dev containers) and request templates",
    facts=FACTS,
    check_types=CHECK_TYPES,
)

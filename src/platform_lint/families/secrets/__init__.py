"""Secrets committed to the repository, found by content (never by file name alone)."""

from platform_lint.families.family import Family
from platform_lint.families.secrets.checks import CHECK_TYPES
from platform_lint.families.secrets.facts import FACTS

FAMILY = Family(
    name="secrets",
    summary="private keys, tokens and secret settings committed to the repository, found by content",
    facts=FACTS,
    check_types=CHECK_TYPES,
)

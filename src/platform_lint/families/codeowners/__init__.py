"""CODEOWNERS as GitHub reads it: parser, pattern compiler, ownership matcher, checks.

The parser, patterns and matcher are pure; ``collect`` reads the file from the snapshot
and ``remote`` asks GitHub (through a client it is given) whether owners can review.
"""

from platform_lint.families.codeowners.checks import CHECK_TYPES
from platform_lint.families.codeowners.facts import FACTS
from platform_lint.families.family import Family

FAMILY = Family(
    name="codeowners",
    summary="a valid CODEOWNERS that covers the tree, with owners that exist and can review",
    facts=FACTS,
    check_types=CHECK_TYPES,
)

"""The docs family: the README GitHub shows and what it says, the contributing guide, a docs
site, architecture decision records, relative links in Markdown, the licence and the examples —
judged by content."""

from platform_lint.families.docs.checks import CHECK_TYPES
from platform_lint.families.docs.facts import FACTS
from platform_lint.families.family import Family

FAMILY = Family(
    name="docs",
    summary="the README GitHub shows and what it says, the contributing guide, docs site, decision "
    "records, relative links, the licence, usage examples",
    facts=FACTS,
    check_types=CHECK_TYPES,
)

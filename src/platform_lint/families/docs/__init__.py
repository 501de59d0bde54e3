"""The docs family: the README GitHub shows and what it says, the contributing guide, a docs
site, architecture decision records and relative links in Markdown — judged by content."""

from platform_lint.families.docs.checks import CHECK_TYPES
from platform_lint.families.docs.facts import FACTS
from platform_lint.families.family import Family

FAMILY = Family(
    name="docs",
    summary="the README GitHub shows and what it says, the contributing guide, docs site, decision "
    "records, relative links",
    facts=FACTS,
    check_types=CHECK_TYPES,
)

"""Generic file evidence: files present or absent, text they contain, documents matching a schema."""

from platform_lint.families.family import Family
from platform_lint.families.files.checks import CHECK_TYPES
from platform_lint.families.files.facts import FACTS

FAMILY = Family(
    name="files",
    summary="files present or absent, text they contain or must not, documents matching a JSON Schema",
    facts=FACTS,
    check_types=CHECK_TYPES,
)

"""Generic file evidence: files present or absent, text they contain, documents matching a schema."""

from platform_lint.families.family import Family
from platform_lint.families.files.checks import CHECK_TYPES
from platform_lint.families.files.collect import COLLECTORS

FAMILY = Family(
    name="files",
    summary="files present or absent, text they contain or must not, documents matching a JSON Schema",
    collectors=COLLECTORS,
    check_types=CHECK_TYPES,
)

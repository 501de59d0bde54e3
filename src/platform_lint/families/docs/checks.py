"""The docs family's check types (the README and contributing guide; docs site, decisions, links)."""

from __future__ import annotations

from platform_lint.families.check_type import CheckType
from platform_lint.families.docs import checks_examples, checks_license, checks_readme, checks_site

CHECK_TYPES: tuple[CheckType, ...] = (
    checks_readme.CHECK_TYPES
    + checks_site.CHECK_TYPES
    + checks_license.CHECK_TYPES
    + checks_examples.CHECK_TYPES
)

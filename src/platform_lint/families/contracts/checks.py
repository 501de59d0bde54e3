"""Check types of the contracts family: API contracts present, valid, and changed responsibly."""

from __future__ import annotations

from platform_lint.families.check_type import CheckType
from platform_lint.families.contracts.checks_breaking import BREAKING_CHANGES
from platform_lint.families.contracts.checks_present import PRESENT, VALID

CHECK_TYPES: tuple[CheckType, ...] = (PRESENT, VALID, BREAKING_CHANGES)

"""Check types of the codeowners family.

CODEOWNERS is read as GitHub reads it (``platform_lint.families.codeowners``): the first of
``.github/CODEOWNERS``, ``CODEOWNERS`` and ``docs/CODEOWNERS``; invalid lines are
skipped and the rest counts; the last matching line decides a file's owners.
Two decisions where sources disagree: a line using ``[ ]`` is an error (GitHub
rejects character ranges), reported and skipped, never read with literal
brackets; and ``foo/**/`` owns the file ``foo/bar`` (``**`` may match zero
directories, and a trailing slash owns everything under the directory).
"""

from __future__ import annotations

from platform_lint.families.check_type import CheckType
from platform_lint.families.codeowners.checks_coverage import COVERAGE
from platform_lint.families.codeowners.checks_file import CATCH_ALL, PRESENT_AND_VALID
from platform_lint.families.codeowners.checks_github import OWNERS_VALID
from platform_lint.families.codeowners.checks_names import NAMES_OWNERS
from platform_lint.families.codeowners.checks_rules import (
    DEAD_PATTERNS,
    DUPLICATE_PATTERNS,
    SHADOWED_RULES,
    TEAM_OWNERS_ONLY,
)

CHECK_TYPES: tuple[CheckType, ...] = (
    PRESENT_AND_VALID,
    COVERAGE,
    DEAD_PATTERNS,
    SHADOWED_RULES,
    DUPLICATE_PATTERNS,
    OWNERS_VALID,
    TEAM_OWNERS_ONLY,
    CATCH_ALL,
    NAMES_OWNERS,
)

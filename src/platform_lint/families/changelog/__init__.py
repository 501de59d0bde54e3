"""The changelog: Keep a Changelog format, versions that match releases, entries for changes."""

from platform_lint.families.changelog.checks import CHECK_TYPES
from platform_lint.families.family import Family

FAMILY = Family(
    name="changelog",
    summary="Keep a Changelog format, released versions, Unreleased entries",
    facts=(),  # the changelog's facts are collected by families.shared
    check_types=CHECK_TYPES,
)

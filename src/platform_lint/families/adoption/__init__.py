"""The adoption family: whether the platform measures its own use — release cadence from git
tags, release automation, a success-metrics document, usage telemetry — judged by content."""

from platform_lint.families.adoption.checks import CHECK_TYPES
from platform_lint.families.adoption.facts import FACTS
from platform_lint.families.family import Family

FAMILY = Family(
    name="adoption",
    summary="release cadence from git tags, release workflows and tooling, success-metrics sections in "
    "the docs, usage telemetry",
    facts=FACTS,
    check_types=CHECK_TYPES,
)

"""The facts of the adoption family, by key: what its check types may ask for."""

from __future__ import annotations

from typing import Any

from platform_lint.families.adoption.collect import (
    DocSections,
    ReleaseFacts,
    TelemetryFacts,
    collect_doc_sections,
    collect_releases,
    collect_telemetry,
)
from platform_lint.families.adoption.release import ReleaseAutomationFacts, collect_release_automation
from platform_lint.families.collector import FactKey

RELEASES: FactKey[ReleaseFacts] = FactKey(
    "release-tags",
    "the repository's git tags with their dates, and whether the clone is shallow (none without git)",
    collect_releases,
)
DOC_SECTIONS: FactKey[DocSections] = FactKey(
    "doc-sections",
    "the sections (heading, words, list items) whose heading holds one of some phrases, in the docs at "
    "the root, in .github/, docs/ and doc/, and in documents named for metrics, adoption, goals or "
    "telemetry (args: phrases)",
    collect_doc_sections,
)
USAGE_TELEMETRY: FactKey[TelemetryFacts] = FactKey(
    "usage-telemetry",
    "what emits usage events: analytics SDKs the manifests depend on (PostHog, Segment, Amplitude, "
    "Scarf, ...), a Scarf pixel in the README, Backstage analytics configuration",
    collect_telemetry,
)

RELEASE_AUTOMATION: FactKey[ReleaseAutomationFacts] = FactKey(
    "release-automation",
    "CI workflows (GitHub Actions, GitLab CI) that run a release tool or publish a package (an image "
    "push or release script when a tag or release triggers them), and release tools' configurations "
    "(goreleaser, release-please, semantic-release, changesets), read by content",
    collect_release_automation,
)

FACTS: tuple[FactKey[Any], ...] = (RELEASES, DOC_SECTIONS, USAGE_TELEMETRY, RELEASE_AUTOMATION)

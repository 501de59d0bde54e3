"""Facts read by more than one family, by key: the changelog, source digests, the package version."""

from __future__ import annotations

from typing import Any

from platform_lint.families.collector import FactKey
from platform_lint.families.shared.changelog import (
    ChangelogFacts,
    SourceDigests,
    collect_changelog,
    collect_digests,
)
from platform_lint.families.shared.release_notes import ReleaseNotesFacts, collect_release_notes
from platform_lint.families.shared.versions import VersionFacts, collect_versions

CHANGELOG: FactKey[ChangelogFacts] = FactKey(
    "changelog", "the changelog's sections, entries, headings and links (args: path)", collect_changelog
)
SOURCE_DIGESTS: FactKey[SourceDigests] = FactKey(
    "source-digests", "a content id (git blob id) of each file matching globs (args: globs)", collect_digests
)
PACKAGE_VERSION: FactKey[VersionFacts] = FactKey(
    "package-version", "the package version from manifests, and the git tags", collect_versions
)
RELEASE_NOTES: FactKey[ReleaseNotesFacts] = FactKey(
    "release-notes",
    "release-note fragments (reno, changesets, towncrier) and release tooling that writes GitHub "
    "Release notes (goreleaser, release-please, semantic-release)",
    collect_release_notes,
)

FACTS: tuple[FactKey[Any], ...] = (CHANGELOG, SOURCE_DIGESTS, PACKAGE_VERSION, RELEASE_NOTES)

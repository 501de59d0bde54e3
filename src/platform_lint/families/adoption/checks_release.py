"""The release-automation check type: releases are cut by a workflow or a release tool, read by content."""

from __future__ import annotations

from platform_lint.families.adoption import examples
from platform_lint.families.adoption.facts import RELEASE_AUTOMATION
from platform_lint.families.check_type import CheckInput, CheckType
from platform_lint.model import Finding, Location, Outcome

_TRIGGERS = {
    "tag": "on a tag",
    "release": "on a GitHub release",
    "manual": "run by hand",
    "": "on its triggers",
}


def release_automation(inp: CheckInput) -> Outcome:
    facts = inp.facts[RELEASE_AUTOMATION]
    evidence = [
        Finding(
            s.kind,
            {"path": s.path, "what": s.what, "trigger": _TRIGGERS.get(s.trigger, s.trigger)},
            Location(s.path, s.line),
            key=f"{s.path}:{s.what}",
        )
        for s in facts.signals
    ]
    if evidence:
        return Outcome.passed(*evidence[:5])
    return Outcome.failed(Finding("missing", {"workflows": facts.workflows}, key="missing"))


RELEASE_AUTOMATION_CHECK = CheckType(
    id="adoption.release-automated",
    summary="Releases are cut by automation: a CI workflow that runs a release tool or publishes the "
    "package, or a release tool's configuration (goreleaser, release-please, semantic-release, "
    "changesets) — read by content, whatever the files are called.",
    why="A release that a machine cuts the same way every time reaches users on a visible cadence, "
    "with notes, and does not depend on the one person who knows the steps. A workflow counts by "
    "what it runs: a release tool (goreleaser, release-please, semantic-release, changesets, "
    "chart-releaser, gh release create, action-gh-release) or a publish command (twine upload, "
    "npm publish, cargo publish, gem push, mvn deploy, ...) anywhere; an image push, a release or "
    "publish script or action, or a reusable workflow that does one of these, only in a workflow "
    "a tag or a GitHub release triggers, or one run only by hand (workflow_dispatch). A workflow "
    "named release.yml that only runs tests does not count, nor does a rehearsal (npm publish "
    "--dry-run, goreleaser release --snapshot); a tool's configuration counts when "
    "its content is the tool's (a .goreleaser.yml with builds, a release-please-config.json with packages).",
    params_schema={"type": "object", "additionalProperties": False, "properties": {}},
    run=release_automation,
    needs=(RELEASE_AUTOMATION,),
    messages={
        "workflow": "{path} releases with {what} ({trigger})",
        "config": "{path} configures {what}",
        "missing": "no release automation: none of {workflows} CI files runs a release tool or publishes "
        "a package, and no release tool is configured",
    },
    remediation="Add a workflow that runs on a version tag and publishes the release (goreleaser, "
    "twine upload, npm publish, gh release create), or configure release-please or semantic-release.",
    examples=examples.RELEASE_AUTOMATION,
)

CHECK_TYPES: tuple[CheckType, ...] = (RELEASE_AUTOMATION_CHECK,)

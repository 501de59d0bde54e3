"""Read how releases are cut: release workflows and release tooling configuration, by content.

A CI workflow (GitHub Actions, GitLab CI) releases when a step runs a release tool (goreleaser,
release-please, semantic-release, changesets, chart-releaser, JReleaser, ``gh release create``,
action-gh-release, release-action), publishes a package (``twine upload``, the PyPI publish
action, ``npm``/``yarn``/``pnpm publish``, ``cargo publish``, ``gem push``, ``poetry``/``uv``/
``hatch``/``flit publish``, ``mvn deploy``, ``gradle publish``, ``dotnet nuget push``, ``helm
push``), or — when it runs on a tag or a GitHub release — pushes an image (``docker push``,
build-push-action with ``push: true``) or runs a release script (``make release``,
``./scripts/release.sh``). Its file name does not matter. A tool's configuration counts when
its content is the tool's: ``.goreleaser.yml`` with builds or a release section,
``release-please-config.json`` with packages, a semantic-release configuration with branches or
plugins (also ``"release"`` in package.json), ``.changeset/config.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from platform_lint.errors import ConfigError
from platform_lint.families.collector import CollectEnv
from platform_lint.snapshot.base import RepoSnapshot
from platform_lint.yamlio import JsonError, load_json, load_plain_all

READ_BYTES = 512 * 1024
MAX_WORKFLOWS = 200

_TOOLS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("goreleaser", re.compile(r"goreleaser/goreleaser-action|\bgoreleaser\s+release\b")),
    ("release-please", re.compile(r"release-please-action|\brelease-please\s+(?:release-pr|github-release)")),
    ("semantic-release", re.compile(r"\bsemantic-release\b")),
    ("changesets", re.compile(r"changesets/action|\bchangeset\s+publish\b")),
    ("chart-releaser", re.compile(r"helm/chart-releaser-action|\bcr\s+upload\b")),
    ("JReleaser", re.compile(r"jreleaser/release-action|\bjreleaser\s+(?:full-)?release\b")),
    ("gh release", re.compile(r"\bgh\s+release\s+create\b")),
    (
        "action-gh-release",
        re.compile(r"softprops/action-gh-release|ncipollo/release-action|actions/create-release"),
    ),
    ("twine upload", re.compile(r"\btwine\s+upload\b")),
    ("PyPI publish", re.compile(r"pypa/gh-action-pypi-publish|\b(?:poetry|uv|hatch|flit|pdm)\s+publish\b")),
    ("npm publish", re.compile(r"\b(?:npm|yarn|pnpm)\s+(?:npm\s+)?publish\b|JS-DevTools/npm-publish")),
    ("cargo publish", re.compile(r"\bcargo\s+publish\b")),
    ("gem push", re.compile(r"\bgem\s+push\b|rubygems/release-gem")),
    (
        "Maven deploy",
        re.compile(r"\bmvnw?\s+(?:[-\w=.]+\s+)*deploy\b|\bgradlew?\s+(?:[-\w:]+\s+)*publish\w*\b"),
    ),
    ("NuGet push", re.compile(r"\bdotnet\s+nuget\s+push\b")),
    ("helm push", re.compile(r"\bhelm\s+push\b")),
)
"""Release tools and publish commands: a workflow that runs one releases, whatever triggers it."""

_ON_RELEASE_ONLY: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "image push",
        re.compile(r"\bdocker\s+(?:image\s+)?push\b|docker/build-push-action|\bko\s+(?:publish|build)\b"),
    ),
    (
        "a release script",
        re.compile(
            r"\b(?:make|just|task|mage|npm\s+run|yarn|pnpm)\s+(?:release|publish)\b"
            r"|\brun:\s*[|>]?[-\s]*[\"']?(?:bash\s+|sh\s+)?(?:\./)?(?:[\w.-]+/)*[\w.-]*(?:release|publish)[\w.-]*(?=[\s\"']|$)"
            r"|^\s*(?:bash\s+|sh\s+)?(?:\./)?(?:[\w.-]+/)*[\w.-]*(?:release|publish)[\w.-]*\.sh\b",
            re.MULTILINE,
        ),
    ),
    ("a release action", re.compile(r"\buses:\s*[\"']?[\w.-]+/[\w./-]*(?:release|publish)[\w./-]*@")),
)
"""What releases only in a workflow run by a tag, a GitHub release or by hand (elsewhere: nightly
builds, test runs)."""


@dataclass(frozen=True)
class ReleaseSignal:
    """Evidence that releases are automated: ``kind`` (workflow, config), ``what`` runs, the file."""

    path: str
    kind: str
    what: str
    line: int | None = None
    trigger: str = ""


@dataclass(frozen=True)
class ReleaseAutomationFacts:
    signals: tuple[ReleaseSignal, ...]
    workflows: int  # CI files read


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _github_trigger(data: Any) -> str:
    """'tag' or 'release' when a GitHub workflow runs on a tag push or a release event, else ''."""
    if not isinstance(data, dict):
        return ""
    on = data.get("on", data.get(True))
    if isinstance(on, str):
        on = [on]
    if isinstance(on, list):
        if "release" in on:
            return "release"
        return "manual" if on == ["workflow_dispatch"] else ""
    if not isinstance(on, dict):
        return ""
    if "release" in on:
        return "release"
    push = on.get("push")
    if isinstance(push, dict) and push.get("tags") is not None:
        return "tag"
    if "workflow_dispatch" in on and on.get("push") is None and on.get("pull_request") is None:
        return "manual"
    return ""


_GITLAB_TAG = re.compile(
    r"\$CI_COMMIT_TAG|^\s*only:\s*\n\s*-\s*tags\b|^\s*-\s*tags\s*$|^\s*release:\s*$", re.M
)


def _trigger(path: str, text: str) -> str:
    if path.startswith(".github/"):
        try:
            docs = load_plain_all(text, path)
        except ConfigError:
            return ""
        return next((t for t in (_github_trigger(d) for d in docs) if t), "")
    return "tag" if _GITLAB_TAG.search(text) else ""


def _code(text: str) -> str:
    """The text with comment lines blanked (so a commented-out step does not count), lines kept."""
    return re.sub(r"(?m)^\s*#.*$", "", text)


_LOCAL_WORKFLOW = re.compile(r"\buses:\s*[\"']?\./(\.github/workflows/[\w.-]+\.ya?ml)")


def _workflow(path: str, text: str, called: dict[str, str]) -> ReleaseSignal | None:
    """``called``: the text of the local workflows this one may call (``uses: ./.github/workflows/x.yml``)."""
    code = _code(text)
    for what, pattern in _TOOLS:
        match = pattern.search(code)
        if match:
            return ReleaseSignal(path, "workflow", what, _line(code, match.start()), _trigger(path, text))
    trigger = _trigger(path, text)
    if not trigger:
        return None
    for what, pattern in _ON_RELEASE_ONLY:
        match = pattern.search(code)
        if match:
            return ReleaseSignal(path, "workflow", what, _line(code, match.start()), trigger)
    for match in _LOCAL_WORKFLOW.finditer(code):  # a reusable workflow it calls, one hop
        callee = _code(called.get(match.group(1), ""))
        for what, pattern in (*_TOOLS, *_ON_RELEASE_ONLY):
            if pattern.search(callee):
                return ReleaseSignal(
                    path, "workflow", f"{what} in {match.group(1)}", _line(code, match.start()), trigger
                )
    return None


_CONFIGS: tuple[tuple[tuple[str, ...], str, re.Pattern[str]], ...] = (
    (
        (".goreleaser.yml", ".goreleaser.yaml", "goreleaser.yml", "goreleaser.yaml"),
        "goreleaser",
        re.compile(r"^(?:builds|release|archives|project_name|dockers|kos|brews|nfpms|version)\s*:", re.M),
    ),
    (("release-please-config.json",), "release-please", re.compile(r"\"packages\"\s*:")),
    ((".release-please-manifest.json",), "release-please", re.compile(r"\"[^\"]*\"\s*:\s*\"\d+\.\d+")),
    (
        (
            ".releaserc",
            ".releaserc.json",
            ".releaserc.yaml",
            ".releaserc.yml",
            ".releaserc.js",
            ".releaserc.cjs",
            "release.config.js",
            "release.config.cjs",
            "release.config.mjs",
        ),
        "semantic-release",
        re.compile(r"\b(?:branches|plugins|extends)\b"),
    ),
    (
        (".changeset/config.json",),
        "changesets",
        re.compile(r"\"(?:changelog|baseBranch|access|commit)\"\s*:"),
    ),
    (
        ("jreleaser.yml", "jreleaser.yaml", "jreleaser.toml", "jreleaser.json"),
        "JReleaser",
        re.compile(r"release"),
    ),
)


def _configs(snapshot: RepoSnapshot, limit: int) -> list[ReleaseSignal]:
    found: list[ReleaseSignal] = []
    for names, tool, pattern in _CONFIGS:
        for name in names:
            if not snapshot.exists(name):
                continue
            text = snapshot.read(name, limit).text or ""
            match = pattern.search(text)
            if match:
                found.append(ReleaseSignal(name, "config", tool, _line(text, match.start())))
    if snapshot.exists("package.json"):
        text = snapshot.read("package.json", limit).text or ""
        try:
            data = load_json(text)
        except JsonError:
            data = None
        if isinstance(data, dict) and isinstance(data.get("release"), dict):
            match = re.search(r"\"release\"\s*:", text)
            found.append(
                ReleaseSignal(
                    "package.json",
                    "config",
                    "semantic-release",
                    _line(text, match.start()) if match else None,
                )
            )
    return found


_CI_FILES = (
    ".github/workflows/*.yml",
    ".github/workflows/*.yaml",
    ".gitlab-ci.yml",
    ".gitlab-ci.yaml",
    ".gitlab/ci/*.yml",
    ".gitlab/ci/*.yaml",
)


def collect_release_automation(
    snapshot: RepoSnapshot, env: CollectEnv, args: tuple[Any, ...]
) -> ReleaseAutomationFacts:
    limit = min(READ_BYTES, snapshot.max_bytes)
    found: list[ReleaseSignal] = []
    files = snapshot.glob(list(_CI_FILES))[:MAX_WORKFLOWS]
    texts = {path: snapshot.read(path, limit).text or "" for path in files}
    for path, text in texts.items():
        signal = _workflow(path, text, texts) if text else None
        if signal is not None:
            found.append(signal)
    found += _configs(snapshot, limit)
    return ReleaseAutomationFacts(tuple(found), len(files))

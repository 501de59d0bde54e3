"""Read how releases are cut: release workflows and release tooling configuration, by content.

A CI workflow (GitHub Actions, GitLab CI) releases when a step runs a release tool (goreleaser,
release-please, semantic-release, changesets, chart-releaser, JReleaser, ``gh release create``,
action-gh-release, release-action), publishes a package (``twine upload``, the PyPI publish
action, ``npm``/``yarn``/``pnpm publish``, ``cargo publish``, ``gem push``, ``poetry``/``uv``/
``hatch``/``flit publish``, ``mvn deploy``, ``gradle publish``, ``dotnet nuget push``, ``helm
push``), or — when it runs on a tag or a GitHub release — pushes an image (``docker push``,
build-push-action with ``push: true``) or runs a release script (``make release``,
``./scripts/release.sh``). Its file name does not matter, and a rehearsal (``--dry-run``,
``goreleaser release --snapshot``) is not a release. A tool's configuration counts when
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
        re.compile(
            r"\bmvnw?(?:[ \t]+[-\w=.]+)*?[ \t]+deploy\b|\bgradlew?(?:[ \t]+[-\w:]+)*?[ \t]+publish\w*\b"
        ),
    ),
    ("NuGet push", re.compile(r"\bdotnet\s+nuget\s+push\b")),
    ("helm push", re.compile(r"\bhelm\s+push\b")),
)
"""Release tools and publish commands: a workflow that runs one releases, whatever triggers it."""

_IMAGE_PUSH = re.compile(
    r"\bdocker[ \t]+(?:image[ \t]+)?push\b|docker/build-push-action|\bko[ \t]+(?:publish|build)\b"
)
_RELEASE_TARGET = re.compile(r"\b(?:make|just|task|mage|npm[ \t]+run|yarn|pnpm)[ \t]+(?:release|publish)\b")
_STEP_PREFIX = re.compile(
    r"^[ \t]*(?:-[ \t]*)?(?:(run|uses):[ \t]*)?[|>]?[-+]?[ \t]*[\"']?(?:(?:bash|sh)[ \t]+)?"
)
_RELEASE_WORD = re.compile(r"release|publish", re.IGNORECASE)


def _release_step(line: str) -> str | None:
    """What on one line releases when a tag or release runs it: an image push, a release script or
    target, or a release action (``uses: org/publish-release@v1``)."""
    if _IMAGE_PUSH.search(line):
        return "image push"
    if _RELEASE_TARGET.search(line):
        return "a release script"
    prefix = _STEP_PREFIX.match(line)
    key = prefix.group(1) if prefix else None
    token = line[prefix.end() if prefix else 0 :].split(None, 1)
    if not token:
        return None
    word = token[0].rstrip("\"'")
    name = word.rpartition("@")[0] if key == "uses" else word
    if key == "uses":
        return "a release action" if "/" in name and _RELEASE_WORD.search(name) else None
    last = name.rpartition("/")[2]
    script = "/" in name or last.endswith(".sh") or key == "run"
    if script and _RELEASE_WORD.search(last) and re.fullmatch(r"[\w./-]+", name):
        return "a release script"
    return None


MAX_LINE = 500
"""Longer lines are not read for steps (no workflow step is that long; it bounds the regexes)."""


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
    r"\$CI_COMMIT_TAG|^[ \t]*only:[ \t]*\n[ \t]*-[ \t]*tags\b|^[ \t]*-[ \t]*tags[ \t]*$"
    r"|^[ \t]*release:[ \t]*$",
    re.M,
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
    return re.sub(r"(?m)^[ \t]*#.*$", "", text)


_LOCAL_WORKFLOW = re.compile(r"\buses:\s*[\"']?\./(\.github/workflows/[\w.-]+\.ya?ml)")


def _lines(code: str) -> list[tuple[int, str]]:
    return [(n, line) for n, line in enumerate(code.splitlines(), 1) if len(line) <= MAX_LINE]


_REHEARSAL = re.compile(
    r"--dry-?run\b|--snapshot\b|\bgoreleaser[ \t]+(?:check|build)\b|\btestpypi\b|test\.pypi\.org",
    re.IGNORECASE,
)
"""A publish command that only rehearses (``npm publish --dry-run``, ``goreleaser release --snapshot``,
``twine upload --repository testpypi``)."""
_TEST_INDEX = re.compile(r"\btestpypi\b|test\.pypi\.org", re.IGNORECASE)
"""A publish step's setting that sends the upload to TestPyPI (``repository-url:`` under ``with:``)."""
STEP_LINES = 12
"""Lines after a publish action's ``uses:`` read for its settings (a bound: no quadratic scan)."""


def _to_test_index(lines: list[tuple[int, str]], at: int) -> bool:
    """True when the settings of the step whose line is ``lines[at]`` send it to TestPyPI: the
    lines after it, within :data:`STEP_LINES`, indented at least as deep as its own key."""
    line = lines[at][1]
    column = len(line) - len(line.lstrip(" -"))
    for _, after in lines[at + 1 : at + 1 + STEP_LINES]:
        body = after.strip()
        if not body:
            continue
        if len(after) - len(after.lstrip(" ")) < column:
            return False
        if _TEST_INDEX.search(body):
            return True
    return False


def _tool(lines: list[tuple[int, str]]) -> tuple[str, int] | None:
    for at, (number, line) in enumerate(lines):
        if _REHEARSAL.search(line):
            continue
        for what, pattern in _TOOLS:
            if pattern.search(line):
                if _to_test_index(lines, at):
                    break
                return what, number
    return None


def _on_release(lines: list[tuple[int, str]]) -> tuple[str, int] | None:
    for at, (number, line) in enumerate(lines):
        what = _release_step(line)
        if what and not _REHEARSAL.search(line) and not _to_test_index(lines, at):
            return what, number
    return None


def _workflow(path: str, text: str, called: dict[str, str]) -> ReleaseSignal | None:
    """``called``: the text of the local workflows this one may call (``uses: ./.github/workflows/x.yml``)."""
    lines = _lines(_code(text))
    tool = _tool(lines)
    if tool:
        return ReleaseSignal(path, "workflow", tool[0], tool[1], _trigger(path, text))
    trigger = _trigger(path, text)
    if not trigger:
        return None
    step = _on_release(lines)
    if step:
        return ReleaseSignal(path, "workflow", step[0], step[1], trigger)
    for number, line in lines:  # a reusable workflow it calls, one hop
        match = _LOCAL_WORKFLOW.search(line)
        if match:
            callee = _lines(_code(called.get(match.group(1), "")))
            found = _tool(callee) or _on_release(callee)
            if found:
                return ReleaseSignal(path, "workflow", f"{found[0]} in {match.group(1)}", number, trigger)
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

"""Dependency-update automation, read by content: Dependabot's updates, Renovate's configuration
(in its own file, in package.json, or run by a workflow), Depfu.

A dependabot.yml without ``updates`` updates nothing; one whose every entry has
``open-pull-requests-limit: 0`` sends security updates only. A Renovate configuration with
``"enabled": false`` is switched off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from platform_lint.errors import ConfigError
from platform_lint.families.collector import CollectEnv
from platform_lint.families.defaults.collect_format import line_of, read_capped
from platform_lint.snapshot.base import RepoSnapshot
from platform_lint.yamlio import JsonError, load_json, load_plain_all


@dataclass(frozen=True)
class UpdateConfig:
    """One dependency-update tool's configuration: ``ecosystems`` it updates (Dependabot),
    ``problem`` when it updates nothing."""

    path: str
    tool: str
    ecosystems: tuple[str, ...] = ()
    line: int | None = None
    problem: str | None = None


@dataclass(frozen=True)
class UpdateFacts:
    configs: tuple[UpdateConfig, ...]


_RENOVATE_FILES = (
    "renovate.json",
    "renovate.json5",
    ".github/renovate.json",
    ".github/renovate.json5",
    ".gitlab/renovate.json",
    ".gitlab/renovate.json5",
    ".renovaterc",
    ".renovaterc.json",
    ".renovaterc.json5",
)
_DISABLED = re.compile(r"""^\s{0,2}["']?enabled["']?\s*:\s*false\b""", re.M)
"""In JSON5 that does not parse as JSON: ``enabled: false`` at the top level (a package rule's
``enabled: false``, indented deeper, switches off that rule only)."""


def _switched_off(text: str) -> bool:
    try:
        data = load_json(text)
    except JsonError:
        return bool(_DISABLED.search(text))
    return isinstance(data, dict) and data.get("enabled") is False


_EXTENDS = re.compile(r"""["']?extends["']?\s*:""")


def _dependabot(snapshot: RepoSnapshot, found: list[UpdateConfig]) -> None:
    for path in snapshot.glob([".github/dependabot.yml", ".github/dependabot.yaml"]):
        content = read_capped(snapshot, path)
        if content.text is None:
            found.append(UpdateConfig(path, "Dependabot", problem=content.problem or "unreadable"))
            continue
        try:
            docs = load_plain_all(content.text, path)
        except ConfigError as exc:
            found.append(
                UpdateConfig(path, "Dependabot", line=exc.line, problem=f"does not parse: {exc.reason}")
            )
            continue
        data = docs[0] if docs else None
        updates = data.get("updates") if isinstance(data, dict) else None
        entries = [u for u in updates or [] if isinstance(u, dict)]
        match = re.search(r"^updates\s*:", content.text, re.M)
        line = line_of(content.text, match.start()) if match else None
        ecosystems = tuple(
            sorted({str(u.get("package-ecosystem")) for u in entries if u.get("package-ecosystem")})
        )
        problem = None
        if not entries:
            problem = "no updates are configured"
        elif all(u.get("open-pull-requests-limit") == 0 for u in entries):
            problem = "every entry has open-pull-requests-limit: 0 (security updates only)"
        found.append(UpdateConfig(path, "Dependabot", ecosystems, line, problem))


def _renovate(snapshot: RepoSnapshot, found: list[UpdateConfig]) -> None:
    for path in snapshot.glob(_RENOVATE_FILES):
        content = read_capped(snapshot, path)
        if content.text is None:
            found.append(UpdateConfig(path, "Renovate", problem=content.problem or "unreadable"))
            continue
        text = content.text
        problem = None
        if not text.strip() or not text.strip().startswith("{"):
            problem = "not a configuration object"
        elif _switched_off(text):
            problem = 'switched off ("enabled": false)'
        match = _EXTENDS.search(text)
        found.append(
            UpdateConfig(path, "Renovate", line=line_of(text, match.start()) if match else 1, problem=problem)
        )
    if snapshot.exists("package.json"):
        text = read_capped(snapshot, "package.json").text or ""
        if '"renovate"' in text:
            try:
                data = load_json(text)
            except JsonError:
                data = None
            if isinstance(data, dict) and isinstance(data.get("renovate"), dict):
                match = re.search(r'"renovate"\s*:', text)
                problem = (
                    'switched off ("enabled": false)' if data["renovate"].get("enabled") is False else None
                )
                line = line_of(text, match.start()) if match else None
                found.append(UpdateConfig("package.json", "Renovate", line=line, problem=problem))
    for path in snapshot.glob([".github/workflows/*.yml", ".github/workflows/*.yaml"]):
        if (snapshot.size(path) or 0) > 256 * 1024:
            continue
        text = read_capped(snapshot, path).text or ""
        match = re.search(r"uses:\s*['\"]?renovatebot/github-action", text)
        if match:
            found.append(UpdateConfig(path, "Renovate (self-hosted)", line=line_of(text, match.start())))
    for path in snapshot.glob([".depfu.yml"]):
        found.append(UpdateConfig(path, "Depfu"))


def collect_updates(snapshot: RepoSnapshot, env: CollectEnv, args: tuple[Any, ...]) -> UpdateFacts:
    found: list[UpdateConfig] = []
    _dependabot(snapshot, found)
    _renovate(snapshot, found)
    return UpdateFacts(tuple(found))

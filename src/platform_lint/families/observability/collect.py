"""Collect the observability facts in one pass: select by name, then read content.

From the listing: package manifests (by name, at any depth), YAML files and Dockerfiles.
Each is read once (up to ``MAX_BYTES``); YAML is parsed only when cheap substring tests
say it may hold something (:func:`yamlfacts.wanted`). Files under ``node_modules`` and
other vendored folders are not read at all.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from typing import Any

from platform_lint.families.collector import CollectEnv
from platform_lint.families.observability import manifests
from platform_lint.families.observability.model import (
    CollectorConfig,
    Dependency,
    ObservabilityFacts,
    Signal,
    Slo,
    Unparsed,
    Workload,
)
from platform_lint.families.observability.yamlfacts import otel_settings, read_yaml, wanted
from platform_lint.families.shared.listing import listing, matching, scope_kind
from platform_lint.model import Location
from platform_lint.snapshot.base import RepoSnapshot

MAX_BYTES = 2 * 1024 * 1024
DEFAULT_MAX_FILES = 5_000
"""YAML files read at most (likeliest first); manifests, Dockerfiles and .env files are always read."""
_SKIP_NAMES = frozenset({"pnpm-lock.yaml", "package-lock.json", "yarn.lock", ".pre-commit-config.yaml"})
_MANIFEST_EXTENSIONS = frozenset({"txt", "in", "toml", "json", "mod", "xml", "gradle", "kts", "csproj"})
_LIKELY = (
    "otel",
    "collector",
    "telemetry",
    "prometheus",
    "monitor",
    "alert",
    "slo",
    "compose",
    "deploy",
    "k8s",
    "kube",
    "chart",
    "helm",
    "manifest",
    "template",
    "values",
    "observability",
    "infra",
)


_LIKELY_RE = re.compile("|".join(_LIKELY))


def _kind(path: str) -> str | None:
    low = path.rpartition("/")[2].lower()
    ext = low.rpartition(".")[2]
    if ext in ("yaml", "yml"):
        return None if low in _SKIP_NAMES or ".github/" in path else "yaml"
    if ext in _MANIFEST_EXTENSIONS or low == "gemfile":
        return "manifest" if manifests.kind_of(path) else None
    if low.startswith("dockerfile") or ext == "dockerfile":
        return "dockerfile"
    if ext == "env":
        return "env"
    return None


def _priority(path: str) -> tuple[int, int, str]:
    """Likely telemetry or deployment files first, then shallower ones."""
    return (0 if _LIKELY_RE.search(path.lower()) else 1, path.count("/"), path)


def _vendored(path: str) -> bool:
    return "node_modules/" in path or path.startswith("vendor/") or "/vendor/" in path


def _dockerfile(path: str, text: str) -> tuple[list[Signal], list[Workload]]:
    signals = list(otel_settings(path, text))
    workloads: list[Workload] = []
    for index, line in enumerate(text.splitlines()):
        words = line.split()
        if words and words[0].upper() == "HEALTHCHECK" and (len(words) < 2 or words[1].upper() != "NONE"):
            workloads.append(
                Workload(
                    path, index + 1, "Dockerfile", posixpath.dirname(path) or ".", ("healthcheck",), True
                )
            )
            break
    return signals, workloads


_PATTERNS = [
    "**/*.yaml",
    "**/*.yml",
    "**/requirements*.txt",
    "**/requirements*.in",
    "**/pyproject.toml",
    "**/package.json",
    "**/go.mod",
    "**/pom.xml",
    "**/build.gradle",
    "**/build.gradle.kts",
    "**/Gemfile",
    "**/*.csproj",
    "**/Cargo.toml",
    "**/Dockerfile",
    "**/*.Dockerfile",
    "**/*.dockerfile",
    "**/.env",
    "**/*.env",
]


def _select(snapshot: RepoSnapshot, max_files: int) -> tuple[list[tuple[str, str]], int]:
    """(path, kind) of the files to read, and how many YAML files were left unread."""
    chosen: list[tuple[str, str]] = []
    yaml_files: list[str] = []
    variants = [p for p in listing(snapshot) if "ockerfile." in p]  # Dockerfile.dev and the like
    for path in sorted(set(matching(snapshot, _PATTERNS)).union(variants)):
        kind = _kind(path)
        if kind is None or _vendored(path):
            continue
        if kind == "yaml":
            yaml_files.append(path)
        else:
            chosen.append((path, kind))
    if len(yaml_files) > max_files:
        yaml_files = sorted(yaml_files, key=_priority)
    chosen += [(path, "yaml") for path in yaml_files[:max_files]]
    return chosen, max(0, len(yaml_files) - max_files)


def collect_observability(
    snapshot: RepoSnapshot, env: CollectEnv, args: tuple[Any, ...]
) -> ObservabilityFacts:
    """``args``: (max_files,): how many YAML files to read at most."""
    max_files = int(args[0]) if args else DEFAULT_MAX_FILES
    selected, unread = _select(snapshot, max_files)
    deps: list[Dependency] = []
    read_manifests: list[str] = []
    collectors: list[CollectorConfig] = []
    signals: list[Signal] = []
    workloads: list[Workload] = []
    slos: list[Slo] = []
    unparsed: list[Unparsed] = []
    for path, kind in selected:
        content = snapshot.read(path, max_bytes=MAX_BYTES)
        text = content.text
        if text is None:
            continue
        scope = scope_kind(snapshot, path)
        if kind == "manifest":
            manifest = manifests.kind_of(path)
            assert manifest is not None
            read_manifests.append(path)
            try:
                entries = manifests.dependencies(manifest, text)
            except ValueError as exc:
                unparsed.append(Unparsed(path, str(exc), Location(path)))
                continue
            for line, ecosystem, package in entries:
                library = manifests.library_of(ecosystem, package)
                if library:
                    deps.append(Dependency(path, line, ecosystem, package, library, scope))
            continue
        if kind == "dockerfile":
            found_signals, found_workloads = _dockerfile(path, text)
            signals += [_scoped(s, scope) for s in found_signals]
            workloads += [_scoped(w, scope) for w in found_workloads]
            continue
        if kind == "env":
            signals += [_scoped(s, scope) for s in otel_settings(path, text)]
            continue
        if not wanted(text):
            continue
        facts = read_yaml(path, text)
        if facts.problem is not None and _relevant(text):
            problem = facts.problem
            unparsed.append(Unparsed(path, problem.message, Location(path, problem.line, problem.column)))
        collectors += [_scoped(c, scope) for c in facts.collectors]
        signals += [_scoped(s, scope) for s in facts.signals]
        workloads += [_scoped(w, scope) for w in facts.workloads]
        slos += [_scoped(s, scope) for s in facts.slos]
    return ObservabilityFacts(
        tuple(deps),
        tuple(read_manifests),
        tuple(collectors),
        tuple(signals),
        tuple(workloads),
        tuple(slos),
        tuple(unparsed),
        unread,
    )


def _relevant(text: str) -> bool:
    """A file that fails to parse is reported only when it plainly meant to be one of ours."""
    return ("service:" in text and "pipelines:" in text) or "openslo/" in text or "sloth.slok.dev" in text


def _scoped(item: Any, scope: str | None) -> Any:
    return item if scope is None else dataclasses.replace(item, scope=scope)

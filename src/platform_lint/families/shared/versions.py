"""The package version as the manifests state it, and the latest semver git tag.

Read without executing anything: pyproject.toml (``[project].version`` or
``[tool.poetry].version``), package.json (``version``), setup.cfg
(``[metadata] version``), Cargo.toml (``[package].version``).
"""

from __future__ import annotations

import configparser
import importlib
import re
from dataclasses import dataclass
from typing import Any

from platform_lint.families.collector import CollectEnv
from platform_lint.snapshot.base import RepoSnapshot
from platform_lint.yamlio import JsonError, load_json

try:  # Python 3.11+
    _toml: Any = importlib.import_module("tomllib")
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    _toml = None

SEMVER = re.compile(
    r"^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$"
)


@dataclass(frozen=True)
class DeclaredVersion:
    source: str  # pyproject.toml, package.json, setup.cfg, Cargo.toml
    version: str
    line: int | None = None


@dataclass(frozen=True)
class VersionFacts:
    """Versions declared by manifests (first found wins for ``package``) and the git tags."""

    declared: tuple[DeclaredVersion, ...]
    latest_tag: str | None

    @property
    def package(self) -> DeclaredVersion | None:
        return self.declared[0] if self.declared else None


def _line_of(text: str, pattern: str) -> int | None:
    match = re.search(pattern, text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _toml_version(text: str, tables: tuple[str, ...]) -> str | None:
    if _toml is not None:
        try:
            data: Any = _toml.loads(text)
        except (_toml.TOMLDecodeError, ValueError, RecursionError):  # also huge integers, deep arrays
            return None
        for table in tables:
            node = data
            for part in table.split("."):
                node = node.get(part, {}) if isinstance(node, dict) else {}
            if isinstance(node, dict) and isinstance(node.get("version"), str):
                return str(node["version"])
        return None
    for table in tables:  # pragma: no cover - Python 3.10 fallback: a plain scan of the table
        block = re.search(
            r"^\[" + re.escape(table) + r"\][ \t]*$(.*?)(?=^\[|\Z)", text, re.MULTILINE | re.DOTALL
        )
        if block:
            found = re.search(r"^version[ \t]*=[ \t]*[\"']([^\"'\n]+)[\"']", block.group(1), re.MULTILINE)
            if found:
                return found.group(1)
    return None


def _read(snapshot: RepoSnapshot, path: str) -> str | None:
    return snapshot.read(path).text if snapshot.exists(path) else None


def declared_versions(snapshot: RepoSnapshot) -> list[DeclaredVersion]:
    out: list[DeclaredVersion] = []
    text = _read(snapshot, "pyproject.toml")
    if text is not None:
        version = _toml_version(text, ("project", "tool.poetry"))
        if version:
            out.append(DeclaredVersion("pyproject.toml", version, _line_of(text, r"^version[ \t]*=")))
    text = _read(snapshot, "package.json")
    if text is not None:
        try:
            data = load_json(text)
        except JsonError:
            data = None
        if isinstance(data, dict) and isinstance(data.get("version"), str):
            out.append(
                DeclaredVersion("package.json", data["version"], _line_of(text, r"\"version\"[ \t]*:"))
            )
    text = _read(snapshot, "setup.cfg")
    if text is not None:
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read_string(text)
            version = parser.get("metadata", "version", fallback=None)
        except configparser.Error:
            version = None
        if version and not version.startswith(("attr:", "file:")):
            out.append(DeclaredVersion("setup.cfg", version.strip(), _line_of(text, r"^version[ \t]*=")))
    text = _read(snapshot, "Cargo.toml")
    if text is not None:
        version = _toml_version(text, ("package",))
        if version:
            out.append(DeclaredVersion("Cargo.toml", version, _line_of(text, r"^version[ \t]*=")))
    return out


def semver_key(version: str) -> tuple[int, int, int, int, str] | None:
    match = SEMVER.match(version.strip())
    if not match:
        return None
    major, minor, patch, pre = int(match.group(1)), int(match.group(2)), int(match.group(3)), match.group(4)
    return major, minor, patch, 0 if pre else 1, pre or ""


def latest_tag(tags: tuple[str, ...]) -> str | None:
    best: tuple[tuple[int, int, int, int, str], str] | None = None
    for tag in tags:
        key = semver_key(tag)
        if key is not None and (best is None or key > best[0]):
            best = (key, tag)
    return best[1] if best else None


def collect_versions(snapshot: RepoSnapshot, env: CollectEnv, args: tuple[Any, ...]) -> VersionFacts:
    return VersionFacts(tuple(declared_versions(snapshot)), latest_tag(snapshot.tags()))

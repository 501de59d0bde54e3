"""The package version as the manifests state it, the git tags, and what a version is.

Read without executing anything: pyproject.toml (``[project].version``,
``[tool.poetry].version`` or ``[tool.commitizen].version``), package.json (``version``),
setup.cfg (``[metadata] version``), Cargo.toml (``[package].version``). A placeholder
(``0.0.0``, ``0.0.0-development``: the real version comes from release tooling) is no version.

A version is one of three schemes: Semantic Versioning 2.0.0 (``1.4.2``, ``v2.0.0-rc.1``;
a leading ``v`` is tolerated, as semver.org's FAQ notes it is common), Calendar Versioning
(``2024.03.1``, ``24.3``, ``2024.10``: the first component is a year, four digits from
1970 or two from 10), or a date (``2024-03-15``).
"""

from __future__ import annotations

import configparser
import datetime as dt
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
    """Versions declared by manifests (first found wins for ``package``) and the git tags.

    ``latest_tag`` is the highest semver tag reachable from HEAD; ``tags`` are every tag
    the clone knows (release branches tag commits HEAD never reaches), ``merged_tags``
    those reachable from HEAD.
    """

    declared: tuple[DeclaredVersion, ...]
    latest_tag: str | None
    tags: tuple[str, ...] = ()
    merged_tags: tuple[str, ...] = ()

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
        version = _toml_version(text, ("project", "tool.poetry", "tool.commitizen"))
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
    return [d for d in out if not is_placeholder(d.version)]


PLACEHOLDERS = re.compile(r"^v?0\.0\.0(?:-(?:dev|development|semantic-release|semantically-released))?$")


def is_placeholder(version: str) -> bool:
    """``0.0.0`` and the like: a manifest that leaves the version to release tooling."""
    return bool(PLACEHOLDERS.match(version.strip()))


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


SCHEMES = ("semver", "calver", "date")
"""Versioning schemes, in the order ``any`` tries them."""

_CALVER = re.compile(r"^v?(\d{1,4})((?:\.\d+){1,3})(?:[-.+]?([0-9A-Za-z][0-9A-Za-z.+-]*))?$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@dataclass(frozen=True)
class Version:
    """A version as written (``text``), its scheme, and a key that orders versions of one scheme."""

    text: str
    scheme: str
    key: tuple[Any, ...]

    @property
    def bare(self) -> str:
        """Without a leading ``v`` (``v1.2.3`` and ``1.2.3`` name one release)."""
        return self.text[1:] if self.text[:1] in "vV" and self.text[1:2].isdigit() else self.text


def _calver_key(text: str) -> tuple[Any, ...] | None:
    match = _CALVER.match(text)
    if not match:
        return None
    year = match.group(1)
    if not ((len(year) == 4 and 1970 <= int(year) <= 2199) or (len(year) == 2 and int(year) >= 10)):
        return None
    parts = [int(p) for p in match.group(2)[1:].split(".")]
    parts += [0] * (3 - len(parts))
    modifier = match.group(3) or ""
    return (int(year) if len(year) == 4 else 2000 + int(year), *parts, 0 if modifier else 1, modifier)


def _date_key(text: str) -> tuple[Any, ...] | None:
    if not _ISO_DATE.match(text):
        return None
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return None
    return (day.year, day.month, day.day)


def parse_version(text: str, versioning: str = "any") -> Version | None:
    """``text`` read as a version of the scheme ``versioning`` names (``any``: the first that fits)."""
    text = text.strip()
    schemes = SCHEMES if versioning == "any" else (versioning,)
    for scheme in schemes:
        key: tuple[Any, ...] | None
        if scheme == "semver":
            key = semver_key(text)
        elif scheme == "calver":
            key = _calver_key(text)
        else:
            key = _date_key(text)
        if key is not None:
            return Version(text, scheme, key)
    return None


def latest_version(names: tuple[str, ...], versioning: str = "any") -> Version | None:
    """The highest version among ``names`` (tags), in the first scheme any of them follows."""
    parsed = [v for v in (parse_version(n, versioning) for n in names) if v is not None]
    for scheme in SCHEMES:
        mine = [v for v in parsed if v.scheme == scheme]
        if mine:
            return max(mine, key=lambda v: v.key)
    return None


def same_version(a: str, b: str) -> bool:
    """Whether two spellings name one release: ``v1.2.3`` = ``1.2.3``, ``2024.03.1`` = ``2024.3.1``."""
    for scheme in SCHEMES:
        va, vb = parse_version(a, scheme), parse_version(b, scheme)
        if va is not None and vb is not None and va.key == vb.key:
            return True
    return a.strip().lstrip("vV") == b.strip().lstrip("vV")


def collect_versions(snapshot: RepoSnapshot, env: CollectEnv, args: tuple[Any, ...]) -> VersionFacts:
    merged = snapshot.tags()
    every = snapshot.tags(merged=False)
    return VersionFacts(tuple(declared_versions(snapshot)), latest_tag(merged), every, merged)

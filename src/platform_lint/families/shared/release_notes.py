"""Release notes kept other than as one changelog file: fragments, or notes made at release time.

Fragment tools keep one small file per change and compile the changelog when releasing:

- reno: YAML notes in ``releasenotes/notes/`` (``reno.yaml`` or
  ``releasenotes/config.yaml`` may move them and name the sections);
- changesets: Markdown files with front matter in ``.changeset/``, next to
  ``.changeset/config.json``;
- towncrier: ``<issue>.<type>[.<counter>][.md|.rst|.txt]`` files in the directory its
  configuration names (``[tool.towncrier]`` in pyproject.toml, or towncrier.toml), else
  ``newsfragments/``, ``changes/`` or ``changelog.d/``.

Release tooling writes the notes of each GitHub Release: goreleaser (``.goreleaser.y*ml``;
not when ``changelog.disable`` is true), release-please (``release-please-config.json``,
``.release-please-manifest.json``), semantic-release (``.releaserc*``, ``release.config.*``,
a ``release`` key in package.json), or a release workflow that has GitHub generate the notes
(chart-releaser's ``CR_GENERATE_RELEASE_NOTES: true``, action-gh-release's
``generate_release_notes: true``, release-action's ``generateReleaseNotes: true``,
``gh release create --generate-notes``).

Nothing is judged here: each fragment is read into what it says (the sections of a reno
note, the packages and bump types of a changeset, the issue and type in a towncrier
name) or the problem met reading it, with its line.
"""

from __future__ import annotations

import importlib
import posixpath
import re
from dataclasses import dataclass
from typing import Any

from platform_lint.errors import ConfigError
from platform_lint.families.collector import CollectEnv
from platform_lint.snapshot.base import RepoSnapshot
from platform_lint.yamlio import JsonError, load_json, load_yaml, to_plain

try:  # Python 3.11+
    _toml: Any = importlib.import_module("tomllib")
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    _toml = None

RENO_SECTIONS = ("features", "issues", "upgrade", "deprecations", "critical", "security", "fixes", "other")
"""reno's default sections (``prelude``, a paragraph, comes besides them)."""

TOWNCRIER_TYPES = ("feature", "bugfix", "doc", "removal", "misc")
"""towncrier's fragment types when its configuration names none."""

CHANGESET_BUMPS = ("major", "minor", "patch", "none")

TOWNCRIER_DIRS = ("newsfragments", "changes", "changelog.d")
"""Where towncrier fragments usually live when the configuration does not say."""

MAX_FRAGMENTS = 2000
"""Fragments read per tool (a pending release rarely has hundreds; the rest are counted)."""

GORELEASER = (".goreleaser.yml", ".goreleaser.yaml", "goreleaser.yml", "goreleaser.yaml")
RELEASE_PLEASE = ("release-please-config.json", ".release-please-manifest.json")
SEMANTIC_RELEASE = (
    ".releaserc",
    ".releaserc.json",
    ".releaserc.yaml",
    ".releaserc.yml",
    ".releaserc.js",
    ".releaserc.cjs",
    ".releaserc.mjs",
    "release.config.js",
    "release.config.cjs",
    "release.config.mjs",
)


@dataclass(frozen=True)
class FragmentItem:
    """One thing a fragment says: a reno section and the kind of its value (``list``, ``text``,
    ``other``), a changeset's package and bump type, a towncrier name's issue and type."""

    name: str
    value: str
    line: int | None = None


@dataclass(frozen=True)
class Fragment:
    path: str
    items: tuple[FragmentItem, ...] = ()
    problem: str | None = None  # why it could not be read as its tool's format
    line: int | None = None  # where the problem is
    has_text: bool = True  # a changeset's summary is not empty


@dataclass(frozen=True)
class ReleaseNotesTool:
    """A tool that keeps the release notes, with the file that shows it is used.

    ``kind`` is ``fragments`` (reno, changesets, towncrier) or ``releases`` (notes written
    on the GitHub Release by goreleaser, release-please or semantic-release).
    ``allowed`` are the sections (reno) or types (towncrier) the configuration allows.
    """

    tool: str
    kind: str
    evidence: str
    line: int | None = None
    directory: str | None = None
    fragments: tuple[Fragment, ...] = ()
    unread: int = 0  # fragments past MAX_FRAGMENTS
    allowed: tuple[str, ...] = ()
    disabled: str | None = None  # why the tool's notes are switched off


@dataclass(frozen=True)
class ReleaseNotesFacts:
    tools: tuple[ReleaseNotesTool, ...] = ()

    @property
    def fragment_tools(self) -> tuple[ReleaseNotesTool, ...]:
        return tuple(t for t in self.tools if t.kind == "fragments")

    @property
    def release_tools(self) -> tuple[ReleaseNotesTool, ...]:
        return tuple(t for t in self.tools if t.kind == "releases" and t.disabled is None)


LOOKED_FOR = (
    "reno notes (releasenotes/notes/*.yaml), changesets (.changeset/*.md with .changeset/config.json), "
    "towncrier fragments (newsfragments/, changes/, changelog.d/ with [tool.towncrier] or towncrier.toml), "
    "goreleaser, release-please or semantic-release configuration, "
    "a release workflow that has GitHub generate the notes"
)
"""What the collector looks for, in words (the 'missing' finding says it)."""


def _line_of(text: str, pattern: str) -> int | None:
    match = re.search(pattern, text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _text(snapshot: RepoSnapshot, path: str) -> str | None:
    return snapshot.read(path).text if snapshot.exists(path) else None


def _in_dir(snapshot: RepoSnapshot, directory: str, recursive: bool = False) -> list[str]:
    prefix = directory.rstrip("/") + "/"
    found = [p for p in snapshot.files() if p.startswith(prefix)]
    return sorted(found if recursive else [p for p in found if "/" not in p[len(prefix) :]])


# -- reno ----------------------------------------------------------------------------------------


def _yaml(text: str, path: str) -> tuple[Any, Any, str | None, int | None]:
    """(plain data, document, problem, line)."""
    try:
        doc = load_yaml(text, path)
    except ConfigError as exc:
        return None, None, exc.reason, exc.line
    return to_plain(doc.data), doc, None, None


def _reno(snapshot: RepoSnapshot) -> ReleaseNotesTool | None:
    config_path = next((p for p in ("reno.yaml", "releasenotes/config.yaml") if snapshot.exists(p)), None)
    notes_dir = "releasenotes/notes"
    sections: tuple[str, ...] = RENO_SECTIONS
    if config_path is not None:
        data, _, _, _ = _yaml(_text(snapshot, config_path) or "", config_path)
        if isinstance(data, dict):
            subdir = data.get("releasenotes_subdir")
            notes = data.get("notesdir")
            if isinstance(subdir, str) or isinstance(notes, str):
                base = subdir if isinstance(subdir, str) else "releasenotes"
                notes_dir = posixpath.normpath(
                    posixpath.join(base, notes if isinstance(notes, str) else "notes")
                )
            configured = data.get("sections")
            if isinstance(configured, list):
                names = [s[0] for s in configured if isinstance(s, list) and s and isinstance(s[0], str)]
                sections = tuple(names) or sections
    paths = [p for p in _in_dir(snapshot, notes_dir) if p.endswith((".yaml", ".yml"))]
    if not paths and config_path is None:
        return None
    fragments = tuple(_reno_note(snapshot, p) for p in paths[:MAX_FRAGMENTS])
    return ReleaseNotesTool(
        "reno",
        "fragments",
        config_path or paths[0],
        1,
        notes_dir,
        fragments,
        max(0, len(paths) - MAX_FRAGMENTS),
        ("prelude", *sections),
    )


def _reno_note(snapshot: RepoSnapshot, path: str) -> Fragment:
    content = snapshot.read(path)
    if content.text is None:
        return Fragment(path, problem=f"cannot be read ({content.problem})", line=1)
    data, doc, problem, line = _yaml(content.text, path)
    if problem is not None:
        return Fragment(path, problem=problem, line=line)
    if data is None:
        return Fragment(path)
    if not isinstance(data, dict):
        return Fragment(path, problem="a reno note is a mapping of sections to notes", line=1)
    items = []
    for key, value in data.items():
        if isinstance(value, str):
            kind = "text"
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            kind = "list"
        else:
            kind = "other"
        items.append(FragmentItem(str(key), kind, doc.position([key])[0] if doc is not None else None))
    return Fragment(path, tuple(items))


# -- changesets ----------------------------------------------------------------------------------


def _front_line(line: str) -> tuple[str, str] | None:
    """``"@scope/pkg": minor`` -> (package, bump); None when the line is not ``name: value``."""
    name, colon, value = line.rpartition(":")
    name = name.strip()
    if not colon or not name or name[:1] == "-":
        return None
    if len(name) >= 2 and name[0] == name[-1] and name[0] in "\"'":
        name = name[1:-1]
    return name, value.strip().strip("'\"")


def _changesets(snapshot: RepoSnapshot) -> ReleaseNotesTool | None:
    config = ".changeset/config.json"
    if not snapshot.exists(config):
        return None
    paths = [
        p
        for p in _in_dir(snapshot, ".changeset")
        if p.endswith(".md") and posixpath.basename(p).lower() != "readme.md"
    ]
    fragments = tuple(_changeset(snapshot, p) for p in paths[:MAX_FRAGMENTS])
    return ReleaseNotesTool(
        "changesets",
        "fragments",
        config,
        1,
        ".changeset",
        fragments,
        max(0, len(paths) - MAX_FRAGMENTS),
        CHANGESET_BUMPS,
    )


def _changeset(snapshot: RepoSnapshot, path: str) -> Fragment:
    content = snapshot.read(path)
    if content.text is None:
        return Fragment(path, problem=f"cannot be read ({content.problem})", line=1)
    lines = content.text.splitlines()
    if not lines or lines[0].strip() != "---":
        return Fragment(path, problem="does not start with front matter ('---')", line=1)
    items: list[FragmentItem] = []
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            body = "\n".join(lines[number:]).strip()
            return Fragment(path, tuple(items), has_text=bool(body))
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        pair = _front_line(line)
        if pair is None:
            problem = f"'{line.strip()[:60]}' is not 'package: bump'"
            return Fragment(path, tuple(items), problem=problem, line=number)
        items.append(FragmentItem(pair[0], pair[1], number))
    return Fragment(path, tuple(items), problem="the front matter is not closed ('---')", line=1)


# -- towncrier -----------------------------------------------------------------------------------


def _toml_table(text: str, path: str) -> tuple[dict[str, Any] | None, int | None]:
    """``[tool.towncrier]`` of a TOML file and its line (None: absent or unreadable)."""
    line = _line_of(text, r"^\[\[?tool\.towncrier[\].]")
    if line is None:
        return None, None
    if _toml is None:  # pragma: no cover - Python 3.10: the directory and types by a plain scan
        directory = re.search(
            r"^\[tool\.towncrier\][^\[]*?^directory\s*=\s*[\"']([^\"'\n]+)", text, re.M | re.S
        )
        types = re.findall(
            r"^\[\[tool\.towncrier\.type\]\][^\[]*?^directory\s*=\s*[\"']([^\"'\n]+)", text, re.M | re.S
        )
        table: dict[str, Any] = {"type": [{"directory": t} for t in types]}
        if directory:
            table["directory"] = directory.group(1)
        return table, line
    try:
        data = _toml.loads(text)
    except (_toml.TOMLDecodeError, ValueError, RecursionError):
        return {}, line
    tool = data.get("tool") if isinstance(data, dict) else None
    found = tool.get("towncrier") if isinstance(tool, dict) else None
    return (found if isinstance(found, dict) else {}), line


def _towncrier_types(config: dict[str, Any]) -> tuple[str, ...]:
    types: list[str] = []
    listed = config.get("type")
    if isinstance(listed, list):
        types += [
            str(t["directory"]) for t in listed if isinstance(t, dict) and isinstance(t.get("directory"), str)
        ]
    fragment = config.get("fragment")
    if isinstance(fragment, dict):
        types += [str(name) for name in fragment]
    return tuple(types) or TOWNCRIER_TYPES


def _towncrier(snapshot: RepoSnapshot) -> ReleaseNotesTool | None:
    config: dict[str, Any] | None = None
    evidence, line = "", None
    for path in ("towncrier.toml", "pyproject.toml"):
        text = _text(snapshot, path)
        if text is None:
            continue
        config, line = _toml_table(text, path)
        if config is not None:
            evidence = path
            break
    if config is None:
        return None
    directory = config.get("directory")
    if not isinstance(directory, str):
        package = config.get("package")
        package_dir = config.get("package_dir", ".")
        guesses = list(TOWNCRIER_DIRS)
        if isinstance(package, str) and isinstance(package_dir, str):
            guesses.insert(0, posixpath.normpath(posixpath.join(package_dir, package, "newsfragments")))
        directory = next((d for d in guesses if _in_dir(snapshot, d, recursive=True)), TOWNCRIER_DIRS[0])
    directory = posixpath.normpath(directory.strip("/")) if directory.strip("/") else "."
    types = _towncrier_types(config)
    paths = [
        p for p in _in_dir(snapshot, directory, recursive=True) if _is_fragment_file(p, directory, config)
    ]
    fragments = tuple(_towncrier_fragment(p, types) for p in paths[:MAX_FRAGMENTS])
    return ReleaseNotesTool(
        "towncrier",
        "fragments",
        evidence,
        line,
        directory,
        fragments,
        max(0, len(paths) - MAX_FRAGMENTS),
        types,
    )


def _is_fragment_file(path: str, directory: str, config: dict[str, Any]) -> bool:
    name = posixpath.basename(path)
    if name.startswith(".") or name.lower().startswith(("readme", "template")):
        return False
    template = config.get("template")
    return not (isinstance(template, str) and posixpath.normpath(template) == path)


_EXTENSIONS = ("md", "rst", "txt", "markdown")


def _towncrier_fragment(path: str, types: tuple[str, ...]) -> Fragment:
    """``123.feature.md``, ``+orphan.bugfix``, ``123.feature.1.rst``, or ``feature/123.md`` (old layout)."""
    name = posixpath.basename(path)
    parts = name.split(".")
    stem = parts[:-1] if len(parts) > 1 and parts[-1].lower() in _EXTENSIONS else parts
    for index in range(len(stem) - 1, 0, -1):
        if stem[index] in types:
            after = stem[index + 1 :]
            if after and not (len(after) == 1 and after[0].isdigit()):
                break
            return Fragment(path, (FragmentItem(".".join(stem[:index]), stem[index], 1),))
    parent = posixpath.basename(posixpath.dirname(path))
    if parent in types:
        return Fragment(path, (FragmentItem(".".join(stem), parent, 1),))
    return Fragment(path, (FragmentItem(".".join(stem), "", 1),))


# -- release tooling -----------------------------------------------------------------------------


def _goreleaser(snapshot: RepoSnapshot) -> ReleaseNotesTool | None:
    path = next((p for p in GORELEASER if snapshot.exists(p)), None)
    if path is None:
        return None
    text = _text(snapshot, path) or ""
    data, _, _, _ = _yaml(text, path)
    disabled = None
    changelog = data.get("changelog") if isinstance(data, dict) else None
    if isinstance(changelog, dict) and changelog.get("disable") in (True, "true"):
        disabled = "changelog.disable is true"
    line = _line_of(text, r"^changelog\s*:") or _line_of(text, r"^release\s*:") or 1
    return ReleaseNotesTool("goreleaser", "releases", path, line, disabled=disabled)


def _release_please(snapshot: RepoSnapshot) -> ReleaseNotesTool | None:
    path = next((p for p in RELEASE_PLEASE if snapshot.exists(p)), None)
    if path is None:
        return None
    return ReleaseNotesTool("release-please", "releases", path, 1)


def _semantic_release(snapshot: RepoSnapshot) -> ReleaseNotesTool | None:
    path = next((p for p in SEMANTIC_RELEASE if snapshot.exists(p)), None)
    if path is not None:
        return ReleaseNotesTool("semantic-release", "releases", path, 1)
    text = _text(snapshot, "package.json")
    if text is None:
        return None
    try:
        data = load_json(text)
    except JsonError:
        return None
    if isinstance(data, dict) and isinstance(data.get("release"), dict):
        return ReleaseNotesTool(
            "semantic-release", "releases", "package.json", _line_of(text, r"\"release\"\s*:")
        )
    return None


WORKFLOWS = (".github/workflows/*.yml", ".github/workflows/*.yaml")


def _key_true(key: str) -> re.Pattern[str]:
    """``key: true`` at the start of a line (in a list item or not, the value quoted or not)."""
    return re.compile(rf"^[ \t-]*{key}[ \t]*:[ \t]*[\"']?true\b", re.M | re.I)


_GENERATED_NOTES = (
    ("chart-releaser", _key_true("CR_GENERATE_RELEASE_NOTES")),
    ("action-gh-release", _key_true("generate_release_notes")),
    ("release-action", _key_true("generateReleaseNotes")),
    (
        "gh release create --generate-notes",
        re.compile(r"^[^#\n]*\bgh release create\b[^#\n]*--generate-notes\b", re.M),
    ),
)
"""A workflow step that has GitHub write a release's notes from its merged pull requests, and
the tool it belongs to. Anchored at the start of a line, so a commented-out key does not count."""


def _workflow_notes(snapshot: RepoSnapshot) -> ReleaseNotesTool | None:
    for path in sorted(snapshot.glob(WORKFLOWS)):
        text = snapshot.read(path).text
        if not text:
            continue
        for tool, pattern in _GENERATED_NOTES:
            match = pattern.search(text)
            if match is not None:
                return ReleaseNotesTool(tool, "releases", path, text.count("\n", 0, match.start()) + 1)
    return None


def collect_release_notes(
    snapshot: RepoSnapshot, env: CollectEnv, args: tuple[Any, ...]
) -> ReleaseNotesFacts:
    found = (
        _reno(snapshot),
        _changesets(snapshot),
        _towncrier(snapshot),
        _goreleaser(snapshot),
        _release_please(snapshot),
        _semantic_release(snapshot),
        _workflow_notes(snapshot),
    )
    return ReleaseNotesFacts(tuple(t for t in found if t is not None))

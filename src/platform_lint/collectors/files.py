"""Generic collectors: the file list, file texts and parsed YAML/JSON documents."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError
from ..model import Location
from ..pathglob import PathIndex
from ..snapshot.base import FileContent, RepoSnapshot
from ..yamlio import YamlDocument, load_yaml, to_plain
from .base import CollectEnv, Collector


@dataclass(frozen=True)
class FileTree:
    """The snapshot's file list with glob look-ups (pure data once built)."""

    paths: tuple[str, ...]
    index: PathIndex
    lower_index: PathIndex

    def glob(self, patterns: list[str] | tuple[str, ...], *, ignore_case: bool = False) -> list[str]:
        if not ignore_case:
            return self.index.match(patterns)
        lowered = self.lower_index.match([p.lower() for p in patterns])
        by_lower: dict[str, list[str]] = {}
        for path in self.paths:
            by_lower.setdefault(path.lower(), []).append(path)
        return sorted(p for low in lowered for p in by_lower.get(low, []))


@dataclass(frozen=True)
class TextFiles:
    """The files matching some globs, read as text (unreadable ones keep their reason)."""

    patterns: tuple[str, ...]
    files: tuple[FileContent, ...]


@dataclass(frozen=True)
class ParsedDocument:
    """A YAML or JSON file: ``data`` (plain) and ``doc`` (with positions), or a located error."""

    path: str
    data: Any = None
    doc: YamlDocument | None = None
    error: str | None = None
    error_location: Location | None = None


@dataclass(frozen=True)
class Documents:
    patterns: tuple[str, ...]
    documents: tuple[ParsedDocument, ...]


def collect_tree(snapshot: RepoSnapshot, env: CollectEnv, args: tuple[Any, ...]) -> FileTree:
    paths = snapshot.files()
    return FileTree(paths, snapshot.index, PathIndex([p.lower() for p in paths]))


def _matching(snapshot: RepoSnapshot, args: tuple[Any, ...]) -> tuple[tuple[str, ...], list[str], bool]:
    patterns = tuple(args[0]) if args else ()
    ignore_case = bool(args[1]) if len(args) > 1 else False
    if ignore_case:
        tree = collect_tree(snapshot, CollectEnv(), ())
        return patterns, tree.glob(patterns, ignore_case=True), ignore_case
    return patterns, snapshot.glob(patterns), ignore_case


def collect_texts(snapshot: RepoSnapshot, env: CollectEnv, args: tuple[Any, ...]) -> TextFiles:
    patterns, paths, _ = _matching(snapshot, args)
    return TextFiles(patterns, tuple(snapshot.read(p) for p in paths))


def parse_document(content: FileContent) -> ParsedDocument:
    """Parse JSON (by extension) or YAML, keeping positions; errors become values."""
    path = content.path
    if content.text is None:
        return ParsedDocument(path, error=f"cannot read the file ({content.problem})",
                              error_location=Location(path))
    if path.endswith(".json"):
        try:
            data = json.loads(content.text)
        except json.JSONDecodeError as exc:
            return ParsedDocument(path, error=f"malformed JSON: {exc.msg}",
                                  error_location=Location(path, exc.lineno, exc.colno))
        # JSON is YAML: reparse for positions only when small enough to be cheap
        doc = None
        if len(content.text) < 512 * 1024:
            try:
                doc = load_yaml(content.text, path)
            except ConfigError:
                doc = None
        return ParsedDocument(path, data=data, doc=doc)
    try:
        doc = load_yaml(content.text, path)
    except ConfigError as exc:
        return ParsedDocument(path, error=exc.reason,
                              error_location=Location(path, exc.line, exc.column))
    return ParsedDocument(path, data=to_plain(doc.data), doc=doc)


def collect_documents(snapshot: RepoSnapshot, env: CollectEnv, args: tuple[Any, ...]) -> Documents:
    patterns, paths, _ = _matching(snapshot, args)
    return Documents(patterns, tuple(parse_document(snapshot.read(p)) for p in paths))


COLLECTORS: tuple[Collector, ...] = (
    Collector("files", "the list of files in the snapshot, with glob look-ups", collect_tree),
    Collector("texts", "the text of the files matching globs (args: globs, ignore_case)",
              collect_texts),
    Collector("documents", "YAML/JSON files matching globs, parsed with positions",
              collect_documents),
)

"""Generic collectors: the file list, file texts and parsed YAML/JSON documents.

Globs match the repository's own product (``RepoSnapshot.scope``) unless the rule's
``include`` names kinds of excluded files to match as well (``template``, ``fixture``,
``vendored``, ``generated``, ``example``, ``documentation``).
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from typing import Any

from platform_lint.errors import ConfigError, EnvironmentFailure
from platform_lint.families.collector import CollectEnv, content_failure
from platform_lint.families.files.patterns import compile_user_pattern
from platform_lint.model import Location
from platform_lint.pathglob import MAGIC, PathIndex, expand_braces
from platform_lint.snapshot.base import FileContent, RepoSnapshot
from platform_lint.snapshot.scope import Scope, generated_marker
from platform_lint.yamlio import (
    ROUND_TRIP_MAX_BYTES,
    JsonError,
    YamlDocument,
    load_json,
    load_plain_all,
    load_yaml,
    load_yaml_all,
    to_plain,
)


@dataclass(frozen=True)
class FileTree:
    """The snapshot's file list with glob look-ups (pure data once built)."""

    paths: tuple[str, ...]
    index: PathIndex
    folded: FoldedIndex
    scope: Scope | None = None

    def glob(
        self,
        patterns: list[str] | tuple[str, ...],
        *,
        ignore_case: bool = False,
        include: tuple[str, ...] | list[str] = (),
    ) -> list[str]:
        """Files matching any pattern, among the product and the excluded kinds in ``include``."""
        found = self.folded.match(patterns) if ignore_case else self.index.match(patterns)
        return in_scope(self.scope, found, include)


def in_scope(scope: Scope | None, paths: list[str], include: tuple[str, ...] | list[str] = ()) -> list[str]:
    """``paths`` less those the scope excludes, unless their kind is in ``include``."""
    if scope is None or not scope.excluded:
        return paths
    kinds = frozenset(include)
    return [p for p in paths if (e := scope.reason(p)) is None or e.kind in kinds]


class FoldedIndex:
    """Case-insensitive glob look-ups, built on first use.

    A plain path (``LICENSE``) is found in one lower-cased text of the whole listing, so asking
    for a few names costs no Python work per listed file; globs use an index of the lower-cased
    paths.
    """

    def __init__(self, paths: tuple[str, ...]) -> None:
        self._paths = paths
        self._index: PathIndex | None = None
        self._by_lower: dict[str, list[str]] = {}
        self._joined: str | None = None

    def match(self, patterns: list[str] | tuple[str, ...]) -> list[str]:
        found: set[str] = set()
        for pattern in patterns:
            for low in expand_braces(pattern.lower().lstrip("/")):
                if not MAGIC.search(low):  # a plain path: searched in the joined listing
                    found.update(self._plain(low))
                    continue
                if not self._by_lower:
                    for path in self._paths:
                        self._by_lower.setdefault(path.lower(), []).append(path)
                if self._index is None:
                    self._index = PathIndex(list(self._by_lower))
                for hit in self._index.match([low]):
                    found.update(self._by_lower[hit])
        return sorted(found)

    def _plain(self, low: str) -> list[str]:
        """The listed paths whose lower-case form is ``low``. Paths are joined with NUL, which no
        path holds and lower-casing keeps, so the NULs before a hit say which path it is."""
        if "\0" in low:  # no path holds one
            return []
        if self._joined is None:
            self._joined = ("\0" + "\0".join(self._paths) + "\0").lower()
        joined, needle = self._joined, "\0" + low + "\0"
        out: list[str] = []
        at, seen = 0, 0  # counted up to ``at``: the whole text is counted once at most
        hit = joined.find(needle)
        while hit >= 0:
            seen += joined.count("\0", at, hit + 1)
            at = hit + 1
            out.append(self._paths[seen - 1])
            hit = joined.find(needle, hit + len(needle) - 1)
        return out


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
    index: int = 0  # which document of a multi-document YAML file (0-based)
    count: int = 1  # how many documents the file holds


@dataclass(frozen=True)
class Documents:
    patterns: tuple[str, ...]
    documents: tuple[ParsedDocument, ...]


_TREES: weakref.WeakKeyDictionary[RepoSnapshot, FileTree] = weakref.WeakKeyDictionary()


def collect_tree(snapshot: RepoSnapshot, env: CollectEnv, args: tuple[Any, ...]) -> FileTree:
    tree = _TREES.get(snapshot)
    if tree is None:
        paths = snapshot.files()
        tree = FileTree(paths, snapshot.index, FoldedIndex(paths), snapshot.scope)
        _TREES[snapshot] = tree
    return tree


def _matching(snapshot: RepoSnapshot, args: tuple[Any, ...]) -> tuple[tuple[str, ...], list[str], bool]:
    patterns = tuple(args[0]) if args else ()
    ignore_case = bool(args[1]) if len(args) > 1 else False
    include = tuple(args[2]) if len(args) > 2 else ()
    tree = collect_tree(snapshot, CollectEnv(), ())
    return patterns, tree.glob(patterns, ignore_case=ignore_case, include=include), ignore_case


def collect_texts(snapshot: RepoSnapshot, env: CollectEnv, args: tuple[Any, ...]) -> TextFiles:
    """args: (globs, ignore_case, include[, pattern, flags]). With a pattern, reading stops after
    the first file whose text matches it (enough for "some file contains ..." questions)."""
    patterns, paths, _ = _matching(snapshot, args)
    judge_generated = "generated" in (tuple(args[2]) if len(args) > 2 else ())
    if len(args) < 5:
        texts = (snapshot.read(p) for p in paths)
        return TextFiles(patterns, tuple(t for t in texts if judge_generated or not _generated(t)))
    regex = compile_user_pattern(args[3], args[4])
    read: list[FileContent] = []
    for path in paths:
        content = snapshot.read(path)
        if not judge_generated and _generated(content):
            continue
        read.append(content)
        if content.text is not None and regex.search(content.text):
            break
    return TextFiles(patterns, tuple(read))


def _generated(content: FileContent) -> bool:
    """A file whose first lines say it was generated is no evidence of the product's own work
    (the listing alone cannot tell; :func:`platform_lint.snapshot.scope.generated_marker`)."""
    return content.text is not None and generated_marker(content.text)


def parse_document(content: FileContent) -> ParsedDocument:
    """Parse JSON (by extension) or YAML, keeping positions; errors become values."""
    path = content.path
    if content.text is None:
        return ParsedDocument(
            path, error=f"cannot read the file ({content.problem})", error_location=Location(path)
        )
    if content.bad_utf8_line is not None:  # YAML and JSON are UTF-8: what it says is unknown
        line = content.bad_utf8_line
        return ParsedDocument(path, error="not UTF-8 text", error_location=Location(path, line))
    if path.endswith(".json"):
        try:
            data = load_json(content.text)
        except JsonError as exc:
            return ParsedDocument(
                path, error=exc.message, error_location=Location(path, exc.line, exc.column)
            )
        # JSON is YAML: reparse for positions only when small enough to be cheap
        doc = None
        if len(content.text) <= ROUND_TRIP_MAX_BYTES:
            try:
                doc = load_yaml(content.text, path)
            except ConfigError:
                doc = None
        return ParsedDocument(path, data=data, doc=doc)
    if len(content.text) > ROUND_TRIP_MAX_BYTES:
        large = _parse_large(content)
        if len(large) == 1:
            return large[0]
        error = f"expected a single document in the stream, found {len(large)}"
        return ParsedDocument(path, error=error, error_location=Location(path))
    try:
        doc = load_yaml(content.text, path)
    except ConfigError as exc:
        return ParsedDocument(path, error=exc.reason, error_location=Location(path, exc.line, exc.column))
    return ParsedDocument(path, data=to_plain(doc.data), doc=doc)


def parse_documents(content: FileContent) -> tuple[ParsedDocument, ...]:
    """Like parse_document, with one entry per document of a ``---`` separated YAML stream."""
    if content.text is None or content.path.endswith(".json") or not _MULTI.search(content.text):
        return (parse_document(content),)
    if len(content.text) > ROUND_TRIP_MAX_BYTES:
        return _parse_large(content)
    try:
        docs = load_yaml_all(content.text, content.path)
    except ConfigError as exc:
        return (
            ParsedDocument(
                content.path, error=exc.reason, error_location=Location(content.path, exc.line, exc.column)
            ),
        )
    if len(docs) <= 1:
        return (parse_document(content),)
    return tuple(
        ParsedDocument(content.path, data=to_plain(d.data), doc=d, index=i, count=len(docs))
        for i, d in enumerate(docs)
    )


_MULTI = re.compile(r"^---", re.MULTILINE)


def _parse_large(content: FileContent) -> tuple[ParsedDocument, ...]:
    """A YAML file too big for the round-trip loader (slow): plain data from the C composer;
    findings in it point at the file, a parse error at its line."""
    assert content.text is not None
    try:
        docs = load_plain_all(content.text, content.path)
    except ConfigError as exc:
        where = Location(content.path, exc.line, exc.column)
        return (ParsedDocument(content.path, error=exc.reason, error_location=where),)
    if len(docs) <= 1:
        return (ParsedDocument(content.path, data=docs[0] if docs else None),)
    return tuple(ParsedDocument(content.path, data=d, index=i, count=len(docs)) for i, d in enumerate(docs))


def collect_documents(snapshot: RepoSnapshot, env: CollectEnv, args: tuple[Any, ...]) -> Documents:
    patterns, paths, _ = _matching(snapshot, args)
    return Documents(patterns, tuple(d for p in paths for d in _parse_isolated(snapshot, p)))


def _parse_isolated(snapshot: RepoSnapshot, path: str) -> tuple[ParsedDocument, ...]:
    """One file's documents; a file that makes the parser raise is a located error of its own."""
    try:
        return parse_documents(snapshot.read(path))
    except EnvironmentFailure:
        raise
    except Exception as exc:
        return (ParsedDocument(path, error=content_failure(exc), error_location=Location(path)),)

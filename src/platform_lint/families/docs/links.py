"""Relative links in Markdown, and whether the file or folder they name is in the repository.

Links and images written inline (``[text](path)``, ``![alt](path)``) and as reference
definitions (``[id]: path``) are read outside code blocks and code spans. A link with a
scheme (``https:``, ``mailto:``), a protocol-relative one, a bare anchor and one built by
a template (``{{ ... }}``) is not relative and is left alone. A leading ``/`` means the
repository root (as GitHub resolves it). The anchor and query are ignored.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_INLINE = re.compile(
    r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*(<[^>]*>|[^\s()<]*(?:\([^\s()]*\)[^\s()]*)*)"
    r"(?=\s*(?:\"[^\"]*\"|'[^']*'|\([^)]*\))?\s*\))"
)
_REFERENCE = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:\s*(<[^>]*>|\S+)")
_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_HTML_COMMENT = re.compile(r"<!--.*?-->")


@dataclass(frozen=True)
class Link:
    line: int
    column: int
    target: str


def relative_links(text: str) -> Iterator[Link]:
    """The relative links of a Markdown document, in order."""
    mark: str | None = None
    in_comment = False
    for number, raw in enumerate(text.splitlines(), 1):
        fence = _FENCE.match(raw)
        if mark is not None:
            if fence and raw.strip().startswith(mark):
                mark = None
            continue
        if fence:
            mark = fence.group(1)
            continue
        line = raw
        if in_comment:
            end = line.find("-->")
            if end < 0:
                continue
            line = " " * (end + 3) + line[end + 3 :]
            in_comment = False
        line = _HTML_COMMENT.sub(lambda m: " " * len(m.group(0)), line)
        start = line.find("<!--")
        if start >= 0:
            line = line[:start]
            in_comment = True
        if line.startswith("    ") or line.startswith("\t"):
            continue  # an indented code block, or a list item's continuation: not worth the doubt
        line = _SPAN.sub(lambda m: " " * len(m.group(0)), line)
        for match in _INLINE.finditer(line):
            target = match.group(1)
            if _relative(target):
                yield Link(number, match.start(1) + 1, target.strip("<>"))
        ref = _REFERENCE.match(line)
        if ref and _relative(ref.group(1)):
            yield Link(number, ref.start(1) + 1, ref.group(1).strip("<>"))


def _relative(target: str) -> bool:
    target = target.strip("<>").strip()
    if not target or target.startswith(("#", "//", "?")) or _SCHEME.match(target):
        return False
    return not ("{{" in target or "{%" in target or "$" in target or "<" in target)


def resolve(source: str, target: str) -> str | None:
    """The repository path a link in ``source`` points at ('' for the root), None when it
    climbs out of the repository."""
    path = target.split("#", 1)[0].split("?", 1)[0]
    path = unquote(path)
    if not path:
        return None
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(source), path)
    parts: list[str] = []
    for part in joined.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
            continue
        parts.append(part)
    return "/".join(parts)


SITE_SUFFIXES = (
    "",
    ".md",
    ".mdx",
    ".markdown",
    ".rst",
    "/index.md",
    "/README.md",
    "/index.mdx",
    "/_index.md",
)
"""Docs sites (MkDocs, Docusaurus, Hugo, Sphinx) link to a page by its URL: ``guide/`` or
``guide.html`` for ``guide.md``. A link resolves when one of these spellings is in the
repository."""


def exists(resolved: str, files: frozenset[str], folders: frozenset[str]) -> bool:
    """Is the link's path a file or folder of the repository, or a docs-site page's URL?"""
    if resolved == "" or resolved in files or resolved in folders:
        return True
    stem = resolved.rstrip("/")
    if stem.endswith(".html"):
        stem = stem[: -len(".html")]
    return any(stem + suffix in files for suffix in SITE_SUFFIXES) or stem in folders


def page_url_like(target: str) -> bool:
    """A link written as a docs-site URL (``../guide/``, ``guide.html``, ``guide``), not a file name."""
    path = target.split("#", 1)[0].split("?", 1)[0]
    last = path.rstrip("/").rpartition("/")[2]
    return path.endswith("/") or path.endswith(".html") or "." not in last


def resolves(source: str, target: str, files: frozenset[str], folders: frozenset[str]) -> str | None:
    """None when the link resolves; else the repository path it names ('..' past the root: '')."""
    resolved = resolve(source, target)
    if resolved is None:
        return None  # climbs out of the repository: GitHub links to its own pages that way
    if exists(resolved, files, folders):
        return None
    if page_url_like(target):
        # MkDocs and others serve docs/guide.md at guide/: a page's relative URLs start there
        stem = source.rpartition(".")[0]
        as_page = resolve(stem + "/index.md", target)
        if as_page is None or exists(as_page, files, folders):
            return None
    return resolved

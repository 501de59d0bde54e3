"""Collect the docs family's facts: the README GitHub shows, the contributing guide, docs-site
configuration, decision records and relative links in Markdown. I/O and parsing only.

Every collector reads only the files its facts need: the README and CONTRIBUTING are one
file each, site configs are read only to confirm what their name suggests, and the link
collector reads Markdown files up to a bound the policy gives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from platform_lint.families.collector import CollectEnv
from platform_lint.families.docs.commands import Command, block_commands, inline_command, is_code
from platform_lint.families.docs.guides import Guide, linked_guides
from platform_lint.families.docs.links import relative_links, resolve, resolves
from platform_lint.families.docs.locate import community_files
from platform_lint.families.docs.markup import Heading, Paragraph, markup_of, read_shape
from platform_lint.families.shared.product import is_product
from platform_lint.snapshot.base import FileContent, RepoSnapshot

DOC_MAX_BYTES = 1024 * 1024
"""A README, contributing guide or docs page larger than this is not read."""


def _read(snapshot: RepoSnapshot, path: str, limit: int = DOC_MAX_BYTES) -> FileContent:
    """Read within the family's limit and the run's (``--max-file-size``), whichever is lower."""
    return snapshot.read(path, min(limit, snapshot.max_bytes))


# -- README and CONTRIBUTING -----------------------------------------------------------------------


@dataclass(frozen=True)
class CodeSample:
    line: int
    lang: str


@dataclass(frozen=True)
class DocumentFacts:
    """The document GitHub shows for one community file (README, CONTRIBUTING), read.

    ``path`` is None when there is none; ``others`` are the further candidates GitHub
    does not show. ``problem`` says why the file could not be read.
    """

    path: str | None
    others: tuple[str, ...] = ()
    problem: str | None = None
    markup: str = ""
    headings: tuple[Heading, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()
    commands: tuple[Command, ...] = ()
    code: tuple[CodeSample, ...] = ()
    linked: tuple[DocumentFacts, ...] = ()  # local documents it links to (one hop), read

    @property
    def words(self) -> int:
        return sum(p.words for p in self.paragraphs)


def _community(snapshot: RepoSnapshot, stem: str) -> list[str]:
    return community_files(snapshot.glob(["*", ".github/*", "docs/*"]), stem)


MAX_LINKED = 5
"""A README or contributing guide's links to local documents are followed this many at most."""
_DOCUMENT = re.compile(r"\.(?:md|markdown|rst|adoc|txt|org)$", re.IGNORECASE)


def _linked(snapshot: RepoSnapshot, path: str, text: str) -> tuple[DocumentFacts, ...]:
    if markup_of(path) != "md":
        return ()
    targets: list[str] = []
    for link in relative_links(text):
        target = resolve(path, link.target)
        if target is None or target == path or target in targets:
            continue
        if _DOCUMENT.search(target) and snapshot.exists(target):
            targets.append(target)
        if len(targets) >= MAX_LINKED:
            break
    return tuple(read_document(snapshot, target, follow=False) for target in targets)


def read_document(
    snapshot: RepoSnapshot, path: str, others: tuple[str, ...] = (), *, follow: bool = True
) -> DocumentFacts:
    content = _read(snapshot, path)
    if content.text is None:
        return DocumentFacts(path, others, content.problem or "unreadable")
    markup = markup_of(path)
    shape = read_shape(content.text, markup)
    commands: list[Command] = []
    code: list[CodeSample] = []
    for block in shape.blocks:
        found = block_commands(block)
        commands.extend(found)
        if not found and is_code(block):
            code.append(CodeSample(block.line, block.lang))
    for span in shape.inline:
        command = inline_command(span)
        if command is not None:
            commands.append(command)
    commands.sort(key=lambda c: c.line)
    linked = _linked(snapshot, path, content.text) if follow else ()
    return DocumentFacts(
        path, others, None, markup, shape.headings, shape.paragraphs, tuple(commands), tuple(code), linked
    )


def collect_readme(snapshot: RepoSnapshot, env: CollectEnv, args: tuple[Any, ...]) -> DocumentFacts:
    found = _community(snapshot, "readme")
    if not found:
        return DocumentFacts(None)
    return read_document(snapshot, found[0], tuple(found[1:]))


def collect_contributing(snapshot: RepoSnapshot, env: CollectEnv, args: tuple[Any, ...]) -> DocumentFacts:
    found = _community(snapshot, "contributing")
    if not found:
        return DocumentFacts(None)
    return read_document(snapshot, found[0], tuple(found[1:]))


# -- docs site -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SiteConfig:
    """A docs-site generator's configuration: ``tool`` names the generator."""

    path: str
    tool: str
    line: int | None = None


@dataclass(frozen=True)
class DocsSiteFacts:
    """Site configurations, the pages of the largest top-level docs folder, and the guides the
    README links to outside that folder (``readme``: the README they were read from)."""

    configs: tuple[SiteConfig, ...]
    pages: int  # markup pages under a top-level docs/ or doc/ folder (product only)
    pages_folder: str | None = None
    guides: tuple[Guide, ...] = ()
    readme: str | None = None


# (globs, tool, a pattern the content must match or None)
_SITE_TOOLS: tuple[tuple[tuple[str, ...], str, str | None], ...] = (
    (("**/mkdocs.yml", "**/mkdocs.yaml"), "MkDocs", r"^site_name\s*:"),
    (("**/docusaurus.config.{js,ts,mjs,cjs}",), "Docusaurus", None),
    (("**/conf.py",), "Sphinx", r"^\s*(?:extensions|html_theme|master_doc|root_doc)\s*=|sphinx"),
    (("**/book.toml",), "mdBook", r"^\[book\]"),
    (("**/antora.yml", "**/antora-playbook.yml", "**/antora-playbook.yaml"), "Antora", r"^(?:name|site)\s*:"),
    (
        (".readthedocs.yml", ".readthedocs.yaml", "readthedocs.yml", "readthedocs.yaml"),
        "Read the Docs",
        r"^version\s*:",
    ),
    (("**/hugo.{toml,yaml,yml,json}",), "Hugo", None),
    (("**/config.toml", "docs/config.{yaml,yml}"), "Hugo", r"(?i)^\s*\"?baseurl\"?\s*[=:]"),
    (("**/.vitepress/config.{js,ts,mjs,mts}",), "VitePress", None),
    (("docs/index.html", "doc/index.html"), "docsify", r"docsify"),
    (("docs/_config.yml", "_config.yml"), "Jekyll (GitHub Pages)", r"^(?:title|theme|remote_theme)\s*:"),
    (("**/mint.json",), "Mintlify", r"\"navigation\""),
    (("**/Doxyfile",), "Doxygen", r"^\s*PROJECT_NAME\s*="),
    (("**/typedoc.json",), "TypeDoc", None),
    ((".gitbook.yaml",), "GitBook", None),
    (("**/astro.config.{mjs,js,ts}",), "Starlight", r"starlight"),
)
_MARKUP_PAGE = re.compile(r"\.(?:md|mdx|markdown|rst|adoc|asciidoc|txt|org|ipynb)$", re.IGNORECASE)
_CONFIG_READ_BYTES = 256 * 1024


def _line_of(text: str, pattern: re.Pattern[str]) -> int | None:
    match = pattern.search(text)
    if match is None:
        return None
    return text.count("\n", 0, match.start()) + 1


def collect_docs_site(snapshot: RepoSnapshot, env: CollectEnv, args: tuple[Any, ...]) -> DocsSiteFacts:
    configs: list[SiteConfig] = []
    for globs, tool, pattern in _SITE_TOOLS:
        for path in snapshot.glob(globs):
            if not is_product(snapshot, path):
                continue
            if pattern is None:
                configs.append(SiteConfig(path, tool))
                continue
            content = _read(snapshot, path, _CONFIG_READ_BYTES)
            if content.text is None:
                continue
            line = _line_of(content.text, re.compile(pattern, re.MULTILINE))
            if line is not None:
                configs.append(SiteConfig(path, tool, line))
    best: tuple[int, str | None] = (0, None)
    for folder in ("docs", "doc", "Documentation", "documentation"):
        pages = [
            p for p in snapshot.glob([f"{folder}/**"]) if _MARKUP_PAGE.search(p) and is_product(snapshot, p)
        ]
        if len(pages) > best[0]:
            best = (len(pages), folder)
    readme, guides = linked_guides(snapshot)
    if best[1] is not None:
        guides = tuple(g for g in guides if not g.path.startswith(f"{best[1]}/"))
    return DocsSiteFacts(tuple(configs), best[0], best[1], guides, readme)


# -- decision records ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DecisionRecords:
    """A folder of architecture decision records, how it was found and the records in it."""

    folder: str
    reason: str
    records: tuple[str, ...]


@dataclass(frozen=True)
class DecisionFacts:
    folders: tuple[DecisionRecords, ...]


_ADR_FOLDERS = (
    "**/adr",
    "**/adrs",
    "**/ADR",
    "**/ADRs",
    "**/decisions",
    "**/architecture-decisions",
    "**/architecture/decisions",
    "**/decision-records",
    "**/design-decisions",
)
_ADR_ENDINGS = frozenset(glob.split("**/", 1)[1].lower() for glob in _ADR_FOLDERS)
"""The folder names (and two-folder tails, ``architecture/decisions``) that hold decision records."""
_RECORD = re.compile(
    r"(?:^|/)(?:adr[-_]?)?\d{1,5}[-_ .][^/]+\.(?:md|markdown|rst|adoc|txt|org)$", re.IGNORECASE
)
_RECORD_ANY = re.compile(r"\.(?:md|markdown|rst|adoc|txt|org)$", re.IGNORECASE)


def collect_decisions(snapshot: RepoSnapshot, env: CollectEnv, args: tuple[Any, ...]) -> DecisionFacts:
    found: dict[str, DecisionRecords] = {}
    configured: str | None = None
    if snapshot.exists(".adr-dir"):
        content = _read(snapshot, ".adr-dir", 4096)
        if content.text and content.text.strip():
            configured = content.text.strip().splitlines()[0].strip().strip("/")
    candidates: list[tuple[str, str]] = []
    if configured:
        candidates.append((configured, "named by .adr-dir (adr-tools)"))
    named = {name.lower() for name in snapshot.index.folder_names()}
    folders = sorted(snapshot.directories) if not named.isdisjoint(_ADR_ENDINGS) else []
    for folder in folders:  # only when some folder has a decision-record name
        low = folder.lower()
        head, _, last = low.rpartition("/")
        if last in _ADR_ENDINGS or f"{head.rpartition('/')[2]}/{last}" in _ADR_ENDINGS:
            candidates.append((folder, "a decision-record folder"))
    for folder, reason in candidates:
        if folder in found or not is_product(snapshot, folder + "/x"):
            continue
        inside = snapshot.glob([f"{folder}/**"])
        records = [p for p in inside if _RECORD.search(p)]
        if not records and reason.startswith("named"):
            records = [p for p in inside if _RECORD_ANY.search(p) and not p.lower().endswith("readme.md")]
        if records:
            found[folder] = DecisionRecords(folder, reason, tuple(records))
    return DecisionFacts(tuple(found.values()))


# -- relative links ------------------------------------------------------------------------------


@dataclass(frozen=True)
class BrokenLink:
    path: str
    line: int
    column: int
    target: str
    resolved: str


@dataclass(frozen=True)
class LinkFacts:
    """Broken relative links in the Markdown files read (``checked`` of ``total``)."""

    checked: int
    total: int
    links: int
    broken: tuple[BrokenLink, ...]
    unreadable: tuple[str, ...] = ()


_MARKDOWN = ("**/*.md", "**/*.markdown")


def _reading_order(path: str) -> tuple[int, str]:
    lower = path.lower()
    if "/" not in lower:
        return (0 if lower.startswith("readme") else 1, lower)
    if lower.startswith((".github/", "docs/", "doc/")):
        return (2, lower)
    return (3, lower)


def collect_links(snapshot: RepoSnapshot, env: CollectEnv, args: tuple[Any, ...]) -> LinkFacts:
    """``args``: (max_files,) — at most that many Markdown files are read, README first,
    then the root, ``.github/``, ``docs/``, then the rest."""
    (max_files,) = args
    paths = sorted((p for p in snapshot.glob(_MARKDOWN) if is_product(snapshot, p)), key=_reading_order)
    files = snapshot.file_set
    folders = snapshot.directories
    broken: list[BrokenLink] = []
    unreadable: list[str] = []
    count = 0
    seen: set[int] = set()
    for path in paths[:max_files]:
        content = _read(snapshot, path)
        if content.text is None:
            unreadable.append(path)
            continue
        if "](" not in content.text and "]:" not in content.text:
            continue
        digest = hash(content.text)
        if digest in seen:  # a copy or a symbolic link of a file already read: its links are
            continue  # relative to the original
        seen.add(digest)
        for link in relative_links(content.text):
            count += 1
            missing = resolves(path, link.target, files, folders)
            if missing is not None:
                broken.append(BrokenLink(path, link.line, link.column, link.target, missing))
    return LinkFacts(min(len(paths), max_files), len(paths), count, tuple(broken), tuple(unreadable))

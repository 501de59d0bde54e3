"""The facts of the docs family, by key: what its check types may ask for."""

from __future__ import annotations

from typing import Any

from platform_lint.families.collector import FactKey
from platform_lint.families.docs.collect import (
    DecisionFacts,
    DocsSiteFacts,
    DocumentFacts,
    LinkFacts,
    collect_contributing,
    collect_decisions,
    collect_docs_site,
    collect_links,
    collect_readme,
)

README: FactKey[DocumentFacts] = FactKey(
    "readme",
    "the README GitHub shows (.github/, the root, then docs/; any case, any markup), read into "
    "headings, prose paragraphs, commands and code samples",
    collect_readme,
)
CONTRIBUTING: FactKey[DocumentFacts] = FactKey(
    "contributing",
    "the contributing guide GitHub links (.github/, the root, then docs/; any case, any markup), read",
    collect_contributing,
)
DOCS_SITE: FactKey[DocsSiteFacts] = FactKey(
    "docs-site",
    "docs-site generator configurations (MkDocs, Docusaurus, Sphinx, mdBook, Antora, Read the Docs, "
    "Hugo, ...) confirmed by their content, and the pages under docs/ or doc/",
    collect_docs_site,
)
DECISIONS: FactKey[DecisionFacts] = FactKey(
    "decision-records",
    "architecture decision records: folders named adr/decisions (or by .adr-dir) and the numbered "
    "records in them",
    collect_decisions,
)
DOC_LINKS: FactKey[LinkFacts] = FactKey(
    "doc-links",
    "relative links in the product's Markdown files that name a path the repository does not have "
    "(args: max_files)",
    collect_links,
)

FACTS: tuple[FactKey[Any], ...] = (README, CONTRIBUTING, DOCS_SITE, DECISIONS, DOC_LINKS)

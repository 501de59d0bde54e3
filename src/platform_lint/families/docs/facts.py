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
from platform_lint.families.docs.license import LicenceFacts, collect_licence
from platform_lint.families.docs.usage import ExampleFacts, collect_examples

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

LICENCE: FactKey[LicenceFacts] = FactKey(
    "licence",
    "licence files where GitHub detects them (LICENSE, LICENCE, COPYING at the root, any extension; "
    "a REUSE LICENSES/ folder) and in .github/ and docs/, the licence each text is, and the licence "
    "package metadata at the root declares",
    collect_licence,
)

EXAMPLES: FactKey[ExampleFacts] = FactKey(
    "usage-examples",
    "example folders (examples/, samples/, ... at any depth, outside vendored code, fixtures and "
    "template payload) with the runnable files in each, and Go testable examples (args: folder names)",
    collect_examples,
)

FACTS: tuple[FactKey[Any], ...] = (README, CONTRIBUTING, DOCS_SITE, DECISIONS, DOC_LINKS, LICENCE, EXAMPLES)

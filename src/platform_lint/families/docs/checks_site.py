"""Check types over documentation beyond the README: a docs site, decision records, links."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from platform_lint.families.check_type import CheckInput, CheckType
from platform_lint.families.collector import FactRequest
from platform_lint.families.docs import examples
from platform_lint.families.docs.facts import DECISIONS, DOC_LINKS, DOCS_SITE
from platform_lint.model import Finding, Location, Outcome

# -- docs.site ---------------------------------------------------------------------------------------


def docs_site(inp: CheckInput) -> Outcome:
    site = inp.facts[DOCS_SITE]
    evidence = [
        Finding("config", {"path": c.path, "tool": c.tool}, Location(c.path, c.line), key=c.path)
        for c in site.configs[:5]
    ]
    minimum = int(inp.params.get("min_pages", 3))
    min_words = int(inp.params.get("min_guide_words", 150))
    guides = [g for g in site.guides if g.words >= min_words]
    pages = site.pages if site.pages_folder is not None else 0
    if pages and pages + len(guides) >= minimum:
        evidence.append(
            Finding(
                "pages",
                {"folder": site.pages_folder, "pages": site.pages},
                Location(site.pages_folder or "."),
                key=f"pages:{site.pages_folder}",
            )
        )
    if guides and site.readme and pages + len(guides) >= minimum:
        evidence.append(
            Finding(
                "guides",
                {
                    "readme": site.readme,
                    "count": len(guides),
                    "guides": [g.path for g in guides[:5]],
                    "min_words": min_words,
                },
                Location(site.readme, guides[0].link_line),
                key="guides",
            )
        )
    if evidence:
        return Outcome.passed(*evidence)
    args = {"pages": site.pages, "min_pages": minimum, "guides": len(guides), "min_words": min_words}
    return Outcome.failed(Finding("missing", args, key="missing"))


DOCS_SITE_CHECK = CheckType(
    id="docs.documentation-site",
    summary="Documentation beyond the README: a docs-site configuration (MkDocs, Docusaurus, Sphinx, "
    "mdBook, Antora, Read the Docs, Hugo, ...), or pages in a docs/ folder and guides the README "
    "links to (development.md, deployment.md next to it).",
    why="Guides and reference that do not fit in a README need a home; a docs-site configuration "
    "is confirmed by its content (a conf.py that configures Sphinx, an mkdocs.yml with a "
    "site_name), and one in a template's payload or a fixture does not count. Guides kept next to "
    "the README count when the README links to them, they are not community files (contributing "
    "guide, changelog, licence, security policy) and they have some words of prose: Markdown files "
    "nobody links to, or stubs, do not make documentation.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "min_pages": {
                "type": "integer",
                "minimum": 1,
                "default": 3,
                "description": "pages of documentation needed without a site configuration: those in "
                "a top-level docs/ or doc/ folder plus the guides the README links to",
            },
            "min_guide_words": {
                "type": "integer",
                "minimum": 1,
                "default": 150,
                "description": "words of prose a document the README links to needs to count as a "
                "guide (community files such as CONTRIBUTING or the changelog never count)",
            },
        },
    },
    run=docs_site,
    needs=(DOCS_SITE,),
    messages={
        "config": "{path} configures a {tool} docs site",
        "pages": "{folder}/ holds {pages} pages of documentation",
        "guides": "{readme} links {count} guides of at least {min_words} words outside docs/: {guides}",
        "missing": "no docs-site configuration, docs/ has {pages} pages and the README links {guides} guides "
        "of at least {min_words} words (at least {min_pages} pages expected)",
    },
    remediation="Add a docs/ folder with the guides and reference that do not fit in the README, or a "
    "docs site (mkdocs.yml, docusaurus.config.js, Sphinx's docs/conf.py).",
    examples=examples.DOCS_SITE,
)


# -- docs.decision-records ---------------------------------------------------------------------------


def decision_records(inp: CheckInput) -> Outcome:
    facts = inp.facts[DECISIONS]
    minimum = int(inp.params.get("min_records", 1))
    evidence = [
        Finding(
            "records",
            {"folder": f.folder, "count": len(f.records), "reason": f.reason},
            Location(f.records[0]),
            key=f.folder,
        )
        for f in facts.folders
        if len(f.records) >= minimum
    ]
    if evidence:
        return Outcome.passed(*evidence[:5])
    return Outcome.failed(Finding("missing", {"min_records": minimum}, key="missing"))


DECISION_RECORDS = CheckType(
    id="docs.decision-records",
    summary="Architecture decisions are recorded (ADRs: doc/adr, docs/decisions, an adr-tools "
    ".adr-dir, MADR files).",
    why="A platform's users live with its design choices; decision records say what was decided, "
    "why, and what was given up, so nobody has to reverse-engineer it from the code.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "min_records": {
                "type": "integer",
                "minimum": 1,
                "default": 1,
                "description": "records a decision folder needs",
            }
        },
    },
    run=decision_records,
    needs=(DECISIONS,),
    messages={
        "records": "{folder}/ holds {count} decision records ({reason})",
        "missing": "no architecture decision records (a doc/adr or docs/decisions folder of numbered "
        "records, or the folder .adr-dir names)",
    },
    remediation="Record significant decisions as numbered files in docs/adr/ (0001-use-postgres.md: "
    "context, decision, consequences); adr-tools or MADR templates make it quick.",
    examples=examples.DECISION_RECORDS,
)


# -- docs.relative-links -----------------------------------------------------------------------------


def _links_needs(params: Mapping[str, Any]) -> tuple[FactRequest[Any], ...]:
    return (FactRequest(DOC_LINKS, (int(params.get("max_files", 2000)),)),)


def relative_links(inp: CheckInput) -> Outcome:
    facts = inp.facts[DOC_LINKS]
    if not facts.total:
        return Outcome.not_applicable("no Markdown files")
    limit = int(inp.params.get("max_findings", 200))
    findings: list[Finding] = []
    seen: dict[str, int] = {}
    for link in facts.broken[:limit]:
        key = f"{link.path}:{link.target}"
        seen[key] = seen.get(key, 0) + 1
        findings.append(
            Finding(
                "broken",
                {"path": link.path, "target": link.target, "resolved": link.resolved},
                Location(link.path, link.line, link.column),
                key=key + (f"#{seen[key]}" if seen[key] > 1 else ""),
            )
        )
    evidence = Finding(
        "checked",
        {"checked": facts.checked, "total": facts.total, "links": facts.links},
        key="checked",
    )
    return Outcome.from_findings(findings, evidence)


RELATIVE_LINKS = CheckType(
    id="docs.relative-links",
    summary="Relative links in the project's Markdown point at files or folders the repository has.",
    why="A link to a moved or deleted page sends a reader to a 404 at the moment they needed the "
    "answer. Each broken link is a finding on its line; links to URLs, anchors in the same page, "
    "links in code and links that climb above the root (GitHub's way to its own pages) are not "
    "checked, and docs-site page URLs (guide/ for guide.md) resolve.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "max_files": {
                "type": "integer",
                "minimum": 1,
                "default": 2000,
                "description": "Markdown files read at most (README and the root first, then .github/ "
                "and docs/, then the rest)",
            },
            "max_findings": {
                "type": "integer",
                "minimum": 1,
                "default": 200,
                "description": "broken links reported at most",
            },
        },
    },
    run=relative_links,
    needs=_links_needs,
    messages={
        "broken": "{path} links to {target}, but {resolved} is not in the repository",
        "checked": "{links} relative links in {checked} of {total} Markdown files checked",
    },
    remediation="Point each link at the file's current path (relative to the linking file, or from "
    "the root with a leading '/'), or remove it.",
    examples=examples.RELATIVE_LINKS,
)

CHECK_TYPES: tuple[CheckType, ...] = (DOCS_SITE_CHECK, DECISION_RECORDS, RELATIVE_LINKS)

"""Check types over the README GitHub shows and the contributing guide it links."""

from __future__ import annotations

import re
from typing import Any

from platform_lint.families.check_type import CheckInput, CheckType
from platform_lint.families.docs import examples
from platform_lint.families.docs.collect import DocumentFacts
from platform_lint.families.docs.facts import CONTRIBUTING, README
from platform_lint.model import Finding, Location, Outcome

_WHERE = {".github": "in .github/", "": "at the root", "docs": "in docs/"}


def _where(path: str) -> str:
    folder = path.rpartition("/")[0].lower()
    return _WHERE.get(folder, f"in {folder}/")


def _found(doc: DocumentFacts) -> Finding:
    assert doc.path is not None
    args: dict[str, Any] = {"path": doc.path, "where": _where(doc.path)}
    return Finding("found", args, Location(doc.path), key=doc.path)


def _unreadable(doc: DocumentFacts) -> Finding:
    assert doc.path is not None
    return Finding("unreadable", {"path": doc.path, "problem": doc.problem}, Location(doc.path), key=doc.path)


# -- docs.readme ---------------------------------------------------------------------------------------


def readme(inp: CheckInput) -> Outcome:
    doc = inp.facts[README]
    if doc.path is None:
        return Outcome.failed(Finding("missing", {}, key="missing"))
    if doc.problem:
        return Outcome.failed(_unreadable(doc))
    minimum = int(inp.params.get("min_description_words", 6))
    described = [p for p in doc.paragraphs if p.words >= minimum]
    if not described:
        longest = max((p.words for p in doc.paragraphs), default=0)
        return Outcome.failed(
            Finding(
                "hollow",
                {"path": doc.path, "min_words": minimum, "longest": longest},
                Location(doc.path),
                key=f"{doc.path}:hollow",
            ),
            evidence=(_found(doc),),
        )
    first = described[0]
    description = Finding(
        "description",
        {"path": doc.path, "words": first.words},
        Location(doc.path, first.line, snippet=first.snippet),
        key=f"{doc.path}:description",
    )
    return Outcome.passed(_found(doc), description)


README_CHECK = CheckType(
    id="docs.readme-described",
    summary="The README GitHub shows (in .github/, the root or docs/, any markup) says what the "
    "project is in a paragraph of prose.",
    why="The README is the first page a newcomer opens. GitHub shows one from .github/, the root "
    "or docs/, named README in any case and markup; one with only a title and badges tells "
    "them nothing.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "min_description_words": {
                "type": "integer",
                "minimum": 1,
                "default": 6,
                "description": "the words a paragraph of prose needs to count as the description "
                "(images, tags and link targets not counted)",
            }
        },
    },
    run=readme,
    needs=(README,),
    messages={
        "found": "{path} is the README GitHub shows ({where})",
        "description": "{path} describes the project in {words} words",
        "missing": "no README in .github/, the root or docs/ (GitHub shows the first it finds there)",
        "unreadable": "{path} could not be read ({problem})",
        "hollow": "{path} has no paragraph of prose of at least {min_words} words (the longest has "
        "{longest}): it does not say what the project is",
    },
    remediation="Add a README.md at the root whose first paragraph says what the project is and who "
    "it is for, in a sentence or two of prose.",
    examples=examples.README,
)


# -- docs.readme-getting-started -------------------------------------------------------------------

DEFAULT_HEADINGS = (
    "quick start",
    "quickstart",
    "getting started",
    "get started",
    "installation",
    "install",
    "installing",
    "usage",
    "how to use",
    "set up",
    "setup",
    "running",
    "run",
    "build",
    "building",
    "deploy",
    "deployment",
    "development",
    "developing",
    "tutorial",
    "example",
    "examples",
)


def _heading_pattern(words: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(r"[\s-]*".join(re.escape(w) for w in phrase.split()) for phrase in words)
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])", re.IGNORECASE)


def readme_getting_started(inp: CheckInput) -> Outcome:
    doc = inp.facts[README]
    if doc.path is None:
        return Outcome.not_applicable("there is no README (the README rule reports it)")
    if doc.problem:
        return Outcome.failed(_unreadable(doc))
    pattern = _heading_pattern(inp.params.get("headings", DEFAULT_HEADINGS))
    evidence: list[Finding] = []
    for heading in doc.headings:
        if pattern.search(heading.text):
            evidence.append(
                Finding(
                    "section",
                    {"path": doc.path, "heading": heading.text[:100]},
                    Location(doc.path, heading.line, snippet=heading.text[:200]),
                    key=f"{doc.path}:{heading.text[:100]}",
                )
            )
            break
    for command in doc.commands:
        if command.installs:
            evidence.append(
                Finding(
                    "install-command",
                    {"path": doc.path, "command": command.text[:100]},
                    Location(doc.path, command.line, snippet=command.text),
                    key=f"{doc.path}:install",
                )
            )
            break
    if evidence:
        return Outcome.passed(*evidence)
    return Outcome.failed(Finding("no-section", {"path": doc.path}, Location(doc.path), key=doc.path))


README_GETTING_STARTED = CheckType(
    id="docs.readme-getting-started",
    summary="The README has a getting-started section (install, usage, quick start, ...) or a "
    "command that installs or runs the project.",
    why="A newcomer reads the README to get going; a heading they can jump to, or the one "
    "command that installs the project, is what they look for first.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "headings": {
                "type": "array",
                "items": {"type": "string", "minLength": 1},
                "minItems": 1,
                "uniqueItems": True,
                "default": list(DEFAULT_HEADINGS),
                "description": "words or phrases a heading may contain (any case; spaces match "
                "spaces or hyphens)",
            }
        },
    },
    run=readme_getting_started,
    needs=(README,),
    messages={
        "section": "{path} has a '{heading}' section",
        "install-command": "{path} shows how to install or run it: {command}",
        "no-section": "{path} has no install, usage or getting-started section and no command that "
        "installs or runs the project",
        "unreadable": "{path} could not be read ({problem})",
    },
    remediation="Add a 'Getting started' (or 'Installation', 'Usage') section to the README with the "
    "steps from clone or install to a first working result.",
    examples=examples.README_GETTING_STARTED,
)


# -- docs.readme-commands ----------------------------------------------------------------------------


def readme_commands(inp: CheckInput) -> Outcome:
    doc = inp.facts[README]
    if doc.path is None:
        return Outcome.not_applicable("there is no README (the README rule reports it)")
    if doc.problem:
        return Outcome.failed(_unreadable(doc))
    accept = inp.params.get("accept", ["commands"])
    evidence: list[Finding] = []
    if "commands" in accept:
        for command in doc.commands[:3]:
            evidence.append(
                Finding(
                    "command",
                    {"path": doc.path, "kind": command.kind, "command": command.text[:100]},
                    Location(doc.path, command.line, snippet=command.text),
                    key=f"{doc.path}:command:{command.text[:60]}",
                )
            )
    if "code" in accept and not evidence:
        for sample in doc.code[:3]:
            evidence.append(
                Finding(
                    "code",
                    {"path": doc.path, "lang": sample.lang or "code"},
                    Location(doc.path, sample.line),
                    key=f"{doc.path}:code:{sample.line}",
                )
            )
    if not evidence and inp.params.get("follow_links", True):
        for linked in doc.linked:
            if linked.commands and linked.path is not None:
                command = linked.commands[0]
                evidence.append(
                    Finding(
                        "linked-command",
                        {"path": doc.path, "linked": linked.path, "command": command.text[:100]},
                        Location(linked.path, command.line, snippet=command.text),
                        key=f"{doc.path}:linked:{linked.path}",
                    )
                )
                break
    if evidence:
        return Outcome.passed(*evidence)
    what = " or ".join("commands" if a == "commands" else "code samples" for a in accept)
    return Outcome.failed(Finding("none", {"path": doc.path, "what": what}, Location(doc.path), key=doc.path))


README_COMMANDS = CheckType(
    id="docs.readme-runnable",
    summary="The README shows commands to run (in fenced, indented or reStructuredText literal "
    "blocks, code-block directives or inline code) or, if the policy accepts it, code samples.",
    why="Commands a reader can copy beat prose they must turn into commands. A command counts "
    "however the markup writes it: a fenced or indented block, an rst '::' literal block or "
    "code-block directive, an AsciiDoc listing, a '$ ' prompt or a code span such as "
    "`pip install x`.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "accept": {
                "type": "array",
                "items": {"enum": ["commands", "code"]},
                "minItems": 1,
                "uniqueItems": True,
                "default": ["commands"],
                "description": "commands: shell commands; code: a code sample in another language "
                "(a Terraform module's usage block, a library's example)",
            },
            "follow_links": {
                "type": "boolean",
                "default": True,
                "description": "when the README shows none, accept commands in a document of the "
                "repository it links to (one hop: a development.md the README points at)",
            },
        },
    },
    run=readme_commands,
    needs=(README,),
    messages={
        "command": "{path} shows the command `{command}` ({kind})",
        "linked-command": "{path} links to {linked}, which shows the command `{command}`",
        "code": "{path} shows a {lang} sample",
        "none": "{path} shows no {what}",
        "unreadable": "{path} could not be read ({problem})",
    },
    remediation="Put the commands that install, run and test the project in a code block of the "
    "README (```sh ... ``` in Markdown, '::' or '.. code-block:: sh' in reStructuredText).",
    examples=examples.README_COMMANDS,
)


# -- docs.contributing -------------------------------------------------------------------------------


def contributing(inp: CheckInput) -> Outcome:
    doc = inp.facts[CONTRIBUTING]
    if doc.path is None:
        return Outcome.failed(Finding("missing", {}, key="missing"))
    if doc.problem:
        return Outcome.failed(_unreadable(doc))
    minimum = int(inp.params.get("min_words", 20))
    words = doc.words + len(doc.commands) * 2
    if words < minimum:
        for linked in doc.linked:
            if linked.path is not None and linked.words + len(linked.commands) * 2 >= minimum:
                args = {"path": doc.path, "linked": linked.path}
                return Outcome.passed(Finding("found-linked", args, Location(linked.path), key=linked.path))
        return Outcome.failed(
            Finding(
                "hollow",
                {"path": doc.path, "words": words, "min_words": minimum},
                Location(doc.path),
                key=f"{doc.path}:hollow",
            )
        )
    return Outcome.passed(_found(doc))


CONTRIBUTING_CHECK = CheckType(
    id="docs.contributing",
    summary="A contributing guide is where GitHub looks for one (.github/, the root or docs/; any "
    "case, any markup) and says something.",
    why="GitHub links the contributing guide from every new issue and pull request when it is in "
    ".github/, the root or docs/, as CONTRIBUTING.md, .rst, .txt or .adoc. It turns would-be "
    "requesters into contributors.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "min_words": {
                "type": "integer",
                "minimum": 0,
                "default": 20,
                "description": "the words of prose (each command counts two) the guide needs",
            }
        },
    },
    run=contributing,
    needs=(CONTRIBUTING,),
    messages={
        "found": "{path} is the contributing guide GitHub links ({where})",
        "found-linked": "{path} points to {linked}, which is the contributing guide",
        "missing": "no CONTRIBUTING file in .github/, the root or docs/",
        "unreadable": "{path} could not be read ({problem})",
        "hollow": "{path} says almost nothing ({words} words; at least {min_words} expected)",
    },
    remediation="Add CONTRIBUTING.md (root, .github/ or docs/): how to set up, run the tests, and "
    "what a good pull request looks like.",
    examples=examples.CONTRIBUTING,
)


CHECK_TYPES: tuple[CheckType, ...] = (
    README_CHECK,
    README_GETTING_STARTED,
    README_COMMANDS,
    CONTRIBUTING_CHECK,
)

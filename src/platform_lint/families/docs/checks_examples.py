"""The examples check type: runnable examples, or a README that shows the project in use."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from platform_lint.families.check_type import CheckInput, CheckType
from platform_lint.families.collector import FactRequest
from platform_lint.families.docs import examples
from platform_lint.families.docs.collect import DocumentFacts
from platform_lint.families.docs.facts import EXAMPLES, README
from platform_lint.families.docs.usage import EXAMPLE_FOLDERS
from platform_lint.model import Finding, Location, Outcome

CODE_LANGUAGES = frozenset(
    {
        "python",
        "py",
        "pycon",
        "ipython",
        "go",
        "golang",
        "js",
        "javascript",
        "node",
        "ts",
        "typescript",
        "jsx",
        "tsx",
        "java",
        "kotlin",
        "kt",
        "scala",
        "groovy",
        "ruby",
        "rb",
        "rust",
        "rs",
        "csharp",
        "cs",
        "c#",
        "fsharp",
        "php",
        "swift",
        "c",
        "cpp",
        "c++",
        "objc",
        "elixir",
        "ex",
        "clojure",
        "lua",
        "r",
        "julia",
        "dart",
        "perl",
        "haskell",
        "ocaml",
        "erlang",
        "nim",
        "zig",
        "yaml",
        "yml",
        "json",
        "json5",
        "jsonc",
        "toml",
        "hcl",
        "terraform",
        "tf",
        "proto",
        "protobuf",
        "graphql",
        "gql",
        "sql",
        "dockerfile",
        "ini",
        "xml",
        "jinja",
        "nix",
        "cue",
        "rego",
        "bicep",
        "starlark",
        "bazel",
        "http",
        "vue",
        "svelte",
    }
)
"""Languages whose code shows a project in use (shell is judged command by command instead)."""

USAGE_HEADING = re.compile(
    r"\b(?:usage|examples?|tutorials?|demo|walk-?through|how to use|quick ?start|getting started|"
    r"basic use|using)\b",
    re.IGNORECASE,
)
SETUP_HEADING = re.compile(
    r"\b(?:install\w*|set ?up|setting up|build\w*|contribut\w*|develop\w*|requirements|prerequisites|"
    r"dependencies|licen[sc]e|testing|upgrad\w*|uninstall\w*)\b",
    re.IGNORECASE,
)
"""Code under these headings sets the project up; it does not show it in use."""
_PLUMBING = re.compile(r"^(?:cd|export|set|source|echo|mkdir|ls|cat|cp|mv|rm|git|sudo|chmod|which)\b")
_PROGRAM = re.compile(r"^[\w./@:-]+(?:\s|$)")
MAX_EVIDENCE = 5


def _needs(params: Mapping[str, Any]) -> tuple[FactRequest[Any], ...]:
    folders = tuple(params.get("folders", EXAMPLE_FOLDERS))
    return (FactRequest(EXAMPLES, (folders,)), FactRequest(README))


def _sections_of(doc: DocumentFacts, line: int) -> list[str]:
    """The headings the line sits under, outermost first (none before the first heading)."""
    stack: list[tuple[int, str]] = []
    for heading in doc.headings:
        if heading.line > line:
            break
        stack = [h for h in stack if h[0] < heading.level] + [(heading.level, heading.text)]
    return [text for _, text in stack]


def _readme_usage(doc: DocumentFacts) -> list[Finding]:
    if doc.path is None or doc.problem:
        return []
    path = doc.path
    found: list[Finding] = []
    for sample in doc.code:
        if any(SETUP_HEADING.search(h) for h in _sections_of(doc, sample.line)):
            continue
        if sample.lang.lower() in CODE_LANGUAGES:
            args = {"path": path, "lang": sample.lang}
            found.append(
                Finding("readme-code", args, Location(path, sample.line), key=f"{path}:{sample.line}")
            )
    for command in doc.commands:
        headings = _sections_of(doc, command.line)
        usage = [h for h in headings if USAGE_HEADING.search(h)]
        if command.installs or not usage or any(SETUP_HEADING.search(h) for h in headings):
            continue
        heading = usage[-1]
        if not _PROGRAM.match(command.text) or _PLUMBING.match(command.text):
            continue
        args = {"path": path, "command": command.text[:80], "heading": heading[:80]}
        found.append(
            Finding("readme-usage", args, Location(path, command.line), key=f"{path}:{command.line}")
        )
    return sorted(found, key=lambda f: f.location.line if f.location and f.location.line else 0)


def usage_examples(inp: CheckInput) -> Outcome:
    facts = inp.facts[EXAMPLES]
    minimum = int(inp.params.get("min_files", 1))
    evidence: list[Finding] = []
    hollow: list[Finding] = []
    for folder in facts.folders:
        args = {
            "folder": folder.folder,
            "runnable": folder.runnable,
            "files": folder.files,
            "first": folder.first,
        }
        if folder.runnable >= minimum and folder.first is not None:
            evidence.append(Finding("folder", args, Location(folder.first), key=folder.folder))
        else:
            hollow.append(Finding("hollow", args, Location(folder.folder), key=folder.folder))
    evidence += [
        Finding("go-example", {"path": g.path, "name": g.name}, Location(g.path, g.line), key=g.path)
        for g in facts.go_examples
    ]
    if inp.params.get("readme", True):
        evidence += _readme_usage(inp.facts[README])
    if evidence:
        return Outcome.passed(*evidence[:MAX_EVIDENCE])
    return Outcome.failed(*hollow, Finding("missing", {}, key="missing"))


USAGE_EXAMPLES = CheckType(
    id="docs.usage-examples",
    summary="Examples show the project in use: an examples/ or samples/ folder with something to run, "
    "Go testable examples, or code in the README that uses the project.",
    why="People learn an API or a tool fastest from working code they can run and change. Evidence "
    "is read by content: an example folder (examples, example, _examples, samples, sample at any "
    "depth; not in vendored code, fixtures or template payload) counts when it holds a runnable "
    "file (source code, a notebook, a configuration a tool runs, a page with a code block) — an "
    "empty folder or one of prose and images does not; Go's func Example... in example_test.go "
    "counts; and so does the README when it shows code in a programming or configuration language "
    "(a ```python block, a ```yaml workflow step) outside its install, build and contributing "
    "sections, or a command that is not an install step (nor cd, export, git ...) in a section "
    "headed Usage, Examples, Quick start, Getting started or Tutorial.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "folders": {
                "type": "array",
                "items": {"type": "string", "minLength": 1, "pattern": "^[^/*?\\[\\]]+$"},
                "minItems": 1,
                "default": list(EXAMPLE_FOLDERS),
                "description": "names of example folders, matched in any case at any depth",
            },
            "min_files": {
                "type": "integer",
                "minimum": 1,
                "default": 1,
                "description": "runnable files an example folder needs to count",
            },
            "readme": {
                "type": "boolean",
                "default": True,
                "description": "code in the README that uses the project counts as an example",
            },
        },
    },
    run=usage_examples,
    needs=_needs,
    messages={
        "folder": "{folder}/ holds {runnable} runnable example files (e.g. {first})",
        "go-example": "{path} has Go testable examples ({name})",
        "readme-code": "{path} shows the project in use in {lang} code",
        "readme-usage": "{path} shows the command {command} under '{heading}'",
        "hollow": "{folder}/ holds no runnable example ({files} files of prose, images or placeholders)",
        "missing": "no examples: no examples/ or samples/ folder with something to run, no Go testable "
        "examples, and the README shows no code that uses the project",
    },
    remediation="Add an examples/ folder with small, complete programs (or configurations) that use "
    "the project, or show a short usage example in a code block in the README.",
    examples=examples.USAGE_EXAMPLES,
)

CHECK_TYPES: tuple[CheckType, ...] = (USAGE_EXAMPLES,)

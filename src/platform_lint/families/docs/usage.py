"""Read the examples a project offers: example folders and what is runnable in them, and Go's
testable examples. I/O and parsing only (the README's code is read by the README collector).

An example folder is one named ``examples``, ``example``, ``_examples``, ``samples`` or
``sample`` (the policy may name others) at any depth, outside vendored code, test fixtures,
template payload and generated files. A file in it is runnable when it is source code, a
notebook, a configuration a tool runs (YAML, JSON, TOML, HCL, a Dockerfile or Makefile), or a
Markdown page with a code block; prose, images and placeholders (``.gitkeep``) are not.
Go's testable examples (``func ExampleClient()`` in ``example_test.go``) run with the tests
and show in the package documentation.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from platform_lint.families.collector import CollectEnv
from platform_lint.families.docs.markup import markup_of, read_shape
from platform_lint.snapshot.base import RepoSnapshot

EXAMPLE_FOLDERS = ("examples", "example", "_examples", "samples", "sample")
READ_BYTES = 256 * 1024
MAX_PAGES = 20
"""Markdown pages read per example folder to find a code block."""
MAX_GO_FILES = 200

_RUNNABLE = re.compile(
    r"\.(?:py|pyi|ipynb|go|js|mjs|cjs|ts|mts|tsx|jsx|vue|svelte|java|kt|kts|scala|groovy|rb|rs|cs|fs|vb|php|"
    r"sh|bash|zsh|ps1|swift|m|c|cc|cpp|cxx|h|hpp|ex|exs|erl|clj|cljs|lua|r|jl|dart|pl|hs|ml|nim|zig|"
    r"tf|tfvars|hcl|nix|cue|rego|bicep|yaml|yml|json|jsonc|toml|proto|graphql|gql|sql|http|rest|sol|"
    r"html|cshtml|razor|xml|gradle|cfg|ini|conf|env\.example)$"
    r"|(?:^|/)(?:Dockerfile[^/]*|Containerfile|Makefile|justfile|Taskfile\.ya?ml|Procfile|Gemfile|Rakefile|"
    r"Jenkinsfile|BUILD(?:\.bazel)?|WORKSPACE)$",
    re.IGNORECASE,
)
_PAGE = re.compile(r"\.(?:md|markdown|mdx|rst|adoc)$", re.IGNORECASE)
_CARRIED = frozenset({"vendored", "fixture", "template", "generated"})
_GO_EXAMPLES = ("**/example_test.go", "**/example_*_test.go", "**/*_example_test.go", "example_test.go")
_GO_EXAMPLE_FUNC = re.compile(r"^func (Example\w*)\(\)", re.MULTILINE)


@dataclass(frozen=True)
class ExampleFolder:
    """An example folder: the files in it, the runnable ones and the first of them."""

    folder: str
    files: int
    runnable: int
    first: str | None = None


@dataclass(frozen=True)
class GoExample:
    path: str
    name: str
    line: int


@dataclass(frozen=True)
class ExampleFacts:
    folders: tuple[ExampleFolder, ...]
    go_examples: tuple[GoExample, ...]


def _carried(snapshot: RepoSnapshot, path: str) -> bool:
    return snapshot.scope.kind(path) in _CARRIED


def _example_folder(path: str, names: frozenset[str]) -> str | None:
    """The outermost example folder ``path`` is in, or None."""
    parts = path.split("/")[:-1]
    for i, part in enumerate(parts):
        if part.lower() in names:
            return "/".join(parts[: i + 1])
    return None


def _page_has_code(snapshot: RepoSnapshot, path: str) -> bool:
    text = snapshot.read(path, min(READ_BYTES, snapshot.max_bytes)).text
    return text is not None and bool(read_shape(text, markup_of(path)).blocks)


def _folders(snapshot: RepoSnapshot, names: frozenset[str]) -> list[ExampleFolder]:
    grouped: dict[str, list[str]] = {}
    files = snapshot.files()
    # the outermost example folders, found among the folders (parents sort before children);
    # the files under each are one range of the sorted listing
    for folder in sorted(snapshot.directories):
        if folder.rpartition("/")[2].lower() in names and _example_folder(folder + "/", names) == folder:
            lo = bisect.bisect_left(files, folder + "/")
            hi = bisect.bisect_left(files, folder + "0", lo)  # '0' sorts right after '/'
            inside = [p for p in files[lo:hi] if not _carried(snapshot, p)]
            if inside:
                grouped[folder] = inside
    found: list[ExampleFolder] = []
    for folder, paths in sorted(grouped.items()):
        runnable = [p for p in paths if _RUNNABLE.search(p)]
        if not runnable:
            pages = [p for p in paths if _PAGE.search(p)][:MAX_PAGES]
            runnable = [p for p in pages if _page_has_code(snapshot, p)]
        found.append(ExampleFolder(folder, len(paths), len(runnable), runnable[0] if runnable else None))
    return found


def _go_examples(snapshot: RepoSnapshot) -> list[GoExample]:
    found: list[GoExample] = []
    for path in snapshot.glob(list(_GO_EXAMPLES))[:MAX_GO_FILES]:
        if _carried(snapshot, path):
            continue
        text = snapshot.read(path, min(READ_BYTES, snapshot.max_bytes)).text or ""
        match = _GO_EXAMPLE_FUNC.search(text)
        if match:
            found.append(GoExample(path, match.group(1), text.count("\n", 0, match.start()) + 1))
    return found


def collect_examples(snapshot: RepoSnapshot, env: CollectEnv, args: tuple[Any, ...]) -> ExampleFacts:
    """``args``: (folder names,) — the names of example folders, matched in any case."""
    (names,) = args
    folders = _folders(snapshot, frozenset(n.lower() for n in names))
    return ExampleFacts(tuple(folders), tuple(_go_examples(snapshot)))

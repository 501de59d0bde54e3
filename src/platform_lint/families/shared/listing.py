"""The listing the content analyzers read, and what each listed path is (product or not).

One door for every analyzer family (observability, secrets, golden paths, catalog): they
select files from :func:`listing` by name and extension first, then read content, and ask
:func:`scope_kind` whether a file is the repository's own product or something it carries
(a test fixture, vendored code, an example, template payload). Until the snapshot layer
classifies scope itself this module answers from folder names alone; switching it to the
snapshot's scope model changes no analyzer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from platform_lint.snapshot.base import RepoSnapshot

T = TypeVar("T")

_FIXTURE_DIRS = frozenset(
    {"fixtures", "__fixtures__", "testdata", "test-data", "test_data", "__snapshots__", "cassettes"}
)
_TEST_DIRS = frozenset({"test", "tests", "__tests__", "e2e"})
_VENDOR_DIRS = frozenset(
    {
        "vendor",
        "third_party",
        "third-party",
        "node_modules",
        "bower_components",
        ".venv",
        "venv",
        "site-packages",
    }
)
_EXAMPLE_DIRS = frozenset({"examples", "example", "samples", "sample", "docs", "doc"})
"""Documentation folders count as examples: manifests and keys in them illustrate, they do not run."""


def listing(snapshot: RepoSnapshot) -> tuple[str, ...]:
    """Every file the analyzers may consider (sorted POSIX paths)."""
    return snapshot.files()


def matching(snapshot: RepoSnapshot, patterns: list[str] | tuple[str, ...]) -> list[str]:
    """The listed files matching any of the globs (``**/*.yaml``, ``**/go.mod``): answered from
    the snapshot's index by extension and name, without a pass over every path."""
    return snapshot.glob(patterns)


def scope_kind(snapshot: RepoSnapshot, path: str) -> str | None:
    """None when ``path`` is the repository's own product, else what it is instead:
    ``template`` (payload a template generates), ``fixture``, ``vendored`` or ``example``."""
    parts = path.split("/")[:-1]
    for part in parts:
        if "{{" in part and "}}" in part:
            return "template"
        if part in _VENDOR_DIRS:
            return "vendored"
    for part in parts:
        if part in _FIXTURE_DIRS or part in _TEST_DIRS:
            return "fixture"
        if part in _EXAMPLE_DIRS:
            return "example"
    return None


def in_scope(items: Sequence[T], params: Mapping[str, Any], default_ignore: Sequence[str]) -> list[T]:
    """The items whose ``scope`` kind is not one the check's ``ignore_in`` param leaves out."""
    ignore = set(params.get("ignore_in", default_ignore))
    return [item for item in items if getattr(item, "scope", None) not in ignore]

"""Which listed files are the repository's own product (not vendored, fixtures, template payload).

Collectors that search the whole tree for evidence (nested configs, Markdown links, docs
pages) ask here, so a test fixture or a template's skeleton is not taken for the
project's own. The snapshot's scope model decides when it has one; otherwise a few
folder names every ecosystem uses for carried code do.
"""

from __future__ import annotations

from platform_lint.snapshot.base import RepoSnapshot

_CARRIED = frozenset(
    {
        "node_modules",
        "vendor",
        "third_party",
        "third-party",
        "thirdparty",
        "external",
        "testdata",
        "fixtures",
        "__fixtures__",
        "__snapshots__",
        "skeleton",
        "site-packages",
        "bower_components",
    }
)


def is_product(snapshot: RepoSnapshot, path: str) -> bool:
    """True when ``path`` belongs to the repository's own product."""
    scope = getattr(snapshot, "scope", None)
    if scope is not None:
        return bool(scope.is_product(path))
    if "{{" in path or "{%" in path:
        return False
    return not any(part in _CARRIED for part in path.split("/")[:-1])


def product_files(snapshot: RepoSnapshot, paths: list[str] | tuple[str, ...]) -> list[str]:
    return [p for p in paths if is_product(snapshot, p)]

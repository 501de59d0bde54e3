"""Which listed files are the repository's own product (not vendored, fixtures, template payload).

Collectors that search the whole tree for evidence (nested configs, Markdown links, docs
pages) ask here, so a test fixture or a template's skeleton is not taken for the
project's own. The snapshot's scope model decides (``RepoSnapshot.scope``, docs/scope.md).
"""

from __future__ import annotations

from platform_lint.snapshot.base import RepoSnapshot


def is_product(snapshot: RepoSnapshot, path: str) -> bool:
    """True when ``path`` belongs to the repository's own product."""
    return snapshot.scope.is_product(path)

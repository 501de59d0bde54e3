"""The listing the content analyzers read, and what each listed path is (product or not).

One door for every analyzer family (observability, secrets, golden paths, catalog): they
select files from :func:`listing` by name and extension first, then read content, and ask
:func:`scope_kind` whether a file is the repository's own product or something it carries.
The answer is the snapshot's scope model (``RepoSnapshot.scope``, documented in
docs/scope.md), the one notion of "the repository's own product" every family shares:
``template``, ``fixture``, ``vendored``, ``generated``, ``example`` or ``documentation``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from platform_lint.snapshot.base import RepoSnapshot
from platform_lint.snapshot.scope import EXCLUSION_KINDS

T = TypeVar("T")

SCOPE_KINDS: tuple[str, ...] = EXCLUSION_KINDS
"""The kinds a check's ``ignore_in`` param may name (what :func:`scope_kind` answers)."""


def listing(snapshot: RepoSnapshot) -> tuple[str, ...]:
    """Every file the analyzers may consider (sorted POSIX paths)."""
    return snapshot.files()


def matching(snapshot: RepoSnapshot, patterns: list[str] | tuple[str, ...]) -> list[str]:
    """The listed files matching any of the globs (``**/*.yaml``, ``**/go.mod``): answered from
    the snapshot's index by extension and name, without a pass over every path."""
    return snapshot.glob(patterns)


_DOC_FOLDERS = frozenset({"docs", "doc"})
"""Documentation folders: a manifest, key or descriptor in them illustrates, it does not run."""


def scope_kind(snapshot: RepoSnapshot, path: str) -> str | None:
    """None when ``path`` is the repository's own product, else what the snapshot's scope model
    says it is instead (one of :data:`SCOPE_KINDS`). A file the scope model leaves in the product
    but that sits in a ``docs/`` or ``doc/`` folder (a tutorial's demo Deployment, a key in a
    how-to) is an ``example`` here: the analyzers read configuration that runs, and the docs rules
    still read these folders as the product's documentation."""
    kind = snapshot.scope.kind(path)
    if kind is None and not _DOC_FOLDERS.isdisjoint(path.split("/")[:-1]):
        return "example"
    return kind


def in_scope(items: Sequence[T], params: Mapping[str, Any], default_ignore: Sequence[str]) -> list[T]:
    """The items whose ``scope`` kind is not one the check's ``ignore_in`` param leaves out."""
    ignore = set(params.get("ignore_in", default_ignore))
    return [item for item in items if getattr(item, "scope", None) not in ignore]

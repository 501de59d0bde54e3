"""Read-only views of the repository under check (see ``base.RepoSnapshot``)."""

from platform_lint.snapshot.base import FileContent, RepoSnapshot
from platform_lint.snapshot.local import open_local

__all__ = ["FileContent", "RepoSnapshot", "open_local"]

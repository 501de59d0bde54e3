"""Read-only views of the repository under check (see ``base.RepoSnapshot``)."""

from .base import FileContent, RepoSnapshot
from .local import open_local

__all__ = ["FileContent", "RepoSnapshot", "open_local"]

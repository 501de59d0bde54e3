"""Check types of the codeowners family (filled in by the codeowners analyzer work)."""

from __future__ import annotations

from .base import CheckType

CHECK_TYPES: tuple[CheckType, ...] = ()

"""Check types of the contracts family: API contracts present, valid, and changed responsibly."""

from __future__ import annotations

from ..base import CheckType
from .breaking import BREAKING_CHANGES
from .present import PRESENT, VALID

CHECK_TYPES: tuple[CheckType, ...] = (PRESENT, VALID, BREAKING_CHANGES)

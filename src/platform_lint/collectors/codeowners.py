"""Collectors of the codeowners family (filled in by the codeowners analyzer work)."""

from __future__ import annotations

from .base import Collector

COLLECTORS: tuple[Collector, ...] = ()

"""Collectors of the contracts family (filled in by the contracts analyzer work)."""

from __future__ import annotations

from .base import Collector

COLLECTORS: tuple[Collector, ...] = ()

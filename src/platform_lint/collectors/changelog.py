"""Collectors of the changelog family (filled in by the changelog analyzer work)."""

from __future__ import annotations

from .base import Collector

COLLECTORS: tuple[Collector, ...] = ()

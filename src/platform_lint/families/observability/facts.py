"""The facts of the observability family, by key."""

from __future__ import annotations

from typing import Any

from platform_lint.families.collector import FactKey
from platform_lint.families.observability.collect import collect_observability
from platform_lint.families.observability.model import ObservabilityFacts

OBSERVABILITY: FactKey[ObservabilityFacts] = FactKey(
    "observability",
    "telemetry dependencies from manifests, collector configs, Prometheus config and CRDs, OTEL_* "
    "settings, workloads with their probes, SLOs: all by content",
    collect_observability,
)

FACTS: tuple[FactKey[Any], ...] = (OBSERVABILITY,)

"""Observability by content: telemetry dependencies, collector and Prometheus config, probes, SLOs."""

from platform_lint.families.family import Family
from platform_lint.families.observability.checks import CHECK_TYPES
from platform_lint.families.observability.facts import FACTS

FAMILY = Family(
    name="observability",
    summary="telemetry libraries, collector and Prometheus configuration, health probes and SLOs, by content",
    facts=FACTS,
    check_types=CHECK_TYPES,
)

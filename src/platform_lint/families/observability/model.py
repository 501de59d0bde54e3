"""The observability family's facts: what the repository shows about its telemetry, by content.

Everything here is found by reading files, never by their names: a collector config is a
YAML document with ``receivers``/``exporters`` and ``service.pipelines``; a dependency is
an entry in a manifest's dependency list; a probe is a ``livenessProbe`` in a workload's
container. ``scope`` on each fact is None for the repository's own product, otherwise what
the file is instead (``fixture``, ``example``, ``template``, ``vendored``).
"""

from __future__ import annotations

from dataclasses import dataclass

from platform_lint.model import Location


@dataclass(frozen=True)
class Dependency:
    """A telemetry library a manifest declares as a direct dependency."""

    manifest: str
    line: int
    ecosystem: str  # pypi, npm, go, maven, gradle, rubygems, nuget, cargo
    package: str
    library: str  # opentelemetry, prometheus, micrometer, ...
    scope: str | None = None


@dataclass(frozen=True)
class Reference:
    """A component a pipeline names."""

    pipeline: str
    section: str  # receivers, processors, exporters
    component: str
    line: int | None


@dataclass(frozen=True)
class CollectorConfig:
    """An OpenTelemetry Collector configuration document, or a part of one (a file that only
    defines components, merged with its neighbours by ``--config a.yaml --config b.yaml``).

    ``components`` are ``section:name`` (``exporters:otlp``); connectors are listed as
    ``connectors:name`` and serve as receivers and exporters."""

    path: str
    line: int
    pipelines: tuple[str, ...]
    components: tuple[str, ...]
    references: tuple[Reference, ...] = ()
    scope: str | None = None


@dataclass(frozen=True)
class Signal:
    """Telemetry configuration other than a collector config: a Prometheus scrape config, a
    ServiceMonitor/PodMonitor/PrometheusRule/Probe, a Prometheus rule file, or an ``OTEL_*``
    setting."""

    kind: str  # scrape-config, ServiceMonitor, PodMonitor, PrometheusRule, Probe, rule-file, otel-env
    path: str
    line: int
    name: str
    scope: str | None = None


@dataclass(frozen=True)
class Workload:
    """A long-running Kubernetes workload or a compose service, and the health checks it declares."""

    path: str
    line: int
    kind: str  # Deployment, StatefulSet, DaemonSet, compose-service, Dockerfile
    name: str
    probes: tuple[str, ...]  # liveness, readiness, startup, healthcheck
    serves: bool  # declares a port (something a probe could reach)
    templated: bool = False  # a Helm template, read as text
    built: bool = True  # compose: the repository builds the image (build:); Kubernetes: always True
    scope: str | None = None


@dataclass(frozen=True)
class Slo:
    """An OpenSLO or Sloth document, and what is wrong with its shape."""

    path: str
    line: int
    kind: str  # OpenSLO kind (SLO, SLI, ...) or sloth PrometheusServiceLevel
    name: str
    objectives: int
    problems: tuple[str, ...] = ()
    scope: str | None = None


@dataclass(frozen=True)
class Unparsed:
    """A file that looked relevant but could not be parsed."""

    path: str
    problem: str
    location: Location


@dataclass(frozen=True)
class ObservabilityFacts:
    """Every observability fact of the repository, from one pass over the candidate files."""

    dependencies: tuple[Dependency, ...] = ()
    manifests: tuple[str, ...] = ()  # manifests read
    collectors: tuple[CollectorConfig, ...] = ()
    signals: tuple[Signal, ...] = ()
    workloads: tuple[Workload, ...] = ()
    slos: tuple[Slo, ...] = ()
    unparsed: tuple[Unparsed, ...] = ()
    unread_yaml: int = 0  # YAML files past the budget, not read

"""Runnable examples of the observability family's check types (docs, ``explain``, registry test)."""

from __future__ import annotations

from platform_lint.families.check_type import Example
from platform_lint.model import State

COLLECTOR = """\
receivers:
  otlp:
    protocols:
      grpc: {}
processors:
  batch: {}
exporters:
  otlphttp:
    endpoint: https://otel.example.com
service:
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [otlphttp]
"""

RENO_NOTE = """\
features:
  - |
    The OTLP exporter now retries on 429.
"""

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
spec:
  template:
    spec:
      containers:
        - name: app
          image: checkout:1.0
          ports: [{containerPort: 8080}]
{probes}"""

PROBES = """\
          readinessProbe:
            httpGet: {path: /readyz, port: 8080}
          livenessProbe:
            httpGet: {path: /healthz, port: 8080}
"""

OPENSLO = """\
apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-availability
spec:
  service: checkout
  indicatorRef: checkout-errors
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.999
"""

INSTRUMENTATION = (
    Example(
        "A service that depends on the OpenTelemetry SDK",
        {
            "pyproject.toml": '[project]\nname = "checkout"\ndependencies = [\n  "fastapi>=0.110",\n'
            '  "opentelemetry-sdk>=1.25",\n]\n',
        },
        State.PASS,
        ("declared",),
    ),
    Example(
        "A package named after OpenTelemetry, and an indirect Prometheus client, are not instrumentation",
        {
            "package.json": '{"name": "opentelemetry-demo", "description": "OpenTelemetry demo",\n'
            ' "dependencies": {"express": "^4.19.0"}}\n',
            "go.mod": "module example.com/shop\n\ngo 1.22\n\nrequire (\n\tgithub.com/gorilla/mux v1.8.1\n"
            "\tgithub.com/prometheus/client_golang v1.19.0 // indirect\n)\n",
        },
        State.FAIL,
        ("no-library",),
    ),
)

TELEMETRY_CONFIG = (
    Example(
        "An OpenTelemetry Collector config, found by its content",
        {"deploy/collector/config.yaml": COLLECTOR},
        State.PASS,
        ("collector",),
    ),
    Example(
        "A release note named otel-exporter.yaml is not telemetry configuration",
        {"releasenotes/notes/otel-exporter-retry-1a2b3c.yaml": RENO_NOTE},
        State.FAIL,
        ("missing",),
    ),
)

COLLECTOR_PIPELINES = (
    Example(
        "Every component a pipeline names is defined",
        {"otel/config.yaml": COLLECTOR},
        State.PASS,
        ("valid",),
    ),
    Example(
        "The traces pipeline names an exporter the config does not define",
        {"otel/config.yaml": COLLECTOR.replace("exporters: [otlphttp]", "exporters: [otlphttp, jaeger]")},
        State.FAIL,
        ("undefined",),
    ),
)

HEALTH_PROBES = (
    Example(
        "A Deployment with readiness and liveness probes",
        {"k8s/checkout.yaml": DEPLOYMENT.replace("{probes}", PROBES)},
        State.PASS,
        ("probed", "counted"),
    ),
    Example(
        "A Deployment that serves port 8080 without a probe; the compose service it builds has a healthcheck",
        {
            "k8s/checkout.yaml": DEPLOYMENT.replace("{probes}", ""),
            "compose.yaml": "services:\n  api:\n    build: .\n    ports: ['8080:8080']\n"
            "    healthcheck:\n      test: [CMD, curl, -f, http://localhost:8080/healthz]\n"
            "  db:\n    image: postgres:16\n    ports: ['5432:5432']\n",
        },
        State.FAIL,
        ("no-probe", "probed", "counted"),
    ),
)

SLO = (
    Example("An OpenSLO objective", {"slo/checkout.yaml": OPENSLO}, State.PASS, ("defined",)),
    Example(
        "An OpenSLO SLO without objectives or time window",
        {
            "slo/checkout.yaml": OPENSLO.replace("  objectives:\n    - target: 0.999\n", "").replace(
                "  timeWindow:\n    - duration: 28d\n      isRolling: true\n", ""
            )
        },
        State.FAIL,
        ("malformed",),
    ),
    Example("No SLO anywhere", {"docs/slo.md": "We aim for 99.9%.\n"}, State.FAIL, ("missing",)),
)

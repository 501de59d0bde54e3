"""Observability evidence is judged by content: each trap has a positive and a negative fixture."""

from __future__ import annotations

import datetime as dt

import pytest

from platform_lint.engine import FactStore, run_rule
from platform_lint.families.check_type import CheckType, RunContext
from platform_lint.families.collector import CollectEnv
from platform_lint.families.observability import examples
from platform_lint.families.observability.checks import (
    COLLECTOR_PIPELINES,
    HEALTH_PROBES,
    INSTRUMENTATION,
    SLO,
    TELEMETRY_CONFIG,
)
from platform_lint.families.observability.collect import collect_observability
from platform_lint.families.observability.manifests import dependencies, library_of
from platform_lint.model import Outcome, State
from platform_lint.policy.model import Rule
from platform_lint.snapshot.memory import MemorySnapshot

NOW = dt.datetime(2025, 6, 1, tzinfo=dt.timezone.utc)


def _run(check: CheckType, files: dict[str, str], **params: object) -> Outcome:
    rule = Rule(
        id="test.rule",
        title="t",
        characteristic="observable-by-design",
        level="silver",
        severity="warning",
        check_type=check.id,
        params=dict(params),
        remediation="r",
    )
    return run_rule(rule, FactStore(MemorySnapshot(files), CollectEnv()), RunContext(now=NOW))


# -- instrumentation ------------------------------------------------------------------------------


def test_own_package_name_is_not_a_dependency_but_a_real_one_is() -> None:
    own = '{"name": "opentelemetry-demo", "description": "uses opentelemetry", "dependencies": {"x": "1"}}\n'
    assert _run(INSTRUMENTATION, {"package.json": own}).state is State.FAIL
    real = '{"name": "shop",\n "devDependencies": {\n  "@opentelemetry/sdk-node": "^0.52.0"\n }\n}\n'
    outcome = _run(INSTRUMENTATION, {"web/shop/package.json": real})
    assert outcome.state is State.PASS
    (evidence,) = outcome.evidence
    assert evidence.location is not None and (evidence.location.path, evidence.location.line) == (
        "web/shop/package.json",
        3,
    )


def test_indirect_go_requirements_do_not_count() -> None:
    indirect = "module m\n\nrequire (\n\tgo.opentelemetry.io/otel v1.28.0 // indirect\n)\n"
    assert _run(INSTRUMENTATION, {"go.mod": indirect}).state is State.FAIL
    direct = "module m\n\nrequire go.opentelemetry.io/otel v1.28.0\n"
    outcome = _run(INSTRUMENTATION, {"svc/go.mod": direct})
    assert outcome.state is State.PASS and outcome.evidence[0].location.line == 3  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("path", "text", "package"),
    [
        ("requirements-prod.txt", "# pinned\nprometheus-client==0.20.0  # metrics\n", "prometheus-client"),
        (
            "pyproject.toml",
            '[project]\nname = "opentelemetry-x"\ndependencies = ["opentelemetry-sdk>=1"]\n',
            "opentelemetry-sdk",
        ),
        (
            "pyproject.toml",
            '[tool.poetry.dependencies]\npython = "^3.11"\nprometheus_client = "*"\n',
            "prometheus_client",
        ),
        (
            "pom.xml",
            "<dependency>\n<groupId>io.micrometer</groupId>\n<artifactId>micrometer-core</artifactId>\n</dependency>",
            "io.micrometer:micrometer-core",
        ),
        (
            "app/build.gradle.kts",
            'dependencies {\n    implementation("io.opentelemetry:opentelemetry-api:1.40.0")\n}\n',
            "io.opentelemetry:opentelemetry-api",
        ),
        ("Gemfile", "source 'https://rubygems.org'\ngem 'opentelemetry-sdk'\n", "opentelemetry-sdk"),
        (
            "src/Api/Api.csproj",
            '<ItemGroup>\n<PackageReference Include="OpenTelemetry.Extensions.Hosting" Version="1.9.0" />\n',
            "OpenTelemetry.Extensions.Hosting",
        ),
        (
            "Cargo.toml",
            '[package]\nname = "prometheus-thing"\n[dependencies]\nprometheus = "0.13"\n',
            "prometheus",
        ),
    ],
)
def test_each_manifest_format(path: str, text: str, package: str) -> None:
    facts = collect_observability(MemorySnapshot({path: text}), CollectEnv(), ())
    assert [d.package for d in facts.dependencies] == [package]


def test_package_names_are_not_read_as_dependencies() -> None:
    assert dependencies("pyproject", '[project]\nname = "opentelemetry-api"\nversion = "1"\n') == []
    assert dependencies("cargo", '[package]\nname = "prometheus"\n') == []
    assert (
        library_of("npm", "express") is None
        and library_of("go", "github.com/prometheus/client_golang") == "prometheus"
    )


def test_a_manifest_that_does_not_parse_is_recorded_not_raised() -> None:
    facts = collect_observability(MemorySnapshot({"package.json": "{not json"}), CollectEnv(), ())
    assert facts.unparsed and facts.unparsed[0].path == "package.json"


# -- telemetry config and collector pipelines -------------------------------------------------------


def test_release_notes_named_otel_are_not_config_but_a_collector_config_is() -> None:
    reno = {"releasenotes/notes/otel-exporter-1.yaml": examples.RENO_NOTE, "otel.yaml": "title: OTel\n"}
    assert _run(TELEMETRY_CONFIG, reno).state is State.FAIL
    assert _run(TELEMETRY_CONFIG, {**reno, "deploy/agent.yaml": examples.COLLECTOR}).state is State.PASS


@pytest.mark.parametrize(
    "files",
    [
        {
            "monitoring/sm.yaml": "apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\n"
            "metadata: {name: api}\n"
        },
        {
            "prom/prometheus.yml": "scrape_configs:\n  - job_name: api\n"
            "    static_configs: [{targets: [api:9090]}]\n"
        },
        {"Dockerfile": "FROM python:3.12\nENV OTEL_SERVICE_NAME=checkout\n"},
        {
            "compose.yaml": "services:\n  api:\n    image: api\n    environment:\n      - OTEL_EXPORTER_OTLP_ENDPOINT=http://c:4317\n"
        },
        {
            "rules/alerts.yaml": "groups:\n  - name: api\n    rules:\n"
            "      - alert: Down\n        expr: up == 0\n"
        },
    ],
)
def test_each_kind_of_telemetry_config(files: dict[str, str]) -> None:
    assert _run(TELEMETRY_CONFIG, files).state is State.PASS


def test_a_monitoring_kind_without_the_prometheus_operator_api_is_not_one() -> None:
    files = {"x.yaml": "apiVersion: example.com/v1\nkind: ServiceMonitor\nmetadata: {name: api}\n"}
    assert _run(TELEMETRY_CONFIG, files).state is State.FAIL


def test_an_undefined_component_is_located_at_its_line() -> None:
    config = examples.COLLECTOR.replace("processors: [batch]", "processors: [batch, memory_limiter]")
    outcome = _run(COLLECTOR_PIPELINES, {"otel/config.yaml": config})
    assert outcome.state is State.FAIL
    (finding,) = outcome.findings
    assert finding.args["component"] == "memory_limiter" and finding.args["section"] == "processors"
    lines = config.splitlines()
    assert finding.location is not None and "memory_limiter" in lines[finding.location.line - 1]  # type: ignore[operator]


def test_configs_merged_from_one_folder_and_connectors_count() -> None:
    base = examples.COLLECTOR.replace("exporters: [otlphttp]", "exporters: [otlphttp, debug, spanmetrics]")
    extras = "exporters:\n  debug: {}\nconnectors:\n  spanmetrics: {}\n"
    files = {"otel/config.yaml": base, "otel/extras.yaml": extras}
    assert _run(COLLECTOR_PIPELINES, files).state is State.PASS
    assert _run(COLLECTOR_PIPELINES, {"otel/config.yaml": base}).state is State.FAIL


def test_a_collector_config_embedded_in_a_configmap_is_read() -> None:
    embedded = "\n".join(
        "    " + line for line in examples.COLLECTOR.replace("[otlphttp]", "[nope]").splitlines()
    )
    cm = f"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: otel}}\ndata:\n  relay: |\n{embedded}\n"
    outcome = _run(COLLECTOR_PIPELINES, {"k8s/otel.yaml": cm})
    assert outcome.state is State.FAIL and outcome.findings[0].args["component"] == "nope"


def test_no_collector_config_is_not_applicable() -> None:
    assert _run(COLLECTOR_PIPELINES, {"README.md": "# x\n"}).state is State.NOT_APPLICABLE


# -- health probes ----------------------------------------------------------------------------------


def test_multi_document_manifests_at_any_depth() -> None:
    probed = examples.DEPLOYMENT.replace("{probes}", examples.PROBES)
    bare = examples.DEPLOYMENT.replace("{probes}", "").replace("checkout", "ledger")
    text = "apiVersion: v1\nkind: Service\nmetadata: {name: s}\n---\n" + probed + "---\n" + bare
    outcome = _run(HEALTH_PROBES, {"a/b/c/all.yaml": text})
    assert outcome.state is State.FAIL
    (finding,) = outcome.findings
    assert finding.args["name"] == "ledger"
    assert finding.location is not None and text.splitlines()[finding.location.line - 1].startswith(
        "kind: Deployment"
    )  # type: ignore[operator]


def test_helm_templates_are_read_tolerantly() -> None:
    template = (
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "x.fullname" . }}\n'
        "spec:\n  template:\n    spec:\n      containers:\n        - name: x\n          ports:\n"
        "            - containerPort: {{ .Values.port }}\n{{- with .Values.livenessProbe }}\n"
        "          livenessProbe: {{ toYaml . | nindent 12 }}\n{{- end }}\n"
    )
    outcome = _run(
        HEALTH_PROBES, {"charts/x/templates/deployment.yaml": template, "charts/x/Chart.yaml": "name: x\n"}
    )
    assert outcome.state is State.PASS
    bare = template.split("{{- with")[0]
    failed = _run(HEALTH_PROBES, {"charts/x/templates/deployment.yaml": bare})
    assert failed.state is State.FAIL and failed.findings[0].args["name"] == "x/deployment"


def test_compose_override_files_merge_with_their_base() -> None:
    base = (
        "services:\n  api:\n    build: .\n    healthcheck:\n      test: [CMD, true]\n"
        "  e2e-tests:\n    build: .\n"
    )
    override = "services:\n  api:\n    ports: ['8000:8000']\n  e2e-tests:\n    ports: ['9323:9323']\n"
    assert _run(HEALTH_PROBES, {"compose.yml": base, "compose.override.yml": override}).state is State.PASS
    no_check = base.replace("    healthcheck:\n      test: [CMD, true]\n", "")
    assert (
        _run(HEALTH_PROBES, {"compose.yml": no_check, "compose.override.yml": override}).state is State.FAIL
    )


def test_workers_without_ports_and_fixture_manifests_are_not_judged() -> None:
    worker = examples.DEPLOYMENT.replace("{probes}", "").replace(
        "          ports: [{containerPort: 8080}]\n", ""
    )
    bare = examples.DEPLOYMENT.replace("{probes}", "")
    outcome = _run(HEALTH_PROBES, {"k8s/worker.yaml": worker, "test/e2e/app.yaml": bare})
    assert outcome.state is State.NOT_APPLICABLE


def test_manifests_in_the_documentation_illustrate_and_are_not_judged() -> None:
    # a tutorial's demo Deployment under docs/ is not a workload the project runs: only the
    # product's own manifest is judged, and it declares its probes
    bare = examples.DEPLOYMENT.replace("{probes}", "")
    probe = "          readinessProbe: {httpGet: {path: /, port: 8080}}\n"
    probed = examples.DEPLOYMENT.replace("{probes}", probe)
    files = {
        "manifests/install.yaml": probed,
        "docs/getting-started/basic/rollout.yaml": bare,
        "doc/tutorial/app.yaml": bare,
    }
    outcome = _run(HEALTH_PROBES, files)
    assert outcome.state is State.PASS
    assert not [f for f in outcome.findings if f.code == "no-probe"]


def test_require_both_probes() -> None:
    only_liveness = examples.DEPLOYMENT.replace(
        "{probes}", "          livenessProbe: {tcpSocket: {port: 8080}}\n"
    )
    assert _run(HEALTH_PROBES, {"k.yaml": only_liveness}).state is State.PASS
    assert _run(HEALTH_PROBES, {"k.yaml": only_liveness}, require="both").state is State.FAIL


# -- SLOs -----------------------------------------------------------------------------------------


def test_sloth_documents_count_and_are_checked() -> None:
    sloth = (
        "apiVersion: sloth.slok.dev/v1\nkind: PrometheusServiceLevel\nmetadata: {name: api}\nspec:\n"
        "  service: api\n  slos:\n    - name: requests-availability\n      objective: 99.9\n"
        "      sli: {events: {errorQuery: 'a', totalQuery: 'b'}}\n"
    )
    assert _run(SLO, {"slos/api.yaml": sloth}).state is State.PASS
    broken = sloth.replace("objective: 99.9", "objective: high")
    outcome = _run(SLO, {"slos/api.yaml": broken})
    assert outcome.state is State.FAIL and "objective is not a number" in str(outcome.findings[0].args)


def test_a_file_named_slo_without_content_is_not_an_slo() -> None:
    assert _run(SLO, {"slo.yaml": "owner: team\n", "docs/slo.md": "# SLO\n"}).state is State.FAIL


def test_malformed_yaml_never_crashes_and_a_broken_collector_config_is_a_finding() -> None:
    broken = "receivers:\n  otlp: {}\nexporters:\n  x: {}\nservice:\n  pipelines:\n    traces: [\n"
    outcome = _run(COLLECTOR_PIPELINES, {"otel/config.yaml": broken})
    assert outcome.state is State.FAIL and outcome.findings[0].code == "unparsed"
    assert outcome.findings[0].location is not None and outcome.findings[0].location.line is not None


def test_a_bracket_inside_a_quoted_requirement_does_not_end_the_dependency_list() -> None:
    text = (
        "[project]\n"
        'name = "backend"\n'
        "dependencies = [\n"
        '    "fastapi[standard]<1.0.0,>=0.114.2",\n'
        '    "httpx<1.0.0",\n'
        '    "sentry-sdk[fastapi]<3.0.0,>=2.0.0",\n'
        "]\n"
        "[tool.other]\n"
        'x = ["opentelemetry-api"]\n'
    )
    names = [name for _, _, name in dependencies("pyproject", text)]
    assert names == ["fastapi", "httpx", "sentry-sdk"]

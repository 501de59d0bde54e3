"""Observability facts in one YAML file: collector configs, Prometheus config and CRDs,
workloads and their probes, compose health checks, SLOs. Pure functions over text.

A file is first tested for cheap markers (``exporters:``, ``scrape_configs:``,
``monitoring.coreos.com``, ``openslo``, a workload ``kind:``, ``services:``); only then is
it parsed. A Helm template (``{{ ... }}`` in it) is not YAML until rendered, so it is read
as text, document by document, for workloads and monitoring resources.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from platform_lint.families.observability.model import CollectorConfig, Reference, Signal, Slo, Workload
from platform_lint.families.shared.located import LoadProblem, Located, load_located

WORKLOAD_KINDS = ("Deployment", "StatefulSet", "DaemonSet", "Rollout", "Pod")
MONITORING_KINDS = ("ServiceMonitor", "PodMonitor", "PrometheusRule", "Probe", "ScrapeConfig")
SECTIONS = ("receivers", "processors", "exporters", "connectors")
_NOT_SERVICES = (
    "test",
    "e2e",
    "playwright",
    "cypress",
    "selenium",
    "locust",
    "load-gen",
    "loadgen",
    "migrat",
    "prestart",
)
"""Compose services with these in their name run once (tests, load, migrations): no probe needed."""

_WORKLOAD = re.compile(r"(?m)^\s*kind:\s*[\"']?(Deployment|StatefulSet|DaemonSet|Rollout|Pod)[\"']?\s*$")
_MONITORING = re.compile(
    r"(?m)^\s*kind:\s*[\"']?(ServiceMonitor|PodMonitor|PrometheusRule|Probe|ScrapeConfig)[\"']?\s*$"
)
_OTEL_SETTING = re.compile(
    r"""^\s*(?:-\s*)?(?:ENV\s+|export\s+|name:\s*["']?)?(OTEL_[A-Z0-9_]{2,80})["']?\s*(?:[=:]|$)"""
)
_DOC_SPLIT = re.compile(r"(?m)^---[ \t]*(?:#.*)?$")
_NAME = re.compile(r"""^\s{2}name:\s*["']?([^"'\s#]{1,200})""")


@dataclass
class YamlFacts:
    collectors: list[CollectorConfig] = field(default_factory=list)
    signals: list[Signal] = field(default_factory=list)
    workloads: list[Workload] = field(default_factory=list)
    slos: list[Slo] = field(default_factory=list)
    problem: LoadProblem | None = None


def wanted(text: str) -> bool:
    """Whether ``text`` may hold anything this module reads (a few substring tests)."""
    return (
        "exporters" in text
        or "scrape_configs" in text
        or "monitoring.coreos.com" in text
        or "openslo" in text
        or "sloth.slok.dev" in text
        or "slos:" in text
        or "Probe" in text
        or "healthcheck" in text
        or "expr:" in text
        or "OTEL_" in text
        or "services:" in text
        or bool(_WORKLOAD.search(text))
    )


def otel_settings(path: str, text: str) -> Iterator[Signal]:
    """``OTEL_*`` settings (compose ``environment``, Kubernetes ``env``, Dockerfile ``ENV``, .env)."""
    if "OTEL_" not in text:
        return
    for index, line in enumerate(text.splitlines()):
        if "OTEL_" in line:
            match = _OTEL_SETTING.match(line[:400])
            if match:
                yield Signal("otel-env", path, index + 1, match.group(1))


def read_yaml(path: str, text: str) -> YamlFacts:
    out = YamlFacts()
    out.signals.extend(otel_settings(path, text))
    if "{{" in text and "}}" in text:
        _read_template(path, text, out)
        return out
    try:
        located = load_located(text)
    except LoadProblem as exc:
        out.problem = exc
        return out
    for index, doc in enumerate(located.documents):
        if isinstance(doc, dict):
            _read_document(path, doc, located, located.starts[index], out)
    return out


# -- one parsed document --------------------------------------------------------------------------


def _read_document(path: str, doc: dict[str, Any], located: Located, start: int, out: YamlFacts) -> None:
    api = str(doc.get("apiVersion") or "")
    kind = str(doc.get("kind") or "")
    kind_line = located.line(doc, "kind") or start
    meta = doc.get("metadata") if isinstance(doc.get("metadata"), dict) else {}
    name = str(meta.get("name") or "") if isinstance(meta, dict) else ""
    if api.startswith("monitoring.coreos.com/") and kind in MONITORING_KINDS:
        out.signals.append(Signal(kind, path, kind_line, name))
        return
    if api.startswith("openslo/") or api.startswith("sloth.slok.dev/"):
        out.slos.append(_slo(path, doc, api, kind, name, kind_line))
        return
    if str(doc.get("version") or "").startswith("prometheus/v1") and isinstance(doc.get("slos"), list):
        out.slos.append(_sloth_plain(path, doc, located.line(doc, "slos") or start))
        return
    if kind in WORKLOAD_KINDS and "apiVersion" in doc:
        out.workloads.append(_workload(path, doc, kind, name, kind_line))
        return
    if isinstance(doc.get("scrape_configs"), list):
        jobs = [str(j.get("job_name")) for j in doc["scrape_configs"] if isinstance(j, dict)]
        line = located.line(doc, "scrape_configs") or start
        out.signals.append(Signal("scrape-config", path, line, ", ".join(jobs[:5])))
    if _is_rule_file(doc):
        out.signals.append(Signal("rule-file", path, located.line(doc, "groups") or start, ""))
    services = doc.get("services")
    if isinstance(services, dict) and _is_compose(path, services):
        for service, spec in services.items():
            if isinstance(spec, dict):
                out.workloads.append(
                    _compose_service(path, str(service), spec, located.line(services, service))
                )
    found = False
    for config, where in _collector_configs(doc, located, depth=0):
        found = True
        out.collectors.append(_collector(path, config, located, where or start))
    if not found and _component_file(doc):
        out.collectors.append(_collector(path, doc, located, start))


def _is_rule_file(doc: Mapping[str, Any]) -> bool:
    groups = doc.get("groups")
    if not isinstance(groups, list):
        return False
    for group in groups:
        rules = group.get("rules") if isinstance(group, dict) else None
        if isinstance(rules, list) and any(isinstance(r, dict) and "expr" in r for r in rules):
            return True
    return False


def _is_compose(path: str, services: Mapping[str, Any]) -> bool:
    if "compose" in path.rsplit("/", 1)[-1].lower():
        return True  # an override file may only add ports or health checks
    return any(isinstance(s, dict) and ("image" in s or "build" in s) for s in services.values())


def _compose_service(path: str, name: str, spec: Mapping[str, Any], line: int | None) -> Workload:
    check = spec.get("healthcheck")
    probes: tuple[str, ...] = ()
    if isinstance(check, dict) and not check.get("disable") and check.get("test") not in (["NONE"], "NONE"):
        probes = ("healthcheck",)
    serves = bool(spec.get("ports") or spec.get("expose"))
    built = "build" in spec and not any(word in name.lower() for word in _NOT_SERVICES)
    return Workload(path, line or 1, "compose-service", name, probes, serves, built=built)


def _containers(doc: Mapping[str, Any], kind: str) -> list[Any]:
    spec = doc.get("spec") if isinstance(doc.get("spec"), dict) else {}
    if kind != "Pod" and isinstance(spec, dict):
        template = spec.get("template")
        spec = template.get("spec") if isinstance(template, dict) else None
    if not isinstance(spec, dict):
        return []
    containers = spec.get("containers")
    return [c for c in containers if isinstance(c, dict)] if isinstance(containers, list) else []


def _workload(path: str, doc: Mapping[str, Any], kind: str, name: str, line: int) -> Workload:
    probes: set[str] = set()
    serves = False
    for container in _containers(doc, kind):
        for probe in ("liveness", "readiness", "startup"):
            if isinstance(container.get(f"{probe}Probe"), dict):
                probes.add(probe)
        serves = serves or bool(container.get("ports"))
    order = ("liveness", "readiness", "startup")
    return Workload(path, line, kind, name, tuple(p for p in order if p in probes), serves or bool(probes))


# -- OpenTelemetry Collector ----------------------------------------------------------------------


def _collector_configs(
    node: Any, located: Located, depth: int
) -> Iterator[tuple[dict[str, Any], int | None]]:
    """Mappings shaped like a collector config (``exporters`` and ``service.pipelines``), at
    the top or a few levels down (a Helm values ``config:``, a ConfigMap's embedded file)."""
    if depth > 4:
        return
    if isinstance(node, dict):
        service = node.get("service")
        if (
            isinstance(service, dict)
            and isinstance(service.get("pipelines"), dict)
            and ("exporters" in node or "receivers" in node)
        ):
            yield node, located.line(node, "service")
            return
        for key, value in node.items():
            if isinstance(value, str) and "pipelines" in value and "exporters" in value and depth < 4:
                yield from _embedded(value, located.line(node, key))
            else:
                yield from _collector_configs(value, located, depth + 1)


def _embedded(text: str, line: int | None) -> Iterator[tuple[dict[str, Any], int | None]]:
    """A collector config held as a string (a ConfigMap's data): found, located at its key."""
    try:
        inner = load_located(text)
    except LoadProblem:
        return
    for doc in inner.documents:
        service = doc.get("service") if isinstance(doc, dict) else None
        if isinstance(service, dict) and isinstance(service.get("pipelines"), dict):
            yield doc, line


def _collector(path: str, config: dict[str, Any], located: Located, line: int) -> CollectorConfig:
    defined: set[str] = set()
    for section in SECTIONS:
        table = config.get(section)
        if isinstance(table, dict):
            defined.update(f"{section}:{name}" for name in table)
    service = config.get("service")
    pipelines = service.get("pipelines") if isinstance(service, dict) else None
    references: list[Reference] = []
    for pipeline, body in (pipelines or {}).items():
        if not isinstance(body, dict):
            continue
        for section in ("receivers", "processors", "exporters"):
            names = body.get(section)
            if not isinstance(names, list):
                continue
            for index, component in enumerate(names):
                if isinstance(component, str):
                    where = located.line(names, index) or located.line(body, section)
                    references.append(Reference(str(pipeline), section, component, where))
    return CollectorConfig(
        path,
        line,
        tuple(str(p) for p in pipelines or {}),
        tuple(sorted(defined)),
        tuple(references),
    )


def _component_file(doc: Mapping[str, Any]) -> bool:
    """A file that only defines collector components (to be merged with a neighbour)."""
    tables = [doc.get(section) for section in ("receivers", "exporters", "processors", "connectors")]
    return (
        sum(isinstance(t, dict) for t in tables) >= 1
        and ("service" in doc or "exporters" in doc or "connectors" in doc)
        and not isinstance(doc.get("route"), dict)
    )


# -- SLOs -----------------------------------------------------------------------------------------


def _slo(path: str, doc: Mapping[str, Any], api: str, kind: str, name: str, line: int) -> Slo:
    spec = doc.get("spec") if isinstance(doc.get("spec"), dict) else {}
    assert isinstance(spec, dict)
    problems: list[str] = []
    if api.startswith("sloth.slok.dev/"):
        slos = spec.get("slos")
        count = len(slos) if isinstance(slos, list) else 0
        if not spec.get("service"):
            problems.append("spec.service is missing")
        problems += _sloth_slos(slos)
        return Slo(path, line, kind or "PrometheusServiceLevel", name, count, tuple(problems))
    if not name:
        problems.append("metadata.name is missing")
    if kind != "SLO":
        return Slo(path, line, kind, name, 0, tuple(problems))
    objectives = spec.get("objectives")
    count = len(objectives) if isinstance(objectives, list) else 0
    if not count:
        problems.append("spec.objectives is missing or empty")
    if not spec.get("service"):
        problems.append("spec.service is missing")
    if not (spec.get("indicator") or spec.get("indicatorRef")):
        problems.append("neither spec.indicator nor spec.indicatorRef is given")
    if api == "openslo/v1" and not spec.get("timeWindow"):
        problems.append("spec.timeWindow is missing")
    for index, objective in enumerate(objectives if isinstance(objectives, list) else []):
        if isinstance(objective, dict) and not any(
            k in objective for k in ("target", "targetPercent", "value")
        ):
            problems.append(f"spec.objectives[{index}] has no target")
    return Slo(path, line, kind, name, count, tuple(problems))


def _sloth_slos(slos: Any) -> list[str]:
    if not isinstance(slos, list) or not slos:
        return ["spec.slos is missing or empty"]
    problems = []
    for index, slo in enumerate(slos):
        if not isinstance(slo, dict):
            problems.append(f"slos[{index}] is not a mapping")
            continue
        if not isinstance(slo.get("objective"), (int, float)):
            problems.append(f"slos[{index}].objective is not a number")
        if not isinstance(slo.get("sli"), dict):
            problems.append(f"slos[{index}].sli is missing")
    return problems


def _sloth_plain(path: str, doc: Mapping[str, Any], line: int) -> Slo:
    problems = _sloth_slos(doc.get("slos"))
    if not doc.get("service"):
        problems.insert(0, "service is missing")
    return Slo(path, line, "sloth", str(doc.get("service") or ""), len(doc["slos"]), tuple(problems))


# -- Helm templates, read as text -----------------------------------------------------------------


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    """(first line, text) of each ``---`` separated document."""
    begin = 0
    for match in _DOC_SPLIT.finditer(text):
        yield text.count("\n", 0, begin) + 1, text[begin : match.start()]
        begin = match.end()
    yield text.count("\n", 0, begin) + 1, text[begin:]


def _chart_name(path: str) -> str:
    """``charts/x/templates/deployment.yaml`` -> ``x/deployment``: a templated name is unknown."""
    parts = path.split("/")
    stem = parts[-1].rsplit(".", 1)[0]
    if "templates" in parts[:-1]:
        at = len(parts) - 1 - parts[::-1].index("templates")
        if at > 0:
            return f"{parts[at - 1]}/{stem}"
    return stem


def _read_template(path: str, text: str, out: YamlFacts) -> None:
    for start_line, chunk in _chunks(text):
        workload = _WORKLOAD.search(chunk)
        monitoring = _MONITORING.search(chunk)
        match = workload or monitoring
        if match is None:
            continue
        line = start_line + chunk.count("\n", 0, match.start(1))
        name = ""
        for candidate in chunk.splitlines():
            found = _NAME.match(candidate)
            if found:
                name = found.group(1)
                break
        if "{{" in name or not name:
            name = _chart_name(path)
        if monitoring and "monitoring.coreos.com" in chunk:
            out.signals.append(Signal(monitoring.group(1), path, line, name))
        elif workload:
            probes = tuple(p for p in ("liveness", "readiness", "startup") if f"{p}Probe" in chunk)
            serves = "containerPort" in chunk or "ports:" in chunk or bool(probes)
            out.workloads.append(
                Workload(path, line, workload.group(1), name, probes, serves, templated=True)
            )

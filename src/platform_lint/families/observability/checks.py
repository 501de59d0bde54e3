"""Check types of the observability family: judged from what files hold, never their names.

- ``observability.instrumentation``: a manifest declares a telemetry library as a direct
  dependency (OpenTelemetry, a Prometheus client, Micrometer, ...).
- ``observability.telemetry-config``: an OpenTelemetry Collector config, a Prometheus
  scrape config, rule file or monitoring CRD, or ``OTEL_*`` settings are committed.
- ``observability.collector-pipelines``: every component a collector pipeline names is
  defined in its config.
- ``observability.health-probes``: every workload that serves declares a health probe
  (Kubernetes liveness/readiness/startup probes, compose ``healthcheck``).
- ``observability.slo``: OpenSLO or Sloth service level objectives are written down, well formed.
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from platform_lint.families.check_type import CheckInput, CheckType
from platform_lint.families.collector import FactRequest
from platform_lint.families.observability import examples
from platform_lint.families.observability.collect import DEFAULT_MAX_FILES
from platform_lint.families.observability.facts import OBSERVABILITY
from platform_lint.families.observability.manifests import LIBRARIES
from platform_lint.families.observability.model import CollectorConfig, Reference, Workload
from platform_lint.families.shared.listing import SCOPE_KINDS, in_scope
from platform_lint.model import Finding, Location, Outcome

DEFAULT_IGNORE_IN = ("fixture", "example", "vendored", "template")
SIGNAL_KINDS = (
    "collector",
    "scrape-config",
    "rule-file",
    "ServiceMonitor",
    "PodMonitor",
    "PrometheusRule",
    "Probe",
    "ScrapeConfig",
    "otel-env",
)
_SCOPES = {"enum": list(SCOPE_KINDS)}
_IGNORE_IN = {
    "type": "array",
    "items": _SCOPES,
    "uniqueItems": True,
    "default": list(DEFAULT_IGNORE_IN),
    "description": "files of these kinds (not the product: test fixtures, examples, vendored code, "
    "template payload) are not counted",
}
T = TypeVar("T")
_MAX_FILES = {
    "type": "integer",
    "minimum": 1,
    "default": DEFAULT_MAX_FILES,
    "description": "YAML files read at most, likeliest first (deployment, chart, compose and telemetry "
    "folders, then shallower paths); the rest are reported as unread",
}


def _needs(params: Mapping[str, Any]) -> tuple[FactRequest[Any], ...]:
    return (FactRequest(OBSERVABILITY, (int(params.get("max_files", DEFAULT_MAX_FILES)),)),)


def _with_unread(outcome: Outcome, unread: int) -> Outcome:
    """The outcome, with a note when YAML files were left unread (the verdict may miss them)."""
    if not unread:
        return outcome
    note = Finding("unread", {"count": unread}, key="unread")
    return dataclasses.replace(outcome, evidence=(*outcome.evidence, note))


_UNREAD = "{count} YAML files past the max_files budget were not read"


def _in_scope(items: Sequence[T], params: Mapping[str, Any]) -> list[T]:
    return in_scope(items, params, DEFAULT_IGNORE_IN)


# -- observability.instrumentation ----------------------------------------------------------------


def instrumentation(inp: CheckInput) -> Outcome:
    return _with_unread(_instrumentation(inp), inp.facts[OBSERVABILITY].unread_yaml)


def _instrumentation(inp: CheckInput) -> Outcome:
    facts = inp.facts[OBSERVABILITY]
    if not facts.manifests:
        return Outcome.not_applicable("no package manifest declares dependencies here")
    libraries = set(inp.params.get("libraries") or LIBRARIES)
    deps = [d for d in _in_scope(facts.dependencies, inp.params) if d.library in libraries]
    if not deps:
        return Outcome.failed(
            Finding(
                "no-library",
                {"count": len(facts.manifests), "libraries": sorted(libraries)},
                Location(facts.manifests[0]),
                key="no-library",
            )
        )
    shown: dict[tuple[str, str], Finding] = {}
    for dep in deps:
        shown.setdefault(
            (dep.manifest, dep.library),
            Finding(
                "declared",
                {"path": dep.manifest, "package": dep.package, "library": dep.library},
                Location(dep.manifest, dep.line),
                key=f"{dep.manifest}:{dep.package}",
            ),
        )
    return Outcome.passed(*list(shown.values())[:10])


INSTRUMENTATION = CheckType(
    id="observability.instrumentation",
    summary="A package manifest declares a telemetry library (OpenTelemetry, a Prometheus client, "
    "Micrometer, ...) as a direct dependency.",
    why="Traces and metrics exist only where code emits them. A telemetry SDK among the service's own "
    "dependencies is the evidence; a package merely named after OpenTelemetry, or an indirect "
    "dependency pulled in by something else, is not.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "libraries": {
                "type": "array",
                "items": {"enum": sorted(LIBRARIES)},
                "uniqueItems": True,
                "minItems": 1,
                "description": "which libraries count (default: all of them)",
            },
            "ignore_in": _IGNORE_IN,
            "max_files": _MAX_FILES,
        },
    },
    run=instrumentation,
    needs=_needs,
    messages={
        "unread": _UNREAD,
        "declared": "{path} depends on {package} ({library})",
        "no-library": "none of the {count} package manifests declares a telemetry library as a direct "
        "dependency (looked for {libraries})",
    },
    remediation="Add the OpenTelemetry SDK (or a Prometheus client library) to the service's own "
    "dependencies and instrument its entry points, so traces and metrics exist before the first "
    "incident, not after it.",
    examples=examples.INSTRUMENTATION,
)


# -- observability.telemetry-config ---------------------------------------------------------------


def telemetry_config(inp: CheckInput) -> Outcome:
    return _with_unread(_telemetry_config(inp), inp.facts[OBSERVABILITY].unread_yaml)


def _telemetry_config(inp: CheckInput) -> Outcome:
    facts = inp.facts[OBSERVABILITY]
    accept = set(inp.params.get("accept") or SIGNAL_KINDS)
    evidence: list[Finding] = []
    if "collector" in accept:
        for config in _in_scope(facts.collectors, inp.params):
            if not config.pipelines:
                continue  # a file of components only: part of a config, counted with it
            evidence.append(
                Finding(
                    "collector",
                    {"path": config.path, "pipelines": list(config.pipelines)},
                    Location(config.path, config.line),
                    key=f"collector:{config.path}",
                )
            )
    seen: set[tuple[str, str]] = set()
    for signal in _in_scope(facts.signals, inp.params):
        if signal.kind not in accept or (signal.kind, signal.path) in seen:
            continue
        seen.add((signal.kind, signal.path))
        evidence.append(
            Finding(
                "signal",
                {"path": signal.path, "kind": signal.kind, "name": signal.name or "-"},
                Location(signal.path, signal.line),
                key=f"{signal.kind}:{signal.path}",
            )
        )
    if evidence:
        return Outcome.passed(*evidence[:10])
    return Outcome.failed(Finding("missing", {"kinds": sorted(accept)}, key="missing"))


TELEMETRY_CONFIG = CheckType(
    id="observability.telemetry-config",
    summary="Telemetry configuration is committed: an OpenTelemetry Collector config, a Prometheus "
    "scrape config or rule file, a ServiceMonitor/PodMonitor/PrometheusRule, or OTEL_* settings.",
    why="Telemetry that is configured by hand in a console is neither reviewed nor reproducible. Each "
    "of these is recognised by what the file holds (a collector config has receivers, exporters and "
    "service.pipelines), so release notes or docs that happen to be called otel-something do not count.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "accept": {
                "type": "array",
                "items": {"enum": list(SIGNAL_KINDS)},
                "uniqueItems": True,
                "minItems": 1,
                "description": "which kinds of configuration count (default: all)",
            },
            "ignore_in": _IGNORE_IN,
            "max_files": _MAX_FILES,
        },
    },
    run=telemetry_config,
    needs=_needs,
    messages={
        "unread": _UNREAD,
        "collector": "{path} is an OpenTelemetry Collector config (pipelines: {pipelines})",
        "signal": "{path} holds telemetry configuration: {kind} {name}",
        "missing": "no telemetry configuration found by content (looked for {kinds})",
    },
    remediation="Commit the collector, scrape or alerting configuration with the service (or set "
    "OTEL_* variables in its deployment), so its observability is reviewed and versioned like its code.",
    examples=examples.TELEMETRY_CONFIG,
)


# -- observability.collector-pipelines ------------------------------------------------------------


def undefined_references(configs: Sequence[CollectorConfig]) -> list[tuple[CollectorConfig, Reference]]:
    """References no config file of the same folder defines: the collector merges the files it
    is given (``--config a.yaml --config b.yaml``), and they sit side by side."""
    defined: dict[str, set[str]] = {}
    for config in configs:
        defined.setdefault(posixpath.dirname(config.path), set()).update(config.components)
    out = []
    for config in configs:
        known = defined[posixpath.dirname(config.path)]
        for ref in config.references:
            if f"{ref.section}:{ref.component}" in known:
                continue
            if ref.section in ("receivers", "exporters") and f"connectors:{ref.component}" in known:
                continue  # a connector is an exporter of one pipeline and a receiver of another
            out.append((config, ref))
    return out


def collector_pipelines(inp: CheckInput) -> Outcome:
    return _with_unread(_collector_pipelines(inp), inp.facts[OBSERVABILITY].unread_yaml)


def _collector_pipelines(inp: CheckInput) -> Outcome:
    facts = inp.facts[OBSERVABILITY]
    configs = _in_scope(facts.collectors, inp.params)
    broken = [u for u in facts.unparsed if u.path.endswith((".yaml", ".yml"))]
    if not any(c.pipelines for c in configs) and not broken:
        return Outcome.not_applicable("no OpenTelemetry Collector config in the repository")
    undefined = undefined_references(configs)
    findings = [
        Finding(
            "undefined",
            {
                "path": config.path,
                "pipeline": ref.pipeline,
                "section": ref.section,
                "component": ref.component,
            },
            Location(config.path, ref.line or config.line),
            key=f"{config.path}:{ref.pipeline}:{ref.section}:{ref.component}",
        )
        for config, ref in undefined
    ]
    findings += [
        Finding("unparsed", {"path": u.path, "problem": u.problem}, u.location, key=f"unparsed:{u.path}")
        for u in broken
    ]
    failing = {config.path for config, _ in undefined}
    evidence = [
        Finding(
            "valid",
            {"path": c.path, "pipelines": len(c.pipelines), "components": len(c.components)},
            Location(c.path, c.line),
            key=f"valid:{c.path}",
        )
        for c in configs
        if c.pipelines and c.path not in failing
    ]
    return Outcome.from_findings(findings, *evidence[:10])


COLLECTOR_PIPELINES = CheckType(
    id="observability.collector-pipelines",
    summary="Every receiver, processor and exporter an OpenTelemetry Collector pipeline names is "
    "defined in its config.",
    why="The collector refuses to start when a pipeline names a component the config does not define, "
    "so the typo surfaces in production as missing telemetry. Here it surfaces on the pull request, "
    "at its line.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {"ignore_in": _IGNORE_IN, "max_files": _MAX_FILES},
    },
    run=collector_pipelines,
    needs=_needs,
    messages={
        "unread": _UNREAD,
        "undefined": "{path}: pipeline {pipeline} names {section} '{component}', "
        "which the config does not define",
        "unparsed": "{path} looks like telemetry configuration but does not parse: {problem}",
        "valid": "{path}: {pipelines} pipelines over {components} defined components",
    },
    remediation="Define the component under its section (receivers, processors, exporters or connectors) "
    "or correct its name in service.pipelines.",
    examples=examples.COLLECTOR_PIPELINES,
)


# -- observability.health-probes ------------------------------------------------------------------


def _satisfies(probes: tuple[str, ...], require: str) -> bool:
    if require == "any":
        return bool(probes)
    if "healthcheck" in probes:
        return True
    if require == "both":
        return "liveness" in probes and "readiness" in probes
    return require in probes


def merged_compose(workloads: Sequence[Workload]) -> list[Workload]:
    """Compose services merged across the compose files of one folder (an override file adds
    ports or a healthcheck to the service its base file defines), as compose merges them."""
    merged: dict[tuple[str, str], Workload] = {}
    others: list[Workload] = []
    for w in workloads:
        if w.kind != "compose-service":
            others.append(w)
            continue
        key = (posixpath.dirname(w.path), w.name)
        first = merged.get(key)
        if first is None:
            merged[key] = w
            continue
        merged[key] = dataclasses.replace(
            first if first.serves or not w.serves else w,
            probes=tuple(sorted(set(first.probes) | set(w.probes))),
            serves=first.serves or w.serves,
            built=first.built or w.built,
        )
    return others + list(merged.values())


def health_probes(inp: CheckInput) -> Outcome:
    return _with_unread(_health_probes(inp), inp.facts[OBSERVABILITY].unread_yaml)


def _health_probes(inp: CheckInput) -> Outcome:
    facts = inp.facts[OBSERVABILITY]
    require = inp.params.get("require", "any")
    include_compose = inp.params.get("include_compose", True)
    workloads = [
        w
        for w in merged_compose(_in_scope(facts.workloads, inp.params))
        if w.kind != "Dockerfile" and (include_compose or w.kind != "compose-service")
    ]
    serving = [w for w in workloads if w.serves and w.built]
    if not serving:
        return Outcome.not_applicable(
            "no Kubernetes workload, and no compose service the repository builds, serves a port"
        )
    findings = [
        Finding(
            "no-probe",
            {"path": w.path, "kind": w.kind, "name": w.name or "(unnamed)", "require": require},
            Location(w.path, w.line),
            key=f"{w.path}:{w.kind}:{w.name}",
        )
        for w in serving
        if not _satisfies(w.probes, require)
    ]
    evidence = [
        Finding(
            "probed",
            {"path": w.path, "kind": w.kind, "name": w.name or "(unnamed)", "probes": list(w.probes)},
            Location(w.path, w.line),
            key=f"probed:{w.path}:{w.kind}:{w.name}",
        )
        for w in serving
        if _satisfies(w.probes, require)
    ]
    evidence.append(
        Finding("counted", {"serving": len(serving), "probed": len(serving) - len(findings)}, key="counted")
    )
    return Outcome.from_findings(findings, *evidence[-6:])


HEALTH_PROBES = CheckType(
    id="observability.health-probes",
    summary="Every Kubernetes workload, and every compose service the repository builds, that serves a "
    "port declares a health check.",
    why="Without liveness and readiness probes the platform cannot tell a starting, healthy and stuck "
    "instance apart: traffic reaches pods that cannot answer and hung ones are never restarted.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "require": {
                "enum": ["any", "readiness", "liveness", "both"],
                "default": "any",
                "description": "which probe each workload needs (a compose healthcheck counts for every one)",
            },
            "include_compose": {
                "type": "boolean",
                "default": True,
                "description": "judge docker compose services too",
            },
            "ignore_in": _IGNORE_IN,
            "max_files": _MAX_FILES,
        },
    },
    run=health_probes,
    needs=_needs,
    messages={
        "unread": _UNREAD,
        "no-probe": "{path}: {kind} {name} serves a port but declares no health check (required: {require})",
        "probed": "{path}: {kind} {name} declares {probes}",
        "counted": "{probed} of {serving} serving workloads declare a health check",
    },
    remediation="Add readinessProbe and livenessProbe to each container that serves (an HTTP /healthz or "
    "a TCP check), or a healthcheck: to each compose service.",
    examples=examples.HEALTH_PROBES,
)


# -- observability.slo ----------------------------------------------------------------------------


def slo(inp: CheckInput) -> Outcome:
    return _with_unread(_slo(inp), inp.facts[OBSERVABILITY].unread_yaml)


def _slo(inp: CheckInput) -> Outcome:
    facts = inp.facts[OBSERVABILITY]
    slos = _in_scope(facts.slos, inp.params)
    findings = [
        Finding(
            "malformed",
            {"path": s.path, "kind": s.kind, "name": s.name or "(unnamed)", "problems": list(s.problems)},
            Location(s.path, s.line),
            key=f"{s.path}:{s.kind}:{s.name}",
        )
        for s in slos
        if s.problems
    ]
    objectives = [s for s in slos if s.objectives]
    if not objectives and not findings:
        return Outcome.failed(Finding("missing", {}, key="missing"))
    evidence = [
        Finding(
            "defined",
            {"path": s.path, "kind": s.kind, "name": s.name or "(unnamed)", "objectives": s.objectives},
            Location(s.path, s.line),
            key=f"defined:{s.path}:{s.name}",
        )
        for s in objectives
    ]
    return Outcome.from_findings(findings, *evidence[:10])


SLO = CheckType(
    id="observability.slo",
    summary="Service level objectives are written down as OpenSLO or Sloth documents, and each is "
    "well formed.",
    why="An SLO tells users what to expect and the team when to stop shipping features. Written as "
    "OpenSLO (apiVersion openslo/v1) or Sloth (sloth.slok.dev/v1), it can generate alerts and "
    "dashboards; in a wiki it cannot.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {"ignore_in": _IGNORE_IN, "max_files": _MAX_FILES},
    },
    run=slo,
    needs=_needs,
    messages={
        "unread": _UNREAD,
        "defined": "{path}: {kind} {name} defines {objectives} objective(s)",
        "malformed": "{path}: {kind} {name} is incomplete: {problems}",
        "missing": "no OpenSLO or Sloth service level objective found",
    },
    remediation="Define SLOs for availability and latency as OpenSLO (kind: SLO with service, indicator, "
    "timeWindow and objectives) or Sloth (PrometheusServiceLevel with slos: name, objective, sli).",
    examples=examples.SLO,
)

CHECK_TYPES = (INSTRUMENTATION, TELEMETRY_CONFIG, COLLECTOR_PIPELINES, HEALTH_PROBES, SLO)

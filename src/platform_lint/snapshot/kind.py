"""What kind of repository this is: a service, a library, a CLI, a template collection, a spec
repository or infrastructure, told from real signals in the repository's own product.

* **service**: a deployable image (a Dockerfile that ``EXPOSE``\\ s a port, has a
  ``HEALTHCHECK`` or starts a long-running server) *and* a deployment manifest (a Kubernetes
  Deployment/StatefulSet/DaemonSet/Rollout or Knative Service, a Helm chart, a compose service
  with ``ports``, a Procfile, app.yaml, fly.toml, serverless.yml, render.yaml). A Dockerfile that
  only builds or tests is no service.
* **template-collection**: template payload (``snapshot.scope``) makes up a large part of
  the repository.
* **infrastructure**: Helm charts, Terraform modules or manifests without an image to run.
* **spec-repository**: mostly OpenAPI/AsyncAPI documents or protobuf files.
* **cli**: a Go module with a ``main`` package under ``cmd/`` (or at the root), a Rust crate
  with only a binary, a Node package with ``bin`` and nothing to import.
* **library**: a published package: pyproject ``[project]``, setup.py/cfg, a package.json
  that is not ``"private": true``, a Go module, a Rust library crate, a gemspec, Maven/Gradle.

The first that holds, in this order, is the kind; ``unknown`` when none does. Only files of
the product are read (a Dockerfile in template payload or examples tells nothing), and few of
them: Dockerfiles, compose files, package descriptors and at most :data:`MAX_MANIFEST_READS`
candidate manifests, chosen by their folder and name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from platform_lint.snapshot.base import RepoSnapshot
from platform_lint.snapshot.scope import Scope

UNKNOWN = "unknown"
MAX_READ = 256 * 1024
MAX_DOCKERFILES = 50
MAX_MANIFEST_READS = 300
TEMPLATE_SHARE = 0.3
SPEC_SHARE = 0.3
MAX_SPEC_BYTES = 256 * 1024 * 1024
"""Bytes read, in all, to count the OpenAPI/AsyncAPI documents of a repository made mostly of data."""


@dataclass(frozen=True)
class RepoKind:
    """The kind (one of ``model.REPO_KINDS`` or ``unknown``), why (``evidence``, a few short
    lines naming files) and where it came from: ``detected`` or ``policy`` (``kind:``)."""

    kind: str
    evidence: tuple[str, ...] = ()
    source: str = "detected"


_MANIFEST_DIRS = frozenset(
    {
        "deploy",
        "deployment",
        "deployments",
        "k8s",
        "kubernetes",
        "kubernetes-manifests",
        "manifests",
        "kustomize",
        "helm",
        "charts",
        "chart",
        "infra",
        "ops",
        "overlays",
        "base",
        ".k8s",
    }
)
_WORKLOAD = re.compile(
    rb"^kind:[ \t]*['\"]?(Deployment|StatefulSet|DaemonSet|Rollout|DeploymentConfig)\b", re.MULTILINE
)
_KNATIVE = re.compile(rb"serving\.knative\.dev")
_PLATFORM_FILES = {
    "Procfile": "a Procfile",
    "app.yaml": "an App Engine app.yaml",
    "fly.toml": "a fly.toml",
    "serverless.yml": "a serverless.yml",
    "serverless.yaml": "a serverless.yaml",
    "render.yaml": "a render.yaml",
    "railway.json": "a railway.json",
    "railway.toml": "a railway.toml",
}
_COMPOSE = re.compile(r"^(?:docker-)?compose(?:\.[\w-]+)?\.ya?ml$")
_PORTS = re.compile(r"^[ \t]+ports:", re.MULTILINE)
_SERVER_WORDS = re.compile(
    r"\b(?:serve|server|serving|runserver|uvicorn|gunicorn|hypercorn|daphne|puma|unicorn|nginx|httpd|"
    r"caddy|controller|operator|daemon|agent|collector|gateway|proxy|api|web|start|java|node|dotnet|"
    r"npm|yarn|pnpm|fastapi|flask|rails|php-fpm|--port|--listen|--bind)\b",
    re.IGNORECASE,
)
_BUILD_ONLY_WORDS = re.compile(r"\b(?:pytest|test|tests|lint|sh|bash|make)\b")


def _read(snapshot: RepoSnapshot, path: str) -> str | None:
    return snapshot.read(path, MAX_READ).text


def _instructions(text: str) -> list[tuple[str, str]]:
    """Dockerfile instructions as (KEYWORD, arguments), continuation lines joined."""
    out: list[tuple[str, str]] = []
    joined = re.sub(r"\\[ \t]*\r?\n", " ", text)
    for line in joined.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        keyword, _, rest = stripped.partition(" ")
        out.append((keyword.upper(), rest.strip()))
    return out


def image_evidence(text: str) -> str | None:
    """Why a Dockerfile builds a deployable image (None when it only builds or tests)."""
    found: list[str] = []
    runs: list[str] = []
    for keyword, rest in _instructions(text):
        if keyword == "EXPOSE" and rest:
            found.append(f"EXPOSE {rest.split()[0]}")
        elif keyword == "HEALTHCHECK" and not rest.upper().startswith("NONE"):
            found.append("HEALTHCHECK")
        elif keyword in ("CMD", "ENTRYPOINT") and rest:
            runs.append(f"{keyword} {' '.join(rest.split())[:60]}")
    if found:
        return ", ".join(found + runs[-1:])
    for run in runs:
        if _SERVER_WORDS.search(run) and not _BUILD_ONLY_WORDS.search(run):
            return run
    return None


def _dockerfiles(scope: Scope) -> list[str]:
    out = [
        p
        for p in scope.product
        if (name := p.rpartition("/")[2]) in ("Dockerfile", "Containerfile")
        or name.startswith("Dockerfile.")
        or name.endswith(".Dockerfile")
    ]
    return sorted(out, key=lambda p: (p.count("/"), p))[:MAX_DOCKERFILES]


def _images(snapshot: RepoSnapshot, scope: Scope) -> list[str]:
    found = []
    for path in _dockerfiles(scope):
        text = _read(snapshot, path)
        why = image_evidence(text) if text is not None else None
        if why is not None:
            found.append(f"{path}: {why}")
    return found


def _manifests(snapshot: RepoSnapshot, scope: Scope) -> list[str]:
    found: list[str] = []
    for path in scope.product:
        name = path.rpartition("/")[2]
        if name in _PLATFORM_FILES:
            found.append(f"{path}: {_PLATFORM_FILES[name]}")
        elif name == "Chart.yaml":
            found.append(f"{path}: a Helm chart")
        if len(found) >= 3:
            return found
    for path in scope.product:
        if _COMPOSE.match(path.rpartition("/")[2]):
            text = _read(snapshot, path)
            if text is not None and _PORTS.search(text):
                found.append(f"{path}: a compose service with ports")
                break
    reads = 0
    for path in _manifest_candidates(scope.product):
        if reads >= MAX_MANIFEST_READS or len(found) >= 3:
            break
        reads += 1
        raw = snapshot.read_bytes(path, MAX_READ)
        if raw is None:
            continue
        match = _WORKLOAD.search(raw)
        if match is not None:
            found.append(f"{path}: kind: {match.group(1).decode()}")
        elif _KNATIVE.search(raw) and re.search(rb"^kind:[ \t]*Service\b", raw, re.MULTILINE):
            found.append(f"{path}: a Knative Service")
    return found


def _manifest_candidates(paths: Iterable[str]) -> list[str]:
    named: list[str] = []
    foldered: list[str] = []
    for path in paths:
        if not path.endswith((".yaml", ".yml")) or path.startswith(("docs/", "doc/")):
            continue  # a manifest in the documentation shows how, it deploys nothing
        parts = path.split("/")
        lowered = parts[-1].lower()
        if any(
            w in lowered for w in ("deploy", "k8s", "kube", "manifest", "install", "rollout", "statefulset")
        ):
            named.append(path)
        elif any(part in _MANIFEST_DIRS for part in parts[:-1]):
            foldered.append(path)
    return foldered + named


def _template_share(scope: Scope) -> tuple[float, list[str]]:
    roots = sorted({e.root for e in scope.excluded.values() if e.kind == "template"})
    files = sum(1 for e in scope.excluded.values() if e.kind == "template")
    total = max(1, len(scope.files))
    return files / total, roots


def _infrastructure(scope: Scope) -> tuple[float, list[str]]:
    charts = [p for p in scope.product if p.rpartition("/")[2] == "Chart.yaml"]
    chart_dirs = tuple(p.rpartition("/")[0] + "/" if "/" in p else "" for p in charts)
    terraform = [p for p in scope.product if p.endswith(".tf")]
    count = len(terraform)
    if chart_dirs:
        count += sum(
            1 for p in scope.product if any(p.startswith(d) for d in chart_dirs if d) or "" in chart_dirs
        )
    evidence = []
    if charts:
        evidence.append(f"{len(charts)} Helm chart(s): {', '.join(charts[:3])}")
    if terraform:
        roots = sorted({p.rpartition("/")[0] or "." for p in terraform})
        evidence.append(f"{len(terraform)} Terraform file(s) in {', '.join(roots[:3])}")
    return count / max(1, len(scope.product)), evidence


_SPEC_MARKER = re.compile(
    rb"^[\"']?(?:openapi|swagger|asyncapi)[\"']?[ \t]*:[ \t]*[\"']?[0-9]"
    rb"|\"(?:openapi|swagger|asyncapi)\"[ \t]*:[ \t]*\"[0-9]",
    re.MULTILINE,
)


def _specs(snapshot: RepoSnapshot, scope: Scope) -> tuple[float, list[str]]:
    product = scope.product
    data = [p for p in product if p.endswith((".yaml", ".yml", ".json"))]
    protos = [p for p in product if p.endswith(".proto")]
    total = max(1, len(product))
    if len(protos) / total >= SPEC_SHARE and len(protos) >= 3:
        return len(protos) / total, [f"{len(protos)} of {len(product)} files are protobuf"]
    if len(data) / total < SPEC_SHARE or len(data) < 3:
        return 0.0, []
    specs = 0
    budget = MAX_SPEC_BYTES
    for path in data[:MAX_MANIFEST_READS]:
        size = snapshot.size(path) or 0
        if size > budget:
            break
        budget -= size
        raw = snapshot.read_bytes(path)
        if raw is not None and _SPEC_MARKER.search(raw):
            specs += 1
    share = specs / min(total, MAX_MANIFEST_READS)
    return share, [f"{specs} of {len(product)} files are OpenAPI/AsyncAPI documents"] if specs else []


_PY_PROJECT = re.compile(r"^\[(?:project|tool\.poetry)\]", re.MULTILINE)
_PY_SCRIPTS = re.compile(r"^\[(?:project\.scripts|tool\.poetry\.scripts)\]\s*\n([^\[]*)", re.MULTILINE)
_SETUP_CFG = re.compile(r"^\[metadata\]", re.MULTILINE)
_GO_MAIN = re.compile(r"^package[ \t]+main\b", re.MULTILINE)


def _packages(snapshot: RepoSnapshot, scope: Scope) -> tuple[list[str], list[str]]:
    """(evidence of a command-line tool, evidence of a library)."""
    cli: list[str] = []
    lib: list[str] = []
    product = set(scope.product)
    if "go.mod" in product:
        mains = sorted(p for p in product if re.fullmatch(r"cmd/[^/]+/main\.go", p))
        if not mains and "main.go" in product:
            text = _read(snapshot, "main.go")
            if text is not None and _GO_MAIN.search(text):
                mains = ["main.go"]
        if mains:
            cli.append(f"go.mod with a main package: {', '.join(mains[:3])}")
        else:
            lib.append("go.mod (a Go module)")
    if "Cargo.toml" in product:
        if "src/main.rs" in product and "src/lib.rs" not in product:
            cli.append("Cargo.toml with a binary crate (src/main.rs)")
        else:
            lib.append("Cargo.toml (a Rust crate)")
    if "package.json" in product:
        text = _read(snapshot, "package.json") or ""
        private = re.search(r"\"private\"[ \t]*:[ \t]*true", text) is not None
        has_bin = re.search(r"\"bin\"[ \t]*:", text) is not None
        has_main = re.search(r"\"(?:main|exports|module|types)\"[ \t]*:", text) is not None
        if has_bin and not has_main:
            cli.append("package.json with bin")
        elif not private and re.search(r"\"name\"[ \t]*:", text) and (has_main or has_bin):
            lib.append("package.json (a published package)")
    pyprojects = sorted((p for p in product if p.rpartition("/")[2] == "pyproject.toml"), key=len)[:20]
    for path in pyprojects:
        text = _read(snapshot, path) or ""
        if _PY_PROJECT.search(text):
            scripts = _PY_SCRIPTS.search(text)
            names = (
                re.findall(r"^[ \t]*\"?([\w.-]+)\"?[ \t]*=", scripts.group(1), re.MULTILINE)
                if scripts
                else []
            )
            also = f", also installs the command {', '.join(names[:3])}" if names else ""
            lib.append(f"{path} [project]{also}")
            break
    for name in ("setup.py", "setup.cfg"):
        if name in product and not lib:
            text = _read(snapshot, name) or ""
            if name == "setup.py" or _SETUP_CFG.search(text):
                lib.append(f"{name} (a Python package)")
    for name, what in (
        ("pom.xml", "a Maven project"),
        ("build.gradle", "a Gradle project"),
        ("build.gradle.kts", "a Gradle project"),
    ):
        if name in product:
            lib.append(f"{name} ({what})")
    gemspecs = [p for p in product if p.endswith(".gemspec") and "/" not in p]
    if gemspecs:
        lib.append(f"{gemspecs[0]} (a Ruby gem)")
    return cli, lib


def detect_kind(snapshot: RepoSnapshot) -> RepoKind:
    """The repository's kind, from the product of ``snapshot.scope``."""
    scope = snapshot.scope
    images = _images(snapshot, scope)
    manifests = _manifests(snapshot, scope) if images else []
    if images and manifests:
        return RepoKind("service", tuple(images[:3] + manifests[:3]))
    share, roots = _template_share(scope)
    if share >= TEMPLATE_SHARE and roots:
        return RepoKind(
            "template-collection",
            (
                f"{share:.0%} of the files are template payload, in {len(roots)} template(s): "
                + ", ".join(roots[:3]),
            ),
        )
    if not images:
        manifests = _manifests(snapshot, scope)
    infra_share, infra = _infrastructure(scope)
    cli, lib = _packages(snapshot, scope)
    if infra and (infra_share >= 0.3 or not (cli or lib)):
        return RepoKind("infrastructure", tuple(infra))
    spec_share, specs = _specs(snapshot, scope)
    if specs and spec_share >= SPEC_SHARE:
        build_only = [f"{p}: builds, serves nothing" for p in _dockerfiles(scope)[:1]]
        return RepoKind("spec-repository", tuple(specs + build_only))
    if manifests and not (cli or lib):
        return RepoKind("infrastructure", tuple(manifests))
    if cli:
        return RepoKind("cli", tuple(cli + images[:1] + manifests[:1]))
    if lib:
        notes = [f"{i} (no deployment manifest)" for i in images[:1]] or [
            f"{p}: builds an image, serves nothing" for p in _dockerfiles(scope)[:1]
        ]
        return RepoKind("library", tuple(lib + notes))
    return RepoKind(UNKNOWN, tuple(images[:2] + manifests[:2]))

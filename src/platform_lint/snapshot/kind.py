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
from dataclasses import dataclass, field

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


@dataclass
class _Survey:
    """What one pass over the product's listing finds (no file read yet)."""

    dockerfiles: list[str] = field(default_factory=list)
    platform: list[str] = field(default_factory=list)
    charts: list[str] = field(default_factory=list)
    compose: list[str] = field(default_factory=list)
    terraform: list[str] = field(default_factory=list)
    data: list[str] = field(default_factory=list)
    protos: int = 0
    named_manifests: list[str] = field(default_factory=list)
    foldered_manifests: list[str] = field(default_factory=list)
    pyprojects: list[str] = field(default_factory=list)
    gemspecs: list[str] = field(default_factory=list)
    go_mains: list[str] = field(default_factory=list)


_MANIFEST_WORDS = ("deploy", "k8s", "kube", "manifest", "install", "rollout", "statefulset")
_MANIFEST_WORD = re.compile("|".join(_MANIFEST_WORDS))


_SURVEYED_EXTENSIONS = frozenset(
    {".yaml", ".yml", ".json", ".tf", ".proto", ".toml", ".gemspec", ".go", ".Dockerfile"}
)


def _candidates(scope: Scope) -> list[str]:
    """The product files :func:`_survey` looks at (by extension and by name, through the
    listing's index), in listing order: the other files need no step of their own."""
    index = scope.product_index
    found: set[str] = set()
    for extension in _SURVEYED_EXTENSIONS - {".go"}:  # of Go files only cmd/*/main.go counts
        found.update(index.with_extension(extension))
    for name in (*_PLATFORM_FILES, "main.go"):
        found.update(index.named(name))
    for prefix in ("Dockerfile", "Containerfile"):
        found.update(index.names_starting(prefix))
    return sorted(found)


def _survey(product: Iterable[str]) -> _Survey:
    found = _Survey()
    in_manifest_dir: dict[str, bool] = {}
    for path in product:
        slash = path.rfind("/")
        name = path[slash + 1 :]
        dot = name.rfind(".")
        extension = name[dot:] if dot > 0 else ""
        if extension not in _SURVEYED_EXTENSIONS and not (
            name in _PLATFORM_FILES or name.startswith(("Dockerfile", "Containerfile"))
        ):
            continue  # most files: one look at the extension
        directory = path[:slash] if slash >= 0 else ""
        if extension in (".yaml", ".yml"):
            found.data.append(path)
            if name == "Chart.yaml":
                found.charts.append(path)
            elif name in _PLATFORM_FILES:
                found.platform.append(f"{path}: {_PLATFORM_FILES[name]}")
            elif _COMPOSE.match(name):
                found.compose.append(path)
            if directory.startswith(("docs/", "doc/")) or directory in ("docs", "doc"):
                continue  # a manifest in the documentation shows how, it deploys nothing
            if _MANIFEST_WORD.search(name.lower()):
                found.named_manifests.append(path)
            elif directory:
                foldered = in_manifest_dir.get(directory)
                if foldered is None:  # once per folder
                    foldered = in_manifest_dir[directory] = not _MANIFEST_DIRS.isdisjoint(
                        directory.split("/")
                    )
                if foldered:
                    found.foldered_manifests.append(path)
        elif extension == ".json":
            found.data.append(path)
            if name in _PLATFORM_FILES:
                found.platform.append(f"{path}: {_PLATFORM_FILES[name]}")
        elif extension == ".tf":
            found.terraform.append(path)
        elif extension == ".proto":
            found.protos += 1
        elif (
            name in ("Dockerfile", "Containerfile")
            or name.startswith("Dockerfile.")
            or name.endswith(".Dockerfile")
        ):
            found.dockerfiles.append(path)
        elif name in _PLATFORM_FILES:
            found.platform.append(f"{path}: {_PLATFORM_FILES[name]}")
        elif name == "pyproject.toml":
            found.pyprojects.append(path)
        elif extension == ".gemspec" and not directory:
            found.gemspecs.append(path)
        elif name == "main.go" and directory.startswith("cmd/") and directory.count("/") == 1:
            found.go_mains.append(path)
    found.dockerfiles.sort(key=lambda p: (p.count("/"), p))
    return found


def _images(snapshot: RepoSnapshot, survey: _Survey) -> list[str]:
    found = []
    for path in survey.dockerfiles[:MAX_DOCKERFILES]:
        text = _read(snapshot, path)
        why = image_evidence(text) if text is not None else None
        if why is not None:
            found.append(f"{path}: {why}")
    return found


def _manifests(snapshot: RepoSnapshot, survey: _Survey) -> list[str]:
    found = (survey.platform + [f"{p}: a Helm chart" for p in survey.charts])[:3]
    if len(found) >= 3:
        return found
    for path in survey.compose:
        text = _read(snapshot, path)
        if text is not None and _PORTS.search(text):
            found.append(f"{path}: a compose service with ports")
            break
    reads = 0
    for path in survey.foldered_manifests + survey.named_manifests:
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


def _template_share(scope: Scope) -> tuple[float, list[str]]:
    roots = sorted({e.root for e in scope.excluded.values() if e.kind == "template"})
    files = sum(1 for e in scope.excluded.values() if e.kind == "template")
    total = max(1, len(scope.files))
    return files / total, roots


def _infrastructure(scope: Scope, survey: _Survey) -> tuple[float, list[str]]:
    charts, terraform = survey.charts, survey.terraform
    count = len(terraform)
    if charts:
        chart_dirs = tuple(p.rpartition("/")[0] + "/" for p in charts if "/" in p)
        if len(chart_dirs) < len(charts):  # a chart at the root: the whole product is chart
            count += len(scope.product)
        else:
            count += sum(1 for p in scope.product if p.startswith(chart_dirs))
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


def _specs(snapshot: RepoSnapshot, scope: Scope, survey: _Survey) -> tuple[float, list[str]]:
    product = scope.product
    data, protos = survey.data, survey.protos
    total = max(1, len(product))
    if protos / total >= SPEC_SHARE and protos >= 3:
        return protos / total, [f"{protos} of {len(product)} files are protobuf"]
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


def _packages(snapshot: RepoSnapshot, scope: Scope, survey: _Survey) -> tuple[list[str], list[str]]:
    """(evidence of a command-line tool, evidence of a library)."""
    cli: list[str] = []
    lib: list[str] = []

    def has(path: str) -> bool:
        return snapshot.exists(path) and scope.is_product(path)

    if has("go.mod"):
        mains = sorted(survey.go_mains)
        if not mains and has("main.go"):
            text = _read(snapshot, "main.go")
            if text is not None and _GO_MAIN.search(text):
                mains = ["main.go"]
        if mains:
            cli.append(f"go.mod with a main package: {', '.join(mains[:3])}")
        else:
            lib.append("go.mod (a Go module)")
    if has("Cargo.toml"):
        if has("src/main.rs") and not has("src/lib.rs"):
            cli.append("Cargo.toml with a binary crate (src/main.rs)")
        else:
            lib.append("Cargo.toml (a Rust crate)")
    if has("package.json"):
        text = _read(snapshot, "package.json") or ""
        private = re.search(r"\"private\"[ \t]*:[ \t]*true", text) is not None
        has_bin = re.search(r"\"bin\"[ \t]*:", text) is not None
        has_main = re.search(r"\"(?:main|exports|module|types)\"[ \t]*:", text) is not None
        if has_bin and not has_main:
            cli.append("package.json with bin")
        elif not private and re.search(r"\"name\"[ \t]*:", text) and (has_main or has_bin):
            lib.append("package.json (a published package)")
    for path in sorted(survey.pyprojects, key=lambda p: (len(p), p))[:20]:
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
        if has(name) and not lib:
            text = _read(snapshot, name) or ""
            if name == "setup.py" or _SETUP_CFG.search(text):
                lib.append(f"{name} (a Python package)")
    for name, what in (
        ("pom.xml", "a Maven project"),
        ("build.gradle", "a Gradle project"),
        ("build.gradle.kts", "a Gradle project"),
    ):
        if has(name):
            lib.append(f"{name} ({what})")
    if survey.gemspecs:
        lib.append(f"{survey.gemspecs[0]} (a Ruby gem)")
    return cli, lib


def detect_kind(snapshot: RepoSnapshot) -> RepoKind:
    """The repository's kind, from the product of ``snapshot.scope``."""
    scope = snapshot.scope
    survey = _survey(_candidates(scope))
    images = _images(snapshot, survey)
    manifests = _manifests(snapshot, survey) if images else []
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
        manifests = _manifests(snapshot, survey)
    infra_share, infra = _infrastructure(scope, survey)
    cli, lib = _packages(snapshot, scope, survey)
    if infra and (infra_share >= 0.3 or not (cli or lib)):
        return RepoKind("infrastructure", tuple(infra))
    spec_share, specs = _specs(snapshot, scope, survey)
    if specs and spec_share >= SPEC_SHARE:
        build_only = [f"{p}: builds, serves nothing" for p in survey.dockerfiles[:1]]
        return RepoKind("spec-repository", tuple(specs + build_only))
    if manifests and not (cli or lib):
        return RepoKind("infrastructure", tuple(manifests))
    if cli:
        return RepoKind("cli", tuple(cli + images[:1] + manifests[:1]))
    if lib:
        notes = [f"{i} (no deployment manifest)" for i in images[:1]] or [
            f"{p}: builds an image, serves nothing" for p in survey.dockerfiles[:1]
        ]
        return RepoKind("library", tuple(lib + notes))
    return RepoKind(UNKNOWN, tuple(images[:2] + manifests[:2]))

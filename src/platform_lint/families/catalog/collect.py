"""Collect the catalog family's facts: Backstage entities, document by document, with lines.

Files: every ``catalog-info.yaml``/``.yml`` at any depth, YAML under ``.backstage/``, and the
files a ``kind: Location`` entity in them targets (relative paths and globs inside the
repository; URLs are never fetched). Each document becomes an :class:`Entity` with the
problems of its kind's required fields (the Backstage descriptor format). A document whose
values hold ``${{ ... }}`` is template payload (a skeleton a scaffolder fills in) and is
recorded as such, not judged. A file that does not load is a :class:`CatalogFile` with its
problem and line (alias bombs, deep nesting and oversized files included), never an error.
Other portals' descriptors are recognised by content: OpsLevel (``opslevel.yml``), Cortex
(``cortex.yaml``) and Datadog (``service.datadog.yaml``).
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from dataclasses import dataclass
from typing import Any

from platform_lint.families.collector import CollectEnv
from platform_lint.families.shared.listing import matching, scope_kind
from platform_lint.families.shared.located import LoadProblem, Located, load_located
from platform_lint.snapshot.base import RepoSnapshot

MAX_BYTES = 4 * 1024 * 1024
MAX_FILES = 500
_NAME = re.compile(r"^[a-zA-Z0-9]([a-zA-Z0-9._-]{0,61}[a-zA-Z0-9])?$")
_NAME_LOOSE = re.compile(r"^(?=.{1,63}$)[a-zA-Z0-9]+([-_.][a-zA-Z0-9]+)*$")
REQUIRED: dict[str, tuple[str, ...]] = {
    "Component": ("type", "lifecycle", "owner"),
    "API": ("type", "lifecycle", "owner", "definition"),
    "Resource": ("type", "owner"),
    "System": ("owner",),
    "Domain": ("owner",),
    "Group": ("type", "children"),
    "User": ("memberOf",),
    "Template": ("type", "steps"),
    "Location": (),
}
OWNED = ("Component", "API", "Resource", "System", "Domain", "Template")
_JINJA = re.compile(r"(?:^|[^$])\{\{|\{%")
"""Jinja-style markers (cookiecutter, copier): the file is a template's payload, not an entity.
Backstage's own ``${{ }}`` is judged per document (a Template's steps hold it by design)."""
_KIND = re.compile(r"(?m)^kind:\s*([A-Za-z]+)")


@dataclass(frozen=True)
class Problem:
    message: str
    line: int | None


@dataclass(frozen=True)
class Entity:
    """One catalog document."""

    path: str
    index: int  # 0-based document number in its file
    count: int  # documents in the file
    line: int
    kind: str
    name: str
    owner: str = ""
    owner_line: int | None = None
    problems: tuple[Problem, ...] = ()
    templated: bool = False  # holds ${{ ... }}: a scaffolder skeleton, not an entity yet
    scope: str | None = None
    spec_line: int | None = None


@dataclass(frozen=True)
class CatalogFile:
    path: str
    problem: str | None = None
    line: int | None = None
    column: int | None = None
    scope: str | None = None


@dataclass(frozen=True)
class PortalFile:
    """Another developer portal's descriptor, recognised by content."""

    path: str
    portal: str  # opslevel, cortex, datadog
    name: str


@dataclass(frozen=True)
class CatalogFacts:
    files: tuple[CatalogFile, ...] = ()
    entities: tuple[Entity, ...] = ()
    portals: tuple[PortalFile, ...] = ()


def _has_template_markers(node: Any, depth: int = 0) -> bool:
    if depth > 12:
        return False
    if isinstance(node, str):
        return "${{" in node
    if isinstance(node, dict):
        return any(
            _has_template_markers(k, depth + 1) or _has_template_markers(v, depth + 1)
            for k, v in node.items()
        )
    if isinstance(node, list):
        return any(_has_template_markers(v, depth + 1) for v in node)
    return False


def _entity(path: str, doc: Any, index: int, count: int, start: int, located: Located) -> Entity:
    if not isinstance(doc, dict):
        return Entity(
            path, index, count, start, "", "", problems=(Problem("the document is not a mapping", start),)
        )
    kind = str(doc.get("kind") or "")
    line = located.line(doc, "kind") or start
    meta = doc.get("metadata")
    name = str(meta.get("name") or "") if isinstance(meta, dict) else ""
    spec = doc.get("spec")
    owner = str(spec.get("owner") or "") if isinstance(spec, dict) else ""
    owner_line = located.line(spec, "owner") if isinstance(spec, dict) and "owner" in spec else None
    identity = {k: v for k, v in doc.items() if k != "spec"}
    if isinstance(spec, dict):  # a Template's steps and parameters hold ${{ }} by design
        identity["spec"] = {k: v for k, v in spec.items() if k not in ("steps", "parameters", "output")}
    if _has_template_markers(identity):
        return Entity(path, index, count, line, kind, name, owner, owner_line, templated=True)
    problems: list[Problem] = []
    if not str(doc.get("apiVersion") or ""):
        problems.append(Problem("apiVersion is missing", start))
    if not kind:
        problems.append(Problem("kind is missing", start))
    if not isinstance(meta, dict):
        problems.append(Problem("metadata is missing", start))
    elif not name:
        problems.append(Problem("metadata.name is missing", located.line(doc, "metadata")))
    elif not _NAME_LOOSE.match(name):
        problems.append(
            Problem(
                f"metadata.name '{name[:70]}' is not a valid name "
                "(1-63 letters and digits, separated by - _ .)",
                located.line(meta, "name"),
            )
        )
    namespace = meta.get("namespace") if isinstance(meta, dict) else None
    if namespace is not None and (not isinstance(namespace, str) or not _NAME.match(namespace)):
        problems.append(Problem("metadata.namespace is not a valid name", located.line(meta, "namespace")))
    required = REQUIRED.get(kind)
    if kind and required is None:
        problems.append(
            Problem(f"kind {kind} is not one of the Backstage kinds ({', '.join(REQUIRED)})", line)
        )
    elif required is not None:
        if not isinstance(spec, dict):
            if required or kind == "Location":
                problems.append(Problem("spec is missing", line))
        else:
            for field in required:
                value = spec.get(field)
                empty = value is None or (isinstance(value, str) and not value.strip())
                if field in ("children", "memberOf"):
                    empty = not isinstance(value, list)
                if empty:
                    problems.append(Problem(f"spec.{field} is missing", located.line(doc, "spec")))
            if kind == "Location" and not (spec.get("target") or spec.get("targets")):
                problems.append(Problem("spec.target or spec.targets is missing", located.line(doc, "spec")))
    return Entity(
        path,
        index,
        count,
        line,
        kind,
        name,
        owner,
        owner_line,
        tuple(problems),
        spec_line=located.line(doc, "spec"),
    )


def _targets(path: str, doc: Any) -> list[str]:
    if not isinstance(doc, dict) or doc.get("kind") != "Location" or not isinstance(doc.get("spec"), dict):
        return []
    spec = doc["spec"]
    raw = spec.get("targets") if isinstance(spec.get("targets"), list) else [spec.get("target")]
    folder = posixpath.dirname(path)
    out = []
    for target in raw:
        if not isinstance(target, str) or "://" in target or target.startswith("/"):
            continue
        joined = posixpath.normpath(posixpath.join(folder, target))
        if not joined.startswith(".."):
            out.append(joined)
    return out


def _portal(path: str, doc: Any) -> PortalFile | None:
    if not isinstance(doc, dict):
        return None
    name = path.rpartition("/")[2].lower()
    if name.startswith("opslevel") and isinstance(doc.get("service"), dict):
        return PortalFile(path, "opslevel", str(doc["service"].get("name") or ""))
    info = doc.get("info")
    if name.startswith("cortex") and isinstance(info, dict) and info.get("x-cortex-tag"):
        return PortalFile(path, "cortex", str(info.get("x-cortex-tag")))
    if name.endswith("datadog.yaml") and doc.get("dd-service"):
        return PortalFile(path, "datadog", str(doc.get("dd-service")))
    return None


def collect_catalog(snapshot: RepoSnapshot, env: CollectEnv, args: tuple[Any, ...]) -> CatalogFacts:
    queue = matching(
        snapshot,
        ["**/catalog-info.yaml", "**/catalog-info.yml", ".backstage/**/*.yaml", ".backstage/**/*.yml"],
    )
    for path in matching(snapshot, ["**/template.yaml", "**/template.yml"]):  # scaffolder templates
        raw = snapshot.read_bytes(path, MAX_BYTES)
        if raw is not None and b"backstage.io/" in raw:
            queue.append(path)
    portal_paths = matching(
        snapshot, ["opslevel.yml", "opslevel.yaml", "cortex.yaml", "cortex.yml", "service.datadog.yaml"]
    )
    seen: set[str] = set()
    files: list[CatalogFile] = []
    entities: list[Entity] = []
    portals: list[PortalFile] = []
    while queue and len(seen) < MAX_FILES:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        scope = scope_kind(snapshot, path)
        content = snapshot.read(path, max_bytes=MAX_BYTES)
        if content.text is None:
            files.append(CatalogFile(path, f"cannot be read ({content.problem})", None, None, scope))
            continue
        templated = bool(_JINJA.search(content.text))
        try:
            located = load_located(content.text)
        except LoadProblem as exc:
            if templated:  # a template's payload is not YAML until it is rendered
                files.append(CatalogFile(path, scope=scope))
                kind = _KIND.search(content.text)
                placeholder = Entity(path, 0, 1, 1, kind.group(1) if kind else "", "", templated=True)
                entities.append(
                    placeholder if scope is None else dataclasses.replace(placeholder, scope=scope)
                )
            else:
                files.append(CatalogFile(path, exc.message, exc.line, exc.column, scope))
            continue
        files.append(CatalogFile(path, scope=scope))
        count = len(located.documents)
        for index, doc in enumerate(located.documents):
            entity = _entity(path, doc, index, count, located.starts[index], located)
            if templated:
                entity = dataclasses.replace(entity, templated=True, problems=())
            entities.append(entity if scope is None else dataclasses.replace(entity, scope=scope))
            for target in _targets(path, doc):
                queue += [p for p in matching(snapshot, [target]) if p not in seen]
    for path in portal_paths:
        content = snapshot.read(path, max_bytes=MAX_BYTES)
        if content.text is None:
            continue
        try:
            located = load_located(content.text)
        except LoadProblem:
            continue
        for doc in located.documents:
            portal = _portal(path, doc)
            if portal is not None:
                portals.append(portal)
    return CatalogFacts(tuple(files), tuple(entities), tuple(portals))

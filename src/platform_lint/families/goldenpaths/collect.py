"""Collect golden-path facts: the templates a repository offers and the template it came from.

Templates, by content: a Backstage software template is a YAML document with ``apiVersion:
scaffolder.backstage.io/...`` and ``kind: Template`` (an AWS SAM or CloudFormation
``template.yaml`` is not one); a cookiecutter template is a ``cookiecutter.json`` next to a
``{{cookiecutter.*}}`` folder; a copier template is a ``copier.yml``; a Yeoman generator is a
package whose keywords name ``yeoman-generator`` or that has ``generators/app``.

Origins: ``.cruft.json`` (template URL and commit), ``.copier-answers.yml`` (``_src_path``,
``_commit``), a ``backstage.io/source-template`` annotation, a ``.projenrc.*`` (a project
managed by projen). Whether the recorded commit is stale needs the template's repository,
which a check never fetches: the facts record what the file says and whether the template
lives in this same repository.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from dataclasses import dataclass
from typing import Any

from platform_lint.families.collector import CollectEnv
from platform_lint.families.shared.listing import listing, matching, scope_kind
from platform_lint.families.shared.located import LoadProblem, Located, load_located
from platform_lint.snapshot.base import RepoSnapshot
from platform_lint.yamlio import JsonError, load_json

MAX_BYTES = 1024 * 1024
_NAME = re.compile(r"^[a-z0-9A-Z]([a-z0-9A-Z._-]{0,61}[a-z0-9A-Z])?$")
_COOKIE_VAR = re.compile(r"\{\{\s*cookiecutter\.([A-Za-z0-9_]+)")
_SHA = re.compile(r"^[0-9a-f]{7,40}$")
_DESCRIBE = re.compile(r"^(?P<tag>.+)-(?P<ahead>\d+)-g(?P<sha>[0-9a-f]{7,40})$")
_USERINFO = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@")


def without_credentials(template: str) -> str:
    """A template URL without a ``user:password@`` part: findings and reports show neither."""
    return _USERINFO.sub(r"\g<scheme>", template)


@dataclass(frozen=True)
class Problem:
    message: str
    line: int | None = None


@dataclass(frozen=True)
class Template:
    """A template the repository offers."""

    kind: str  # backstage, cookiecutter, copier, yeoman
    path: str
    line: int
    name: str
    problems: tuple[Problem, ...] = ()
    scope: str | None = None


@dataclass(frozen=True)
class Origin:
    """A record of the template this project was generated from."""

    kind: str  # cruft, copier-answers, backstage-annotation, projen
    path: str
    line: int
    template: str  # URL, path or entity reference ('' when not recorded)
    commit: str  # recorded commit, tag or describe string ('' when none)
    local: bool = False  # the template lives in this repository
    note: str = ""  # what can be told offline about staleness
    scope: str | None = None


@dataclass(frozen=True)
class GoldenPathFacts:
    templates: tuple[Template, ...] = ()
    origins: tuple[Origin, ...] = ()
    unparsed: tuple[tuple[str, str, int | None], ...] = ()  # (path, problem, line)


# -- Backstage ----------------------------------------------------------------------------------


def backstage_problems(doc: dict[str, Any], located: Located) -> list[Problem]:
    problems: list[Problem] = []
    meta = doc.get("metadata")
    name = meta.get("name") if isinstance(meta, dict) else None
    if not isinstance(name, str) or not _NAME.match(name):
        problems.append(
            Problem("metadata.name is missing or not a valid name", located.line(doc, "metadata"))
        )
    spec = doc.get("spec")
    if not isinstance(spec, dict):
        return [*problems, Problem("spec is missing", located.line(doc, "kind"))]
    for field in ("owner", "type"):
        value = spec.get(field)
        if not isinstance(value, str) or not value.strip():
            problems.append(Problem(f"spec.{field} is missing", located.line(spec, "")))
    steps = spec.get("steps")
    if not isinstance(steps, list) or not steps:
        problems.append(Problem("spec.steps is missing or empty", located.line(spec, "steps")))
    else:
        seen: set[str] = set()
        for index, step in enumerate(steps):
            where = located.line(steps, index)
            if not isinstance(step, dict):
                problems.append(Problem(f"spec.steps[{index}] is not a mapping", where))
                continue
            if not isinstance(step.get("action"), str) or not step["action"]:
                problems.append(Problem(f"spec.steps[{index}] has no action", where))
            step_id = step.get("id")
            if isinstance(step_id, str):
                if step_id in seen:
                    problems.append(Problem(f"spec.steps[{index}] repeats the id '{step_id}'", where))
                seen.add(step_id)
    parameters = spec.get("parameters")
    if parameters is not None:
        pages = parameters if isinstance(parameters, list) else [parameters]
        for index, page in enumerate(pages):
            if not isinstance(page, dict):
                problems.append(
                    Problem(f"spec.parameters[{index}] is not a mapping", located.line(spec, "parameters"))
                )
                continue
            props = page.get("properties")
            if props is not None and not isinstance(props, dict):
                problems.append(
                    Problem(
                        f"spec.parameters[{index}].properties is not a mapping",
                        located.line(page, "properties"),
                    )
                )
            required = page.get("required")
            if isinstance(required, list) and isinstance(props, dict):
                for item in required:
                    if isinstance(item, str) and item not in props:
                        problems.append(
                            Problem(
                                f"spec.parameters[{index}] requires '{item}', which it does not define",
                                located.line(page, "required"),
                            )
                        )
    return problems


def _is_backstage_template(doc: Any) -> bool:
    return (
        isinstance(doc, dict)
        and str(doc.get("apiVersion") or "").startswith(("scaffolder.backstage.io/", "backstage.io/v1beta2"))
        and doc.get("kind") == "Template"
    )


# -- the collector --------------------------------------------------------------------------------


def _read(snapshot: RepoSnapshot, path: str) -> str | None:
    return snapshot.read(path, max_bytes=MAX_BYTES).text


def _cookiecutter(snapshot: RepoSnapshot, path: str, text: str) -> Template | None:
    folder = posixpath.dirname(path)
    prefix = f"{folder}/" if folder else ""
    try:
        data = load_json(text)
    except JsonError as exc:
        return Template(
            "cookiecutter",
            path,
            exc.line or 1,
            folder or ".",
            (Problem(f"not valid JSON: {exc.message}", exc.line),),
        )
    payload = sorted(
        d
        for d in snapshot.directories
        if d.startswith(prefix) and "/" not in d[len(prefix) :] and "cookiecutter." in d
    )
    problems: list[Problem] = []
    if not isinstance(data, dict):
        problems.append(Problem("cookiecutter.json is not an object", 1))
        data = {}
    if not payload:
        problems.append(Problem("no {{cookiecutter.*}} folder next to cookiecutter.json", 1))
    for directory in payload:
        for var in _COOKIE_VAR.findall(directory[len(prefix) :]):
            if var not in data:
                problems.append(
                    Problem(
                        f"the folder {directory} uses cookiecutter.{var}, "
                        "which cookiecutter.json does not define",
                        1,
                    )
                )
    name = str(data.get("project_name") or data.get("project_slug") or folder or ".")
    return Template("cookiecutter", path, 1, name, tuple(problems))


def _copier(snapshot: RepoSnapshot, path: str, text: str) -> Template:
    folder = posixpath.dirname(path)
    try:
        located = load_located(text)
    except LoadProblem as exc:
        return Template("copier", path, exc.line or 1, folder or ".", (Problem(exc.message, exc.line),))
    problems: list[Problem] = []
    doc = located.documents[0] if located.documents else {}
    if not isinstance(doc, dict):
        return Template("copier", path, 1, folder or ".", (Problem("copier.yml is not a mapping", 1),))
    sub = doc.get("_subdirectory")
    if isinstance(sub, str) and sub.strip("/"):
        target = posixpath.normpath(posixpath.join(folder, sub.strip("/")))
        if target not in snapshot.directories:
            problems.append(
                Problem(
                    f"_subdirectory '{sub}' is not a folder of the repository",
                    located.line(doc, "_subdirectory"),
                )
            )
    return Template("copier", path, 1, folder or ".", tuple(problems))


def _yeoman(path: str, text: str, snapshot: RepoSnapshot) -> Template | None:
    try:
        data = load_json(text)
    except JsonError:
        return None
    if not isinstance(data, dict):
        return None
    keywords = data.get("keywords")
    folder = posixpath.dirname(path)
    prefix = f"{folder}/" if folder else ""
    has_app = f"{prefix}generators/app" in snapshot.directories
    named = isinstance(keywords, list) and "yeoman-generator" in keywords
    if not named and not (has_app and str(data.get("name", "")).startswith("generator-")):
        return None
    problems = (
        () if has_app or f"{prefix}app" in snapshot.directories else (Problem("no generators/app folder", 1),)
    )
    return Template("yeoman", path, 1, str(data.get("name") or folder), problems)


def _staleness(commit: str, local: bool) -> str:
    if not commit:
        return "no commit recorded: updates cannot be applied, and staleness cannot be told"
    described = _DESCRIBE.match(commit)
    if described:
        return (
            f"generated {described.group('ahead')} commits after the template's tag "
            f"{described.group('tag')}; "
            "whether newer releases exist needs the template repository, which is not fetched"
        )
    if local:
        return "the template lives in this repository; the recorded commit can be compared with its history"
    return (
        f"recorded at {commit}; whether the template has moved on needs its repository, which is not fetched"
    )


def _cruft(path: str, text: str, snapshot: RepoSnapshot) -> Origin | tuple[str, str, int | None]:
    try:
        data = load_json(text)
    except JsonError as exc:
        return (path, f"not valid JSON: {exc.message}", exc.line)
    if not isinstance(data, dict):
        return (path, "not a JSON object", 1)
    template = without_credentials(str(data.get("template") or ""))
    commit = str(data.get("commit") or "")
    local = template.startswith((".", "/")) and not template.startswith("//")
    return Origin("cruft", path, 1, template, commit, local, _staleness(commit, local))


def _answers(path: str, text: str) -> Origin | tuple[str, str, int | None]:
    try:
        located = load_located(text)
    except LoadProblem as exc:
        return (path, exc.message, exc.line)
    doc = located.documents[0] if located.documents else None
    if not isinstance(doc, dict):
        return (path, "not a mapping", 1)
    template = without_credentials(str(doc.get("_src_path") or ""))
    commit = str(doc.get("_commit") or "")
    local = template.startswith((".", "/")) and "://" not in template
    return Origin(
        "copier-answers",
        path,
        located.line(doc, "_src_path") or 1,
        template,
        commit,
        local,
        _staleness(commit, local),
    )


_WORDS = ("template", "scaffold", "catalog", "copier", "backstage")


def _candidate(path: str, name: str) -> bool:
    """YAML that may be a Backstage template, a catalog entry or copier's: by name, or in a
    folder named for the scaffolder or Backstage (Helm's templates/ folders are not)."""
    low = name.lower()
    if any(word in low for word in _WORDS):
        return True
    folders = path.lower().split("/")[:-1]
    return any("scaffold" in f or "backstage" in f for f in folders)


def collect_goldenpaths(snapshot: RepoSnapshot, env: CollectEnv, args: tuple[Any, ...]) -> GoldenPathFacts:
    templates: list[Template] = []
    origins: list[Origin] = []
    unparsed: list[tuple[str, str, int | None]] = []

    def scoped(item: Any, path: str) -> Any:
        kind = scope_kind(snapshot, path)
        return item if kind is None else dataclasses.replace(item, scope=kind)

    for path in matching(snapshot, ["**/*.yaml", "**/*.yml"]):
        name = path.rpartition("/")[2]
        if not _candidate(path, name):
            continue
        if name in (".copier-answers.yml", ".copier-answers.yaml") or (
            name.startswith(".copier-answers") and name.endswith((".yml", ".yaml"))
        ):
            text = _read(snapshot, path)
            if text is not None:
                found = _answers(path, text)
                if isinstance(found, Origin):
                    origins.append(scoped(found, path))
                else:
                    unparsed.append(found)
            continue
        if name in ("copier.yml", "copier.yaml"):
            text = _read(snapshot, path)
            if text is not None:
                templates.append(scoped(_copier(snapshot, path, text), path))
            continue
        text = None
        raw = snapshot.read_bytes(path, MAX_BYTES)
        if raw is None or (
            b"scaffolder.backstage.io" not in raw
            and b"backstage.io/v1beta2" not in raw
            and b"source-template" not in raw
        ):
            continue
        text = raw.decode("utf-8", errors="replace")
        try:
            located = load_located(text)
        except LoadProblem as exc:
            if "scaffolder.backstage.io" in text:
                unparsed.append((path, exc.message, exc.line))
            continue
        for index, doc in enumerate(located.documents):
            if _is_backstage_template(doc):
                meta = doc.get("metadata")
                title = str(meta.get("name") or "") if isinstance(meta, dict) else ""
                line = located.line(doc, "kind") or located.starts[index]
                templates.append(
                    scoped(
                        Template("backstage", path, line, title, tuple(backstage_problems(doc, located))),
                        path,
                    )
                )
            elif isinstance(doc, dict):
                origin = _annotation(path, doc, located)
                if origin is not None:
                    origins.append(scoped(origin, path))
    for path in matching(snapshot, ["**/cookiecutter.json"]):
        text = _read(snapshot, path)
        if text is not None:
            template = _cookiecutter(snapshot, path, text)
            if template is not None:
                templates.append(scoped(template, path))
    for path in matching(snapshot, ["**/package.json"]):
        if "node_modules/" in path:
            continue
        raw = snapshot.read_bytes(path, MAX_BYTES)
        if raw is not None and (b"yeoman-generator" in raw or b'"generator-' in raw):
            template = _yeoman(path, raw.decode("utf-8", errors="replace"), snapshot)
            if template is not None:
                templates.append(scoped(template, path))
    for path in matching(snapshot, ["**/.cruft.json"]):
        text = _read(snapshot, path)
        if text is not None:
            found_cruft = _cruft(path, text, snapshot)
            if isinstance(found_cruft, Origin):
                origins.append(scoped(found_cruft, path))
            else:
                unparsed.append(found_cruft)
    for path in listing(snapshot):
        if ".projenrc" in path and path.rpartition("/")[2].startswith(".projenrc"):
            origins.append(
                scoped(
                    Origin(
                        "projen",
                        path,
                        1,
                        "projen",
                        "",
                        False,
                        "the project is synthesized by projen from this file",
                    ),
                    path,
                )
            )
    return GoldenPathFacts(tuple(templates), tuple(origins), tuple(unparsed))


def _annotation(path: str, doc: dict[str, Any], located: Located) -> Origin | None:
    meta = doc.get("metadata")
    annotations = meta.get("annotations") if isinstance(meta, dict) else None
    if not isinstance(annotations, dict):
        return None
    value = annotations.get("backstage.io/source-template")
    if not isinstance(value, str) or not value:
        return None
    line = located.line(annotations, "backstage.io/source-template") or 1
    return Origin(
        "backstage-annotation",
        path,
        line,
        value,
        "",
        False,
        "the catalog names the template; Backstage records no template version to compare with",
    )

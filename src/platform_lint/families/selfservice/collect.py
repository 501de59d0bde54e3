"""Collect the selfservice family's facts: the one-command entry points a repository offers
(Makefile targets, scripts, package.json scripts, task runners, dev containers, compose files)
and its issue and pull-request templates. I/O and parsing only; no judgement.

Only the files that can hold an entry point are read: root-level task files, ``bin/``,
``script/`` and ``scripts/`` names, the root package.json and pyproject.toml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from platform_lint.families.collector import CollectEnv
from platform_lint.families.shared.product import is_product
from platform_lint.snapshot.base import FileContent, RepoSnapshot
from platform_lint.yamlio import JsonError, load_json

READ_BYTES = 512 * 1024
"""A task file larger than this is not read."""


def _read(snapshot: RepoSnapshot, path: str) -> FileContent:
    return snapshot.read(path, min(READ_BYTES, snapshot.max_bytes))


@dataclass(frozen=True)
class EntryPoint:
    """One way to set up or run the project with one command.

    ``kind`` names the tool (make, npm, script, devcontainer, ...), ``name`` the target or
    script (empty for a whole file), ``command`` what to type.
    """

    path: str
    kind: str
    name: str
    command: str
    line: int | None = None


@dataclass(frozen=True)
class SetupFacts:
    entries: tuple[EntryPoint, ...]
    problems: tuple[tuple[str, str], ...] = ()  # (path, why it could not be read)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


# -- Makefile, Rakefile, justfile, Taskfile ------------------------------------------------------

_MAKE_RULE = re.compile(
    r"^([A-Za-z0-9_][A-Za-z0-9_./%-]*(?:[ \t]+[A-Za-z0-9_][A-Za-z0-9_./%-]*)*)[ \t]*::?(?![=])", re.M
)
_MAKE_FILES = ("Makefile", "makefile", "GNUmakefile", "Makefile.*", "*.mk")


def _make_targets(snapshot: RepoSnapshot, found: list[EntryPoint], problems: list[tuple[str, str]]) -> None:
    for path in snapshot.glob(_MAKE_FILES):
        content = _read(snapshot, path)
        if content.text is None:
            problems.append((path, content.problem or "unreadable"))
            continue
        for match in _MAKE_RULE.finditer(content.text):
            for target in match.group(1).split():
                if target.startswith(".") or "%" in target or "$" in target:
                    continue
                line = _line(content.text, match.start())
                found.append(EntryPoint(path, "make", target, f"make {target}", line))


_RAKE_TASK = re.compile(r"^\s*task\s+[:'\"]?([\w:-]+)", re.M)
_JUST_RECIPE = re.compile(r"^@?([A-Za-z_][\w-]*)(?:\s+[^:=\n]*)?:(?!=)", re.M)


def _rake_and_just(snapshot: RepoSnapshot, found: list[EntryPoint]) -> None:
    for path in snapshot.glob(["Rakefile", "rakefile", "Rakefile.rb"]):
        text = _read(snapshot, path).text or ""
        for match in _RAKE_TASK.finditer(text):
            found.append(
                EntryPoint(path, "rake", match.group(1), f"rake {match.group(1)}", _line(text, match.start()))
            )
    for path in snapshot.glob(["justfile", "Justfile", ".justfile"]):
        text = _read(snapshot, path).text or ""
        for match in _JUST_RECIPE.finditer(text):
            name = match.group(1)
            if name in ("set", "export", "import", "mod", "alias"):
                continue
            found.append(EntryPoint(path, "just", name, f"just {name}", _line(text, match.start())))


_TASK_NAME = re.compile(r"^  ([A-Za-z_][\w:-]*)\s*:", re.M)


def _taskfile(snapshot: RepoSnapshot, found: list[EntryPoint]) -> None:
    for path in snapshot.glob(["Taskfile.yml", "Taskfile.yaml", "taskfile.yml", "taskfile.yaml"]):
        text = _read(snapshot, path).text or ""
        tasks = re.search(r"^tasks\s*:", text, re.M)
        if tasks is None:
            continue
        rest = text[tasks.end() :]
        end = re.search(r"^\S", rest, re.M)
        block = rest[: end.start()] if end else rest
        for match in _TASK_NAME.finditer(block):
            name = match.group(1)
            found.append(
                EntryPoint(path, "task", name, f"task {name}", _line(text, tasks.end() + match.start()))
            )


# -- scripts ---------------------------------------------------------------------------------------

_SCRIPT_DIRS = ("bin", "script", "scripts", "tools", "hack", "dev")


def _scripts(snapshot: RepoSnapshot, found: list[EntryPoint]) -> None:
    globs = [f"{d}/*" for d in _SCRIPT_DIRS]
    for path in snapshot.glob(globs):
        name = path.rpartition("/")[2]
        stem = name.rpartition(".")[0] if "." in name else name
        size = snapshot.size(path) or 0
        if size == 0:
            continue
        found.append(EntryPoint(path, "script", stem.lower(), f"./{path}"))


# -- package.json, pyproject.toml ----------------------------------------------------------------


def _package_json(snapshot: RepoSnapshot, found: list[EntryPoint], problems: list[tuple[str, str]]) -> None:
    if not snapshot.exists("package.json"):
        return
    content = _read(snapshot, "package.json")
    if content.text is None:
        problems.append(("package.json", content.problem or "unreadable"))
        return
    try:
        data = load_json(content.text)
    except JsonError as exc:
        problems.append(("package.json", f"does not parse: {exc.message}"))
        return
    scripts = data.get("scripts") if isinstance(data, dict) else None
    if not isinstance(scripts, dict):
        return
    runner = "yarn" if snapshot.exists("yarn.lock") else "bun" if snapshot.exists("bun.lock") else "npm"
    for name, body in scripts.items():
        if not isinstance(name, str) or not isinstance(body, str) or not body.strip():
            continue
        match = re.search(r'"' + re.escape(name) + r'"\s*:', content.text)
        line = _line(content.text, match.start()) if match else None
        command = f"{runner} run {name}" if name not in ("start", "test", "install") else f"{runner} {name}"
        found.append(EntryPoint("package.json", "package.json", name, command, line))


_PY_TASKS = re.compile(
    r"^\[tool\.(?:poe\.tasks|pdm\.scripts|hatch\.envs\.[\w-]+\.scripts|taskipy\.tasks|rye\.scripts)\]\s*$",
    re.M,
)
_PY_TASK_NAME = re.compile(r"^([A-Za-z_][\w-]*)\s*=", re.M)


def _pyproject(snapshot: RepoSnapshot, found: list[EntryPoint]) -> None:
    if not snapshot.exists("pyproject.toml"):
        return
    text = _read(snapshot, "pyproject.toml").text or ""
    for section in _PY_TASKS.finditer(text):
        rest = text[section.end() :]
        end = re.search(r"^\[", rest, re.M)
        block = rest[: end.start()] if end else rest
        tool = section.group(0).split(".")[1]
        runner = {"poe": "poe", "pdm": "pdm run", "hatch": "hatch run", "taskipy": "task", "rye": "rye run"}[
            tool
        ]
        for match in _PY_TASK_NAME.finditer(block):
            name = match.group(1)
            line = _line(text, section.end() + match.start())
            found.append(EntryPoint("pyproject.toml", tool, name, f"{runner} {name}", line))


# -- environments: tox, nox, dev containers, compose, devbox, nix, skaffold, tilt -------------------

_ENVIRONMENTS: tuple[tuple[tuple[str, ...], str, str, str | None], ...] = (
    (("tox.ini",), "tox", "tox", r"^\[(?:tox|testenv)"),
    (("pyproject.toml",), "tox", "tox", r"^\[tool\.tox\]|^legacy_tox_ini\s*="),
    (("noxfile.py",), "nox", "nox", r"@nox\.session"),
    (
        (".devcontainer.json", ".devcontainer/devcontainer.json", ".devcontainer/*/devcontainer.json"),
        "devcontainer",
        "open in a dev container",
        r"\S",
    ),
    (
        ("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"),
        "compose",
        "docker compose up",
        r"^services\s*:",
    ),
    (("devbox.json",), "devbox", "devbox shell", r"\S"),
    (("flake.nix",), "nix", "nix develop", r"devShells?\b"),
    (("shell.nix", "default.nix"), "nix", "nix-shell", r"mkShell|shellHook"),
    (("skaffold.yaml", "skaffold.yml"), "skaffold", "skaffold dev", r"^kind\s*:\s*Config"),
    (("Tiltfile",), "tilt", "tilt up", r"\S"),
    (("Vagrantfile",), "vagrant", "vagrant up", r"Vagrant\.configure"),
    (("mise.toml", ".mise.toml"), "mise", "mise run", r"^\[tasks"),
    (("Earthfile",), "earthly", "earthly +build", r"^[\w-]+:"),
)


def _environments(snapshot: RepoSnapshot, found: list[EntryPoint]) -> None:
    for globs, kind, command, pattern in _ENVIRONMENTS:
        for path in snapshot.glob(globs):
            content = _read(snapshot, path)
            if content.text is None:
                continue
            match = re.search(pattern, content.text, re.M) if pattern else None
            if pattern is not None and match is None:
                continue
            line = (
                _line(content.text, match.start())
                if match is not None and kind not in ("devcontainer",)
                else None
            )
            found.append(EntryPoint(path, kind, "", command, line))


def collect_setup(snapshot: RepoSnapshot, env: CollectEnv, args: tuple[Any, ...]) -> SetupFacts:
    found: list[EntryPoint] = []
    problems: list[tuple[str, str]] = []
    _make_targets(snapshot, found, problems)
    _rake_and_just(snapshot, found)
    _taskfile(snapshot, found)
    _scripts(snapshot, found)
    _package_json(snapshot, found, problems)
    _pyproject(snapshot, found)
    _environments(snapshot, found)
    return SetupFacts(tuple(e for e in found if is_product(snapshot, e.path)), tuple(problems))


# -- issue and pull-request templates ---------------------------------------------------------------


@dataclass(frozen=True)
class Template:
    """An issue or pull-request template GitHub (or GitLab) offers: ``kind`` is issue, issue-form,
    pull-request; ``problem`` says why it does not work (an empty file, a form without a body)."""

    path: str
    kind: str
    problem: str | None = None


@dataclass(frozen=True)
class TemplateFacts:
    templates: tuple[Template, ...]


_GITHUB_DIRS = ("", ".github/", "docs/")


def collect_templates(snapshot: RepoSnapshot, env: CollectEnv, args: tuple[Any, ...]) -> TemplateFacts:
    found: list[Template] = []
    shallow = snapshot.glob(
        [
            "*",
            ".github/*",
            "docs/*",
            ".github/ISSUE_TEMPLATE/*",
            "ISSUE_TEMPLATE/*",
            "docs/ISSUE_TEMPLATE/*",
            ".github/PULL_REQUEST_TEMPLATE/*",
            "PULL_REQUEST_TEMPLATE/*",
            "docs/PULL_REQUEST_TEMPLATE/*",
            ".gitlab/issue_templates/*",
            ".gitlab/merge_request_templates/*",
        ]
    )
    for path in shallow:
        folder, _, name = path.rpartition("/")
        lower = name.lower()
        parent = folder.rpartition("/")[2].lower()
        kind: str | None = None
        if parent == "issue_template" and (
            folder.count("/") == 0 or folder.lower().startswith((".github/", "docs/"))
        ):
            if lower in ("config.yml", "config.yaml"):
                continue
            kind = (
                "issue-form"
                if lower.endswith((".yml", ".yaml"))
                else "issue"
                if lower.endswith(".md")
                else None
            )
        elif parent == "pull_request_template" and (
            folder.count("/") == 0 or folder.lower().startswith((".github/", "docs/"))
        ):
            kind = "pull-request" if lower.endswith((".md", ".txt")) else None
        elif folder.lower() in ("", ".github", "docs"):
            if lower in ("issue_template.md", "issue_template.txt", "issue_template"):
                kind = "issue"
            elif lower in ("pull_request_template.md", "pull_request_template.txt", "pull_request_template"):
                kind = "pull-request"
        elif folder == ".gitlab/issue_templates" and lower.endswith(".md"):
            kind = "issue"
        elif folder == ".gitlab/merge_request_templates" and lower.endswith(".md"):
            kind = "pull-request"
        if kind is None:
            continue
        content = _read(snapshot, path)
        problem: str | None = None
        if content.text is None:
            problem = content.problem or "unreadable"
        elif not content.text.strip():
            problem = "empty"
        elif kind == "issue-form" and not re.search(r"^body\s*:", content.text, re.M):
            problem = "an issue form without a body"
        found.append(Template(path, kind, problem))
    return TemplateFacts(tuple(found))

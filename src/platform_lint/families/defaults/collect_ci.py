"""Continuous-integration pipelines, read by content: what runs, and on what.

Each provider's file is parsed (GitHub Actions, GitLab CI, Travis, CircleCI, Azure Pipelines,
Buildkite, Drone, Woodpecker, Bitbucket, Cloud Build; a Jenkinsfile is read as text) and the
commands its jobs run are collected from the keys that hold commands (``run``, ``script``,
``commands``, ``uses`` ...). A file with no job, or whose jobs all say ``if: false``, runs
nothing. GitHub workflows also say whether they run on a change (push, pull request, merge
queue) or only on a schedule, a tag or by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from platform_lint.errors import ConfigError
from platform_lint.families.collector import CollectEnv
from platform_lint.families.defaults.collect_format import line_of, read_capped
from platform_lint.snapshot.base import RepoSnapshot
from platform_lint.yamlio import load_plain_all

CHECK_WORDS = re.compile(
    r"\b(?:tests?|testing|lint|linters?|linting|check|checks|vet|fmt|format|pytest|tox|nox|ruff|flake8|"
    r"mypy|pylint|black|eslint|prettier|biome|golangci(?:-lint)?|staticcheck|clippy|rubocop|jest|vitest|mocha|"
    r"spectral|pre-commit|tflint|validate|verify|shellcheck|yamllint|markdownlint|hadolint|"
    r"phpunit|rspec|ctest|coverage|e2e|typecheck|tsc)\b",
    re.IGNORECASE,
)
"""Words that say a command tests or lints (``go test ./...``, ``npm run lint``, ``tox -e py``)."""

JOB_WORDS = re.compile(r"\b(?:tests?|testing|lint|linters?|linting|unit|e2e|integration)\b", re.IGNORECASE)
"""Words that say a job tests or lints by its name; a job named 'check-title' does neither."""

_COMMAND_KEYS = frozenset(
    {
        "run",
        "script",
        "scripts",
        "command",
        "commands",
        "uses",
        "before_script",
        "after_script",
        "bash",
        "sh",
        "pwsh",
        "powershell",
        "task",
        "args",
        "entrypoint",
        "install",
    }
)
LARGE = 64 * 1024
"""A CI file larger than this is scanned line by line instead of parsed (a generated matrix of
hundreds of jobs parses slowly and says nothing more)."""
_GITLAB_RESERVED = frozenset(
    {
        "stages",
        "variables",
        "default",
        "include",
        "workflow",
        "image",
        "services",
        "before_script",
        "after_script",
        "cache",
        "pages_build",
    }
)
_ON_CHANGE = frozenset({"push", "pull_request", "pull_request_target", "merge_group"})


@dataclass(frozen=True)
class Pipeline:
    """One CI file: ``provider``, ``jobs`` it defines, ``checks`` (commands that test or lint,
    first few), ``on_change`` (None when the provider runs every pipeline on a change), and
    ``problem`` when it could not be read or parsed."""

    path: str
    provider: str
    jobs: int
    checks: tuple[str, ...] = ()
    on_change: bool | None = None
    line: int | None = None
    problem: str | None = None
    problem_line: int | None = None


@dataclass(frozen=True)
class CiFacts:
    pipelines: tuple[Pipeline, ...]


_PROVIDERS: tuple[tuple[tuple[str, ...], str], ...] = (
    ((".github/workflows/*.yml", ".github/workflows/*.yaml"), "GitHub Actions"),
    ((".gitlab-ci.yml", ".gitlab-ci.yaml"), "GitLab CI"),
    ((".travis.yml",), "Travis CI"),
    ((".circleci/config.yml", ".circleci/config.yaml"), "CircleCI"),
    (
        (
            "azure-pipelines.yml",
            "azure-pipelines.yaml",
            ".azure-pipelines/*.yml",
            ".azure-pipelines/*.yaml",
            ".pipelines/*.yml",
        ),
        "Azure Pipelines",
    ),
    ((".buildkite/pipeline*.yml", ".buildkite/pipeline*.yaml"), "Buildkite"),
    ((".drone.yml", ".drone.yaml"), "Drone"),
    ((".woodpecker.yml", ".woodpecker.yaml", ".woodpecker/*.yml", ".woodpecker/*.yaml"), "Woodpecker"),
    (("bitbucket-pipelines.yml",), "Bitbucket Pipelines"),
    (("cloudbuild.yaml", "cloudbuild.yml"), "Cloud Build"),
    ((".cirrus.yml",), "Cirrus CI"),
    (("appveyor.yml", ".appveyor.yml"), "AppVeyor"),
)


def _strings(value: Any, under_command: bool = False, out: list[str] | None = None) -> list[str]:
    """The strings held under command keys (run, script, commands, uses, ...), anywhere."""
    found = [] if out is None else out
    if isinstance(value, dict):
        for key, item in value.items():
            command = isinstance(key, str) and key in _COMMAND_KEYS
            if command or isinstance(item, (dict, list)):
                _strings(item, command, found)
    elif isinstance(value, list):
        for item in value:
            _strings(item, under_command, found)
    elif isinstance(value, str) and under_command:
        found.append(value)
    return found


def _checks(commands: list[str], names: list[str]) -> tuple[str, ...]:
    hits: list[str] = []
    for text in commands:
        for line in text.splitlines():
            stripped = line.strip()
            if stripped.startswith(("#", "echo ", "//")) or "actions/checkout" in line:
                continue
            if CHECK_WORDS.search(line):
                hits.append(line.strip()[:120])
                break
        if len(hits) >= 3:
            return tuple(hits)
    hits += [f"job {name}" for name in names if JOB_WORDS.search(name)][: 3 - len(hits)]
    return tuple(hits)


def _jobs(provider: str, data: Any) -> tuple[int, list[str]]:
    """How many jobs the document defines, and their names."""
    if not isinstance(data, dict):
        return (1 if isinstance(data, list) and data else 0), []
    if provider == "GitHub Actions":
        jobs = data.get("jobs")
        if not isinstance(jobs, dict):
            return 0, []
        live = {
            name: job
            for name, job in jobs.items()
            if isinstance(job, dict)
            and str(job.get("if", "")).replace(" ", "").lower() not in ("false", "${{false}}")
            and (job.get("steps") or job.get("uses"))
        }
        return len(live), [str(n) for n in live]
    if provider == "GitLab CI":
        jobs = {
            k: v
            for k, v in data.items()
            if isinstance(k, str)
            and not k.startswith(".")
            and k not in _GITLAB_RESERVED
            and isinstance(v, dict)
            and any(key in v for key in ("script", "trigger", "extends", "run"))
        }
        count = len(jobs) or (1 if data.get("include") else 0)
        return count, list(jobs)
    if provider == "Travis CI":
        return (1 if any(k in data for k in ("script", "language", "jobs", "matrix")) else 0), []
    for key in ("jobs", "steps", "pipelines", "stages", "pipeline", "tasks", "build", "test_script"):
        value = data.get(key)
        if isinstance(value, dict) and value:
            return len(value), [str(k) for k in value]
        if isinstance(value, list) and value:
            return len(value), []
    return 0, []


def _on_change(data: Any) -> bool | None:
    if not isinstance(data, dict):
        return False
    trigger = data.get("on", data.get(True))
    if isinstance(trigger, str):
        return trigger in _ON_CHANGE
    if isinstance(trigger, list):
        return any(t in _ON_CHANGE for t in trigger)
    if isinstance(trigger, dict):
        return any(t in _ON_CHANGE for t in trigger)
    return False


_JOBS_BLOCK = re.compile(r"^(?:jobs|steps|stages|pipelines)\s*:\s*$", re.M)
_JOB_LINE = re.compile(r"^  ([\w.-]+)\s*:\s*$", re.M)
_COMMAND_LINE = re.compile(r"^\s*(?:-\s*)?(?:run|uses|script|command|commands)\s*:[ \t]*(.*)$", re.M)
_TRIGGER = re.compile(r"^(?:on|\"on\"|'on')\s*:(.*(?:\n[ \t-].*)*)", re.M)
_CHANGE_EVENT = re.compile(r"\b(?:push|pull_request|pull_request_target|merge_group)\b")


def _scan_large(path: str, provider: str, text: str) -> Pipeline:
    """A large CI file read line by line: its jobs, the commands on run/script lines, its triggers."""
    block = _JOBS_BLOCK.search(text)
    jobs = len(_JOB_LINE.findall(text, block.end())) if block else 0
    commands: list[str] = []
    for match in _COMMAND_LINE.finditer(text):
        body = match.group(1).strip()
        if body in ("", "|", ">", "|-", ">-"):
            end = text.find("\n", match.end() + 1)
            body = text[match.end() + 1 : end if end >= 0 else len(text)].strip()
        commands.append(body)
    trigger = _TRIGGER.search(text)
    on_change = None
    if provider == "GitHub Actions":
        on_change = bool(trigger and _CHANGE_EVENT.search(trigger.group(1)))
    line = line_of(text, block.start()) if block else None
    return Pipeline(path, provider, jobs, _checks(commands, []) if jobs else (), on_change, line)


def _read_yaml(snapshot: RepoSnapshot, path: str, provider: str) -> Pipeline:
    content = read_capped(snapshot, path)
    if content.text is None:
        return Pipeline(path, provider, 0, problem=content.problem or "unreadable")
    if len(content.text) > LARGE:
        return _scan_large(path, provider, content.text)
    try:
        docs = load_plain_all(content.text, path)
    except ConfigError as exc:
        return Pipeline(path, provider, 0, problem=f"does not parse: {exc.reason}", problem_line=exc.line)
    jobs = 0
    names: list[str] = []
    commands: list[str] = []
    for data in docs:
        count, job_names = _jobs(provider, data)
        jobs += count
        names += job_names
        commands += _strings(data)
    if provider == "Travis CI" and docs and isinstance(docs[0], dict) and "script" not in docs[0]:
        language = str(docs[0].get("language", ""))
        if language in ("node_js", "go", "ruby", "rust", "java", "elixir", "php", "android"):
            commands.append(f"the default {language} test script")
    on_change = _on_change(docs[0] if docs else None) if provider == "GitHub Actions" else None
    match = re.search(r"^(?:jobs|script|steps|stages|pipelines|pipeline|workflows)\s*:", content.text, re.M)
    line = line_of(content.text, match.start()) if match else None
    checks = _checks(commands, names) if jobs else ()
    if provider == "Travis CI" and jobs and not checks and commands:
        checks = tuple(c.strip()[:120] for c in commands[:1])
    return Pipeline(path, provider, jobs, checks, on_change, line)


_JENKINS = re.compile(r"^\s*(?:pipeline\s*\{|node\s*[({]|stage\s*\()", re.M)


def _jenkins(snapshot: RepoSnapshot, path: str) -> Pipeline:
    content = read_capped(snapshot, path)
    if content.text is None:
        return Pipeline(path, "Jenkins", 0, problem=content.problem or "unreadable")
    match = _JENKINS.search(content.text)
    if match is None:
        return Pipeline(path, "Jenkins", 0)
    commands = re.findall(r"\b(?:sh|bat|powershell)\s*\(?\s*['\"]{1,3}([^'\"]+)", content.text)
    stages = re.findall(r"stage\s*\(\s*['\"]([^'\"]+)", content.text)
    return Pipeline(
        path,
        "Jenkins",
        max(1, len(stages)),
        _checks(commands, stages),
        None,
        line_of(content.text, match.start()),
    )


def collect_ci(snapshot: RepoSnapshot, env: CollectEnv, args: tuple[Any, ...]) -> CiFacts:
    found: list[Pipeline] = []
    for globs, provider in _PROVIDERS:
        for path in snapshot.glob(globs):
            found.append(_read_yaml(snapshot, path, provider))
    for path in snapshot.glob(["Jenkinsfile", "jenkins/Jenkinsfile", "ci/Jenkinsfile", "Jenkinsfile.*"]):
        found.append(_jenkins(snapshot, path))
    return CiFacts(tuple(found))

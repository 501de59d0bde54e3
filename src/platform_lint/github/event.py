"""What GitHub Actions tells us about the run: the event, the commits, the pull request.

Reads ``GITHUB_EVENT_NAME``, the payload at ``GITHUB_EVENT_PATH``, ``GITHUB_REPOSITORY``,
``GITHUB_SHA``, ``GITHUB_SERVER_URL``/``GITHUB_API_URL`` and ``GITHUB_RUN_ID``. On
``pull_request`` the base is the PR's base SHA and the commit to report on is the PR's
head (``GITHUB_SHA`` is the merge commit there). Push, schedule and workflow_dispatch
check the ref in full.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from platform_lint.errors import InputError
from platform_lint.github.client import DEFAULT_API_URL, DEFAULT_SERVER_URL, GitHubClient

PULL_REQUEST_EVENTS = ("pull_request", "pull_request_target")
_SHA = re.compile(r"^[0-9a-f]{40}([0-9a-f]{24})?$")


@dataclass(frozen=True)
class GitHubEvent:
    name: str | None = None
    repository: str | None = None
    sha: str | None = None
    ref: str | None = None
    server_url: str = DEFAULT_SERVER_URL
    api_url: str = DEFAULT_API_URL
    run_id: str | None = None
    pr_number: int | None = None
    base_sha: str | None = None
    base_ref: str | None = None
    head_sha: str | None = None
    head_repository: str | None = None
    labels: tuple[str, ...] = ()

    @property
    def is_pull_request(self) -> bool:
        return self.name in PULL_REQUEST_EVENTS and self.pr_number is not None

    @property
    def is_fork(self) -> bool:
        return bool(self.head_repository and self.repository and self.head_repository != self.repository)

    @property
    def report_sha(self) -> str | None:
        """The commit a check run belongs to: the PR head, else the pushed commit."""
        return self.head_sha or self.sha

    @property
    def run_url(self) -> str | None:
        if self.repository and self.run_id:
            return f"{self.server_url}/{self.repository}/actions/runs/{self.run_id}"
        return None


def _payload(path: str | None) -> dict[str, Any]:
    if not path:
        return {}
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: the GitHub event payload cannot be read: {exc}") from None
    return data if isinstance(data, dict) else {}


def read_event(env: Mapping[str, str] | None = None) -> GitHubEvent:
    """The run's event from the environment the runner sets (all fields None outside Actions)."""
    env = os.environ if env is None else env
    name = env.get("GITHUB_EVENT_NAME") or None
    payload = _payload(env.get("GITHUB_EVENT_PATH"))
    pr = payload.get("pull_request") if isinstance(payload.get("pull_request"), dict) else None
    common = dict(
        name=name,
        repository=env.get("GITHUB_REPOSITORY") or None,
        sha=env.get("GITHUB_SHA") or None,
        ref=env.get("GITHUB_REF") or None,
        server_url=(env.get("GITHUB_SERVER_URL") or DEFAULT_SERVER_URL).rstrip("/"),
        api_url=(env.get("GITHUB_API_URL") or DEFAULT_API_URL).rstrip("/"),
        run_id=env.get("GITHUB_RUN_ID") or None,
    )
    if name in PULL_REQUEST_EVENTS and pr:
        base = pr.get("base") or {}
        head = pr.get("head") or {}
        number = pr.get("number", payload.get("number"))
        return GitHubEvent(
            **common,  # type: ignore[arg-type]
            pr_number=int(number) if number is not None else None,
            base_sha=base.get("sha"),
            base_ref=base.get("ref"),
            head_sha=head.get("sha"),
            head_repository=(head.get("repo") or {}).get("full_name"),
            labels=tuple(str(label.get("name")) for label in pr.get("labels") or [] if label.get("name")),
        )
    return GitHubEvent(**common)  # type: ignore[arg-type]


@dataclass(frozen=True)
class PullRequestLabels:
    """The PR's labels as they are now, and who added each (for ``RunContext``)."""

    labels: tuple[str, ...] = ()
    label_actors: Mapping[str, str] = field(default_factory=dict)


def fetch_labels(client: GitHubClient, repository: str, number: int) -> PullRequestLabels:
    """Labels fetched fresh (the event payload can be stale after a re-run) and the login that
    added each, from the issue's ``labeled`` events (the latest one wins)."""
    issue = client.repo(repository).get_issue(number)
    with client.calling(f"reading the labels of pull request #{number} on {repository}"):
        labels = tuple(label.name for label in issue.get_labels())
        actors: dict[str, str] = {}
        for event in issue.get_events():
            if event.event == "labeled" and event.label is not None and event.actor is not None:
                actors[event.label.name] = event.actor.login
            elif event.event == "unlabeled" and event.label is not None:
                actors.pop(event.label.name, None)
    return PullRequestLabels(labels=labels, label_actors={k: v for k, v in actors.items() if k in labels})


SHALLOW_CHECKOUT_HINT = """\
platform-lint needs the pull request's base commit to tell new findings from existing ones.
Fetch it in the workflow, either with the whole history:

    - uses: actions/checkout@v4
      with:
        fetch-depth: 0

or just the base commit, after the checkout step:

    - run: git fetch --no-tags --depth=1 origin ${{ github.event.pull_request.base.sha }}
"""

Runner = Callable[..., "subprocess.CompletedProcess[str]"]


@dataclass(frozen=True)
class BaseCommit:
    sha: str
    state: str  # present | fetched | missing
    message: str = ""


def _git(run: Runner, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run(["git", "-C", str(cwd), *args], capture_output=True, text=True, check=False, timeout=300)


def commit_exists(sha: str, cwd: Path, run: Runner = subprocess.run) -> bool:
    return _git(run, cwd, "cat-file", "-e", f"{sha}^{{commit}}").returncode == 0


def ensure_base_commit(
    sha: str, cwd: Path | str = ".", *, fetch: bool = False, run: Runner = subprocess.run
) -> BaseCommit:
    """Make the base commit available locally (a shallow clone lacks it).

    Looks it up; if missing and ``fetch`` is on (the caller allows the network: a token and
    not ``--offline``), runs ``git fetch --no-tags --depth=1 origin <sha>``; otherwise, or
    when that fails, returns ``missing`` with the command and the workflow lines to add.
    """
    sha = sha.strip().lower()
    if not _SHA.match(sha):
        raise InputError(f"not a commit SHA: {sha!r}")
    where = Path(cwd)
    if commit_exists(sha, where, run):
        return BaseCommit(sha, "present")
    if fetch:
        done = _git(run, where, "fetch", "--no-tags", "--depth=1", "origin", sha)
        if done.returncode == 0 and commit_exists(sha, where, run):
            return BaseCommit(sha, "fetched", f"fetched base commit {sha[:12]} (shallow clone)")
        why = (done.stderr or "").strip().splitlines()[-1:] or ["git fetch failed"]
        return BaseCommit(
            sha, "missing", f"could not fetch base commit {sha[:12]}: {why[0]}\n" + SHALLOW_CHECKOUT_HINT
        )
    return BaseCommit(
        sha,
        "missing",
        f"the pull request's base commit {sha[:12]} is not in the clone, and platform-lint does not "
        "fetch it without a GitHub token or with --offline (it does not use the network then). "
        f"Fetch it yourself:\n\n    git fetch --no-tags --depth=1 origin {sha}\n\n" + SHALLOW_CHECKOUT_HINT,
    )

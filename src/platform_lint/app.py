"""Composition root: ``build_*`` factories that wire snapshot, policy, engine, reports and GitHub.

Commands parse argv into settings and call these; nothing else constructs the layers.
Network is used only when a GitHub token is available and not switched off with
``offline``. :func:`clock` is the only place platform-lint reads the time; everything
below gets "now" passed down.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from platform_lint import safety
from platform_lint.engine import CollectorFailure, FactStore, run_policy
from platform_lint.errors import GitHubError, UsageError
from platform_lint.evaluate import evaluate
from platform_lint.families.check_type import RunContext
from platform_lint.families.codeowners.api import OWNERS_API
from platform_lint.families.codeowners.lookups import DEFAULT_MAX_LOOKUPS, OWNER_LOOKUPS, OwnerLookups
from platform_lint.families.collector import ClientKey, CollectEnv
from platform_lint.families.goldenpaths.origins import REQUEST as ORIGINS
from platform_lint.families.goldenpaths.origins import product_origins
from platform_lint.model import State
from platform_lint.policy.loader import PolicyLoader, find_policy_file
from platform_lint.policy.model import Policy
from platform_lint.report.build import build_report
from platform_lint.report.model import Report
from platform_lint.result import Notice, RunResult, TemplateOrigin
from platform_lint.snapshot.base import DEFAULT_MAX_BYTES, RepoSnapshot
from platform_lint.snapshot.kind import RepoKind, detect_kind
from platform_lint.snapshot.local import WorkTreeSnapshot, git_credentials, open_local
from platform_lint.verdict import DEFAULT_ON_ERROR

if TYPE_CHECKING:
    from platform_lint.github.client import RetryPolicy
    from platform_lint.github.publish import Publisher, PublishSettings

TOKEN_VARIABLES = ("PLATFORM_LINT_GITHUB_TOKEN", "GITHUB_TOKEN", "GH_TOKEN")
DEFAULT_MAX_WAIT = 60.0
"""``check --max-wait``: seconds a run may spend waiting on GitHub in all (platform_lint.github.client)."""


def clock() -> dt.datetime:
    """Now, in UTC, to the second: the one read of the clock in platform-lint."""
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


@dataclass(frozen=True)
class CheckSettings:
    """Everything ``check`` was asked to do, as plain data."""

    path: Path
    policy: Path | None = None
    base: str | None = None
    now: dt.datetime | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    offline: bool = False
    token: str | None = None
    untracked: bool = False
    max_wait: float = DEFAULT_MAX_WAIT
    """Seconds the whole run may spend waiting on GitHub (retries and rate limits)."""
    max_owner_lookups: int = DEFAULT_MAX_LOOKUPS
    """Owners asked about one by one, at most (``codeowners.owners-valid``)."""
    on_error: str = DEFAULT_ON_ERROR


def build_now(settings: CheckSettings) -> dt.datetime:
    return settings.now or clock()


def build_snapshot(settings: CheckSettings) -> RepoSnapshot:
    return open_local(settings.path, settings.max_bytes, untracked=settings.untracked)


def build_policy(settings: CheckSettings, snapshot: RepoSnapshot | None, today: dt.date) -> Policy:
    """``--policy`` (a file or builtin:NAME), else the work tree's own policy file, else the
    recommended pack. Without a work tree (a git ref, no snapshot) there is no own policy file."""
    root = snapshot.root if isinstance(snapshot, WorkTreeSnapshot) else None
    if settings.policy is not None and str(settings.policy).startswith("builtin:"):
        return PolicyLoader(today).load_builtin(str(settings.policy).split(":", 1)[1])
    if settings.policy is not None:
        if not settings.policy.is_file():
            raise UsageError(f"--policy {settings.policy}: no such file")
        # a policy file named inside the repository is confined to it, even through a link
        inside = root is not None and safety.lexically_inside(settings.policy, root)
        policy_root = root if inside else settings.policy.parent
        return PolicyLoader(today, policy_root).load_file(settings.policy)
    if root is not None:
        found = find_policy_file(root)
        if found is not None:
            return PolicyLoader(today, root).load_file(found)
    return PolicyLoader(today).load_builtin("recommended")


def find_token(settings: CheckSettings, env: Mapping[str, str]) -> str | None:
    if settings.offline:
        return None
    if settings.token:
        return settings.token
    for name in TOKEN_VARIABLES:
        if env.get(name):
            return env[name]
    return None


@dataclass(frozen=True)
class GitHubSide:
    """What the run knows from GitHub: the event, an API client, labels; all optional."""

    client: Any = None
    repository: str | None = None
    base_sha: str | None = None
    labels: tuple[str, ...] = ()
    label_actors: Mapping[str, str] | None = None
    head_sha: str | None = None
    notices: tuple[Notice, ...] = ()


def build_github(settings: CheckSettings, env: Mapping[str, str]) -> GitHubSide:
    if not (env.get("GITHUB_EVENT_NAME") or env.get("GITHUB_REPOSITORY")):
        return GitHubSide()  # not on GitHub: nothing to read, nothing to import
    from platform_lint.github.event import read_event

    event = read_event(env)
    token = find_token(settings, env)
    notices: list[Notice] = []
    client = None
    labels = event.labels
    actors: Mapping[str, str] = {}
    if token and event.repository:
        from platform_lint.github.client import RetryBudget, RetryPolicy, build_client
        from platform_lint.github.event import fetch_labels

        wait = settings.max_wait
        client = build_client(token, env, RetryPolicy(max_wait=wait, budget=RetryBudget(wait)))
        if event.is_pull_request and event.pr_number is not None:
            try:
                fresh = fetch_labels(client, event.repository, event.pr_number)
                labels, actors = fresh.labels, fresh.label_actors
            except GitHubError as exc:
                notices.append(
                    Notice(
                        "github-unavailable", f"pull-request labels come from the event payload only: {exc}"
                    )
                )
    return GitHubSide(
        client=client,
        repository=event.repository,
        base_sha=event.base_sha if event.is_pull_request else None,
        labels=labels,
        label_actors=actors,
        head_sha=event.report_sha,
        notices=tuple(notices),
    )


def build_base(
    settings: CheckSettings, snapshot: RepoSnapshot, side: GitHubSide
) -> tuple[RepoSnapshot | None, str | None]:
    ref = settings.base or side.base_sha
    if not ref:
        return None, None
    if settings.base is None and side.base_sha and isinstance(snapshot, WorkTreeSnapshot):
        from platform_lint.github.event import ensure_base_commit

        # git fetch only when the run may use the network: a token, and not --offline
        found = ensure_base_commit(side.base_sha, snapshot.root, fetch=side.client is not None)
        if found.state == "missing":
            raise UsageError(found.message)
        if found.message:  # it may quote git's answer: masked and made safe for the log
            sys.stderr.write(safety.terminal_text(f"platform-lint: {found.message}") + "\n")
    return snapshot.at_ref(ref), ref


def register_secrets(env: Mapping[str, str], *tokens: str | None, checkout: Path | None) -> None:
    """Tell :func:`platform_lint.safety.mask` what to hide in everything this run writes: the
    tokens in the environment and given on the command line, and the credential a checkout
    keeps in its git configuration (whether or not this run uses them)."""
    safety.add_secrets(env.get(name) or "" for name in safety.TOKEN_VARIABLES)
    safety.add_secrets(t for t in tokens if t)
    if checkout is not None:
        safety.add_secrets(git_credentials(checkout))


def build_clients(
    side: GitHubSide, max_owner_lookups: int = DEFAULT_MAX_LOOKUPS
) -> dict[ClientKey[Any], Any]:
    """The API clients collectors may use: GitHub's, behind each family's interface, with a token.
    They live for the run: the head and the base share their answers and the retry budget."""
    if side.client is None:
        return {}
    from platform_lint.github.owners_api import GitHubOwnersApi  # PyGithub only when there is a client

    owners = GitHubOwnersApi(side.client.github, budget=side.client.budget)
    return {OWNERS_API: owners, OWNER_LOOKUPS: OwnerLookups(owners, max_owner_lookups)}


def run_check(settings: CheckSettings, env: Mapping[str, str] | None = None) -> tuple[RunResult, Report]:
    """Check one repository: the evaluation's result and the report every format renders."""
    env = os.environ if env is None else env
    now = build_now(settings)
    snapshot = build_snapshot(settings)
    register_secrets(env, settings.token, checkout=getattr(snapshot, "root", None))
    policy = build_policy(settings, snapshot, now.date())
    side = build_github(settings, env)
    base, base_ref = build_base(settings, snapshot, side)
    context = RunContext(
        now=now,
        base_ref=base_ref,
        labels=side.labels,
        label_actors=dict(side.label_actors or {}),
    )
    clients = build_clients(side, settings.max_owner_lookups)
    collect_env = CollectEnv(clients=clients, repo_full_name=side.repository, ref=side.head_sha)
    result = check_snapshot(policy, snapshot, context, collect_env, base, on_error=settings.on_error)
    if side.notices:
        result = replace(result, notices=result.notices + side.notices)
    return result, build_report(result, policy.settings.docs_url)


def check_snapshot(
    policy: Policy,
    snapshot: RepoSnapshot,
    context: RunContext,
    collect_env: CollectEnv,
    base: RepoSnapshot | None = None,
    *,
    on_error: str = DEFAULT_ON_ERROR,
) -> RunResult:
    """Run the policy over one snapshot and evaluate it: the core of every check (``check``,
    ``org-scan``). With a base, the same policy at the base tells new findings from existing ones.
    ``on_error`` is stated in the result (see :func:`platform_lint.evaluate.evaluate`).
    The policy's ``scope:`` says what is the product (at the base too); its ``kind:``, or what
    :func:`detect_kind` finds, decides which rules apply."""
    snapshot.configure_scope(policy.scope)
    if base is not None:
        base.configure_scope(policy.scope)
    kind = build_kind(policy, snapshot)
    store = FactStore(snapshot, collect_env)
    outcomes = run_policy(policy, snapshot, context, collect_env, base, kind=kind, store=store)
    base_outcomes = None
    if base is not None:
        base_env = replace(collect_env, ref=getattr(base, "sha", None) or context.base_ref)
        # only rules with findings now need their base findings: the rest have nothing to mark
        failing = frozenset(rule_id for rule_id, o in outcomes.items() if o.state is State.FAIL)
        base_outcomes = run_policy(policy, base, context, base_env, None, only=failing, kind=kind)
    result = evaluate(
        policy, outcomes, context, target=snapshot.label, base_outcomes=base_outcomes, on_error=on_error
    )
    return replace(result, kind=kind, scope=snapshot.scope.summary(), origins=template_origins(store))


def template_origins(store: FactStore) -> tuple[TemplateOrigin, ...] | None:
    """The templates the repository's product records it came from (the facts the golden-path
    rules collected, else collected now); None when they could not be read."""
    facts = store.get(ORIGINS)
    if isinstance(facts, CollectorFailure):
        return None
    return tuple(TemplateOrigin(o.kind, o.path, o.line, o.template, o.commit) for o in product_origins(facts))


def build_kind(policy: Policy, snapshot: RepoSnapshot) -> RepoKind:
    """The kind the policy declares, else the one the repository's product shows."""
    if policy.kind is not None:
        return RepoKind(policy.kind, (f"declared by the policy (kind: {policy.kind})",), "policy")
    return detect_kind(snapshot)


def build_publisher(
    settings: PublishSettings,
    env: Mapping[str, str],
    out: TextIO,
    err: TextIO,
    retry: RetryPolicy | None = None,
) -> Publisher:
    """The report loaded (and validated), the run's event, the GitHub settings and the job log;
    ``retry`` lets tests replace the waiting."""
    from platform_lint.github.client import GitHubSettings, RetryBudget, RetryPolicy
    from platform_lint.github.event import read_event
    from platform_lint.github.publish import Publisher, PublishLog
    from platform_lint.report.load import load

    token = GitHubSettings.from_env(settings.token, env).token
    register_secrets(env, token, checkout=Path(env.get("GITHUB_WORKSPACE") or "."))
    report = load(settings.report)  # after the secrets are known: it is scrubbed as it is loaded
    event = read_event(env)
    log = PublishLog(out, err, in_actions=env.get("GITHUB_ACTIONS") == "true", token=token)
    wait = settings.max_wait
    github = GitHubSettings.from_env(
        token, env, retry or RetryPolicy(max_wait=wait, log=log.info, budget=RetryBudget(wait))
    )
    return Publisher(settings=settings, report=report, event=event, github=github, env=env, log=log)


def run_publish(
    settings: PublishSettings,
    env: Mapping[str, str] | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
    retry: RetryPolicy | None = None,
) -> int:
    """Publish one report on GitHub; the exit status is set by ``settings.fail_on``."""
    return build_publisher(
        settings,
        os.environ if env is None else env,
        sys.stdout if out is None else out,
        sys.stderr if err is None else err,
        retry,
    ).run()

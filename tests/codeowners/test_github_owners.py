"""Owners against GitHub, replayed from cassettes (tests/cassettes/codeowners, written not recorded).

The requests go through the GitHub adapter of the family's owners interface
(``platform_lint.github.owners_api``), as ``platform-lint check`` wires it.
"""

from __future__ import annotations

from pathlib import Path

import github
import pytest
import vcr
from github import Auth

from codeowners.helpers import facts_for, run_check
from platform_lint.families.codeowners.api import OWNERS_API, OwnersApiError
from platform_lint.families.codeowners.collect import collect_codeowners_github
from platform_lint.families.codeowners.model import GitHubOwnersFacts
from platform_lint.families.collector import CollectEnv
from platform_lint.github.owners_api import GitHubOwnersApi
from platform_lint.model import State
from platform_lint.snapshot.memory import MemorySnapshot

CASSETTES = Path(__file__).resolve().parents[1] / "cassettes" / "codeowners"
SHA = "3f786850e387550fdab836ed7e6dc881de23001b"
MIXED = """\
* @acme/platform
/src/ @acme/readers @alice
!/legacy/ @acme/platform
/ops/ @acme/outsiders @bob
/docs/ @acme/ghost @alice
/web/ @carol dev@acme.dev
"""
FILES = ["src/a.py", "ops/run.sh", "docs/index.md", "web/app.ts"]

replay = vcr.VCR(
    cassette_library_dir=str(CASSETTES),
    record_mode="none",
    match_on=["method", "scheme", "host", "port", "path", "query"],
    filter_headers=["authorization"],
)


def _api() -> GitHubOwnersApi:
    client = github.Github(
        auth=Auth.Token("test-token"), retry=None, seconds_between_requests=None, seconds_between_writes=None
    )
    return GitHubOwnersApi(client)


def _collect(text: str, ref: str) -> GitHubOwnersFacts:
    snapshot = MemorySnapshot({".github/CODEOWNERS": text, **{p: "x\n" for p in FILES}})
    env = CollectEnv(clients={OWNERS_API: _api()}, repo_full_name="acme/widgets", ref=ref)
    return collect_codeowners_github(snapshot, env, ())


def test_each_owner_is_checked_once_and_problems_are_located() -> None:
    with replay.use_cassette("owners_mixed.yaml") as cassette:
        gh = _collect(MIXED, SHA)
        assert cassette.all_played
    statuses = {c.owner: c.status for c in gh.owners}
    assert statuses == {
        "@acme/platform": "ok",
        "@acme/readers": "no-write",
        "@alice": "ok",
        "@acme/outsiders": "no-access",
        "@bob": "no-write",
        "@acme/ghost": "missing",
        "@carol": "not-collaborator",
        "dev@acme.dev": "unchecked",
    }
    assert [(e.line, e.kind) for e in gh.errors] == [(3, "Invalid pattern"), (5, "Unknown owner")]
    outcome = run_check("codeowners.owners-valid", facts_for(MIXED, FILES), codeowners_github=gh)
    assert outcome.state is State.FAIL
    assert [
        (f.code, f.location.line, f.location.column)
        for f in outcome.findings  # type: ignore[union-attr]
    ] == [
        ("github-error", 3, 1),
        ("github-error", 5, 10),
        ("no-write", 2, 7),
        ("no-access", 4, 7),
        ("no-write", 4, 23),
        ("missing", 5, 8),
        ("not-collaborator", 6, 7),
    ]
    assert outcome.findings[4].args["permission"] == "triage"
    keys = [f.key for f in outcome.findings]
    assert len(set(keys)) == len(keys) and not any(":2:" in k for k in keys)


def test_unknown_answer_is_an_error_not_a_pass() -> None:
    text = "* @acme/platform\n/ops/ @dave\n"
    with replay.use_cassette("owners_all_good.yaml") as cassette:
        gh = _collect(text, "main")
        assert cassette.all_played
    assert gh.errors == () and gh.owner("@dave").status == "unknown"  # type: ignore[union-attr]
    assert gh.owner("@dave").detail == (  # type: ignore[union-attr]
        "HTTP 403: Must have push access to view collaborator permission."
    )
    outcome = run_check("codeowners.owners-valid", facts_for(text, FILES), codeowners_github=gh)
    assert outcome.state is State.ERROR
    assert "@dave" in (outcome.reason or "")


def test_without_a_token_nothing_is_requested() -> None:
    snapshot = MemorySnapshot({".github/CODEOWNERS": MIXED})
    gh = collect_codeowners_github(snapshot, CollectEnv(), ())
    assert not gh.available and "token" in (gh.reason or "")
    no_repo = collect_codeowners_github(snapshot, CollectEnv(clients={OWNERS_API: _api()}), ())
    assert not no_repo.available and "repository" in (no_repo.reason or "")


def test_the_adapter_answers_in_plain_values() -> None:
    with replay.use_cassette("owners_mixed.yaml"):
        api = _api()
        assert api.team_permissions("acme", "outsiders", "acme/widgets") is None  # 404: no access
        assert api.team_exists("acme", "outsiders") and not api.team_exists("acme", "ghost")
        bob = api.user_permission("acme/widgets", "bob")
        assert bob is not None and (bob.permission, bob.role_name) == ("read", "triage")
        assert api.user_permission("acme/widgets", "carol") is None


def test_an_unrecorded_request_never_reaches_the_network() -> None:
    with replay.use_cassette("owners_all_good.yaml"), pytest.raises(Exception, match=r"(?i)cassette"):
        _collect("* @acme/someone-else\n", "main")


def test_the_adapter_turns_a_github_error_into_the_familys_error() -> None:
    with (
        replay.use_cassette("owners_all_good.yaml", allow_playback_repeats=True),
        pytest.raises(OwnersApiError) as caught,
    ):
        _api().user_permission("acme/widgets", "dave")
    assert caught.value.status == 403
    assert caught.value.detail == "HTTP 403: Must have push access to view collaborator permission."


def test_check_gives_the_collectors_the_owners_api_only_with_a_client() -> None:
    from platform_lint.app import GitHubSide, build_clients
    from platform_lint.github.client import build_client

    assert build_clients(GitHubSide()) == {}
    clients = build_clients(GitHubSide(client=build_client("test-token", {})))
    assert isinstance(clients[OWNERS_API], GitHubOwnersApi)

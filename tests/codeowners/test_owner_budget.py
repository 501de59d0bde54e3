"""How many GitHub requests the owner checks make, counted on replayed answers.

A CODEOWNERS file is the repository's, so a pull request decides how many owners it names.
These tests count every HTTP request (retries included: vcrpy answers below urllib3)
for ``platform-lint check`` on a pull request whose CODEOWNERS names 1,500 distinct owners
that GitHub does not know, head and base alike:

- each owner is asked about once per run, for the head and the base together;
- with more than 10 teams (or users) to ask about, the repository's teams (collaborators)
  are listed first, 100 a request, and the owners the listing shows able to review cost
  nothing more;
- at most ``--max-owner-lookups`` (200) owners are asked one by one, each in at most two
  requests (a team's permission, then whether it exists), plus GitHub's CODEOWNERS errors
  once per commit and the two listings: at most 2 + 2 + 2 x 200 = 404 requests, where there
  were 4,502 (6,002 when all 1,500 are teams);
- the owners left out are a finding, never a pass;
- when GitHub answers 503 to everything, the run's waiting stays within its budget (60 s by
  default) and the owners are "unknown": the rule is in error, never passed.

The cassettes (tests/cassettes/codeowners/build_cassettes.py) hold one answer per endpoint
and are matched on the endpoint, so one answer serves every team or user.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import vcr
from vcr.request import Request

from platform_lint.app import GitHubSide, build_clients, check_snapshot
from platform_lint.families.check_type import RunContext
from platform_lint.families.collector import CollectEnv
from platform_lint.github.client import GitHubClient, GitHubSettings, RetryBudget, RetryPolicy
from platform_lint.model import State
from platform_lint.policy.loader import PolicyLoader
from platform_lint.result import RuleResult, RunResult
from platform_lint.snapshot.memory import MemorySnapshot

CASSETTES = Path(__file__).resolve().parents[1] / "cassettes" / "codeowners"
HEAD_SHA = "3f786850e387550fdab836ed7e6dc881de23001b"
RULE = "ownership.codeowners-owners-can-review"
NOW = dt.datetime(2026, 1, 15, tzinfo=dt.timezone.utc)
ENDPOINTS = (
    ("errors", re.compile(r"/repos/[^/]+/[^/]+/codeowners/errors")),
    ("teams", re.compile(r"/repos/[^/]+/[^/]+/teams")),
    ("collaborators", re.compile(r"/repos/[^/]+/[^/]+/collaborators")),
    ("team-repo", re.compile(r"/orgs/[^/]+/teams/[^/]+/repos/[^/]+/[^/]+")),
    ("team", re.compile(r"/orgs/[^/]+/teams/[^/]+")),
    ("user", re.compile(r"/repos/[^/]+/[^/]+/collaborators/[^/]+/permission")),
)


def endpoint(path: str) -> str:
    return next((name for name, pattern in ENDPOINTS if pattern.fullmatch(path)), path)


def same_endpoint(r1: Request, r2: Request) -> None:
    """The same endpoint, and the same page of a listing."""
    assert endpoint(r1.path) == endpoint(r2.path)
    assert dict(r1.query).get("page") == dict(r2.query).get("page")


@contextmanager
def replay(name: str) -> Iterator[Any]:
    my_vcr = vcr.VCR(
        cassette_library_dir=str(CASSETTES),
        record_mode="none",
        match_on=["method", "scheme", "host", "port", "endpoint"],
        filter_headers=["authorization"],
    )
    my_vcr.register_matcher("endpoint", same_endpoint)
    with my_vcr.use_cassette(name, allow_playback_repeats=True) as cassette:
        yield cassette


class Sleeps:
    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def hostile_codeowners(teams: int, users: int) -> str:
    lines = [f"/t{i}/ @acme/team-{i}" for i in range(teams)]
    lines += [f"/u{i}/ @user-{i}" for i in range(users)]
    return "* @acme/team-0\n" + "\n".join(lines) + "\n"


def run(text: str, cassette: str, sleeps: Sleeps, **settings: Any) -> tuple[RunResult, Any]:
    head = MemorySnapshot({".github/CODEOWNERS": text, "README.md": "# widgets\n"})
    base = MemorySnapshot({".github/CODEOWNERS": text, "README.md": "# widgets\n"})
    retry = RetryPolicy(sleep=sleeps, log=lambda _m: None, budget=RetryBudget(settings.pop("wait", 60.0)))
    client = GitHubClient(GitHubSettings(token="test-token", retry=retry))
    env = CollectEnv(
        clients=build_clients(GitHubSide(client=client), **settings),
        repo_full_name="acme/widgets",
        ref=HEAD_SHA,
    )
    policy = PolicyLoader(NOW.date()).load_builtin("recommended")
    with replay(cassette) as played:
        result = check_snapshot(policy, head, RunContext(now=NOW, base_ref="main"), env, base)
    return result, played


def outcome(result: RunResult) -> RuleResult:
    return next(r for r in result.rules if r.rule.id == RULE)


def test_1500_distinct_owners_cost_at_most_404_requests_and_are_not_passed() -> None:
    sleeps = Sleeps()
    result, played = run(hostile_codeowners(750, 750), "owners_not_found.yaml", sleeps)
    assert played.play_count <= 404
    assert sleeps.waits == []
    judged = outcome(result)
    assert judged.state is State.FAIL
    left_out = [f.finding for f in judged.findings if f.finding.code == "not-checked"]
    assert len(left_out) == 1
    assert left_out[0].args["count"] == 1500 - 200 and left_out[0].args["limit"] == 200
    assert left_out[0].location.path == ".github/CODEOWNERS" and left_out[0].location.line is not None
    assert {f.finding.code for f in judged.findings} == {"missing", "not-checked"}
    assert any("200" in f.message and "--max-owner-lookups" in f.message for f in judged.findings)


def test_the_look_up_cap_is_the_users_to_set() -> None:
    result, played = run(hostile_codeowners(30, 30), "owners_not_found.yaml", Sleeps(), max_owner_lookups=10)
    assert played.play_count <= 2 + 2 + 2 * 10
    left_out = [f.finding for f in outcome(result).findings if f.finding.code == "not-checked"]
    assert [f.args["count"] for f in left_out] == [60 - 10]


def test_owners_named_many_times_are_asked_once_per_run() -> None:
    text = "".join(f"/d{i}/ @acme/team-{i % 3} @user-{i % 2}\n" for i in range(400))
    result, played = run(text, "owners_not_found.yaml", Sleeps())
    # errors at the head and at the base, then 3 teams x 2 requests and 2 users x 1 request, once
    assert played.play_count == 2 + 3 * 2 + 2
    assert outcome(result).state is State.FAIL


def test_a_github_outage_ends_within_the_runs_wait_budget() -> None:
    sleeps = Sleeps()
    result, played = run(hostile_codeowners(100, 100), "owners_outage.yaml", sleeps, wait=60.0)
    assert sum(sleeps.waits) <= 60.0
    assert max(sleeps.waits) <= 2.0  # at most two retries per request after a 5xx: 1 s, then 2 s
    # 20 requests tried three times each spend the 60 s; one more fails at once; then nothing is sent
    assert played.play_count <= 3 * 20 + 1
    judged = outcome(result)
    assert judged.state is State.ERROR
    assert "spent" in (judged.reason or "")


def test_owners_a_listing_shows_able_to_review_cost_no_request_of_their_own() -> None:
    text = "".join(f"/t{i}/ @acme/team-{i}\n" for i in range(250))
    text += "".join(f"/u{i}/ @User-{i}\n" for i in range(120))  # logins compare without case
    result, played = run(text, "owners_listed.yaml", Sleeps(), max_owner_lookups=0)
    # errors at the head (the rule passes: the base is not needed), 3 pages of teams, 2 of
    # collaborators: 6 requests, where asking one by one took 371
    assert played.play_count == 1 + 3 + 2
    judged = outcome(result)
    assert judged.state is State.PASS
    assert [e.message for e in judged.evidence] == ["370 of 370 owners can review"]


def test_a_listed_team_without_write_access_is_still_asked_about() -> None:
    text = "".join(f"/t{i}/ @acme/team-{i}\n" for i in range(11)) + "/r/ @acme/readers\n"
    result, played = run(text, "owners_not_found.yaml", Sleeps())
    # readers is listed with pull only: asked one by one like the 11 teams the listing lacks
    assert played.play_count == 2 + 1 + 12 * 2
    codes = {f.finding.args["owner"]: f.finding.code for f in outcome(result).findings}
    assert codes["@acme/readers"] == "missing" and len(codes) == 12


def test_a_listing_the_token_may_not_read_means_asking_one_by_one() -> None:
    from github import GithubException

    from platform_lint.github.owners_api import GitHubOwnersApi

    class Refusing:
        def requestJsonAndCheck(self, *args: Any, **kwargs: Any) -> Any:
            raise GithubException(403, {"message": "Resource not accessible by integration"}, {})

    class Client:
        requester = Refusing()

    api = GitHubOwnersApi(Client())  # type: ignore[arg-type]
    assert api.repo_teams("acme/widgets") is None and api.repo_collaborators("acme/widgets") is None

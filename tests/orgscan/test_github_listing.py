"""org-scan of a GitHub organisation: the listing (REST, replayed from cassettes) and what it costs.

Repositories are served by local bare repositories over file:// (the injected remote), so the
only REST requests are the listing's, and the tests count them: one per page on a first scan,
none counted against the rate limit on a re-scan where nothing changed.
"""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

import pytest

from orgscan.github_fakes import (
    TOKEN,
    FileRemote,
    bare_repo,
    cassette,
    empty_bare_repo,
    github_scan,
    manifest,
    statuses,
)
from orgscan.helpers import BARE, BRONZE
from platform_lint.errors import UsageError
from platform_lint.github.client import GitHubClient
from platform_lint.orgscan.github_setup import GitHubScanSettings, build_source, server_url_for
from platform_lint.orgscan.remote import HttpsRemote
from platform_lint.orgscan.source import ScanStopped


def _parts(url: str) -> tuple[str, dict[str, list[str]]]:
    parsed = urllib.parse.urlsplit(url)
    assert parsed.netloc == "api.github.com"
    return parsed.path, urllib.parse.parse_qs(parsed.query)


LISTED = ["acme/api", "acme/empty", "acme/web", "acme/worker"]  # archived and fork left out


@pytest.fixture
def remote(tmp_path: Path) -> FileRemote:
    root = tmp_path / "server"
    work = tmp_path / "work"
    bare_repo(root, "acme/api", BRONZE, work)
    bare_repo(root, "acme/web", BARE, work)
    bare_repo(root, "acme/worker", BRONZE, work)
    bare_repo(root, "acme/old-portal", BARE, work)
    bare_repo(root, "acme/upstream-fork", BARE, work)
    empty_bare_repo(root, "acme/empty")
    return FileRemote(root)


def test_three_pages_are_followed_by_link_and_cost_one_request_each(
    tmp_path: Path, remote: FileRemote
) -> None:
    out = tmp_path / "out"
    with cassette("listing_three_pages.yaml") as (cas, sent):
        run = github_scan(out, remote)
        assert cas.all_played and cas.play_count == 3
    assert run.error is None, run.error
    assert [_parts(u) for u in sent.urls()] == [
        ("/orgs/acme/repos", {"per_page": ["100"], "type": ["all"]}),
        ("/organizations/4242/repos", {"per_page": ["100"], "type": ["all"], "page": ["2"]}),
        ("/organizations/4242/repos", {"per_page": ["100"], "type": ["all"], "page": ["3"]}),
    ]
    assert all(h["Authorization"] == f"token {TOKEN}" for _, h in sent.requests)
    assert statuses(out) == {
        "acme/api": "scanned",
        "acme/empty": "skipped",
        "acme/web": "scanned",
        "acme/worker": "scanned",
    }
    assert manifest(out)["org"] == "acme"
    assert run.rest_requests == 3 and run.rest_requests <= 2 * len(LISTED)
    assert "3 request(s)" not in run.err  # the command prints the count; the runner does not
    assert TOKEN not in (out / "manifest.json").read_text() + run.err


def test_a_rescan_where_nothing_changed_costs_no_rate_limit_and_clones_nothing(
    tmp_path: Path, remote: FileRemote, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    with cassette("listing_three_pages.yaml"):
        assert github_scan(out, remote).error is None
    first = {e["repo"]: e for e in manifest(out)["repositories"]}

    import platform_lint.orgscan.github_source as github_source

    def no_clone(*args: object, **kwargs: object) -> Path:
        raise AssertionError("an unchanged repository was cloned")

    monkeypatch.setattr(github_source, "shallow_clone", no_clone)
    with cassette("listing_not_modified.yaml") as (cas, sent):
        run = github_scan(out, remote)
        assert cas.all_played
    assert run.error is None, run.error
    assert [h.get("If-None-Match", "").startswith('W/"') for _, h in sent.requests] == [True] * 3
    assert run.rest_requests == 0 and run.not_modified == 3  # 304s do not count against the limit
    assert statuses(out) == {**statuses(out), "acme/api": "unchanged", "acme/web": "unchanged"}
    again = {e["repo"]: e for e in manifest(out)["repositories"]}
    assert again["acme/worker"]["status"] == "unchanged"
    assert again["acme/api"]["report"] == first["acme/api"]["report"]
    assert again["acme/api"]["commit"] == first["acme/api"]["commit"]


def test_archived_repositories_and_forks_are_scanned_when_asked_for(
    tmp_path: Path, remote: FileRemote
) -> None:
    out = tmp_path / "out"
    with cassette("listing_three_pages.yaml"):
        run = github_scan(out, remote, include_archived=True, include_forks=True)
    assert run.error is None
    assert set(statuses(out)) == {*LISTED, "acme/old-portal", "acme/upstream-fork"}


def test_a_secondary_rate_limit_is_waited_out_as_retry_after_says(tmp_path: Path, remote: FileRemote) -> None:
    out = tmp_path / "out"
    with cassette("listing_secondary_limit.yaml") as (cas, _sent):
        run = github_scan(out, remote)
        assert cas.all_played and cas.play_count == 2
    assert run.error is None
    assert run.sleeps == [60.0]  # the fake clock: nothing really slept
    assert "retrying in 60s" in run.err
    assert statuses(out) == {"acme/api": "scanned", "acme/web": "scanned"}


def test_a_wait_longer_than_max_wait_stops_cleanly_and_the_next_run_resumes(
    tmp_path: Path, remote: FileRemote
) -> None:
    out = tmp_path / "out"
    with cassette("listing_secondary_limit_only.yaml") as (cas, _sent):
        run = github_scan(out, remote, max_wait=30)
        assert cas.play_count == 1
    assert run.sleeps == []
    assert isinstance(run.error, ScanStopped)
    assert run.error.exit_code == 3
    message = str(run.error)
    assert "asked to wait 60s, more than the scan may still wait (--max-wait 30s in all)" in message
    assert "run the same command again (same --out) to resume this scan after 2024-05-01T13:00:30Z" in message
    stopped = manifest(out)
    assert stopped["finished_at"] is None
    assert stopped["stopped"]["resume_after"] == "2024-05-01T13:00:30Z"
    assert "run the same command again" in stopped["stopped"]["resume"]

    from platform_lint.orgscan.merge import load_outputs

    (problem,) = load_outputs([out]).problems  # the org report says why the scan is incomplete
    assert problem.endswith("it stopped early: " + stopped["stopped"]["resume"])

    with cassette("listing_secondary_limit.yaml"):
        again = github_scan(out, remote)
    assert again.error is None and again.summary is not None
    assert again.summary.scan_id == stopped["scan_id"]  # the same scan, resumed
    done = manifest(out)
    assert done["finished_at"] is not None and "stopped" not in done


def test_a_502_is_retried_with_backoff_then_succeeds(tmp_path: Path, remote: FileRemote) -> None:
    out = tmp_path / "out"
    with cassette("listing_bad_gateway_then_ok.yaml") as (cas, _sent):
        run = github_scan(out, remote)
        assert cas.all_played and cas.play_count == 2
    assert run.error is None
    assert run.sleeps == [1.0]
    assert statuses(out) == {"acme/api": "scanned", "acme/web": "scanned"}


def test_a_user_account_is_listed_when_the_org_is_not_found(tmp_path: Path, remote: FileRemote) -> None:
    out = tmp_path / "out"
    with cassette("listing_user_account.yaml") as (cas, sent):
        run = github_scan(out, remote)
        assert cas.all_played
    assert run.error is None
    assert _parts(sent.urls()[-1]) == ("/users/acme/repos", {"per_page": ["100"], "type": ["owner"]})
    assert "acme is not an organisation these credentials can see; listing the user's repositories" in run.err
    assert statuses(out) == {"acme/api": "scanned"}


def test_github_enterprise_server_lists_under_api_v3_and_clones_from_the_host(tmp_path: Path) -> None:
    settings = GitHubScanSettings(
        org="acme", api_url="https://ghe.example.com/api/v3/", env={"GITHUB_TOKEN": TOKEN}
    )
    source, reader = build_source(settings, tmp_path, lambda m: None, max_bytes=1000)
    with cassette("listing_ghes.yaml") as (cas, sent):
        refs = list(source.repositories())
        assert cas.all_played
    assert [u.split("?")[0] for u in sent.urls()] == ["https://ghe.example.com/api/v3/orgs/acme/repos"]
    assert [r.location for r in refs] == [
        "https://ghe.example.com/acme/api.git",
        "https://ghe.example.com/acme/web.git",
    ]
    assert reader.requests == 1
    assert source.describe() == "https://ghe.example.com/api/v3/orgs/acme"


def test_api_urls_map_to_clone_servers_and_odd_ones_are_refused() -> None:
    assert server_url_for("https://api.github.com") == "https://github.com"
    assert server_url_for("https://ghe.example.com/api/v3") == "https://ghe.example.com"
    with pytest.raises(UsageError, match=re.escape("--api-url http://ghe.example.com/api/v3")):
        server_url_for("http://ghe.example.com/api/v3")
    with pytest.raises(UsageError, match=re.escape("expected https://api.github.com or")):
        server_url_for("https://example.com/graphql")


def test_the_token_goes_to_git_as_a_scoped_header_never_in_the_url() -> None:
    remote = HttpsRemote("https://github.com", TOKEN)
    assert TOKEN not in remote.url("acme/api") and TOKEN not in repr(remote)
    ((key, value),) = remote.config()
    assert key == "http.https://github.com/.extraHeader"
    assert value.startswith("Authorization: Basic ") and TOKEN not in value
    from platform_lint import safety

    assert safety.mask(f"oops {value}") == "oops Authorization: Basic ***"
    with pytest.raises(ValueError, match="https only"):
        HttpsRemote("file:///etc", None)


def test_the_source_pickles_without_listing_or_client(tmp_path: Path) -> None:
    import pickle

    settings = GitHubScanSettings(org="acme", env={"GITHUB_TOKEN": TOKEN})
    source, _reader = build_source(settings, tmp_path, lambda m: None, max_bytes=1000)
    state = pickle.loads(pickle.dumps(source))
    assert state.remote() == HttpsRemote("https://github.com", TOKEN)
    assert not any(isinstance(v, GitHubClient) for v in vars(state).values())
    assert state._lister is None

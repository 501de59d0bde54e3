"""Delivery signals: release cadence and pull-request lead time through the REST API (replayed from
cassettes in GitHub's shapes), within the request budget, and what the files say afterwards."""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
import urllib.parse
from pathlib import Path
from typing import Any

import pytest

from orgscan.fabricate import Report, base_report, scan_folder
from orgscan.github_fakes import TOKEN, cassette
from platform_lint.cli import run
from platform_lint.github.rest import EtagCache, RestReader
from platform_lint.orgscan import delivery
from platform_lint.orgscan.delivery import DELIVERY, read_delivery
from platform_lint.orgscan.github_delivery import measure_scan
from platform_lint.orgscan.github_setup import ETAGS, GitHubScanSettings, build_client

NOW = dt.datetime(2026, 1, 15, 12, 0, 0, tzinfo=dt.timezone.utc)
RELEASES = ("/repos/acme/api/releases", {"per_page": ["100"]})
PULLS_QUERY = {"state": ["closed"], "sort": ["updated"], "direction": ["desc"], "per_page": ["100"]}


@pytest.fixture
def base(tmp_path_factory: pytest.TempPathFactory) -> Report:
    return base_report(tmp_path_factory)


@pytest.fixture
def scan(tmp_path: Path, base: Report) -> Path:
    return scan_folder(tmp_path / "out", base, {"acme/api": None, "acme/web": None})


def _reader(out: Path, *, token: bool = True, max_wait: float = 300.0) -> tuple[RestReader, list[float]]:
    sleeps: list[float] = []
    settings = GitHubScanSettings(
        org="acme",
        env={"GITHUB_TOKEN": TOKEN} if token else {},
        max_wait=max_wait,
        sleep=sleeps.append,
        clock=lambda: 1714568400.0 - 30,
    )
    client = build_client(settings, lambda _m: None)
    return RestReader(client, EtagCache.load(out / ETAGS)), sleeps


def _measure(out: Path, budget: int = 500, **kw: Any) -> tuple[Any, RestReader, str, list[float]]:
    reader, sleeps = _reader(out, **kw)
    log = io.StringIO()
    result = measure_scan(reader, out, now=NOW, budget=budget, log=lambda m: log.write(m + "\n"))
    return result, reader, log.getvalue(), sleeps


def _parts(url: str) -> tuple[str, dict[str, list[str]]]:
    parsed = urllib.parse.urlsplit(url)
    return parsed.path, urllib.parse.parse_qs(parsed.query)


def _file(out: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / DELIVERY).read_text(encoding="utf-8"))
    return data


def test_one_releases_request_per_repository_and_pull_pages_until_the_window_ends(scan: Path) -> None:
    with cassette("delivery_first.yaml") as (cas, sent):
        result, reader, log, _ = _measure(scan)
        assert cas.all_played
    assert [_parts(u) for u in sent.urls()] == [
        RELEASES,
        ("/repos/acme/api/pulls", PULLS_QUERY),
        ("/repositories/100314/pulls", {**PULLS_QUERY, "page": ["2"]}),  # GitHub's Link rel="next"
        ("/repos/acme/web/releases", {"per_page": ["100"]}),
        ("/repos/acme/web/pulls", PULLS_QUERY),
    ]
    assert result.requests == 5 and reader.requests == 5 and result.not_modified == 0
    assert "5 request(s) of the --max-delivery-requests 500 budget" in log
    assert "2 of 2 repositories measured" in log
    data = _file(scan)
    assert data["scan_id"] == "fabricated" and data["measured"] is True
    api, web = data["repositories"]["acme/api"], data["repositories"]["acme/web"]
    # v2.0.1 and v2.0.0 inside 90 days, v1.9.0 inside the year; the draft, the pre-release and
    # the release older than a year are not counted
    assert api["releases"] == {"last_365_days": 3, "last_90_days": 2, "complete": True}
    # 50 merged on page 1 (1..50 hours), 10 on page 2 (51..60 h); 5 merged before the window
    assert api["pulls"] == {"merged": 60, "median_hours": 30.5, "complete": True, "pages": 2}
    assert web["releases"] == {"last_365_days": 0, "last_90_days": 0, "complete": True}  # measured: none
    assert web["pulls"] == {"merged": 2, "median_hours": 36.0, "complete": True, "pages": 1}
    assert TOKEN not in (scan / DELIVERY).read_text()


def test_a_second_measurement_is_conditional_and_costs_no_rate_limit(scan: Path) -> None:
    with cassette("delivery_first.yaml"):
        first, *_ = _measure(scan)
    with cassette("delivery_not_modified.yaml") as (cas, sent):
        again, reader, _, _ = _measure(scan)
        assert cas.all_played
    assert [h.get("If-None-Match", "").startswith('W/"') for _, h in sent.requests] == [True] * 5
    assert again.requests == 5 and again.not_modified == 5  # counted against the budget ...
    assert reader.requests == 0  # ... but not against GitHub's rate limit
    assert again.repositories == first.repositories


def test_the_budget_bounds_the_requests_and_what_it_cannot_cover_is_not_measured(scan: Path) -> None:
    with cassette("delivery_first.yaml") as (_cas, sent):
        result, _, log, _ = _measure(scan, budget=4)
    assert len(sent.requests) == 4
    assert result.requests == 4
    data = _file(scan)["repositories"]
    assert data["acme/api"]["pulls"]["merged"] == 60
    assert data["acme/web"]["releases"] == {"last_365_days": 0, "last_90_days": 0, "complete": True}
    assert data["acme/web"]["pulls"] is None
    assert data["acme/web"]["pulls_reason"] == (
        "not measured: the request budget (--max-delivery-requests 4) was spent"
    )
    assert "4 request(s) of the --max-delivery-requests 4 budget" in log


def test_pull_pages_stop_at_the_page_limit_and_say_the_median_is_partial(
    scan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import platform_lint.orgscan.github_delivery as github_delivery

    monkeypatch.setattr(github_delivery, "MAX_PULL_PAGES", 1)
    with cassette("delivery_first.yaml") as (_cas, sent):
        _measure(scan)
    assert len(sent.requests) == 4  # page 2 of api's pull requests is not read
    api = _file(scan)["repositories"]["acme/api"]["pulls"]
    assert api == {"merged": 50, "median_hours": 25.5, "complete": False, "pages": 1}


def test_without_a_token_nothing_is_asked_and_the_file_says_why(scan: Path) -> None:
    with cassette(None) as (_none, sent):
        result, *_ = _measure(scan, token=False)
    assert sent.requests == []
    data = _file(scan)
    assert data["measured"] is False and data["requests"] == 0
    assert data["reason"].startswith("not measured: no token")
    assert result.repositories == {}


def test_a_rate_limit_longer_than_max_wait_leaves_everything_after_it_not_measured(scan: Path) -> None:
    with cassette("delivery_secondary_limit.yaml") as (cas, _sent):
        _result, _, _, sleeps = _measure(scan, max_wait=30)
        assert cas.play_count == 1
    assert sleeps == []
    data = _file(scan)["repositories"]
    for repo in ("acme/api", "acme/web"):
        assert data[repo]["releases"] is None and data[repo]["pulls"] is None
        assert "rate limit (403)" in data[repo]["releases_reason"]
        assert "--max-wait 30s" in data[repo]["pulls_reason"]


def test_a_repository_that_answers_404_is_not_measured_and_the_next_one_is(
    tmp_path: Path, base: Report
) -> None:
    out = scan_folder(tmp_path / "out", base, {"acme/web": None})
    with cassette("delivery_not_found.yaml") as (cas, _sent):
        _measure(out)
        assert cas.all_played
    web = _file(out)["repositories"]["acme/web"]
    assert web["releases"] is None and "404" in web["releases_reason"]
    assert web["pulls"]["merged"] == 2


def test_a_delivery_file_that_is_not_one_is_refused_with_the_field(tmp_path: Path) -> None:
    (tmp_path / DELIVERY).write_text(
        json.dumps(
            {
                "schema_version": 1,
                "measured": True,
                "budget": 1,
                "requests": 1,
                "not_modified": 0,
                "repositories": {"acme/api": {"releases": {"last_365_days": -1, "complete": True}}},
            }
        )
    )
    with pytest.raises(delivery.DeliveryFileError, match="last_365_days"):
        read_delivery(tmp_path)


def test_delivery_signals_need_org_and_a_budget_needs_the_flag(tmp_path: Path, capsys: Any) -> None:
    args = ["org-scan", "--local", str(tmp_path), "--out", str(tmp_path / "out"), "--delivery-signals"]
    assert run(args) == 2
    assert "--delivery-signals reads GitHub" in capsys.readouterr().err
    assert run(["org-scan", "acme", "--out", str(tmp_path / "out"), "--max-delivery-requests", "9"]) == 2
    assert "give --delivery-signals too" in capsys.readouterr().err
    assert (
        run(
            [
                "org-scan",
                "acme",
                "--out",
                str(tmp_path / "o"),
                "--delivery-signals",
                "--max-delivery-requests",
                "-1",
            ]
        )
        == 2
    )
    assert "give 0 or more" in capsys.readouterr().err


def test_org_scan_with_delivery_signals_then_org_report_compares_golden_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from orgscan.github_fakes import FileRemote, bare_repo
    from orgscan.helpers import BRONZE

    root, work = tmp_path / "server", tmp_path / "work"
    cruft = '{"template": "https://github.com/acme/service-template", "commit": "3f786850e387"}\n'
    bare_repo(root, "acme/api", {**BRONZE, ".cruft.json": cruft}, work)  # on a golden path
    bare_repo(root, "acme/web", BRONZE, work)

    import platform_lint.orgscan.github_setup as github_setup

    real = github_setup.build_source

    def served_locally(*args: Any, **kwargs: Any) -> Any:
        return real(*args, **kwargs, remote=FileRemote(root))

    monkeypatch.setattr(github_setup, "build_source", served_locally)
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    out = tmp_path / "out"
    args = ["org-scan", "acme", "--out", str(out), "--policy", "builtin:recommended", "--concurrency", "1"]
    with cassette("scan_with_delivery.yaml") as (cas, sent):
        code = run([*args, "--delivery-signals", "--now", "2026-01-15T12:00:00+00:00"])
        assert cas.all_played
    err = capsys.readouterr().err
    assert code == 0, err
    assert len(sent.requests) == 5  # the listing page, then a releases and a pulls page for each
    assert "delivery signals: 4 request(s) of the --max-delivery-requests 500 budget" in err
    assert "GitHub REST: 5 request(s) counted against the rate limit" in err

    capsys.readouterr()
    assert run(["org-report", str(out)]) == 0
    md = capsys.readouterr().out
    section = md.split("\n### Delivery signals\n", 1)[1].split("\n## ", 1)[0]
    rows = {
        cells[0]: cells[1:]
        for cells in (
            [c.strip() for c in line.strip("|").split(" | ")]
            for line in section.splitlines()[1:]
            if line[:2] == "| "
        )
    }
    # api: 3 releases in the year, 2 in 90 days, merged after 6 and 10 hours; web: none, 24 and 48 h
    assert rows["on a golden path"] == ["1", "1", "3", "2", "1", "1", "2", "8.0 h"]
    assert rows["not on a golden path"] == ["1", "1", "0", "0", "1", "1", "2", "36.0 h"]
    assert "Requests: 4 sent of a budget of 500 (0 answered 304 Not Modified" in section

    # the history keeps each repository's signals with the scan, for a trend
    with sqlite3.connect(out / "history.sqlite") as db:
        kept = db.execute(
            "SELECT d.repo, d.releases_365, d.releases_90, d.pulls_merged, d.lead_hours, d.pulls_reason "
            "FROM delivery_results d JOIN scans USING (scan_id) ORDER BY d.repo"
        ).fetchall()
    assert kept == [("acme/api", 3, 2, 2, 8.0, None), ("acme/web", 0, 0, 2, 36.0, None)]

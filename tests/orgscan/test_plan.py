"""org-plan: the organisation listed once (REST replayed from cassettes, requests counted), the
shard count chosen by the documented rule and kept from one plan to the next, the matrix written
to $GITHUB_OUTPUT, and org-scan --plan scanning a shard of that plan without listing again."""

from __future__ import annotations

import json
import math
import urllib.parse
from pathlib import Path
from typing import Any

import pytest

from orgscan.github_fakes import TOKEN, FileRemote, bare_repo, cassette, manifest, statuses
from orgscan.helpers import BARE, BRONZE
from platform_lint.cli import run
from platform_lint.orgscan.plan import MAX_SHARDS, choose_count, shards_for
from platform_lint.orgscan.shards import shard_index

# the cassettes' organisation: svc-000 .. svc-224, every 20th archived, every 25th a fork
ALL = [f"acme/svc-{n:03d}" for n in range(225)]
ARCHIVED = {f"acme/svc-{n:03d}" for n in range(0, 225, 20)}
FORKS = {f"acme/svc-{n:03d}" for n in range(0, 225, 25)}
LISTED = [n for n in ALL if n not in ARCHIVED | FORKS]


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A token, the public API, and a $GITHUB_OUTPUT file that already has a line of an earlier step."""
    for name in ("GH_TOKEN", "GITHUB_API_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    output = tmp_path / "github_output"
    output.write_text("earlier=step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_OUTPUT", str(output))
    return output


def parse_github_output(text: str) -> dict[str, str]:
    """The file as the Actions runner reads it: NAME=VALUE lines and NAME<<DELIMITER blocks."""
    values: dict[str, str] = {}
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line:
            continue
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            body = []
            while lines[i] != delimiter:
                body.append(lines[i])
                i += 1
            i += 1
            values[name] = "\n".join(body)
        else:
            name, value = line.split("=", 1)
            values[name] = value
    return values


def plan(out: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any], str]:
    code = run(["org-plan", "acme", "--out", str(out), *args])
    captured = capsys.readouterr()
    return code, (json.loads(captured.out) if code == 0 else {}), captured.err


def test_the_plan_follows_every_page_at_one_request_each_and_splits_by_the_rule(
    tmp_path: Path, env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "plan"
    with cassette("plan_three_full_pages.yaml") as (cas, sent):
        code, printed, err = plan(out, capsys, "--repos-per-shard", "40")
        assert cas.all_played and cas.play_count == 3
    assert code == 0, err
    paths = [urllib.parse.urlsplit(u) for u in sent.urls()]
    assert [(p.path, urllib.parse.parse_qs(p.query).get("page")) for p in paths] == [
        ("/orgs/acme/repos", None),
        ("/organizations/4242/repos", ["2"]),
        ("/organizations/4242/repos", ["3"]),
    ]
    assert all(h["Authorization"] == f"token {TOKEN}" for _, h in sent.requests)
    assert "org-plan: GitHub REST: 3 request(s) counted against the rate limit" in err
    assert len(ALL) // 100 + 1 == 3  # one request per hundred repositories

    count = math.ceil(len(LISTED) / 40)  # 207 repositories, 40 per shard: 6 shards
    assert printed["repositories"] == len(LISTED) == 207
    assert printed["count"] == count == 6
    assert printed["matrix"] == {"shard": [1, 2, 3, 4, 5, 6]}
    expected_sizes = [sum(shard_index(n, count) == i for n in LISTED) for i in range(1, count + 1)]
    assert printed["shard_sizes"] == expected_sizes and sum(expected_sizes) == 207
    assert f"207 repositories in 6 shard(s): 207 repositories, 40 per shard; {min(expected_sizes)} to" in err

    written = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    assert written["shards"] == 6
    assert [r["full_name"] for r in written["listing"]] == LISTED  # no archived repository, no fork
    assert all(r["shard"] == shard_index(r["full_name"], 6) for r in written["listing"])
    assert (out / "state" / "github-etags.json").is_file()
    assert TOKEN not in (out / "plan.json").read_text() + err

    outputs = parse_github_output(env.read_text(encoding="utf-8"))
    assert outputs["earlier"] == "step"  # appended, not overwritten
    assert json.loads(outputs["matrix"]) == {"shard": [1, 2, 3, 4, 5, 6]}
    assert outputs["count"] == "6" and outputs["repositories"] == "207"
    for line in env.read_text().splitlines():  # the multiline-safe form, each with its own delimiter
        if line.startswith(("matrix", "count", "repositories")):
            assert "<<ghadelimiter_" in line


def test_a_replan_where_nothing_changed_is_free_and_keeps_the_shard_count(
    tmp_path: Path, env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "plan"
    with cassette("plan_three_full_pages.yaml"):
        assert plan(out, capsys, "--repos-per-shard", "40")[1]["count"] == 6
    env.write_text("", encoding="utf-8")
    with cassette("plan_not_modified.yaml") as (cas, sent):
        code, printed, err = plan(out, capsys, "--repos-per-shard", "100")  # the rule alone: 3
        assert cas.all_played
    assert code == 0, err
    assert [h.get("If-None-Match", "").startswith('W/"') for _, h in sent.requests] == [True] * 3
    assert "0 request(s) counted against the rate limit, 3 answered 304 Not Modified" in err
    assert printed["count"] == 6 and printed["repositories"] == 207  # the listing from the cache
    assert printed["why"] == "kept from the previous plan (207 repositories, 100 per shard would make 3)"
    assert parse_github_output(env.read_text())["count"] == "6"


def test_the_count_grows_once_the_shards_are_outgrown_and_shards_overrides_it(
    tmp_path: Path, env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "plan"
    with cassette("plan_three_full_pages.yaml"):
        assert plan(out, capsys, "--shards", "2")[1]["count"] == 2
    with cassette("plan_not_modified.yaml"):
        code, printed, err = plan(out, capsys, "--repos-per-shard", "150")  # 207 <= 2 * 150 * 2: kept
    assert code == 0 and printed["count"] == 2, err
    with cassette("plan_not_modified.yaml"):
        code, printed, err = plan(out, capsys, "--repos-per-shard", "40")  # 207 > 2 * 40 * 2: grows
    assert code == 0 and printed["count"] == 6, err
    assert printed["why"].startswith("grown from 2: more than 80 repositories per shard")
    assert "scanned afresh once" in printed["why"]
    with cassette("plan_not_modified.yaml"):
        code, printed, err = plan(out, capsys, "--shards", "3")  # the user shrinks it
    assert code == 0 and printed["count"] == 3 and printed["why"] == "set by --shards", err
    assert json.loads((out / "plan.json").read_text())["shards"] == 3


def test_filters_are_the_scans_own(tmp_path: Path, env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with cassette("plan_three_full_pages.yaml"):
        code, printed, _ = plan(tmp_path / "a", capsys, "--include-archived", "--include-forks")
    assert code == 0 and printed["repositories"] == 225 and printed["count"] == 1  # 225 <= 250
    with cassette("plan_three_full_pages.yaml"):
        code, printed, _ = plan(tmp_path / "b", capsys, "--repos", "acme/svc-1*", "--repos-per-shard", "10")
    wanted = [n for n in LISTED if n.startswith("acme/svc-1")]
    assert (
        code == 0
        and printed["repositories"] == len(wanted)
        and printed["count"] == math.ceil(len(wanted) / 10)
    )
    listed = [r["full_name"] for r in json.loads((tmp_path / "b" / "plan.json").read_text())["listing"]]
    assert listed == wanted


def test_the_rule_its_bounds_and_the_matrix_limit() -> None:
    assert shards_for(0, 250) == 1  # an empty organisation still gets one shard (an empty matrix fails)
    assert shards_for(250, 250) == 1 and shards_for(251, 250) == 2
    assert shards_for(1_000_000, 250) == MAX_SHARDS == 256
    capped = choose_count(1_000_000, 250)
    assert capped.count == 256 and "the most a matrix allows" in capped.why
    assert choose_count(1_000_000, 250, previous=256).count == 256
    assert choose_count(10, 250, previous=7).count == 7  # never shrinks by itself
    assert choose_count(10, 250, previous=999).count == 1  # a nonsense previous count is ignored
    assert choose_count(1001, 250, previous=2).count == 5  # 1001 > 2 * 250 * 2
    assert choose_count(1000, 250, previous=2).count == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--shards", "257"], "--shards 257: give 1 to 256 (the most jobs a GitHub Actions matrix runs)"),
        (["--shards", "0"], "--shards 0: give 1 to 256"),
        (["--repos-per-shard", "0"], "--repos-per-shard 0: give at least 1"),
        (["--repos", "acme/[", "--shards", "2"], "--repos:"),
    ],
)
def test_bad_options_are_usage_errors_before_any_request(
    tmp_path: Path, env: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    with cassette(None) as (_cas, sent):
        code, _, err = plan(tmp_path / "plan", capsys, *args)
    assert code == 2 and message in err
    assert sent.requests == []
    assert not (tmp_path / "plan" / "plan.json").exists()


# --- org-scan --plan: a shard of the plan, no listing ---


def _plan_file(tmp_path: Path, names: list[str], shards: int, org: str = "acme") -> Path:
    path = tmp_path / "plan" / "plan.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    listing = [
        {"full_name": n, "default_branch": "main", "archived": False, "fork": False, "size": 1} for n in names
    ]
    path.write_text(json.dumps({"schema_version": 1, "org": org, "shards": shards, "listing": listing}))
    return path


def test_org_scan_with_a_plan_scans_its_shard_without_listing_the_organisation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, work = tmp_path / "server", tmp_path / "work"
    names = ["acme/api", "acme/web", "acme/worker", "acme/docs", "acme/infra"]
    for name in names:
        bare_repo(root, name, BRONZE if name.endswith("i") else BARE, work)
    plan_file = _plan_file(tmp_path, names, 2)

    import platform_lint.orgscan.github_setup as github_setup

    real = github_setup.build_source

    def served_locally(*args: Any, **kwargs: Any) -> Any:
        return real(*args, **kwargs, remote=FileRemote(root))

    monkeypatch.setattr(github_setup, "build_source", served_locally)
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    outs = [tmp_path / f"shard-{i}" for i in (1, 2)]
    for i, out in enumerate(outs, start=1):
        with cassette(None) as (_cas, sent):
            args = ["acme", "--plan", str(plan_file), "--shard", f"{i}/2", "--out", str(out)]
            code = run(["org-scan", *args, "--policy", "builtin:recommended", "--concurrency", "1"])
        assert code == 0
        assert sent.requests == []  # the plan replaces the listing
        assert manifest(out)["shard"] == f"{i}/2"
    found = [set(statuses(out)) for out in outs]
    assert found[0] | found[1] == set(names) and not found[0] & found[1]
    assert found[0] == {n for n in names if shard_index(n, 2) == 1}

    # the report job: every shard merged, a badge per repository
    site = tmp_path / "site"
    assert run(["org-report", *map(str, outs), "--out", str(site), "--now", "2026-01-15"]) == 0
    for name in names:
        assert (site / "badges" / name / "platform-lint.svg").is_file(), name
    assert all(name in (site / "index.html").read_text(encoding="utf-8") for name in names)


@pytest.mark.parametrize(
    ("extra", "plan_org", "message"),
    [
        (["--shard", "1/4"], "acme", "the plan PLAN has 2 shards; give --shard I/2"),
        ([], "other", "a plan for other, not acme"),
        (["--include-forks"], "acme", "--include-forks with --plan: the plan says which repositories"),
    ],
)
def test_a_plan_that_does_not_fit_the_scan_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], plan_org: str, message: str
) -> None:
    plan_file = _plan_file(tmp_path, ["acme/api"], 2, org=plan_org)
    with cassette(None) as (_cas, sent):
        code = run(["org-scan", "acme", "--plan", str(plan_file), *extra, "--out", str(tmp_path / "out")])
    assert code == 2
    assert message.replace("PLAN", str(plan_file)) in capsys.readouterr().err
    assert sent.requests == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not JSON"),
        ('{"schema_version": 1, "org": "acme", "shards": 300, "listing": []}', "'shards' must be a number"),
        (
            '{"schema_version": 1, "org": "acme", "shards": 1, "listing": [{"full_name": "../../etc"}]}',
            "listing entry 1 is not a repository",
        ),
        ("[]", "not a plan file written by platform-lint org-plan"),
    ],
)
def test_a_broken_plan_file_is_named_with_what_is_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(text)
    code = run(["org-scan", "acme", "--plan", str(plan_file), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2 and f"--plan {plan_file}: {message}" in err
    assert "Traceback" not in err


def test_a_rate_limit_longer_than_max_wait_stops_the_plan_with_exit_3_and_no_plan(
    tmp_path: Path, env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "plan"
    with cassette("listing_secondary_limit_only.yaml") as (cas, _sent):
        code, _, err = plan(out, capsys, "--max-wait", "30")
        assert cas.play_count == 1  # not retried: the wait asked for does not fit
    assert code == 3
    assert "asked to wait 60s, more than the scan may still wait (--max-wait 30s in all)" in err
    assert not (out / "plan.json").exists()
    assert env.read_text(encoding="utf-8") == "earlier=step\n"  # no matrix for the next jobs


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ('{"shards": 7}', 7),
        ('{"shards": 256}', 256),
        ('{"shards": 257}', None),
        ('{"shards": true}', None),
        ('{"shards": "7"}', None),
        ("[7]", None),
        ("{broken", None),
    ],
)
def test_only_a_sound_previous_count_is_kept(tmp_path: Path, text: str, kept: int | None) -> None:
    from platform_lint.orgscan.plan import previous_count

    (tmp_path / "plan.json").write_text(text, encoding="utf-8")
    assert previous_count(tmp_path) == kept
    assert previous_count(tmp_path / "nowhere") is None


def test_without_a_token_the_plan_says_so_in_its_own_name(
    tmp_path: Path, env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("GITHUB_TOKEN")
    with cassette("plan_three_full_pages.yaml") as (_cas, sent):
        code, printed, err = plan(tmp_path / "plan", capsys)
    assert code == 0 and printed["repositories"] == 207
    assert "org-plan: no token (GITHUB_TOKEN, --token-env or a GitHub App): public repositories only" in err
    assert all("Authorization" not in h for _, h in sent.requests)

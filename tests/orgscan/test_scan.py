"""org-scan over local repositories: one report per repository, as ``check`` would write it."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from orgscan.helpers import (
    BARE,
    BRONZE,
    NOW,
    SILVER_EXTRA,
    commit,
    entries,
    git,
    make_repo,
    manifest,
    org_scan,
    report,
)
from platform_lint.cli import run
from platform_lint.report.load import load as load_report


@pytest.fixture
def org(tmp_path: Path) -> Path:
    root = tmp_path / "repos"
    make_repo(root / "acme" / "api", {**BRONZE, **SILVER_EXTRA})
    make_repo(root / "acme" / "web", BRONZE)
    make_repo(root / "acme" / "docs", BARE)
    return root


def test_every_repository_gets_a_report_and_a_manifest_entry(
    org: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert org_scan(org, out) == 0
    data = manifest(out)
    assert data["schema_version"] == 1 and data["finished_at"] is not None and data["shard"] is None
    assert [e["repo"] for e in data["repositories"]] == ["acme/api", "acme/docs", "acme/web"]
    for entry in data["repositories"]:
        assert entry["status"] == "scanned" and entry["reason"] is None
        assert entry["default_branch"] == "main"
        assert entry["commit"] == git(org / entry["repo"], "rev-parse", "HEAD")
        assert entry["report"] == f"reports/{entry['repo']}.json"
        loaded = load_report(out / entry["report"])  # follows the report schema
        assert loaded.target == f"{entry['repo']}@main"
    levels = {name: report(out, name)["summary"]["level"] for name in ("acme/api", "acme/docs", "acme/web")}
    assert levels["acme/docs"] == "none" and levels["acme/web"] == "bronze"
    assert report(out, "acme/api")["summary"]["score"] > report(out, "acme/web")["summary"]["score"]

    # off a terminal, progress is one plain line per repository
    lines = capsys.readouterr().err.splitlines()
    per_repo = [line for line in lines if line.startswith("org-scan: [")]
    assert [line.split()[2] for line in per_repo] == ["acme/api:", "acme/docs:", "acme/web:"]
    assert all("\r" not in line and "\x1b" not in line for line in lines)
    assert lines[-1].startswith("org-scan: 3 repositories: 3 scanned")

    # every file was written atomically: no temporary file remains, and a finished scan no journal
    assert [p for p in out.rglob("*") if p.name.endswith(".tmp")] == []
    assert os.listdir(out / "state") == ["repos.json"]


def test_the_report_is_the_one_check_writes_for_that_commit(org: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert org_scan(org, out) == 0
    direct = tmp_path / "direct.json"
    run(["check", str(org / "acme" / "api"), "--now", NOW, "--format", "json", "--output", str(direct)])
    expected = json.loads(direct.read_text(encoding="utf-8"))
    scanned = report(out, "acme/api")
    for key in ("target",):
        expected.pop(key), scanned.pop(key)
    assert scanned == expected


def test_reads_the_commit_not_the_work_tree_and_bare_repositories_too(org: Path, tmp_path: Path) -> None:
    api = org / "acme" / "api"
    (api / "LICENSE").unlink()  # uncommitted: the default branch still has it
    (api / "scratch.env").write_text("SECRET=1\n")
    git(tmp_path, "clone", "-q", "--bare", str(org / "acme" / "web"), str(org / "acme" / "web-mirror.git"))
    out = tmp_path / "out"
    assert org_scan(org, out) == 0
    rules = {r["id"]: r["state"] for r in report(out, "acme/api")["rules"]}
    assert rules["docs.license"] == "pass"
    assert entries(out)["acme/web-mirror"]["status"] == "scanned"
    mirror, web = report(out, "acme/web-mirror"), report(out, "acme/web")
    assert mirror["summary"] == web["summary"] and mirror["target"] == "acme/web-mirror@main"


def test_unchanged_repositories_are_not_scanned_again(org: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert org_scan(org, out) == 0
    kept = (out / "reports/acme/web.json").stat().st_mtime_ns
    first = manifest(out)["scan_id"]
    commit(org / "acme" / "api", {"docs/more.md": "# More\n"})
    assert org_scan(org, out) == 0
    data = manifest(out)
    assert data["scan_id"] != first
    statuses = {e["repo"]: e["status"] for e in data["repositories"]}
    assert statuses == {"acme/api": "scanned", "acme/docs": "unchanged", "acme/web": "unchanged"}
    assert (out / "reports/acme/web.json").stat().st_mtime_ns == kept
    assert entries(out)["acme/web"]["report"] == "reports/acme/web.json"
    with sqlite3.connect(out / "history.sqlite") as db:  # unchanged repositories count in both scans
        rows = db.execute("SELECT scan_id, COUNT(*) FROM repo_results GROUP BY scan_id").fetchall()
    assert sorted(n for _, n in rows) == [3, 3]


def test_a_different_policy_scans_everything_again(org: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert org_scan(org, out) == 0
    policy = tmp_path / "policy.yml"
    policy.write_text(
        "version: 1\nextends: [builtin:recommended]\noverrides:\n  docs.license: {enabled: false}\n"
    )
    assert org_scan(org, out, "--policy", str(policy)) == 0
    assert {e["status"] for e in manifest(out)["repositories"]} == {"scanned"}
    assert "docs.license" not in {r["id"] for r in report(out, "acme/web")["rules"]}


def test_a_broken_repository_fails_with_a_reason_and_the_scan_goes_on(tmp_path: Path) -> None:
    root = tmp_path / "repos"
    make_repo(root / "acme" / "good", BRONZE)
    (root / "acme" / "not-git" / ".git").mkdir(parents=True)  # an empty .git folder
    missing = make_repo(root / "acme" / "no-tree", BRONZE)
    tree = git(root / "acme" / "no-tree", "rev-parse", f"{missing}^{{tree}}")
    (root / "acme" / "no-tree" / ".git" / "objects" / tree[:2] / tree[2:]).unlink()
    make_repo(root / "acme" / "dangling", BRONZE)
    (root / "acme" / "dangling" / ".git" / "HEAD").write_text("ref: refs/heads/gone\n")
    git(tmp_path, "init", "-q", "--bare", str(root / "acme" / "empty.git"))
    out = tmp_path / "out"
    assert org_scan(root, out) == 0
    got = entries(out)
    assert got["acme/good"]["status"] == "scanned"
    assert got["acme/not-git"]["status"] == "failed"
    assert "not a readable git repository" in got["acme/not-git"]["reason"]
    assert got["acme/no-tree"]["status"] == "failed" and got["acme/no-tree"]["commit"] == missing
    assert "cannot read commit" in got["acme/no-tree"]["reason"]
    assert got["acme/dangling"]["status"] == "failed" and "gone" in got["acme/dangling"]["reason"]
    assert got["acme/empty"] == {**got["acme/empty"], "status": "skipped", "reason": "no commits yet"}
    assert all(
        got[r]["report"] is None for r in ("acme/not-git", "acme/no-tree", "acme/dangling", "acme/empty")
    )


def test_a_broken_repository_inside_another_is_not_mistaken_for_it(tmp_path: Path) -> None:
    outer = tmp_path / "outer"
    make_repo(outer, BRONZE)
    (outer / "repos" / "acme" / "broken" / ".git").mkdir(parents=True)
    out = tmp_path / "out"
    assert org_scan(outer / "repos", out) == 0
    assert entries(out)["acme/broken"]["status"] == "failed"


def test_nothing_the_repository_configures_is_run(tmp_path: Path) -> None:
    root = tmp_path / "repos"
    repo = root / "acme" / "hostile"
    make_repo(repo, {**BRONZE, ".gitattributes": "* filter=evil diff=evil\n"})
    marker = tmp_path / "ran"
    hook = f"touch {marker}"
    for key, value in (
        ("core.fsmonitor", hook),
        ("filter.evil.smudge", hook),
        ("filter.evil.clean", hook),
        ("diff.evil.textconv", hook),
        ("core.pager", hook),
    ):
        git(repo, "config", key, value)
    for name in ("post-checkout", "pre-commit", "post-index-change", "reference-transaction"):
        script = repo / ".git" / "hooks" / name
        script.write_text(f"#!/bin/sh\n{hook}\n")
        script.chmod(0o755)
    out = tmp_path / "out"
    assert org_scan(root, out) == 0
    assert entries(out)["acme/hostile"]["status"] == "scanned"
    assert not marker.exists()


def test_repos_globs_and_names(tmp_path: Path) -> None:
    root = tmp_path / "repos"
    make_repo(root / "acme" / "api-one", BARE)
    make_repo(root / "acme" / "api-two", BARE)
    make_repo(root / "acme" / "web", BARE)
    make_repo(root / "other" / "api-three", BARE)
    out = tmp_path / "out"
    assert org_scan(root, out, "--repos", "acme/api-*", "--repos", "*/web") == 0
    assert sorted(entries(out)) == ["acme/api-one", "acme/api-two", "acme/web"]


def test_one_level_deep_repositories_take_the_org_as_owner(tmp_path: Path) -> None:
    root = tmp_path / "checkouts"
    make_repo(root / "api", BARE)
    make_repo(root / ".github", BARE)  # a hidden folder that is a repository counts
    (root / ".cache" / "x").mkdir(parents=True)
    make_repo(root / ".cache" / "x" / "inner", BARE)  # hidden folders are not searched
    out = tmp_path / "out"
    assert org_scan(root, out, "--org", "acme") == 0
    assert sorted(entries(out)) == ["acme/.github", "acme/api"]
    assert manifest(out)["org"] == "acme"
    assert (out / "reports/acme/.github.json").is_file()


def test_parallel_workers_give_the_same_results(org: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    assert org_scan(org, one) == 0
    assert org_scan(org, two, "--concurrency", "2") == 0

    def comparable(out: Path) -> list[tuple[str, str, str | None]]:
        return [(e["repo"], e["status"], e["commit"]) for e in manifest(out)["repositories"]]

    assert comparable(one) == comparable(two)
    for name in entries(one):
        assert report(one, name) == report(two, name)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--shard", "0/3"], "between 1 and N"),
        (["--shard", "two"], "expected I/N"),
        (["--concurrency", "0"], "at least 1"),
        (["--scan-id", "../x"], "--scan-id"),
        (["--repos", "[z-a]"], "--repos"),
        (["--policy", "missing.yml"], "no such file"),
    ],
)
def test_bad_options_exit_2_with_a_message(
    org: Path, tmp_path: Path, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert org_scan(org, out, *args) == 2
    assert message in capsys.readouterr().err
    assert not (out / "manifest.json").exists()


def test_a_policy_that_does_not_validate_names_its_line(
    org: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    policy = tmp_path / "policy.yml"
    policy.write_text("version: 1\nrules:\n  - id: x\n")
    assert org_scan(org, tmp_path / "out", "--policy", str(policy)) == 2
    assert "policy.yml:3" in capsys.readouterr().err

"""history.sqlite: a versioned schema, a scan row and per-repository rows for every scan."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from orgscan.helpers import BARE, BRONZE, commit, make_repo, manifest, org_scan, report
from platform_lint.cli import run
from platform_lint.orgscan.history import MIGRATIONS, SCHEMA_VERSION, connect


@pytest.fixture
def scanned(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "repos"
    make_repo(root / "acme" / "api", BRONZE)
    make_repo(root / "acme" / "docs", BARE)
    (root / "acme" / "broken" / ".git").mkdir(parents=True)
    out = tmp_path / "out"
    assert org_scan(root, out) == 0
    return root, out


def _rows(out: Path, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(out / "history.sqlite") as db:
        return db.execute(sql, args).fetchall()


def test_schema_is_versioned(scanned: tuple[Path, Path]) -> None:
    _, out = scanned
    assert _rows(out, "SELECT version FROM schema_version") == [(v,) for v in range(1, SCHEMA_VERSION + 1)]
    tables = {name for (name,) in _rows(out, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {
        "schema_version",
        "scans",
        "repo_results",
        "characteristic_results",
        "failing_rules",
        "journey_results",
        "repo_origins",
        "delivery_results",
    }


def test_one_scan_row_and_a_row_per_repository_with_its_scores(scanned: tuple[Path, Path]) -> None:
    _, out = scanned
    data = manifest(out)
    scans = _rows(
        out, "SELECT scan_id, started_at, finished_at, policy, repositories, scanned, failed FROM scans"
    )
    assert scans == [
        (data["scan_id"], data["started_at"], data["finished_at"], "builtin:recommended", 3, 2, 1)
    ]
    api = report(out, "acme/api")
    row = _rows(
        out,
        "SELECT status, level, score, rules_total, rules_pass, rules_fail, findings_open, commit_sha "
        "FROM repo_results WHERE repo = 'acme/api'",
    )
    summary = api["summary"]
    assert row == [
        (
            "scanned",
            summary["level"],
            summary["score"],
            summary["rules"]["total"],
            summary["rules"]["pass"],
            summary["rules"]["fail"],
            summary["findings"]["open"],
            data["repositories"][0]["commit"],
        )
    ]
    chars = _rows(
        out, "SELECT characteristic, score, level FROM characteristic_results WHERE repo = 'acme/api'"
    )
    assert sorted(chars) == sorted((c["id"], c["score"], c["level"]) for c in api["characteristics"])
    failing = _rows(out, "SELECT rule_id FROM failing_rules WHERE repo = 'acme/docs' ORDER BY rule_id")
    assert [r for (r,) in failing] == sorted(
        r["id"] for r in report(out, "acme/docs")["rules"] if r["state"] == "fail"
    )
    broken = _rows(
        out, "SELECT status, reason IS NOT NULL, level FROM repo_results WHERE repo = 'acme/broken'"
    )
    assert broken == [("failed", 1, None)]


def test_each_scan_appends(scanned: tuple[Path, Path]) -> None:
    root, out = scanned
    first = manifest(out)["scan_id"]
    commit(root / "acme" / "docs", {"LICENSE": "MIT\n"})
    assert org_scan(root, out) == 0
    scans = _rows(out, "SELECT scan_id FROM scans")
    assert sorted(scans) == sorted([(first,), (manifest(out)["scan_id"],)])
    per_scan = _rows(out, "SELECT scan_id, status FROM repo_results WHERE repo = 'acme/docs' ORDER BY status")
    assert sorted(s for _, s in per_scan) == ["scanned", "scanned"]
    licence_failing = _rows(
        out,
        "SELECT scan_id FROM failing_rules WHERE repo = 'acme/docs' AND rule_id = 'docs.license'",
    )
    assert licence_failing == [(first,)]  # the licence was added between the two scans


def test_migrations_apply_in_order_and_a_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    connect(path).close()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM schema_version").fetchone() == (len(MIGRATIONS),)
        db.execute("INSERT INTO schema_version VALUES (?, datetime('now'))", (SCHEMA_VERSION + 1,))
    from platform_lint.errors import InputError

    with pytest.raises(InputError, match="newer platform-lint"):
        connect(path)


def test_a_file_that_is_not_a_database_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "repos"
    make_repo(root / "acme" / "x", BARE)
    out = tmp_path / "out"
    out.mkdir()
    (out / "history.sqlite").write_text("not sqlite at all, just text that is long enough to matter\n" * 20)
    assert org_scan(root, out) == 2
    assert "history.sqlite: not a platform-lint history database" in capsys.readouterr().err


# -- schema 2: journey stages, template origins, delivery signals; upgrading a schema 1 file --

V1_SCHEMA = (
    "CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)",
    "CREATE TABLE scans (scan_id TEXT PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT, org TEXT, "
    "shard TEXT, policy TEXT NOT NULL, policy_digest TEXT NOT NULL, tool_version TEXT NOT NULL, "
    "repositories INTEGER, scanned INTEGER, unchanged INTEGER, skipped INTEGER, failed INTEGER)",
    "CREATE TABLE repo_results (scan_id TEXT NOT NULL REFERENCES scans (scan_id), repo TEXT NOT NULL, "
    "status TEXT NOT NULL CHECK (status IN ('scanned', 'unchanged', 'skipped', 'failed')), reason TEXT, "
    "commit_sha TEXT, default_branch TEXT, level TEXT, next_level TEXT, score REAL, rules_total INTEGER, "
    "rules_pass INTEGER, rules_fail INTEGER, rules_waived INTEGER, rules_not_applicable INTEGER, "
    "rules_error INTEGER, findings_open INTEGER, report_generated_at TEXT, duration_s REAL NOT NULL, "
    "PRIMARY KEY (scan_id, repo))",
    "CREATE TABLE characteristic_results (scan_id TEXT NOT NULL, repo TEXT NOT NULL, "
    "characteristic TEXT NOT NULL, score REAL, level TEXT NOT NULL, passed INTEGER NOT NULL, "
    "failed INTEGER NOT NULL, waived INTEGER NOT NULL, not_applicable INTEGER NOT NULL, "
    "errors INTEGER NOT NULL, PRIMARY KEY (scan_id, repo, characteristic), "
    "FOREIGN KEY (scan_id, repo) REFERENCES repo_results (scan_id, repo))",
    "CREATE TABLE failing_rules (scan_id TEXT NOT NULL, repo TEXT NOT NULL, rule_id TEXT NOT NULL, "
    "title TEXT NOT NULL, characteristic TEXT NOT NULL, level TEXT NOT NULL, severity TEXT NOT NULL, "
    "open_findings INTEGER NOT NULL, PRIMARY KEY (scan_id, repo, rule_id), "
    "FOREIGN KEY (scan_id, repo) REFERENCES repo_results (scan_id, repo))",
    "CREATE INDEX repo_results_repo ON repo_results (repo, scan_id)",
    "INSERT INTO schema_version VALUES (1, '2025-12-01 09:00:00')",
    "INSERT INTO scans VALUES ('20251201T090000Z-000001', '2025-12-01T09:00:00Z', '2025-12-01T09:05:00Z', "
    "NULL, NULL, 'builtin:recommended', 'd1', '0.9.0', 1, 1, 0, 0, 0)",
    "INSERT INTO repo_results VALUES ('20251201T090000Z-000001', 'acme/api', 'scanned', NULL, 'abc', 'main', "
    "'bronze', 'silver', 61.5, 10, 6, 4, 0, 0, 0, 4, '2025-12-01T09:01:00Z', 0.5)",
)
"""A history written by platform-lint before schema 2 (what such a file holds, as it was written)."""


def _old_history(out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    path = out / "history.sqlite"
    db = sqlite3.connect(path)
    for statement in V1_SCHEMA:
        db.execute(statement)
    db.commit()
    db.close()
    return path


def _columns(path: Path, table: str) -> list[str]:
    with sqlite3.connect(path) as db:
        return [row[1] for row in db.execute(f"PRAGMA table_info({table})")]


def test_a_schema_1_history_is_upgraded_in_place_and_keeps_its_scans(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "repos"
    make_repo(root / "acme" / "api", BRONZE)
    out = tmp_path / "out"
    path = _old_history(out)
    assert org_scan(root, out) == 0
    with sqlite3.connect(path) as db:
        assert [v for (v,) in db.execute("SELECT version FROM schema_version ORDER BY version")] == [1, 2]
        # the old scan is still there, with nothing recorded for what schema 1 did not keep
        old = db.execute(
            "SELECT level, score, origins_listed FROM repo_results WHERE scan_id = '20251201T090000Z-000001'"
        ).fetchall()
        assert old == [("bronze", 61.5, None)]
        new = manifest(out)["scan_id"]
        stages = db.execute("SELECT COUNT(*) FROM journey_results WHERE scan_id = ?", (new,)).fetchone()
        assert stages[0] > 0
    assert "origins_listed" in _columns(path, "repo_results")

    # org-report reads both scans: the old one has no journey-stage figures, and says so with a dash
    capsys.readouterr()
    assert run(["org-report", str(out)]) == 0
    md = capsys.readouterr().out
    rows = _stage_rows(md)
    assert list(rows) == ["20251201T090000Z-000001", new]
    assert set(rows["20251201T090000Z-000001"]) == {"-"}
    assert rows[new][-2] == "0% of 1"  # acme/api lists no template: not on a golden path


def test_an_old_history_read_by_org_report_is_not_changed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    path = _old_history(out)
    from platform_lint.orgscan.history import trend_rows

    rows = list(trend_rows(path))
    assert [(r.scan_id, r.repositories, r.journeys, r.golden) for r in rows] == [
        ("20251201T090000Z-000001", 1, {}, None)
    ]
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT version FROM schema_version").fetchall() == [(1,)]


def test_an_upgrade_that_fails_leaves_the_old_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import platform_lint.orgscan.history as history

    path = _old_history(tmp_path / "out")
    # the last statement of the upgrade fails: nothing before it may stay
    monkeypatch.setattr(
        history, "MIGRATIONS", (*MIGRATIONS[:-1], (*MIGRATIONS[-1], "CREATE TABLE scans (x)"))
    )
    from platform_lint.errors import InputError

    with pytest.raises(InputError, match="not a platform-lint history database"):
        connect(path)
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT version FROM schema_version").fetchall() == [(1,)]
        tables = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "journey_results" not in tables and "repo_origins" not in tables
    assert "origins_listed" not in _columns(path, "repo_results")


def test_a_history_from_a_newer_version_is_refused_by_scan_and_report_naming_the_file(
    scanned: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root, out = scanned
    with sqlite3.connect(out / "history.sqlite") as db:
        db.execute("INSERT INTO schema_version VALUES (?, datetime('now'))", (SCHEMA_VERSION + 1,))
    capsys.readouterr()
    assert org_scan(root, out) == 2
    err = capsys.readouterr().err
    assert f"{out / 'history.sqlite'}: written by a newer platform-lint" in err
    assert "Traceback" not in err
    assert run(["org-report", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{out / 'history.sqlite'}: history schema {SCHEMA_VERSION + 1}" in err
    assert "newer platform-lint" in err and "Traceback" not in err


def _stage_rows(markdown: str) -> dict[str, list[str]]:
    """The journey-stage trend table of the summary: scan id -> cells after the date."""
    section = markdown.split("\n## Journey stages and golden paths over time\n", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        if line.startswith("| `"):
            cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
            rows[cells[0].strip("`")] = cells[2:]
    return rows


def _stage_shares(out: Path, repos: list[str]) -> list[str]:
    """Each stage's pass rate over the scan's reports, worked out from the JSON reports."""
    from platform_lint.model import JOURNEYS

    cells = []
    for stage in JOURNEYS:
        judged = passed = 0
        for repo in repos:
            found = [j for j in report(out, repo)["journeys"] if j["id"] == stage]
            if found and found[0]["passed"] + found[0]["waived"] + found[0]["failed"]:
                judged += 1
                passed += found[0]["failed"] == 0
        cells.append(f"{round(100 * passed / judged)}% of {judged}" if judged else "-")
    return cells


def test_journey_stages_and_golden_paths_have_a_trend_over_three_scans(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "repos"
    template = root / "acme" / "service-template"
    first_head = make_repo(template, {"README.md": "# Service template\n"})
    cruft = '{{"template": "gh:acme/service-template", "commit": "{}"}}\n'
    make_repo(root / "acme" / "api", {**BRONZE, ".cruft.json": cruft.format(first_head)})
    make_repo(root / "acme" / "docs", BARE)
    repos = ["acme/api", "acme/docs", "acme/service-template"]
    out = tmp_path / "out"
    expected = []

    # 1: api was generated from the template's head: on a golden path and current
    assert org_scan(root, out, "--now", "2026-01-10T12:00:00+00:00") == 0
    expected.append([*_stage_shares(out, repos), "33% of 3", "100% of 1"])
    # 2: the template moves on (api now lags behind); docs is generated from its new head
    second_head = commit(template, {"CHANGELOG.md": "# Changelog\n"})
    answers = f"_commit: {second_head}\n_src_path: https://github.com/acme/service-template.git\n"
    commit(root / "acme" / "docs", {".copier-answers.yml": answers})
    assert org_scan(root, out, "--now", "2026-01-20T12:00:00+00:00") == 0
    expected.append([*_stage_shares(out, repos), "67% of 3", "50% of 2"])
    # 3: api is updated to the template's head, and docs gains what the bronze rules ask for
    commit(root / "acme" / "api", {".cruft.json": cruft.format(second_head)})
    commit(root / "acme" / "docs", dict(BRONZE))
    assert org_scan(root, out, "--now", "2026-01-30T12:00:00+00:00") == 0
    expected.append([*_stage_shares(out, repos), "67% of 3", "100% of 2"])
    assert expected[0][:6] != expected[2][:6]  # the journey stages did move between the scans

    capsys.readouterr()
    site = tmp_path / "site"
    assert run(["org-report", str(out), "--out", str(site)]) == 0
    rows = _stage_rows(capsys.readouterr().out + (site / "summary.md").read_text(encoding="utf-8"))
    assert list(rows.values()) == expected

    # the dashboard draws the same figures as lines, a point per scan in each series
    page = (site / "index.html").read_text(encoding="utf-8")
    panel = page.split('id="stage-trend"', 1)[1].split("</section>", 1)[0]
    assert panel.count("<polyline") == 8  # six stages, on a golden path, template uses current
    assert (
        "on a golden path: 67% of 3</title>" in panel and "template uses current: 50% of 2</title>" in panel
    )
    # lines that lie on top of each other are told apart by the key, which gives the latest values
    assert "on a golden path <b>67%</b>" in panel and "template uses current <b>100%</b>" in panel

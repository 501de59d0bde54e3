"""history.sqlite: a versioned schema, a scan row and per-repository rows for every scan."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from orgscan.helpers import BARE, BRONZE, commit, make_repo, manifest, org_scan, report
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
    assert _rows(out, "SELECT version FROM schema_version") == [(SCHEMA_VERSION,)]
    tables = {name for (name,) in _rows(out, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"schema_version", "scans", "repo_results", "characteristic_results", "failing_rules"}


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

"""``history.sqlite``: one row per scan, one per repository and scan, with their details.

Every scan appends; nothing is ever updated except a scan's own rows while it runs (a resumed
scan replaces the rows of a repository it scans again, keyed by scan and repository). The
schema is versioned: ``schema_version`` holds the version, and :data:`MIGRATIONS` lists the
statements that bring a database from one version to the next, applied in order in one
transaction. The tables are documented in docs/org-scan.md.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from platform_lint.errors import InputError
from platform_lint.orgscan.digest import ReportDigest
from platform_lint.orgscan.manifest import STATUSES, Entry, ScanHeader

HISTORY = "history.sqlite"

MIGRATIONS: Sequence[Sequence[str]] = (
    # version 1
    (
        """CREATE TABLE scans (
            scan_id       TEXT PRIMARY KEY,
            started_at    TEXT NOT NULL,
            finished_at   TEXT,
            org           TEXT,
            shard         TEXT,
            policy        TEXT NOT NULL,
            policy_digest TEXT NOT NULL,
            tool_version  TEXT NOT NULL,
            repositories  INTEGER,
            scanned       INTEGER,
            unchanged     INTEGER,
            skipped       INTEGER,
            failed        INTEGER
        )""",
        f"""CREATE TABLE repo_results (
            scan_id              TEXT NOT NULL REFERENCES scans (scan_id),
            repo                 TEXT NOT NULL,
            status               TEXT NOT NULL CHECK (status IN ({", ".join(repr(s) for s in STATUSES)})),
            reason               TEXT,
            commit_sha           TEXT,
            default_branch       TEXT,
            level                TEXT,
            next_level           TEXT,
            score                REAL,
            rules_total          INTEGER,
            rules_pass           INTEGER,
            rules_fail           INTEGER,
            rules_waived         INTEGER,
            rules_not_applicable INTEGER,
            rules_error          INTEGER,
            findings_open        INTEGER,
            report_generated_at  TEXT,
            duration_s           REAL NOT NULL,
            PRIMARY KEY (scan_id, repo)
        )""",
        """CREATE TABLE characteristic_results (
            scan_id        TEXT NOT NULL,
            repo           TEXT NOT NULL,
            characteristic TEXT NOT NULL,
            score          REAL,
            level          TEXT NOT NULL,
            passed         INTEGER NOT NULL,
            failed         INTEGER NOT NULL,
            waived         INTEGER NOT NULL,
            not_applicable INTEGER NOT NULL,
            errors         INTEGER NOT NULL,
            PRIMARY KEY (scan_id, repo, characteristic),
            FOREIGN KEY (scan_id, repo) REFERENCES repo_results (scan_id, repo)
        )""",
        """CREATE TABLE failing_rules (
            scan_id        TEXT NOT NULL,
            repo           TEXT NOT NULL,
            rule_id        TEXT NOT NULL,
            title          TEXT NOT NULL,
            characteristic TEXT NOT NULL,
            level          TEXT NOT NULL,
            severity       TEXT NOT NULL,
            open_findings  INTEGER NOT NULL,
            PRIMARY KEY (scan_id, repo, rule_id),
            FOREIGN KEY (scan_id, repo) REFERENCES repo_results (scan_id, repo)
        )""",
        "CREATE INDEX repo_results_repo ON repo_results (repo, scan_id)",
    ),
)
"""``MIGRATIONS[i]`` brings the database from version ``i`` to ``i + 1``."""

SCHEMA_VERSION = len(MIGRATIONS)


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating or migrating) a history database."""
    try:
        conn = sqlite3.connect(path, timeout=30)
        conn.execute("PRAGMA foreign_keys = ON")
        # each repository's rows are one transaction, safe against the process being killed;
        # syncing to disk happens once, when the scan finishes (see History.finish)
        conn.execute("PRAGMA synchronous = OFF")
        migrate(conn, path)
    except sqlite3.DatabaseError as exc:
        raise InputError(f"{path}: not a platform-lint history database: {exc}") from None
    return conn


def schema_version(conn: sqlite3.Connection) -> int:
    found = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if not found:
        return 0
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection, path: Path) -> None:
    current = schema_version(conn)
    if current > SCHEMA_VERSION:
        raise InputError(
            f"{path}: written by a newer platform-lint (history schema {current}; "
            f"this version knows {SCHEMA_VERSION})"
        )
    if current == SCHEMA_VERSION:
        return
    with conn:  # one transaction: all of it or none of it
        if current == 0:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version "
                "(version INTEGER NOT NULL, applied_at TEXT NOT NULL)"
            )
        for version in range(current, SCHEMA_VERSION):
            for statement in MIGRATIONS[version]:
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_version (version, applied_at) VALUES (?, datetime('now'))", (version + 1,)
            )


class History:
    """The scan's writer: a scan row at the start, a repository's rows as each finishes."""

    def __init__(self, out: Path) -> None:
        self.path = out / HISTORY
        self.conn = connect(self.path)

    def begin(self, header: ScanHeader) -> None:
        with self.conn:
            self.conn.execute(
                "INSERT OR IGNORE INTO scans (scan_id, started_at, org, shard, policy, policy_digest, "
                "tool_version) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    header.scan_id,
                    header.started_at,
                    header.org,
                    header.shard,
                    header.policy,
                    header.policy_digest,
                    header.tool_version,
                ),
            )

    def record(self, scan_id: str, entry: Entry, digest: ReportDigest | None) -> None:
        key = (scan_id, entry.repo)
        with self.conn:
            self.conn.execute("DELETE FROM characteristic_results WHERE scan_id = ? AND repo = ?", key)
            self.conn.execute("DELETE FROM failing_rules WHERE scan_id = ? AND repo = ?", key)
            d = digest
            self.conn.execute(
                "INSERT OR REPLACE INTO repo_results VALUES "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    *key,
                    entry.status,
                    entry.reason,
                    entry.commit,
                    entry.default_branch,
                    d.level if d else None,
                    d.next_level if d else None,
                    d.score if d else None,
                    d.rules["total"] if d else None,
                    d.rules["pass"] if d else None,
                    d.rules["fail"] if d else None,
                    d.rules["waived"] if d else None,
                    d.rules["not-applicable"] if d else None,
                    d.rules["error"] if d else None,
                    d.findings_open if d else None,
                    d.generated_at if d else None,
                    entry.duration_s,
                ),
            )
            if d is None:
                return
            self.conn.executemany(
                "INSERT INTO characteristic_results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (*key, c.id, c.score, c.level, c.passed, c.failed, c.waived, c.not_applicable, c.errors)
                    for c in d.characteristics
                ],
            )
            self.conn.executemany(
                "INSERT INTO failing_rules VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(*key, r.id, r.title, r.characteristic, r.level, r.severity, r.findings) for r in d.failing],
            )

    def finish(self, scan_id: str, finished_at: str, counts: dict[str, int]) -> None:
        self.conn.execute("PRAGMA synchronous = FULL")  # this commit flushes the whole file
        with self.conn:
            self.conn.execute(
                "UPDATE scans SET finished_at = ?, repositories = ?, scanned = ?, unchanged = ?, "
                "skipped = ?, failed = ? WHERE scan_id = ?",
                (
                    finished_at,
                    sum(counts.values()),
                    counts["scanned"],
                    counts["unchanged"],
                    counts["skipped"],
                    counts["failed"],
                    scan_id,
                ),
            )

    def close(self) -> None:
        self.conn.close()


@dataclass(frozen=True)
class TrendRow:
    """One finished scan (of one shard) in one history database: how many repositories reached
    each level, and their summed score."""

    scan_id: str
    shard: str | None
    started_at: str
    level_counts: dict[str, int]
    score_sum: float
    repositories: int


def trend_rows(path: Path) -> Iterator[TrendRow]:
    """Finished scans of a history database, oldest first (read-only; never migrates)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise InputError(f"{path}: cannot open the history database: {exc}") from None
    try:
        version = schema_version(conn)
        if version != SCHEMA_VERSION:
            raise InputError(f"{path}: history schema {version}; this platform-lint reads {SCHEMA_VERSION}")
        scans = conn.execute(
            "SELECT scan_id, shard, started_at FROM scans WHERE finished_at IS NOT NULL "
            "ORDER BY started_at, scan_id"
        ).fetchall()
        for scan_id, shard, started_at in scans:
            rows = conn.execute(
                "SELECT level, COUNT(*), SUM(score) FROM repo_results "
                "WHERE scan_id = ? AND status IN ('scanned', 'unchanged') GROUP BY level",
                (scan_id,),
            ).fetchall()
            counts = {str(level): int(n) for level, n, _ in rows}
            yield TrendRow(
                scan_id=str(scan_id),
                shard=None if shard is None else str(shard),
                started_at=str(started_at),
                level_counts=counts,
                score_sum=float(sum(s or 0.0 for _, _, s in rows)),
                repositories=sum(counts.values()),
            )
    except sqlite3.DatabaseError as exc:
        raise InputError(f"{path}: not a platform-lint history database: {exc}") from None
    finally:
        conn.close()

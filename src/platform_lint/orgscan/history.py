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
from dataclasses import dataclass, field
from pathlib import Path

from platform_lint.errors import InputError
from platform_lint.model import JOURNEYS
from platform_lint.orgscan.delivery import DeliveryRun
from platform_lint.orgscan.digest import OriginDigest, ReportDigest
from platform_lint.orgscan.manifest import STATUSES, Entry, ScanHeader
from platform_lint.orgscan.templates import judge_origin, template_identity, template_repository

HISTORY = "history.sqlite"
LAG_STATES = ("current", "behind", "unknown")

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
    # version 2: what the trend of journey stages, golden paths and delivery signals needs
    (
        # 1: the report lists template origins (maybe none); NULL: no report, or one written
        # before reports listed them (such a repository is not counted for golden paths)
        "ALTER TABLE repo_results ADD COLUMN origins_listed INTEGER",
        """CREATE TABLE journey_results (
            scan_id        TEXT NOT NULL,
            repo           TEXT NOT NULL,
            stage          TEXT NOT NULL,
            passed         INTEGER NOT NULL,
            failed         INTEGER NOT NULL,
            waived         INTEGER NOT NULL,
            not_applicable INTEGER NOT NULL,
            errors         INTEGER NOT NULL,
            PRIMARY KEY (scan_id, repo, stage),
            FOREIGN KEY (scan_id, repo) REFERENCES repo_results (scan_id, repo)
        )""",
        f"""CREATE TABLE repo_origins (
            scan_id         TEXT NOT NULL,
            repo            TEXT NOT NULL,
            template        TEXT NOT NULL,
            kind            TEXT NOT NULL,
            path            TEXT NOT NULL,
            recorded_commit TEXT NOT NULL,
            template_repo   TEXT,
            lag_state       TEXT CHECK (lag_state IN ({", ".join(repr(s) for s in LAG_STATES)})),
            lag_reason      TEXT,
            PRIMARY KEY (scan_id, repo, template),
            FOREIGN KEY (scan_id, repo) REFERENCES repo_results (scan_id, repo)
        )""",
        """CREATE TABLE delivery_results (
            scan_id           TEXT NOT NULL REFERENCES scans (scan_id),
            repo              TEXT NOT NULL,
            measured_at       TEXT NOT NULL,
            releases_365      INTEGER,
            releases_90       INTEGER,
            releases_complete INTEGER,
            releases_reason   TEXT,
            pulls_merged      INTEGER,
            lead_hours        REAL,
            pulls_complete    INTEGER,
            pulls_pages       INTEGER,
            pulls_reason      TEXT,
            PRIMARY KEY (scan_id, repo)
        )""",
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
    """Bring the database to :data:`SCHEMA_VERSION` in place, all of it or none of it: the
    statements run in one explicit transaction (SQLite's schema changes are transactional), taken
    with a write lock so that two scans opening the same old file upgrade it once."""
    if _checked_version(conn, path) == SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        current = _checked_version(conn, path)  # again, under the lock
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
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


def _checked_version(conn: sqlite3.Connection, path: Path) -> int:
    current = schema_version(conn)
    if current > SCHEMA_VERSION:
        raise InputError(
            f"{path}: written by a newer platform-lint (history schema {current}; "
            f"this version knows {SCHEMA_VERSION}); use that version, or give another --out"
        )
    return current


_PER_REPOSITORY = ("characteristic_results", "failing_rules", "journey_results", "repo_origins")


def _templates(origins: tuple[OriginDigest, ...]) -> list[tuple[str, OriginDigest]]:
    """One origin per template (the first by path), as the scorecard counts them."""
    first: dict[str, OriginDigest] = {}
    for origin in sorted(origins, key=lambda o: (o.path, o.kind)):
        first.setdefault(template_identity(origin.template), origin)
    return list(first.items())


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
            for table in _PER_REPOSITORY:
                self.conn.execute(f"DELETE FROM {table} WHERE scan_id = ? AND repo = ?", key)
            d = digest
            self.conn.execute(
                "INSERT OR REPLACE INTO repo_results (scan_id, repo, status, reason, commit_sha, "
                "default_branch, level, next_level, score, rules_total, rules_pass, rules_fail, "
                "rules_waived, rules_not_applicable, rules_error, findings_open, report_generated_at, "
                f"duration_s, origins_listed) VALUES ({', '.join('?' * 19)})",
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
                    1 if d is not None and d.origins is not None else None,
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
            self.conn.executemany(
                "INSERT INTO journey_results VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(*key, j.id, j.passed, j.failed, j.waived, j.not_applicable, j.errors) for j in d.journeys],
            )
            self.conn.executemany(
                "INSERT INTO repo_origins (scan_id, repo, template, kind, path, recorded_commit) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(*key, template, o.kind, o.path, o.commit) for template, o in _templates(d.origins or ())],
            )

    def record_delivery(self, run: DeliveryRun) -> None:
        """The delivery signals ``org-scan --delivery-signals`` measured for the scan's repositories
        (each measured signal, or why it was not); nothing when the scan has no row here."""
        if (
            not run.measured
            or not self.conn.execute("SELECT 1 FROM scans WHERE scan_id = ?", (run.scan_id,)).fetchone()
        ):
            return
        with self.conn:
            self.conn.execute("DELETE FROM delivery_results WHERE scan_id = ?", (run.scan_id,))
            self.conn.executemany(
                "INSERT INTO delivery_results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        run.scan_id,
                        repo,
                        run.measured_at,
                        d.releases.last_365_days if d.releases else None,
                        d.releases.last_90_days if d.releases else None,
                        int(d.releases.complete) if d.releases else None,
                        d.releases_reason,
                        d.pulls.merged if d.pulls else None,
                        d.pulls.median_hours if d.pulls else None,
                        int(d.pulls.complete) if d.pulls else None,
                        d.pulls.pages if d.pulls else None,
                        d.pulls_reason,
                    )
                    for repo, d in sorted(run.repositories.items())
                ],
            )

    def _judge_origins(self, scan_id: str) -> None:
        """Each origin's lag state, once every repository of the scan is recorded: a template's
        latest version is the commit this scan read of its repository (see ``templates``)."""
        repos = self.conn.execute(
            "SELECT repo, status, commit_sha FROM repo_results WHERE scan_id = ?", (scan_id,)
        ).fetchall()
        names = {str(repo).lower(): str(repo) for repo, _, _ in repos}
        heads = {
            str(repo): str(sha) for repo, status, sha in repos if status in ("scanned", "unchanged") and sha
        }
        origins = self.conn.execute(
            "SELECT repo, template, kind, recorded_commit FROM repo_origins WHERE scan_id = ?", (scan_id,)
        ).fetchall()
        updates = []
        for repo, template, kind, recorded in origins:
            own = template_repository(str(template), names)
            state, why = judge_origin(str(kind), str(recorded), own, heads.get(own) if own else None)
            updates.append((own, state, why, scan_id, repo, template))
        self.conn.executemany(
            "UPDATE repo_origins SET template_repo = ?, lag_state = ?, lag_reason = ? "
            "WHERE scan_id = ? AND repo = ? AND template = ?",
            updates,
        )

    def finish(self, scan_id: str, finished_at: str, counts: dict[str, int]) -> None:
        self.conn.execute("PRAGMA synchronous = FULL")  # this commit flushes the whole file
        with self.conn:
            self._judge_origins(scan_id)
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
class JourneyCount:
    """One journey stage in one scan: repositories where it was judged, and where none of its
    rules failed (summable over shards)."""

    judged: int
    adopted: int


@dataclass(frozen=True)
class GoldenCount:
    """Golden paths in one scan: repositories whose report lists template origins, those with at
    least one, and their template uses by lag state (summable over shards)."""

    listed: int
    on_path: int
    current: int
    behind: int
    unknown: int


@dataclass(frozen=True)
class TrendRow:
    """One finished scan (of one shard) in one history database: how many repositories reached
    each level, and their summed score; journey stages and golden paths when the history has
    them (schema 2 onwards; an older file, or scans recorded before the upgrade, have none)."""

    scan_id: str
    shard: str | None
    started_at: str
    level_counts: dict[str, int]
    score_sum: float
    repositories: int
    journeys: dict[str, JourneyCount] = field(default_factory=dict)
    golden: GoldenCount | None = None


_REPORTED = "status IN ('scanned', 'unchanged')"


def trend_rows(path: Path) -> Iterator[TrendRow]:
    """Finished scans of a history database, oldest first (read-only; never migrates: an older
    schema is read as it is, a newer one is refused)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise InputError(f"{path}: cannot open the history database: {exc}") from None
    try:
        version = schema_version(conn)
        if not 1 <= version <= SCHEMA_VERSION:
            raise InputError(
                f"{path}: history schema {version}; this platform-lint reads 1 to {SCHEMA_VERSION}"
                + (" (written by a newer platform-lint)" if version > SCHEMA_VERSION else "")
            )
        scans = conn.execute(
            "SELECT scan_id, shard, started_at FROM scans WHERE finished_at IS NOT NULL "
            "ORDER BY started_at, scan_id"
        ).fetchall()
        for scan_id, shard, started_at in scans:
            rows = conn.execute(
                f"SELECT level, COUNT(*), SUM(score) FROM repo_results WHERE scan_id = ? AND {_REPORTED} "
                "GROUP BY level",
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
                journeys=_journey_counts(conn, str(scan_id)) if version >= 2 else {},
                golden=_golden_count(conn, str(scan_id)) if version >= 2 else None,
            )
    except sqlite3.DatabaseError as exc:
        raise InputError(f"{path}: not a platform-lint history database: {exc}") from None
    finally:
        conn.close()


def _journey_counts(conn: sqlite3.Connection, scan_id: str) -> dict[str, JourneyCount]:
    rows = conn.execute(
        "SELECT j.stage, COUNT(*), SUM(j.failed = 0) FROM journey_results j JOIN repo_results r "
        f"USING (scan_id, repo) WHERE j.scan_id = ? AND r.{_REPORTED} "
        "AND j.passed + j.waived + j.failed > 0 GROUP BY j.stage",
        (scan_id,),
    ).fetchall()
    found = {str(stage): JourneyCount(int(n), int(ok or 0)) for stage, n, ok in rows}
    return {stage: found[stage] for stage in JOURNEYS if stage in found}


def _golden_count(conn: sqlite3.Connection, scan_id: str) -> GoldenCount | None:
    listed, on_path = conn.execute(
        "SELECT COUNT(*), SUM(EXISTS (SELECT 1 FROM repo_origins o WHERE o.scan_id = r.scan_id "
        f"AND o.repo = r.repo)) FROM repo_results r WHERE r.scan_id = ? AND r.{_REPORTED} "
        "AND r.origins_listed = 1",
        (scan_id,),
    ).fetchone()
    if not listed:
        return None  # recorded before the history kept origins
    states = dict(
        conn.execute(
            "SELECT o.lag_state, COUNT(*) FROM repo_origins o JOIN repo_results r USING (scan_id, repo) "
            f"WHERE o.scan_id = ? AND r.{_REPORTED} AND r.origins_listed = 1 GROUP BY o.lag_state",
            (scan_id,),
        ).fetchall()
    )
    return GoldenCount(
        int(listed),
        int(on_path or 0),
        int(states.get("current", 0)),
        int(states.get("behind", 0)),
        int(states.get("unknown", 0)),
    )

"""Reading one or more org-scan output folders (shards) into one view for ``org-report``.

Everything read here is untrusted data: manifests are checked field by field, a report must
sit inside its folder's ``reports/`` and validate against the report schema, and a repository
whose report cannot be read is shown as failed with the reason (the others are still shown).
A repository found in several folders is taken from the most recent scan.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from platform_lint.errors import InputError, PlatformLintError
from platform_lint.orgscan.delivery import (
    DELIVERY,
    DeliveryFileError,
    DeliveryRun,
    RepoDelivery,
    read_delivery,
)
from platform_lint.orgscan.digest import ReportDigest, digest_report
from platform_lint.orgscan.history import HISTORY, GoldenCount, JourneyCount, TrendRow, trend_rows
from platform_lint.orgscan.manifest import MANIFEST, Entry, manifest_entries, read_manifest
from platform_lint.report.badge import Badge, badge_for
from platform_lint.report.load import load

NO_DELIVERY = "not measured: the scan ran without --delivery-signals"
_NOT_ASKED = RepoDelivery(None, NO_DELIVERY, None, NO_DELIVERY)


@dataclass(frozen=True)
class ScanInfo:
    folder: Path
    scan_id: str
    started_at: str
    finished_at: str | None
    org: str | None
    shard: str | None
    policy: str


@dataclass(frozen=True)
class RepoView:
    repo: str
    status: str
    reason: str | None
    commit: str | None
    branch: str | None
    report_file: Path | None  # the JSON report on disk, when there is a readable one
    report: str | None  # its path relative to the scan folder (reports/OWNER/NAME.json)
    digest: ReportDigest | None
    badge: Badge | None
    scan_id: str
    delivery: RepoDelivery = _NOT_ASKED
    """Its delivery signals from the same scan, or why they were not measured."""


@dataclass(frozen=True)
class TrendPoint:
    """One scan (all its shards together): how many repositories had a report, and at which level."""

    scan_id: str
    started_at: str
    repositories: int
    level_counts: dict[str, int]
    mean_score: float | None
    journeys: dict[str, JourneyCount] = field(default_factory=dict)  # by stage; empty: not recorded
    golden: GoldenCount | None = None  # None: not recorded (an older history, or no origin records)


@dataclass(frozen=True)
class OrgView:
    scans: tuple[ScanInfo, ...]
    repos: tuple[RepoView, ...]
    trend: tuple[TrendPoint, ...]
    problems: tuple[str, ...]
    delivery_runs: tuple[DeliveryRun, ...] = ()  # each folder's measurement of its own scan

    @property
    def org(self) -> str | None:
        """The scans' organisation, else the one owner all repositories share, else None."""
        named = next((s.org for s in self.scans if s.org), None)
        if named:
            return named
        owners = {r.repo.partition("/")[0] for r in self.repos}
        return owners.pop() if len(owners) == 1 else None

    @property
    def with_report(self) -> tuple[RepoView, ...]:
        return tuple(r for r in self.repos if r.digest is not None)


def _report_file(folder: Path, relpath: str) -> Path | None:
    """The report's path when it stays inside ``folder/reports`` (a manifest is data, not a map)."""
    base = (folder / "reports").resolve()
    candidate = (folder / relpath).resolve()
    if not relpath.endswith(".json") or base not in candidate.parents:
        return None
    return candidate


def _repo_view(folder: Path, scan_id: str, entry: Entry) -> RepoView:
    digest = None
    badge = None
    report_file = None
    status, reason = entry.status, entry.reason
    if entry.status in ("scanned", "unchanged"):
        report_file = _report_file(folder, entry.report or "")
        if report_file is None:
            status, reason = "failed", f"the manifest names a report outside {folder}/reports"
        else:
            try:
                report = load(report_file)
                digest, badge = digest_report(report), badge_for(report)
            except PlatformLintError as exc:
                status, reason, report_file = "failed", f"report unreadable: {exc}", None
    return RepoView(
        repo=entry.repo,
        status=status,
        reason=reason,
        commit=entry.commit,
        branch=entry.default_branch,
        report_file=report_file,
        report=entry.report if report_file else None,
        digest=digest,
        badge=badge,
        scan_id=scan_id,
    )


def load_outputs(folders: Sequence[Path]) -> OrgView:
    scans: list[ScanInfo] = []
    chosen: dict[str, tuple[str, RepoView]] = {}
    problems: list[str] = []
    runs: list[DeliveryRun] = []
    trend_parts: dict[str, dict[str | None, TrendRow]] = defaultdict(dict)
    for folder in dict.fromkeys(f.resolve() for f in folders):
        if not folder.is_dir():
            raise InputError(f"{folder}: no such folder")
        manifest = read_manifest(folder)
        if manifest is None:
            raise InputError(f"{folder}: no {MANIFEST}; is it an org-scan output folder (--out)?")
        info = ScanInfo(
            folder=folder,
            scan_id=str(manifest.get("scan_id") or "?"),
            started_at=str(manifest.get("started_at") or ""),
            finished_at=None if manifest.get("finished_at") is None else str(manifest["finished_at"]),
            org=None if manifest.get("org") is None else str(manifest["org"]),
            shard=None if manifest.get("shard") is None else str(manifest["shard"]),
            policy=str(manifest.get("policy") or ""),
        )
        scans.append(info)
        if info.finished_at is None:
            stopped = manifest.get("stopped")
            why = (
                f"; it stopped early: {stopped['resume']}"
                if isinstance(stopped, dict) and stopped.get("resume")
                else ""
            )
            problems.append(
                f"{folder}: scan {info.scan_id} has not finished; showing what it has so far{why}"
            )
        run, unmeasured = _delivery(folder, info.scan_id, problems)
        if run is not None:
            runs.append(run)
        for entry in manifest_entries(manifest, folder / MANIFEST):
            view = _repo_view(folder, info.scan_id, entry)
            view = replace(view, delivery=_repo_delivery(run, unmeasured, entry.repo))
            if view.status == "failed" and entry.status != "failed":
                problems.append(f"{entry.repo}: {view.reason}")
            previous = chosen.get(entry.repo)
            if previous is not None:
                problems.append(f"{entry.repo} is in more than one folder; the most recent scan is shown")
                if previous[0] > info.started_at:
                    continue
            chosen[entry.repo] = (info.started_at, view)
        history = folder / HISTORY
        if history.is_file():
            for row in trend_rows(history):
                # one row per scan and shard, even when a shard's folder is given twice
                trend_parts[row.scan_id][row.shard] = row
    return OrgView(
        scans=tuple(scans),
        repos=tuple(view for _, (_, view) in sorted(chosen.items())),
        trend=_trend(trend_parts),
        problems=tuple(dict.fromkeys(problems)),
        delivery_runs=tuple(runs),
    )


def _delivery(folder: Path, scan_id: str, problems: list[str]) -> tuple[DeliveryRun | None, str]:
    """The folder's delivery signals when they belong to its scan; else why there are none."""
    try:
        run = read_delivery(folder)
    except DeliveryFileError as exc:
        problems.append(f"{folder / DELIVERY}: {exc}; delivery signals not shown")
        return None, f"not measured: {DELIVERY} of this scan is not readable"
    if run is None:
        return None, NO_DELIVERY
    if run.scan_id != scan_id:
        return None, f"not measured: {DELIVERY} is from scan {run.scan_id}, not this one"
    if not run.measured:
        return None, run.reason or "not measured"
    return run, "not measured: not among the repositories measured"


def _repo_delivery(run: DeliveryRun | None, unmeasured: str, repo: str) -> RepoDelivery:
    found = run.repositories.get(repo) if run is not None else None
    return found if found is not None else RepoDelivery(None, unmeasured, None, unmeasured)


def _trend(parts: dict[str, dict[str | None, TrendRow]]) -> tuple[TrendPoint, ...]:
    points = []
    for scan_id, by_shard in parts.items():
        shards = list(by_shard.values())
        counts: dict[str, int] = defaultdict(int)
        journeys: dict[str, JourneyCount] = {}
        for row in shards:
            for level, n in row.level_counts.items():
                counts[level] += n
            for stage, j in row.journeys.items():
                had = journeys.get(stage, JourneyCount(0, 0))
                journeys[stage] = JourneyCount(had.judged + j.judged, had.adopted + j.adopted)
        golden = [row.golden for row in shards if row.golden is not None]
        total = sum(row.repositories for row in shards)
        score = sum(row.score_sum for row in shards)
        points.append(
            TrendPoint(
                scan_id=scan_id,
                started_at=min(row.started_at for row in shards),
                repositories=total,
                level_counts=dict(counts),
                mean_score=score / total if total else None,
                journeys=journeys,
                golden=GoldenCount(*(sum(getattr(g, f) for g in golden) for f in GOLDEN_FIELDS))
                if golden
                else None,
            )
        )
    return tuple(sorted(points, key=lambda p: (p.started_at, p.scan_id)))


GOLDEN_FIELDS = ("listed", "on_path", "current", "behind", "unknown")


def display_path(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)

"""An org-scan from start to finish: list, pick this shard's repositories, resume or start,
scan, record each result (report, history, journal, state, manifest), finish.

Order of writes for each repository: its report (by the worker, atomically), its history
rows, its journal line, then (at most every :data:`FLUSH_EVERY_S` seconds, and at the end)
the manifest and the state cache, each atomically. Killed at any point, the scan resumes from
the journal: finished repositories are kept, the others are scanned.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from platform_lint import __version__
from platform_lint.errors import UsageError
from platform_lint.orgscan.history import History
from platform_lint.orgscan.manifest import (
    STATUSES,
    Entry,
    Journal,
    ScanHeader,
    iso,
    manifest_entries,
    read_manifest,
    write_manifest,
)
from platform_lint.orgscan.pool import run_tasks
from platform_lint.orgscan.progress import Progress
from platform_lint.orgscan.scan import ScanConfig, Task, load_policy, policy_digest
from platform_lint.orgscan.shards import Shard
from platform_lint.orgscan.source import RepoRef, RepositorySource, ScanStopped
from platform_lint.orgscan.state import RepoState
from platform_lint.pathglob import GlobError, compile_glob
from platform_lint.policy.model import Policy
from platform_lint.snapshot.base import DEFAULT_MAX_BYTES

FLUSH_EVERY_S = 1.0


@dataclass(frozen=True)
class ScanOptions:
    out: Path
    policy: str = "builtin:recommended"
    shard: Shard | None = None
    repos: tuple[str, ...] = ()  # globs over owner/name; empty: every repository
    concurrency: int = 1
    scan_id: str | None = None
    now: dt.datetime | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    policy_label: str | None = None  # the policy file's name in the manifest and reports
    repo_policies: bool = False  # compose each repository's own policy file on top


@dataclass(frozen=True)
class ScanSummary:
    scan_id: str
    resumed: int  # repositories already done by the interrupted run this one resumed
    counts: dict[str, int]


def select(repos: Sequence[RepoRef], globs: Sequence[str], shard: Shard | None) -> list[RepoRef]:
    """The repositories matching any glob (``*`` stays within owner or name) and in this shard."""
    try:
        patterns = [compile_glob(g) for g in globs]
    except GlobError as exc:
        raise UsageError(f"--repos: {exc}") from None
    return [
        r
        for r in repos
        if (not patterns or any(p.match(r.full_name) for p in patterns))
        and (shard is None or shard.holds(r.full_name))
    ]


def new_scan_id(now: dt.datetime) -> str:
    return now.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ-") + secrets.token_hex(3)


def _resumable(out: Path, journal: Journal) -> tuple[ScanHeader | None, dict[str, Entry]]:
    """The interrupted scan in ``out``, with the entries it finished (from the journal and an
    unfinished manifest)."""
    header, entries = journal.load()
    manifest = read_manifest(out)
    if header is None or manifest is None or manifest.get("scan_id") != header.scan_id:
        return header, entries
    if manifest.get("finished_at") is not None:
        return None, {}  # it finished; only the journal's removal was missed
    from_manifest = {e.repo: e for e in manifest_entries(manifest, out / "manifest.json")}
    return header, {**from_manifest, **entries}


def _header(
    source: RepositorySource, options: ScanOptions, previous: ScanHeader | None
) -> tuple[ScanHeader, Policy]:
    """The interrupted scan's header when this run is the same scan again, else a new one.

    The policy is loaded as of the scan's start (waivers expire by date), so a resumed scan
    checks its remaining repositories exactly as it checked the first ones. A bad policy stops
    the run here (exit 2) before anything is written."""
    candidates: list[dt.datetime] = []
    if previous is not None and options.now is None and options.scan_id in (None, previous.scan_id):
        candidates.append(dt.datetime.fromisoformat(previous.started_at.replace("Z", "+00:00")))
    candidates.append(options.now or dt.datetime.now(dt.timezone.utc).replace(microsecond=0))
    header: ScanHeader | None = None
    policy: Policy | None = None
    for started in candidates:
        policy = load_policy(options.policy, started.date(), options.policy_label)
        header = ScanHeader(
            scan_id=options.scan_id or new_scan_id(started),
            started_at=iso(started),
            org=getattr(source, "org", None),
            shard=str(options.shard) if options.shard else None,
            policy=options.policy_label or options.policy,
            policy_digest=policy_digest(policy, own=options.repo_policies),
            tool_version=__version__,
            source=source.describe(),
        )
        resumable = previous is not None and options.scan_id in (None, previous.scan_id)
        if resumable and previous is not None and previous.same_scan_as(header):
            return previous, policy
    assert header is not None and policy is not None
    return header, policy


def _stopped(
    out: Path, header: ScanHeader, journal: Journal, done: dict[str, Entry], exc: ScanStopped
) -> None:
    """Keep what is done and say how to go on: the journal (so the next run resumes this scan)
    and a manifest with ``finished_at`` null and a ``stopped`` note."""
    resume = "run the same command again (same --out) to resume this scan"
    if exc.resume_after:
        resume += f" after {exc.resume_after}"
    journal.start(header, done.values())
    journal.close(remove=False)
    write_manifest(
        out,
        header,
        done.values(),
        None,
        {"reason": str(exc), "resume": resume, "resume_after": exc.resume_after},
    )
    exc.args = (f"{exc}; {resume}",)


def _sweep_temporaries(out: Path) -> None:
    """Remove the temporary files of reports a killed worker was writing (``.NAME.*.tmp``, left
    when the process died between creating one and renaming it): nothing else writes there."""
    reports = out / "reports"
    if reports.is_dir():
        for temp in reports.glob("*/.*.json.*.tmp"):
            with contextlib.suppress(OSError):
                temp.unlink()


def run_scan(source: RepositorySource, options: ScanOptions, progress_stream: object) -> ScanSummary:
    out = options.out
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"--out {out}: cannot create it: {exc.strerror or exc}") from None
    journal = Journal(out)
    previous, done = _resumable(out, journal)
    _sweep_temporaries(out)
    header, policy = _header(source, options, previous)
    resuming = previous is not None and header == previous
    if not resuming:
        done = {}

    try:
        listing = select(list(source.repositories()), options.repos, options.shard)
    except ScanStopped as exc:
        _stopped(out, header, journal, done, exc)
        raise
    names = {r.full_name for r in listing}
    done = {name: e for name, e in done.items() if name in names}
    todo = [r for r in listing if r.full_name not in done]

    state = RepoState(out).load()
    history = History(out)
    progress = Progress(progress_stream, len(listing), len(done))  # type: ignore[arg-type]
    if resuming:
        progress.say(f"resuming scan {header.scan_id}: {len(done)} of {len(listing)} repositories done")
    else:
        progress.say(f"scan {header.scan_id}: {len(listing)} repositories")
    started = dt.datetime.fromisoformat(header.started_at.replace("Z", "+00:00"))
    config = ScanConfig(
        out,
        options.policy,
        header.policy_digest,
        started,
        options.max_bytes,
        policy_label=options.policy_label,
        repo_policies=options.repo_policies,
    )
    tasks = [Task(r, state.valid(r.full_name, header.policy_digest, __version__)) for r in todo]

    entries = dict(done)
    history.begin(header)
    journal.start(header, entries.values())
    write_manifest(out, header, entries.values(), None)
    flushed = time.monotonic()
    try:
        for result in run_tasks(source, tasks, config, policy, options.concurrency):
            entry = result.entry
            history.record(header.scan_id, entry, result.digest)
            journal.append(entry)
            entries[entry.repo] = entry
            state.remember(entry.repo, result.cached)
            progress.update(entry, result.digest)
            if time.monotonic() - flushed >= FLUSH_EVERY_S:
                write_manifest(out, header, entries.values(), None)
                state.save()
                flushed = time.monotonic()
        finished_at = iso(dt.datetime.now(dt.timezone.utc))
        counts = {s: sum(1 for e in entries.values() if e.status == s) for s in STATUSES}
        state.save()
        history.finish(header.scan_id, finished_at, counts)
        write_manifest(out, header, entries.values(), finished_at)
        journal.close(remove=True)
    finally:
        journal.close(remove=False)
        history.close()
    progress.finish(
        f"{len(entries)} repositories: " + ", ".join(f"{counts[s]} {s}" for s in STATUSES if counts[s])
        if entries
        else "no repositories found"
    )
    return ScanSummary(header.scan_id, len(done), counts)

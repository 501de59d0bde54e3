"""Measuring delivery signals through the GitHub REST API, within an explicit request budget.

Per repository, in name order, while the budget lasts:

1. ``GET /repos/{owner}/{name}/releases?per_page=100`` — one request: the newest 100 releases.
2. ``GET /repos/{owner}/{name}/pulls?state=closed&sort=updated&direction=desc&per_page=100``,
   following ``Link: rel="next"`` until a page reaches pull requests last updated before the
   90-day window (a pull request merged inside the window was updated inside it too), or after
   :data:`~platform_lint.orgscan.delivery.MAX_PULL_PAGES` pages.

Every request goes through the scan's :class:`~platform_lint.github.rest.RestReader`: conditional
(``If-None-Match`` from the ETag cache, so an unchanged page is a free ``304``), retried and
waited out by the client's policy within ``--max-wait``. Each request sent counts once against
``--max-delivery-requests``; a signal the budget cannot finish is not measured (and says so), as
is every repository after GitHub asks for a longer wait than the scan may still do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from platform_lint import safety
from platform_lint.errors import GitHubError
from platform_lint.github.rest import NotFound, RateLimitStop, RestReader
from platform_lint.orgscan.delivery import (
    MAX_PULL_PAGES,
    QUARTER_DAYS,
    YEAR_DAYS,
    DeliveryRun,
    LeadTime,
    Releases,
    RepoDelivery,
    median,
    write_delivery,
)
from platform_lint.orgscan.history import HISTORY, History
from platform_lint.orgscan.manifest import MANIFEST, iso, manifest_entries, read_manifest

RELEASE_FIELDS = ("tag_name", "draft", "prerelease", "published_at", "created_at")
PULL_FIELDS = ("number", "created_at", "merged_at", "updated_at")
PAGE = 100


@dataclass
class Budget:
    limit: int
    used: int = 0

    def take(self) -> bool:
        if self.used >= self.limit:
            return False
        self.used += 1
        return True

    def spent_reason(self) -> str:
        return f"not measured: the request budget (--max-delivery-requests {self.limit}) was spent"


class _Spent(Exception):
    pass


def _when(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def _trim(fields: tuple[str, ...], what: str) -> Callable[[Any], Any]:
    def trim(body: Any) -> Any:
        if not isinstance(body, list):
            raise GitHubError(f"reading {what}: GitHub answered something that is not a list")
        return [{k: item.get(k) for k in fields} for item in body if isinstance(item, dict)]

    return trim


def count_releases(items: Sequence[dict[str, Any]], now: dt.datetime) -> Releases:
    year, quarter = now - dt.timedelta(days=YEAR_DAYS), now - dt.timedelta(days=QUARTER_DAYS)
    dates = [
        when
        for item in items
        if item.get("draft") is not True and item.get("prerelease") is not True
        for when in [_when(item.get("published_at") or item.get("created_at"))]
        if when is not None and when <= now
    ]
    every = [_when(item.get("published_at") or item.get("created_at")) for item in items]
    oldest = min((w for w in every if w is not None), default=None)
    complete = len(items) < PAGE or (oldest is not None and oldest < year)
    return Releases(sum(d >= year for d in dates), sum(d >= quarter for d in dates), complete)


def lead_hours(items: Sequence[dict[str, Any]], now: dt.datetime) -> list[float]:
    since = now - dt.timedelta(days=QUARTER_DAYS)
    hours = []
    for item in items:
        created, merged = _when(item.get("created_at")), _when(item.get("merged_at"))
        if created is None or merged is None or not since <= merged <= now or merged < created:
            continue
        hours.append((merged - created).total_seconds() / 3600)
    return hours


def _releases(reader: RestReader, budget: Budget, repo: str, now: dt.datetime) -> Releases:
    if not budget.take():
        raise _Spent
    url = f"/repos/{repo}/releases?per_page={PAGE}"
    answer = reader.get(url, f"reading the releases of {repo}", _trim(RELEASE_FIELDS, "releases"))
    return count_releases(answer.body, now)


def _pulls(reader: RestReader, budget: Budget, repo: str, now: dt.datetime) -> LeadTime:
    since = now - dt.timedelta(days=QUARTER_DAYS)
    url: str | None = f"/repos/{repo}/pulls?state=closed&sort=updated&direction=desc&per_page={PAGE}"
    seen: list[dict[str, Any]] = []
    pages = 0
    complete = False
    while url is not None:
        if pages == MAX_PULL_PAGES:
            break
        if not budget.take():
            raise _Spent
        answer = reader.get(url, f"reading the pull requests of {repo}", _trim(PULL_FIELDS, "pull requests"))
        pages += 1
        seen.extend(answer.body)
        updated = [_when(item.get("updated_at")) for item in answer.body]
        if answer.next_url is None or any(u is not None and u < since for u in updated):
            complete = True
            break
        url = answer.next_url
    hours = lead_hours(seen, now)
    return LeadTime(len(hours), median(hours), complete, pages)


T = TypeVar("T")


def _failure(exc: GitHubError) -> str:
    if isinstance(exc, NotFound):
        return "not measured: GitHub answered 404 (not found, or the token cannot see it)"
    return f"not measured: {safety.mask(str(exc))}"


def _signal(
    read: Callable[[RestReader, Budget, str, dt.datetime], T],
    reader: RestReader,
    spend: Budget,
    repo: str,
    now: dt.datetime,
    stopped: str | None,
) -> tuple[T | None, str | None, str | None]:
    """One signal of ``repo``: (value, why not measured, why the whole run stopped). A run that
    stopped (a rate limit beyond --max-wait) sends nothing more and says why for every signal."""
    if stopped is not None:
        return None, stopped, stopped
    try:
        return read(reader, spend, repo, now), None, None
    except _Spent:
        return None, spend.spent_reason(), None
    except RateLimitStop as exc:
        stopped = f"not measured: {safety.mask(str(exc))}"
        return None, stopped, stopped
    except GitHubError as exc:
        return None, _failure(exc), None


def measure(
    reader: RestReader,
    repos: Sequence[str],
    *,
    scan_id: str,
    now: dt.datetime,
    budget: int,
    credentials: bool,
    log: Callable[[str], None] = lambda _m: None,
) -> DeliveryRun:
    """The delivery signals of ``repos`` (``OWNER/NAME``), within ``budget`` requests."""
    measured_at = iso(now)
    if not credentials:
        reason = (
            "not measured: no token (GITHUB_TOKEN, --token-env or a GitHub App); delivery signals "
            "are read only with one"
        )
        return DeliveryRun(scan_id, measured_at, False, reason, budget, 0, 0, {})
    spend = Budget(budget)
    start_304 = reader.not_modified
    out: dict[str, RepoDelivery] = {}
    stopped: str | None = None
    for repo in sorted(repos):
        releases, releases_reason, stopped = _signal(_releases, reader, spend, repo, now, stopped)
        pulls, pulls_reason, stopped = _signal(_pulls, reader, spend, repo, now, stopped)
        out[repo] = RepoDelivery(releases, releases_reason, pulls, pulls_reason)
    run = DeliveryRun(
        scan_id, measured_at, True, None, budget, spend.used, reader.not_modified - start_304, out
    )
    done = sum(1 for d in out.values() if d.releases is not None or d.pulls is not None)
    log(
        f"org-scan: delivery signals: {spend.used} request(s) of the --max-delivery-requests {budget} "
        f"budget ({run.not_modified} answered 304 Not Modified), {done} of {len(out)} repositories measured"
    )
    return run


def measure_scan(
    reader: RestReader,
    out: Path,
    *,
    now: dt.datetime,
    budget: int,
    log: Callable[[str], None] = lambda _m: None,
) -> DeliveryRun:
    """Measure the repositories the scan in ``out`` has a report for, and write ``delivery.json``."""
    manifest = read_manifest(out)
    if manifest is None:
        raise GitHubError(f"{out}: no {MANIFEST} to measure delivery signals for")
    entries = manifest_entries(manifest, out / MANIFEST)
    repos = [e.repo for e in entries if e.status in ("scanned", "unchanged")]
    run = measure(
        reader,
        repos,
        scan_id=str(manifest.get("scan_id") or ""),
        now=now,
        budget=budget,
        credentials=reader.client.has_credentials,
        log=log,
    )
    try:
        write_delivery(out, run)
        if (out / HISTORY).is_file():  # the scan's own history: a trend of its delivery signals
            history = History(out)
            try:
                history.record_delivery(run)
            finally:
                history.close()
    finally:
        reader.cache.save()
    return run

"""Delivery signals per repository: what ``org-scan --delivery-signals`` measured, kept in
``OUT/delivery.json``, and how ``org-report`` compares repositories on golden paths with the others.

Two signals, each measured or not (and then with the reason, never as zero):

* release cadence: published releases (neither drafts nor pre-releases) over the last 365 and 90
  days, from the first page of the releases list (100, newest first); when that page is full and
  still inside the year the counts are lower bounds (``complete: false``);
* pull-request lead time: the median hours from opened to merged of the pull requests merged in
  the last 90 days, from the closed pull requests by last update, a bounded number of pages;
  when the pages ran out before the window did, the median is over the ones seen.

The file is untrusted data when read back: every field is checked, and a file that does not
follow this shape, or belongs to another scan, is reported as not measured with the reason.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from platform_lint.orgscan.files import write_json_atomic

DELIVERY = "delivery.json"
SCHEMA_VERSION = 1
YEAR_DAYS = 365
QUARTER_DAYS = 90
MAX_PULL_PAGES = 3
"""Pages of 100 closed pull requests read per repository at most (by last update, newest first)."""


@dataclass(frozen=True)
class Releases:
    last_365_days: int
    last_90_days: int
    complete: bool  # False: the page of 100 ended inside the year, so the counts are lower bounds


@dataclass(frozen=True)
class LeadTime:
    merged: int  # pull requests merged in the last 90 days (of those read)
    median_hours: float | None  # None when none was merged
    complete: bool  # False: the page limit was reached inside the window
    pages: int


@dataclass(frozen=True)
class RepoDelivery:
    releases: Releases | None = None
    releases_reason: str | None = None  # why releases were not measured
    pulls: LeadTime | None = None
    pulls_reason: str | None = None


@dataclass(frozen=True)
class DeliveryRun:
    """One scan's measurement (or why there is none)."""

    scan_id: str
    measured_at: str
    measured: bool
    reason: str | None  # why nothing was measured
    budget: int
    requests: int  # requests sent, each counted against the budget (304 answers too)
    not_modified: int  # of those, answered 304 Not Modified (free against GitHub's rate limit)
    repositories: Mapping[str, RepoDelivery] = field(default_factory=dict)


def write_delivery(out: Path, run: DeliveryRun) -> None:
    data = {
        "schema_version": SCHEMA_VERSION,
        "scan_id": run.scan_id,
        "measured_at": run.measured_at,
        "measured": run.measured,
        "reason": run.reason,
        "budget": run.budget,
        "requests": run.requests,
        "not_modified": run.not_modified,
        "windows_days": [YEAR_DAYS, QUARTER_DAYS],
        "max_pull_pages": MAX_PULL_PAGES,
        "repositories": {
            name: {
                "releases": None if d.releases is None else vars(d.releases),
                "releases_reason": d.releases_reason,
                "pulls": None if d.pulls is None else vars(d.pulls),
                "pulls_reason": d.pulls_reason,
            }
            for name, d in sorted(run.repositories.items())
        },
    }
    write_json_atomic(out / DELIVERY, data)


class DeliveryFileError(ValueError):
    pass


def _int(value: Any, name: str) -> int:
    if type(value) is not int or value < 0:
        raise DeliveryFileError(f"{name} is not a count")
    return value


def _text(value: Any, name: str) -> str | None:
    if value is not None and not isinstance(value, str):
        raise DeliveryFileError(f"{name} is not text")
    return value


def _releases(data: Any, where: str) -> Releases | None:
    if data is None:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("complete"), bool):
        raise DeliveryFileError(f"{where}.releases is not a release count")
    return Releases(
        _int(data.get("last_365_days"), f"{where}.releases.last_365_days"),
        _int(data.get("last_90_days"), f"{where}.releases.last_90_days"),
        data["complete"],
    )


def _pulls(data: Any, where: str) -> LeadTime | None:
    if data is None:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("complete"), bool):
        raise DeliveryFileError(f"{where}.pulls is not a lead time")
    median = data.get("median_hours")
    if median is not None and (type(median) not in (int, float) or median < 0):
        raise DeliveryFileError(f"{where}.pulls.median_hours is not a number of hours")
    return LeadTime(
        _int(data.get("merged"), f"{where}.pulls.merged"),
        None if median is None else float(median),
        data["complete"],
        _int(data.get("pages"), f"{where}.pulls.pages"),
    )


def read_delivery(out: Path) -> DeliveryRun | None:
    """The folder's delivery signals; None when it has none; ``DeliveryFileError`` when the file
    is not one."""
    path = out / DELIVERY
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise DeliveryFileError(f"not readable: {exc}") from None
    if not isinstance(data, dict) or data.get("schema_version") != SCHEMA_VERSION:
        raise DeliveryFileError(f"not a delivery-signals file (schema_version {SCHEMA_VERSION})")
    repos = data.get("repositories")
    if not isinstance(repos, dict) or not isinstance(data.get("measured"), bool):
        raise DeliveryFileError("no 'measured' flag or 'repositories' object")
    measured: dict[str, RepoDelivery] = {}
    for name, item in repos.items():
        where = f"repositories[{name!r}]"
        if not isinstance(item, dict):
            raise DeliveryFileError(f"{where} is not an object")
        measured[str(name)] = RepoDelivery(
            _releases(item.get("releases"), where),
            _text(item.get("releases_reason"), f"{where}.releases_reason"),
            _pulls(item.get("pulls"), where),
            _text(item.get("pulls_reason"), f"{where}.pulls_reason"),
        )
    return DeliveryRun(
        scan_id=str(data.get("scan_id") or ""),
        measured_at=str(data.get("measured_at") or ""),
        measured=data["measured"],
        reason=_text(data.get("reason"), "reason"),
        budget=_int(data.get("budget"), "budget"),
        requests=_int(data.get("requests"), "requests"),
        not_modified=_int(data.get("not_modified"), "not_modified"),
        repositories=measured,
    )


def median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None

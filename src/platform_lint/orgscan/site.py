"""Writing the org report's site: ``index.html``, ``summary.md``, the reports and the badges.

``SITE/reports/OWNER/NAME.json`` are copies of the (validated) reports the dashboard links to,
so the folder can be published as it is (GitHub Pages, an artifact, a file share).
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

from platform_lint.errors import UsageError
from platform_lint.orgscan.badges import write_badges
from platform_lint.orgscan.dashboard import render_dashboard
from platform_lint.orgscan.files import report_relpath, write_atomic
from platform_lint.orgscan.merge import OrgView
from platform_lint.orgscan.summary import render_summary

INDEX = "index.html"
SUMMARY = "summary.md"


@dataclass(frozen=True)
class SiteFiles:
    index: Path
    summary: Path
    reports: int
    badges: int


def write_site(site: Path, view: OrgView, now: dt.datetime) -> SiteFiles:
    try:
        site.mkdir(parents=True, exist_ok=True)
        reports = _copy_reports(site, view)
        badges = write_badges(site, view.repos)
        write_atomic(site / SUMMARY, render_summary(view, dashboard=INDEX))
        write_atomic(site / INDEX, render_dashboard(view, generated_at=now))
    except OSError as exc:
        raise UsageError(f"--out {site}: cannot write the report: {exc.strerror or exc}") from None
    return SiteFiles(site / INDEX, site / SUMMARY, reports, badges)


def _copy_reports(site: Path, view: OrgView) -> int:
    copied = 0
    for repo in view.repos:
        if repo.report_file is None or repo.digest is None:
            continue
        target = site / report_relpath(repo.repo)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists() and target.resolve() == repo.report_file.resolve():
            copied += 1
            continue  # the site is the scan folder itself
        temp = target.with_name(f".{target.name}.tmp")
        shutil.copyfile(repo.report_file, temp)
        temp.replace(target)
        copied += 1
    return copied

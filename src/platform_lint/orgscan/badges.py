"""Per-repository level badges for the org report: ``SITE/badges/OWNER/NAME/``.

The same SVG and shields.io endpoint JSON as ``platform-lint badge`` writes for one
repository, so a README can point at the org site instead of a badge branch.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from platform_lint.orgscan.files import report_relpath, write_atomic
from platform_lint.orgscan.merge import RepoView
from platform_lint.report.badge import JSON_NAME, SVG_NAME, endpoint_json, render_svg


def badge_folder(full_name: str) -> str:
    """``badges/OWNER/NAME`` (the same safe parts as the report's path)."""
    return "badges/" + report_relpath(full_name).removeprefix("reports/").removesuffix(".json")


def write_badges(site: Path, repos: Iterable[RepoView]) -> int:
    written = 0
    for repo in repos:
        if repo.badge is None:
            continue
        folder = site / badge_folder(repo.repo)
        write_atomic(folder / SVG_NAME, render_svg(repo.badge))
        write_atomic(folder / JSON_NAME, endpoint_json(repo.badge))
        written += 1
    return written

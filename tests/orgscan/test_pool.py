"""Worker processes: a repository that kills its worker fails alone; the others are scanned."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from orgscan.helpers import BARE, CrashingSource, entries, make_repo
from platform_lint.orgscan.listing import LocalSource
from platform_lint.orgscan.runner import ScanOptions, run_scan


def test_a_repository_that_kills_its_worker_is_failed_and_the_rest_scanned(tmp_path: Path) -> None:
    root = tmp_path / "repos"
    names = ["a", "b", "crash", "d", "e"]
    for name in names:
        make_repo(root / "acme" / name, BARE)
    out = tmp_path / "out"
    source = CrashingSource(LocalSource(root), "acme/crash")
    options = ScanOptions(out=out, concurrency=2, now=dt.datetime(2026, 1, 15, tzinfo=dt.timezone.utc))
    log = io.StringIO()
    summary = run_scan(source, options, log)
    got = entries(out)
    assert sorted(got) == [f"acme/{n}" for n in names]
    assert got["acme/crash"]["status"] == "failed"
    assert "worker process died" in got["acme/crash"]["reason"]
    assert all(got[f"acme/{n}"]["status"] == "scanned" for n in names if n != "crash")
    assert summary.counts == {"scanned": 4, "unchanged": 0, "skipped": 0, "failed": 1}


def test_progress_on_a_terminal_redraws_one_line_and_keeps_failures(tmp_path: Path) -> None:
    from platform_lint.orgscan.manifest import Entry
    from platform_lint.orgscan.progress import Progress

    stream = io.StringIO()
    progress = Progress(stream, 3, terminal=True)
    progress.update(Entry("acme/a", "scanned", None, "c1", "main", "reports/acme/a.json", 0.1), None)
    progress.update(Entry("acme/b", "failed", "bad \x1b[31mthing\nhere", None, None, None, 0.1), None)
    progress.finish("3 repositories")
    text = stream.getvalue()
    assert text.count("\r\x1b[2K") >= 3  # the line is redrawn in place
    assert "org-scan: [2/3] acme/b: failed: bad thing here" in text  # failures stay, on their own line
    assert "\x1b[31m" not in text
    assert text.endswith("org-scan: 3 repositories in 0s\n")

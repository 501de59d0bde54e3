"""A scan killed with SIGKILL resumes: every repository reported exactly once, none redone."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from orgscan.helpers import BARE, BRONZE, NOW, entries, make_repo, manifest, org_scan
from platform_lint.report.load import load as load_report

REPOS = 20


def _scan_command(root: Path, out: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "platform_lint",
        "org-scan",
        "--local",
        str(root),
        "--out",
        str(out),
        "--now",
        NOW,
        "--concurrency",
        "2",
    ]


def _journal_entries(out: Path) -> int:
    try:
        lines = (out / "state" / "journal.jsonl").read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return 0
    return sum(1 for line in lines[1:] if line.startswith('{"entry"'))


def _wait_for_orphans_to_stop(group: int) -> None:
    """Orphaned workers notice their parent is gone and stop; wait for that (a loaded machine is slow).

    Past the deadline they are killed, so a restart never races a worker of the killed scan.
    """
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, signal.SIGKILL)
    time.sleep(0.5)


def test_a_scan_killed_mid_way_finishes_on_restart_with_every_repository_once(tmp_path: Path) -> None:
    root = tmp_path / "repos"
    for i in range(REPOS):
        make_repo(root / "acme" / f"svc-{i:02d}", BRONZE if i % 2 else BARE)
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    log = (tmp_path / "first.log").open("w")
    first = subprocess.Popen(
        _scan_command(root, out),
        stdout=subprocess.DEVNULL,
        stderr=log,
        env=env,
        start_new_session=True,  # its workers too can be cleaned up below, whatever happens
    )
    try:
        deadline = time.monotonic() + 120
        while _journal_entries(out) < 4 and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert first.poll() is None, "the scan finished before it could be killed"
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=30)
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
        log.close()
    assert first.returncode == -signal.SIGKILL
    _wait_for_orphans_to_stop(first.pid)
    interrupted = manifest(out)
    assert interrupted["finished_at"] is None
    done_before = _journal_entries(out)
    assert 4 <= done_before < REPOS

    second = subprocess.run(_scan_command(root, out), capture_output=True, text=True, env=env, timeout=300)
    assert second.returncode == 0, second.stderr
    lines = second.stderr.splitlines()
    assert f"resuming scan {interrupted['scan_id']}: {done_before} of {REPOS} repositories done" in lines[0]
    rescanned = [line for line in lines if line.startswith("org-scan: [")]
    assert len(rescanned) == REPOS - done_before  # nothing finished before is scanned again

    final = manifest(out)
    assert final["scan_id"] == interrupted["scan_id"] and final["finished_at"] is not None
    names = [e["repo"] for e in final["repositories"]]
    assert names == sorted(f"acme/svc-{i:02d}" for i in range(REPOS))  # each exactly once
    assert {e["status"] for e in final["repositories"]} == {"scanned"}
    for entry in final["repositories"]:
        load_report(out / entry["report"])
    assert sorted(p.name for p in (out / "reports" / "acme").iterdir()) == [f"{n[5:]}.json" for n in names]
    assert not (out / "state" / "journal.jsonl").exists()
    with sqlite3.connect(out / "history.sqlite") as db:
        scans = db.execute("SELECT scan_id, finished_at, repositories, scanned FROM scans").fetchall()
        rows = db.execute("SELECT repo FROM repo_results ORDER BY repo").fetchall()
    assert scans == [(final["scan_id"], final["finished_at"], REPOS, REPOS)]
    assert [r for (r,) in rows] == names


@pytest.fixture
def small_org(tmp_path: Path) -> Path:
    root = tmp_path / "repos"
    for name in ("a", "b", "c"):
        make_repo(root / "acme" / name, BARE)
    return root


def _interrupt_after(out: Path, repo: str, torn: bool) -> None:
    """Leave ``out`` as a scan killed after ``repo`` was journaled (and, when ``torn``, while the
    next line was being written)."""
    journal = out / "state" / "journal.jsonl"
    lines = journal.read_text(encoding="utf-8").splitlines()
    kept = [lines[0]] + [line for line in lines[1:] if json.loads(line)["entry"]["repo"] <= repo]
    text = "\n".join(kept) + "\n" + ('{"entry": {"repo": "acme/c", "sta' if torn else "")
    journal.write_text(text, encoding="utf-8")
    data = manifest(out)
    data["finished_at"] = None
    data["repositories"] = [e for e in data["repositories"] if e["repo"] <= repo]
    (out / "manifest.json").write_text(json.dumps(data), encoding="utf-8")


def _keep_journal(monkeypatch: pytest.MonkeyPatch) -> None:
    from platform_lint.orgscan.manifest import Journal

    real = Journal.close

    def close(self: Journal, *, remove: bool) -> None:
        real(self, remove=False)

    monkeypatch.setattr(Journal, "close", close)


def test_a_line_cut_short_by_the_kill_is_ignored_and_that_repository_scanned(
    small_org: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    with monkeypatch.context() as m:
        _keep_journal(m)
        assert org_scan(small_org, out) == 0
    scan_id = manifest(out)["scan_id"]
    _interrupt_after(out, "acme/b", torn=True)
    capsys.readouterr()
    assert org_scan(small_org, out) == 0
    err = capsys.readouterr().err
    assert f"resuming scan {scan_id}: 2 of 3 repositories done" in err
    assert [line.split()[2] for line in err.splitlines() if line.startswith("org-scan: [")] == ["acme/c:"]
    assert sorted(entries(out)) == ["acme/a", "acme/b", "acme/c"]
    assert manifest(out)["finished_at"] is not None


def test_a_finished_scan_is_not_resumed_and_other_options_start_a_new_scan(
    small_org: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert org_scan(small_org, out) == 0
    first = manifest(out)["scan_id"]
    assert org_scan(small_org, out) == 0
    assert manifest(out)["scan_id"] != first  # finished: the next run is a new scan

    with monkeypatch.context() as m:
        _keep_journal(m)
        assert org_scan(small_org, out, "--scan-id", "nightly-1") == 0
    _interrupt_after(out, "acme/a", torn=False)
    capsys.readouterr()
    assert org_scan(small_org, out, "--scan-id", "nightly-2") == 0  # another id: a new scan
    assert "resuming" not in capsys.readouterr().err
    assert manifest(out)["scan_id"] == "nightly-2"
    assert {e["status"] for e in manifest(out)["repositories"]} == {"unchanged"}

"""The snapshot never reads .git, never follows a link out of the root, never opens a FIFO or device.

A pull request can commit a symlink to ``.git/config``, where actions/checkout keeps the
job's credential; reading it would put the credential in every report.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path

import pytest
from hostile.repos import EXTRAHEADER, FAKE_TOKEN, checkout_like, commit_all, git, write

from platform_lint.cli import run
from platform_lint.snapshot import open_local

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="symlinks and FIFOs are POSIX here")


@pytest.fixture(autouse=True)
def _git_stays_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)


def read_within(snapshot, path: str, seconds: float = 10.0):  # type: ignore[no-untyped-def]
    """Read in a thread, so a read that blocks (a FIFO) fails the test instead of hanging it."""
    box: list = []
    worker = threading.Thread(target=lambda: box.append(snapshot.read(path)), daemon=True)
    worker.start()
    worker.join(seconds)
    assert box, f"reading {path} did not return within {seconds}s"
    return box[0]


def test_tracked_link_to_git_config_is_listed_but_never_read(tmp_path: Path) -> None:
    root = checkout_like(tmp_path / "repo")
    write(root, "README.md", "# r\n")
    os.symlink(".git/config", root / "notes.txt")
    (root / "docs").mkdir()
    os.symlink("../.git/config", root / "docs" / "config.yml")
    commit_all(root)
    snap = open_local(root)
    assert {"notes.txt", "docs/config.yml"} <= set(snap.files())
    for name in ("notes.txt", "docs/config.yml"):
        content = snap.read(name)
        assert (content.text, content.problem) == (None, "inside-git")
        assert snap.read_bytes(name) is None
    old = snap.at_ref("HEAD")
    for name in ("notes.txt", "docs/config.yml"):
        assert old.read(name).problem in ("inside-git", "outside-root")
        assert old.read(name).text is None


def test_link_to_git_config_never_reaches_the_reports(tmp_path: Path) -> None:
    root = checkout_like(tmp_path / "repo")
    os.symlink(".git/config", root / "notes.txt")
    write(
        root,
        ".platform-lint.yml",
        "version: 1\nrules:\n  - id: hygiene.no-headers\n    title: No headers\n"
        "    characteristic: opinionated-defaults\n    level: bronze\n    severity: error\n"
        "    check: {type: file-not-contains, params: {paths: [notes.txt], pattern: header}}\n"
        "    remediation: Remove it.\n",
    )
    commit_all(root)
    out = tmp_path / "out"
    code = run(
        [
            "check",
            str(root),
            "--now",
            "2026-12-02",
            "-f",
            "json",
            "-o",
            str(out / "r.json"),
            "-f",
            "sarif",
            "-o",
            str(out / "r.sarif"),
        ]
    )
    assert code in (0, 1)
    for name in ("r.json", "r.sarif"):
        text = (out / name).read_text()
        assert "AUTHORIZATION" not in text and FAKE_TOKEN not in text
        assert EXTRAHEADER.split()[-1] not in text
    json.loads((out / "r.json").read_text())


def test_fifo_in_place_of_a_tracked_file_is_a_fact_not_a_hang(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    write(root, "README.md", "# r\n")
    write(root, "data.txt", "x\n")
    commit_all(root)
    (root / "data.txt").unlink()
    os.mkfifo(root / "data.txt")  # still in git's index: listed, and must not be opened for reading
    os.mkfifo(root / "pipe")
    os.symlink("pipe", root / "to-pipe")
    git(root, "add", "to-pipe")
    snap = open_local(root)
    assert read_within(snap, "data.txt").problem == "not-regular"
    assert read_within(snap, "to-pipe").problem == "not-regular"
    assert snap.read_bytes("data.txt") is None


def test_link_to_a_device_is_never_read(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    write(root, "README.md", "# r\n")
    os.symlink("/dev/zero", root / "zero")
    snap = open_local(root)
    assert read_within(snap, "zero").problem == "outside-root"


def test_folder_replaced_by_a_link_out_of_the_root_is_not_followed(tmp_path: Path) -> None:
    outside = write(tmp_path, "elsewhere/secret.txt", "TOP SECRET\n").parent
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    write(root, "README.md", "# r\n")
    write(root, "sub/secret.txt", "harmless\n")
    commit_all(root)
    (root / "sub" / "secret.txt").unlink()
    (root / "sub").rmdir()
    os.symlink(outside, root / "sub")  # git still lists sub/secret.txt
    snap = open_local(root)
    assert "sub/secret.txt" in snap.files()
    content = read_within(snap, "sub/secret.txt")
    assert content.text is None and content.problem == "outside-root"

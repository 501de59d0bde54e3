"""Checking a folder inside a git work tree (a service in a monorepo, the Action's `path`)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from platform_lint.snapshot.local import WorkTreeSnapshot, open_local


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        check=True,
        capture_output=True,
    )


def test_subfolder_lists_only_its_tracked_files_relative_to_it(tmp_path: Path) -> None:
    (tmp_path / "services" / "a" / "build").mkdir(parents=True)
    (tmp_path / "services" / "b").mkdir(parents=True)
    (tmp_path / ".gitignore").write_text("build/\n")
    (tmp_path / "services" / "a" / "README.md").write_text("# A\n")
    (tmp_path / "services" / "a" / "build" / "out.txt").write_text("generated\n")
    (tmp_path / "services" / "b" / "README.md").write_text("# B\n")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "one")
    (tmp_path / "services" / "a" / "README.md").write_text("# A\n\n## Quickstart\n")
    git(tmp_path, "commit", "-q", "-am", "two")

    snap = open_local(tmp_path / "services" / "a")
    assert isinstance(snap, WorkTreeSnapshot) and snap.use_git
    assert snap.files() == ("README.md",)  # not b's files, not the ignored build output
    base = snap.at_ref("HEAD~1")
    assert base.files() == ("README.md",)
    assert base.read("README.md").text == "# A\n"
    assert snap.read("README.md").text.endswith("## Quickstart\n")


def test_folder_git_tracks_nothing_in_is_walked(tmp_path: Path) -> None:
    (tmp_path / "vendor-copy").mkdir()
    (tmp_path / "vendor-copy" / "README.md").write_text("# copy\n")
    (tmp_path / "top.txt").write_text("x\n")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "top.txt")
    git(tmp_path, "commit", "-q", "-m", "one")
    assert open_local(tmp_path / "vendor-copy").files() == ("README.md",)

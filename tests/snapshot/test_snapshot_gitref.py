"""A git ref read through one `git cat-file --batch` process: odd names, large blobs, tags."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from platform_lint.snapshot import open_local
from platform_lint.snapshot.local import GitRefSnapshot


def git(root: Path, *args: str) -> str:
    config = [
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@t",
        "-c",
        "commit.gpgsign=false",
        "-c",
        "tag.gpgsign=false",
    ]
    proc = subprocess.run(["git", "-C", str(root), *config, *args], capture_output=True, check=True)
    return proc.stdout.decode().strip()


def write(root: Path, rel: str, content: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")


def commit_all(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


@pytest.fixture(autouse=True)
def _git_stays_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)


NON_UTF8 = os.fsdecode(b"caf\xe9.txt")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    write(root, "with space.txt", "spaces\n")
    write(root, "new\nline.txt", "newline\n")
    write(root, "docs/ünïcödé.md", "unicode\n")
    write(root, NON_UTF8, "latin-1 name\n")
    write(root, "big.bin", "x" * 5000)
    write(root, "after.txt", "after\n")
    commit_all(root, "first")
    git(root, "tag", "v1.0.0")
    write(root, "with space.txt", "changed\n")
    commit_all(root, "second")
    git(root, "tag", "v1.1.0")
    return root


def _base(repo: Path, max_bytes: int = 1000) -> GitRefSnapshot:
    base = open_local(repo, max_bytes=max_bytes).at_ref("HEAD~1")
    assert isinstance(base, GitRefSnapshot)
    return base


def test_every_file_at_the_ref_is_read_through_one_process(repo: Path) -> None:
    base = _base(repo)
    expected = {
        "with space.txt": "spaces\n",
        "new\nline.txt": "newline\n",
        "docs/ünïcödé.md": "unicode\n",
        NON_UTF8: "latin-1 name\n",
        "after.txt": "after\n",
    }
    assert {path: base.read(path).text for path in expected} == expected
    assert base.blobs.processes_started == 1


def test_a_blob_over_the_cap_is_not_read_and_the_pipe_stays_in_step(repo: Path) -> None:
    base = _base(repo)
    big = base.read("big.bin")
    assert (big.text, big.problem, big.size) == (None, "too-large", 5000)
    # asked for with a larger limit than the listing allows: drained, not kept
    assert base.read_bytes("big.bin", max_bytes=100) is None
    assert base.read("after.txt").text == "after\n"
    assert base.read("big.bin", max_bytes=10_000).text == "x" * 5000


def test_the_batch_reader_refuses_what_is_not_a_blob_id(repo: Path) -> None:
    from platform_lint.snapshot.gitbatch import BlobUnreadable

    base = _base(repo)
    for oid in ("HEAD", "0" * 40, "a\nb"):
        with pytest.raises(BlobUnreadable):
            base.blobs.read(oid, 100)
    assert base.read("after.txt").text == "after\n"


def test_a_pipe_that_died_is_replaced(repo: Path) -> None:
    base = _base(repo)
    assert base.read("after.txt").text == "after\n"
    proc = base.blobs._proc
    assert proc is not None
    proc.kill()
    proc.wait()
    assert base.read("with space.txt").text == "spaces\n"
    assert base.blobs.processes_started == 2


def test_tags_are_those_reachable_from_the_ref(repo: Path) -> None:
    assert _base(repo).tags() == ("v1.0.0",)
    assert set(_base(repo).tags(merged=False)) == {"v1.0.0", "v1.1.0"}
    assert set(open_local(repo).tags()) == {"v1.0.0", "v1.1.0"}


def test_a_missing_base_ref_is_a_clear_usage_error(repo: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "platform_lint", "check", str(repo), "--offline", "--base", "no-such-ref"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "--base no-such-ref: no such commit" in proc.stderr
    assert "Traceback" not in proc.stderr

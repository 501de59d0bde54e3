"""The clone path of org-scan ORG, against a fake remote: local bare repositories over file://.

No REST request is made here (the listing is given): what is tested is reading each head with
``git ls-remote``, the shallow blob-filtered clone, failures, re-scans and a kill and resume.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from orgscan.github_fakes import NOW, TOKEN, FileRemote, bare_repo, fixed_source, manifest, statuses
from orgscan.helpers import BARE, BRONZE, GIT_ENV, commit, git
from platform_lint.orgscan import remote as remote_module
from platform_lint.orgscan.remote import HttpsRemote, git_env, remote_head
from platform_lint.orgscan.runner import ScanOptions, run_scan
from platform_lint.orgscan.scan import CommitSnapshot
from platform_lint.orgscan.source import Head, RepoFailure

TESTS = Path(__file__).resolve().parent.parent


def _scan(source: Any, out: Path, concurrency: int = 1) -> str:
    err = io.StringIO()
    run_scan(source, ScanOptions(out=out, concurrency=concurrency, now=dt.datetime.fromisoformat(NOW)), err)
    return err.getvalue()


def test_a_clone_is_shallow_and_leaves_out_blobs_larger_than_the_scan_reads(tmp_path: Path) -> None:
    root = tmp_path / "server"
    big = "x" * 5000
    sha = bare_repo(root, "acme/api", {**BRONZE, "assets/big.bin": big, "old.txt": "1"}, tmp_path / "w")
    commit(tmp_path / "w" / "acme" / "api", {"old.txt": "2"})
    git(tmp_path / "w" / "acme" / "api", "push", "-q", str(root / "acme" / "api.git"), "main")
    git(root / "acme" / "api.git", "tag", "-a", "-m", "first", "v1.0.0", sha)  # not the head
    source = fixed_source(FileRemote(root), ["acme/api"], max_bytes=1000)
    ref = next(iter(source.repositories()))
    head = source.head(ref)
    assert head.commit != sha and head.branch == "main"  # the pushed commit
    with source.checkout(ref, head) as git_dir:
        assert (git_dir / "shallow").is_file()
        assert git(git_dir, "rev-list", "--count", "HEAD") == "1"
        assert any((git_dir / "objects" / "pack").glob("*.promisor"))
        snapshot = CommitSnapshot(git_dir, "acme/api", head, 1000)
        assert "assets/big.bin" in snapshot.files()
        assert snapshot.size("assets/big.bin") == 1001  # not fetched: larger than the scan reads
        assert snapshot.size("README.md") == len(BRONZE["README.md"])
        assert snapshot.read_bytes("old.txt") == b"2"
        assert snapshot.read("assets/big.bin").problem == "too-large"
        assert git(git_dir, "tag", "--list") == ""  # no tags fetched ...
        assert snapshot.tags() == snapshot.tags(merged=False) == ("v1.0.0",)  # ... the server's count
    assert not git_dir.exists()  # the clone is removed after the check


def test_a_repository_whose_clone_fails_is_reported_failed_and_the_others_are_scanned(tmp_path: Path) -> None:
    root = tmp_path / "server"
    bare_repo(root, "acme/api", BRONZE, tmp_path / "w")
    bare_repo(root, "acme/broken", BARE, tmp_path / "w")
    bare_repo(root, "acme/web", BARE, tmp_path / "w")
    # its ref advertisement is fine, but the blob of README.md is gone: upload-pack cannot pack it
    broken = root / "acme" / "broken.git"
    blob = git(broken, "rev-parse", "HEAD:README.md")
    (broken / "objects" / blob[:2] / blob[2:]).unlink()
    out = tmp_path / "out"
    err = _scan(fixed_source(FileRemote(root), ["acme/api", "acme/broken", "acme/gone", "acme/web"]), out)
    assert statuses(out) == {
        "acme/api": "scanned",
        "acme/broken": "failed",
        "acme/gone": "failed",
        "acme/web": "scanned",
    }
    entries = {e["repo"]: e for e in manifest(out)["repositories"]}
    assert entries["acme/broken"]["reason"].startswith("git clone failed: ")
    assert entries["acme/broken"]["commit"] == git(broken, "rev-parse", "HEAD")
    assert entries["acme/gone"]["reason"].startswith("git ls-remote failed: ")
    assert manifest(out)["finished_at"] is not None
    assert "acme/broken: failed: git clone failed" in err


def test_a_head_that_moved_is_scanned_again_and_an_unmoved_one_is_not_cloned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "server"
    bare_repo(root, "acme/api", BARE, tmp_path / "w")
    bare_repo(root, "acme/web", BARE, tmp_path / "w")
    out = tmp_path / "out"
    names = ["acme/api", "acme/web"]
    _scan(fixed_source(FileRemote(root), names), out)
    moved = commit(tmp_path / "w" / "acme" / "api", BRONZE)
    git(tmp_path / "w" / "acme" / "api", "push", "-q", str(root / "acme" / "api.git"), "main")
    cloned: list[str] = []
    real = remote_module.shallow_clone

    def counting(remote: Any, full_name: str, head: Head, into: Path, max_bytes: int) -> Path:
        cloned.append(full_name)
        return real(remote, full_name, head, into, max_bytes)

    import platform_lint.orgscan.github_source as github_source

    monkeypatch.setattr(github_source, "shallow_clone", counting)
    _scan(fixed_source(FileRemote(root), names), out)
    assert cloned == ["acme/api"]
    assert statuses(out) == {"acme/api": "scanned", "acme/web": "unchanged"}
    assert {e["repo"]: e["commit"] for e in manifest(out)["repositories"]}["acme/api"] == moved


def test_an_empty_repository_is_skipped_and_a_missing_default_branch_fails(tmp_path: Path) -> None:
    root = tmp_path / "server"
    remote = FileRemote(root)
    (root / "acme").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "--bare", str(root / "acme" / "empty.git")], check=True)
    bare_repo(root, "acme/api", BARE, tmp_path / "w")
    from platform_lint.orgscan.source import RepoSkipped

    with pytest.raises(RepoSkipped, match="no commits yet"):
        remote_head(remote, "acme/empty", "main")
    with pytest.raises(RepoFailure, match="the default branch trunk was not found"):
        remote_head(remote, "acme/api", "trunk")


def test_the_token_is_never_in_git_arguments_and_https_remotes_may_not_read_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[list[str], dict[str, str]]] = []
    real_run = subprocess.run

    def spy(args: list[str], **kwargs: Any) -> Any:
        seen.append((list(args), dict(kwargs.get("env") or {})))
        return real_run(args, **kwargs)

    monkeypatch.setattr(remote_module.subprocess, "run", spy)
    monkeypatch.setenv("GIT_CONFIG_PARAMETERS", "'protocol.allow'='always'")  # ignored: git's env is rebuilt
    https = HttpsRemote("https://github.com", TOKEN)
    bare_repo(tmp_path / "server", "acme/api", BARE, tmp_path / "w")
    file_url = (tmp_path / "server" / "acme" / "api.git").as_uri()

    class Sneaky(HttpsRemote):  # an https remote asked for a file:// URL: git refuses the transport
        def url(self, full_name: str) -> str:
            return file_url

    with pytest.raises(RepoFailure, match=r"git ls-remote failed: .*transport 'file' not allowed"):
        remote_head(Sneaky("https://github.com", TOKEN), "acme/api", "main")
    args, env = seen[-1]
    assert all(TOKEN not in a for a in args)
    assert not any(TOKEN in v for v in env.values())  # not even in plain text in the environment
    assert env["GIT_TERMINAL_PROMPT"] == "0" and env["GIT_CONFIG_GLOBAL"] == os.devnull
    assert "GIT_CONFIG_PARAMETERS" not in env
    config = {
        env[f"GIT_CONFIG_KEY_{i}"]: env[f"GIT_CONFIG_VALUE_{i}"] for i in range(int(env["GIT_CONFIG_COUNT"]))
    }
    assert config["protocol.allow"] == "never" and config["protocol.https.allow"] == "always"
    assert config["http.followRedirects"] == "false"
    assert config["http.https://github.com/.extraHeader"].startswith("Authorization: Basic ")
    assert git_env(https)["GIT_CONFIG_COUNT"] == env["GIT_CONFIG_COUNT"]


def _journal_entries(out: Path) -> int:
    try:
        lines = (out / "state" / "journal.jsonl").read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return 0
    return sum(1 for line in lines[1:] if line.startswith('{"entry"'))


def test_a_scan_killed_mid_way_resumes_with_every_repository_reported_once(tmp_path: Path) -> None:
    root = tmp_path / "server"
    names = [f"acme/svc-{i:02d}" for i in range(12)]
    for i, name in enumerate(names):
        bare_repo(root, name, BRONZE if i % 2 else BARE, tmp_path / "w")
    out = tmp_path / "out"
    command = [sys.executable, str(TESTS / "orgscan" / "github_scan_script.py"), str(root), str(out), *names]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
    env = {**env, **{k: v for k, v in GIT_ENV.items() if k.startswith("GIT_CONFIG")}}
    first = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 240
        while _journal_entries(out) < 3 and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        os.killpg(first.pid, signal.SIGKILL)
    finally:
        first.wait(timeout=60)
        if first.stderr:
            first.stderr.close()
    done_before = _journal_entries(out)
    assert 3 <= done_before < len(names), "the scan was not killed mid-way"
    assert manifest(out)["finished_at"] is None

    second = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert second.returncode == 0, second.stderr
    assert f"resuming scan {manifest(out)['scan_id']}" in second.stderr
    final = manifest(out)
    repos = [e["repo"] for e in final["repositories"]]
    assert sorted(repos) == names and len(set(repos)) == len(repos)
    assert final["finished_at"] is not None
    assert {e["status"] for e in final["repositories"]} == {"scanned"}
    for entry in final["repositories"]:
        report = json.loads((out / entry["report"]).read_text(encoding="utf-8"))
        assert report["target"] == f"{entry['repo']}@main"
    assert not list(tmp_path.glob("platform-lint-clone-*"))
    shutil.rmtree(out)

"""A pull request whose base commit is not in the clone: --offline (or no token) never runs git fetch.

The run stops with a usage error that says the base is missing and how to fetch it.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from platform_lint.cli import run

MISSING_SHA = "0123456789abcdef0123456789abcdef01234567"


class Listener:
    """Counts connections on 127.0.0.1 (where the clone's origin points)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.close()


def git(root: Path, *args: str) -> str:
    proc = subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@t", *args],
        capture_output=True,
        check=True,
        text=True,
    )
    return proc.stdout.strip()


@pytest.fixture
def pull_request(tmp_path: Path, listener: Listener, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.delenv("PLATFORM_LINT_GITHUB_TOKEN", raising=False)
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "README.md").write_text("# r\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "head")
    git(repo, "remote", "add", "origin", f"http://127.0.0.1:{listener.port}/acme/widgets.git")
    event = tmp_path / "event.json"
    event.write_text(
        json.dumps(
            {
                "number": 7,
                "pull_request": {
                    "number": 7,
                    "base": {"sha": MISSING_SHA, "ref": "main"},
                    "head": {"sha": git(repo, "rev-parse", "HEAD"), "repo": {"full_name": "acme/widgets"}},
                },
            }
        )
    )
    monkeypatch.setenv("GITHUB_EVENT_NAME", "pull_request")
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(event))
    monkeypatch.setenv("GITHUB_REPOSITORY", "acme/widgets")
    return repo


def assert_says_how_to_fetch(err: str) -> None:
    assert "base commit" in err and MISSING_SHA[:12] in err and "not in the clone" in err
    assert "fetch-depth: 0" in err and "git fetch --no-tags --depth=1 origin" in err


def test_offline_never_fetches_the_base(
    pull_request: Path,
    listener: Listener,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "ghs_" + "x" * 36)
    code = run(["check", str(pull_request), "--offline"])
    err = capsys.readouterr().err
    assert listener.connections == 0
    assert code == 2
    assert_says_how_to_fetch(err)


def test_without_a_token_the_base_is_not_fetched_either(
    pull_request: Path, listener: Listener, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(["check", str(pull_request)])
    err = capsys.readouterr().err
    assert listener.connections == 0
    assert code == 2
    assert_says_how_to_fetch(err)

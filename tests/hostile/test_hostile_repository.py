"""End to end: ``platform-lint check`` on a repository holding every hostile input at once.

The repository (tests/hostile/e2e.py) is checked in a child process, as a pull request from a
stranger would be: the built-in pack extended by a hostile ``.platform-lint.yml``, a token in the
environment, in a committed file and in the checkout's credential, and every URL pointing at a
listener of this test. The run must end with exit 1 (findings), a located finding on every hostile
file, no traceback, no token in any output, and no connection to the listener. The time limit is
a hang guard only; benchmarks/hostile_bench.py (case hostile-repository) prints the real time.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hostile.e2e import TOKEN, build, policy, remove_tree

import platform_lint

HANG_GUARD = 60.0
NOW = "2026-06-01"


class Listener:
    """A TCP socket on 127.0.0.1 that counts the connections made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(128)
        self.port: int = self.sock.getsockname()[1]

    def connections(self) -> int:
        """Connections made so far (each waits in the backlog until accepted here)."""
        self.sock.setblocking(False)
        count = 0
        while True:
            try:
                conn, _ = self.sock.accept()
            except BlockingIOError:
                return count
            conn.close()
            count += 1

    def close(self) -> None:
        self.sock.close()


@pytest.fixture(autouse=True)
def _no_deep_tree_left(tmp_path: Path) -> Any:
    yield
    if (tmp_path / "repo").exists():
        remove_tree(tmp_path / "repo")  # pytest's own clean-up cannot remove a tree this deep


@pytest.fixture
def listener() -> Any:
    found = Listener()
    yield found
    found.close()


def _env(port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "GH_", "PLATFORM_LINT_"))}
    env.update(
        GITHUB_TOKEN=TOKEN,  # no GITHUB_REPOSITORY: nothing may ask GitHub, even with a token
        GITHUB_API_URL=f"http://127.0.0.1:{port}",
        NO_COLOR="1",
        PYTHONPATH=str(Path(platform_lint.__file__).resolve().parents[1]),
    )
    return env


def _check(repo: Path, port: int, out: Path) -> subprocess.CompletedProcess[str]:
    argv = ["check", str(repo), "--now", NOW, "--format", "text"]
    for fmt, name in (("json", "report.json"), ("sarif", "report.sarif"), ("markdown", "report.md")):
        argv += ["--format", fmt, "--output", str(out / name)]
    try:
        return subprocess.run(
            [sys.executable, "-m", "platform_lint", *argv],
            capture_output=True,
            text=True,
            env=_env(port),
            timeout=HANG_GUARD,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"platform-lint did not finish within {HANG_GUARD:.0f} s on the hostile repository")


def _findings(report: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(r["id"], f) for r in report["rules"] for f in (*r["findings"], *r["evidence"])]


LINES = {
    "a file 1,200 folders deep": 2,
    "a JSON openapi file with a 5,000-digit number": 1,
    "a CODEOWNERS pattern of 30 stars": 1,
    "a CODEOWNERS entry of 5,000 characters": 2,
    "an alias bomb in catalog-info.yaml": 6,
    "an alias bomb in an OpenAPI file": 7,
    "a file name that is not UTF-8": 2,
    "a file name with a newline, ::error:: and ESC": 2,
}
"""The line each hostile input's finding points at, where a line applies."""


def test_a_hostile_repository_gives_located_findings_and_nothing_else(
    tmp_path: Path, listener: Listener
) -> None:
    repo, out = tmp_path / "repo", tmp_path / "out"
    expected = build(repo, listener.port)
    proc = _check(repo, listener.port, out)

    outputs = {
        "stdout": proc.stdout,
        "stderr": proc.stderr,
        **{p.name: p.read_text(encoding="utf-8") for p in sorted(out.iterdir())},
    }
    assert set(outputs) == {"stdout", "stderr", "report.json", "report.sarif", "report.md"}, proc.stderr
    for name, text in outputs.items():
        assert "Traceback" not in text and "internal error" not in text, (name, text[-2000:])
        assert TOKEN not in text, name  # the environment's, the committed one, the checkout's
        assert "\x1b" not in text, name
    assert not [line for line in proc.stdout.splitlines() if line.startswith("::")]
    assert "](javascript:" not in outputs["report.md"]
    assert "javascript:" not in json.dumps([r.get("helpUri") for r in _sarif_rules(outputs["report.sarif"])])
    assert listener.connections() == 0

    report = json.loads(outputs["report.json"])
    broken = {r["id"]: r["reason"] for r in report["rules"] if r["state"] == "error"}
    assert not broken, broken
    located: dict[str, set[int | None]] = {}
    for _, finding in _findings(report):
        if finding["location"]:
            located.setdefault(finding["location"]["path"], set()).add(finding["location"]["line"])
    for case, path in expected.items():
        assert path in located, f"{case}: no finding located at {path[:120]!r}"
        if case in LINES:
            assert LINES[case] in located[path], (case, located[path])
    assert proc.returncode == 1, proc.stderr[-2000:]


def _sarif_rules(text: str) -> list[dict[str, Any]]:
    log = json.loads(text)
    return [rule for run in log["runs"] for rule in run["tool"]["driver"].get("rules", [])]


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ('{type: file-contains, params: {paths: [README.md], pattern: "(a)\\\\1"}}', "backreference"),
        ('{type: file-exists, params: {paths: ["' + "{a,b}" * 30 + '"]}}', "more than 1,000 patterns"),
    ],
)
def test_what_the_policy_may_not_hold_is_a_located_configuration_error(
    tmp_path: Path, listener: Listener, rule: str, words: str
) -> None:
    repo, out = tmp_path / "repo", tmp_path / "out"
    build(repo, listener.port)
    refused = (
        "  - id: hostile.refused\n    title: refused\n    characteristic: self-service\n"
        f"    level: bronze\n    severity: error\n    check: {rule}\n    remediation: fix\n"
    )
    text = policy(listener.port) + refused
    (repo / ".platform-lint.yml").write_text(text, encoding="utf-8")
    line = text.count("\n", 0, text.index("hostile.refused")) + 6
    proc = _check(repo, listener.port, out)
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert f".platform-lint.yml:{line}:" in proc.stderr and words in proc.stderr, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr and TOKEN not in proc.stderr + proc.stdout
    assert listener.connections() == 0

"""Report files: a file name that is not UTF-8 is written escaped, in every format; a report
file is written whole or not at all (a failed write never leaves a truncated or empty file)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from platform_lint import safety
from platform_lint.cli import run
from platform_lint.report import registry

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="needs a filesystem that takes any bytes")

POLICY = (
    "version: 1\nrules:\n  - id: hygiene.no-md\n    title: No md\n"
    "    characteristic: opinionated-defaults\n    level: bronze\n    severity: error\n"
    "    check: {type: file-absent, params: {paths: ['*.md']}}\n    remediation: Remove it.\n"
)


@pytest.mark.parametrize("use_git", [False, True])
def test_a_name_that_is_not_utf8_is_written_escaped(
    tmp_path: Path, use_git: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / ".platform-lint.yml").write_text(POLICY)
    with open(os.path.join(os.fsencode(repo), b"caf\xe9.md"), "w") as fh:
        fh.write("latin-1 name\n")
    if use_git:
        subprocess.run(["git", "-C", str(repo), "init", "-q"], check=True)
        subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
    out = tmp_path / "out"
    args = []
    for fmt in registry.FORMATS:
        args += ["-f", fmt, "-o", str(out / f"report.{fmt}")]
    assert run(["check", str(repo), *args, "-f", "text"]) == 1
    stdout = capsys.readouterr().out
    assert "caf\\xe9.md" in stdout
    for path in out.iterdir():
        text = path.read_text(encoding="utf-8")  # every file is UTF-8
        assert path.stat().st_size > 0
        if path.name in ("report.json", "report.sarif", "report.markdown", "report.text"):
            assert "caf\\\\xe9.md" in text or "caf\\xe9.md" in text, path.name
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    paths = [f["location"]["path"] for r in report["rules"] for f in r["findings"]]
    assert paths == ["caf\\xe9.md"]


def test_a_failed_write_leaves_the_old_report(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text('{"old": true}\n')
    with pytest.raises(UnicodeError):
        safety.write_atomic(target, "cannot be encoded: \udce9")
    assert target.read_text() == '{"old": true}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]  # no temporary file left


def test_a_failed_write_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "new" / "report.sarif"

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError):
        safety.write_atomic(target, "{}\n")
    assert not target.exists() and list(target.parent.iterdir()) == []


def test_check_output_that_cannot_be_written_is_exit_2_and_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "README.md").write_text("# r\n")
    out = tmp_path / "report.json"
    out.write_text("previous report\n")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    assert run(["check", str(repo), "-f", "json", "-o", str(out)]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert out.read_text() == "previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repo", "report.json"]


def test_a_report_sent_to_a_named_pipe_is_written_through_it_and_the_pipe_stays(tmp_path: Path) -> None:
    # `--output /dev/null` or a pipe: renaming a temporary file over it would put a regular
    # file where the device was, for every program on the machine
    import threading

    pipe = tmp_path / "report.pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    safety.write_atomic(pipe, '{"rules": []}\n')
    reader.join(timeout=10)
    assert received == [b'{"rules": []}\n']
    assert os.path.exists(pipe) and not os.path.isfile(pipe)  # still the pipe
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pipe"]  # no temporary file left

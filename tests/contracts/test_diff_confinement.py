"""`platform-lint diff` reads regular files only, size-capped; $ref stays inside the spec's folder."""

from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path

import pytest

from contracts.helpers import body_op, spec
from platform_lint.cli import run
from platform_lint.families.contracts import compare

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="symlinks and FIFOs are POSIX here")

SECRET_SCHEMA = {
    "type": "object",
    "required": ["SECRETFIELD"],
    "properties": {"SECRETFIELD": {"type": "string", "enum": ["SECRET-FROM-OUTSIDE"]}},
}


def run_within(argv: list[str], seconds: float = 20.0) -> int:
    """Run the CLI in a thread so a read that blocks fails the test instead of hanging it."""
    box: list[int] = []
    worker = threading.Thread(target=lambda: box.append(run(argv)), daemon=True)
    worker.start()
    worker.join(seconds)
    assert box, f"platform-lint {' '.join(argv)} did not finish within {seconds}s"
    return box[0]


def specs_with_ref(folder: Path, target: str) -> tuple[str, str]:
    """old.json without the $ref, new.json with a response schema taken from ``target``."""
    folder.mkdir(parents=True, exist_ok=True)
    old = folder / "old.json"
    old.write_text(json.dumps(spec({"/p": {"get": body_op(response={"type": "object"})}})))
    new = folder / "new.json"
    new.write_text(json.dumps(spec({"/p": {"get": body_op(response={"$ref": target})}})))
    return str(old), str(new)


def test_ref_through_a_link_out_of_the_folder_is_not_followed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "elsewhere" / "schema.json"
    outside.parent.mkdir()
    outside.write_text(json.dumps(SECRET_SCHEMA))
    (tmp_path / "api").mkdir()
    os.symlink(outside, tmp_path / "api" / "schema.json")
    old, new = specs_with_ref(tmp_path / "api", "schema.json")
    assert run_within(["diff", old, new, "--fail-on", "never"]) == 0
    out = capsys.readouterr().out
    assert "SECRET" not in out
    assert "schema.json" in out and "outside" in out  # the note says why it was not followed


def test_ref_up_and_out_of_the_folder_is_not_followed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "schema.json").write_text(json.dumps(SECRET_SCHEMA))
    old, new = specs_with_ref(tmp_path / "api", "../schema.json")
    assert run_within(["diff", old, new, "--fail-on", "never", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert "SECRET" not in out and "outside" in out


def test_ref_to_a_device_or_a_fifo_is_refused_quickly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    api = tmp_path / "api"
    api.mkdir()
    os.symlink("/dev/zero", api / "zero.json")
    os.mkfifo(api / "pipe.json")
    for target in ("zero.json", "pipe.json"):
        old, new = specs_with_ref(api, target)
        assert run_within(["diff", old, new, "--fail-on", "never"]) == 0
        out = capsys.readouterr().out
        assert target in out and "not resolved" in out


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_diff_of_a_device_is_a_located_error(
    tmp_path: Path, device: str, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(spec({})))
    assert run_within(["diff", device, str(good)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"platform-lint: {device}: ") and "regular file" in err


def test_diff_of_a_fifo_is_an_error_not_a_hang(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    good = tmp_path / "good.json"
    good.write_text(json.dumps(spec({})))
    assert run_within(["diff", str(good), str(tmp_path / "pipe.yaml")]) == 2
    assert "regular file" in capsys.readouterr().err


def test_oversized_input_and_ref_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(compare, "MAX_SPEC_BYTES", 4096)
    api = tmp_path / "api"
    api.mkdir()
    (api / "big.json").write_text(json.dumps({**SECRET_SCHEMA, "padding": "x" * 8000}))
    old, new = specs_with_ref(api, "big.json")
    assert run_within(["diff", old, new, "--fail-on", "never"]) == 0
    out = capsys.readouterr().out
    assert "big.json" in out and "larger than" in out
    huge = api / "huge.json"
    huge.write_text(json.dumps(spec({}, padding="x" * 8000)))
    assert run_within(["diff", old, str(huge)]) == 2
    err = capsys.readouterr().err
    assert "huge.json" in err and "larger than" in err

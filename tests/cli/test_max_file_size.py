"""`--max-file-size` takes a positive number of bytes; anything else is a usage error, not the default."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from platform_lint.cli import run


@pytest.mark.parametrize("value", ["0", "-1", "-4096", "ten", "1.5"])
def test_max_file_size_must_be_a_positive_integer(
    tmp_path: Path, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "README.md").write_text("# r\n")
    code = run(["check", str(tmp_path), f"--max-file-size={value}"])
    err = capsys.readouterr().err
    assert code == 2
    assert "--max-file-size" in err and value in err


def test_max_file_size_is_applied(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "README.md").write_text("# Service\n\n## Quickstart\n\n```sh\nmake setup\n```\n" + "x" * 500)
    out = tmp_path / "r.json"
    run(["check", str(repo), "--max-file-size", "100", "-f", "json", "-o", str(out)])
    report = json.loads(out.read_text())
    readme = [r for r in report["rules"] if r["id"] == "docs.readme-quickstart"]
    assert readme and readme[0]["state"] != "pass"

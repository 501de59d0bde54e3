"""A policy file that is a link out of the repository (or into .git) is refused, quoting nothing of it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from platform_lint.cli import run

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")

SECRET = "db_password: hunter2-do-not-print\nnot: [valid yaml\n"
GOOD = "version: 1\nextends: [builtin:recommended]\n"


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "home" / "secrets.yml"
    path.parent.mkdir()
    path.write_text(SECRET)
    return path


@pytest.mark.parametrize("name", [".platform-lint.yml", ".github/platform-lint.yml"])
def test_policy_link_out_of_the_repository_is_a_located_config_error(
    tmp_path: Path, secret_file: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "repo"
    (root / ".github").mkdir(parents=True)
    os.symlink(secret_file, root / name)
    code = run(["check", str(root), "--format", "json"])
    err = capsys.readouterr().err
    assert code == 2
    assert name in err and "outside the repository" in err
    assert "hunter2" not in err and "db_password" not in err and "valid yaml" not in err
    assert str(secret_file) not in err


def test_policy_link_into_git_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / ".git" / "config").write_text("[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n")
    os.symlink(".git/config", root / ".platform-lint.yml")
    code = run(["rules", str(root)])
    err = capsys.readouterr().err
    assert code == 2 and ".platform-lint.yml" in err and ".git" in err
    assert "AUTHORIZATION" not in err and "c2VjcmV0" not in err


def test_extends_through_a_link_out_of_the_repository_is_refused(
    tmp_path: Path, secret_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    os.symlink(secret_file, root / "team.yml")
    (root / ".platform-lint.yml").write_text("version: 1\nextends: [builtin:recommended, team.yml]\n")
    code = run(["check", str(root), "--format", "json"])
    err = capsys.readouterr().err
    assert code == 2
    assert ".platform-lint.yml:2" in err and "team.yml" in err
    assert "hunter2" not in err and "valid yaml" not in err and str(secret_file) not in err


def test_extends_into_git_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / ".git" / "config").write_text("[core]\n\tbare = false\nsecret-line\n")
    (root / ".platform-lint.yml").write_text("version: 1\nextends: [.git/config]\n")
    code = run(["check", str(root), "--format", "json"])
    err = capsys.readouterr().err
    assert code == 2 and ".platform-lint.yml:2" in err
    assert "secret-line" not in err and "bare" not in err


def test_explicit_policy_inside_the_repository_is_confined_too(
    tmp_path: Path, secret_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "repo"
    (root / "ci").mkdir(parents=True)
    os.symlink(secret_file, root / "ci" / "lint.yml")
    code = run(["check", str(root), "--policy", str(root / "ci" / "lint.yml")])
    err = capsys.readouterr().err
    assert code == 2 and "lint.yml" in err
    assert "hunter2" not in err and "valid yaml" not in err


def test_policy_link_inside_the_repository_still_works(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "policies").mkdir(parents=True)
    (root / "policies" / "team.yml").write_text(GOOD)
    os.symlink("policies/team.yml", root / ".platform-lint.yml")
    assert run(["rules", str(root)]) == 0

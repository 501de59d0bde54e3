"""A pull request that adds a hostile file gets a located finding on it and a failing gate.

Each case starts from a repository with a valid contract, adds one hostile file in a second
commit and runs ``check --base HEAD~1`` under the built-in policy: the only new findings are the
ones the hostile file brings, so exit 1 means the file itself failed the gate (before, each of
these ended as a rule in ``error`` or as a file silently skipped, and the gate passed).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.cli.test_check import git
from tests.hostile.e2e import remove_tree
from tests.security.guard import check_json, no_rule_in_error
from tests.security.hostile import BOMB, spec_json

SPEC = """\
openapi: 3.0.3
info: {title: T, version: 1.0.0}
paths:
  /a:
    get:
      responses: {'200': {description: ok}}
"""
DEEP = "/".join(["d"] * 1200)


@pytest.fixture(autouse=True)
def _no_deep_tree_left(tmp_path: Path) -> Iterator[None]:
    yield
    if (tmp_path / "repo").exists():
        remove_tree(tmp_path / "repo")  # pytest's own clean-up cannot remove a tree this deep


def make_deep(root: Path, rel: str) -> None:
    """mkdir -p, one level at a time (pathlib and os.makedirs recurse once per level)."""
    current = str(root)
    for part in rel.split("/"):
        current += "/" + part
        if not os.path.isdir(current):
            os.mkdir(current)


def _utf8(repo: Path) -> str:
    (repo / "api/orders.yaml").write_bytes(SPEC.replace("/a:", "/b\xff\xfe:").encode("latin-1"))
    return "api/orders.yaml"


def _too_big(repo: Path) -> str:
    (repo / "api/openapi-big.json").write_text(spec_json(', "x-pad": "' + "a" * 5000 + '"'))
    return "api/openapi-big.json"


def _bomb(repo: Path) -> str:
    (repo / "api/openapi-bomb.yaml").write_text("openapi: 3.0.3\n" + BOMB)
    return "api/openapi-bomb.yaml"


def _link_out(repo: Path) -> str:
    os.symlink("/etc/passwd", repo / "api/openapi-passwd.json")
    return "api/openapi-passwd.json"


def _link_git(repo: Path) -> str:
    os.symlink("../.git/config", repo / "api/openapi-git.yaml")
    return "api/openapi-git.yaml"


def _deep(repo: Path) -> str:
    make_deep(repo, DEEP)
    (repo / DEEP / "openapi.yaml").write_text("openapi: 3.0.3\ninfo: {title: T}\npaths: {}\n")
    return DEEP + "/openapi.yaml"


CASES: dict[str, Callable[[Path], str]] = {
    "invalid-utf8": _utf8,
    "over-max-file-size": _too_big,
    "alias-bomb": _bomb,
    "link-out-of-checkout": _link_out,
    "link-into-git": _link_git,
    "1200-deep-path": _deep,
}


def _pull_request(tmp_path: Path, add: Callable[[Path], str]) -> tuple[Path, str]:
    repo = tmp_path / "repo"
    (repo / "api").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    (repo / "README.md").write_text("# x\n")
    (repo / "api/openapi.yaml").write_text(SPEC)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    hostile = add(repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "head")
    return repo, hostile


def _new_findings(report: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (r["id"], f)
        for r in report["rules"]
        for f in r["findings"]
        if f["status"] == "open" and f["new"] is not False
    ]


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_hostile_file_is_a_located_finding_that_fails_the_gate(tmp_path: Path, case: str) -> None:
    repo, hostile = _pull_request(tmp_path, CASES[case])
    code, report, err = check_json(repo, "--base", "HEAD~1", "--max-file-size", "4096")
    assert "Traceback" not in err
    no_rule_in_error(report)
    new = _new_findings(report)
    assert new, "the hostile file brought no finding"
    assert {f["location"]["path"] for _, f in new if f["location"]} == {hostile}, new
    assert any(f["severity"] == "error" for _, f in new), new
    assert code == 1


def test_invalid_utf8_in_a_contract_is_located_at_its_line(tmp_path: Path) -> None:
    repo, hostile = _pull_request(tmp_path, _utf8)
    _, report, _ = check_json(repo, "--base", "HEAD~1")
    lines = {f["location"]["line"] for _, f in _new_findings(report) if f["location"]["path"] == hostile}
    assert lines == {4}


def test_a_json_openapi_file_with_a_huge_number_hides_no_breaking_change(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "api").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    more = "  /b:\n    get:\n      responses: {'200': {description: ok}}\n"
    (repo / "api/openapi.yaml").write_text(SPEC + more)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    (repo / "api/openapi.yaml").write_text(SPEC)  # /b removed: breaking
    (repo / "numbers.json").write_text('{"openapi": "3.0.0", "n": ' + "9" * 5000 + "}")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "head")
    code, report, _ = check_json(repo, "--base", "HEAD~1")
    no_rule_in_error(report)
    breaking = next(r for r in report["rules"] if r["id"] == "contracts.no-breaking-without-major")
    assert any("/b removed" in f["message"] for f in breaking["findings"]), breaking
    assert code == 1

"""A repository whose CODEOWNERS has a mistyped path, a shadowed rule, a duplicated pattern, an
invalid line and a catch-all placed last: `platform-lint check` reports each on its line, with
the coverage figure; `platform-lint owners` answers per file."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from platform_lint.cli import run

CODEOWNERS = """\
# Owners of the payments platform
/services/billing/ @acme/billing
/services/ledgre/ @acme/ledger
/docs/ @acme/docs
/services/billing/ @acme/payments
!/services/legacy/ @acme/legacy
/tools/generated/
* @acme/platform
"""
#  line 3: mistyped path ('ledgre' for 'ledger')          -> dead-patterns
#  line 4: shadowed by the catch-all on line 8            -> shadowed-rules
#  line 2: duplicated on line 5 (@acme/billing dropped)   -> duplicate-patterns
#  line 6: '!' negation                                   -> present-and-valid
#  line 8: catch-all placed last                          -> catch-all
#  line 7: no owners                                      -> notice

FILES = [
    "services/billing/api.py",
    "services/billing/models.py",
    "services/ledger/book.py",
    "services/legacy/old.py",
    "docs/index.md",
    "tools/generated/out.json",
    "README.md",
]

POLICY = """\
version: 1
rules:
  - {id: own.valid, title: valid, characteristic: clear-ownership, level: bronze, severity: error,
     check: {type: codeowners.present-and-valid}, remediation: fix it}
  - {id: own.coverage, title: coverage, characteristic: clear-ownership, level: silver, severity: error,
     check: {type: codeowners.coverage, params: {min_coverage: 0.9}}, remediation: own it}
  - {id: own.dead, title: dead, characteristic: clear-ownership, level: silver, severity: warning,
     check: {type: codeowners.dead-patterns}, remediation: fix it}
  - {id: own.shadowed, title: shadowed, characteristic: clear-ownership, level: silver, severity: warning,
     check: {type: codeowners.shadowed-rules}, remediation: reorder}
  - {id: own.dup, title: duplicates, characteristic: clear-ownership, level: silver, severity: warning,
     check: {type: codeowners.duplicate-patterns}, remediation: merge}
  - {id: own.catch-all, title: catch-all, characteristic: clear-ownership, level: gold, severity: warning,
     check: {type: codeowners.catch-all}, remediation: move it}
  - {id: own.github, title: github, characteristic: clear-ownership, level: gold, severity: error,
     check: {type: codeowners.owners-valid}, remediation: grant access}
"""


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    for rel in FILES:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("x\n")
    (root / ".github").mkdir()
    (root / ".github" / "CODEOWNERS").write_text(CODEOWNERS)
    (root / "policy.yml").write_text(POLICY)
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    return root


def _check(repo: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    code = run(["check", str(repo), "--format", "json", "--policy", str(repo / "policy.yml")])
    out = capsys.readouterr().out
    assert code == 1, out
    report: dict[str, Any] = json.loads(out)
    return {rule["id"]: rule for rule in report["rules"]}


def _located(rule: dict[str, Any]) -> list[tuple[str, int | None]]:
    return [(f["code"], f["location"]["line"]) for f in rule["findings"]]


def test_check_reports_each_problem_on_its_line(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = _check(repo, capsys)
    assert rules["own.valid"]["state"] == "fail"
    assert _located(rules["own.valid"]) == [("negation", 6)]
    assert ("no-owners", 7) in [(f["code"], f["location"]["line"]) for f in rules["own.valid"]["evidence"]]
    assert _located(rules["own.dead"]) == [("dead-suggest", 3)]
    assert rules["own.dead"]["findings"][0]["args"]["suggestion"] == "/services/ledger/"
    # the catch-all last shadows every rule that decided something; line 2 is left to own.dup
    assert _located(rules["own.shadowed"]) == [("shadowed", 4), ("shadowed", 5), ("shadowed", 7)]
    assert rules["own.shadowed"]["findings"][0]["args"]["later_lines"] == [8]
    assert _located(rules["own.dup"]) == [("duplicate-lost", 2)]
    assert rules["own.dup"]["findings"][0]["args"]["lost"] == ["@acme/billing"]
    assert _located(rules["own.catch-all"]) == [("not-first", 8)]
    assert rules["own.github"]["state"] == "not-applicable"
    assert "token" in rules["own.github"]["reason"]
    for rule_id in ("own.valid", "own.dead", "own.shadowed", "own.dup", "own.catch-all"):
        for finding in rules[rule_id]["findings"]:
            assert finding["location"]["path"] == ".github/CODEOWNERS"
            assert finding["location"]["column"] == 1


def test_check_reports_the_coverage_figure(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    coverage = _check(repo, capsys)["own.coverage"]
    # the catch-all is last, so it owns every tracked file (tools/generated/ included)
    assert coverage["state"] == "pass"
    figure = coverage["evidence"][0]
    assert figure["args"]["total"] == 9 and figure["args"]["owned"] == 9
    assert figure["message"].startswith("100.0% of 9 files have an owner")


def test_coverage_figure_once_the_catch_all_moves_first(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fixed = "* @acme/platform\n" + CODEOWNERS.replace("* @acme/platform\n", "")
    (repo / ".github" / "CODEOWNERS").write_text(fixed)
    rules = _check(repo, capsys)
    coverage = rules["own.coverage"]
    assert coverage["state"] == "fail"
    head = coverage["findings"][0]
    assert (head["code"], head["args"]["owned"], head["args"]["total"]) == ("below", 8, 9)
    assert head["message"] == "88.9% of 9 files have an owner (1 unowned); the policy asks for 90.0%"
    assert coverage["findings"][1]["args"]["directory"] == "tools/"  # the largest wholly unowned dir
    assert rules["own.catch-all"]["state"] == "pass"
    assert rules["own.shadowed"]["state"] == "pass"


def test_owners_command_text_and_json(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        run(
            [
                "owners",
                "--repo",
                str(repo),
                "--format",
                "json",
                "services/billing/api.py",
                "docs",
                "nowhere/new.txt",
            ]
        )
        == 0
    )
    captured = capsys.readouterr()
    rows = json.loads(captured.out)
    assert rows == [
        {"path": "services/billing/api.py", "owners": ["@acme/platform"], "line": 8},
        {"path": "docs/index.md", "owners": ["@acme/platform"], "line": 8},
        {"path": "nowhere/new.txt", "owners": ["@acme/platform"], "line": 8},
    ]
    assert "invalid lines skipped" in captured.err
    assert run(["owners", "--repo", str(repo), "--unowned"]) == 0
    assert capsys.readouterr().out == ""


def test_owners_command_after_moving_the_catch_all_first(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fixed = "* @acme/platform\n" + CODEOWNERS.replace("* @acme/platform\n", "").replace(
        "!/services/legacy/ @acme/legacy\n", ""
    )
    (repo / ".github" / "CODEOWNERS").write_text(fixed)
    assert run(["owners", "--repo", str(repo), "--format", "json"]) == 0
    by_path = {r["path"]: r for r in json.loads(capsys.readouterr().out)}
    assert by_path["services/billing/api.py"] == {
        "path": "services/billing/api.py",
        "owners": ["@acme/payments"],
        "line": 6,
    }
    assert by_path["tools/generated/out.json"]["owners"] == []
    assert by_path["tools/generated/out.json"]["line"] == 7
    assert run(["owners", "--repo", str(repo), "--unowned"]) == 0
    text = capsys.readouterr().out
    assert "tools/generated/out.json" in text and "has no owners" in text
    assert "README.md" not in text


def test_owners_command_without_codeowners(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("x")
    assert run(["owners", "--repo", str(tmp_path), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == [{"path": "a.txt", "owners": [], "line": None}]
    assert "no CODEOWNERS" in captured.err
    assert run(["owners", "--repo", str(tmp_path / "missing")]) == 2

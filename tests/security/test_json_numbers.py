"""A JSON number of thousands of digits is read, not a reason to stop checking.

Python refuses to turn more than 4,300 digits into an int. A spec holding such a
number used to put contracts.no-breaking-without-major in error, which hid a real
breaking change made in the same pull request.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_check import git
from tests.security.guard import check_json, no_rule_in_error, rule, write
from tests.security.hostile import spec_json

from platform_lint.families.contracts.loader import LoadError, load_spec
from platform_lint.families.files.collect import parse_document
from platform_lint.snapshot.base import FileContent

BIG = "9" * 5000
PETS = '"/pets": {"get": {"responses": {"200": {"description": "ok"}}}}'
CATS = '"/cats": {"get": {"responses": {"200": {"description": "ok"}}}}'


def test_breaking_change_next_to_a_huge_number_is_still_reported(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    write(repo, {"README.md": "# x\n", "api.json": spec_json(paths=PETS + ", " + CATS)})
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    # the head removes /cats (breaking) and adds a number of 5,000 digits
    write(repo, {"api.json": spec_json(', "x-big": ' + BIG + ', "x-list": [-' + BIG + "]", paths=PETS)})
    write(repo, {"package.json": '{"name": "x", "version": "1.0.0", "size": ' + BIG + "}"})
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "head")

    code, report, _ = check_json(repo, "--base", "HEAD~1")
    no_rule_in_error(report)
    breaking = rule(report, "contracts.no-breaking-without-major")
    assert breaking["state"] == "fail"
    assert any("/cats" in f["message"] for f in breaking["findings"]), breaking["findings"]
    assert rule(report, "contracts.valid")["state"] == "pass"
    assert code == 1


def test_loaders_read_huge_numbers() -> None:
    text = spec_json(', "x-big": ' + BIG + ', "x-small": 12, "x-float": 1.5')
    loaded = load_spec("api.json", text)
    assert not isinstance(loaded, LoadError)
    assert loaded.data["x-big"] == float("inf") and loaded.data["x-small"] == 12
    assert loaded.data["x-float"] == 1.5
    parsed = parse_document(FileContent("doc.json", '{"n": ' + BIG + ', "m": -' + "1" * 4300 + "}", 1))
    assert parsed.error is None
    assert parsed.data["n"] == float("inf") and parsed.data["m"] == -int("1" * 4300)


def test_huge_integer_in_yaml_is_a_located_finding() -> None:
    parsed = parse_document(FileContent("catalog-info.yaml", "a: 1\nn: " + BIG + "\n", 1))
    assert parsed.error is not None and "digits" in parsed.error
    assert parsed.error_location is not None and parsed.error_location.line == 2
    json.dumps(parsed.error)

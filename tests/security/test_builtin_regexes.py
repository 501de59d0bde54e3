"""The built-in detection patterns stay linear on hostile text.

A README, GraphQL schema, protobuf file or changelog of many blank lines (or one very
long line) used to make the recommended pack's patterns and contract discovery
backtrack for minutes. The answers must not change for ordinary files.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.security.guard import check_json, no_rule_in_error, python, rule, write

BLANK = 100_000


def test_readme_of_blank_lines_is_checked_and_has_no_quickstart(tmp_path: Path) -> None:
    write(tmp_path, {"README.md": "\n" * BLANK, "README.rst": " \n" * BLANK})
    _, report, _ = check_json(tmp_path)
    no_rule_in_error(report)
    assert rule(report, "docs.readme-quickstart")["state"] == "fail"
    assert rule(report, "docs.readme-commands")["state"] == "fail"


def test_readme_quickstart_after_many_blank_lines_is_found(tmp_path: Path) -> None:
    write(tmp_path, {"README.md": "# Tool\n" + "\n" * BLANK + "## Quick start\n\n```sh\nmake\n```\n"})
    _, report, _ = check_json(tmp_path, "--verbose")
    quickstart = rule(report, "docs.readme-quickstart")
    assert quickstart["state"] == "pass"
    assert quickstart["evidence"][0]["location"]["line"] == BLANK + 2
    assert rule(report, "docs.readme-commands")["state"] == "pass"
    assert rule(report, "docs.readme")["findings"][0]["code"] == "hollow"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("## Quick start\n", True),
        ("# Getting  started\n", True),
        ("Usage\n=====\n", True),
        ("  ## Set-up\n", True),
        ("#\n\nquickstart\n", False),  # the word in a line of prose is not a section
        ("## Getting\nstarted\n", False),  # words split over two lines are not a heading
        ("## Overview\n", False),
    ],
)
def test_readme_quickstart_answers_are_per_line(tmp_path: Path, text: str, expected: bool) -> None:
    write(tmp_path, {"README.md": "# Tool\n\n" + text})
    _, report, _ = check_json(tmp_path)
    assert (rule(report, "docs.readme-quickstart")["state"] == "pass") is expected


def test_contract_discovery_on_blank_files(tmp_path: Path) -> None:
    code = f"""
from platform_lint.families.contracts.discovery import sniff
blank = "\\n" * {BLANK}
spaced = '{{"openapi"' + " " * {BLANK}
print(sniff("schema.graphql", blank), sniff("api.proto", blank), sniff("x.json", spaced))
print(sniff("schema.graphql", blank + "type Query {{ a: Int }}\\n"))
print(sniff("api.proto", blank + 'syntax = "proto3";\\n'))
print(sniff("api.proto", blank + "  message Pet {{}}\\n"))
"""
    lines = python(code, tmp_path).splitlines()
    assert lines == ["None None None", "('graphql', None)", "('protobuf', None)", "('protobuf', None)"]


def test_changelog_heading_of_hashes_is_read(tmp_path: Path) -> None:
    code = """
from platform_lint.families.shared.changelog import parse_changelog
text = "# Changelog\\n\\n## [1.0.0] - 2026-01-01" + " #" * 50_000 + "x\\n\\n- a change\\n"
print(len(parse_changelog("CHANGELOG.md", text).headings))
"""
    assert python(code, tmp_path).strip() == "2"

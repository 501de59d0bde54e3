"""Patterns from a policy run on a linear-time engine (RE2).

A policy comes with the pull request, so its regular expressions are hostile too: a
nested quantifier such as ``(a+)+$`` used to backtrack for ever on a line of a's.
Patterns RE2 cannot run (backreferences, lookaround) are refused when the policy is
loaded, with the file, line and column of the pattern and the reason.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.security.guard import check_json, cli, no_rule_in_error, rule, write

RULE = """\
version: 1
rules:
  - id: team.words
    title: words
    characteristic: developer-first-design
    level: bronze
    severity: error
    check:
      type: {type}
      params:
        paths: [NOTES.md]
        pattern: '{pattern}'
{extra}    remediation: fix it
"""


def policy(pattern: str, check_type: str = "file-contains", flags: str = "") -> str:
    extra = f"        flags: [{flags}]\n" if flags else ""
    return RULE.format(type=check_type, pattern=pattern, extra=extra)


def test_nested_quantifier_runs_in_linear_time(tmp_path: Path) -> None:
    write(tmp_path, {"NOTES.md": "a" * 50_000 + "b\n", ".platform-lint.yml": policy("(a+)+$")})
    code, report, _ = check_json(tmp_path)
    assert rule(report, "team.words")["state"] == "fail"
    assert code == 1

    write(tmp_path, {"NOTES.md": "b\n" + "a" * 50_000 + "\n"})
    _, report, _ = check_json(tmp_path, "--verbose")
    words = rule(report, "team.words")
    assert words["state"] == "pass"
    assert words["evidence"][0]["location"]["line"] == 2


def test_forbidden_nested_quantifier_in_many_lines(tmp_path: Path) -> None:
    text = ("a" * 40 + "!\n") * 2_000 + "aaaa\n"
    write(tmp_path, {"NOTES.md": text, ".platform-lint.yml": policy("^(a|aa)+$", "file-not-contains")})
    _, report, _ = check_json(tmp_path)
    findings = rule(report, "team.words")["findings"]
    assert [f["location"]["line"] for f in findings] == [2_001]


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        ("(a)\\1", "backreference"),
        ("(?P<x>a)(?P=x)", "backreference"),
        ("foo(?=bar)", "lookahead"),
        ("foo(?!bar)", "lookahead"),
        ("(?<=foo)bar", "lookbehind"),
        ("(?<!foo)bar", "lookbehind"),
        ("(unclosed", "missing )"),
    ],
)
def test_patterns_re2_cannot_run_are_refused_with_a_location(
    tmp_path: Path, pattern: str, words: str
) -> None:
    for check_type in ("file-contains", "file-not-contains"):
        write(tmp_path, {"NOTES.md": "x\n", ".platform-lint.yml": policy(pattern, check_type)})
        proc = cli(tmp_path, "check", str(tmp_path), "--offline")
        assert proc.returncode == 2, proc.stderr
        assert "Traceback" not in proc.stderr
        assert re.search(r"\.platform-lint\.yml:12:\d+: ", proc.stderr), proc.stderr
        assert "not a valid regular expression" in proc.stderr
        assert words in proc.stderr, proc.stderr


@pytest.mark.parametrize(
    ("pattern", "flags", "text", "line"),
    [
        ("^quick", "", "intro\nquick start\n", 2),  # searched line by line
        ("start$", "", "quick start\nmore\n", 1),
        ("^QUICK", "ignorecase", "intro\nquick\n", 2),
        ("a.b", "dotall", "x\na\nb\n", 2),
        ("^b\\Z", "", "a\nb", 2),  # Python's end-of-text escape keeps its meaning
        ("\\d+\\.\\d+", "", "v\nversion 1.25\n", 2),
        ("(?i)TODO", "", "x\ntodo: y\n", 2),
    ],
)
def test_flags_and_syntax_keep_their_meaning(
    tmp_path: Path, pattern: str, flags: str, text: str, line: int
) -> None:
    write(tmp_path, {"NOTES.md": text, ".platform-lint.yml": policy(pattern, flags=flags)})
    _, report, _ = check_json(tmp_path, "--verbose")
    words = rule(report, "team.words")
    assert words["state"] == "pass", words
    assert words["evidence"][0]["location"]["line"] == line


@pytest.mark.parametrize(("pattern", "text"), [("a.b", "a\nb\n"), ("^b\\Z", "a\nb\nc")])
def test_patterns_that_do_not_match(tmp_path: Path, pattern: str, text: str) -> None:
    write(tmp_path, {"NOTES.md": text, ".platform-lint.yml": policy(pattern)})
    _, report, _ = check_json(tmp_path)
    assert rule(report, "team.words")["state"] == "fail"


SCHEMA_POLICY = """\
version: 1
rules:
  - id: team.catalog
    title: catalog
    characteristic: clear-ownership
    level: bronze
    severity: error
    check:
      type: document-matches
      params:
        paths: [catalog-info.yaml]
        schema:
          type: object
          properties:
            name: {{type: string, pattern: '{pattern}'}}
          patternProperties:
            '{pattern}': {{type: string}}
          additionalProperties: {{type: integer}}
    remediation: fix it
"""


def test_document_schema_patterns_run_in_linear_time(tmp_path: Path) -> None:
    key = "a" * 30_000 + "b"
    write(
        tmp_path,
        {
            "catalog-info.yaml": f"name: {key}\n? {key}\n: 3\n",  # an explicit key may be long
            ".platform-lint.yml": SCHEMA_POLICY.format(pattern="^(a+)+$"),
        },
    )
    _, report, _ = check_json(tmp_path)
    no_rule_in_error(report)
    findings = rule(report, "team.catalog")["findings"]
    assert [f["args"].get("pointer") for f in findings] == ["/name"], findings


def test_document_schema_pattern_re2_cannot_run_is_refused(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"catalog-info.yaml": "name: x\n", ".platform-lint.yml": SCHEMA_POLICY.format(pattern="(a)\\1")},
    )
    proc = cli(tmp_path, "check", str(tmp_path), "--offline")
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "backreference" in proc.stderr and ".platform-lint.yml:" in proc.stderr

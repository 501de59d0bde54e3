"""Bad policies: every one gives exit 2 and a message naming file:line, never a traceback."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from platform_lint.cli import run

RULE = """\
  - id: team.readme
    title: README
    characteristic: developer-first-design
    level: bronze
    severity: error
    check:
      type: file-exists
      params: {paths: [README.md]}
    remediation: add one
"""

# (name, policy text, expected line, words the message must contain)
CASES: list[tuple[str, str, int, str]] = [
    ("tab indentation", "version: 1\nrules:\n\t- id: x\n", 3, "malformed YAML"),
    ("unclosed flow", "version: 1\nrules: [\n", 3, "malformed YAML"),
    ("unclosed quote", 'version: 1\nname: "abc\n', 3, "malformed YAML"),
    ("duplicate key", "version: 1\nname: a\nname: b\n", 3, "duplicate key"),
    (
        "duplicate key in rule",
        "version: 1\nrules:\n" + RULE.replace("    level: bronze\n", "    level: bronze\n    level: gold\n"),
        7,
        "duplicate key",
    ),
    ("not a mapping", "- a\n- b\n", 1, "must be a mapping"),
    ("empty file", "", 1, "empty"),
    ("missing version", "rules: []\n", 1, "version"),
    ("wrong version", "version: 2\n", 1, "must be 1"),
    ("unknown top-level key", "version: 1\nrulez: []\n", 2, "unknown key 'rulez'"),
    ("unknown rule key", "version: 1\nrules:\n" + RULE + "    colour: red\n", 12, "unknown key 'colour'"),
    (
        "bad characteristic",
        "version: 1\nrules:\n" + RULE.replace("developer-first-design", "speed"),
        5,
        "expected one of",
    ),
    (
        "bad level",
        "version: 1\nrules:\n" + RULE.replace("level: bronze", "level: platinum"),
        6,
        "expected one of",
    ),
    (
        "bad severity",
        "version: 1\nrules:\n" + RULE.replace("severity: error", "severity: fatal"),
        7,
        "expected one of",
    ),
    (
        "unnamespaced id",
        "version: 1\nrules:\n" + RULE.replace("team.readme", "readme"),
        3,
        "namespaced rule id",
    ),
    (
        "missing remediation",
        "version: 1\nrules:\n" + RULE.replace("    remediation: add one\n", ""),
        3,
        "remediation",
    ),
    (
        "unknown check type",
        "version: 1\nrules:\n" + RULE.replace("type: file-exists", "type: file-exist"),
        9,
        "unknown check type",
    ),
    (
        "param of wrong type",
        "version: 1\nrules:\n" + RULE.replace("{paths: [README.md]}", "{paths: README.md}"),
        10,
        "must be a list",
    ),
    (
        "unknown param",
        "version: 1\nrules:\n" + RULE.replace("{paths: [README.md]}", "{paths: [README.md], depth: 3}"),
        10,
        "unknown key 'depth'",
    ),
    (
        "missing required params",
        "version: 1\nrules:\n" + RULE.replace("      params: {paths: [README.md]}\n", ""),
        8,
        "params",
    ),
    (
        "bad regex",
        "version: 1\nrules:\n"
        + RULE.replace(
            "type: file-exists\n      params: {paths: [README.md]}",
            "type: file-contains\n      params: {paths: [README.md], pattern: '(unclosed'}",
        ),
        10,
        "not a valid regular expression",
    ),
    (
        "bad glob",
        "version: 1\nrules:\n" + RULE.replace("[README.md]", "['docs/[abc']"),
        10,
        "not a valid glob",
    ),
    (
        "bad glob double star",
        "version: 1\nrules:\n" + RULE.replace("[README.md]", "['docs/a**b']"),
        10,
        "not a valid glob",
    ),
    ("duplicate rule id", "version: 1\nrules:\n" + RULE + RULE, 12, "already defined"),
    (
        "override of unknown rule",
        "version: 1\nrules:\n" + RULE + "overrides:\n  team.readm:\n    enabled: false\n",
        13,
        "unknown rule 'team.readm'",
    ),
    (
        "override with bad severity",
        "version: 1\nrules:\n" + RULE + "overrides:\n  team.readme:\n    severity: loud\n",
        14,
        "expected one of",
    ),
    (
        "override with bad params",
        "version: 1\nrules:\n" + RULE + "overrides:\n  team.readme:\n    params: {paths: 7}\n",
        14,
        "must be a list",
    ),
    (
        "waiver for unknown rule",
        "version: 1\nrules:\n"
        + RULE
        + "waivers:\n  - rule: team.nope\n    reason: because\n    expires: 2026-12-31\n",
        13,
        "unknown rule",
    ),
    (
        "waiver without expiry",
        "version: 1\nrules:\n" + RULE + "waivers:\n  - rule: team.readme\n    reason: because\n",
        13,
        "expires",
    ),
    (
        "waiver too far ahead",
        "version: 1\nrules:\n"
        + RULE
        + "waivers:\n  - rule: team.readme\n    reason: because\n    expires: 2030-01-01\n",
        15,
        "180 days",
    ),
    (
        "waiver with bad date",
        "version: 1\nrules:\n"
        + RULE
        + "waivers:\n  - rule: team.readme\n    reason: because\n    expires: next week\n",
        15,
        "YYYY-MM-DD",
    ),
    ("no rules enabled", "version: 1\nrules:\n" + RULE + "    enabled: false\n", 1, "enables no rules"),
    ("unknown builtin", "version: 1\nextends: [builtin:strict]\n", 2, "unknown built-in policy"),
    ("extends missing file", "version: 1\nextends: [./nope.yml]\n", 2, "no such file"),
    (
        "extends outside the repository",
        "version: 1\nextends: [../../../etc/passwd]\n",
        2,
        "outside the repository",
    ),
    ("extends a URL", "version: 1\nextends: ['https://example.com/p.yml']\n", 2, "never fetched"),
    (
        "condition with unknown clause",
        "version: 1\nrules:\n" + RULE + "    when: {any_files: [x]}\n",
        12,
        "unknown key 'any_files'",
    ),
    ("unknown repository kind", "version: 1\nkind: website\n", 2, "website"),
    ("unknown applies_to kind", "version: 1\nrules:\n" + RULE + "    applies_to: [webapp]\n", 12, "webapp"),
    ("unknown journey stage", "version: 1\nrules:\n" + RULE + "    journey: explore\n", 12, "explore"),
    (
        "scope exclude without a kind",
        "version: 1\nscope:\n  exclude:\n    - {glob: 'legacy/**'}\n",
        4,
        "kind",
    ),
    (
        "scope exclude of an unknown kind",
        "version: 1\nscope:\n  exclude:\n    - {glob: 'legacy/**', kind: old}\n",
        4,
        "old",
    ),
    ("scope unknown key", "version: 1\nscope:\n  products: [a]\n", 3, "products"),
]


@pytest.mark.parametrize(("name", "text", "line", "words"), CASES, ids=[c[0] for c in CASES])
def test_bad_policy_exits_2_with_location(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str, line: int, words: str
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "README.md").write_text("# hi\n")
    policy = repo / ".platform-lint.yml"
    policy.write_text(text)
    code = run(["check", str(repo), "--now", "2026-12-02"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err
    assert words in err, err
    assert re.search(rf"\.platform-lint\.yml:{line}(:\d+)?: ", err), err


def test_the_table_is_big_enough() -> None:
    assert len(CASES) >= 20


def test_extends_cycle_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.yml").write_text("version: 1\nextends: [./b.yml]\n")
    (tmp_path / "b.yml").write_text("version: 1\nextends: [./a.yml]\n")
    code = run(["policy", "validate", str(tmp_path / "a.yml")])
    err = capsys.readouterr().err
    assert code == 2
    assert "cycle" in err and "a.yml -> b.yml -> a.yml" in err


def test_error_in_an_extended_file_names_that_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "base.yml").write_text("version: 1\nrules:\n  - id: x\n")
    (tmp_path / "top.yml").write_text("version: 1\nextends: [./base.yml]\n")
    code = run(["policy", "validate", str(tmp_path / "top.yml")])
    err = capsys.readouterr().err
    assert code == 2
    assert "base.yml:3:" in err


def test_all_errors_of_a_file_are_reported_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "version: 1\nrules:\n" + RULE.replace("level: bronze", "level: top").replace(
        "severity: error", "severity: loud"
    )
    (tmp_path / "p.yml").write_text(text)
    assert run(["policy", "validate", str(tmp_path / "p.yml")]) == 2
    err = capsys.readouterr().err
    assert "p.yml:6:" in err and "p.yml:7:" in err


def test_policy_that_is_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "p.yml").write_bytes(b"version: 1\nname: \xff\xfe\n")
    assert run(["policy", "validate", str(tmp_path / "p.yml")]) == 2
    err = capsys.readouterr().err
    assert "p.yml:2" in err and "UTF-8" in err


def test_valid_policy_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "p.yml").write_text(
        textwrap.dedent("""\
        version: 1
        extends: [builtin:recommended]
        overrides:
          docs.license: {severity: error}
        """)
    )
    assert run(["policy", "validate", str(tmp_path / "p.yml")]) == 0
    assert "valid" in capsys.readouterr().out

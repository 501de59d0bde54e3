"""Hostile policies: each is a located configuration error (exit 2), never a traceback or a hang."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.security.guard import cli, write
from tests.security.hostile import BOMB, BOMB_LINE, deep_block, deep_flow

RULE = """\
rules:
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

WAIVER = "waivers:\n  - rule: team.readme\n    reason: because\n    expires: {date}\n"

# (name, policy text, expected line or None for "any", words the message must contain)
CASES: list[tuple[str, str, int | None, str]] = [
    ("nested 300 levels in flow style", "version: 1\nx: " + deep_flow(300) + "\n", 2, "nested more than 128"),
    ("nested 260 levels in block style", "version: 1\n" + deep_block(260, "x"), 130, "nested more than 128"),
    (
        "nested 250 levels in a rule's params",
        "version: 1\n"
        + RULE.replace("{paths: [README.md]}", "{paths: [README.md], x: " + deep_flow(250) + "}"),
        10,
        "nested more than 128",
    ),
    ("alias bomb", "version: 1\n" + BOMB.replace("\na", "\nx-a").replace("a0:", "x-a0:", 1), None, "aliases"),
    ("recursive alias", "version: 1\nname: &a [*a]\n", 2, "itself"),
    ("impossible date", "version: 1\n" + RULE + WAIVER.format(date="2026-13-45"), 15, "2026-13-45"),
    ("impossible day", "version: 1\n" + RULE + WAIVER.format(date="2026-02-30"), 15, "2026-02-30"),
    ("quoted impossible date", "version: 1\n" + RULE + WAIVER.format(date="'2026-13-45'"), 15, "YYYY-MM-DD"),
    ("5,000-digit weight", "version: 1\n" + RULE + "    weight: " + "9" * 5000 + "\n", 12, "digits"),
    ("5,000-character extends", "version: 1\nextends: ['" + "a" * 5000 + "']\n", 2, "extends"),
    ("extends a very deep path", "version: 1\nextends: ['" + "a/" * 3000 + "p.yml']\n", 2, "extends"),
    (
        "{ 200 times in a glob",
        "version: 1\n" + RULE.replace("[README.md]", "['" + "{" * 200 + "']"),
        10,
        "nested more than 10 deep",
    ),
    (
        "{ 3,000 times in a glob",
        "version: 1\n" + RULE.replace("[README.md]", "['" + "{" * 3000 + "']"),
        10,
        "longer than 1,000 characters",
    ),
]


@pytest.mark.parametrize(("name", "text", "line", "words"), CASES, ids=[c[0] for c in CASES])
def test_hostile_policy_is_a_located_config_error(
    tmp_path: Path, name: str, text: str, line: int | None, words: str
) -> None:
    write(tmp_path, {"README.md": "# hi\n", ".platform-lint.yml": text})
    proc = cli(tmp_path, "check", str(tmp_path), "--offline", "--now", "2026-06-01")
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    number = str(line) if line is not None else r"\d+"
    where = r"\.platform-lint\.yml:" + number + r":\d+: "
    assert re.search(where, proc.stderr), proc.stderr[:2000]
    assert words in proc.stderr, proc.stderr[:2000]
    assert len(proc.stderr) < 4000  # the message quotes hostile text briefly, if at all


def test_alias_bomb_in_policy_points_at_the_alias(tmp_path: Path) -> None:
    text = "version: 1\n" + "".join("x-" + line + "\n" for line in BOMB.splitlines())
    write(tmp_path, {"README.md": "# hi\n", ".platform-lint.yml": text})
    proc = cli(tmp_path, "check", str(tmp_path), "--offline")
    assert proc.returncode == 2
    assert f".platform-lint.yml:{BOMB_LINE + 1}:" in proc.stderr, proc.stderr


def test_extends_file_with_a_hostile_policy_is_located_in_that_file(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "README.md": "# hi\n",
            ".platform-lint.yml": "version: 1\nextends: [base/policy.yml]\n",
            "base/policy.yml": "version: 1\nx: " + deep_flow(500) + "\n",
        },
    )
    proc = cli(tmp_path, "check", str(tmp_path), "--offline")
    assert proc.returncode == 2
    assert "base/policy.yml:2:" in proc.stderr and "nested more than 128" in proc.stderr, proc.stderr


def test_extending_the_same_file_thousands_of_times_is_refused(tmp_path: Path) -> None:
    text = "version: 1\nextends:\n" + "  - builtin:recommended\n" + "  - p.yml\n" * 5000
    write(tmp_path, {"README.md": "# hi\n", "p.yml": "version: 1\n", ".platform-lint.yml": text})
    proc = cli(tmp_path, "check", str(tmp_path), "--offline")
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert ".platform-lint.yml:34:5: the policy extends more than 32 files" in proc.stderr, proc.stderr


def test_policy_text_is_read_up_to_a_total(tmp_path: Path) -> None:
    filler = "# " + "x" * 100 + "\n"
    part = "version: 1\n" + filler * 1500  # about 150 KiB each: one is fine, two are too much
    write(
        tmp_path,
        {
            "README.md": "# hi\n",
            "a.yml": part,
            "b.yml": part,
            ".platform-lint.yml": "version: 1\nextends: [builtin:recommended, a.yml, b.yml]\n",
        },
    )
    proc = cli(tmp_path, "check", str(tmp_path), "--offline")
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert ".platform-lint.yml:2:" in proc.stderr and "bytes in all" in proc.stderr, proc.stderr
    write(tmp_path, {".platform-lint.yml": "version: 1\nextends: [builtin:recommended, a.yml]\n"})
    assert cli(tmp_path, "check", str(tmp_path), "--offline").returncode in (0, 1)

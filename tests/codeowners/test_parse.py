"""The CODEOWNERS parser: owners, comments, escapes, invalid lines with line and column."""

from __future__ import annotations

import random
import re

import pytest

from platform_lint.families.codeowners.parse import classify_owner, parse


def test_rules_owners_and_columns() -> None:
    parsed = parse("# header\n\n/docs/   @octo  @acme/docs-team docs@acme.dev\n  *.py @py\n")
    assert [r.pattern for r in parsed.rules] == ["/docs/", "*.py"]
    docs = parsed.rules[0]
    assert docs.line == 3 and docs.column == 1
    assert [(o.text, o.kind, o.column) for o in docs.owners] == [
        ("@octo", "user", 10),
        ("@acme/docs-team", "team", 17),
        ("docs@acme.dev", "email", 33),
    ]
    assert parsed.rules[1].line == 4 and parsed.rules[1].column == 3
    assert parsed.problems == ()


def test_inline_comment_ends_the_owners() -> None:
    parsed = parse("src/ @a @b # reviewed by the core team @c\n")
    assert [o.text for o in parsed.rules[0].owners] == ["@a", "@b"]


def test_hash_inside_a_pattern_is_literal_and_crlf_is_fine() -> None:
    parsed = parse("notes#1.txt @a\r\nother @b\r\n")
    assert [r.pattern for r in parsed.rules] == ["notes#1.txt", "other"]
    assert parsed.rules[1].owners[0].text == "@b"


def test_escaped_space_keeps_the_pattern_whole() -> None:
    parsed = parse("docs/my\\ file.md @a\n")
    assert parsed.rules[0].pattern == "docs/my\\ file.md"
    assert [o.text for o in parsed.rules[0].owners] == ["@a"]


def test_pattern_without_owners_is_a_valid_rule() -> None:
    parsed = parse("/apps/ @octocat\n/apps/github\n")
    assert parsed.problems == ()
    assert parsed.rules[1].owners == ()


@pytest.mark.parametrize(
    ("line", "code", "column"),
    [
        ("!docs/ @a", "negation", 1),
        ("*.[ch] @a", "char-range", 3),
        ("/apps/[param]/file.ts @a", "char-range", 7),
        ("\\#notes @a", "escaped-hash", 1),
        ("docs/ @a,@b", "comma-separated", 9),
        ("docs/ @a, @b", "comma-separated", 9),
        ("docs/ alice", "malformed-owner", 7),
        ("docs/ @acme/team/extra", "malformed-owner", 7),
        ("docs\\", "dangling-escape", 5),
    ],
)
def test_invalid_lines_are_located_and_skipped(line: str, code: str, column: int) -> None:
    parsed = parse(f"* @root\n  {line}\nlast/ @z\n")
    assert [r.pattern for r in parsed.rules] == ["*", "last/"]
    assert [(p.line, p.code) for p in parsed.problems][:1] == [(2, code)]
    assert parsed.problems[0].column == column + 2
    assert parsed.skipped_lines == (2,)


def test_escaped_brackets_are_allowed() -> None:
    parsed = parse("/apps/\\[param\\]/file.ts @a\n")
    assert parsed.problems == ()


@pytest.mark.parametrize(
    ("token", "kind"),
    [
        ("@octocat", "user"),
        ("@a-b_c", "user"),
        ("@org/team-name", "team"),
        ("@org/team.name", "team"),
        ("dev@example.com", "email"),
        ("@", None),
        ("@-bad", None),
        ("octocat", None),
        ("a@b", None),
    ],
)
def test_owner_forms(token: str, kind: str | None) -> None:
    assert classify_owner(token) == kind


REFERENCE_EMAIL = re.compile(r"[^@\s,]+@[^@\s,/]+\.[^@\s,/]+\Z")
"""The obvious expression for an e-mail owner (it backtracks on long tokens; fine on short ones)."""


@pytest.mark.parametrize("seed", range(5))
def test_email_owners_agree_with_the_obvious_expression(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(2000):
        token = "".join(rng.choice("ab@.,/-_\u00a0x") for _ in range(rng.randint(1, 9)))
        expected = REFERENCE_EMAIL.match(token) is not None
        assert (classify_owner(token) == "email") is expected, token

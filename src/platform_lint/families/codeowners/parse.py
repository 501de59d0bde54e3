"""Parse a CODEOWNERS file into rules and located problems.

Each non-blank, non-comment line is ``PATTERN [OWNER ...]``. Tokens are separated
by unescaped whitespace; a backslash escapes the next character of a pattern
(``foo\\ bar``, ``f\\*o``). A ``#`` that starts a token begins a comment, at the
start of a line or after the owners. Owners are ``@user``, ``@org/team`` or an
e-mail address.

As on GitHub, a line with an error is skipped and every other line still counts.
Errors: ``!`` negation, ``[ ]`` character ranges, a leading ``\\#``, a dangling
backslash, owners joined by commas and anything else that is not an owner.
A pattern without owners is valid: it takes ownership away from the files it
matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Each expression has one unbounded repetition per stretch between fixed characters, so it
# cannot backtrack more than once over a token (owner tokens are hostile input too).
USER_RE = re.compile(r"@[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?\Z")
TEAM_RE = re.compile(r"@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)/([A-Za-z0-9_][A-Za-z0-9_.-]*)\Z")
EMAIL_LOCAL_RE = re.compile(r"[^@\s,]+\Z")
EMAIL_DOMAIN_RE = re.compile(r"[^@\s,/]+\Z")


def _is_email(token: str) -> bool:
    """``local@domain``, with a dot inside the domain (neither its first nor its last character).

    Checked in parts: one expression for the whole address would try every dot of the domain
    against every split of it, which takes minutes on a long run of dots.
    """
    local, at, domain = token.partition("@")
    return bool(at and EMAIL_LOCAL_RE.match(local) and EMAIL_DOMAIN_RE.match(domain) and "." in domain[1:-1])


PROBLEM_TEXTS = {
    "negation": "'!' negation is not supported in CODEOWNERS; GitHub skips this line",
    "char-range": "'[ ]' character ranges are not supported in CODEOWNERS; GitHub skips this line",
    "escaped-hash": "a pattern cannot start with '\\#' in CODEOWNERS; GitHub skips this line",
    "dangling-escape": "the pattern ends with a lone backslash",
    "comma-separated": "owners are separated by spaces, not commas",
    "malformed-owner": "not an owner: expected @user, @org/team or an e-mail address",
}
"""What each problem code means (the check types carry their own message catalogue)."""


@dataclass(frozen=True)
class Owner:
    """One owner token: ``kind`` is ``user``, ``team`` or ``email``; ``column`` is 1-based."""

    text: str
    kind: str
    column: int

    @property
    def org(self) -> str | None:
        return self.text[1:].split("/", 1)[0] if self.kind == "team" else None

    @property
    def slug(self) -> str | None:
        return self.text.split("/", 1)[1] if self.kind == "team" else None

    @property
    def login(self) -> str | None:
        return self.text[1:] if self.kind == "user" else None


@dataclass(frozen=True)
class Rule:
    """A valid line. ``index`` is its place among valid rules (later wins)."""

    index: int
    line: int
    column: int
    pattern: str
    owners: tuple[Owner, ...]
    source: str

    @property
    def end_column(self) -> int:
        return self.column + len(self.pattern)


@dataclass(frozen=True)
class Problem:
    """An invalid line (skipped) or part of one: ``code`` names the problem, ``token`` the culprit."""

    line: int
    column: int
    code: str
    token: str
    source: str


@dataclass(frozen=True)
class ParsedCodeowners:
    rules: tuple[Rule, ...]
    problems: tuple[Problem, ...]
    line_count: int

    @property
    def skipped_lines(self) -> tuple[int, ...]:
        return tuple(sorted({p.line for p in self.problems}))


def _tokens(line: str) -> list[tuple[int, str]]:
    """Split a line into (0-based column, token) pairs, stopping at a comment."""
    out: list[tuple[int, str]] = []
    i, n = 0, len(line)
    while i < n:
        if line[i] in " \t":
            i += 1
            continue
        if line[i] == "#":
            break
        start = i
        while i < n and line[i] not in " \t":
            i += 2 if line[i] == "\\" else 1
        out.append((start, line[start : min(i, n)]))
    return out


def _pattern_problems(pattern: str) -> list[tuple[int, str]]:
    """(offset in pattern, code) for each problem of a pattern token."""
    if pattern.startswith("!"):
        return [(0, "negation")]
    if pattern.startswith("\\#"):
        return [(0, "escaped-hash")]
    found: list[tuple[int, str]] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            if i + 1 >= len(pattern):
                found.append((i, "dangling-escape"))
            i += 2
            continue
        if c in "[]":
            found.append((i, "char-range"))
            break
        i += 1
    return found


def classify_owner(token: str) -> str | None:
    """``user``, ``team`` or ``email``; None when the token is not an owner."""
    if TEAM_RE.match(token):
        return "team"
    if USER_RE.match(token):
        return "user"
    if _is_email(token):
        return "email"
    return None


def parse(text: str) -> ParsedCodeowners:
    rules: list[Rule] = []
    problems: list[Problem] = []
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for number, raw in enumerate(lines, start=1):
        line = raw[:-1] if raw.endswith("\r") else raw
        tokens = _tokens(line)
        if not tokens:
            continue
        (pcol, pattern), owner_tokens = tokens[0], tokens[1:]
        line_problems = [
            Problem(number, pcol + off + 1, code, pattern, line) for off, code in _pattern_problems(pattern)
        ]
        owners: list[Owner] = []
        for col, token in owner_tokens:
            comma = token.find(",")
            if comma >= 0:
                line_problems.append(Problem(number, col + comma + 1, "comma-separated", token, line))
                continue
            kind = classify_owner(token)
            if kind is None:
                line_problems.append(Problem(number, col + 1, "malformed-owner", token, line))
                continue
            owners.append(Owner(token, kind, col + 1))
        if line_problems:
            problems.extend(line_problems)
            continue
        rules.append(Rule(len(rules), number, pcol + 1, pattern, tuple(owners), line))
    return ParsedCodeowners(tuple(rules), tuple(problems), len(lines))

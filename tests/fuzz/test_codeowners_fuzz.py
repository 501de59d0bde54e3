"""CODEOWNERS parsing and matching on hostile lines and paths.

The file and the tree are the repository's: whatever their content, parsing gives rules and
located problems, matching gives each path its deciding rule (the last one that matches,
as the one-regex reference in tests/codeowners/reference.py says), and every check type of
the family turns the facts into an outcome. Nothing raises.
"""

from __future__ import annotations

import datetime as dt
import string

from codeowners.reference import matches_path
from hypothesis import given
from hypothesis import strategies as st

from fuzz.profile import FUZZ
from platform_lint.families.check_type import CheckInput, RunContext
from platform_lint.families.codeowners.collect import collect_codeowners
from platform_lint.families.codeowners.facts import CODEOWNERS
from platform_lint.families.codeowners.matcher import OwnershipIndex
from platform_lint.families.codeowners.parse import parse
from platform_lint.families.codeowners.pattern import compile_pattern
from platform_lint.families.collector import CollectEnv, Facts
from platform_lint.families.registry import CHECK_TYPES
from platform_lint.model import Outcome
from platform_lint.snapshot.memory import MemorySnapshot

NOW = dt.datetime(2026, 1, 15, tzinfo=dt.timezone.utc)
NAME_PIECES = ["a", "b", "ab", "a.py", ".git", "x y", "é", "[x]", "*", "\\", "#", "!", "?", "{a,b}", "-", "_"]
PATTERN_PIECES = [*NAME_PIECES, "**", "*.py", "a*", "?b", "[a-z]", "[!a]", "\\*", "\\ ", "\\#", "/", ""]
OWNER_PIECES = [
    "@alice",
    "@acme/team",
    "@a,@b",
    "dev@acme.dev",
    "@",
    "@-x",
    "@acme/",
    "x",
    "@acme/t.e_am",
    "#c",
]

names = st.lists(st.sampled_from(NAME_PIECES), min_size=1, max_size=2).map("".join)
paths = st.lists(names, min_size=1, max_size=4).map("/".join)
patterns = st.one_of(
    st.lists(st.sampled_from(PATTERN_PIECES), min_size=1, max_size=4).map("/".join),
    st.text(alphabet=string.printable, min_size=1, max_size=12),
)
lines = st.one_of(
    st.tuples(patterns, st.lists(st.sampled_from(OWNER_PIECES), max_size=3)).map(
        lambda t: " ".join([t[0], *t[1]])
    ),
    st.text(max_size=20),
    st.sampled_from(["", "# comment", "   ", "\t*\t@alice", "* @alice\r", "\x00", "\ufeff* @a"]),
)
codeowners_text = st.lists(lines, max_size=8).map("\n".join)


@FUZZ
@given(text=codeowners_text)
def test_any_text_parses_to_rules_and_located_problems(text: str) -> None:
    parsed = parse(text)
    for rule in parsed.rules:
        assert rule.line >= 1 and rule.column >= 1
        compile_pattern(rule.pattern)
    for problem in parsed.problems:
        assert problem.line >= 1 and problem.column >= 1


@FUZZ
@given(pattern_texts=st.lists(patterns, min_size=1, max_size=5), tree=st.lists(paths, max_size=8))
def test_the_deciding_rule_is_the_last_that_matches(pattern_texts: list[str], tree: list[str]) -> None:
    files = sorted({p for p in tree if not any(q.startswith(p + "/") for q in tree)})
    compiled = [compile_pattern(t) for t in pattern_texts]
    resolution = OwnershipIndex(compiled).resolve(files)
    for path, winner in zip(files, resolution.winners, strict=True):
        expected = max((i for i, p in enumerate(compiled) if matches_path(p, path)), default=-1)
        assert winner == expected, (pattern_texts, path)


@FUZZ
@given(text=codeowners_text, tree=st.lists(paths, max_size=8))
def test_every_check_type_of_the_family_gives_an_outcome(text: str, tree: list[str]) -> None:
    files = {p: "x\n" for p in tree if not any(q.startswith(p + "/") for q in tree)}
    files.pop(".github/CODEOWNERS", None)
    snapshot = MemorySnapshot({**files, ".github/CODEOWNERS": text})
    facts = collect_codeowners(snapshot, CollectEnv(), ())
    for check_id, check in CHECK_TYPES.items():
        if not check_id.startswith("codeowners.") or check_id == "codeowners.owners-valid":
            continue  # owners-valid needs GitHub's answers: tests/codeowners/test_github_owners.py
        outcome = check.run(
            CheckInput(facts=Facts({CODEOWNERS: facts}), params={}, context=RunContext(now=NOW))
        )
        assert isinstance(outcome, Outcome)
        for finding in outcome.findings:
            assert finding.location is not None

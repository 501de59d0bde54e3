"""The glob compiler on hostile patterns: a matcher or a GlobError, and the index agrees with it.

Globs come from the policy (``paths``, ``when``), so any text may arrive: it compiles, or
``GlobError`` (a ``ValueError`` the policy validator reports at its line) says why.
:class:`PathIndex` narrows candidates before matching; it must find exactly the paths the
compiled glob matches.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fuzz.profile import FUZZ
from platform_lint.pathglob import MAX_EXPANSIONS, GlobError, PathIndex, compile_glob, expand_braces

GLOB_PIECES = [
    "a", "b", "ab", ".", ".md", "*", "**", "?", "/", "[", "]", "[a-c]", "[!a]", "[^b]", "[]a]", "[z-a]",
    "{", "}", ",", "{a,b}", "{,x}", "{a,{b,c}}", "\\", "\\*", "\\{", "é", " ", "-", "!",
]  # fmt: skip
NAME_PIECES = ["a", "b", "ab", "a.md", ".md", "c.py", "é", " ", "[a]", "{a,b}", "*", "-"]

globs = st.one_of(
    st.lists(st.sampled_from(GLOB_PIECES), min_size=1, max_size=10).map("".join),
    st.text(max_size=16),
)
paths = st.lists(st.sampled_from(NAME_PIECES), min_size=1, max_size=4).map("/".join)


@FUZZ
@given(pattern=globs, path=paths)
def test_any_glob_compiles_or_says_why(pattern: str, path: str) -> None:
    try:
        glob = compile_glob(pattern)
    except GlobError as exc:
        assert str(exc)
        return
    glob.match(path)
    assert len(expand_braces(pattern)) <= MAX_EXPANSIONS


@FUZZ
@given(patterns=st.lists(globs, min_size=1, max_size=3), files=st.lists(paths, max_size=12))
def test_the_index_finds_what_the_glob_matches(patterns: list[str], files: list[str]) -> None:
    try:
        compiled = [compile_glob(p.lstrip("/")) for p in patterns]
    except GlobError:
        return
    expected = sorted({f for f in set(files) if any(g.match(f) for g in compiled)})
    assert PathIndex(sorted(set(files))).match(patterns) == expected, patterns

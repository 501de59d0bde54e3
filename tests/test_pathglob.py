"""Glob patterns as policy authors write them: what matches, what does not, what is refused.

The last tests check that :class:`PathIndex` (which narrows candidates by prefix,
file name and extension before any regex runs) agrees with a brute-force match of
the compiled regex over a random file list.
"""

from __future__ import annotations

import random

import pytest

from platform_lint.pathglob import GlobError, PathIndex, compile_glob, expand_braces, validate_glob


def matches(pattern: str, path: str) -> bool:
    return compile_glob(pattern).match(path) is not None


# (pattern, paths that match, paths that do not)
CASES: list[tuple[str, list[str], list[str]]] = [
    # * and ? stay within one segment
    ("*.md", ["README.md", ".md", "a.b.md"], ["docs/README.md", "README.mdx", "README.MD"]),
    ("docs/*.md", ["docs/a.md"], ["docs/sub/a.md", "a.md", "docsx/a.md"]),
    ("a?c", ["abc", "a.c"], ["ac", "abbc", "a/c"]),
    ("*", ["x", "README"], ["a/b"]),
    # ** at any depth, including the root
    (
        "**/openapi.yaml",
        ["openapi.yaml", "api/openapi.yaml", "a/b/c/openapi.yaml"],
        ["openapi.yaml.bak", "xopenapi.yaml", "api/openapi.yml"],
    ),
    ("docs/**", ["docs/a", "docs/a/b/c.md"], ["docs", "docsx/a", "a/docs/b"]),
    ("a/**/b", ["a/b", "a/x/b", "a/x/y/b"], ["a/xb", "b", "a/b/c"]),
    ("**", ["a", "a/b/c"], []),
    ("**/*.pem", ["k.pem", "secrets/deep/k.pem"], ["k.pem.txt"]),
    # character classes
    ("[abc].txt", ["a.txt", "c.txt"], ["d.txt", "ab.txt", "A.txt"]),
    ("[!a].txt", ["b.txt", "_.txt"], ["a.txt", "bb.txt"]),
    ("[^a].txt", ["b.txt"], ["a.txt"]),
    ("[a-c]x", ["bx"], ["dx"]),
    ("[]]x", ["]x"], ["ax"]),
    ("[[a]x", ["[x", "ax"], ["bx"]),
    # braces, nested and empty alternatives
    ("README.{md,rst}", ["README.md", "README.rst"], ["README.txt", "README."]),
    ("{a,b{c,d}}.txt", ["a.txt", "bc.txt", "bd.txt"], ["b.txt", "ac.txt"]),
    ("{docs,doc}/**/*.{yml,yaml}", ["docs/x.yml", "doc/a/b.yaml"], ["docs/x.json", "x.yml"]),
    ("a{,b}", ["a", "ab"], ["b"]),
    ("{.github/,}CODEOWNERS", ["CODEOWNERS", ".github/CODEOWNERS"], ["docs/CODEOWNERS"]),
    # escapes make magic characters literal
    (r"\*.md", ["*.md"], ["a.md"]),
    (r"a\?", ["a?"], ["ab"]),
    (r"a\{b,c\}", ["a{b,c}"], ["ab", "ac"]),
    (r"\[x\]", ["[x]"], ["x"]),
    # a leading / anchors at the root (patterns are always anchored)
    ("/README.md", ["README.md"], ["docs/README.md"]),
    ("README.md", ["README.md"], ["docs/README.md", "xREADME.md"]),
    # case-sensitive
    ("readme.md", ["readme.md"], ["README.md", "Readme.md"]),
    # regex metacharacters are literal
    ("a+b(c).txt", ["a+b(c).txt"], ["aab(c).txt", "a+bc.txt"]),
    ("a.b", ["a.b"], ["axb"]),
]


@pytest.mark.parametrize(("pattern", "yes", "no"), CASES, ids=[c[0] for c in CASES])
def test_glob_matches(pattern: str, yes: list[str], no: list[str]) -> None:
    for path in yes:
        assert matches(pattern, path), f"{pattern!r} should match {path!r}"
    for path in no:
        assert not matches(pattern, path), f"{pattern!r} should not match {path!r}"
    # the index gives the same answer as the regex
    assert PathIndex(yes + no).match([pattern]) == sorted(yes)


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        ("", "empty"),
        ("a**", "whole path segment"),
        ("**b", "whole path segment"),
        ("a/**b/c", "whole path segment"),
        ("x/***/y", "whole path segment"),
        ("[abc", "unclosed '['"),
        ("{a,b", "unclosed '{'"),
        ("a/{b/{c,d}", "unclosed '{'"),
        ("[z-a]", "z-a"),
    ],
)
def test_bad_globs_raise_glob_error(pattern: str, words: str) -> None:
    with pytest.raises(GlobError) as info:
        validate_glob(pattern)
    assert words in str(info.value)
    assert isinstance(info.value, ValueError)


def test_bad_glob_in_index_raises_glob_error() -> None:
    with pytest.raises(GlobError):
        PathIndex(["a"]).match(["{a,b"])
    with pytest.raises(GlobError):
        PathIndex(["a"]).match(["a/**b"])


@pytest.mark.parametrize(
    ("pattern", "expanded"),
    [
        ("plain", ["plain"]),
        ("a.{yml,yaml}", ["a.yml", "a.yaml"]),
        ("{a,b}{1,2}", ["a1", "a2", "b1", "b2"]),
        ("{a,b{c,d}}", ["a", "bc", "bd"]),
        ("x{,y}", ["x", "xy"]),
        ("{a/b,c}/d", ["a/b/d", "c/d"]),
        (r"a\{b,c\}", [r"a\{b,c\}"]),  # escaped braces are literal
        (r"{a\,b,c}", [r"a\,b", "c"]),  # an escaped comma does not split
        ("[{]x", ["[{]x"]),  # a brace inside a class is literal
        ("{[,]x,y}", ["[,]x", "y"]),  # so is a comma
        ("a}b", ["a}b"]),
    ],
)
def test_expand_braces(pattern: str, expanded: list[str]) -> None:
    assert expand_braces(pattern) == expanded
    # every expansion matches exactly what the braced pattern matches
    sample = [
        "a.yml",
        "a.yaml",
        "a1",
        "b2",
        "bc",
        "xy",
        "x",
        "a/b/d",
        "c/d",
        "a{b,c}",
        "a,b",
        "{x",
        ",x",
        "y",
    ]
    by_alternatives = {p for alt in expanded for p in sample if matches(alt, p)}
    assert {p for p in sample if matches(pattern, p)} == by_alternatives


def test_expand_braces_unclosed() -> None:
    with pytest.raises(GlobError, match="unclosed"):
        expand_braces("a{b,c")


def test_index_handles_leading_slash_and_literals() -> None:
    index = PathIndex(["README.md", "docs/README.md", "docs/guide.md"])
    assert index.match(["/README.md"]) == ["README.md"]
    assert index.match(["README.md", "docs/guide.md"]) == ["README.md", "docs/guide.md"]
    assert index.match(["missing.md"]) == []
    assert index.match([]) == []
    # repeated queries (cached) give the same answer
    assert index.match(["**/*.md"]) == index.match(["**/*.md"]) == sorted(index._files)


def test_index_prefix_narrowing_does_not_leak_siblings() -> None:
    # "docs-old" and "docs0" sort around "docs/": the prefix range must not include them
    files = ["docs/a.md", "docs-old/a.md", "docs0/a.md", "docs.md", "docsa/a.md", "doc/a.md"]
    index = PathIndex(files)
    assert index.match(["docs/*.md"]) == ["docs/a.md"]
    assert index.match(["docs/**"]) == ["docs/a.md"]
    assert index.match(["doc*/a.md"]) == sorted(f for f in files if f.endswith("/a.md"))


def test_index_extension_shortcut_with_multiple_dots() -> None:
    files = ["a.tar.gz", "b.gz", "c.tar", "d/e.tar.gz", ".gz"]
    index = PathIndex(files)
    assert index.match(["*.gz"]) == [".gz", "a.tar.gz", "b.gz"]
    assert index.match(["**/*.tar.gz"]) == ["a.tar.gz", "d/e.tar.gz"]
    assert index.match(["*.tar"]) == ["c.tar"]


# -- the index against brute force ------------------------------------------------

_NAMES = ["a", "b", "ab", "README.md", "x.md", "x.yml", "x.yaml", "a.tar.gz", ".env", "A", "docs", "b c"]
_DIRS = ["a", "b", "docs", "api", "a.b", "docs-old", "src", "x"]


def _random_file(rng: random.Random) -> str:
    depth = rng.choice([0, 0, 1, 1, 2, 3])
    return "/".join([rng.choice(_DIRS) for _ in range(depth)] + [rng.choice(_NAMES)])


_SEGMENTS = [
    "a",
    "b",
    "docs",
    "api",
    "x.md",
    "README.md",
    "*",
    "*.md",
    "*.yml",
    "*.gz",
    "?",
    "a*",
    "*b",
    "[ab]",
    "[!a]*",
    "x.{yml,yaml}",
    "{a,b}",
    "{docs,api}",
    "{a/b,x}",
    "?.md",
    "a.tar.gz",
    ".env",
    r"\.env",
    "b c",
    "*.{md,gz}",
    "[a-c]*",
    "src",
    "A",
]


def _random_pattern(rng: random.Random) -> str:
    parts: list[str] = []
    for _ in range(rng.choice([1, 1, 2, 2, 3, 4])):
        parts.append("**" if rng.random() < 0.2 else rng.choice(_SEGMENTS))
    pattern = "/".join(parts)
    if rng.random() < 0.1:
        pattern = "/" + pattern
    return pattern


def test_index_agrees_with_brute_force() -> None:
    rng = random.Random(20240601)
    files = sorted({_random_file(rng) for _ in range(600)})
    index = PathIndex(files)
    patterns = {_random_pattern(rng) for _ in range(800)}
    nonempty = 0
    for pattern in sorted(patterns):
        regex = compile_glob(pattern)
        expected = [f for f in files if regex.match(f)]
        assert index.match([pattern]) == expected, pattern
        nonempty += bool(expected)
    # the generator is good enough to exercise real matches, not just empty results
    assert nonempty > len(patterns) // 4


def test_index_agrees_with_brute_force_for_pattern_lists() -> None:
    rng = random.Random(7)
    files = sorted({_random_file(rng) for _ in range(300)})
    index = PathIndex(files)
    for _ in range(200):
        patterns = [_random_pattern(rng) for _ in range(rng.randint(1, 4))]
        expected = sorted({f for f in files if any(compile_glob(p).match(f) for p in patterns)})
        assert index.match(patterns) == expected, patterns


def test_a_character_class_never_matches_a_slash() -> None:
    from platform_lint.pathglob import compile_glob

    assert not compile_glob("a[/]b").match("a/b")
    assert not compile_glob("a[!x]b").match("a/b")
    assert compile_glob("a[!x]b").match("acb")

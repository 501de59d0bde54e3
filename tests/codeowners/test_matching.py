"""GitHub's CODEOWNERS matching semantics, on the project's own cases.

Every case runs through the indexed matcher (what the collector uses) and through
the one-regex reference, so the two cannot drift apart.
"""

from __future__ import annotations

import random
import re

import pytest
from tests.codeowners.reference import glob_regex, matches_path

from platform_lint.families.codeowners.matcher import OwnershipIndex
from platform_lint.families.codeowners.pattern import compile_pattern

CASES: list[tuple[str, str, bool]] = [
    # a pattern without a slash matches at any depth, as a file or as a directory
    ("Makefile", "Makefile", True),
    ("Makefile", "tools/build/Makefile", True),
    ("Makefile", "Makefile.old", False),
    ("build", "src/build/out.bin", True),
    ("*.go", "cmd/server/main.go", True),
    ("*.go", "main.go.txt", False),
    # a leading slash anchors to the root
    ("/build", "build/out.bin", True),
    ("/build", "src/build/out.bin", False),
    ("/README.md", "README.md", True),
    ("/README.md", "docs/README.md", False),
    # a middle slash anchors too
    ("src/api", "src/api/handler.py", True),
    ("src/api", "lib/src/api/handler.py", False),
    # a trailing slash: the directory and everything under it, never a file of that name
    ("logs/", "logs", False),
    ("logs/", "logs/today.txt", True),
    ("logs/", "var/logs/old/2020.txt", True),
    ("/logs/", "var/logs/today.txt", False),
    # docs/* : direct children only
    ("docs/*", "docs/index.md", True),
    ("docs/*", "docs/guides/setup.md", False),
    ("/*", "setup.cfg", True),
    ("/*", "src/setup.cfg", False),
    # a wildcard segment that is not a lone star owns directories it matches
    ("docs/g*", "docs/guides/setup.md", True),
    ("/s*", "src/deep/file.c", True),
    # ? is one character, never a slash
    ("v?.txt", "v1.txt", True),
    ("v?.txt", "v10.txt", False),
    ("a?b", "a/b", False),
    # ** spans zero or more directories
    ("**/logs", "logs", True),
    ("**/logs", "a/b/logs/x.txt", True),
    ("src/**/test", "src/test/x.py", True),
    ("src/**/test", "src/a/b/test/x.py", True),
    ("src/**/test", "lib/src/test/x.py", False),
    ("**/fixtures/*.json", "tests/fixtures/a.json", True),
    ("**/fixtures/*.json", "tests/fixtures/deep/a.json", False),
    # a trailing /** is everything under the directory, not the directory itself
    ("assets/**", "assets", False),
    ("assets/**", "assets/img/logo.png", True),
    ("assets/**", "web/assets/logo.png", False),
    # runs of asterisks inside a segment act as one
    ("foo**bar", "fooXbar", True),
    ("foo**bar", "foo/bar", False),
    # escapes make wildcards literal
    ("f\\*o", "f*o", True),
    ("f\\*o", "fxo", False),
    ("f\\?o", "fxo", False),
    # matching is case-sensitive
    ("/Docs/", "docs/a.md", False),
    ("*.MD", "README.md", False),
    ("readme.md", "README.md", False),
    # punctuation is literal
    ("services/foo:bar/", "services/foo:bar/x", True),
    ("^cpu", "worker/^cpu", True),
    ("a+b.txt", "a+b.txt", True),
    ("a+b.txt", "aab.txt", False),
    # catch-alls
    ("*", "any/where/at/all.txt", True),
    ("**", "any/where.txt", True),
    ("/**", "top.txt", True),
    ("**/", "top.txt", False),
    ("**/", "dir/file.txt", True),
    # a lone slash matches nothing
    ("/", "anything", False),
]


@pytest.mark.parametrize(("pattern", "path", "expected"), CASES, ids=[f"{p} vs {q}" for p, q, _ in CASES])
def test_semantics(pattern: str, path: str, expected: bool) -> None:
    compiled = compile_pattern(pattern)
    assert matches_path(compiled, path) is expected
    winners = OwnershipIndex([compiled]).resolve([path]).winners
    assert (winners[0] == 0) is expected
    assert OwnershipIndex([compiled]).winners([path]) == list(winners)


def test_last_matching_rule_wins() -> None:
    index = OwnershipIndex([compile_pattern(p) for p in ("*", "/src/", "*.md", "/src/docs/")])
    res = index.resolve(["a.txt", "src/x.py", "src/readme.md", "src/docs/guide.md", "notes.md"])
    assert res.winners == (0, 1, 2, 3, 2)
    assert res.decided == (1, 1, 2, 1)


def test_shadowed_and_unmatched_rules() -> None:
    index = OwnershipIndex([compile_pattern(p) for p in ("/src/api/", "/gone/", "*.py", "*")])
    res = index.resolve(["src/api/a.py", "src/api/b.txt", "README.md"])
    assert res.matched == (True, False, True, True)
    assert res.decided == (0, 0, 0, 3)
    assert res.shadowed_by[0] == (3,)
    assert res.shadowed_by[1] == ()


def test_directory_ownership() -> None:
    index = OwnershipIndex([compile_pattern("/apps/"), compile_pattern("docs/*")])
    assert index.owner_of_directory("apps/web") == 0
    assert index.owner_of_directory("docs") == -1
    assert index.owner_of_directory("other") == -1


PIECES = ["a", "b", "ab", "a.py", "b.md", "c"]
PATTERN_PIECES = ["a", "b", "*", "a*", "*.py", "?b", "**", "c", "*b*", "b.md"]


@pytest.mark.parametrize("seed", range(40))
def test_index_agrees_with_reference_on_random_trees(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(25):
        raw = {"/".join(rng.choice(PIECES) for _ in range(rng.randint(1, 4))) for _ in range(14)}
        paths = sorted(p for p in raw if not any(q.startswith(p + "/") for q in raw))
        patterns = []
        for _ in range(rng.randint(1, 6)):
            text = "/".join(rng.choice(PATTERN_PIECES) for _ in range(rng.randint(1, 3)))
            if rng.random() < 0.3:
                text = "/" + text
            if rng.random() < 0.3:
                text += "/"
            patterns.append(compile_pattern(text))
        res = OwnershipIndex(patterns).resolve(paths)
        assert OwnershipIndex(patterns).winners(paths) == list(res.winners)  # what 'owners' asks
        for path, winner in zip(paths, res.winners, strict=True):
            expected = max((i for i, p in enumerate(patterns) if matches_path(p, path)), default=-1)
            assert winner == expected, ([p.text for p in patterns], path)
        for i, p in enumerate(patterns):
            assert res.matched[i] == any(matches_path(p, q) for q in paths)


GLOB_PIECES = ["a", "b", "ab", "*", "**", "?", "\\*", "\\?", "."]
NAME_CHARS = "ab*?.\n"


@pytest.mark.parametrize("seed", range(20))
def test_glob_segments_agree_with_the_obvious_expression(seed: int) -> None:
    """Chunked, leftmost-first glob matching gives the regular expression's answer on every name."""
    rng = random.Random(seed)
    for _ in range(300):
        text = "".join(rng.choice(GLOB_PIECES) for _ in range(rng.randint(1, 7)))
        segment = compile_pattern(text).segments[0]
        regex = re.compile(glob_regex(text), re.DOTALL)
        for _ in range(20):
            name = "".join(rng.choice(NAME_CHARS) for _ in range(rng.randint(1, 10)))
            assert segment.matches(name) is (regex.fullmatch(name) is not None), (text, name)


CATCH_ALL_PIECES = ["a", "b", "c", "b.md", "*"]


@pytest.mark.parametrize("seed", range(20))
def test_rule_statistics_agree_with_the_reference_when_names_share_an_answer(seed: int) -> None:
    """A catch-all '*' with folder and file-name rules (the common CODEOWNERS): which rules
    match, how many files each decides and which later rules take a rule's files."""
    rng = random.Random(seed)
    for _ in range(25):
        raw = {"/".join(rng.choice(PIECES) for _ in range(rng.randint(1, 4))) for _ in range(14)}
        paths = sorted(p for p in raw if not any(q.startswith(p + "/") for q in raw))
        texts = ["*"] + [
            ("/" if rng.random() < 0.5 else "") + "/".join(rng.choice(CATCH_ALL_PIECES[:4]) for _ in range(k))
            for k in [rng.randint(1, 2) for _ in range(rng.randint(1, 4))]
        ]
        patterns = [compile_pattern(t) for t in texts]
        res = OwnershipIndex(patterns).resolve(paths)
        winners = [max((i for i, p in enumerate(patterns) if matches_path(p, q)), default=-1) for q in paths]
        assert list(res.winners) == winners
        for i, p in enumerate(patterns):
            taken = {w for q, w in zip(paths, winners, strict=True) if matches_path(p, q) and w != i}
            assert res.decided[i] == winners.count(i), texts
            assert res.shadowed_by[i] == (tuple(sorted(taken)) if res.decided[i] == 0 else ()), texts

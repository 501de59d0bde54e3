"""Globs from a policy are matched without backtracking, and brace expansion is capped.

Every glob is hostile input: ``{a,b}`` thirty times expands to a billion patterns,
``*a*a*a...*b`` made the regex engine backtrack for ever on a long file name, and
``{`` three thousand times overflowed the stack. Each must now give a match result or
a located policy error (exit 2), quickly.
"""

from __future__ import annotations

import functools
import random
import re
from pathlib import Path

import pytest
from tests.security.guard import check_json, cli, python, rule, write

from platform_lint.pathglob import (
    MAX_BRACE_DEPTH,
    MAX_EXPANSIONS,
    MAX_GLOB_LENGTH,
    GlobError,
    compile_glob,
    expand_braces,
)

RULE = """\
version: 1
rules:
  - id: team.files
    title: files
    characteristic: developer-first-design
    level: bronze
    severity: error
    check:
      type: file-exists
      params:
        paths: ['{glob}']
    remediation: fix it
"""


def test_limits_are_what_the_readme_says() -> None:
    assert (MAX_EXPANSIONS, MAX_BRACE_DEPTH, MAX_GLOB_LENGTH) == (1000, 10, 1000)
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    security = readme.split("## Security", 1)[1]
    assert "1,000 patterns" in security and "10 deep" in security and "1,000 characters" in security


@pytest.mark.parametrize(
    ("glob", "words"),
    [
        ("{a,b}" * 30, "more than 1,000 patterns"),
        ("{a,b,c,d}{e,f,g,h}{i,j,k,l}{m,n,o,p}{q,r,s,t}", "more than 1,000 patterns"),
        ("{" * 3000, "longer than 1,000 characters"),
        ("{a," * 3000 + "}" * 3000, "longer than 1,000 characters"),
        ("{" * 900, "nested more than 10 deep"),
        ("{a," * 200 + "}" * 200, "nested more than 10 deep"),
        ("{a," * 11 + "}" * 11, "nested more than 10 deep"),
        ("x{a,b}" * 2000, "longer than"),
    ],
)
def test_hostile_braces_are_refused(tmp_path: Path, glob: str, words: str) -> None:
    code = f"""
from platform_lint.pathglob import GlobError, PathIndex, compile_glob, expand_braces, validate_glob
glob = {glob!r}
for fn in (expand_braces, validate_glob, compile_glob, lambda g: PathIndex(["a"]).match([g])):
    try:
        fn(glob)
    except GlobError as exc:
        print(exc)
    else:
        print("accepted")
"""
    lines = python(code, tmp_path).splitlines()
    assert len(lines) == 4
    for line in lines:
        assert words in line, line


def test_braces_within_the_limits_still_expand() -> None:
    assert len(expand_braces("{a,b}" * 9)) == 512
    assert len(expand_braces("{a,b,c,d,e,f,g,h,i,j}" * 3)) == 1000
    nested = "{a," * 10 + "}" * 10
    assert expand_braces(nested) == ["a"] * 10 + [""]
    assert compile_glob("{a,b}" * 9).match("ab" * 4 + "a")


@pytest.mark.parametrize("stars", [10, 40, 200])
def test_many_stars_give_an_answer(tmp_path: Path, stars: int) -> None:
    glob = "*a" * stars + "*b"
    code = f"""
from platform_lint.pathglob import PathIndex, compile_glob
glob = {glob!r}
names = ["a" * 3000, "a" * 3000 + "b", "x/" + "a" * 3000 + "b", "b" + "a" * 3000]
print([bool(compile_glob(glob).match(n)) for n in names])
print(PathIndex(names).match([glob]) == [names[1]])
deep = "a/" * 1500 + "b"
globs = ("**/a/" * 30 + "**/b", "**/a/" * 30 + "**/c")
print(*(bool(compile_glob(g).match(deep)) for g in globs))
"""
    assert python(code, tmp_path).splitlines() == ["[False, True, False, False]", "True", "True False"]


@pytest.mark.parametrize(
    ("glob", "words"),
    [
        ("{a,b}" * 30, "more than 1,000 patterns"),
        ("{" * 3000, "longer than 1,000 characters"),
        ("{a," * 200 + "}" * 200, "nested more than 10 deep"),
    ],
)
def test_hostile_globs_in_a_policy_are_located_config_errors(tmp_path: Path, glob: str, words: str) -> None:
    write(tmp_path, {"README.md": "x\n", ".platform-lint.yml": RULE.format(glob=glob)})
    proc = cli(tmp_path, "check", str(tmp_path), "--offline")
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert re.search(r"\.platform-lint\.yml:11:\d+: .*not a valid glob", proc.stderr), proc.stderr
    assert words in proc.stderr


def test_hostile_globs_in_conditions_and_contract_skips_are_refused(tmp_path: Path) -> None:
    when = RULE.format(glob="README.md") + "    when: {any_file: ['" + "{a,b}" * 30 + "']}\n"
    write(tmp_path, {"README.md": "x\n", ".platform-lint.yml": when})
    proc = cli(tmp_path, "check", str(tmp_path), "--offline")
    assert proc.returncode == 2 and "more than 1,000 patterns" in proc.stderr, proc.stderr
    assert ".platform-lint.yml:13:" in proc.stderr

    skip = (
        "version: 1\nextends: [builtin:recommended]\noverrides:\n  contracts.valid:\n"
        "    params: {skip: ['" + "{" * 3000 + "']}\n"
    )
    write(tmp_path, {".platform-lint.yml": skip})
    proc = cli(tmp_path, "check", str(tmp_path), "--offline")
    assert proc.returncode == 2 and "longer than 1,000 characters" in proc.stderr, proc.stderr


def test_many_star_glob_in_a_policy_is_matched(tmp_path: Path) -> None:
    glob = "*a" * 40 + "*b"
    write(tmp_path, {"a" * 200: "x\n", ".platform-lint.yml": RULE.format(glob=glob)})
    code, report, _ = check_json(tmp_path)
    assert rule(report, "team.files")["state"] == "fail" and code == 1
    write(tmp_path, {"a" * 200 + "b": "x\n"})
    code, report, _ = check_json(tmp_path)
    assert rule(report, "team.files")["state"] == "pass" and code == 0


# -- the matcher against a plain reference --------------------------------------------


def _reference(pattern: str, path: str) -> bool:
    """Glob semantics spelled out as a memoised recursion (slow, obviously right)."""
    pattern = pattern.removeprefix("/")

    @functools.cache
    def at(i: int, j: int) -> bool:
        if i == len(pattern):
            return j == len(path)
        if pattern.startswith("**", i):
            if i + 2 == len(pattern):
                return True  # a trailing ** takes the rest, slashes included
            # **/ : zero or more whole segments
            k = i + 3
            if at(k, j):
                return True
            return any(at(k, s + 1) for s in range(j, len(path)) if path[s] == "/")
        c = pattern[i]
        if c == "*":
            return any(at(i + 1, s) for s in range(j, len(path) + 1) if "/" not in path[j:s])
        if j == len(path):
            return False
        if c == "?":
            return path[j] != "/" and at(i + 1, j + 1)
        if c == "[":
            end = pattern.index("]", i + 2)
            body = pattern[i + 1 : end]
            negate = body.startswith("!")
            members = set(body.lstrip("!"))
            ok = path[j] != "/" and ((path[j] in members) != negate)
            return ok and at(end + 1, j + 1)
        return path[j] == c and at(i + 1, j + 1)

    return at(0, 0)


_PIECES = ["a", "b", "ab", "*", "?", "[ab]", "[!a]", ".", "*a", "a*", "*b*"]


def _random_segment(rng: random.Random) -> str:
    segment = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 5)))
    while "**" in segment:
        segment = segment.replace("**", "*")
    return segment


def _random_glob(rng: random.Random) -> str:
    parts = ["**" if rng.random() < 0.3 else _random_segment(rng) for _ in range(rng.randint(1, 5))]
    return "/".join(parts)


def _random_path(rng: random.Random) -> str:
    return "/".join(
        "".join(rng.choice("aab.") for _ in range(rng.randint(1, 6))) for _ in range(rng.randint(1, 5))
    )


def test_matcher_agrees_with_the_reference() -> None:
    rng = random.Random(31337)
    paths = sorted({_random_path(rng) for _ in range(300)})
    matched = 0
    for _ in range(1500):
        glob = _random_glob(rng)
        regex = compile_glob(glob)
        for path in paths:
            expected = _reference(glob, path)
            assert bool(regex.match(path)) == expected, (glob, path)
            matched += expected
    assert matched > 1000  # the generator exercises real matches, not just misses


def test_glob_error_is_a_value_error() -> None:
    with pytest.raises(GlobError):
        expand_braces("{a,b}" * 11)
    assert issubclass(GlobError, ValueError)

"""Hostile repositories and CODEOWNERS files: very deep paths, patterns built to backtrack.

A repository under check may be built to make the tool fail, and a rule that errors would let
a pull request pass. So a path of any depth resolves like any other, and matching stays
linear in the path length for any pattern.

The pattern cases run in a child process with a deadline. The deadline is a hang guard, not
a speed target: the linear matcher answers in milliseconds, a backtracking one would need
longer than the age of the universe (speed figures live in benchmarks/codeowners_bench.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import tracemalloc
from pathlib import Path

import pytest
from tests.codeowners.helpers import facts_for, run_check

from platform_lint.cli import run
from platform_lint.families.codeowners.matcher import OwnershipIndex
from platform_lint.families.codeowners.pattern import compile_pattern
from platform_lint.families.registry import CHECK_TYPES

DEEP = 1200  # deeper than Python's default recursion limit (1000)


def _deep(depth: int, leaf: str = "f.txt", name: str = "d") -> str:
    return "/".join([name] * depth) + "/" + leaf


def test_a_path_deeper_than_the_recursion_limit_resolves() -> None:
    deep = _deep(DEEP)
    patterns = ["*", "/d/", "**/d/f.txt", "/d/d/*", "*.md", "d/"]
    index = OwnershipIndex([compile_pattern(p) for p in patterns])
    res = index.resolve([deep, "d/d/x.txt", "top.md", _deep(DEEP, "g.md")])
    # deep/f.txt: '**/d/f.txt' (2) and 'd/' (5) match, the last wins; d/d/x.txt: '/d/d/*' (3)
    # then 'd/' (5); top.md: '*.md'; the deep .md file: 'd/' is later than '*.md'
    assert res.winners == (5, 5, 4, 5)
    assert res.matched == (True, True, True, True, True, True)
    assert index.owner_of_directory("/".join(["d"] * 5000)) == 5


def test_a_very_deep_path_under_an_anchored_wildcard_chain() -> None:
    depth = 3000
    index = OwnershipIndex([compile_pattern("/d/*/d/**/f.txt"), compile_pattern("/e/")])
    res = index.resolve([_deep(depth), _deep(depth, "g.txt"), _deep(depth, name="e")])
    assert res.winners == (0, -1, 1)


def test_a_deep_path_costs_memory_in_proportion_to_its_length() -> None:
    # 20,000 directories: a string per ancestor would hold 400 MB of prefixes, and a set of
    # owning rules per directory 200 x 20,000 entries; neither may happen
    depth = 20_000
    patterns = [compile_pattern(p) for p in ["d/", "**/d/", "*/"] * 100]
    tracemalloc.start()
    try:
        index = OwnershipIndex(patterns)
        assert index.resolve([_deep(depth)]).winners == (299,)
        assert index.winners([_deep(depth)]) == [299]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 40_000_000, f"{peak / 1e6:.0f} MB"


def test_collector_and_checks_on_a_tree_with_a_very_deep_file() -> None:
    facts = facts_for("* @acme/platform\n/d/ @acme/deep\n", [_deep(DEEP), "README.md"])
    assert facts.rule_for(_deep(DEEP)).line == 2  # type: ignore[union-attr]
    for check_id in sorted(CHECK_TYPES):
        if not check_id.startswith("codeowners.") or check_id == "codeowners.owners-valid":
            continue
        outcome = run_check(check_id, facts)
        assert outcome.state != "error", (check_id, outcome)


def _write_deep(root: Path, rel: str) -> None:
    """Create ``rel`` under ``root`` one level at a time (os.makedirs and pathlib recurse per level)."""
    current = str(root)
    for name in rel.split("/")[:-1]:
        current += "/" + name
        os.mkdir(current)
    Path(current, rel.rpartition("/")[2]).write_text("x\n")


def _remove_deep(root: Path, rel: str) -> None:
    """Remove what ``_write_deep`` made, bottom up (shutil.rmtree recurses per level too)."""
    parts = rel.split("/")
    os.remove(os.path.join(root, *parts))
    for depth in range(len(parts) - 1, 0, -1):
        os.rmdir(os.path.join(root, *parts[:depth]))


def test_owners_command_on_a_very_deep_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deep = _deep(DEEP)
    _write_deep(tmp_path, deep)
    try:
        (tmp_path / "CODEOWNERS").write_text("* @acme/platform\n/d/ @acme/deep\n")
        assert run(["owners", "--repo", str(tmp_path), "--format", "json"]) == 0
        rows = json.loads(capsys.readouterr().out)
        assert {"path": deep, "owners": ["@acme/deep"], "line": 2} in rows
        # a path argument far deeper than the file system allows is still just a path to resolve
        deeper = _deep(5000)
        assert run(["owners", "--repo", str(tmp_path), "--format", "json", deeper]) == 0
        captured = capsys.readouterr()
        assert json.loads(captured.out) == [{"path": deeper, "owners": ["@acme/deep"], "line": 2}]
        assert "Traceback" not in captured.err
    finally:
        _remove_deep(tmp_path, deep)


DEADLINE = 30.0


def _bounded(code: str) -> object:
    """Run ``code`` (which prints a JSON answer) in a child process; fail if it hangs."""
    try:
        proc = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(code)],
            capture_output=True,
            text=True,
            timeout=DEADLINE,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"no answer within {DEADLINE:.0f} s: matching backtracks on this input")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


RESOLVE = """
    import json
    from platform_lint.families.codeowners.matcher import OwnershipIndex
    from platform_lint.families.codeowners.pattern import compile_pattern
    patterns, paths = {patterns!r}, {paths!r}
    res = OwnershipIndex([compile_pattern(p) for p in patterns]).resolve(paths)
    print(json.dumps(list(res.winners)))
"""


def _winners(patterns: list[str], paths: list[str]) -> object:
    return _bounded(RESOLVE.format(patterns=patterns, paths=paths))


STARS = "*a" * 14 + "*b"  # '*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b'


@pytest.mark.parametrize(
    ("patterns", "paths", "expected"),
    [
        pytest.param([STARS], ["a" * 5000, "x/" + "a" * 4999 + "b"], [-1, 0], id="stars-anywhere"),
        pytest.param(
            ["/src/" + STARS], ["src/" + "a" * 5000, "src/" + "a" * 14 + "b"], [-1, 0], id="stars-anchored"
        ),
        pytest.param(["/src/" + STARS + "/"], ["src/" + "a" * 20 + "b/x"], [0], id="stars-anchored-dir"),
        pytest.param(["*a?" * 20 + "*b"], ["a" * 3000, "a" * 3000 + "b"], [-1, 0], id="stars-and-marks"),
        pytest.param(["*" * 10_000 + "b"], ["a" * 5000, "a" * 5000 + "b"], [-1, 0], id="a-run-of-stars"),
        pytest.param(["*b" * 2000], ["b" * 1999, "b" * 2000], [-1, 0], id="two-thousand-stars"),
        pytest.param(
            [("*a" * 8 + "*b") + "/x"],  # two segments: anchored, a glob directory then x
            ["a" * 3000 + "/x", "a" * 2999 + "b/x"],
            [-1, 0],
            id="stars-directory-then-file",
        ),
        pytest.param(
            ["/" + "**/a/" * 60 + "b"],
            ["/".join(["a"] * 2000) + "/c", "/".join(["a"] * 2000) + "/b"],
            [-1, 0],
            id="many-double-stars",
        ),
        pytest.param(
            ["**/" + "*a*a*a*b/" * 20 + "z"],
            ["/".join(["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"] * 200) + "/z"],
            [-1],
            id="double-stars-and-stars",
        ),
    ],
)
def test_hostile_patterns_answer_without_backtracking(
    patterns: list[str], paths: list[str], expected: list[int]
) -> None:
    assert _winners(patterns, paths) == expected


def test_hostile_owner_token_parses_without_backtracking() -> None:
    # an e-mail-like owner whose domain is a long run of dots, then something that is not allowed
    answer = _bounded(
        """
        import json
        from platform_lint.families.codeowners.parse import parse
        parsed = parse("docs/ a@" + "." * 200_000 + "@\\n* @ok\\n")
        problems = [[p.line, p.code] for p in parsed.problems]
        print(json.dumps({"problems": problems, "rules": [r.pattern for r in parsed.rules]}))
        """
    )
    assert answer == {"problems": [[1, "malformed-owner"]], "rules": ["*"]}


def test_names_that_are_not_utf8_match_like_any_other() -> None:
    # git hands over bytes; a name that is not UTF-8 arrives with lone surrogates (os.fsdecode)
    name = b"caf\xe9-\xff.txt".decode("utf-8", "surrogateescape")
    index = OwnershipIndex([compile_pattern(p) for p in ["*a*-*.txt", "/src/*\udce9*/", "*.md"]])
    assert index.winners([f"src/{name}", f"src/{name}/x.md", "src/plain.md"]) == [0, 2, 2]
    assert index.resolve([f"src/{name}/y.py"]).winners == (1,)

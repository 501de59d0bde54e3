"""Time the CODEOWNERS parser, the matcher and ``platform-lint owners`` (prints figures; not a test).

    python benchmarks/codeowners_bench.py [--seed N] [--repeat N] [--repo-dir DIR] [--no-owners]

Scenario A: 100,000 paths x 2,000 rules of mixed kinds (literal directories,
anchored globs, extensions, names at any depth, ``**`` patterns, direct-children
``dir/*`` rules, prefix and infix wildcards). Target: under 1 s, with the rule
statistics the checks need (A) and with the deciding rule only, as ``owners`` asks (A').
Scenario B: a 50,000-file tree with a 500-line CODEOWNERS (parse + resolve).
Target: under 0.5 s.
Scenario C: ``platform-lint owners --format json`` end to end on scenario A's tree,
written as a git repository: 100,000 empty files staged with ``git add`` (the command
lists the git index, as CI sees it) and A's rules as .github/CODEOWNERS with owners.
Generating it takes a while; ``--repo-dir`` keeps it for the next run. C1 calls the
command's ``run`` in this process with stdout going to a buffer (git listing,
CODEOWNERS parse, resolution and the whole JSON text included; the interpreter
start and imports are not). C2 starts ``python -m platform_lint owners --format json``
as a child and reads all of its output from a pipe. Target: under 1 s.
Scenario D: hostile input: paths thousands of directories deep, and patterns built
to make a backtracking matcher run for minutes. No target; each must finish at once.

Wall times are what the targets judge; the CPU time next to them shows how much of
the wall time went to other processes on a busy machine.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from platform_lint.commands import owners as owners_command
from platform_lint.families.codeowners.matcher import OwnershipIndex
from platform_lint.families.codeowners.parse import parse
from platform_lint.families.codeowners.pattern import compile_pattern

SRC = Path(__file__).resolve().parents[1] / "src"
"""The code under test (the child process of scenario C imports it too)."""

WORDS = (
    "api",
    "core",
    "docs",
    "web",
    "cli",
    "auth",
    "billing",
    "search",
    "infra",
    "data",
    "ml",
    "ui",
    "lib",
    "pkg",
    "internal",
    "cmd",
    "tools",
    "scripts",
    "config",
    "deploy",
    "tests",
    "fixtures",
    "assets",
    "models",
    "views",
    "handlers",
    "utils",
    "storage",
    "queue",
    "events",
)
EXTS = (".py", ".go", ".ts", ".tsx", ".js", ".md", ".yaml", ".json", ".proto", ".sql", ".sh", ".txt")
NAMES = (
    "README.md",
    "Makefile",
    "Dockerfile",
    "BUILD",
    "go.mod",
    "package.json",
    "OWNERS",
    "index.ts",
    "main.go",
    "__init__.py",
    "conftest.py",
    "setup.cfg",
)


def make_tree(rng: random.Random, n_files: int) -> list[str]:
    """A monorepo: top areas, ~100 files per project spread over a dozen nested directories."""
    paths: set[str] = set()
    project = 0
    while len(paths) < n_files:
        top = rng.choice(("services", "libs", "apps", "tools", "docs", "infra"))
        root = f"{top}/proj-{project:05d}"
        project += 1
        dirs = [root]
        for _ in range(rng.randint(6, 16)):
            parent = rng.choice(dirs)
            if parent.count("/") < 6:
                dirs.append(f"{parent}/{rng.choice(WORDS)}")
        for _ in range(rng.randint(60, 140)):
            d = rng.choice(dirs)
            if rng.random() < 0.2:
                name = rng.choice(NAMES)
            else:
                name = f"{rng.choice(WORDS)}_{rng.randint(0, 99)}{rng.choice(EXTS)}"
            paths.add(f"{d}/{name}")
            if len(paths) >= n_files:
                break
    return sorted(paths)


def make_rules(rng: random.Random, paths: list[str], n_rules: int) -> list[str]:
    dirs = sorted({p.rsplit("/", 1)[0] for p in paths})
    out: list[str] = []
    kinds = (
        "dir",
        "dir",
        "dir",
        "anchored-file",
        "glob-dir",
        "ext",
        "name",
        "dstar",
        "children",
        "prefix",
        "infix",
        "dead",
    )
    while len(out) < n_rules:
        kind = rng.choice(kinds)
        d = rng.choice(dirs)
        parts = d.split("/")
        if kind == "dir":
            out.append(f"/{d}/")
        elif kind == "anchored-file":
            out.append("/" + rng.choice(paths))
        elif kind == "glob-dir":
            parts[1] = "*"
            out.append("/" + "/".join(parts[:3]) + "/")
        elif kind == "ext":
            out.append(
                f"{'/'.join(parts[:2])}/**/*{rng.choice(EXTS)}"
                if rng.random() < 0.5
                else f"*{rng.choice(EXTS)}"
            )
        elif kind == "name":
            out.append(rng.choice(NAMES + WORDS))
        elif kind == "dstar":
            out.append(f"**/{rng.choice(WORDS)}/{rng.choice(WORDS)}/")
        elif kind == "children":
            out.append(f"/{d}/*")
        elif kind == "prefix":
            out.append(f"/{parts[0]}/{parts[1][:6]}*/")
        elif kind == "infix":
            out.append(f"*{rng.choice(WORDS)}_1*")
        else:
            out.append(f"/{d}-old/")
    return out


def owners_file(rules: list[str], rng: random.Random) -> str:
    lines = ["# generated", "*  @acme/platform"]
    for i, pattern in enumerate(rules):
        if i % 25 == 0:
            lines.append(f"# section {i // 25}")
        owners = " ".join(
            rng.sample(
                ["@acme/api", "@acme/web", "@alice", "@bob", "ops@acme.dev", "@acme/data"], rng.randint(1, 3)
            )
        )
        lines.append(f"{pattern} {owners}")
    return "\n".join(lines) + "\n"


def timed(label: str, fn, target: float | None, repeat: int) -> float:  # type: ignore[no-untyped-def]
    runs: list[tuple[float, float]] = []
    for _ in range(repeat):
        gc.collect()  # each run starts from the same heap, not the garbage of the previous one
        cpu = time.process_time()
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start, time.process_time() - cpu))
    return report(label, runs, target)


def report(label: str, runs: list[tuple[float, float]], target: float | None) -> float:
    """Print the best wall time of the runs (and its CPU time); the target judges the wall time."""
    best, cpu = min(runs)
    verdict = (
        ""
        if target is None
        else f" (target < {target} s) " + ("ok" if best < target else "SLOWER THAN TARGET")
    )
    shown = ", ".join(f"{wall:.3f}" for wall, _ in runs)
    print(f"{label}: best {best:.3f} s wall, {cpu:.3f} s cpu, of {len(runs)} runs ({shown}){verdict}")
    return best


def write_repo(root: Path, paths: list[str], codeowners: str) -> None:
    """Scenario C's repository: every path an empty file, all staged in a fresh git repository."""
    made: set[str] = set()
    for rel in paths:
        parent = rel.rpartition("/")[0]
        if parent not in made:
            (root / parent).mkdir(parents=True, exist_ok=True)
            made.add(parent)
        (root / rel).touch()
    (root / ".github").mkdir(exist_ok=True)
    (root / ".github" / "CODEOWNERS").write_text(codeowners)
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    for args in (["init", "-q"], ["add", "-A"]):
        subprocess.run(["git", "-C", str(root), *args], check=True, env=env)


def owners_in_process(root: Path) -> int:
    """C1: the command's ``run`` with stdout and stderr going to buffers; returns the output size."""
    args = argparse.Namespace(paths=[], unowned=False, format="json", repo=str(root))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = owners_command.run(args)
    if code != 0:
        sys.exit(f"owners failed ({code}): {err.getvalue()[-2000:]}")
    return len(out.getvalue())


def owners_child(root: Path) -> tuple[float, float, int]:
    """C2: a fresh ``python -m platform_lint owners --format json``; wall and CPU time, output size."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(SRC)}  # the same code as the in-process figures
    proc = subprocess.run(
        [sys.executable, "-m", "platform_lint", "owners", "--format", "json", "--repo", str(root)],
        capture_output=True,
        check=False,
        env=env,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"owners failed ({proc.returncode}): {proc.stderr[-2000:]!r}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, len(proc.stdout)


def scenario_c(paths: list[str], codeowners: str, repo_dir: Path | None, repeat: int) -> None:
    base = repo_dir or Path(tempfile.mkdtemp(prefix="platform-lint-owners-bench-"))
    root = base / "repo"
    marker = base / "generated"
    try:
        if not marker.exists() or marker.read_text() != codeowners:
            shutil.rmtree(root, ignore_errors=True)
            root.mkdir(parents=True)
            start = time.perf_counter()
            write_repo(root, paths, codeowners)
            marker.write_text(codeowners)
            took = time.perf_counter() - start
            print(f"  C: generated a git repository of {len(paths)} files in {took:.1f} s")
        size = owners_in_process(root)
        lines = len(codeowners.splitlines())
        print(f"  C: {len(paths)} files, {lines} CODEOWNERS lines, {size:,} characters of JSON")
        timed(
            "C1 owners --format json, in process, output to a buffer",
            lambda: owners_in_process(root),
            1.0,
            repeat,
        )
        sizes: set[int] = set()
        runs: list[tuple[float, float]] = []
        for _ in range(repeat):
            wall, cpu, size = owners_child(root)
            runs.append((wall, cpu))
            sizes.add(size)
        report(
            f"C2 python -m platform_lint owners --format json, child process, {max(sizes):,} bytes read",
            runs,
            1.0,
        )
    finally:
        if repo_dir is None:
            shutil.rmtree(base, ignore_errors=True)


def scenario_d(repeat: int) -> None:
    """Hostile input: each case is resolved by the same index the collector uses."""
    stars = "*a" * 14 + "*b"
    deep = "/".join(["d"] * 10_000)
    cases = [
        (
            "a path 10,000 directories deep, 4 rules",
            ["*", "/d/", "**/d/f.txt", "/d/*/d/**/x"],
            [deep + "/f.txt"],
        ),
        (f"'{stars}' vs a 100,000-character name", [stars], ["a" * 100_000, "a" * 99_999 + "b"]),
        ("'/src/' + the same, anchored, vs 100,000 characters", ["/src/" + stars], ["src/" + "a" * 100_000]),
        ("'*b' x 2,000 (2,000 stars) vs 2,000-character names", ["*b" * 2000], ["b" * 1999, "b" * 2000]),
        ("'*a?' x 20 + '*b' vs a 100,000-character name", ["*a?" * 20 + "*b"], ["a" * 100_000]),
        (
            "'/**/a' x 60 + '/b' vs a path 10,000 directories deep",
            ["/" + "**/a/" * 60 + "b"],
            ["/".join(["a"] * 10_000) + "/c"],
        ),
    ]
    for label, patterns, paths in cases:

        def run(patterns: list[str] = patterns, paths: list[str] = paths) -> None:
            OwnershipIndex([compile_pattern(p) for p in patterns]).resolve(paths)

        timed(f"D {label}", run, None, repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3, help="runs per scenario; the best is reported")
    parser.add_argument("--repo-dir", type=Path, help="generate scenario C's repository here and keep it")
    parser.add_argument("--no-owners", action="store_true", help="skip scenario C (it writes 100,000 files)")
    opts = parser.parse_args()
    rng = random.Random(opts.seed)

    paths_a = make_tree(rng, 100_000)
    rules_a = make_rules(rng, paths_a, 2_000)

    def scenario_a() -> None:
        index = OwnershipIndex([compile_pattern(r) for r in rules_a])
        res = index.resolve(paths_a)
        owned = sum(1 for w in res.winners if w >= 0)
        print(
            f"  A: {len(paths_a)} paths, {len(rules_a)} rules, {owned} owned, "
            f"{sum(1 for m in res.matched if not m)} dead rules"
        )

    def scenario_a_winners() -> None:
        winners = OwnershipIndex([compile_pattern(r) for r in rules_a]).winners(paths_a)
        print(f"  A': {len(paths_a)} paths, {len(rules_a)} rules, {sum(1 for w in winners if w >= 0)} owned")

    paths_b = make_tree(rng, 50_000)
    text_b = owners_file(make_rules(rng, paths_b, 498), rng)

    def scenario_b() -> None:
        parsed = parse(text_b)
        index = OwnershipIndex([compile_pattern(r.pattern) for r in parsed.rules])
        res = index.resolve(paths_b)
        print(
            f"  B: {len(paths_b)} files, {len(text_b.splitlines())} lines, {len(parsed.rules)} rules, "
            f"{sum(1 for s in res.shadowed_by if s)} shadowed rules"
        )

    timed(
        "A 100,000 paths x 2,000 mixed rules (compile + resolve with shadow detail)",
        scenario_a,
        1.0,
        opts.repeat,
    )
    timed(
        "A' 100,000 paths x 2,000 mixed rules (compile + deciding rule only)",
        scenario_a_winners,
        1.0,
        opts.repeat,
    )
    timed("B 50,000 files x 500-line CODEOWNERS (parse + compile + resolve)", scenario_b, 0.5, opts.repeat)
    if not opts.no_owners:
        scenario_c(paths_a, owners_file(rules_a, random.Random(opts.seed)), opts.repo_dir, opts.repeat)
    scenario_d(opts.repeat)


if __name__ == "__main__":
    main()

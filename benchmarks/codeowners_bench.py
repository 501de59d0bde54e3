"""Time the CODEOWNERS parser and matcher on generated trees (prints wall times; not a test).

    python benchmarks/codeowners_bench.py [--seed N]

Scenario A: 100,000 paths x 2,000 rules of mixed kinds (literal directories,
anchored globs, extensions, names at any depth, ``**`` patterns, direct-children
``dir/*`` rules, prefix and infix wildcards). Target: under 1 s.
Scenario B: a 50,000-file tree with a 500-line CODEOWNERS (parse + resolve).
Target: under 0.5 s.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from platform_lint.families.codeowners.matcher import OwnershipIndex
from platform_lint.families.codeowners.parse import parse
from platform_lint.families.codeowners.pattern import compile_pattern

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


def timed(label: str, fn, target: float, repeat: int) -> float:  # type: ignore[no-untyped-def]
    runs: list[float] = []
    for _ in range(repeat):
        gc.collect()  # each run starts from the same heap, not the garbage of the previous one
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    best = min(runs)
    verdict = "ok" if best < target else "SLOWER THAN TARGET"
    shown = ", ".join(f"{r:.3f}" for r in runs)
    print(f"{label}: best {best:.3f} s of {repeat} runs ({shown}) (target < {target} s) {verdict}")
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3, help="runs per scenario; the best is reported")
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
    timed("B 50,000 files x 500-line CODEOWNERS (parse + compile + resolve)", scenario_b, 0.5, opts.repeat)


if __name__ == "__main__":
    main()

"""Time `platform-lint check` on a synthetic repository with the recommended pack.

    python benchmarks/check_bench.py [--files 100000] [--folder] [--keep DIR] [--runs 3]
    python benchmarks/check_bench.py --files 10000 --base --runs 5   # check vs check --base HEAD~1

Generates a repository of N files with realistic nesting and kinds (services with
source, tests, configs, Dockerfiles, Helm charts, OpenAPI specs, docs, a CODEOWNERS
of a few hundred lines), then runs `platform-lint check` on it in a fresh process
and prints the warm median and best wall time (after one warm-up run), files per second and
the child's peak memory (max RSS). The package's modules are byte-compiled first, as
``pip install`` does: with ``PYTHONDONTWRITEBYTECODE`` set, every run would otherwise compile
all of platform-lint again (about 0.25 s of each run on a 2-core machine).
With ``--base`` it commits a second change (a few files and the OpenAPI spec) and prints
the warm median of ``check`` and of ``check --base HEAD~1`` (one warm-up run each first).
Nothing here asserts a time: the figures are for people to read.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# (path template, body, weight): roughly the mix of a large product monorepo, where source
# and tests dominate and YAML/JSON are about an eighth of the files.
KINDS = [
    ("src/{svc}/{pkg}/{name}.py", "def f():\n    return {n}\n", 18),
    ("src/{svc}/{pkg}/tests/test_{name}.py", "def test_f():\n    assert True\n", 8),
    ("services/{svc}/internal/{pkg}/{name}.go", "package {pkg}\n\nfunc F() int {{ return {n} }}\n", 16),
    ("services/{svc}/internal/{pkg}/{name}_test.go", "package {pkg}\n", 6),
    ("web/{svc}/components/{pkg}/{name}.tsx", "export const C{n} = () => null;\n", 12),
    ("web/{svc}/lib/{pkg}/{name}.ts", "export const v{n} = {n};\n", 8),
    ("java/{svc}/src/main/java/com/acme/{pkg}/C{name}.java", "class C{n} {{}}\n", 6),
    ("docs/{svc}/{name}.md", "# {name}\n\nSome words.\n", 6),
    ("config/{svc}/{name}.yaml", "key: value\nreplicas: {n}\n", 5),
    ("deploy/{svc}/templates/{name}.yaml", "kind: ConfigMap\nmetadata: {{name: {name}}}\n", 4),
    ("assets/{svc}/{name}.json", '{{"id": {n}}}\n', 4),
    ("db/{svc}/migrations/{name}.sql", "select {n};\n", 3),
    ("scripts/{svc}/{name}.sh", "echo {n}\n", 2),
    ("assets/{svc}/img/{name}.svg", "<svg/>\n", 2),
]
ROOT_FILES = {
    "README.md": "# Synthetic platform\n\n## Quickstart\n\n```sh\nmake setup\n```\n",
    "CHANGELOG.md": "# Changelog\n\n## [Unreleased]\n\n## [1.2.0] - 2026-01-01\n\n### Added\n\n- Things.\n\n"
    "[Unreleased]: https://example.com/compare/v1.2.0...HEAD\n"
    "[1.2.0]: https://example.com/releases/v1.2.0\n",
    "LICENSE": "MIT\n",
    "Makefile": "setup:\n\ttrue\n",
    "catalog-info.yaml": "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: synth}\n"
    "spec: {type: service, owner: group:platform, lifecycle: production}\n",
    "pyproject.toml": "[project]\nname = 'synth'\nversion = '1.2.0'\ndependencies = ['opentelemetry-api']\n",
    ".github/workflows/ci.yml": "on: push\njobs: {}\n",
    "Dockerfile": "FROM python:3.12\nHEALTHCHECK CMD curl -f http://localhost/healthz\n",
    "api/openapi.yaml": "openapi: 3.0.3\ninfo: {title: synth, version: 1.2.0}\npaths:\n  /pets:\n    get:\n"
    "      responses:\n        '200': {description: ok}\n",
}


def generate(root: Path, count: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    services = [f"svc{i:03d}" for i in range(max(1, count // 400))]
    written = 0
    for rel, text in ROOT_FILES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        written += 1
    owners = ["* @org/platform"]
    for svc in services:
        owners.append(f"/src/{svc}/ @org/team-{svc}")
        owners.append(f"/services/{svc}/ @org/team-{svc}")
        if rng.random() < 0.3:
            owners.append(f"/docs/{svc}/*.md @org/writers")
    (root / ".github").mkdir(exist_ok=True)
    (root / ".github" / "CODEOWNERS").write_text("\n".join(owners) + "\n")
    written += 1
    made_dirs: set[Path] = set()
    n = 0
    weighted = [(t, b) for t, b, w in KINDS for _ in range(w)]
    while written < count:
        template, body = weighted[rng.randrange(len(weighted))]
        svc = rng.choice(services)
        pkg = f"pkg{rng.randrange(20):02d}"
        name = f"mod{n:06d}"
        rel = template.format(svc=svc, pkg=pkg, name=name)
        path = root / rel
        if path.parent not in made_dirs:
            path.parent.mkdir(parents=True, exist_ok=True)
            made_dirs.add(path.parent)
        path.write_text(body.format(n=n, name=name, pkg=pkg))
        written += 1
        n += 1
    # dependency trees a walk must skip (not counted)
    nm = root / "node_modules" / "left-pad"
    nm.mkdir(parents=True, exist_ok=True)
    for i in range(200):
        (nm / f"f{i}.js").write_text("module.exports = 1;\n")
    return written


def make_git(root: Path) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "b",
        "GIT_AUTHOR_EMAIL": "b@example.com",
        "GIT_COMMITTER_NAME": "b",
        "GIT_COMMITTER_EMAIL": "b@example.com",
    }
    (root / ".gitignore").write_text("node_modules/\n")
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "synthetic"]):
        subprocess.run(["git", "-C", str(root), *args], check=True, env=env)


def second_commit(root: Path, every: int = 100) -> int:
    """Change one tracked file in ``every`` and the OpenAPI spec, and commit: HEAD~1 is the base."""
    changed = 0
    listed = subprocess.run(["git", "-C", str(root), "ls-files", "-z"], capture_output=True, check=True)
    for i, raw in enumerate(sorted(listed.stdout.split(b"\0"))):
        if raw and i % every == 0 and not raw.endswith((b"CHANGELOG.md", b"openapi.yaml")):
            path = root / os.fsdecode(raw)
            path.write_text(path.read_text() + "\n")
            changed += 1
    spec = root / "api" / "openapi.yaml"
    spec.write_text(
        spec.read_text().replace("version: 1.2.0", "version: 1.3.0") + "  /owners:\n"
        "    get:\n      responses:\n        '200': {description: ok}\n"
    )
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "b",
        "GIT_AUTHOR_EMAIL": "b@example.com",
        "GIT_COMMITTER_NAME": "b",
        "GIT_COMMITTER_EMAIL": "b@example.com",
    }
    for args in (["add", "-A"], ["commit", "-q", "-m", "second"]):
        subprocess.run(["git", "-C", str(root), *args], check=True, env=env)
    return changed + 1


def compile_package() -> int:
    """Byte-compile platform-lint's modules (what an installed wheel has); returns how many."""
    import compileall

    import platform_lint

    package = Path(platform_lint.__file__).parent
    compileall.compile_dir(package, quiet=1)
    return sum(1 for _ in package.rglob("*.py"))


CPU_TIMES: list[float] = []
"""The child's CPU time (user + system) of each timed run: what other load on the machine
changes least."""


def time_check(root: Path, *extra: str) -> tuple[float, float, dict]:
    report = root.parent / "bench-report.json"
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before, cpu_before = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    start = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "platform_lint",
            "check",
            str(root),
            "--offline",
            "--format",
            "json",
            "--output",
            str(report),
            "--fail-on",
            "never",
            *extra,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = usage.ru_maxrss
    CPU_TIMES.append(usage.ru_utime + usage.ru_stime - cpu_before)
    if proc.returncode != 0:
        sys.exit(f"check failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return wall, max(peak, before) / 1024.0, json.loads(report.read_text())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=100_000)
    parser.add_argument(
        "--folder",
        action="store_true",
        help="leave it a plain folder (file list from a walk) instead of a git repository",
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--base", action="store_true", help="also time `check --base HEAD~1` after a second commit"
    )
    parser.add_argument("--keep", type=Path, help="generate into this directory and keep it")
    parser.add_argument(
        "--kind",
        choices=("service", "library", "cli", "infrastructure"),
        help="judge the repository as this kind (a policy extending the pack with `kind:`), "
        "e.g. service so the service-only analyzers (probes, telemetry) run too",
    )
    args = parser.parse_args()

    base = args.keep or Path(tempfile.mkdtemp(prefix="platform-lint-bench-"))
    root = base / "repo"
    try:
        if not root.exists():
            t0 = time.perf_counter()
            root.mkdir(parents=True)
            count = generate(root, args.files)
            if not args.folder:
                make_git(root)
            kind = "folder" if args.folder else "git"
            print(f"generated {count} files in {time.perf_counter() - t0:.1f} s ({kind})")
            if args.base and not args.folder:
                print(f"second commit changes {second_commit(root)} files")
        print(f"byte-compiled {compile_package()} modules of platform-lint")
        if args.base:
            compare_base(root, args.files, max(args.runs, 5))
            return
        extra: tuple[str, ...] = ()
        if args.kind:
            policy = base / f"kind-{args.kind}.yml"
            policy.write_text(f"version: 1\nextends: [builtin:recommended]\nkind: {args.kind}\n")
            extra = ("--policy", str(policy))
        walls = []
        peak = 0.0
        report: dict = {}
        time_check(root, *extra)  # warm-up: the OS caches the files and git's index
        CPU_TIMES.clear()
        for _ in range(args.runs):
            wall, peak_run, report = time_check(root, *extra)
            walls.append(wall)
            peak = max(peak, peak_run)
        best = min(walls)
        s = report["summary"]
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
        judged = f", judged as {args.kind}" if args.kind else ""
        print(f"platform-lint check, recommended pack{judged}, {args.files} files (load average {load}):")
        print(
            f"  wall    median {statistics.median(walls):.2f} s, best {best:.2f} s, "
            f"runs {', '.join(f'{w:.2f}' for w in walls)}"
        )
        print(f"  cpu     median {statistics.median(CPU_TIMES):.2f} s (user + system, git included)")
        print(f"  speed   {args.files / best:,.0f} files/s")
        print(f"  memory  peak RSS {peak:.0f} MB")
        print(
            f"  result  level {s['level']}, {s['rules']['total']} rules, "
            f"{s['rules']['pass']} passed, {s['rules']['fail']} failed, {s['rules']['error']} errors, "
            f"{s['rules'].get('not-applicable', 0)} not applicable"
        )
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)


def compare_base(root: Path, files: int, runs: int) -> None:
    """Warm medians of `check` and `check --base HEAD~1` (runs interleaved, one warm-up each)."""
    plain: list[float] = []
    based: list[float] = []
    time_check(root)
    time_check(root, "--base", "HEAD~1")
    for _ in range(runs):
        plain.append(time_check(root)[0])
        based.append(time_check(root, "--base", "HEAD~1")[0])
    a, b = statistics.median(plain), statistics.median(based)
    print(f"platform-lint check, recommended pack, {files} files, warm median of {runs} runs:")
    print(f"  check                 {a:.2f} s  ({', '.join(f'{w:.2f}' for w in plain)})")
    print(f"  check --base HEAD~1   {b:.2f} s  ({', '.join(f'{w:.2f}' for w in based)})")
    print(f"  ratio                 {b / a:.2f}x")


if __name__ == "__main__":
    main()

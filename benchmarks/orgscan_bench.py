"""Time `platform-lint org-scan --local` and `org-report` over generated repositories.

    python benchmarks/orgscan_bench.py [--repos 200] [--files 40] [--concurrency K]
                                       [--months 1] [--keep DIR]

Generates N git repositories (OWNER/NAME under one folder, each one commit of a few dozen
files, at five levels of care: a bare README up to most of the recommended pack), then in
fresh processes runs `org-scan` (every repository scanned), `org-scan` again (every
repository unchanged), and `org-report --out SITE`, and prints wall time, repositories per
second and the peak memory (max RSS) of the largest process involved, workers included.
With --months M, M scans a month apart with some repositories improving in between, so the
report has a trend (how docs/images/dashboard.png was made). A template repository
(acme/service-template) is generated too; repositories from tier 2 up record it in a .cruft.json,
the template gains a commit each month and some repositories catch up with it, so golden-path
adoption and lag have a trend as well. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.com",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.com",
    "GIT_CONFIG_NOSYSTEM": "1",
}

CHANGELOG = (
    "# Changelog\n\nAll notable changes to this project are documented in this file.\n\n"
    "## [Unreleased]\n\n## [1.2.0] - 2026-01-01\n\n### Added\n\n- Things.\n\n"
    "[Unreleased]: https://example.com/compare/v1.2.0...HEAD\n"
    "[1.2.0]: https://example.com/releases/v1.2.0\n"
)

TIERS: list[dict[str, str]] = [
    {"README.md": "# Service\n"},
    {
        "README.md": "# Service\n\nThe service teams call to place and track orders.\n\n## Quickstart\n\n"
        "```sh\nmake run\n```\n",
        "LICENSE": "MIT\n",
        ".github/CODEOWNERS": "* @acme/team\n",
        "CHANGELOG.md": CHANGELOG,
    },
    {
        "Makefile": "run:\n\ttrue\n",
        ".github/workflows/ci.yml": "on: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - uses: actions/checkout@v4\n      - run: make test\n",
        ".editorconfig": "root = true\n\n[*]\nindent_style = space\n",
        "catalog-info.yaml": "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: svc}\n"
        "spec: {type: service, owner: group:team, lifecycle: production}\n",
        "pyproject.toml": "[project]\nname = 'svc'\nversion = '1.2.0'\n",
    },
    {
        "CONTRIBUTING.md": "# Contributing\n\nRun `make run`, change what you need, and open a pull request "
        "that says what changed for users and why.\n",
        ".github/dependabot.yml": "version: 2\nupdates:\n  - package-ecosystem: pip\n    directory: /\n"
        "    schedule: {interval: weekly}\n",
        ".github/workflows/release.yml": "on: push\njobs: {}\n",
        "docs/index.md": "# Docs\n\nSee the [guide](guide.md) and the [reference](reference.md).\n",
        "docs/guide.md": "# Guide\n",
        "docs/reference.md": "# Reference\n",
    },
    {
        "examples/hello.py": "print('hello')\n",
        ".pre-commit-config.yaml": "repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n"
        "    rev: v0.6.0\n    hooks:\n      - id: ruff\n",
        "docs/adr/0001-record-decisions.md": "# 1. Record architecture decisions\n\nAccepted.\n",
        ".github/ISSUE_TEMPLATE/bug.md": "# Bug\n",
        "METRICS.md": "# How we measure success\n",
        "templates/service/template.yaml": "apiVersion: scaffolder.backstage.io/v1beta3\nkind: Template\n"
        "metadata: {name: service}\nspec: {owner: team, type: service, steps: [{id: fetch}]}\n",
    },
]
"""Each tier adds to the ones before it (a repository at tier 3 has the files of tiers 0..3)."""


def files_for(tier: int, extra: int, seed: int) -> dict[str, str]:
    files: dict[str, str] = {}
    for level in range(tier + 1):
        files.update(TIERS[level])
    rng = random.Random(seed)
    for i in range(extra):
        package = rng.choice(("core", "api", "db", "util"))
        files[f"src/{package}/module_{i}.py"] = f"def f{i}():\n    return {i}\n"
    return files


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, env={**os.environ, **GIT_ENV}
    )


def write(repo: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = repo / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


TEMPLATE = "acme/service-template"
TEMPLATE_URL = f"https://github.com/{TEMPLATE}"
ON_PATH_FROM = 2
"""Repositories from this tier up were generated from the template (they record it in .cruft.json)."""


def head(repo: Path) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "HEAD"], check=True, capture_output=True, text=True
    ).stdout.strip()


def cruft(commit: str) -> dict[str, str]:
    return {".cruft.json": json.dumps({"template": TEMPLATE_URL, "commit": commit}) + "\n"}


def template(root: Path) -> str:
    """The service template's repository; returns its head commit."""
    repo = root / TEMPLATE
    repo.mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    write(repo, {"README.md": "# Service template\n", "cookiecutter.json": '{"name": "svc"}\n'})
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "initial", "--date", "2026-01-01T00:00:00Z")
    return head(repo)


def template_release(root: Path, month: int) -> str:
    """A new version of the template; returns its head commit."""
    repo = root / TEMPLATE
    write(repo, {"CHANGELOG.md": f"# Changelog\n\n## Release {month}\n"})
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", f"release {month}")
    return head(repo)


def generate(root: Path, count: int, extra: int) -> dict[str, int]:
    tiers = {}
    rng = random.Random(42)
    latest = template(root)
    for i in range(count):
        owner = ("acme", "acme-labs", "acme-infra")[i % 3]
        name = f"{rng.choice(('billing', 'search', 'auth', 'orders', 'catalog', 'payments'))}-{i:03d}"
        tier = rng.choices(range(len(TIERS)), weights=(3, 3, 4, 2, 1))[0]
        repo = root / owner / name
        repo.mkdir(parents=True)
        git(repo, "init", "-q", "-b", "main")
        write(repo, files_for(tier, extra, i))
        if tier >= ON_PATH_FROM:
            write(repo, cruft(latest))
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "initial", "--date", "2026-01-01T00:00:00Z")
        tiers[f"{owner}/{name}"] = tier
    return tiers


def improve(root: Path, tiers: dict[str, int], share: float, seed: int) -> int:
    """Move a share of the repositories up one tier (a commit each); returns how many moved. The
    template gains a commit first; a repository that moves records the template's new head."""
    rng = random.Random(seed)
    latest = template_release(root, seed)
    moved = 0
    for name, tier in sorted(tiers.items()):
        if tier + 1 < len(TIERS) and rng.random() < share:
            repo = root / name
            write(repo, TIERS[tier + 1])
            if tier + 1 >= ON_PATH_FROM:
                write(repo, cruft(latest))
            git(repo, "add", "-A")
            git(repo, "commit", "-q", "-m", "improve")
            tiers[name] = tier + 1
            moved += 1
    return moved


def run(args: list[str]) -> float:
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "platform_lint", *args], capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(f"platform-lint {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return elapsed


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repos", type=int, default=200)
    parser.add_argument(
        "--files", type=int, default=40, help="source files per repository, besides the tier's"
    )
    parser.add_argument(
        "--concurrency", type=int, default=None, help="org-scan --concurrency (default: its own)"
    )
    parser.add_argument(
        "--months", type=int, default=1, help="scans a month apart, improving repositories between"
    )
    parser.add_argument("--keep", type=Path, help="generate here and keep it (default: a temporary folder)")
    options = parser.parse_args()

    work = options.keep or Path(tempfile.mkdtemp(prefix="orgscan-bench-"))
    if options.keep and work.exists():
        shutil.rmtree(work)
    root, out, site = work / "repos", work / "out", work / "site"
    load_before = os.getloadavg()
    try:
        started = time.perf_counter()
        tiers = generate(root, options.repos, options.files)
        print(
            f"generated {options.repos} repositories and a template ({options.files} source files "
            "each, tiers "
            f"{[list(tiers.values()).count(t) for t in range(len(TIERS))]}) in "
            f"{time.perf_counter() - started:.1f} s"
        )
        workers = ["--concurrency", str(options.concurrency)] if options.concurrency else []
        first = dt.date(2026, 1, 15)
        for month in range(options.months):
            when = (
                first.replace(month=first.month + month) if first.month + month <= 12 else first
            ).isoformat()
            if month:
                moved = improve(root, tiers, 0.25, month)
                print(f"{when}: {moved} repositories improved")
            scan = [
                "org-scan",
                "--local",
                str(root),
                "--out",
                str(out),
                "--org",
                "acme",
                "--now",
                when,
                *workers,
            ]
            elapsed = run(scan)
            counts = json.loads((out / "manifest.json").read_text())["counts"]
            print(
                f"{when}: org-scan {elapsed:.2f} s, {(options.repos + 1) / elapsed:.1f} repositories/s "
                f"{counts}; "
                f"peak RSS so far {peak_mib():.0f} MiB (largest process)"
            )
        again = work / "out-again"  # a copy, so the history the report draws has one scan a month
        shutil.copytree(out, again)
        elapsed = run(["org-scan", "--local", str(root), "--out", str(again), "--now", when, *workers])
        counts = json.loads((again / "manifest.json").read_text())["counts"]
        rate = (options.repos + 1) / elapsed  # and the template
        print(f"again, nothing changed: org-scan {elapsed:.2f} s, {rate:.1f} repositories/s {counts}")
        elapsed = run(["org-report", str(out), "--out", str(site), "--now", when])
        size = (site / "index.html").stat().st_size
        print(f"org-report {elapsed:.2f} s (index.html {size / 1024:.0f} KiB); peak RSS {peak_mib():.0f} MiB")
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        print(
            f"cores available: {cores}; load average (1, 5, 15 min) before: "
            f"{', '.join(f'{x:.2f}' for x in load_before)}; after: "
            f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}"
        )
        if options.keep:
            print(f"kept in {work} (dashboard: {site / 'index.html'})")
    finally:
        if not options.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

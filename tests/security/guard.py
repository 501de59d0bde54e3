"""Run platform-lint (or a snippet) in a child process that cannot hang the test run.

The hostile inputs these tests feed to platform-lint used to take minutes or all the
memory there is. The child gets a generous time limit and a cap on its address space;
a test fails when the child hits either, and otherwise asserts on what it printed.
Nothing here measures speed: benchmarks/hostile_bench.py prints the figures.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import platform_lint

TIMEOUT = 60.0
"""Seconds a child may run: far above what a bounded run needs, far below a hang."""

MEMORY = 1024 * 1024 * 1024
"""Bytes of address space a child may map (keeps an alias bomb from eating the machine)."""


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    env.pop("GH_TOKEN", None)
    env["NO_COLOR"] = "1"
    src = Path(platform_lint.__file__).resolve().parents[1]
    env["PYTHONPATH"] = str(src)
    return env


def _limit() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run_guarded(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            args,
            cwd=cwd,
            capture_output=True,
            text=True,
            env=_env(),
            timeout=TIMEOUT,
            preexec_fn=_limit,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"did not finish within {TIMEOUT:.0f} s: {' '.join(args)[:200]}")


def cli(cwd: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """``platform-lint ARGV`` in a guarded child; stdout and stderr as text."""
    proc = run_guarded([sys.executable, "-m", "platform_lint", *argv], cwd)
    assert "MemoryError" not in proc.stderr, proc.stderr[-2000:]
    return proc


def check_json(repo: Path, *argv: str) -> tuple[int, dict[str, Any], str]:
    """``check REPO --format json`` in a guarded child: exit code, report, stderr."""
    proc = cli(repo, "check", str(repo), "--format", "json", "--offline", "--now", "2026-06-01", *argv)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    return proc.returncode, json.loads(proc.stdout), proc.stderr


def python(code: str, cwd: Path) -> str:
    """Run a Python snippet in a guarded child; its stdout (fails the test on any error)."""
    proc = run_guarded([sys.executable, "-c", code], cwd)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def rule(report: dict[str, Any], rule_id: str) -> dict[str, Any]:
    return next(r for r in report["rules"] if r["id"] == rule_id)


def no_rule_in_error(report: dict[str, Any]) -> None:
    """A hostile repository gives findings, never a rule left in 'error'."""
    broken = {r["id"]: r["reason"] for r in report["rules"] if r["state"] == "error"}
    assert not broken, broken


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)

"""Time `platform-lint` on hostile repositories and policies.

    python benchmarks/hostile_bench.py [--timeout 60] [--memory-mib 2048] [--only NAME ...]

A pull request from a stranger controls the repository under check and its policy. Each
case below builds one such input in a temporary folder and runs platform-lint on it in a
fresh process, capped at --timeout seconds and --memory-mib of address space, and prints
the wall time (and the CPU time the child used), the exit code, the child's peak memory and
the first line it wrote to stderr. A bounded platform-lint finishes every case in about a
second with exit 0, 1 or 2 and no "internal error". Nothing here asserts a time: the
figures are for people to read.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

NOW = "2026-06-01"

BOMB = """\
a0: &a0 [x, x, x, x, x, x, x, x, x]
a1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]
a2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]
a3: &a3 [*a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2]
a4: &a4 [*a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3]
a5: &a5 [*a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4]
a6: &a6 [*a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5]
a7: &a7 [*a6, *a6, *a6, *a6, *a6, *a6, *a6, *a6, *a6]
a8: &a8 [*a7, *a7, *a7, *a7, *a7, *a7, *a7, *a7, *a7]
"""
"""A billion laughs: nine levels of nine aliases, 9**9 scalars once expanded."""

RULE = """\
  - id: team.hostile
    title: hostile
    characteristic: developer-first-design
    level: bronze
    severity: error
    check:
      type: {type}
      params: {params}
    remediation: fix it
"""


def policy(check_type: str, params: str, extra: str = "") -> str:
    return "version: 1\nrules:\n" + RULE.format(type=check_type, params=params) + extra


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.com"}
    env |= {"GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.com"}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def spec_json(extra: str) -> str:
    return (
        '{"openapi": "3.0.3", "info": {"title": "t", "version": "1.0.0"}, '
        '"paths": {"/pets": {"get": {"responses": {"200": {"description": "ok"}}}}}' + extra + "}"
    )


def case_readme_blank(root: Path) -> list[str]:
    write(root, {"README.md": "\n" * 20_000})
    return ["check", str(root)]


def case_graphql_blank(root: Path) -> list[str]:
    write(root, {"README.md": "# x\n", "schema.graphql": "\n" * 20_000})
    return ["check", str(root)]


def case_proto_blank(root: Path) -> list[str]:
    write(root, {"README.md": "# x\n", "api.proto": "\n" * 20_000})
    return ["check", str(root)]


def case_spec_json_spaces(root: Path) -> list[str]:
    write(root, {"README.md": "# x\n", "api.json": '{"openapi"' + " " * 20_000 + "x"})
    return ["check", str(root)]


def case_regex_nested(root: Path) -> list[str]:
    write(
        root,
        {
            "README.md": "a" * 32 + "b\n",
            ".platform-lint.yml": policy("file-contains", "{paths: [README.md], pattern: '(a+)+$'}"),
        },
    )
    return ["check", str(root)]


def case_regex_backreference(root: Path) -> list[str]:
    write(
        root,
        {
            "README.md": "x\n",
            ".platform-lint.yml": policy("file-not-contains", "{paths: [README.md], pattern: '(a)\\1'}"),
        },
    )
    return ["check", str(root)]


def case_glob_braces_30(root: Path) -> list[str]:
    write(
        root,
        {
            "README.md": "x\n",
            ".platform-lint.yml": policy("file-exists", "{paths: ['" + "{a,b}" * 30 + "']}"),
        },
    )
    return ["check", str(root)]


def case_glob_stars(root: Path) -> list[str]:
    glob = "*a" * 40 + "*b"
    write(
        root,
        {
            "a" * 200: "x\n",
            "README.md": "x\n",
            ".platform-lint.yml": policy("file-exists", "{paths: ['" + glob + "']}"),
        },
    )
    return ["check", str(root)]


def case_glob_open_braces(root: Path) -> list[str]:
    write(
        root,
        {"README.md": "x\n", ".platform-lint.yml": policy("file-exists", "{paths: ['" + "{" * 3000 + "']}")},
    )
    return ["check", str(root)]


def case_glob_nested_braces(root: Path) -> list[str]:
    write(
        root,
        {
            "README.md": "x\n",
            ".platform-lint.yml": policy("file-exists", "{paths: ['" + "{a," * 3000 + "}" * 3000 + "']}"),
        },
    )
    return ["check", str(root)]


def case_yaml_bomb_catalog(root: Path) -> list[str]:
    write(root, {"README.md": "# x\n", "catalog-info.yaml": BOMB})
    return ["check", str(root)]


def case_yaml_bomb_openapi(root: Path) -> list[str]:
    write(root, {"README.md": "# x\n", "openapi.yaml": "openapi: 3.0.3\n" + BOMB})
    return ["check", str(root)]


def case_yaml_bomb_policy(root: Path) -> list[str]:
    write(
        root,
        {
            "README.md": "# x\n",
            ".platform-lint.yml": "version: 1\nextends: [builtin:recommended]\n"
            + BOMB.replace("a0:", "x-a0:").replace("\na", "\nx-a"),
        },
    )
    return ["check", str(root)]


def case_json_deep_openapi(root: Path) -> list[str]:
    write(root, {"README.md": "# x\n", "openapi.json": spec_json(', "x": ' + "[" * 100_000 + "]" * 100_000)})
    return ["check", str(root)]


def case_json_deep_catalog(root: Path) -> list[str]:
    write(
        root,
        {
            "README.md": "# x\n",
            "catalog-info.json": "[" * 100_000 + "]" * 100_000,
            ".platform-lint.yml": policy("document-matches", "{paths: ['*.json'], schema: {type: object}}"),
        },
    )
    return ["check", str(root)]


def case_yaml_deep_catalog(root: Path) -> list[str]:
    write(root, {"README.md": "# x\n", "catalog-info.yaml": "[" * 5000 + "]" * 5000})
    return ["check", str(root)]


def case_json_bigint_base(root: Path) -> list[str]:
    removed = spec_json(', "x-big": ' + "9" * 5000)
    write(root, {"README.md": "# x\n", "api.json": spec_json("")})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    write(root, {"api.json": removed.replace('"/pets"', '"/cats"')})
    git(root, "commit", "-q", "-am", "head")
    return ["check", str(root), "--base", "HEAD~1"]


def case_policy_deep(root: Path) -> list[str]:
    write(
        root, {"README.md": "# x\n", ".platform-lint.yml": "version: 1\nx: " + "[" * 300 + "]" * 300 + "\n"}
    )
    return ["check", str(root)]


def case_policy_date(root: Path) -> list[str]:
    waiver = "waivers:\n  - rule: team.hostile\n    reason: r\n    expires: 2026-13-45\n"
    write(
        root,
        {"README.md": "# x\n", ".platform-lint.yml": policy("file-exists", "{paths: [README.md]}", waiver)},
    )
    return ["check", str(root)]


def case_policy_long_extends(root: Path) -> list[str]:
    write(root, {"README.md": "# x\n", ".platform-lint.yml": "version: 1\nextends: ['" + "a" * 5000 + "']\n"})
    return ["check", str(root)]


def case_policy_many_extends(root: Path) -> list[str]:
    text = "version: 1\nextends:\n" + "  - builtin:recommended\n" * 2000
    write(root, {"README.md": "# x\n", ".platform-lint.yml": text})
    return ["check", str(root)]


def case_catalog_large_flow(root: Path) -> list[str]:
    line = "  x-{i}: [" + ", ".join(["[" * 100 + "1" + "]" * 100] * 4) + "]\n"
    filler = "".join(line.replace("{i}", str(i)) for i in range(2500))  # about 2 MiB
    write(root, {"README.md": "# x\n", "catalog-info.yaml": "kind: Component\nmetadata:\n" + filler})
    return ["check", str(root)]


def case_hostile_repository_end_to_end(root: Path) -> list[str]:
    """Every hostile input at once, with a hostile policy extending the built-in pack: the
    repository of tests/hostile/test_hostile_repository.py (its URLs name a closed port)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from hostile.e2e import build  # the test's own builder, so both time the same repository

    build(root / "repo", 9)
    return ["check", str(root / "repo")]


CASES: dict[str, Callable[[Path], list[str]]] = {
    name[len("case_") :].replace("_", "-"): fn for name, fn in globals().items() if name.startswith("case_")
}


def remove(top: Path) -> None:
    """``rm -rf`` without recursion (shutil.rmtree recurses once per level: a case 1,200 folders
    deep is past Python's recursion limit)."""
    order: list[str] = []
    stack = [str(top)]
    while stack:
        folder = stack.pop()
        order.append(folder)
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(entry.path)
                    else:
                        os.unlink(entry.path)
        except FileNotFoundError:
            continue
    for folder in reversed(order):
        shutil.rmtree(folder, ignore_errors=True)  # empty by now: no recursion left


def run_case(name: str, timeout: float, memory: int) -> str:
    root = Path(tempfile.mkdtemp(prefix=f"hostile-{name}-"))
    try:
        argv = CASES[name](root)

        def limit() -> None:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

        report = root.parent / f"{root.name}.json"
        cmd = [sys.executable, "-m", "platform_lint", *argv, "--now", NOW, "--offline", "--fail-on", "never"]
        cmd += ["--format", "json", "--output", str(report)]
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=limit, cwd=root
        )
        assert proc.stderr is not None
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        timer.cancel()
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if elapsed >= timeout:
            return f"{name:24} > {timeout:.0f} s   killed (timeout)"
        peak = usage.ru_maxrss // 1024
        lines = err.decode("utf-8", "replace").strip().splitlines()
        first = next((x for x in lines if "internal error" in x or "Error" in x), lines[0] if lines else "")
        if not first and report.is_file():
            errors = [r for r in json.loads(report.read_text())["rules"] if r["state"] == "error"]
            first = f"rules in error: {len(errors)}" + "".join(f"; {r['id']}: {r['reason']}" for r in errors)
        cpu = usage.ru_utime + usage.ru_stime  # what the child used, whatever else the machine runs
        return (
            f"{name:24} {elapsed:7.2f} s (cpu {cpu:6.2f} s)   exit {proc.returncode:3}   "
            f"peak {peak:5} MiB   {first[:110]}"
        )
    finally:
        remove(root)
        (root.parent / f"{root.name}.json").unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--memory-mib", type=int, default=2048)
    parser.add_argument("--only", nargs="*", choices=sorted(CASES), default=None)
    args = parser.parse_args()
    for name in args.only or CASES:
        print(run_case(name, args.timeout, args.memory_mib * 1024 * 1024), flush=True)


if __name__ == "__main__":
    main()

"""Time loading and diffing API contracts (not a test: prints figures, asserts nothing).

    python benchmarks/contracts_bench.py                 # Stripe pair from $PLATFORM_LINT_SHARED
    python benchmarks/contracts_bench.py --synthetic 500 1000 2000 [--yaml]
    python benchmarks/contracts_bench.py --validate      # also time validating the new spec
    python benchmarks/contracts_bench.py --validate --reference   # and openapi-spec-validator's
    python benchmarks/contracts_bench.py --repeat 5      # best of 5 fresh processes (default 3)

Each measurement runs in a fresh process so peak RSS is the run's own.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

LARGE = "acceptance/openapi/large"


def synthetic(operations: int, variant: int) -> dict[str, Any]:
    """A spec with ``operations`` operations over shared schemas; variant 1 changes some of them."""
    schemas: dict[str, Any] = {}
    paths: dict[str, Any] = {}
    for i in range(max(1, operations // 4)):
        props = {f"field{j}": {"type": "string", "maxLength": 100} for j in range(12)}
        props["child"] = {"$ref": f"#/components/schemas/Thing{(i + 1) % max(1, operations // 4)}"}
        required = ["field0", "field1"]
        if variant and i % 10 == 0:
            del props["field1"]
            props["added"] = {"type": "integer"}
        schemas[f"Thing{i}"] = {"type": "object", "properties": props, "required": required}
    for i in range(operations):
        resource_name = f"/things{i // 4}/{{id}}"
        method = ("get", "put", "post", "delete")[i % 4]
        ref = {"$ref": f"#/components/schemas/Thing{i // 4}"}
        limit = {"type": "integer", "maximum": 100 - (variant and i % 7 == 0)}
        op: dict[str, Any] = {
            "operationId": f"op{i}",
            "parameters": [
                {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
                {"name": "limit", "in": "query", "schema": limit},
            ],
            "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": ref}}}},
        }
        if method in ("put", "post"):
            op["requestBody"] = {"content": {"application/json": {"schema": ref}}}
        paths.setdefault(resource_name, {})[method] = op
    return {
        "openapi": "3.0.3",
        "info": {"title": "synthetic", "version": f"1.{variant}.0"},
        "paths": paths,
        "components": {"schemas": schemas},
    }


def _reference_validation(data: Any) -> tuple[float, int]:
    """openapi-spec-validator's own validation (its pure-Python backend), for comparison."""
    os.environ["OPENAPI_SPEC_VALIDATOR_SCHEMA_VALIDATOR_BACKEND"] = "jsonschema"
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    cls = (
        OpenAPIV31SpecValidator if str(data.get("openapi", "")).startswith("3.1") else OpenAPIV30SpecValidator
    )
    start = time.perf_counter()
    errors = sum(1 for _ in cls(data).iter_errors())
    return time.perf_counter() - start, errors


def measure(old: str, new: str, validate: bool, reference: bool = False) -> dict[str, Any]:
    from platform_lint.families.contracts.bundle import load_bundle
    from platform_lint.families.contracts.diff.engine import diff_bundles
    from platform_lint.families.contracts.validate import find_problems

    start = time.perf_counter()
    a = load_bundle(Path(old).name, lambda _p: Path(old).read_text())
    b = load_bundle(Path(new).name, lambda _p: Path(new).read_text())
    loaded = time.perf_counter()
    cpu = time.process_time()
    changes = diff_bundles(a, b, dt.date.today())
    done = time.perf_counter()
    out = {
        "load_s": round(loaded - start, 3),
        "diff_s": round(done - loaded, 3),
        "diff_cpu_s": round(time.process_time() - cpu, 3),  # steadier than wall time on a busy machine
        "wall_s": round(done - start, 3),
        "changes": len(changes),
        "breaking": sum(1 for c in changes if c.level == "error"),
    }
    if validate:
        # the first run includes compiling the meta-schemas (as in a `check` run); the second is warm
        t = time.perf_counter()
        issues = find_problems(b.docs(), b.root)
        out["validate_new_s"] = round(time.perf_counter() - t, 3)
        t = time.perf_counter()
        find_problems(b.docs(), b.root)
        out["validate_new_warm_s"] = round(time.perf_counter() - t, 3)
        out["validation_issues"] = len(issues)
    if reference:
        seconds, errors = _reference_validation(b.data)
        out["openapi_spec_validator_s"] = round(seconds, 3)
        out["openapi_spec_validator_issues"] = errors
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def _child(old: str, new: str, validate: bool, repeat: int = 1, reference: bool = False) -> dict[str, Any]:
    """Measure in fresh processes; with ``repeat`` > 1, the run with the least diff CPU time."""
    args = [sys.executable, __file__, "--measure", old, new] + (["--validate"] if validate else [])
    args += ["--reference"] if reference else []
    runs = []
    for _ in range(max(1, repeat)):
        proc = subprocess.run(args, capture_output=True, text=True, check=True)
        runs.append(dict(json.loads(proc.stdout.strip().splitlines()[-1])))
    best = min(runs, key=lambda r: r["diff_cpu_s"])
    if repeat > 1:
        best["runs"] = repeat
    return best


def _cli_diff(old: str, new: str, runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU (user + system) seconds of `platform-lint diff OLD NEW --format json`, as a
    user runs it: a fresh process each time, byte code cached (the first run writes it and is not
    counted). On a busy machine the CPU figure is the steadier one."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    walls, cpus = [], []
    for _ in range(runs + 1):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "platform_lint",
                "diff",
                old,
                new,
                "--format",
                "json",
                "--fail-on",
                "never",
            ],
            capture_output=True,
            check=True,
            env=env,
        )
        walls.append(round(time.perf_counter() - start, 3))
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(round(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, 3))
    return walls[1:], cpus[1:]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--measure", nargs=2)
    parser.add_argument("--synthetic", nargs="*", type=int)
    parser.add_argument("--yaml", action="store_true", help="write the synthetic specs as YAML")
    parser.add_argument("--validate", action="store_true")
    parser.add_argument(
        "--reference", action="store_true", help="also time openapi-spec-validator on the new spec"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="fresh processes per measurement (best is shown)"
    )
    parser.add_argument("--shared", default=os.environ.get("PLATFORM_LINT_SHARED", "../shared"))
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure[0], args.measure[1], args.validate, args.reference)))
        return
    if args.synthetic is not None:
        import tempfile

        import yaml

        with tempfile.TemporaryDirectory() as tmp:
            for count in args.synthetic or [500, 1000, 2000]:
                files = []
                for variant in (0, 1):
                    doc = synthetic(count, variant)
                    path = Path(tmp) / f"s{count}-{variant}.{'yaml' if args.yaml else 'json'}"
                    path.write_text(yaml.safe_dump(doc) if args.yaml else json.dumps(doc, indent=1))
                    files.append(str(path))
                size = sum(Path(f).stat().st_size for f in files) / 2 / 1e6
                result = _child(files[0], files[1], args.validate, args.repeat, args.reference)
                print(f"synthetic {count} operations ({size:.1f} MB each): {result}")
        return
    large = Path(args.shared) / LARGE
    old, new = large / "stripe-2021-10-15.json", large / "stripe-2022-04-12.json"
    if not old.exists():
        sys.exit(f"{old} not found; set PLATFORM_LINT_SHARED or pass --shared")
    result = _child(str(old), str(new), args.validate, args.repeat, args.reference)
    print(f"stripe 2021-10-15 -> 2022-04-12: {result}")
    walls, cpus = _cli_diff(str(old), str(new), max(args.repeat, 5))
    print(
        f"platform-lint diff (the command, a fresh process each run, {len(walls)} runs): "
        f"wall median {sorted(walls)[len(walls) // 2]:.2f} s ({', '.join(f'{w:.2f}' for w in walls)}), "
        f"CPU median {sorted(cpus)[len(cpus) // 2]:.2f} s ({', '.join(f'{c:.2f}' for c in cpus)})"
    )
    print("an unchanged file is not validated again: contracts.valid compares SHA-256 digests with the base")


if __name__ == "__main__":
    main()

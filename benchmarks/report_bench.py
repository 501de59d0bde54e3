"""Time reading and rendering a large JSON report: what `publish` and `badge` pay per run.

    python benchmarks/report_bench.py [--findings 50000] [--rules 18] [--runs 3]

Writes a synthetic report (open findings spread over rules, a fifth of them new) to a
temporary file, then times, best of N: ``load`` (parse, validate against the schema, build
the model), building the model from the parsed dict alone, writing it back as JSON, and
each format in the report registry. Nothing here asserts a time: the figures are for
people to read.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from platform_lint.model import CHARACTERISTIC_TITLES, CHARACTERISTICS, LEVELS
from platform_lint.report import registry
from platform_lint.report.load import load
from platform_lint.report.model import from_dict, to_json
from platform_lint.report.reporter import RenderOptions


def _finding(rule_id: str, i: int, severity: str) -> dict[str, Any]:
    return {
        "code": "missing-header",
        "message": f"file number {i} lacks a licence header",
        "severity": severity,
        "status": "open",
        "fingerprint": hashlib.sha256(f"{rule_id}/{i}".encode()).hexdigest()[:32],
        "new": i % 5 == 0,
        "location": {
            "path": f"src/pkg{i % 97}/module_{i}.py",
            "line": 1 + i % 300,
            "column": 1 + i % 7,
            "end_line": None,
            "end_column": None,
            "snippet": None,
        },
        "waiver": None,
        "args": {"n": i},
    }


def synthetic_report(findings: int, rules: int) -> dict[str, Any]:
    rule_list = []
    for index in range(rules):
        rule_id = f"bulk.rule-{index:02d}"
        severity = ("error", "warning", "notice")[index % 3]
        count = findings // rules + (1 if index < findings % rules else 0)
        rule_list.append(
            {
                "id": rule_id,
                "title": f"Bulk rule {index}",
                "characteristic": CHARACTERISTICS[index % len(CHARACTERISTICS)],
                "level": LEVELS[index % 3],
                "severity": severity,
                "check_type": "file-contains",
                "state": "fail",
                "reason": None,
                "remediation": "Add the licence header.",
                "docs_url": None,
                "findings": [_finding(rule_id, i, severity) for i in range(count)],
                "evidence": [],
            }
        )
    all_findings = [f for r in rule_list for f in r["findings"]]
    return {
        "schema_version": 1,
        "tool": {"name": "platform-lint", "version": "bench"},
        "generated_at": "2026-01-01T00:00:00Z",
        "target": "bench",
        "base_ref": "origin/main",
        "policy": {"sources": ["builtin:recommended"]},
        "summary": {
            "level": "none",
            "next_level": "bronze",
            "score": 0,
            "rules": {
                "total": rules,
                "pass": 0,
                "fail": rules,
                "waived": 0,
                "not-applicable": 0,
                "error": 0,
            },
            "findings": {
                "open": len(all_findings),
                "new": sum(1 for f in all_findings if f["new"]),
                "waived": 0,
                "by_severity": {
                    s: sum(1 for f in all_findings if f["severity"] == s)
                    for s in ("error", "warning", "notice")
                },
            },
        },
        "characteristics": [
            {
                "id": c,
                "title": CHARACTERISTIC_TITLES[c],
                "score": 0,
                "level": "none",
                "passed": 0,
                "failed": 1,
                "waived": 0,
                "not_applicable": 0,
                "errors": 0,
            }
            for c in CHARACTERISTICS
        ],
        "gaps": [],
        "rules": rule_list,
        "notices": [],
    }


def best_of(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--findings", type=int, default=50_000)
    parser.add_argument("--rules", type=int, default=18)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    data = synthetic_report(args.findings, args.rules)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.json"
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")
        size = path.stat().st_size
        print(f"report: {args.findings:,} findings in {args.rules} rules, {size / 1e6:.1f} MB of JSON")
        report = from_dict(data)
        rows = [
            ("load (parse, validate, build)", best_of(args.runs, lambda: load(path))),
            ("build the model from a dict", best_of(args.runs, lambda: from_dict(data))),
            ("write JSON back", best_of(args.runs, lambda: to_json(report))),
        ]
        options = RenderOptions()
        for name, reporter in registry.REPORTERS.items():
            rows.append((f"render {name}", best_of(args.runs, lambda r=reporter: r.render(report, options))))
    width = max(len(label) for label, _ in rows)
    for label, seconds in rows:
        print(f"  {label.ljust(width)}  {seconds:8.3f} s   {args.findings / seconds:>12,.0f} findings/s")


if __name__ == "__main__":
    main()

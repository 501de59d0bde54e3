"""Acceptance: platform-lint's OpenAPI verdicts against the pairs extracted from oasdiff's test suite.

Collected only when PLATFORM_LINT_SHARED names the shared data folder. Every
disagreement is printed with its case; the strong cases must agree at least 95%.
Dates in the pairs (x-sunset) are judged against today's date.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

from platform_lint.families.contracts.bundle import load_bundle
from platform_lint.families.contracts.diff.engine import diff_bundles
from platform_lint.families.contracts.diff.model import Change

ROOT = Path(os.environ.get("PLATFORM_LINT_SHARED", "")) / "acceptance" / "openapi" / "oasdiff"
TARGET = 0.95


def _load(relative: str) -> Any:
    full = ROOT / relative

    def reader(name: str) -> str | None:
        try:
            return (full.parent / name).read_text(encoding="utf-8")
        except OSError:
            return None

    bundle = load_bundle(full.name, reader)
    assert bundle.error is None, f"{relative}: {bundle.error}"
    return bundle


def _agrees(expected: str, changes: list[Change]) -> bool:
    levels = {c.level for c in changes}
    if expected == "breaking":
        return "error" in levels
    if expected == "warning":
        return bool(levels & {"error", "warning"})
    return "error" not in levels


def _verdicts() -> tuple[list[dict[str, Any]], list[tuple[dict[str, Any], list[Change]]]]:
    cases = json.loads((ROOT / "cases.json").read_text())["cases"]
    today = dt.date.today()
    results = []
    for case in cases:
        changes = diff_bundles(_load(case["base"]), _load(case["revision"]), today)
        results.append((case, changes))
    return cases, results


def test_strong_cases_agree() -> None:
    _, results = _verdicts()
    strong = [(c, ch) for c, ch in results if c["strength"] == "strong"]
    disagreements = [(c, ch) for c, ch in strong if not _agrees(c["expected"], ch)]
    weak_off = [(c, ch) for c, ch in results if c["strength"] == "weak" and not _agrees(c["expected"], ch)]
    for label, items in (("strong", disagreements), ("weak (informational)", weak_off)):
        for case, changes in items:
            found = ", ".join(sorted({f"{c.id}:{c.level}" for c in changes})) or "no change"
            print(
                f"DISAGREE [{label}] {case['id']} expected {case['expected']} "
                f"({case['base']} -> {case['revision']}; oasdiff: {', '.join(case['oasdiff_rules'])}); "
                f"platform-lint: {found}"
            )
    agreement = 1 - len(disagreements) / len(strong)
    print(
        f"strong cases: {len(strong) - len(disagreements)}/{len(strong)} agree ({agreement:.1%}); "
        f"weak cases: {len(results) - len(strong) - len(weak_off)}/{len(results) - len(strong)} agree"
    )
    assert agreement >= TARGET, f"{agreement:.1%} agreement on strong cases, below {TARGET:.0%}"

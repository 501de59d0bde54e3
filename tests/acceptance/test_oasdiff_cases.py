"""Acceptance: platform-lint's OpenAPI verdicts against the pairs extracted from oasdiff's test suite.

Collected only when PLATFORM_LINT_SHARED names the shared data folder. The strong
cases must agree at least 97%. Every disagreement is printed with its case and, for
the strong ones, the reason from ``KNOWN`` (platform-lint's side of it, also
described in docs/contracts.md); a strong disagreement that is not listed fails the
test, and so does a listed case that now agrees (so the list stays true). Dates in
the pairs (x-sunset) are judged against today's date.
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
TARGET = 0.97

# Strong cases where platform-lint deliberately gives another verdict, and why.
KNOWN: dict[str, str] = {
    "oasdiff-075": "the allOf branches added (Rabbit, Breed3) repeat what the other branches already require "
    "(an object with a string `name`): no request valid before is rejected, so platform-lint reports nothing",
    "oasdiff-139": "an annotation-only allOf branch changes nothing; oasdiff's own test asserts the INFO "
    "rule and asserts that the ERR rule is NOT reported (the case's 'breaking' label comes from that "
    "negative assertion) - platform-lint agrees with oasdiff's behaviour",
    "oasdiff-140": "as oasdiff-139, with the annotation-only allOf on a property",
    "oasdiff-143": "anyOf branch Cat replaced by Rabbit, whose content is the same: the same requests are "
    "accepted, so platform-lint reports no change (oasdiff compares branch names)",
    "oasdiff-268": "a request property that listed [alpha, beta] now accepts any string or integer: every "
    "value accepted before still is (and the new oneOf branches cannot overlap), so it is non-breaking",
}


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
            reason = KNOWN.get(case["id"], "NOT LISTED" if label == "strong" else "")
            print(
                f"DISAGREE [{label}] {case['id']} expected {case['expected']} "
                f"({case['base']} -> {case['revision']}; oasdiff: {', '.join(case['oasdiff_rules'])}); "
                f"platform-lint: {found}" + (f"\n    why: {reason}" if reason else "")
            )
    agreement = 1 - len(disagreements) / len(strong)
    print(
        f"strong cases: {len(strong) - len(disagreements)}/{len(strong)} agree ({agreement:.1%}); "
        f"weak cases: {len(results) - len(strong) - len(weak_off)}/{len(results) - len(strong)} agree"
    )
    unlisted = sorted(c["id"] for c, _ in disagreements if c["id"] not in KNOWN)
    stale = sorted(set(KNOWN) - {c["id"] for c, _ in disagreements})
    assert not unlisted, f"strong disagreements without a reason in KNOWN: {unlisted}"
    assert not stale, f"listed in KNOWN but agreeing now (remove them): {stale}"
    assert agreement >= TARGET, f"{agreement:.1%} agreement on strong cases, below {TARGET:.0%}"

"""The dashboard in headless Chromium: its script runs under its own CSP, a click on a column
heading reorders the rows, the filter hides rows, nothing is fetched; a screenshot is saved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from orgscan.cdp import Browser, find_chromium
from orgscan.helpers import BARE, BRONZE, CONTRIBUTING, SILVER_EXTRA, make_repo, org_scan
from platform_lint.cli import run

VARIANTS = {
    "api": {**BRONZE, **SILVER_EXTRA},
    "billing": BRONZE,
    "checkout": {**BRONZE, "CONTRIBUTING.md": CONTRIBUTING},
    "docs": BARE,
    "edge": {**BARE, "LICENSE": "MIT\n", "Makefile": "all:\n"},
    "flags": {**BRONZE, "docs/index.md": "# Docs\n", ".github/dependabot.yml": "version: 2\n"},
}

ROWS = (
    "Array.from(document.querySelectorAll('#repos tbody tr')).filter(r => !r.hidden)"
    ".map(r => r.cells[0].innerText.split(' ')[0])"
)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "repos"
    for name, files in VARIANTS.items():
        make_repo(root / "acme" / name, files)
    out, site = tmp_path / "out", tmp_path / "site"
    assert org_scan(root, out) == 0
    assert run(["org-report", str(out), "--out", str(site), "--now", "2026-01-15"]) == 0
    return site


@pytest.mark.browser
def test_dashboard_sorts_filters_and_renders(site: Path, tmp_path: Path) -> None:
    binary = find_chromium()
    if binary is None:
        pytest.skip("no Chromium binary on this machine")
    reports = {f"acme/{n}": json.loads((site / f"reports/acme/{n}.json").read_text()) for n in VARIANTS}
    scores = {name: r["summary"]["score"] for name, r in reports.items()}
    browser = Browser(binary, tmp_path / "profile")
    try:
        browser.open((site / "index.html").as_uri())
        assert browser.evaluate("document.getElementById('shown').textContent") == "6 of 6 shown"

        browser.click("#repos thead th:nth-child(3) button")  # Score
        by_score = browser.evaluate(ROWS)
        assert by_score == sorted(scores, key=lambda n: (-scores[n], n))
        assert (
            browser.evaluate("document.querySelector('#repos th:nth-child(3)').getAttribute('aria-sort')")
            == "descending"
        )

        browser.click("#repos thead th:nth-child(3) button")  # again: the other way
        assert browser.evaluate(ROWS) == sorted(scores, key=lambda n: (scores[n], n))

        browser.click("#repos thead th:nth-child(1) button")  # Repository: by name
        assert browser.evaluate(ROWS) == sorted(scores)

        browser.type_text("#filter", "checkout")
        assert browser.evaluate(ROWS) == ["acme/checkout"]
        assert browser.evaluate("document.getElementById('shown').textContent") == "1 of 6 shown"
        browser.evaluate(
            "const f = document.getElementById('filter'); f.value = ''; f.dispatchEvent(new Event('input'))"
        )

        trend_points = browser.evaluate("document.querySelectorAll('#trend svg circle').length")
        assert trend_points == 4  # one scan, four series
        shot = tmp_path / "dashboard.png"
        browser.screenshot(shot)
        assert browser.problems() == []  # no CSP refusal, no script error, nothing fetched
    finally:
        browser.close()
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000

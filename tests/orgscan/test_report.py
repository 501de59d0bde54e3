"""org-report: the Markdown summary and the site (dashboard, reports, badges) over scan folders."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from orgscan.helpers import BARE, BRONZE, SILVER_EXTRA, commit, make_repo, manifest, org_scan, report
from platform_lint.cli import run


@pytest.fixture
def org(tmp_path: Path) -> Path:
    root = tmp_path / "repos"
    make_repo(root / "acme" / "api", {**BRONZE, **SILVER_EXTRA})
    make_repo(root / "acme" / "web", BRONZE)
    make_repo(root / "acme" / "worker", BRONZE)
    make_repo(root / "acme" / "notes", BARE)
    (root / "acme" / "broken" / ".git").mkdir(parents=True)
    return root


def _summary(capsys: pytest.CaptureFixture[str], *folders: Path) -> str:
    capsys.readouterr()
    assert run(["org-report", *map(str, folders)]) == 0
    return capsys.readouterr().out


def _section(markdown: str, title: str) -> str:
    return markdown.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def _table(section: str) -> list[list[str]]:
    rows = [line for line in section.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split(" | ")] for row in rows[2:]]


def test_summary_levels_adoption_gaps_and_ranking(
    org: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert org_scan(org, out) == 0
    md = _summary(capsys, out)
    names = ("acme/api", "acme/web", "acme/worker", "acme/notes")
    reports = {n: report(out, n) for n in names}
    assert md.startswith("# platform-lint org report: acme\n")  # the one owner of them all
    assert "5 repositories: 4 scanned, 1 failed." in md

    levels = {row[0]: int(row[1]) for row in _table(_section(md, "Levels"))}
    assert "Over 4 repositories" in _section(md, "Levels")  # the broken one is not counted
    assert levels["Bronze"] + levels["Silver"] + levels["Gold"] == 3  # the three with the bronze files
    assert levels["no level"] == 1  # only a README

    adoption = {row[0]: row[1:] for row in _table(_section(md, "Adoption by characteristic"))}
    # every repository has CODEOWNERS except notes; ownership passes everywhere it applies
    ownership = [reports[n]["characteristics"][0] for n in names]
    adopted = sum(1 for c in ownership if c["score"] is not None and c["failed"] == 0)
    assert adoption["Clear ownership"][0] == str(adopted)

    gaps = {row[0].split("`")[1]: row for row in _table(_section(md, "Most common gaps"))}
    # web and worker (bronze) lack CONTRIBUTING.md for silver; notes (no level) lacks bronze's licence
    assert gaps["selfservice.contributing"][3] == "2 (50%)"
    # the licence gap (notes only) is below the ten most common now; each report still says so
    licence = {n: next(r["state"] for r in reports[n]["rules"] if r["id"] == "docs.license") for n in names}
    assert licence == {"acme/api": "pass", "acme/web": "pass", "acme/worker": "pass", "acme/notes": "fail"}
    shown = [int(row[3].split()[0]) for row in gaps.values()]
    assert shown == sorted(shown, reverse=True) and len(shown) == 10

    ranked = [row[1].split(" ")[0] for row in _table(_section(md, "Repositories"))]
    assert ranked[0] == "acme/api" and ranked[-1] == "acme/notes"
    assert set(ranked) == set(names)
    not_checked = _table(_section(md, "Not checked"))
    assert [row[:2] for row in not_checked] == [["acme/broken", "failed"]]


def test_shards_merge_into_one_report_and_one_trend_point(
    org: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shards = [tmp_path / "shard-1", tmp_path / "shard-2"]
    for i, out in enumerate(shards, 1):
        assert org_scan(org, out, "--shard", f"{i}/2", "--scan-id", "weekly-7") == 0
    md = _summary(capsys, *shards)
    ranked = [row[1].split(" ")[0] for row in _table(_section(md, "Repositories"))]
    assert sorted(ranked) == ["acme/api", "acme/notes", "acme/web", "acme/worker"]
    trend = _table(_section(md, "Trend"))
    assert [(row[0], row[2]) for row in trend] == [("`weekly-7`", "4")]


def test_the_trend_has_a_point_per_scan_and_shows_the_change(
    org: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert org_scan(org, out) == 0
    first = sum(
        report(out, n)["summary"]["level"] != "none"
        for n in ("acme/api", "acme/web", "acme/worker", "acme/notes")
    )
    commit(org / "acme" / "notes", BRONZE)  # notes catches up
    assert (
        run(["org-scan", "--local", str(org), "--out", str(out), "--now", "2026-02-15", "--concurrency", "1"])
        == 0
    )
    md = _summary(capsys, out)
    # only notes changed: the others were not checked again, and the first line says so
    assert "1 scanned, 3 unchanged since the previous scan (not checked again; report kept)" in md
    trend = _table(_section(md, "Trend"))
    assert [row[1] for row in trend] == ["2026-01-15", "2026-02-15"]
    assert [row[3] for row in trend] == [f"{100 * first / 4:.0f}%", f"{100 * (first + 1) / 4:.0f}%"]


def test_site_has_the_dashboard_the_reports_it_links_to_and_badges(org: Path, tmp_path: Path) -> None:
    out, site = tmp_path / "out", tmp_path / "site"
    assert org_scan(org, out) == 0
    assert run(["org-report", str(out), "--out", str(site)]) == 0
    html = (site / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)">', html)
    assert sorted(links) == [f"reports/acme/{n}.json" for n in ("api", "notes", "web", "worker")]
    for link in links:
        assert json.loads((site / link).read_text()) == json.loads((out / link).read_text())
    for name in ("api", "notes", "web", "worker"):
        level = report(out, f"acme/{name}")["summary"]["level"]
        endpoint = json.loads((site / "badges/acme" / name / "platform-lint.json").read_text())
        assert endpoint["message"] == level
        assert f"platform: {level}" in (site / "badges/acme" / name / "platform-lint.svg").read_text()
    assert not (site / "badges/acme/broken").exists()
    assert (site / "summary.md").read_text().startswith("# platform-lint org report")
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")  # nothing fetched
    assert "https://" not in html


def test_untrusted_names_titles_and_paths_are_escaped_or_refused(
    org: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, site = tmp_path / "out", tmp_path / "site"
    assert org_scan(org, out) == 0
    hostile = "<script>alert(1)</script> | `x` @someone [y](javascript:alert(2))"
    path = out / "reports/acme/web.json"
    data = json.loads(path.read_text())
    for rule in data["rules"]:
        rule["title"] = hostile
    for gap in data["gaps"]:
        gap["title"] = hostile
    path.write_text(json.dumps(data))
    data = manifest(out)
    for entry in data["repositories"]:
        if entry["repo"] == "acme/web":
            entry["repo"] = 'acme/<img src=x onerror="alert(3)">'
        if entry["repo"] == "acme/worker":
            entry["report"] = "reports/../../../../etc/passwd"
        if entry["repo"] == "acme/notes":
            entry["report"] = "reports/acme/broken.json"
    (out / "reports/acme/broken.json").write_text('{"schema_version": 1}')
    (out / "manifest.json").write_text(json.dumps(data))

    assert run(["org-report", str(out), "--out", str(site)]) == 0
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "acme/&lt;img src=x onerror=&quot;alert(3)&quot;&gt;" in html
    assert html.count("<script>") == 1  # the page's own
    md = (site / "summary.md").read_text(encoding="utf-8")
    assert "<script>" not in md and "<img" not in md and "@someone" not in md
    assert "&lt;script&gt;" in md and "\\|" in md
    unchecked = dict((row[0], row[1:]) for row in _table(_section(md, "Not checked")))
    assert unchecked["acme/worker"][0] == "failed" and "outside" in unchecked["acme/worker"][1]
    assert unchecked["acme/notes"][0] == "failed" and "report unreadable" in unchecked["acme/notes"][1]
    assert not list(site.rglob("passwd"))


def test_folders_that_are_not_scan_output_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["org-report", str(tmp_path / "missing")]) == 2
    assert "no such folder" in capsys.readouterr().err
    assert run(["org-report", str(tmp_path)]) == 2
    assert "no manifest.json" in capsys.readouterr().err
    (tmp_path / "manifest.json").write_text("{not json")
    assert run(["org-report", str(tmp_path)]) == 2
    assert "not an org-scan manifest" in capsys.readouterr().err


def test_scans_on_the_same_day_are_told_apart_by_their_time(
    org: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    for when in ("2026-02-15T09:00:00+00:00", "2026-02-15T17:30:00+00:00"):
        assert org_scan(org, out, "--now", when) == 0
    md = _summary(capsys, out)
    trend = _table(_section(md, "Trend"))
    assert [row[1] for row in trend] == ["2026-02-15 09:00", "2026-02-15 17:30"]
    assert run(["org-report", str(out), "--out", str(tmp_path / "site")]) == 0
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    trend_panel = page.split('id="trend"', 1)[1].split("</section>", 1)[0]
    # the first label starts at its point and the last ends at its point: neither is cut off
    assert 'text-anchor="start">2026-02-15 09:00</text>' in trend_panel
    assert 'text-anchor="end">2026-02-15 17:30</text>' in trend_panel

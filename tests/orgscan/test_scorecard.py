"""org-report's journey stages and balanced scorecard, checked on scan folders made from chosen numbers."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from orgscan.fabricate import Report, base_report, journeys, scan_folder
from platform_lint.cli import run


@pytest.fixture
def base(tmp_path_factory: pytest.TempPathFactory) -> Report:
    return base_report(tmp_path_factory)


def _summary(capsys: pytest.CaptureFixture[str], *folders: Path) -> str:
    capsys.readouterr()
    assert run(["org-report", *map(str, folders)]) == 0
    return capsys.readouterr().out


def _section(markdown: str, title: str, level: str = "##") -> str:
    return markdown.split(f"\n{level} {title}\n", 1)[1].split(f"\n{level} ", 1)[0]


def _table(section: str) -> list[list[str]]:
    rows = [line for line in section.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split(" | ")] for row in rows[2:]]


def _set(**fields: Any) -> Any:
    def change(data: Report) -> None:
        for key, value in fields.items():
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value

    return change


def test_journey_stages_count_judged_passing_and_where_newcomers_stop(
    base: Report, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = scan_folder(
        tmp_path / "out",
        base,
        {
            # stops at onboard (its first failing stage); build fails too, later
            "acme/a": _set(journeys=journeys(discover=(2, 0), evaluate=(1, 0), onboard=(0, 1), build=(3, 1))),
            "acme/b": _set(journeys=journeys(discover=(0, 1), onboard=(1, 0))),  # stops at discover
            "acme/c": _set(journeys=journeys(discover=(1, 0), evaluate=(0, 0), build=(2, 0))),  # never stops
            "acme/d": _set(journeys=None),  # a report from before journey stages
        },
    )
    md = _summary(capsys, out)
    section = _section(md, "Adoption by journey stage")
    assert "Over 3 repositories." in section
    assert "1 report written before journey stages existed is not counted" in section
    rows = {row[0]: row[1:] for row in _table(section)}
    assert rows["Discover"] == ["3", "2", "67%", "1 (33%)"]
    assert rows["Evaluate"] == ["1", "1", "100%", "0 (0%)"]  # c's evaluate has nothing judged
    assert rows["Onboard"] == ["2", "1", "50%", "1 (33%)"]
    assert rows["Build"] == ["2", "1", "50%", "0 (0%)"]
    assert rows["Scale"] == ["0", "0", "-", "0 (0%)"]
    assert "No stage stops a newcomer in 1 of 3 (33%)." in section

    site = tmp_path / "site"
    assert run(["org-report", str(out), "--out", str(site)]) == 0
    html = (site / "index.html").read_text(encoding="utf-8")
    panel = html.split('id="journeys"', 1)[1].split("</section>", 1)[0]
    assert "2 of 3 · 67% · 1 stop here" in panel
    assert "1 of 2 · 50% · 1 stop here" in panel
    assert "Over 3 repositories." in panel and "1 report written before journey stages" in panel
    assert re.search(r"No stage stops a newcomer in 1 of 3", panel)

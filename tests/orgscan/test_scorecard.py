"""org-report's journey stages and balanced scorecard, checked on scan folders made from chosen numbers."""

from __future__ import annotations

import json
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
    """The text under a heading, up to the next heading of its level or above."""
    body = markdown.split(f"\n{level} {title}\n", 1)[1]
    return re.split(rf"\n#{{1,{len(level)}}} ", body, maxsplit=1)[0]


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
    assert "A newcomer gets through every stage in 1 of 3 (33%)." in section

    site = tmp_path / "site"
    assert run(["org-report", str(out), "--out", str(site)]) == 0
    html = (site / "index.html").read_text(encoding="utf-8")
    panel = html.split('id="journeys"', 1)[1].split("</section>", 1)[0]
    assert "2 of 3 · 67% · 1 stop here" in panel
    assert "1 of 2 · 50% · 1 stop here" in panel
    assert "Over 3 repositories." in panel and "1 report written before journey stages" in panel
    assert re.search(r"A newcomer gets through every stage in 1 of 3", panel)


def _origins(*records: tuple[str, str, str]) -> Any:
    def change(data: Report) -> None:
        data["repository"]["origins"] = [
            {"kind": kind, "path": f".{kind}", "line": 1, "template": template, "commit": commit}
            for kind, template, commit in records
        ]

    return change


def _no_origins_recorded(data: Report) -> None:
    data["repository"].pop("origins", None)  # a report from before origins were kept


HEAD = "a" * 40


def test_golden_path_adoption_per_template_and_lag_against_the_scanned_template_head(
    base: Report, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = scan_folder(
        tmp_path / "out",
        base,
        {
            "acme/service-template": _origins(),
            "acme/api": _origins(("cruft", "https://github.com/acme/service-template.git", "aaaaaaa")),
            "acme/web": _origins(("copier-answers", "gh:acme/service-template", "bbbbbbbbbbbb")),
            "acme/worker": _origins(("cruft", "git@github.com:acme/Service-Template.git", "v1.2.0")),
            "acme/batch": _origins(("copier-answers", "https://github.com/other/python-template", "c0ffee1")),
            "acme/portal": _origins(("backstage-annotation", "template:default/react-app", "")),
            "acme/docs": _origins(),
            "acme/legacy": _no_origins_recorded,
        },
        commits={"acme/service-template": HEAD},
    )
    md = _summary(capsys, out)
    section = _section(md, "Golden-path adoption", "###")
    assert "Over 7 repositories." in section  # legacy's report predates origin records
    assert "1 report written before origin records were kept is not counted" in section
    assert "5 of 7 repositories (71%) record the template they came from." in section
    rows = {row[0]: row[1:] for row in _table(section)}
    assert rows["`github.com/acme/service-template`"] == [
        "acme/service-template @ `aaaaaaaaaaaa`",
        "3",
        "43%",
        "1",  # api: its recorded commit is the template's head
        "1",  # web: another commit
        "1",  # worker: a tag, which cannot be compared
    ]
    unknown_one = ["unknown (not in the scan)", "1", "14%", "0", "0", "1"]
    assert rows["`github.com/other/python-template`"] == unknown_one
    assert rows["`template:default/react-app`"] == unknown_one
    assert "- `github.com/acme/service-template`: 1: the record names a tag, not a commit" in section
    assert "- `github.com/other/python-template`: 1: the template's repository is not in the scan" in section
    assert "- `template:default/react-app`: 1: the record kind keeps no template version" in section

    site = tmp_path / "site"
    assert run(["org-report", str(out), "--out", str(site)]) == 0
    html = (site / "index.html").read_text(encoding="utf-8")
    panel = html.split('id="scorecard-golden-paths"', 1)[1].split('id="scorecard-delivery"', 1)[0]
    assert "<b>71%</b> of repositories record the template they came from (5 of 7)" in panel
    assert re.search(
        r"<code>github.com/acme/service-template</code></td><td>acme/service-template @ "
        r"<code>aaaaaaaaaaaa</code></td><td class=\"num\">3 · 43%</td><td class=\"num\">1</td>"
        r"<td class=\"num\">1</td><td class=\"num\" title=\"[^\"]*\">1</td>",
        panel,
    )


def test_a_report_carries_the_template_origins_of_its_product(tmp_path: Path) -> None:
    from orgscan.helpers import make_repo

    repo = tmp_path / "svc"
    make_repo(
        repo,
        {
            "README.md": "# svc\n",
            ".copier-answers.yml": "_commit: 3f786850e387\n_src_path: https://bot:hunter2@github.com/acme/py\n",
            # a cookiecutter template's payload records its own origin: not this repository's
            "cookiecutter.json": '{"name": "x"}\n',
            "{{cookiecutter.name}}/.cruft.json": '{"template": "gh:acme/other", "commit": "abc1234"}\n',
        },
    )
    out = tmp_path / "report.json"
    assert run(["check", str(repo), "--format", "json", "--output", str(out)]) in (0, 1)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["repository"]["origins"] == [
        {
            "kind": "copier-answers",
            "path": ".copier-answers.yml",
            "line": 2,
            "template": "https://github.com/acme/py",  # the password is not kept
            "commit": "3f786850e387",
        }
    ]
    assert "hunter2" not in out.read_text(encoding="utf-8")


def _delivery_file(out: Path, repos: dict[str, Any], *, scan_id: str = "fabricated") -> None:
    from platform_lint.orgscan.delivery import DeliveryRun, LeadTime, Releases, RepoDelivery, write_delivery

    measured = {}
    for name, (releases, pulls) in repos.items():
        budget_spent = "not measured: the request budget (--max-delivery-requests 12) was spent"
        measured[name] = RepoDelivery(
            None if releases is None else Releases(*releases),
            budget_spent if releases is None else None,
            None if pulls is None else LeadTime(*pulls),
            budget_spent if pulls is None else None,
        )
    write_delivery(out, DeliveryRun(scan_id, "2026-01-15T12:02:00Z", True, None, 12, 12, 3, measured))


def test_delivery_signals_compare_golden_paths_with_the_others(
    base: Report, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    on_path = _origins(("cruft", "gh:acme/service-template", "aaaaaaa"))
    out = scan_folder(
        tmp_path / "out",
        base,
        {
            "acme/api": on_path,
            "acme/web": on_path,
            "acme/batch": on_path,
            "acme/docs": _origins(),
            "acme/tools": _origins(),
            "acme/legacy": _no_origins_recorded,
        },
    )
    _delivery_file(
        out,
        {
            # (last 365 days, last 90 days, complete), (merged, median hours, complete, pages)
            "acme/api": ((4, 2, True), (10, 20.0, True, 1)),
            "acme/web": ((2, 0, True), (0, None, True, 1)),  # measured: nothing merged
            "acme/batch": ((100, 30, False), (5, 50.0, False, 3)),  # lower bounds, partial pages
            "acme/docs": ((0, 0, True), (4, 80.0, True, 1)),
            "acme/tools": (None, None),  # the budget ran out before it
            "acme/legacy": ((6, 3, True), (2, 10.0, True, 1)),
        },
    )
    md = _summary(capsys, out)
    section = _section(md, "Delivery signals", "###")
    assert "Over 6 repositories." in section
    assert "Requests: 12 sent of a budget of 12 (3 answered 304 Not Modified" in section
    rows = {row[0]: row[1:] for row in _table(section)}
    # golden: releases [4, 2, 100] and [2, 0, 30]; lead times [20, 50] (web merged nothing)
    assert rows["on a golden path"] == ["3", "3", "4", "2", "3", "2", "15", "35.0 h"]
    # docs only (tools not measured): never a zero for tools
    assert rows["not on a golden path"] == ["2", "1", "0", "0", "1", "1", "4", "80.0 h (3.3 days)"]
    # all six: releases [4, 2, 100, 0, 6] and [2, 0, 30, 0, 3]; lead times [20, 50, 80, 10]
    assert rows["all"] == ["6", "5", "4", "2", "5", "4", "21", "35.0 h"]
    assert "- 1 repository with a report written before origin records were kept: in neither group" in section
    assert "- 1 repository had 100 releases within the year: their counts are lower bounds." in section
    assert "- 1 repository had more closed pull requests in 90 days than the pages read" in section
    assert (
        "- 1 repository: not measured: the request budget (--max-delivery-requests 12) was spent." in section
    )

    site = tmp_path / "site"
    assert run(["org-report", str(out), "--out", str(site)]) == 0
    html = (site / "index.html").read_text(encoding="utf-8")
    panel = html.split('id="scorecard-delivery"', 1)[1].split("</section>", 1)[0]
    assert (
        '<tr><td>on a golden path</td><td class="num">3</td><td class="num">3</td><td class="num">4</td>'
        '<td class="num">2</td><td class="num">3</td><td class="num">2</td><td class="num">15</td>'
        '<td class="num">35.0 h</td></tr>'
    ) in panel
    assert "1 repository: not measured: the request budget" in panel


def test_delivery_signals_not_measured_say_why_and_show_no_zero(
    base: Report, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = scan_folder(tmp_path / "out", base, {"acme/api": _origins(), "acme/web": _origins()})
    section = _section(_summary(capsys, out), "Delivery signals", "###")
    assert "Not measured: the scan ran without --delivery-signals." in section
    assert "|" not in section  # no table of zeros

    # measured for another scan: not this one's figure
    _delivery_file(out, {"acme/api": ((1, 1, True), (1, 1.0, True, 1))}, scan_id="last-week")
    section = _section(_summary(capsys, out), "Delivery signals", "###")
    assert "Not measured: delivery.json is from scan last-week, not this one." in section

    # measured without a token
    from platform_lint.orgscan.delivery import DeliveryRun, write_delivery

    reason = (
        "not measured: no token (GITHUB_TOKEN, --token-env or a GitHub App); delivery signals are read "
        "only with one"
    )
    write_delivery(out, DeliveryRun("fabricated", "2026-01-15T12:02:00Z", False, reason, 500, 0, 0, {}))
    section = _section(_summary(capsys, out), "Delivery signals", "###")
    assert "Not measured: no token (GITHUB\\_TOKEN, --token-env or a GitHub App)" in section
    html_site = tmp_path / "site"
    assert run(["org-report", str(out), "--out", str(html_site)]) == 0
    panel = (
        (html_site / "index.html")
        .read_text()
        .split('id="scorecard-delivery"', 1)[1]
        .split("</section>", 1)[0]
    )
    assert "<b>Not measured:</b> no token" in panel  # the colon with the words, not after a gap

    # a broken file is a problem the report names, and the figure is not measured
    (out / "delivery.json").write_text('{"schema_version": 1, "measured": "yes"}')
    md = _summary(capsys, out)
    assert "delivery.json: no 'measured' flag" in md
    assert "Not measured: delivery.json of this scan is not readable." in _section(
        md, "Delivery signals", "###"
    )


def test_template_addresses_and_reasons_from_reports_are_escaped(
    base: Report, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = '<img src=x onerror="alert(1)"> | `x` @someone'
    out = scan_folder(tmp_path / "out", base, {"acme/api": _origins(("cruft", hostile, "v1"))})
    md = _summary(capsys, out)
    section = _section(md, "Golden-path adoption", "###")
    assert "<img" not in section and "@someone" not in section and "\\|" in section
    site = tmp_path / "site"
    assert run(["org-report", str(out), "--out", str(site)]) == 0
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in html and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html

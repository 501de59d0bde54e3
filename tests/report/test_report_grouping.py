"""A rule with many findings: grouped in what people read, every finding kept for machines."""

from __future__ import annotations

import json
import re
from typing import Any

from platform_lint.report.grouping import GROUP_OVER, rule_groups, view
from platform_lint.report.markdown import render_markdown
from platform_lint.report.model import Report, from_dict, to_dict, to_json
from platform_lint.report.sarif import render_sarif
from platform_lint.report.text import render_text
from report import samples
from report.schema_check import report_errors

RID = "changelog.keep-a-changelog"


def _report(count: int, *, new_every: int = 0, base_ref: str | None = None, rid: str = RID) -> dict[str, Any]:
    findings = [
        samples.finding(
            rid,
            f"'Type{i}' is not a change type",
            samples.location(f"docs/part{i % 3}/CHANGELOG.md" if i % 4 else "CHANGELOG.md", 10 + i),
            severity="warning",
            code="unknown-change-type",
            key=str(i),
            new=(i % new_every == 0) if new_every else (False if base_ref else None),
        )
        for i in range(count)
    ]
    rule = samples.rule(rid, "versioned-documented", "fail", severity="warning", findings=findings)
    return samples.report([rule], base_ref=base_ref)


def _model(data: dict[str, Any]) -> Report:
    return from_dict(data)


def _listed_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if f"[{RID}]" in line and "grouped" not in line]


def test_fifty_findings_are_fifty_lines() -> None:
    text = render_text(_model(_report(GROUP_OVER)))
    assert len(_listed_lines(text)) == GROUP_OVER
    assert "grouped" not in text and "more (--verbose" not in text
    markdown = render_markdown(_model(_report(GROUP_OVER)))
    assert len(re.findall(r"^\| (?:docs/|CHANGELOG)", markdown, re.M)) == GROUP_OVER
    assert "grouped" not in markdown


def test_six_hundred_findings_are_one_group_with_examples() -> None:
    report = _model(_report(600))
    text = render_text(report)
    assert _listed_lines(text) == []
    [head] = [line for line in text.splitlines() if "grouped" in line]
    assert "600 findings (unknown-change-type), grouped" in head
    block = text[text.index(head) :].splitlines()[1:5]
    assert block[0].lstrip().startswith("e.g. CHANGELOG.md:10 ")
    assert len([line for line in block if "is not a change type" in line]) == 3
    assert "most in: ./ (150), docs/part0/ (150), docs/part1/ (150), docs/part2/ (150)" in block[3]
    markdown = render_markdown(report)
    [row] = [line for line in markdown.splitlines() if "grouped" in line]
    assert row.startswith(
        "| 600 findings in ./ (150), docs/part0/ (150), docs/part1/ (150), docs/part2/ (150) |"
    )
    assert row.count("is not a change type") == 3 and "**600 &times; `unknown-change-type`**" in row


def test_machines_keep_every_finding() -> None:
    data = _report(600)
    report = _model(data)
    assert len(json.loads(to_json(report))["rules"][0]["findings"]) == 600
    sarif = render_sarif(report)
    assert len(sarif["runs"][0]["results"]) == 600


def test_the_json_report_carries_the_groups_and_old_reports_still_load() -> None:
    from dataclasses import replace

    base = _model(_report(600))
    rule = base.rules[0]
    grouped = replace(base, rules=(replace(rule, groups=rule_groups(rule)),))
    data = to_dict(grouped)
    assert report_errors(data) == []
    [group] = data["rules"][0]["finding_groups"]
    assert (group["code"], group["count"], len(group["examples"])) == ("unknown-change-type", 600, 3)
    assert from_dict(data) == grouped  # read back exactly
    old = to_dict(base)
    assert "finding_groups" not in old["rules"][0]  # a report without groups is written as before
    assert report_errors(old) == []
    assert view(from_dict(old).rules[0]).groups == view(grouped.rules[0]).groups  # worked out on load


def test_new_findings_in_a_pull_request_are_listed_one_by_one() -> None:
    report = _model(_report(600, new_every=100, base_ref="origin/main"))  # 6 new, 594 existing
    text = render_text(report)
    new_lines = [line for line in _listed_lines(text) if line.endswith("new")]
    assert len(new_lines) == 6 and len(_listed_lines(text)) == 6
    assert "594 existing findings (unknown-change-type), grouped" in text
    markdown = render_markdown(report)
    new_section = markdown[markdown.index("### New findings") : markdown.index("### Existing findings")]
    assert len(re.findall(r"^\| (?:docs/|CHANGELOG)", new_section, re.M)) == 6
    existing = markdown[markdown.index("### Existing findings") :]
    assert "| 594 findings in " in existing and "grouped" not in new_section


def test_verbose_text_lists_every_finding() -> None:
    text = render_text(_model(_report(600)), verbose=True)
    assert len(_listed_lines(text)) == 600 and "grouped" not in text

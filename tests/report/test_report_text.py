"""The terminal reporter: layout, colour, caps and golden files."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from platform_lint.report.model import Report, from_dict
from platform_lint.report.text import FINDINGS_PER_RULE
from platform_lint.report.text import render_text as render_model
from report import samples


def render_text(report: dict[str, Any], **options: Any) -> str:
    """Render a sample (a JSON report dict, as a file holds it) through the model."""
    return render_model(from_dict(report), **options)


ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("name", sorted(samples.SAMPLES))
def test_text_matches_golden(name: str, golden: Callable[[str, str], None]) -> None:
    golden(f"text_{name}.txt", render_text(samples.SAMPLES[name]()))


def test_text_verbose_matches_golden(golden: Callable[[str, str], None]) -> None:
    golden("text_small_verbose.txt", render_text(samples.small(), verbose=True))


def test_level_and_gaps_come_first_then_characteristics_table_and_notices() -> None:
    text = render_text(samples.waived())
    order = [
        text.index(s)
        for s in (
            "Level reached: Bronze",
            "To reach Silver",
            "Clear ownership\n",
            "Characteristic ",
            "Notices",
        )
    ]
    assert order == sorted(order)
    assert text.splitlines()[1].startswith("Level reached:")


def test_finding_line_format() -> None:
    text = render_text(samples.small())
    assert re.search(
        r"^ +\.github/CODEOWNERS:7:1  warning +pattern `/docs/old/` matches no file  "
        r"\[ownership\.codeowners-coverage\]$",
        text,
        re.M,
    )
    assert re.search(
        r"\(repository\)  notice +catalog-info\.yaml is missing  \[adoption\.catalog-registered\]", text
    )


def test_waived_findings_show_reason_and_expiry() -> None:
    text = render_text(samples.waived())
    assert "waived: billing team onboarding in Q3 (expires 2024-05-10, approved by alice)" in text
    assert re.search(r"^  WAIVED devex\.readme-quickstart", text, re.M)


def test_not_applicable_rules_only_in_verbose() -> None:
    plain = render_text(samples.small())
    verbose = render_text(samples.small(), verbose=True)
    assert "no API specification in the repository" not in plain
    assert "1 rule not applicable (--verbose lists why)" in plain
    assert "N/A    contracts.openapi-valid" in verbose
    assert "no API specification in the repository" in verbose


def test_error_rule_says_why() -> None:
    assert "could not tell: otel-collector.yaml could not be parsed" in render_text(samples.small())


def test_no_colour_unless_asked() -> None:
    assert "\x1b" not in render_text(samples.waived())
    assert "\x1b" not in render_text(samples.hostile()), "escape sequences from messages must be stripped"


def test_colour_adds_only_styling() -> None:
    coloured = render_text(samples.waived(), color=True)
    assert "\x1b[" in coloured
    assert ANSI.sub("", coloured) == render_text(samples.waived())


def test_hostile_message_is_one_clean_line() -> None:
    text = render_text(samples.hostile())
    line = next(x for x in text.splitlines() if "line one" in x)
    assert "line one line two red  end" in line
    assert "\r" not in text


def test_findings_capped_per_rule_unless_verbose() -> None:
    """New findings are never grouped; past the cap they are counted (existing ones are grouped)."""
    rid = "docs.licence-headers"
    findings = [
        samples.finding(
            rid, f"missing header {i}", samples.location(f"src/m{i:03}.py", 1), key=str(i), new=True
        )
        for i in range(FINDINGS_PER_RULE + 7)
    ]
    report = samples.report(
        [samples.rule(rid, "versioned-documented", "fail", findings=findings)], base_ref="origin/main"
    )
    text = render_text(report)
    assert text.count(f"[{rid}]") == FINDINGS_PER_RULE
    assert "… and 7 more (--verbose lists all)" in text
    assert render_text(report, verbose=True).count(f"[{rid}]") == FINDINGS_PER_RULE + 7


def test_pr_mode_marks_new_findings() -> None:
    text = render_text(samples.pr_mode())
    assert "(compared with origin/main)" in text
    assert "4 open findings (2 new)" in text
    assert re.search(r"no owner for 12 files.*\]  new$", text, re.M)


def test_gold_reached_says_nothing_is_missing() -> None:
    report = samples.report([samples.rule("defaults.precommit", "opinionated-defaults", "pass")])
    assert "Gold reached: nothing is missing." in render_text(report)


def test_huge_report_stays_short(huge_model: Report) -> None:
    text = render_model(huge_model)
    # per rule: its line, the new findings listed, "… and N more", one group of the rest (5 lines)
    assert len(text.splitlines()) < 18 * (FINDINGS_PER_RULE + 2 + 5) + 60

"""The sample reports the reporter tests render are valid JSON reports."""

from __future__ import annotations

from typing import Any

import pytest

from report import samples
from report.schema_check import report_errors, report_validator


@pytest.mark.parametrize("name", sorted(samples.SAMPLES))
def test_sample_validates_against_report_schema(name: str) -> None:
    assert report_errors(samples.SAMPLES[name]()) == []


def test_huge_sample_validates_and_holds_50000_findings(huge_report: dict[str, Any]) -> None:
    assert sum(len(r["findings"]) for r in huge_report["rules"]) == 50_000
    assert huge_report["summary"]["findings"]["open"] == 50_000
    # the same builder at a size the validator gets through quickly (50,000 findings take ~10 s)
    assert report_errors(samples.huge(total=1_800)) == []
    sliced = {**huge_report, "rules": [{**r, "findings": r["findings"][:20]} for r in huge_report["rules"]]}
    assert report_errors(sliced) == []


def test_format_checking_is_on() -> None:
    checker = report_validator().format_checker
    assert checker is not None
    if "date-time" in checker.checkers:  # needs rfc3339-validator installed
        bad = samples.small()
        bad["generated_at"] = "yesterday"
        assert not report_validator().is_valid(bad)
    bad = samples.waived()
    bad["rules"][2]["findings"][0]["waiver"]["expires"] = "2024-13-45"
    assert not report_validator().is_valid(bad)

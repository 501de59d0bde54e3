"""New versus existing, and whether the run fails: the one decision, as a table."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from platform_lint.report.model import from_dict
from platform_lint.verdict import decide, fails, in_scope, is_new
from report import samples


@dataclass(frozen=True)
class F:
    status: str
    severity: str
    new: bool | None


# status, severity, new (None: no comparison), fail_on, scope -> in scope, fails
TABLE = [
    # without a comparison every finding is new, whatever the scope
    ("open", "error", None, "error", "new", True, True),
    ("open", "error", None, "error", "all", True, True),
    # in a comparison, scope new drops what was already there; scope all keeps it
    ("open", "error", True, "error", "new", True, True),
    ("open", "error", False, "error", "new", False, False),
    ("open", "error", False, "error", "all", True, True),
    # the threshold: at or above fail_on
    ("open", "warning", True, "error", "new", True, False),
    ("open", "warning", True, "warning", "new", True, True),
    ("open", "notice", None, "warning", "all", True, False),
    ("open", "notice", None, "notice", "all", True, True),
    ("open", "error", True, "never", "all", True, False),
    # waived findings and notes never fail a run
    ("waived", "error", True, "notice", "all", True, False),
    ("note", "error", None, "notice", "all", True, False),
]


@pytest.mark.parametrize(("status", "severity", "new", "fail_on", "scope", "scoped", "failing"), TABLE)
def test_new_versus_existing_and_fail_on(
    status: str, severity: str, new: bool | None, fail_on: str, scope: str, scoped: bool, failing: bool
) -> None:
    finding = F(status, severity, new)
    assert is_new(finding) is (new is not False)
    assert in_scope(finding, scope) is scoped
    assert fails(finding, fail_on, scope) is failing


def test_unknown_fail_on_or_scope_is_refused() -> None:
    with pytest.raises(ValueError, match="fail-on"):
        fails(F("open", "error", None), "fatal", "new")
    with pytest.raises(ValueError, match="scope"):
        in_scope(F("open", "error", None), "some")


@pytest.mark.parametrize(
    ("sample", "fail_on", "scope", "failing", "conclusion", "only_new"),
    [
        ("small", "error", "new", 2, "failure", False),  # no base: every open finding counts
        ("small", "warning", "new", 3, "failure", False),
        ("small", "never", "all", 0, "neutral", False),  # findings open, but nothing may fail
        ("pr", "error", "new", 2, "failure", True),
        ("pr", "error", "all", 2, "failure", False),
        ("pr", "warning", "all", 3, "failure", False),
        ("pr", "notice", "new", 2, "failure", True),  # the new ones are errors; the rest existed
        ("waived", "error", "all", 1, "failure", False),
    ],
)
def test_decide_on_a_report(
    sample: str, fail_on: str, scope: str, failing: int, conclusion: str, only_new: bool
) -> None:
    verdict = decide(from_dict(samples.SAMPLES[sample]()), fail_on, scope)
    assert (len(verdict.failing), verdict.conclusion, verdict.only_new) == (failing, conclusion, only_new)
    assert verdict.failed is (failing > 0)
    assert all(f.status == "open" for _, f in verdict.failing)


def test_nothing_judged_is_neutral_not_success() -> None:
    rule = samples.rule("x.y", "self-service", "not-applicable", reason="no such files")
    assert decide(from_dict(samples.report([rule])), "error").conclusion == "neutral"
    passing = samples.rule("x.y", "self-service", "pass")
    assert decide(from_dict(samples.report([passing])), "error").conclusion == "success"

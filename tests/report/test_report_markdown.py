"""The Markdown reporter: size bound, escaping, order, links and golden files."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from platform_lint.report.markdown import code, escape
from platform_lint.report.markdown import render_markdown as render_model
from platform_lint.report.model import Report, from_dict
from report import samples


def render_markdown(report: dict[str, Any] | Report, **options: Any) -> str:
    """Render a sample (a JSON report dict, as a file holds it) through the model."""
    return render_model(report if isinstance(report, Report) else from_dict(report), **options)


LINK_BASE = "https://github.com/acme/repo/blob/0123456789abcdef0123456789abcdef01234567/"


@pytest.mark.parametrize("name", sorted(samples.SAMPLES))
def test_markdown_matches_golden(name: str, golden: Callable[[str, str], None]) -> None:
    golden(f"markdown_{name}.md", render_markdown(samples.SAMPLES[name]()))


def test_markdown_with_links_matches_golden(golden: Callable[[str, str], None]) -> None:
    golden("markdown_pr_links.md", render_markdown(samples.pr_mode(), link_base=LINK_BASE))


def test_huge_report_stays_under_the_default_limit(huge_model: Report) -> None:
    text = render_markdown(huge_model)
    assert len(text) <= 65_000
    assert re.search(r"… and [\d,]+ more findings in \d+ rules not shown here; see the full report\.", text)
    assert text.index("### Characteristics") < text.index("### New findings")
    # new findings come first; here (10,008 of them) they fill the budget before the existing ones
    assert "### Existing" not in text or text.index("### New findings") < text.index("### Existing")
    assert "### Characteristics" in text and "**Level reached:" in text


@pytest.mark.parametrize("limit", [300, 1_000, 4_000, 10_000, 30_000, 65_000])
def test_never_longer_than_max_chars(huge_model: Report, limit: int) -> None:
    text = render_markdown(huge_model, max_chars=limit, link_base=LINK_BASE)
    assert len(text) <= limit


def test_truncated_summary_counts_what_was_left_out(huge_model: Report) -> None:
    text = render_markdown(huge_model, max_chars=20_000)
    shown = len(re.findall(r"^\| src/", text, re.M))
    shown += sum(int(n.replace(",", "")) for n in re.findall(r"^\| ([\d,]+) findings in ", text, re.M))
    per_rule = sum(
        int(n.replace(",", "")) for n in re.findall(r"… and ([\d,]+) more findings? of this rule", text)
    )
    match = re.search(r"… and ([\d,]+) more findings in (\d+) rules not shown here", text)
    assert match
    assert shown + per_rule + int(match.group(1).replace(",", "")) == 50_000


def test_small_limit_keeps_details_balanced() -> None:
    report = samples.waived()
    full = render_markdown(report)
    for limit in range(200, len(full) + 1, 37):
        text = render_markdown(report, max_chars=limit)
        assert len(text) <= limit
        assert text.count("<details>") == text.count("</details>")


def test_header_level_next_and_table() -> None:
    text = render_markdown(samples.waived())
    assert text.startswith("## platform-lint\n")
    assert "**Level reached: Bronze** · score 71.4/100 · next: Silver" in text
    assert "### To reach Silver" in text
    assert "| Clear ownership | 50 | Bronze | 1 | 1 | 0 | 0 | 0 |" in text
    assert "| **Total** | **71.4** | **Bronze** | 4 | 2 | 1 | 2 | 1 |" in text


def test_title_is_configurable_and_escaped() -> None:
    assert render_markdown(samples.small(), title="Policy <check>").startswith("## Policy &lt;check&gt;\n")


def test_new_findings_before_existing() -> None:
    text = render_markdown(samples.pr_mode())
    new, existing = text.index("### New findings (2)"), text.index("### Existing findings (2)")
    assert new < existing
    assert text.index("services/billing", new) < existing
    assert text.index("pattern \\`/docs/old/\\` matches no file") > existing


def test_waived_findings_in_collapsed_details() -> None:
    text = render_markdown(samples.waived())
    start, end = text.index("<details><summary>Waived findings (2)</summary>"), text.index("</details>")
    assert start < text.index("billing team onboarding in Q3 (approved by alice)") < end
    assert "| 2024-05-10 |" in text[start:end]


def test_notices_listed() -> None:
    text = render_markdown(samples.waived())
    assert "- **waiver-expiring**: waiver for ownership.codeowners-coverage expires on 2024-05-10" in text
    assert "(.platform-lint.yml:21)" in text


def test_hostile_content_is_inert() -> None:
    text = render_markdown(samples.hostile(), link_base=LINK_BASE)
    assert "<script>" not in text and "<b>" not in text and "<x>" not in text
    assert "\x1b" not in text
    assert "@acme" not in text, "an @mention in a message must not ping anyone"
    for line in text.splitlines():
        if line.startswith("| ") and "Location" not in line:
            cells = re.split(r"(?<!\\)\|", line)[1:-1]
            assert len(cells) in (3, 8), line


def test_links_point_at_file_and_line() -> None:
    text = render_markdown(samples.pr_mode(), link_base=LINK_BASE)
    assert f"[.github/CODEOWNERS:7]({LINK_BASE}.github/CODEOWNERS#L7)" in text
    assert f"[services/billing]({LINK_BASE}services/billing)" in text
    hostile = render_markdown(samples.hostile(), link_base=LINK_BASE.rstrip("/"))
    assert f"({LINK_BASE}dir%20with%20space/%C3%BCn%C3%AFc%C3%B6d%C3%A9%23%3F.yaml#L5)" in hostile
    assert f"({LINK_BASE}100%25/%5Bx%5D%28y%29.md#L1)" in hostile


def test_no_links_without_link_base() -> None:
    assert "](https://github.com" not in render_markdown(samples.pr_mode())


def test_escape_and_code_helpers() -> None:
    assert escape("a|b <c> `d` *e* [f](g) @h &i") == r"a\|b &lt;c&gt; \`d\` \*e\* \[f\](g) @&#8203;h &amp;i"
    assert escape("x" * 400).endswith("…") and len(escape("x" * 400)) == 300
    assert code("ownership.codeowners") == "`ownership.codeowners`"
    assert code("a`b|c") == r"a\`b\|c"


def test_gold_and_clean() -> None:
    report = samples.report([samples.rule("defaults.precommit", "opinionated-defaults", "pass")])
    text = render_markdown(report)
    assert "Gold reached: nothing is missing." in text
    assert "### Findings" not in text

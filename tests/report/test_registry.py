"""Every format in the registry renders every sample, and `check --format` offers exactly them."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from platform_lint.cli import build_parser
from platform_lint.report import registry
from platform_lint.report.comment import MARKER, digest_of
from platform_lint.report.model import Report, from_dict, to_dict
from platform_lint.report.reporter import RenderOptions
from report import samples

SAMPLE_NAMES = sorted(samples.SAMPLES)


def _model(name: str) -> Report:
    return from_dict(samples.SAMPLES[name]())


def _parses(fmt: str, text: str, report: Report) -> None:
    """What a consumer of each format reads is there."""
    if fmt == "json":
        assert json.loads(text) == to_dict(report)
    elif fmt == "sarif":
        assert json.loads(text)["runs"][0]["tool"]["driver"]["name"] == "platform-lint"
    elif fmt == "badge-svg":
        assert ET.fromstring(text).get("aria-label") == f"platform: {report.summary.level}"
    elif fmt == "badge-json":
        assert json.loads(text)["message"] == report.summary.level
    elif fmt == "pr-comment":
        assert text.startswith(MARKER) and digest_of(text) and "Level reached" in text
    elif fmt in ("markdown", "github-summary"):
        assert "**Level reached:" in text and "### Characteristics" in text
    elif fmt == "text":
        assert text.splitlines()[1].startswith("Level reached:")
    else:
        pytest.fail(f"{fmt}: a format without a test of what it renders")


@pytest.mark.parametrize("name", SAMPLE_NAMES)
@pytest.mark.parametrize("fmt", registry.FORMATS)
def test_every_reporter_renders_every_sample(fmt: str, name: str) -> None:
    reporter = registry.get(fmt)
    assert reporter.name == fmt and reporter.summary
    report = _model(name)
    text = reporter.render(report, RenderOptions())
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert text == reporter.render(report, RenderOptions()), "rendering twice gives the same text"
    _parses(fmt, text, report)


def test_check_offers_exactly_the_registered_formats(capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser(["check"])
    sub = next(a for a in parser._actions if a.dest == "command")
    check = sub.choices["check"]  # type: ignore[union-attr]
    formats = next(a for a in check._actions if "--format" in a.option_strings)
    assert tuple(formats.choices) == registry.FORMATS  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("file", "fmt"),
    [
        ("report.json", "json"),
        ("out/report.sarif", "sarif"),
        ("report.sarif.json", "sarif"),
        ("REPORT.MD", "markdown"),
        ("summary.markdown", "markdown"),
        ("badge.svg", "badge-svg"),
        ("report.txt", "text"),
        ("report", "text"),
    ],
)
def test_an_output_without_format_takes_it_from_its_name(file: str, fmt: str) -> None:
    assert registry.format_for_path(Path(file)) == fmt


def test_an_unknown_format_is_a_usage_error() -> None:
    from platform_lint.errors import UsageError

    with pytest.raises(UsageError, match="unknown report format 'xml'"):
        registry.get("xml")


def test_options_reach_the_reporters_that_use_them() -> None:
    report = _model("pr")
    text = registry.get("text")
    assert "\x1b[" in text.render(report, RenderOptions(color=True))
    assert "N/A" in text.render(report, RenderOptions(verbose=True))
    md = registry.get("markdown").render(report, RenderOptions(max_chars=600))
    assert len(md) <= 600
    linked = registry.get("markdown").render(report, RenderOptions(link_base="https://example.com/b/"))
    assert "(https://example.com/b/README.md)" in linked
    summary = registry.get("github-summary")
    assert summary.render(report, RenderOptions(fail_on="error")).startswith(
        "**❌ Failing:** 2 open findings"
    )
    assert summary.render(report, RenderOptions(fail_on="never")).startswith("**✅ Not failing:**")
    assert "[Workflow run](https://ci/1)" in summary.render(report, RenderOptions(details_url="https://ci/1"))

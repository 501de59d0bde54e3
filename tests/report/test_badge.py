"""The README badge: SVG sized so the text fits (checked in headless Chromium), endpoint JSON."""

from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from platform_lint.cli import run
from platform_lint.report.badge import (
    COLOURS,
    PADDING,
    VERDANA_11,
    Badge,
    badge_for,
    render_endpoint,
    render_svg,
    text_width,
)
from platform_lint.report.model import Report, from_dict
from report import samples

SVG = "{http://www.w3.org/2000/svg}"


def _report(level: str) -> Report:
    return from_dict(_data(level))


def _data(level: str) -> dict:
    report = samples.small()
    report["summary"]["level"] = level
    return report


def test_width_table_covers_printable_ascii_and_measures_known_text() -> None:
    assert set(VERDANA_11) == {chr(c) for c in range(32, 127)}
    assert text_width("platform") == pytest.approx(46.75, abs=0.1)
    assert text_width("é") == max(VERDANA_11.values())  # unknown glyphs count as the widest


@pytest.mark.parametrize("level", ["none", "bronze", "silver", "gold"])
def test_svg_names_the_level_in_its_colour_and_boxes_fit_the_text(level: str) -> None:
    badge = badge_for(_report(level))
    assert (badge.label, badge.message, badge.colour) == ("platform", level, COLOURS[level])
    root = ET.fromstring(render_svg(badge))
    assert root.get("width") == str(badge.width) and root.get("height") == "20"
    assert root.findtext(f"{SVG}title") == f"platform: {level}"
    rects = {r.get("class"): r for r in root.iter(f"{SVG}rect") if r.get("class")}
    assert rects["message-box"].get("fill") == COLOURS[level]
    assert int(rects["label-box"].get("width")) >= text_width("platform") + 2 * PADDING
    assert int(rects["message-box"].get("width")) >= text_width(level) + 2 * PADDING


def test_text_is_escaped() -> None:
    svg = render_svg(Badge(label="a<b", message="x&y", colour="#000"))
    ET.fromstring(svg)
    assert "a&lt;b" in svg and "x&amp;y" in svg


def test_endpoint_json_has_exactly_the_shields_fields() -> None:
    data = render_endpoint(badge_for(_report("silver")))
    assert data == {
        "schemaVersion": 1,
        "label": "platform",
        "message": "silver",
        "color": COLOURS["silver"].lstrip("#"),
    }


def test_badge_command_writes_both_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.json"
    report.write_text(json.dumps(_data("gold")), encoding="utf-8")
    out = tmp_path / "badges"
    assert run(["badge", "--report", str(report), "--out", str(out)]) == 0
    assert json.loads((out / "platform-lint.json").read_text())["message"] == "gold"
    ET.fromstring((out / "platform-lint.svg").read_text())
    assert "platform: gold" in capsys.readouterr().out


def test_badge_command_rejects_a_file_that_is_not_a_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "report.json"
    bad.write_text('{"schema_version": 1}', encoding="utf-8")
    assert run(["badge", "--report", str(bad), "--out", str(tmp_path)]) == 2
    assert "not a platform-lint report" in capsys.readouterr().err
    assert run(["badge", "--report", str(tmp_path / "missing.json")]) == 2


# -- in a real browser --------------------------------------------------------------------------------

_MEASURE = """
<script>
const out = [];
for (const svg of document.querySelectorAll('svg')) {
  for (const cls of ['label', 'message']) {
    const text = svg.querySelector('text.' + cls), box = svg.querySelector('rect.' + cls + '-box');
    const b = text.getBBox(), x = box.x.baseVal.value, w = box.width.baseVal.value;
    out.push({badge: svg.getAttribute('aria-label'), part: cls, length: text.getComputedTextLength(),
              left: b.x, right: b.x + b.width, boxLeft: x, boxRight: x + w,
              svgWidth: svg.width.baseVal.value});
  }
}
document.getElementById('result').textContent = JSON.stringify(out);
</script>
"""


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@pytest.mark.browser
def test_badge_text_fits_its_boxes_in_headless_chromium(tmp_path: Path) -> None:
    browser = _chromium()
    if browser is None:
        pytest.skip("no Chromium binary on this machine")
    badges = [badge_for(_report(level)) for level in ("none", "bronze", "silver", "gold")]
    badges.append(Badge(label="platform", message="WWWW@@@@mmmm", colour="#000"))  # the widest glyphs
    page = tmp_path / "badges.html"
    page.write_text(
        "<!doctype html><html><body>"
        + "".join(render_svg(b) for b in badges)
        + '<pre id="result"></pre>'
        + _MEASURE
        + "</body></html>",
        encoding="utf-8",
    )
    profile = tmp_path / "profile"
    done = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    start = done.stdout.index('<pre id="result">') + len('<pre id="result">')
    measured = json.loads(done.stdout[start : done.stdout.index("</pre>", start)].replace("&quot;", '"'))
    assert len(measured) == 2 * len(badges)
    for m in measured:
        assert m["length"] > 0, m
        assert m["left"] >= m["boxLeft"] + 1 and m["right"] <= m["boxRight"] - 1, m  # inside, with margin
        assert m["right"] <= m["svgWidth"], m

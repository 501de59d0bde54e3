"""The README badge: an SVG and a shields.io endpoint JSON, both from the report.

The SVG is sized from the text: each character's advance width in Verdana at 11px
(the font the badge names first) comes from :data:`VERDANA_11`; characters not in the
table count as the widest Latin capital, so an unknown glyph can only make a box wider,
never let text overflow it. The endpoint JSON carries exactly the fields shields.io
reads: ``schemaVersion``, ``label``, ``message`` and ``color``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from platform_lint.report.model import Report
from platform_lint.report.reporter import RenderOptions, Reporter

LABEL = "platform"
FONT_FAMILY = "Verdana,Geneva,DejaVu Sans,sans-serif"
FONT_SIZE = 11
PADDING = 6  # px each side of a text
HEIGHT = 20
SVG_NAME = "platform-lint.svg"
JSON_NAME = "platform-lint.json"

COLOURS: Mapping[str, str] = {
    "gold": "#b8860b",
    "silver": "#6c7a89",
    "bronze": "#a05a2c",
    "none": "#9f9f9f",
}
LABEL_COLOUR = "#555"

# Advance widths of Verdana at 11px, in px (font units / 2048 * 11), printable ASCII.
VERDANA_11: Mapping[str, float] = {
    " ": 3.87,
    "!": 4.33,
    '"': 5.06,
    "#": 9.00,
    "$": 7.00,
    "%": 11.85,
    "&": 7.99,
    "'": 2.96,
    "(": 4.99,
    ")": 4.99,
    "*": 7.00,
    "+": 9.00,
    ",": 4.00,
    "-": 4.99,
    ".": 4.00,
    "/": 4.99,
    "0": 7.00,
    "1": 7.00,
    "2": 7.00,
    "3": 7.00,
    "4": 7.00,
    "5": 7.00,
    "6": 7.00,
    "7": 7.00,
    "8": 7.00,
    "9": 7.00,
    ":": 4.99,
    ";": 4.99,
    "<": 9.00,
    "=": 9.00,
    ">": 9.00,
    "?": 5.97,
    "@": 11.00,
    "A": 7.52,
    "B": 7.54,
    "C": 7.68,
    "D": 8.48,
    "E": 6.95,
    "F": 6.33,
    "G": 8.53,
    "H": 8.26,
    "I": 4.63,
    "J": 5.00,
    "K": 7.62,
    "L": 6.13,
    "M": 9.27,
    "N": 8.23,
    "O": 8.66,
    "P": 6.63,
    "Q": 8.66,
    "R": 7.65,
    "S": 7.52,
    "T": 6.78,
    "U": 8.05,
    "V": 7.52,
    "W": 10.88,
    "X": 7.54,
    "Y": 6.77,
    "Z": 7.54,
    "[": 4.99,
    "\\": 4.99,
    "]": 4.99,
    "^": 9.00,
    "_": 7.00,
    "`": 7.00,
    "a": 6.61,
    "b": 6.85,
    "c": 5.73,
    "d": 6.85,
    "e": 6.55,
    "f": 3.87,
    "g": 6.85,
    "h": 6.96,
    "i": 3.02,
    "j": 3.78,
    "k": 6.51,
    "l": 3.02,
    "m": 10.70,
    "n": 6.96,
    "o": 6.68,
    "p": 6.85,
    "q": 6.85,
    "r": 4.69,
    "s": 5.73,
    "t": 4.34,
    "u": 6.96,
    "v": 6.51,
    "w": 9.00,
    "x": 6.51,
    "y": 6.51,
    "z": 5.78,
    "{": 6.98,
    "|": 4.99,
    "}": 6.98,
    "~": 9.00,
}
_UNKNOWN = max(VERDANA_11.values())
SAFETY = 1.05
"""Room for fallback fonts (DejaVu Sans runs up to a few percent wider than Verdana)."""


def text_width(text: str) -> float:
    """Width of ``text`` in Verdana 11px, in px."""
    return sum(VERDANA_11.get(ch, _UNKNOWN) for ch in text)


@dataclass(frozen=True)
class Badge:
    label: str
    message: str
    colour: str

    @property
    def label_box(self) -> int:
        return round(text_width(self.label) * SAFETY) + 2 * PADDING

    @property
    def message_box(self) -> int:
        return round(text_width(self.message) * SAFETY) + 2 * PADDING

    @property
    def width(self) -> int:
        return self.label_box + self.message_box


def badge_for(report: Report) -> Badge:
    level = report.summary.level
    return Badge(label=LABEL, message=level, colour=COLOURS.get(level, COLOURS["none"]))


def _escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as XML entities (what ``xml.sax.saxutils.escape`` does, without
    importing urllib and http with it)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_svg(badge: Badge) -> str:
    lw, mw, w = badge.label_box, badge.message_box, badge.width
    label, message = _escape(badge.label), _escape(badge.message)
    title = f"{label}: {message}"
    lx, mx = lw / 2, lw + mw / 2
    texts = []
    for cls, x, text in (("label", lx, label), ("message", mx, message)):
        texts.append(
            f'<text x="{x:g}" y="15" fill="#010101" fill-opacity=".3" aria-hidden="true">{text}</text>'
        )
        texts.append(f'<text class="{cls}" x="{x:g}" y="14">{text}</text>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{HEIGHT}" role="img" '
        f'aria-label="{title}">'
        f"<title>{title}</title>"
        '<linearGradient id="pl-shine" x2="0" y2="100%">'
        '<stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/>'
        "</linearGradient>"
        f'<clipPath id="pl-round"><rect width="{w}" height="{HEIGHT}" rx="3" fill="#fff"/></clipPath>'
        '<g clip-path="url(#pl-round)">'
        f'<rect class="label-box" width="{lw}" height="{HEIGHT}" fill="{LABEL_COLOUR}"/>'
        f'<rect class="message-box" x="{lw}" width="{mw}" height="{HEIGHT}" fill="{badge.colour}"/>'
        f'<rect width="{w}" height="{HEIGHT}" fill="url(#pl-shine)"/>'
        "</g>"
        f'<g fill="#fff" text-anchor="middle" font-family="{FONT_FAMILY}" font-size="{FONT_SIZE}">'
        + "".join(texts)
        + "</g></svg>\n"
    )


def render_endpoint(badge: Badge) -> dict[str, Any]:
    """The shields.io endpoint document: exactly schemaVersion, label, message, color."""
    return {
        "schemaVersion": 1,
        "label": badge.label,
        "message": badge.message,
        "color": badge.colour.lstrip("#"),
    }


def endpoint_json(badge: Badge) -> str:
    """The endpoint document as written to its file."""
    return json.dumps(render_endpoint(badge), indent=2) + "\n"


def _svg(report: Report, options: RenderOptions) -> str:
    return render_svg(badge_for(report))


def _endpoint(report: Report, options: RenderOptions) -> str:
    return endpoint_json(badge_for(report))


SVG_REPORTER = Reporter(
    name="badge-svg",
    summary=f"the README badge as SVG ({SVG_NAME})",
    render=_svg,
    extensions=(".svg",),
)
ENDPOINT_REPORTER = Reporter(
    name="badge-json",
    summary=f"the README badge as a shields.io endpoint ({JSON_NAME})",
    render=_endpoint,
)

"""Charts drawn as inline SVG: no library, no CDN, readable offline and in a mail client.

Every number drawn is also in the element's ``<title>`` (a tooltip, and what a screen reader
reads), and every text passed in is escaped here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    values: tuple[float | None, ...]  # 0..100, one per x position; None: no value there
    notes: tuple[str, ...] = ()  # a tooltip line per value
    dashed: bool = False
    unit: str = "%"  # after the latest value in a legend


def _x_positions(dates: Sequence[str], left: float, width: float) -> list[float]:
    """By time when the dates are distinct and readable (month-to-month gaps show), else evenly."""
    if len(dates) == 1:
        return [left + width / 2]
    try:
        days = [dt.date.fromisoformat(d).toordinal() for d in dates]
    except ValueError:
        days = []
    if days and len(set(days)) == len(days) and days == sorted(days):
        span = days[-1] - days[0]
        return [left + width * (d - days[0]) / span for d in days]
    return [left + width * i / (len(dates) - 1) for i in range(len(dates))]


def line_chart(labels: Sequence[str], series: Sequence[Series], *, title: str) -> str:
    """A line chart over 0..100 with one x position per label (dates in ISO form)."""
    width, height = 640, 260
    left, right, top, bottom = 44, 16, 14, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    xs = _x_positions(labels, left, plot_w)

    def y(value: float) -> float:
        return top + plot_h * (1 - max(0.0, min(100.0, value)) / 100)

    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
    for tick in (0, 25, 50, 75, 100):
        parts.append(
            f'<line class="grid" x1="{left}" x2="{left + plot_w}" y1="{y(tick):.1f}" y2="{y(tick):.1f}"/>'
            f'<text class="tick" x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{tick}</text>'
        )
    most = 8 if max((len(label) for label in labels), default=0) <= 10 else 4  # dates, or dates and times
    step = max(1, -(-len(labels) // most))  # at most about that many labels, so they never overlap
    for i, (label, x) in enumerate(zip(labels, xs, strict=True)):
        if i % step == 0 or i == len(labels) - 1:
            # the first label starts at its point and the last ends at its point, so both stay
            # inside the picture
            anchor = "middle"
            if len(labels) > 1 and i in (0, len(labels) - 1):
                anchor = "start" if i == 0 else "end"
            parts.append(
                f'<text class="tick" x="{x:.1f}" y="{top + plot_h + 18}" text-anchor="{anchor}">'
                f"{escape(label)}</text>"
            )
    for s in series:
        points = [(x, v) for x, v in zip(xs, s.values, strict=True) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y(v):.1f}" for x, v in points)
            dash = ' stroke-dasharray="6 4"' if s.dashed else ""
            parts.append(
                f'<polyline fill="none" stroke="{escape(s.colour)}" stroke-width="2.5"{dash} '
                f'points="{path}"/>'
            )
        for i, (x, v) in enumerate(zip(xs, s.values, strict=True)):
            if v is None:
                continue
            note = s.notes[i] if i < len(s.notes) else f"{v:.0f}"
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y(v):.1f}" r="4" fill="{escape(s.colour)}">'
                f"<title>{escape(labels[i])} · {escape(s.name)}: {escape(note)}</title></circle>"
            )
    parts.append("</svg>")
    return "".join(parts)


def legend(series: Sequence[Series], *, latest: bool = False) -> str:
    """The key to a line chart: a swatch (dashed for a dashed line) and the name of each series;
    with ``latest``, its last value too, so lines that lie on top of each other can be told apart."""

    def last(s: Series) -> str:
        values = [v for v in s.values if v is not None]
        return f" <b>{values[-1]:.0f}{escape(s.unit)}</b>" if latest and values else ""

    items = "".join(
        f'<span><i class="{"dash" if s.dashed else "solid"}" style="--c:{escape(s.colour)}"></i>'
        f"{escape(s.name)}{last(s)}</span>"
        for s in series
    )
    return f'<div class="legend">{items}</div>'


def stacked_bar(segments: Sequence[tuple[str, int, str]], *, title: str) -> str:
    """One horizontal bar split into (label, count, colour) segments, sized by count."""
    total = sum(count for _, count, _ in segments)
    width, height = 1000, 36
    parts = [
        f'<svg class="stack" viewBox="0 0 {width} {height}" preserveAspectRatio="none" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
    x = 0.0
    for label, count, colour in segments:
        if not count or not total:
            continue
        w = width * count / total
        share = 100 * count / total
        parts.append(
            f'<rect x="{x:.2f}" width="{w:.2f}" height="{height}" fill="{escape(colour)}">'
            f"<title>{escape(label)}: {count} ({share:.0f}%)</title></rect>"
        )
        x += w
    if not total:
        parts.append(f'<rect width="{width}" height="{height}" fill="#e5e7eb"/>')
    parts.append("</svg>")
    return "".join(parts)

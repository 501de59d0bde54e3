"""The org report as one self-contained HTML page: ``SITE/index.html``.

Adoption bars per characteristic, the level distribution, the trend as a line chart (inline
SVG), the most common gaps and a sortable, filterable table of every repository linking to its
JSON report. No CDN, no web font, no external request: it opens from a file, offline. Every
text taken from a report or a manifest is HTML-escaped (the data is untrusted), and the page's
Content-Security-Policy runs only its own script, by hash.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape
from urllib.parse import quote

from platform_lint import __version__
from platform_lint.model import CHARACTERISTIC_TITLES, CHARACTERISTICS, JOURNEY_TITLES, JOURNEYS, level_rank
from platform_lint.orgscan import figures, scorecard
from platform_lint.orgscan.charts import Series, line_chart, stacked_bar
from platform_lint.orgscan.charts import legend as chart_legend
from platform_lint.orgscan.dashboard_assets import SCRIPT, STYLE, script_hash
from platform_lint.orgscan.files import report_relpath
from platform_lint.orgscan.merge import OrgView, RepoView
from platform_lint.report._shared import level_title, one_line, plural, score_text
from platform_lint.report.badge import COLOURS

SHORT_NAMES = {
    "clear-ownership": "Own",
    "developer-first-design": "DX",
    "self-service": "Self",
    "stable-contracts": "API",
    "opinionated-defaults": "Dflt",
    "observable-by-design": "Obs",
    "measured-adoption": "Use",
    "versioned-documented": "Docs",
    "golden-paths": "Path",
}
"""Column headings for the characteristics in the table (the full name is the tooltip)."""

STAGE_COLOURS = {
    "discover": "#7c3aed",
    "evaluate": "#0891b2",
    "onboard": "#16a34a",
    "build": "#ea580c",
    "scale": "#db2777",
    "advocate": "#475569",
}
"""One colour per journey stage in the stage trend (told apart by name in the legend too)."""
GOLDEN_COLOUR = "#111827"

TREND_COLOURS = {"bronze": COLOURS["bronze"], "silver": COLOURS["silver"], "gold": COLOURS["gold"]}


def _e(text: object) -> str:
    return escape(one_line(text), quote=True)


def _pct(share: float) -> str:
    return f"{100 * share:.0f}%"


def _basis(text: str, n: int | None = None) -> str:
    over = f" Over {plural(n, 'repository', 'repositories')}." if n is not None else ""
    return f'<p class="basis">{_e(text)}{over}</p>'


def render_dashboard(view: OrgView, *, generated_at: dt.datetime, badges: bool = True) -> str:
    counted = view.with_report
    title = f"{view.org} · platform-lint" if view.org else "platform-lint org report"
    csp = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src {script_hash()}; base-uri 'none'; form-action 'none'"
    )
    body = [
        _header(view, generated_at),
        "<main>",
        _notices(view),
        _cards(view),
        '<div class="two">',
        _levels(counted),
        _trend(view),
        "</div>",
        '<div class="two even">',
        _adoption(counted),
        _gaps(counted),
        "</div>",
        _journeys_and_trend(view),
        _scorecard(view),
        _table(counted),
        _unchecked(view),
        "</main>",
        f"<footer>platform-lint {_e(__version__)} · generated {_e(generated_at.isoformat())}"
        + (" · level badges under badges/OWNER/NAME/" if badges else "")
        + "</footer>",
    ]
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        f"<title>{_e(title)}</title><style>{STYLE}</style></head><body>"
        + "\n".join(part for part in body if part)
        + f"<script>{SCRIPT}</script></body></html>\n"
    )


def _header(view: OrgView, generated_at: dt.datetime) -> str:
    name = _e(view.org) if view.org else "Organisation"
    scans = "; ".join(
        f"scan {_e(s.scan_id)}"
        + (f" shard {_e(s.shard)}" if s.shard else "")
        + f" started {_e(s.started_at)}"
        for s in view.scans
    )
    policies = ", ".join(sorted({_e(s.policy) for s in view.scans}))
    return (
        f"<header><h1>{name} <small>platform-lint org report</small></h1>"
        f'<p class="meta">{scans} · policy {policies}</p></header>'
    )


def _notices(view: OrgView) -> str:
    if not view.problems:
        return ""
    shown = "".join(f"<p>{_e(p)}</p>" for p in view.problems[:20])
    more = f"<p>…and {len(view.problems) - 20} more</p>" if len(view.problems) > 20 else ""
    return f'<section class="notice" id="problems">{shown}{more}</section>'


def _cards(view: OrgView) -> str:
    counted = view.with_report
    n = len(counted)
    at_least_bronze = sum(1 for r in counted if r.digest and r.digest.level != "none")
    mean = sum(r.digest.score for r in counted if r.digest) / n if n else None
    failed = sum(1 for r in view.repos if r.status == "failed")
    cards = [
        (str(len(view.repos)), f"repositories ({n} with a report)"),
        (_pct(at_least_bronze / n) if n else "-", f"reach bronze or better ({at_least_bronze} of {n})"),
        (score_text(mean), f"mean score over {n}"),
        (str(failed), "could not be checked (failed)"),
    ]
    inner = "".join(f'<div class="card"><b>{_e(v)}</b><span>{_e(t)}</span></div>' for v, t in cards)
    return f'<section class="cards" id="cards">{inner}</section>'


def _levels(counted: Sequence[RepoView]) -> str:
    shares = figures.level_distribution(counted)
    segments = [(level_title(s.level), s.repositories, COLOURS[s.level]) for s in shares]
    rows = "".join(
        f'<span><span class="pill lv-{s.level}">{_e(level_title(s.level))}</span></span>'
        f'<div class="bar"><i style="width:{100 * s.share:.1f}%;background:{COLOURS[s.level]}"></i></div>'
        f'<span class="num">{s.repositories} · {_pct(s.share)}</span>'
        for s in shares
    )
    return (
        '<section class="panel" id="levels"><h2>Levels</h2>'
        + stacked_bar(segments, title="Repositories by level")
        + f'<div class="bars">{rows}</div>'
        + _basis(figures.LEVELS_BASIS, len(counted))
        + "</section>"
    )


def _trend(view: OrgView) -> str:
    points = figures.trend(view)
    if not points:
        chart = (
            '<p class="meta">No finished scan in the history yet: the trend starts with the first one.</p>'
        )
        legend = ""
    else:
        labels = [p.date for p in points]
        series = [
            Series(
                f"{level} or better" if level != "gold" else "gold",
                TREND_COLOURS[level],
                tuple(100 * p.at_least[level] for p in points),
                tuple(f"{_pct(p.at_least[level])} of {p.repositories} (scan {p.scan_id})" for p in points),
            )
            for level in ("bronze", "silver", "gold")
        ]
        series.append(
            Series(
                "mean score",
                "#2563eb",
                tuple(p.mean_score for p in points),
                tuple(f"{score_text(p.mean_score)} over {p.repositories}" for p in points),
                dashed=True,
                unit="",
            )
        )
        chart = line_chart(
            labels, series, title="Share of repositories at each level, and mean score, by scan"
        )
        legend = chart_legend(series, latest=True)
    over = f" Over {len(points)} scan{'s' if len(points) != 1 else ''}." if points else ""
    return (
        '<section class="panel" id="trend"><h2>Trend</h2>'
        + chart
        + legend
        + f'<p class="basis">{_e(figures.TREND_BASIS)}{over}</p></section>'
    )


def _adoption(counted: Sequence[RepoView]) -> str:
    rows = "".join(
        f"<span>{_e(a.title)}</span>"
        f'<div class="bar" title="{a.adopted} adopted, {a.partly} partly, of {a.applicable}">'
        f'<i class="full" style="width:{100 * a.share:.1f}%"></i>'
        f'<i class="part" style="width:{100 * a.partly_share:.1f}%"></i></div>'
        + (
            f'<span class="num">{a.adopted} of {a.applicable} · {_pct(a.share)} · '
            f"score {score_text(a.mean_score)}</span>"
            if a.applicable
            else '<span class="num">applies to none</span>'
        )
        for a in figures.adoption(counted)
    )
    legend = (
        '<div class="legend"><span><i class="full"></i>every rule passes</span>'
        '<span><i class="part"></i>some rules pass</span></div>'
    )
    return (
        '<section class="panel" id="adoption"><h2>Adoption by characteristic</h2>'
        f'<div class="bars">{rows}</div>{legend}'
        + _basis(figures.ADOPTION_BASIS, len(counted))
        + "</section>"
    )


def _journeys(counted: Sequence[RepoView]) -> str:
    funnel = figures.journey_funnel(counted)
    n = funnel.repositories
    if not n:
        rows = '<p class="meta">No report lists journey stages.</p>'
    else:
        rows = (
            '<div class="bars">'
            + "".join(
                f"<span>{_e(s.title)}</span>"
                f'<div class="bar" title="{s.adopted} of {s.judged} pass every rule of the stage">'
                f'<i class="full" style="width:{100 * s.share:.1f}%"></i></div>'
                + (
                    f'<span class="num">{s.adopted} of {s.judged} · {_pct(s.share)} · '
                    f"{s.stops} stop here</span>"
                    if s.judged
                    else '<span class="num">judged in none</span>'
                )
                for s in funnel.stages
            )
            + "</div>"
            + f'<p class="meta">A newcomer gets through every stage in {funnel.complete} of {n} '
            f"({_pct(funnel.complete / n)}).</p>"
        )
    older = (
        f" {plural(funnel.without, 'report')} written before journey stages existed "
        f"{'is' if funnel.without == 1 else 'are'} not counted."
        if funnel.without
        else ""
    )
    return (
        '<section class="panel" id="journeys"><h2>Adoption by journey stage</h2>'
        + rows
        + _basis(figures.JOURNEY_BASIS + older, n)
        + "</section>"
    )


def _journeys_and_trend(view: OrgView) -> str:
    """The journey stages now, and beside them how they and golden paths moved scan by scan."""
    trend = _stage_trend(view)
    now = _journeys(view.with_report)
    return f'<div class="two even">{now}{trend}</div>' if trend else now


def _stage_trend(view: OrgView) -> str:
    """Journey-stage pass rates and golden-path adoption by scan, when the history has them."""
    points = figures.trend(view)
    if not figures.stage_trend_recorded(points):
        return ""
    labels = [p.date for p in points]
    series = []
    for stage in JOURNEYS:
        shares = [p.stages.get(stage) for p in points]
        if not any(shares):
            continue
        series.append(
            Series(
                JOURNEY_TITLES[stage],
                STAGE_COLOURS[stage],
                tuple(None if s is None else 100 * s.share for s in shares),
                tuple("-" if s is None else f"{_pct(s.share)} of {s.judged}" for s in shares),
            )
        )
    series.append(
        Series(
            "on a golden path",
            GOLDEN_COLOUR,
            tuple(None if p.golden is None else 100 * p.golden.share for p in points),
            tuple(
                "-" if p.golden is None else f"{_pct(p.golden.share)} of {p.golden.listed}" for p in points
            ),
            dashed=True,
        )
    )
    series.append(
        Series(
            "template uses current",
            "#a16207",
            tuple(
                None if p.golden is None or p.golden.current is None else 100 * p.golden.current
                for p in points
            ),
            tuple(
                "-"
                if p.golden is None or p.golden.current is None
                else f"{_pct(p.golden.current)} of {p.golden.known}"
                for p in points
            ),
            dashed=True,
        )
    )
    chart = line_chart(
        labels,
        series,
        title="Share of repositories passing each journey stage, and on a golden path, by scan",
    )
    return (
        '<section class="panel" id="stage-trend"><h2>Journey stages and golden paths over time</h2>'
        + chart
        + chart_legend(series, latest=True)
        + f'<p class="basis">{_e(figures.STAGE_TREND_BASIS)} The key gives the latest value of each line. '
        + f"Over {plural(len(points), 'scan')}.</p>"
        + "</section>"
    )


def _scorecard(view: OrgView) -> str:
    counted = view.with_report
    adoption = "".join(
        f'<tr><td>{_e(a.title)}</td><td class="num">{a.adopted}</td><td class="num">{a.applicable}</td>'
        f'<td class="num">{_pct(a.share) if a.applicable else "-"}</td></tr>'
        for a in figures.adoption(counted)
    )
    characteristics = (
        '<div id="scorecard-characteristics"><h3>Characteristics adopted</h3>'
        "<table><thead><tr><th>Characteristic</th><th>Adopted</th><th>Of</th><th>Share</th></tr></thead>"
        f"<tbody>{adoption}</tbody></table>" + _basis(figures.ADOPTION_BASIS, len(counted)) + "</div>"
    )
    return (
        '<section class="panel" id="scorecard"><h2>Balanced scorecard</h2>'
        '<p class="meta">The estate from several sides; each figure says how it was computed and over '
        "how many repositories.</p>"
        '<div class="two even">'
        + characteristics
        + _golden_paths(view)
        + "</div>"
        + _delivery(view)
        + "</section>"
    )


def _golden_paths(view: OrgView) -> str:
    gp = scorecard.golden_paths(view.with_report, view.repos)
    n = gp.repositories
    older = (
        f" {plural(gp.without, 'report')} written before origin records were kept "
        f"{'is' if gp.without == 1 else 'are'} not counted."
        if gp.without
        else ""
    )
    if not n:
        body = '<p class="meta">No report carries origin records: not measured.</p>'
    else:
        rows = []
        for t in gp.templates:
            if t.repository and t.head:
                latest = f"{_e(t.repository)} @ <code>{_e(t.head[:12])}</code>"
            elif t.repository:
                latest = f"unknown ({_e(t.repository)} not read)"
            else:
                latest = "unknown (not in the scan)"
            why = "; ".join(f"{count}: {reason}" for reason, count in t.why_unknown)
            rows.append(
                f"<tr><td><code>{_e(t.template[:200])}</code></td><td>{latest}</td>"
                f'<td class="num">{t.repositories} · {_pct(t.repositories / n)}</td>'
                f'<td class="num">{t.current}</td><td class="num">{t.behind}</td>'
                f'<td class="num" title="{_e(why)}">{t.unknown}</td></tr>'
            )
        table = (
            '<div class="scroll"><table class="fit"><thead><tr><th>Template</th><th>Latest version</th>'
            '<th title="repositories generated from it">Repositories</th><th>Current</th>'
            "<th>Behind</th><th>Unknown</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>"
            if rows
            else ""
        )
        body = (
            f'<p class="big"><b>{_pct(gp.share)}</b> of repositories record the template they came from '
            f"({gp.on_path} of {n})</p>" + table
        )
    return (
        '<div id="scorecard-golden-paths"><h3>Golden-path adoption</h3>'
        + body
        + _basis(scorecard.GOLDEN_BASIS + older, n)
        + "</div>"
    )


def _delivery(view: OrgView) -> str:
    d = scorecard.delivery(view.with_report, view.delivery_runs)
    n = d.groups[-1].repositories
    if not d.measured:
        why = d.not_measured[0][0] if d.not_measured else "not measured: no repository has a report"
        rest = why.removeprefix("not measured").lstrip(": ")
        body = f'<p class="big"><b>Not measured:</b> {_e(rest)}</p>'
    else:
        rows = "".join(
            f'<tr><td>{_e(g.name)}</td><td class="num">{g.repositories}</td>'
            f'<td class="num">{g.releases_measured}</td>'
            f'<td class="num">{_e(scorecard.count_text(g.releases_365))}</td>'
            f'<td class="num">{_e(scorecard.count_text(g.releases_90))}</td>'
            f'<td class="num">{g.pulls_measured}</td><td class="num">{g.with_merges}</td>'
            f'<td class="num">{g.merged}</td>'
            f'<td class="num">{_e(scorecard.hours_text(g.lead_hours))}</td></tr>'
            for g in d.groups
        )
        reasons = "".join(
            f"<li>{_e(plural(count, 'repository', 'repositories'))}: {_e(reason)}</li>"
            for reason, count in d.not_measured
        )
        body = (
            f'<p class="meta">Requests: {d.requests} sent of a budget of {d.budget} '
            f"({d.not_modified} answered 304 Not Modified).</p>"
            '<div class="scroll"><table class="fit"><thead><tr><th>Repositories</th><th>Of</th>'
            "<th>Releases measured</th>"
            "<th>Releases, 365 days (median)</th><th>Releases, 90 days (median)</th>"
            "<th>Lead time measured</th><th>With a merge</th><th>Pull requests merged</th>"
            f"<th>Median lead time</th></tr></thead><tbody>{rows}</tbody></table></div>"
            + (f'<ul class="meta">{reasons}</ul>' if reasons else "")
        )
    return (
        '<div id="scorecard-delivery"><h3>Delivery signals</h3>'
        + body
        + _basis(scorecard.DELIVERY_BASIS, n)
        + "</div>"
    )


def _gaps(counted: Sequence[RepoView]) -> str:
    gaps = figures.common_gaps(counted)
    n = len(counted)
    if not gaps:
        rows = '<p class="meta">No repository has a gap to its next level.</p>'
    else:
        rows = (
            '<div class="bars">'
            + "".join(
                f'<span title="{_e(g.rule_id)}">{_e(g.title)}</span>'
                f'<div class="bar"><i class="gap" style="width:{100 * g.repositories / n:.1f}%"></i></div>'
                f'<span class="num">{g.repositories} · {_pct(g.repositories / n)} · '
                f"{_e(level_title(g.level))}</span>"
                for g in gaps
            )
            + "</div>"
        )
    return (
        '<section class="panel" id="gaps"><h2>Most common gaps</h2>'
        + rows
        + _basis(figures.GAPS_BASIS, n)
        + "</section>"
    )


def _table(counted: Sequence[RepoView]) -> str:
    heads = [
        '<th data-type="text"><button type="button">Repository</button></th>',
        '<th data-type="number"><button type="button">Level</button></th>',
        '<th data-type="number"><button type="button">Score</button></th>',
        '<th data-type="number"><button type="button">Findings</button></th>',
    ]
    heads += [
        f'<th data-type="number" title="{_e(CHARACTERISTIC_TITLES[c])}"><button type="button">'
        f"{SHORT_NAMES[c]}</button></th>"
        for c in CHARACTERISTICS
    ]
    heads.append('<th data-type="text">Next gaps</th>')
    rows = "\n".join(_row(r) for r in figures.ranked(counted))
    options = "".join(f'<option value="{lv}">{_e(level_title(lv))}</option>' for lv in figures.LEVELS_SHOWN)
    return (
        '<section class="panel" id="repositories"><h2>Repositories</h2>'
        '<div class="controls"><input id="filter" type="search" placeholder="Filter by name or gap" '
        'aria-label="Filter repositories">'
        f'<select id="level-filter" aria-label="Level"><option value="">All levels</option>{options}</select>'
        '<span id="shown" class="meta"></span></div>'
        f'<div class="scroll"><table id="repos"><thead><tr>{"".join(heads)}</tr></thead>'
        f"<tbody>\n{rows}\n</tbody></table></div>"
        + _basis(
            figures.RANKING_BASIS + " Click a column to sort by it. The characteristic columns show "
            "each one's score, darker as more of its rules pass (a dot: no rule of it applies).",
            len(counted),
        )
        + "</section>"
    )


def _row(repo: RepoView) -> str:
    d = repo.digest
    assert d is not None
    href = quote(report_relpath(repo.repo), safe="/")
    by_id = {c.id: c for c in d.characteristics}
    cells = [
        f'<td data-sort="{_e(repo.repo.lower())}"><a href="{href}">{_e(repo.repo)}</a>'
        + (' <span class="meta">(unchanged)</span>' if repo.status == "unchanged" else "")
        + "</td>",
        f'<td data-sort="{level_rank(d.level)}"><span class="pill lv-{_e(d.level)}">'
        f"{_e(level_title(d.level))}</span></td>",
        f'<td class="num" data-sort="{d.score:g}">{score_text(d.score)}</td>',
        f'<td class="num" data-sort="{d.findings_open}">{d.findings_open}</td>',
    ]
    for characteristic in CHARACTERISTICS:
        c = by_id.get(characteristic)
        if c is None or c.score is None:
            cells.append('<td class="c na" data-sort="NaN">·</td>')
        else:
            cells.append(
                f'<td class="c s{_score_step(c.score)}" data-sort="{c.score:g}" '
                f'title="{_e(CHARACTERISTIC_TITLES[characteristic])}: score {score_text(c.score)}, '
                f'{c.passed} rule(s) pass, {c.failed} fail">{score_text(c.score)}</td>'
            )
    gaps = figures.top_gaps(repo)
    cells.append(f'<td class="gaps">{"; ".join(_e(g) for g in gaps) or "-"}</td>')
    return f'<tr data-level="{_e(d.level)}">' + "".join(cells) + "</tr>"


def _score_step(score: float) -> int:
    """0 (nothing passes) .. 4 (everything passes): the cell's shade."""
    if score >= 100:
        return 4
    if score <= 0:
        return 0
    return 1 if score < 50 else 2 if score < 80 else 3


def _unchecked(view: OrgView) -> str:
    others = [r for r in view.repos if r.digest is None]
    if not others:
        return ""
    rows = "".join(
        f"<tr><td>{_e(r.repo)}</td><td>{_e(r.status)}</td><td>{_e(r.reason or '')}</td></tr>" for r in others
    )
    return (
        '<section class="panel" id="unchecked"><h2>Not checked</h2><table><thead><tr><th>Repository</th>'
        f"<th>Status</th><th>Reason</th></tr></thead><tbody>{rows}</tbody></table>"
        + _basis("Skipped repositories have nothing to check (no commits); failed ones could not be read.")
        + "</section>"
    )

"""The org report as Markdown: for a job summary, a wiki page or an issue.

Levels, adoption of each characteristic, the most common gaps, the trend and the repositories
ranked; each figure says how it was computed and over how many repositories. Every text taken
from a report or a manifest (names, rule titles, reasons) is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence

from platform_lint.model import CHARACTERISTIC_TITLES, JOURNEY_TITLES, JOURNEYS
from platform_lint.orgscan import figures, scorecard
from platform_lint.orgscan.manifest import STATUSES
from platform_lint.orgscan.merge import OrgView, RepoView
from platform_lint.report._shared import level_title, plural, score_text
from platform_lint.report.markdown import code, escape

STATUS_WORDS = {"unchanged": "unchanged since the previous scan (not checked again; report kept)"}
"""How the summary's first line names a status, where the status word alone is unclear."""

MAX_RANKED = 500
"""Repositories listed in the ranking (the dashboard lists them all)."""


def _pct(share: float) -> str:
    return f"{100 * share:.0f}%"


def render_summary(view: OrgView, *, dashboard: str | None = None) -> str:
    counted = view.with_report
    n = len(counted)
    title = f"platform-lint org report: {escape(view.org)}" if view.org else "platform-lint org report"
    lines = [f"# {title}", ""]
    statuses = [
        f"{sum(1 for r in view.repos if r.status == s)} {STATUS_WORDS.get(s, s)}"
        for s in STATUSES
        if any(r.status == s for r in view.repos)
    ]
    lines.append(f"{plural(len(view.repos), 'repository', 'repositories')}: {', '.join(statuses) or 'none'}.")
    scans = ", ".join(
        f"{code(s.scan_id)}{f' (shard {escape(s.shard)})' if s.shard else ''} started {escape(s.started_at)}"
        + ("" if s.finished_at else " (not finished)")
        for s in view.scans
    )
    lines += ["", f"Scans: {scans}. Policy: {', '.join(sorted({code(s.policy) for s in view.scans}))}."]
    if dashboard:
        lines += ["", f"The dashboard: [{escape(dashboard)}]({dashboard})."]
    for problem in view.problems[:20]:
        lines.append(f"\n> {escape(problem)}")

    lines += [
        "",
        "## Levels",
        "",
        f"_{figures.LEVELS_BASIS} Over {plural(n, 'repository', 'repositories')}._",
        "",
    ]
    lines += ["| level | repositories | share |", "|---|--:|--:|"]
    for share in figures.level_distribution(counted):
        lines.append(f"| {level_title(share.level)} | {share.repositories} | {_pct(share.share)} |")

    lines += ["", "## Adoption by characteristic", "", f"_{figures.ADOPTION_BASIS}_", ""]
    lines += [
        "| characteristic | adopted | partly | of | share adopted | mean score |",
        "|---|--:|--:|--:|--:|--:|",
    ]
    for a in figures.adoption(counted):
        lines.append(
            f"| {a.title} | {a.adopted} | {a.partly} | {a.applicable} "
            f"| {_pct(a.share) if a.applicable else '-'} | {score_text(a.mean_score)} |"
        )

    lines += _journeys(counted)

    gaps = figures.common_gaps(counted)
    lines += [
        "",
        "## Most common gaps",
        "",
        f"_{figures.GAPS_BASIS} Over {plural(n, 'repository', 'repositories')}._",
        "",
    ]
    if gaps:
        lines += ["| rule | characteristic | level | repositories held back |", "|---|---|---|--:|"]
        for g in gaps:
            lines.append(
                f"| {code(g.rule_id)} {escape(g.title)} | {CHARACTERISTIC_TITLES.get(g.characteristic, '?')} "
                f"| {level_title(g.level)} | {g.repositories} ({_pct(g.repositories / n)}) |"
            )
    else:
        lines.append("No repository has a gap to its next level.")

    lines += _scorecard(view)

    points = figures.trend(view)
    lines += ["", "## Trend", "", f"_{figures.TREND_BASIS}_", ""]
    if points:
        lines += [
            "| scan | date | repositories | bronze or better | silver or better | gold | mean score |",
            "|---|---|--:|--:|--:|--:|--:|",
        ]
        for p in points:
            lines.append(
                f"| {code(p.scan_id)} | {escape(p.date)} | {p.repositories} | {_pct(p.at_least['bronze'])} "
                f"| {_pct(p.at_least['silver'])} | {_pct(p.at_least['gold'])} | {score_text(p.mean_score)} |"
            )
        lines += _stage_trend(points)
    else:
        lines.append("No finished scan in the history yet.")

    ranked = figures.ranked(counted)
    lines += ["", "## Repositories", "", f"_{figures.RANKING_BASIS}_", ""]
    lines += ["| # | repository | level | score | open findings | next gaps |", "|--:|---|---|--:|--:|---|"]
    for i, repo in enumerate(ranked[:MAX_RANKED], 1):
        lines.append(_ranked_row(i, repo))
    if len(ranked) > MAX_RANKED:
        lines.append(f"\n…and {len(ranked) - MAX_RANKED} more (the dashboard lists every repository).")

    others = [r for r in view.repos if r.digest is None]
    if others:
        lines += ["", "## Not checked", "", "| repository | status | reason |", "|---|---|---|"]
        for repo in others:
            lines.append(f"| {escape(repo.repo)} | {repo.status} | {escape(repo.reason or '')} |")
    return "\n".join(lines) + "\n"


def _journeys(counted: tuple[RepoView, ...]) -> list[str]:
    funnel = figures.journey_funnel(counted)
    n = funnel.repositories
    lines = [
        "",
        "## Adoption by journey stage",
        "",
        f"_{figures.JOURNEY_BASIS} Over {plural(n, 'repository', 'repositories')}._",
        "",
    ]
    if funnel.without:
        lines += [
            f"{plural(funnel.without, 'report')} written before journey stages existed "
            f"{'is' if funnel.without == 1 else 'are'} not counted until the repository is checked "
            "again (an unchanged repository keeps its report: a new commit or a newer platform-lint "
            "rewrites it).",
            "",
        ]
    if not n:
        return [*lines, "No report lists journey stages."]
    lines += [
        "| stage | judged in | all rules pass | share | newcomers stop here |",
        "|---|--:|--:|--:|--:|",
    ]
    for s in funnel.stages:
        share = _pct(s.share) if s.judged else "-"
        lines.append(f"| {s.title} | {s.judged} | {s.adopted} | {share} | {s.stops} ({_pct(s.stops / n)}) |")
    share = _pct(funnel.complete / n)
    lines += ["", f"A newcomer gets through every stage in {funnel.complete} of {n} ({share})."]
    return lines


def _scorecard(view: OrgView) -> list[str]:
    counted = view.with_report
    n = len(counted)
    lines = [
        "",
        "## Balanced scorecard",
        "",
        "The estate from several sides; each figure says how it was computed and over how many repositories.",
        "",
        "### Characteristics adopted",
        "",
        f"_{figures.ADOPTION_BASIS} Over {plural(n, 'repository', 'repositories')} with a report._",
        "",
        "| characteristic | adopted | of | share |",
        "|---|--:|--:|--:|",
    ]
    for a in figures.adoption(counted):
        lines.append(
            f"| {a.title} | {a.adopted} | {a.applicable} | {_pct(a.share) if a.applicable else '-'} |"
        )
    return lines + _golden_paths(view) + _delivery(view)


def _golden_paths(view: OrgView) -> list[str]:
    gp = scorecard.golden_paths(view.with_report, view.repos)
    n = gp.repositories
    lines = [
        "",
        "### Golden-path adoption",
        "",
        f"_{scorecard.GOLDEN_BASIS} Over {plural(n, 'repository', 'repositories')}._",
        "",
    ]
    if gp.without:
        lines += [
            f"{plural(gp.without, 'report')} written before origin records were kept "
            f"{'is' if gp.without == 1 else 'are'} not counted until the repository is checked "
            "again (an unchanged repository keeps its report: a new commit or a newer platform-lint "
            "rewrites it).",
            "",
        ]
    if not n:
        return [*lines, "No report carries origin records: not measured."]
    lines.append(
        f"{gp.on_path} of {plural(n, 'repository', 'repositories')} ({_pct(gp.share)}) "
        f"{'records' if gp.on_path == 1 else 'record'} the template {'it' if gp.on_path == 1 else 'they'} "
        "came from."
    )
    if not gp.templates:
        return lines
    lines += [
        "",
        "| template | latest version | repositories | share | current | lag behind | unknown |",
        "|---|---|--:|--:|--:|--:|--:|",
    ]
    for t in gp.templates:
        latest = (
            f"{escape(t.repository)} @ {code(t.head[:12])}"
            if t.repository and t.head
            else "unknown (not in the scan)"
            if not t.repository
            else f"unknown ({escape(t.repository)} not read)"
        )
        lines.append(
            f"| {_template(t.template)} | {latest} | {t.repositories} | {_pct(t.repositories / n)} "
            f"| {t.current} | {t.behind} | {t.unknown} |"
        )
    unknown = [t for t in gp.templates if t.why_unknown]
    if unknown:
        lines += ["", "Why the lag is unknown:", ""]
        for t in unknown:
            why = "; ".join(f"{count}: {reason}" for reason, count in t.why_unknown)
            lines.append(f"- {_template(t.template)}: {why}")
    return lines


def _delivery(view: OrgView) -> list[str]:
    d = scorecard.delivery(view.with_report, view.delivery_runs)
    n = d.groups[-1].repositories
    lines = [
        "",
        "### Delivery signals",
        "",
        f"_{scorecard.DELIVERY_BASIS} Over {plural(n, 'repository', 'repositories')}._",
        "",
    ]
    if not d.measured:
        why = d.not_measured[0][0] if d.not_measured else "not measured: no repository has a report"
        return [*lines, f"Not measured: {escape(why.removeprefix('not measured: '))}."]
    lines += [
        f"Requests: {d.requests} sent of a budget of {d.budget} ({d.not_modified} answered "
        "304 Not Modified, free against GitHub's rate limit).",
        "",
        "| repositories | of | releases measured | releases, 365 days (median) | releases, 90 days (median) "
        "| lead time measured | with a merge | pull requests merged | median lead time |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for g in d.groups:
        lines.append(
            f"| {g.name} | {g.repositories} | {g.releases_measured} | {scorecard.count_text(g.releases_365)} "
            f"| {scorecard.count_text(g.releases_90)} | {g.pulls_measured} | {g.with_merges} | {g.merged} "
            f"| {scorecard.hours_text(g.lead_hours)} |"
        )
    every = d.groups[-1]
    notes = []
    if d.unknown_path:
        notes.append(
            f"{plural(d.unknown_path, 'repository', 'repositories')} with a report written before origin "
            "records were kept: in neither group, only in all."
        )
    if every.releases_lower_bound:
        notes.append(
            f"{plural(every.releases_lower_bound, 'repository', 'repositories')} had 100 releases within "
            "the year: their counts are lower bounds."
        )
    if every.lead_partial:
        notes.append(
            f"{plural(every.lead_partial, 'repository', 'repositories')} had more closed pull requests "
            "in 90 days than the pages read: their lead time is over the most recently updated ones."
        )
    for reason, count in d.not_measured:
        notes.append(f"{plural(count, 'repository', 'repositories')}: {escape(reason)}.")
    if notes:
        lines += ["", *(f"- {note}" for note in notes)]
    return lines


def _template(text: str) -> str:
    return code(text) if len(text) <= 120 else escape(text, limit=120)


def _ranked_row(i: int, repo: RepoView) -> str:
    assert repo.digest is not None
    gaps = "; ".join(escape(t, limit=80) for t in figures.top_gaps(repo)) or "-"
    unchanged = " (unchanged)" if repo.status == "unchanged" else ""
    return (
        f"| {i} | {escape(repo.repo)}{unchanged} | {level_title(repo.digest.level)} "
        f"| {score_text(repo.digest.score)} | {repo.digest.findings_open} | {gaps} |"
    )


def _stage_trend(points: Sequence[figures.TrendShare]) -> list[str]:
    """Journey-stage pass rates and golden-path adoption by scan, a line per scan."""
    if not figures.stage_trend_recorded(points):
        return []
    lines = ["", "## Journey stages and golden paths over time", "", f"_{figures.STAGE_TREND_BASIS}_", ""]
    stages = [JOURNEY_TITLES[s] for s in JOURNEYS]
    lines += [
        "| scan | date | " + " | ".join(stages) + " | on a golden path | template uses current |",
        "|---|---|" + "--:|" * (len(stages) + 2),
    ]
    for p in points:
        cells = [_stage_cell(p.stages.get(stage)) for stage in JOURNEYS]
        g = p.golden
        golden = f"{_pct(g.share)} of {g.listed}" if g else "-"
        current = f"{_pct(g.current)} of {g.known}" if g and g.current is not None else "-"
        lines.append(
            f"| {code(p.scan_id)} | {escape(p.date)} | " + " | ".join([*cells, golden, current]) + " |"
        )
    return lines


def _stage_cell(stage: figures.StageShare | None) -> str:
    return "-" if stage is None else f"{_pct(stage.share)} of {stage.judged}"

"""Terminal report: the level and what is missing first, then findings by characteristic.

``render_text(report)`` reads the report model and returns the text; the caller
writes it. Colour (ANSI) only when asked for:
the CLI asks on a TTY without ``NO_COLOR``. Every string that came from the
repository is put on one line and stripped of control characters, so a file
under check cannot drive the terminal.
"""

from __future__ import annotations

from dataclasses import dataclass

from platform_lint.model import State
from platform_lint.report._shared import (
    characteristic_title,
    drop_off,
    finding_sort_key,
    journey_title,
    kind_text,
    level_title,
    location_text,
    one_line,
    plural,
    rule_counts,
    rules_by_characteristic,
    rules_by_journey,
    scope_text,
    score_text,
    waiver_text,
)
from platform_lint.report.grouping import GROUP_OVER, examples, places_text, view
from platform_lint.report.model import FindingGroup, Report, ReportFinding, ReportRule
from platform_lint.report.reporter import RenderOptions, Reporter

FINDINGS_PER_RULE = GROUP_OVER
"""Findings listed one by one per rule unless verbose; the rest are counted. A rule with more
than this many (not counting new ones) shows them as groups (:mod:`~platform_lint.report.grouping`)."""

GAPS_SHOWN = 15
"""Gap rules listed unless verbose."""

NOTICES_SHOWN = 20
"""Notices listed unless verbose."""

MAX_LOCATION_WIDTH = 40
MAX_RULE_ID_WIDTH = 44
REMEDIATION_WIDTH = 100

_MARKERS = {"pass": "PASS", "fail": "FAIL", "waived": "WAIVED", "not-applicable": "N/A", "error": "ERROR"}
_MARKER_WIDTH = 6

_ANSI = {
    "bold": "1",
    "dim": "2",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
}
_STATE_STYLE = {"pass": "green", "fail": "red", "waived": "cyan", "not-applicable": "dim", "error": "magenta"}
_SEVERITY_STYLE = {"error": "red", "warning": "yellow", "notice": "blue", "waived": "cyan", "note": "dim"}
_LEVEL_STYLE = {"gold": "yellow", "silver": "bold", "bronze": "magenta", "none": "red"}


class _Paint:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, *styles: str) -> str:
        codes = [_ANSI[s] for s in styles if s in _ANSI]
        if not self.enabled or not codes or not text:
            return text
        return f"\x1b[{';'.join(codes)}m{text}\x1b[0m"


def render_text(
    report: Report, *, color: bool = False, verbose: bool = False, by: str = "characteristic"
) -> str:
    """The terminal report for ``report``, ending with a newline; ``by`` groups the rules by
    ``characteristic`` or by ``journey`` stage."""
    paint = _Paint(color)
    groups = _journey_blocks if by == "journey" else _characteristic_blocks
    blocks = [
        _header(report, paint),
        _repository(report, paint, verbose),
        _gaps(report, paint, verbose),
        *groups(report, paint, verbose),
        _score_table(report, paint),
        _notices(report, paint, verbose),
    ]
    return "\n\n".join(b for b in blocks if b) + "\n"


# -- header and gaps ---------------------------------------------------------------------------------


def _header(report: Report, paint: _Paint) -> str:
    summary = report.summary
    level = summary.level
    title = f"platform-lint {one_line(report.tool.version)}".strip()
    target = one_line(report.target)
    line1 = f"{paint(title, 'bold')}  {target}"
    if report.base_ref:
        line1 += f"  (compared with {one_line(report.base_ref)})"
    rules = summary.rules
    findings = summary.findings
    counts = rule_counts(rules)
    level_word = paint(level_title(level), "bold", _LEVEL_STYLE.get(level, ""))
    line2 = f"Level reached: {level_word}   score {score_text(summary.score)}/100"
    line3 = f"{plural(rules.total, 'rule')}: " + " · ".join(counts)
    open_text = plural(findings.open, "open finding")
    if report.comparison:
        open_text += f" ({findings.new:,} new)"
    parts = [open_text]
    if findings.waived:
        parts.append(f"{findings.waived:,} waived")
    sev = findings.by_severity
    by_sev = ", ".join(
        plural(count, k)
        for k, count in (("error", sev.error), ("warning", sev.warning), ("notice", sev.notice))
        if count
    )
    line4 = "Findings: " + " · ".join(parts) + (f"  ({by_sev})" if by_sev else "")
    return "\n".join([line1, line2, line3, line4])


def _repository(report: Report, paint: _Paint, verbose: bool) -> str:
    """What the repository is and what was judged; with ``verbose``, what was left out and why."""
    kind, scope = kind_text(report), scope_text(report)
    if kind is None or scope is None or report.repository is None:
        return ""
    lines = [f"Repository: {one_line(kind)}", f"Scope: {scope}"]
    excluded = report.repository.excluded
    if excluded and not verbose:
        lines[-1] += paint(" (--verbose lists the folders)", "dim")
    if verbose:
        for entry in excluded:
            where = _shorten(one_line(entry.path), MAX_LOCATION_WIDTH * 2)
            lines.append(
                f"  {entry.files:>6,}  {entry.kind:<10} {where}  {paint(one_line(entry.reason), 'dim')}"
            )
    return "\n".join(lines)


def _gaps(report: Report, paint: _Paint, verbose: bool) -> str:
    next_level = report.summary.next_level
    gaps = report.gaps
    if not next_level:
        return paint("Gold reached: nothing is missing.", "green") if report.summary.level == "gold" else ""
    head = f"To reach {paint(level_title(next_level), 'bold')}"
    if not gaps:
        return head + ": nothing listed."
    lines = [f"{head}, fix {plural(len(gaps), 'rule')}:"]
    id_width = min(max(len(one_line(g.rule_id)) for g in gaps), MAX_RULE_ID_WIDTH)
    for gap in gaps if verbose else gaps[:GAPS_SHOWN]:
        marker = _marker(gap.state, paint)
        rule_id = one_line(gap.rule_id).ljust(id_width)
        lines.append(f"  {marker} {rule_id}  {one_line(gap.title)}  ({gap.level})")
        remediation = _shorten(one_line(gap.remediation), None if verbose else REMEDIATION_WIDTH)
        if remediation:
            lines.append(" " * (_MARKER_WIDTH + 3) + paint(remediation, "dim"))
    if not verbose and len(gaps) > GAPS_SHOWN:
        more = plural(len(gaps) - GAPS_SHOWN, "more rule")
        lines.append(paint(f"  … and {more} (--verbose lists all)", "dim"))
    return "\n".join(lines)


# -- findings by characteristic ----------------------------------------------------------------------


def _characteristic_blocks(report: Report, paint: _Paint, verbose: bool) -> list[str]:
    titled = [(characteristic_title(report, c), rules) for c, rules in rules_by_characteristic(report)]
    return _rule_blocks(report, titled, paint, verbose)


def _journey_blocks(report: Report, paint: _Paint, verbose: bool) -> list[str]:
    """The rules by journey stage, the first stage a newcomer would stop at said first."""
    titled = [
        (f"{journey_title(stage)} stage" if stage else journey_title(stage), rules)
        for stage, rules in rules_by_journey(report)
    ]
    stop = drop_off(report)
    lead = "Developer journey: "
    if stop is None:
        lead += "no stage has a failing rule"
    else:
        stage, failed = stop
        lead += f"a newcomer would stop at {journey_title(stage)} ({plural(failed, 'failing rule')})"
    return [paint(lead, "bold"), *_rule_blocks(report, titled, paint, verbose)]


def _rule_blocks(
    report: Report, titled: list[tuple[str, list[ReportRule]]], paint: _Paint, verbose: bool
) -> list[str]:
    id_width = min(max((len(one_line(r.id)) for r in report.rules), default=0), MAX_RULE_ID_WIDTH)
    blocks = []
    for title, rules in titled:
        lines = [paint(title, "bold")]
        hidden = 0
        for rule in rules:
            if rule.state is State.NOT_APPLICABLE and not verbose:
                hidden += 1
                continue
            lines.extend(_rule_lines(rule, paint, verbose, id_width))
        if hidden:
            lines.append(paint(f"  {plural(hidden, 'rule')} not applicable (--verbose lists why)", "dim"))
        blocks.append("\n".join(lines))
    return blocks


def _marker(state: State, paint: _Paint) -> str:
    return paint(_MARKERS[state.value].ljust(_MARKER_WIDTH), _STATE_STYLE[state.value])


@dataclass(frozen=True)
class _Line:
    """A finding to list and how: its status, or ``evidence`` for what made a rule pass."""

    finding: ReportFinding
    status: str


def _rule_lines(rule: ReportRule, paint: _Paint, verbose: bool, id_width: int) -> list[str]:
    state = rule.state
    marker = _marker(state, paint)
    rule_id = one_line(rule.id)
    head = f"  {marker} {rule_id.ljust(id_width)}  {one_line(rule.title)}"
    if state in (State.FAIL, State.ERROR, State.WAIVED) or verbose:
        head += paint(f"  ({rule.level}, {rule.severity})", "dim")
    lines = [head]
    indent = " " * (_MARKER_WIDTH + 3)
    if rule.reason:
        prefix = "could not tell: " if state is State.ERROR else ""
        lines.append(
            indent + paint(prefix + one_line(rule.reason), "dim" if state is not State.ERROR else "")
        )
    shape = view(rule)
    groups = () if verbose else shape.groups
    findings = [_Line(f, f.status) for f in _ordered(rule.findings if verbose else shape.listed)]
    if verbose:
        findings += [_Line(f, "evidence") for f in rule.evidence]
    shown = findings if verbose else findings[:FINDINGS_PER_RULE]
    width = min(max((len(location_text(x.finding.location)) for x in shown), default=0), MAX_LOCATION_WIDTH)
    for line in shown:
        lines.extend(indent + text for text in _finding_lines(line, rule_id, paint, width))
    if len(findings) > len(shown):
        rest = findings[len(shown) :]
        open_rest = sum(1 for x in rest if x.status == "open")
        detail = f" ({open_rest:,} open)" if open_rest != len(rest) else ""
        lines.append(indent + paint(f"… and {len(rest):,} more{detail} (--verbose lists all)", "dim"))
    for group in groups:
        lines.extend(indent + text for text in _group_lines(rule, group, paint))
    return lines


def _group_lines(rule: ReportRule, group: FindingGroup, paint: _Paint) -> list[str]:
    """A group: how many of which kind, a few examples with their locations, where they are."""
    label = group.severity if group.status == "open" else group.status
    existing = " existing" if any(f.new is False for f in rule.findings) else ""
    head = (
        f"{paint(f'{label:<8}', _SEVERITY_STYLE.get(label, ''))} {group.count:,}{existing} findings "
        f"({one_line(group.code)}), grouped  [{one_line(rule.id)}]"
    )
    shown = examples(rule, group)
    width = min(max((len(location_text(f.location)) for f in shown), default=0), MAX_LOCATION_WIDTH)
    lines = [head]
    for number, finding in enumerate(shown):
        prefix = "  e.g. " if number == 0 else "       "
        lines.append(prefix + f"{location_text(finding.location).ljust(width)}  {one_line(finding.message)}")
    if group.places:
        lines.append(paint("  most in: " + one_line(places_text(group)) + " (--verbose lists all)", "dim"))
    return lines


def _ordered(findings: tuple[ReportFinding, ...]) -> list[ReportFinding]:
    rank = {"open": 0, "waived": 1, "note": 2}
    return sorted(findings, key=lambda f: (rank.get(f.status, 3), *finding_sort_key(f)))


def _finding_lines(line: _Line, rule_id: str, paint: _Paint, width: int) -> list[str]:
    finding, status = line.finding, line.status
    location = location_text(finding.location).ljust(width)
    message = one_line(finding.message)
    if status in ("note", "evidence"):
        return [paint(f"{location}  {status:<8} {message}", "dim")]
    label = finding.severity if status == "open" else "waived"
    text = f"{location}  {paint(f'{label:<8}', _SEVERITY_STYLE.get(label, ''))} {message}  [{rule_id}]"
    if status == "open" and finding.new is True:  # marked only where a comparison said so
        text += "  " + paint("new", "bold")
    if status != "waived":
        return [text]
    reason = "waived: " + waiver_text(finding.waiver)
    return [text, " " * (width + 2 + 9) + paint(reason, "cyan")]


# -- score table and notices -------------------------------------------------------------------------

_COLUMNS = ("Score", "Level", "Pass", "Fail", "Waived", "N/A", "Error")


def _score_table(report: Report, paint: _Paint) -> str:
    rows: list[list[str]] = []
    for entry in report.characteristics:
        rows.append(
            [
                one_line(entry.title or entry.id),
                score_text(entry.score),
                level_title(entry.level),
                *(
                    str(n)
                    for n in (entry.passed, entry.failed, entry.waived, entry.not_applicable, entry.errors)
                ),
            ]
        )
    if not rows:
        return ""
    summary = report.summary
    rules = summary.rules
    total = [
        "Total",
        score_text(summary.score),
        level_title(summary.level),
        *(str(n) for n in (rules.passed, rules.failed, rules.waived, rules.not_applicable, rules.errors)),
    ]
    header = ["Characteristic", *_COLUMNS]
    widths = [max(len(r[i]) for r in [header, total, *rows]) for i in range(len(header))]

    def fmt(row: list[str]) -> str:
        cells = [row[0].ljust(widths[0]), row[1].rjust(widths[1]), row[2].ljust(widths[2])]
        cells += [c.rjust(w) for c, w in zip(row[3:], widths[3:], strict=True)]
        return "  ".join(cells).rstrip()

    lines = [paint(fmt(header), "bold"), *(fmt(r) for r in rows), paint(fmt(total), "bold")]
    return "\n".join(lines)


def _notices(report: Report, paint: _Paint, verbose: bool) -> str:
    notices = report.notices
    if not notices:
        return ""
    hidden = 0 if verbose else max(0, len(notices) - NOTICES_SHOWN)
    notices = notices[: len(notices) - hidden]
    width = max(len(one_line(n.kind)) for n in notices)
    lines = [paint("Notices", "bold")]
    for notice in notices:
        style = "red" if "expired" in notice.kind else "yellow"
        line = f"  {paint(one_line(notice.kind).ljust(width), style)}  {one_line(notice.message)}"
        if notice.location is not None:
            line += paint(f"  ({location_text(notice.location)})", "dim")
        lines.append(line)
    if hidden:
        lines.append(paint(f"  … and {plural(hidden, 'more notice')} (--verbose lists all)", "dim"))
    return "\n".join(lines)


def _shorten(text: str, width: int | None) -> str:
    if width is None or len(text) <= width:
        return text
    return text[: width - 1].rstrip() + "…"


def _render(report: Report, options: RenderOptions) -> str:
    return render_text(report, color=options.color, verbose=options.verbose, by=options.by)


REPORTER = Reporter(
    name="text",
    summary="the terminal report: level, what is missing, findings by characteristic (default)",
    render=_render,
    extensions=(".txt",),
)

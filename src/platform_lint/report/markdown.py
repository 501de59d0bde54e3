"""Markdown report for GitHub job summaries and pull-request comments (GitHub-flavoured).

``render_markdown(report)`` reads the report model and returns Markdown that never
exceeds ``max_chars`` (GitHub rejects comments over 65,536 characters): the level,
the gaps, the characteristic table and the notices always come first in the budget;
findings fill what is left and the rest is summarised in one line. Every string
taken from the repository or the policy is escaped, so a message cannot open a table
cell, a link, HTML or a mention.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import quote

from platform_lint import safety
from platform_lint.model import Location, State
from platform_lint.report._shared import (
    SEVERITY_ORDER,
    characteristic_title,
    drop_off,
    finding_sort_key,
    journey_title,
    kind_text,
    level_title,
    one_line,
    plural,
    rule_counts,
    rules_by_journey,
    scope_text,
    score_text,
)
from platform_lint.report.grouping import GROUP_OVER, examples, places_text, view
from platform_lint.report.model import FindingGroup, Report, ReportFinding, ReportRule
from platform_lint.report.reporter import RenderOptions, Reporter
from platform_lint.verdict import is_new

MAX_CHARS = 65000
"""Default upper bound (GitHub rejects comments over 65,536 characters)."""

FINDINGS_PER_RULE = GROUP_OVER
"""Rows per rule before '… and N more in this rule'. A rule with more findings than this (not
counting new ones) shows them as one row per group (:mod:`~platform_lint.report.grouping`)."""

GAPS_SHOWN = 30
NOTICES_SHOWN = 30
MAX_TEXT = 300
"""Longest message, remediation or reason shown, in characters."""

_RESERVE = 400
"""Characters kept back for the closing summary line and tags."""

_ESCAPE = re.compile(r"([\\`*_\[\]<>|~&@])")
_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;", "@": "@&#8203;"}


def escape(text: object, *, limit: int | None = MAX_TEXT) -> str:
    """``text`` on one line, inert in Markdown, tables and HTML (and no @mentions)."""
    value = one_line(text)
    if limit is not None and len(value) > limit:
        value = value[: limit - 1].rstrip() + "…"
    return _ESCAPE.sub(lambda m: _ENTITIES.get(m.group(1), "\\" + m.group(1)), value)


def code(text: object) -> str:
    """An inline code span when ``text`` is safe inside one (in a table too), else escaped text."""
    value = one_line(text)
    if value and not re.search(r"[`|\\]", value):
        return f"`{value}`"
    return escape(value)


def render_markdown(
    report: Report,
    *,
    max_chars: int = MAX_CHARS,
    title: str = "platform-lint",
    link_base: str | None = None,
    by: str = "characteristic",
) -> str:
    """The Markdown report, at most ``max_chars`` characters.

    ``link_base`` (e.g. ``https://github.com/o/r/blob/<sha>/``) turns locations
    into links to the file and line. ``by="journey"`` adds the table of journey stages.
    """
    tables = (_journey_table(report), _table(report)) if by == "journey" else (_table(report),)
    head = "\n\n".join(p for p in (_header(report, title), _gaps(report), *tables) if p)
    tail = _notices(report)
    budget = max_chars - len(head) - len(tail) - _RESERVE
    body = _Body(budget)
    _findings(report, body, link_base)
    parts = [head, body.text(), tail]
    return _fit("\n\n".join(p for p in parts if p) + "\n", max_chars)


# -- head: level, gaps, table ------------------------------------------------------------------------


def _header(report: Report, title: str) -> str:
    summary = report.summary
    rules, findings = summary.rules, summary.findings
    lines = [f"## {escape(title, limit=120)}", ""]
    level = f"**Level reached: {level_title(summary.level)}** · score {score_text(summary.score)}/100"
    if summary.next_level:
        level += f" · next: {level_title(summary.next_level)}"
    lines.append(level)
    counts = rule_counts(rules)
    found = plural(findings.open, "open finding")
    if report.comparison:
        found += f" ({findings.new:,} new)"
    if findings.waived:
        found += f", {findings.waived:,} waived"
    lines.append("")
    lines.append(f"{plural(rules.total, 'rule')}: {', '.join(counts)} · {found}")
    target = f"Checked {code(report.target)}"
    if report.base_ref:
        target += f" against {code(report.base_ref)}; new findings are those the change introduced"
    lines += ["", target + "."]
    kind, scope = kind_text(report), scope_text(report)
    if kind is not None and scope is not None:
        lines += ["", f"Repository: **{escape(kind)}** · {escape(scope)}."]
    return "\n".join(lines)


def _journey_table(report: Report) -> str:
    """Rules by journey stage, with where a newcomer would stop."""
    groups = [(stage, rules) for stage, rules in rules_by_journey(report) if stage]
    if not groups:
        return ""
    stop = drop_off(report)
    lines = ["### Developer journey", ""]
    if stop is not None:
        lines += [
            f"A newcomer would stop at **{journey_title(stop[0])}** ({plural(stop[1], 'failing rule')}).",
            "",
        ]
    lines += ["| Stage | Pass | Fail | Waived | N/A | Error |", "|---|--:|--:|--:|--:|--:|"]
    for stage, rules in groups:
        count = {s: sum(1 for r in rules if r.state is s) for s in State}
        lines.append(
            f"| {journey_title(stage)} | {count[State.PASS]} | {count[State.FAIL]} | {count[State.WAIVED]} | "
            f"{count[State.NOT_APPLICABLE]} | {count[State.ERROR]} |"
        )
    return "\n".join(lines)


def _gaps(report: Report) -> str:
    next_level = report.summary.next_level
    gaps = report.gaps
    if not next_level:
        return "Gold reached: nothing is missing." if report.summary.level == "gold" else ""
    lines = [f"### To reach {level_title(next_level)}", ""]
    if not gaps:
        return "\n".join([*lines, "Nothing listed."])
    lines.append(f"Fix {plural(len(gaps), 'rule')}:")
    lines.append("")
    for gap in gaps[:GAPS_SHOWN]:
        state = "could not tell" if gap.state is State.ERROR else gap.state.value
        line = f"- {code(gap.rule_id)} {escape(gap.title)} ({gap.level}, {state})"
        if gap.remediation:
            line += f": {escape(gap.remediation)}"
        lines.append(line)
    if len(gaps) > GAPS_SHOWN:
        lines.append(f"- … and {plural(len(gaps) - GAPS_SHOWN, 'more rule')}; see the full report")
    return "\n".join(lines)


def _table(report: Report) -> str:
    rows = report.characteristics
    if not rows:
        return ""
    lines = [
        "### Characteristics",
        "",
        "| Characteristic | Score | Level | Pass | Fail | Waived | N/A | Error |",
        "|---|--:|---|--:|--:|--:|--:|--:|",
    ]
    for row in rows:
        lines.append(
            f"| {escape(row.title or row.id)} | {score_text(row.score)} | "
            f"{level_title(row.level)} | {row.passed} | {row.failed} | {row.waived} | "
            f"{row.not_applicable} | {row.errors} |"
        )
    summary = report.summary
    rules = summary.rules
    lines.append(
        f"| **Total** | **{score_text(summary.score)}** | **{level_title(summary.level)}** | "
        f"{rules.passed} | {rules.failed} | {rules.waived} | {rules.not_applicable} | "
        f"{rules.errors} |"
    )
    return "\n".join(lines)


def _notices(report: Report) -> str:
    notices = report.notices
    if not notices:
        return ""
    lines = ["### Notices", ""]
    for notice in notices[:NOTICES_SHOWN]:
        line = f"- **{escape(notice.kind)}**: {escape(notice.message)}"
        if notice.location is not None:
            line += f" ({escape(_location_label(notice.location))})"
        lines.append(line)
    if len(notices) > NOTICES_SHOWN:
        lines.append(f"- … and {plural(len(notices) - NOTICES_SHOWN, 'more notice')}; see the full report")
    return "\n".join(lines)


# -- body: findings within the budget ----------------------------------------------------------------


@dataclass
class _Body:
    """Chunks of Markdown added while they fit; what does not fit is counted, not shown."""

    budget: int
    chunks: list[str] = field(default_factory=list)
    used: int = 0
    full: bool = False
    left_findings: int = 0
    left_rules: set[str] = field(default_factory=set)

    def add(self, chunk: str) -> bool:
        if self.full or self.used + len(chunk) + 1 > self.budget:
            self.full = True
            return False
        self.chunks.append(chunk)
        self.used += len(chunk) + 1
        return True

    def skip(self, rule_id: str, count: int) -> None:
        if count:
            self.left_findings += count
            self.left_rules.add(rule_id)

    def text(self) -> str:
        out = "\n".join(self.chunks)
        if self.left_findings:
            out += (
                f"\n\n… and {plural(self.left_findings, 'more finding')} in "
                f"{plural(len(self.left_rules), 'rule')} not shown here; see the full report."
            )
        return out.strip("\n")


@dataclass(frozen=True)
class _Block:
    """One rule's findings in a section: those listed row by row, and the groups."""

    rule: ReportRule
    findings: list[ReportFinding]
    groups: tuple[FindingGroup, ...] = ()

    @property
    def count(self) -> int:
        return len(self.findings) + sum(g.count for g in self.groups)


def _blocks(report: Report, status: str, new: bool | None) -> Iterator[_Block]:
    """Rules with findings of ``status`` (and newness), most severe rule first, then policy order.

    New findings are always listed; the others of a rule with many are grouped."""
    rules = sorted(
        enumerate(report.rules),
        key=lambda item: (SEVERITY_ORDER.get(item[1].severity, 9), item[0]),
    )
    for _, rule in rules:
        shape = view(rule)
        chosen = [f for f in shape.listed if f.status == status and (new is None or is_new(f) == new)]
        groups = () if new is True else tuple(g for g in shape.groups if g.status == status)
        if chosen or groups:
            yield _Block(rule, sorted(chosen, key=finding_sort_key), groups)


def _findings(report: Report, body: _Body, link_base: str | None) -> None:
    summary = report.summary.findings
    sections: list[tuple[str, bool | None]]
    if report.comparison:
        sections = [
            (f"### New findings ({summary.new:,})", True),
            (f"### Existing findings ({summary.open - summary.new:,})", False),
        ]
    else:
        sections = [(f"### Findings ({summary.open:,})", None)]
    for heading, new in sections:
        blocks = list(_blocks(report, "open", new))
        if blocks and body.add("\n" + heading):
            for block in blocks:
                _rule_block(report, block, body, link_base, waived=False)
        else:
            for block in blocks:
                body.skip(block.rule.id, block.count)
    _errors(report, body)
    waived = list(_blocks(report, "waived", None))
    if not waived:
        return
    count = sum(b.count for b in waived)
    opened = body.add(f"\n<details><summary>Waived findings ({count:,})</summary>\n")
    for block in waived:
        if opened:
            _rule_block(report, block, body, link_base, waived=True)
        else:
            body.skip(block.rule.id, block.count)
    if opened:
        body.chunks.append("\n</details>")  # within _RESERVE: always closed


def _rule_block(report: Report, block: _Block, body: _Body, link_base: str | None, *, waived: bool) -> None:
    rule, findings = block.rule, block.findings
    where = characteristic_title(report, rule.characteristic)
    heading = f"\n**{escape(rule.title)}** {code(rule.id)} · {rule.severity} · {rule.level} · {escape(where)}"
    docs = safety.safe_url(rule.docs_url)
    if docs:
        heading += f" · [docs]({_url(docs)})"
    columns = (
        "| Location | Message | Reason | Expires |\n|---|---|---|---|"
        if waived
        else "| Location | Severity | Message |\n|---|---|---|"
    )
    if not body.add(f"{heading}\n\n{columns}"):
        body.skip(rule.id, block.count)
        return
    shown = 0
    for finding in findings[:FINDINGS_PER_RULE]:
        if not body.add(_row(finding, link_base, waived)):
            break
        shown += 1
    rest = len(findings) - shown
    more = f"\n… and {plural(rest, 'more finding')} of this rule; see the full report."
    if rest and not (shown == len(findings[:FINDINGS_PER_RULE]) and body.add(more)):
        body.skip(rule.id, rest)
    for group in block.groups:
        if not body.add(_group_row(rule, group, link_base, waived)):
            body.skip(rule.id, group.count)


def _group_row(rule: ReportRule, group: FindingGroup, link_base: str | None, waived: bool) -> str:
    """One row for a group: how many, where they concentrate, the kind and a few examples."""
    where = f"{group.count:,} findings in {escape(places_text(group))}"
    shown = "<br>".join(
        f"{_location_cell(f.location, link_base)}: {escape(f.message, limit=160)}"
        for f in examples(rule, group)
    )
    kind = f"**{group.count:,} &times; {code(group.code)}**"
    message = f"{kind}, grouped (over {GROUP_OVER} findings); e.g.<br>{shown}"
    if waived:
        return f"| {where} | {message} | | |"
    return f"| {where} | {group.severity} | {message} |"


def _row(finding: ReportFinding, link_base: str | None, waived: bool) -> str:
    location = _location_cell(finding.location, link_base)
    message = escape(finding.message)
    if waived:
        w = finding.waiver
        reason = escape(w.reason if w else "")
        if w and w.approver:
            reason += f" (approved by {escape(w.approver)})"
        return f"| {location} | {message} | {reason} | {escape(w.expires if w else '')} |"
    return f"| {location} | {finding.severity} | {message} |"


def _errors(report: Report, body: _Body) -> None:
    rules = [r for r in report.rules if r.state is State.ERROR]
    if not rules or not body.add("\n### Could not tell\n"):
        return
    for rule in rules:
        if not body.add(f"- {code(rule.id)} {escape(rule.title)}: {escape(rule.reason or '')}"):
            return


# -- locations and links -----------------------------------------------------------------------------


def _location_label(location: Location) -> str:
    text = location.path
    if location.line:
        text += f":{location.line}"
    return text


def _location_cell(location: Location | None, link_base: str | None) -> str:
    if location is None or not location.path:
        return "(repository)"
    label = escape(_location_label(location), limit=120)
    if not link_base:
        return label
    base = link_base if link_base.endswith("/") else link_base + "/"
    url = base + quote(one_line(location.path).replace("\\", "/").lstrip("/"), safe="/")
    line, end = location.line, location.end_line
    if line:
        url += f"#L{line}" + (f"-L{end}" if end and end > line else "")
    return f"[{label}]({_url(url)})"


def _url(url: str) -> str:
    """A URL safe inside ``(...)`` of a Markdown link and inside a table cell."""
    return quote(one_line(url), safe=":/?#[]@!$&'*+,;=%-._~")


def _fit(text: str, max_chars: int) -> str:
    """Last guard: never longer than ``max_chars``, cut at a line with a note, ``<details>`` closed."""
    if len(text) <= max_chars:
        return text
    note = "\n\n… report cut to fit; see the full report.\n"
    close = "\n\n</details>"
    cut = text[: max(0, max_chars - len(note) - len(close))]
    cut = cut[: cut.rfind("\n")] if "\n" in cut else cut
    if cut.count("<details>") > cut.count("</details>"):
        cut += close
    return (cut + note)[:max_chars]


def _render(report: Report, options: RenderOptions) -> str:
    return render_markdown(
        report, max_chars=options.max_chars or MAX_CHARS, link_base=options.link_base, by=options.by
    )


REPORTER = Reporter(
    name="markdown",
    summary="GitHub-flavoured Markdown, within a size limit (65,000 characters unless told)",
    render=_render,
    extensions=(".md", ".markdown"),
)

"""Small helpers the text, Markdown and SARIF reporters share.

Everything here reads the JSON report dict (``schemas/report.schema.json``) and
returns plain values; nothing does I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from platform_lint.model import CHARACTERISTIC_TITLES, CHARACTERISTICS

Report = Mapping[str, Any]
Rule = Mapping[str, Any]
Finding = Mapping[str, Any]

SEVERITY_ORDER = {"error": 0, "warning": 1, "notice": 2}

# C0/C1 control characters except tab; ESC among them, so a message taken from a
# file under check cannot move the cursor or recolour the terminal.
_ESCAPE_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACE = re.compile(r"[\t\r\n]+")


def one_line(text: object) -> str:
    """``text`` on one line, without control characters."""
    return _CONTROL.sub("", _SPACE.sub(" ", _ESCAPE_SEQUENCE.sub("", str(text)))).strip()


def characteristic_title(report: Report, characteristic: str) -> str:
    for entry in report.get("characteristics", []):
        if entry.get("id") == characteristic:
            return str(entry.get("title") or characteristic)
    return CHARACTERISTIC_TITLES.get(characteristic, characteristic)


def characteristic_order(report: Report) -> list[str]:
    """Characteristics in report order, then any a rule names that the table lacks."""
    order = [str(c["id"]) for c in report.get("characteristics", [])]
    for rule in report.get("rules", []):
        if rule["characteristic"] not in order:
            order.append(rule["characteristic"])
    known = {c: i for i, c in enumerate(CHARACTERISTICS)}
    listed = set(str(c["id"]) for c in report.get("characteristics", []))
    extra = sorted((c for c in order if c not in listed), key=lambda c: known.get(c, len(known)))
    return [c for c in order if c in listed] + extra


def rules_by_characteristic(report: Report) -> Iterator[tuple[str, list[Rule]]]:
    """(characteristic, its rules) in report order; characteristics without rules are skipped."""
    groups: dict[str, list[Rule]] = {}
    for rule in report.get("rules", []):
        groups.setdefault(rule["characteristic"], []).append(rule)
    for characteristic in characteristic_order(report):
        if characteristic in groups:
            yield characteristic, groups[characteristic]


def finding_sort_key(finding: Finding) -> tuple[int, str, int, int, str]:
    location = finding.get("location") or {}
    return (
        SEVERITY_ORDER.get(finding.get("severity", "error"), 9),
        str(location.get("path") or ""),
        int(location.get("line") or 0),
        int(location.get("column") or 0),
        str(finding.get("fingerprint", "")),
    )


def location_text(location: Mapping[str, Any] | None) -> str:
    """``path:line:col`` (as much as is known), or ``(repository)`` without a location."""
    if not location:
        return "(repository)"
    text = one_line(location.get("path") or "(repository)")
    if location.get("line"):
        text += f":{location['line']}"
        if location.get("column"):
            text += f":{location['column']}"
    return text


def level_title(level: str | None) -> str:
    """``Gold``, ``Silver``, ``Bronze``; ``no level`` for none."""
    return str(level).capitalize() if level and level != "none" else "no level"


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else (many or word + 's')}"


def score_text(score: object) -> str:
    if score is None:
        return "-"
    value = float(score)  # type: ignore[arg-type]
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


def waiver_text(waiver: Mapping[str, Any] | None) -> str:
    """``reason (expires date, approved by someone)``."""
    if not waiver:
        return "no waiver details"
    text = f"{one_line(waiver.get('reason', ''))} (expires {waiver.get('expires', '?')}"
    if waiver.get("approver"):
        text += f", approved by {one_line(waiver['approver'])}"
    return text + ")"


def rule_counts(rules: Mapping[str, Any]) -> list[str]:
    """'3 passed', '1 failed', then the other states that occurred, in words."""
    counts = [f"{rules['pass']} passed", f"{rules['fail']} failed"]
    counts += [
        f"{rules[k]} {label}"
        for k, label in (
            ("waived", "waived"),
            ("not-applicable", "not applicable"),
            ("error", "could not tell"),
        )
        if rules[k]
    ]
    return counts

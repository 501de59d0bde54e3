"""The adoption family's check types: release cadence, success metrics, usage telemetry."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from platform_lint.families.adoption import checks_release, examples
from platform_lint.families.adoption.facts import DOC_SECTIONS, RELEASES, USAGE_TELEMETRY
from platform_lint.families.check_type import CheckInput, CheckType
from platform_lint.families.collector import FactRequest
from platform_lint.model import Finding, Location, Outcome

# -- release cadence ---------------------------------------------------------------------------------

RELEASE_TAG = re.compile(r"(?:^|[/@_-])v?\d+\.\d+(?:\.\d+)?$")
"""A release tag: a version at the end (v1.2.3, 1.2, chart-25.0.0, pkg@2.0.1); pre-releases
(v1.2.0-rc.1) do not end in a number after the version's dots and so do not match."""


def _date(text: str) -> dt.datetime | None:
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def release_cadence(inp: CheckInput) -> Outcome:
    history = inp.facts[RELEASES].history
    if history is None:
        return Outcome.not_applicable("no git history to read release tags from")
    prefix = str(inp.params.get("tag_prefix", ""))
    window = int(inp.params.get("window_days", 365))
    minimum = int(inp.params.get("min_releases", 4))
    since = inp.context.now - dt.timedelta(days=window)
    releases = sorted(
        (
            (when, name)
            for name, date in history.tags
            if name.startswith(prefix) and RELEASE_TAG.search(name) and (when := _date(date)) is not None
        ),
        reverse=True,
    )
    if not history.tags and history.shallow:
        return Outcome.not_applicable(
            "a shallow clone without tags (fetch them: fetch-depth: 0, or git fetch --tags)"
        )
    recent = [(when, name) for when, name in releases if since <= when <= inp.context.now]
    latest = releases[0] if releases else None
    args = {
        "count": len(recent),
        "days": window,
        "min_releases": minimum,
        "latest": latest[1] if latest else "none",
        "latest_date": latest[0].date().isoformat() if latest else "",
    }
    if len(recent) >= minimum:
        return Outcome.passed(Finding("cadence", args, key="cadence"))
    code = "slow" if releases else "no-releases"
    return Outcome.failed(Finding(code, args, key=code))


RELEASE_CADENCE = CheckType(
    id="adoption.release-cadence",
    summary="Releases are tagged at a steady pace: at least a number of release tags in the last "
    "days (read offline from git tags; pre-releases do not count).",
    why="Users adopt a platform that ships: a steady cadence of releases says it is alive and that "
    "fixes reach them. Tags are read from the clone, so a shallow clone without tags is not "
    "applicable rather than a failure.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "min_releases": {
                "type": "integer",
                "minimum": 1,
                "default": 4,
                "description": "release tags the window must hold",
            },
            "window_days": {
                "type": "integer",
                "minimum": 1,
                "default": 365,
                "description": "how many days back from the run's date releases count",
            },
            "tag_prefix": {
                "type": "string",
                "default": "",
                "description": "only tags starting with this count (a monorepo's 'api/' or 'chart-name-')",
            },
        },
    },
    run=release_cadence,
    needs=(RELEASES,),
    messages={
        "cadence": "{count} releases in the last {days} days (latest {latest}, {latest_date})",
        "slow": "{count} releases in the last {days} days, at least {min_releases} expected (latest "
        "{latest}, "
        "{latest_date})",
        "no-releases": "no release tags (a version such as v1.2.3 at the end of a tag's name)",
    },
    remediation="Release in small, regular steps and tag each release (v1.4.0); release tooling "
    "(release-please, goreleaser, semantic-release) keeps the cadence without ceremony.",
    examples=examples.RELEASE_CADENCE,
)


# -- success metrics ---------------------------------------------------------------------------------

METRIC_HEADINGS = (
    "success metrics",
    "success criteria",
    "measuring success",
    "measure success",
    "how we measure",
    "key performance indicators",
    "kpis",
    "kpi",
    "okrs",
    "okr",
    "key results",
    "objectives and key results",
    "north star",
    "adoption metrics",
    "usage metrics",
    "product metrics",
    "service level indicators",
    "slis",
)


def _metrics_needs(params: Mapping[str, Any]) -> tuple[FactRequest[Any], ...]:
    return (FactRequest(DOC_SECTIONS, (tuple(params.get("headings", METRIC_HEADINGS)),)),)


def success_metrics(inp: CheckInput) -> Outcome:
    facts = inp.facts[DOC_SECTIONS]
    min_words = int(inp.params.get("min_words", 15))
    evidence: list[Finding] = []
    thin: list[Finding] = []
    shown: set[str] = set()
    for section in facts.sections:
        if section.path in shown:
            continue
        args = {
            "path": section.path,
            "heading": section.heading,
            "words": section.words,
            "items": section.items,
        }
        location = Location(section.path, section.line, snippet=section.heading)
        if section.words >= min_words or section.items >= 2:
            shown.add(section.path)
            evidence.append(Finding("metrics", args, location, key=f"{section.path}:{section.heading}"))
        else:
            thin.append(
                Finding(
                    "thin",
                    {**args, "min_words": min_words},
                    location,
                    key=f"{section.path}:{section.heading}",
                )
            )
    if evidence:
        return Outcome.passed(*evidence[:5])
    if thin:
        return Outcome.failed(*thin[:5])
    return Outcome.failed(Finding("missing", {"read": facts.read}, key="missing"))


SUCCESS_METRICS = CheckType(
    id="adoption.success-metrics",
    summary="The docs say how the platform's success is measured: a section on success metrics, KPIs, "
    "OKRs, a north-star metric or SLIs, with something under it.",
    why="A platform team that writes down what success looks like (adopting teams, time to first "
    "deploy, active users) and where the numbers come from steers by evidence. A heading with "
    "nothing under it is a placeholder, not a measure.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "headings": {
                "type": "array",
                "items": {"type": "string", "minLength": 1},
                "minItems": 1,
                "uniqueItems": True,
                "default": list(METRIC_HEADINGS),
                "description": "phrases a section heading contains (any case)",
            },
            "min_words": {
                "type": "integer",
                "minimum": 1,
                "default": 15,
                "description": "words a section needs under its heading (or two list items)",
            },
        },
    },
    run=success_metrics,
    needs=_metrics_needs,
    messages={
        "metrics": "{path}: '{heading}' ({words} words, {items} list items)",
        "thin": "{path}: '{heading}' has {words} words under it (at least {min_words}, or a list, expected)",
        "missing": "no section on success metrics, KPIs, OKRs or SLIs in the {read} documents read",
    },
    remediation="Add a 'Success metrics' section (docs/metrics.md or the README): what you measure "
    "(adopting teams, weekly active users, time to first deploy), the target, and where the "
    "numbers come from.",
    examples=examples.SUCCESS_METRICS,
)


# -- usage telemetry ---------------------------------------------------------------------------------

STATEMENT_HEADINGS = (
    "telemetry",
    "usage data",
    "usage statistics",
    "analytics",
    "data collection",
    "privacy",
)
_OPT_OUT = re.compile(
    r"opt[\s-]?out|DO_NOT_TRACK|disable\s+(?:the\s+)?(?:telemetry|analytics|usage)|"
    r"_TELEMETRY\w*\s*=\s*(?:0|false|off)|anonymous\s+(?:usage|statistics|data)|usage\s+(?:data|events|statistics)",
    re.IGNORECASE,
)


def usage_telemetry(inp: CheckInput) -> Outcome:
    facts = inp.facts[USAGE_TELEMETRY]
    sections = inp.facts[DOC_SECTIONS]
    evidence = [
        Finding(
            "signal", {"path": s.path, "kind": s.kind, "what": s.what}, Location(s.path, s.line), key=s.path
        )
        for s in facts.signals
    ]
    if inp.params.get("documented", True):
        for section in sections.sections:
            if _OPT_OUT.search(section.text):
                args = {"path": section.path, "heading": section.heading}
                location = Location(section.path, section.line, snippet=section.heading)
                evidence.append(
                    Finding("documented", args, location, key=f"{section.path}:{section.heading}")
                )
                break
    if evidence:
        return Outcome.passed(*evidence[:5])
    return Outcome.failed(Finding("missing", {}, key="missing"))


USAGE_TELEMETRY_CHECK = CheckType(
    id="adoption.usage-telemetry",
    summary="The platform emits usage events: an analytics SDK it depends on (PostHog, Segment, "
    "Amplitude, RudderStack, Snowplow, Scarf, ...), a Scarf pixel in the README, Backstage "
    "analytics, or docs that say what usage data it collects and how to opt out.",
    why="A platform that counts its own use (which commands, which teams, how often) knows what "
    "to build next. OpenTelemetry and Prometheus are about the service's health, not its "
    "adoption, and do not count here.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "documented": {
                "type": "boolean",
                "default": True,
                "description": "a docs section on telemetry or usage data that says how to opt out counts",
            }
        },
    },
    run=usage_telemetry,
    needs=lambda params: (FactRequest(USAGE_TELEMETRY), FactRequest(DOC_SECTIONS, (STATEMENT_HEADINGS,))),
    messages={
        "signal": "{path}: {what} ({kind})",
        "documented": "{path}: '{heading}' says what usage data is collected and how to opt out",
        "missing": "nothing emits usage events: no analytics SDK, pixel or analytics configuration, and no "
        "docs section on usage telemetry",
    },
    remediation="Emit usage events (command run, template used, team) to your analytics and document "
    "what is collected and how to opt out; a Scarf pixel counts README and docs views.",
    examples=examples.USAGE_TELEMETRY,
)

CHECK_TYPES: tuple[CheckType, ...] = (
    RELEASE_CADENCE,
    SUCCESS_METRICS,
    USAGE_TELEMETRY_CHECK,
    *checks_release.CHECK_TYPES,
)

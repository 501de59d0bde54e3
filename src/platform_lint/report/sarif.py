"""SARIF 2.1.0 for GitHub code scanning, from the report model.

Choices:

- ``rules[]`` lists **every rule of the policy**, in report order, whatever its
  state: the file then documents the whole policy that was applied, and a rule's
  ``ruleIndex`` does not move when another rule stops or starts finding things.
  Code scanning's limit (25,000 rules per run) is far above any policy.
- ``results[]`` holds only **file-located** findings that are open or waived.
  Repository-level findings (no path) would be alerts on no line of any file, so
  they stay in the other reports; ``invocations[0].toolExecutionNotifications``
  says how many were left out. Notes and passing evidence are not results.
- Waived findings carry ``suppressions: [{kind: external, status: accepted}]``
  with the waiver's reason; ``baselineState`` is set in comparison runs.
- ``partialFingerprints["platformLint/v1"]`` is the finding's fingerprint (rule,
  path and what was found, never the line), so alerts follow a finding across
  commits.

``limit_sarif`` trims a rendered log to code scanning's upload limits.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from platform_lint import safety
from platform_lint.model import Location, State
from platform_lint.report._shared import characteristic_title, finding_sort_key, one_line
from platform_lint.report.model import INFORMATION_URI, Report, ReportFinding, ReportRule
from platform_lint.report.reporter import RenderOptions, Reporter

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_VERSION = "2.1.0"
FINGERPRINT_KEY = "platformLint/v1"
SRCROOT = "%SRCROOT%"

MAX_RESULTS = 25_000
MAX_GZIP_BYTES = 10_000_000

_LEVELS = {"error": "error", "warning": "warning", "notice": "note"}
_RANK = {"error": 0, "warning": 1, "note": 2, "none": 3}


def render_sarif(report: Report) -> dict[str, Any]:
    """A SARIF 2.1.0 log (one run) for ``report``; serialise it with :func:`dumps`."""
    rules = report.rules
    results: list[dict[str, Any]] = []
    unlocated = 0
    for index, rule in enumerate(rules):
        for finding in sorted(rule.findings, key=finding_sort_key):
            if finding.status not in ("open", "waived"):
                continue
            if finding.location is None:
                unlocated += 1
                continue
            results.append(_result(rule, index, finding, finding.location, report.comparison))
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "platform-lint",
                "version": report.tool.version or "0",
                "informationUri": report.tool.information_uri or INFORMATION_URI,
                "rules": [_descriptor(report, rule) for rule in rules],
            }
        },
        "invocations": [_invocation(report, unlocated)],
        "originalUriBaseIds": {SRCROOT: {"description": {"text": "The root of the repository checked."}}},
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {
            "platformLint": {
                "level": report.summary.level,
                "nextLevel": report.summary.next_level,
                "score": report.summary.score,
                "target": report.target,
                "baseRef": report.base_ref,
            }
        },
    }
    repo = report.repository
    if repo is not None:
        run["properties"]["platformLint"]["repository"] = {
            "kind": repo.kind,
            "kindSource": repo.kind_source,
            "evidence": list(repo.evidence),
            "productFiles": repo.product_files,
            "excludedFiles": repo.excluded_files,
            "excludedByKind": dict(repo.excluded_by_kind),
        }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def dumps(sarif: Mapping[str, Any]) -> str:
    """A SARIF log as written to a file: indented UTF-8 JSON, one final newline."""
    return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"


# -- rules -------------------------------------------------------------------------------------------


def _descriptor(report: Report, rule: ReportRule) -> dict[str, Any]:
    title = one_line(rule.title or rule.id)
    characteristic = characteristic_title(report, rule.characteristic)
    remediation = rule.remediation.strip() or title
    full = (
        f"{title}. Characteristic: {characteristic}; level {rule.level}; check type {rule.check_type or '?'}."
    )
    markdown = remediation
    docs = safety.safe_url(rule.docs_url)
    if docs:
        markdown += f"\n\n[Documentation for {rule.id}]({docs})"
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": _pascal(rule.id),
        "shortDescription": {"text": title},
        "fullDescription": {"text": full},
        "help": {"text": remediation, "markdown": markdown},
        "defaultConfiguration": {"level": _LEVELS.get(rule.severity, "warning")},
        "properties": {
            "tags": ["platform-lint", rule.characteristic, f"level-{rule.level}"],
            "characteristic": rule.characteristic,
            "level": rule.level,
            "state": rule.state.value,
        },
    }
    if rule.journey:
        descriptor["properties"]["journey"] = rule.journey
        descriptor["properties"]["tags"].append(f"journey-{rule.journey}")
    if safety.safe_url(rule.docs_url):
        descriptor["helpUri"] = rule.docs_url
    return descriptor


def _pascal(rule_id: str) -> str:
    """``ownership.codeowners-coverage`` -> ``OwnershipCodeownersCoverage``."""
    words = "".join(c if c.isalnum() else " " for c in rule_id).split()
    return "".join(w[:1].upper() + w[1:] for w in words) or rule_id


# -- results -----------------------------------------------------------------------------------------


def _result(
    rule: ReportRule, index: int, finding: ReportFinding, location: Location, comparison: bool
) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": rule.id,
        "ruleIndex": index,
        "level": _LEVELS.get(finding.severity, "warning"),
        "message": {"text": one_line(finding.message) or one_line(rule.title or rule.id)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": artifact_uri(location.path), "uriBaseId": SRCROOT},
                    "region": _region(location),
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
    }
    if finding.status == "waived":
        waiver = finding.waiver
        justification = one_line((waiver.reason if waiver else "") or "waived in the platform-lint policy")
        if waiver and waiver.expires:
            justification += f" (until {waiver.expires})"
        if waiver and waiver.approver:
            justification += f"; approved by {one_line(waiver.approver)}"
        result["suppressions"] = [{"kind": "external", "status": "accepted", "justification": justification}]
    if comparison and finding.new is not None:
        result["baselineState"] = "new" if finding.new else "unchanged"
    return result


def artifact_uri(path: str) -> str:
    """A repository path as a relative URI reference: POSIX, percent-encoded, no leading slash."""
    posix = str(path).replace("\\", "/")
    while posix.startswith("./"):
        posix = posix[2:]
    posix = posix.lstrip("/")
    # ":" stays encoded, so a first segment such as "C:" cannot read as a URI scheme
    return quote(posix, safe="/-._~!$&'()*+,;=@")


def _region(location: Location) -> dict[str, Any]:
    line = location.line
    start_line = line if isinstance(line, int) and line >= 1 else 1
    region: dict[str, Any] = {"startLine": start_line}
    column = location.column
    known = isinstance(line, int) and line >= 1
    if known and isinstance(column, int) and column >= 1:
        region["startColumn"] = column
    end_line = location.end_line
    if known and isinstance(end_line, int) and end_line >= start_line:
        region["endLine"] = end_line
        end_column = location.end_column
        if (
            isinstance(end_column, int)
            and end_column >= 1
            and (end_line > start_line or end_column >= region.get("startColumn", 1))
        ):
            region["endColumn"] = end_column
    if location.snippet:
        region["snippet"] = {"text": location.snippet}
    return region


def _invocation(report: Report, unlocated: int) -> dict[str, Any]:
    notifications = []
    if unlocated:
        notifications.append(
            {
                "level": "note",
                "message": {
                    "text": f"{unlocated} repository-level finding(s) have no file location and are "
                    "not in this SARIF file; see the text, Markdown or JSON report."
                },
                "descriptor": {"id": "platform-lint/repository-findings"},
            }
        )
    for rule in report.rules:
        if rule.state is State.ERROR:
            notifications.append(
                {
                    "level": "warning",
                    "message": {"text": f"{rule.id}: could not tell: {one_line(rule.reason or '')}"},
                    "descriptor": {"id": "platform-lint/rule-error"},
                    "associatedRule": {"id": rule.id},
                }
            )
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if report.generated_at:
        invocation["endTimeUtc"] = report.generated_at
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return invocation


# -- upload limits -----------------------------------------------------------------------------------


def limit_sarif(
    sarif: Mapping[str, Any], max_results: int = MAX_RESULTS, max_gzip_bytes: int = MAX_GZIP_BYTES
) -> tuple[dict[str, Any], str | None]:
    """``sarif`` trimmed to code scanning's limits, and a message saying what was left out (or None).

    Results are kept by priority: open before waived, errors before warnings
    before notes, new before unchanged, then in file order. The input is not
    changed (the returned log shares unchanged parts with it). The message is also
    recorded as a tool notification in the first run.
    """
    out = {**sarif, "runs": [dict(run) for run in sarif.get("runs", [])]}
    total = sum(len(run.get("results", [])) for run in out.get("runs", []))
    ranked = [
        (run_index, result)
        for run_index, run in enumerate(out.get("runs", []))
        for result in run.get("results", [])
    ]
    ranked.sort(key=lambda item: _priority(item[1]))
    keep = min(len(ranked), max(0, max_results))
    if _gzip_size(_with(out, ranked[:keep])) > max_gzip_bytes:
        low, high = 0, keep  # the largest count that fits: low fits, high does not
        while high - low > 1:
            middle = (low + high) // 2
            if _gzip_size(_with(out, ranked[:middle])) <= max_gzip_bytes:
                low = middle
            else:
                high = middle
        keep = low
    if keep == total:
        return out, None
    kept = _with(out, ranked[:keep])
    message = (
        f"platform-lint left {total - keep:,} of {total:,} results out of this SARIF file to stay "
        f"within code scanning's limits ({max_results:,} results, {max_gzip_bytes / 1e6:g} MB "
        "gzipped); the most severe and newest were kept. See the full report for the rest."
    )
    for run in kept.get("runs", [])[:1]:
        invocations = [dict(i) for i in run.get("invocations") or [{"executionSuccessful": True}]]
        invocations[0]["toolExecutionNotifications"] = [
            *invocations[0].get("toolExecutionNotifications", []),
            {
                "level": "warning",
                "message": {"text": message},
                "descriptor": {"id": "platform-lint/results-truncated"},
            },
        ]
        run["invocations"] = invocations
    return kept, message


def _priority(result: Mapping[str, Any]) -> tuple[int, int, int]:
    return (
        1 if result.get("suppressions") else 0,
        _RANK.get(str(result.get("level", "warning")), 3),
        1 if result.get("baselineState") == "unchanged" else 0,
    )


def _with(sarif: dict[str, Any], chosen: list[tuple[int, dict[str, Any]]]) -> dict[str, Any]:
    """A shallow copy of ``sarif`` whose runs hold only ``chosen`` results, in their original order."""
    ids = {id(result) for _, result in chosen}
    runs = []
    for run in sarif.get("runs", []):
        runs.append({**run, "results": [r for r in run.get("results", []) if id(r) in ids]})
    return {**sarif, "runs": runs}


def _gzip_size(sarif: Mapping[str, Any]) -> int:
    data = json.dumps(sarif, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return len(gzip.compress(data, compresslevel=6))


def _render(report: Report, options: RenderOptions) -> str:
    return dumps(render_sarif(report))


REPORTER = Reporter(
    name="sarif",
    summary="SARIF 2.1.0 for GitHub code scanning (file-located findings)",
    render=_render,
    extensions=(".sarif", ".sarif.json"),
)

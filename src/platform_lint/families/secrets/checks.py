"""The secrets family's check type: ``secrets.none-committed``.

A file counts by what it holds: a PEM private key with a body, an AWS access key id or
secret access key, a GitHub, Slack or live Stripe token, a Google API key, or (in
configuration and environment files) a high-entropy value assigned to a secret-named
setting. Placeholders (``.env.example`` values, ``EXAMPLE`` keys, ``${VAR}``) are not
secrets. Findings show a masked preview, never the value.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from platform_lint.families.check_type import CheckInput, CheckType
from platform_lint.families.collector import FactRequest
from platform_lint.families.secrets import examples
from platform_lint.families.secrets.collect import DEFAULT_MAX_BYTES, DEFAULT_MAX_FILES
from platform_lint.families.secrets.detect import KINDS
from platform_lint.families.secrets.facts import SECRETS
from platform_lint.families.shared.listing import SCOPE_KINDS
from platform_lint.model import Finding, Location, Outcome

DEFAULT_IGNORE_IN = ("fixture", "vendored", "example")


def _needs(params: Mapping[str, Any]) -> tuple[FactRequest[Any], ...]:
    budget = (
        int(params.get("max_files", DEFAULT_MAX_FILES)),
        int(params.get("max_bytes", DEFAULT_MAX_BYTES)),
    )
    return (FactRequest(SECRETS, budget),)


def none_committed(inp: CheckInput) -> Outcome:
    scan = inp.facts[SECRETS]
    ignore_in = set(inp.params.get("ignore_in", DEFAULT_IGNORE_IN))
    ignore_kinds = set(inp.params.get("ignore_kinds", ()))
    findings: list[Finding] = []
    ignored: Counter[str] = Counter()
    ignored_paths: dict[str, list[str]] = {}
    seen: Counter[tuple[str, str]] = Counter()
    for item in scan.found:
        hit = item.hit
        if hit.kind in ignore_kinds:
            continue
        if item.scope is not None and item.scope in ignore_in:
            ignored[item.scope] += 1
            paths = ignored_paths.setdefault(item.scope, [])
            if item.path not in paths and len(paths) < 3:
                paths.append(item.path)
            continue
        seen[(item.path, hit.kind)] += 1
        findings.append(
            Finding(
                "secret",
                {"path": item.path, "line": hit.line, "what": KINDS[hit.kind], "preview": hit.preview},
                Location(item.path, hit.line, hit.column, hit.line, hit.end_column),
                key=f"{item.path}:{hit.kind}:{seen[(item.path, hit.kind)]}",
            )
        )
    notes = [
        Finding(
            "ignored",
            {"count": count, "scope": scope, "paths": ignored_paths[scope]},
            Location(ignored_paths[scope][0]),
            key=f"ignored:{scope}",
        )
        for scope, count in sorted(ignored.items())
    ]
    if scan.unread_count:
        notes.append(
            Finding(
                "unread",
                {
                    "count": scan.unread_count,
                    "max_files": scan.scanned,
                    "paths": list(scan.unread),
                },
                key="unread",
            )
        )
    summary = Finding("scanned", {"scanned": scan.scanned, "candidates": scan.candidates}, key="scanned")
    return Outcome.from_findings(findings, summary, *notes)


_SCOPES = {"enum": list(SCOPE_KINDS)}

NONE_COMMITTED = CheckType(
    id="secrets.none-committed",
    summary="No private key, token or secret setting is committed, judged by each file's content.",
    why="A secret in git history is a secret published to everyone who can clone the repository, "
    "for ever: rotating it is the only fix. File names are a poor guide (a test certificate is "
    "called server.key too, and a token hides in any config file), so this reads what files hold.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "max_files": {
                "type": "integer",
                "minimum": 1,
                "default": DEFAULT_MAX_FILES,
                "description": "at most this many files are read, most likely holders first (key and "
                "environment files, then configuration, then source); the rest are reported as unread",
            },
            "max_bytes": {
                "type": "integer",
                "minimum": 1024,
                "default": DEFAULT_MAX_BYTES,
                "description": "larger files are not read",
            },
            "ignore_in": {
                "type": "array",
                "items": _SCOPES,
                "uniqueItems": True,
                "default": list(DEFAULT_IGNORE_IN),
                "description": "secrets in files of these kinds (not the product) are noted, not failed",
            },
            "ignore_kinds": {
                "type": "array",
                "items": {"enum": sorted(KINDS)},
                "uniqueItems": True,
                "description": "kinds of secret not to report",
            },
        },
    },
    run=none_committed,
    needs=_needs,
    messages={
        "secret": "{path}:{line}: {what} is committed ({preview})",
        "scanned": "{scanned} files read by content ({candidates} could hold a secret)",
        "ignored": "{count} secret(s) in {scope} files not counted (for example {paths})",
        "unread": "{count} files past the budget of {max_files} files were not read (first: {paths})",
    },
    remediation="Revoke and rotate the secret first (it is already public to anyone with a clone), then "
    "remove it from the file and load it from the environment or a secret manager; keep a "
    ".env.example with placeholder values for developers.",
    examples=examples.NONE_COMMITTED,
)

CHECK_TYPES = (NONE_COMMITTED,)

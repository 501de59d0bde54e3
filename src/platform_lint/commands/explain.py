"""``platform-lint explain RULE_ID``: what a rule (or check type) checks, why, and how to fix it."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from platform_lint import safety
from platform_lint.app import CheckSettings, build_policy, build_snapshot, clock
from platform_lint.errors import UsageError
from platform_lint.families.check_type import CheckType, Example
from platform_lint.families.registry import CHECK_TYPES
from platform_lint.model import State
from platform_lint.report.build import docs_url
from platform_lint.safety import one_line


def register(sub: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser("explain", help="explain a rule or a check type")
    parser.add_argument("rule_id", metavar="RULE_ID", help="a rule id (or a check type)")
    parser.add_argument("--path", default=".", help="repository whose policy to use")
    parser.add_argument("--policy", type=Path, help="policy file instead of the repository's own")
    parser.set_defaults(handler=run)
    return parser


def describe_type(check_type: CheckType) -> str:
    lines = [
        f"Check type {check_type.id}  [{check_type.lifecycle}]",
        "",
        check_type.summary,
        "",
        "Why: " + check_type.why,
        "",
        "Remediation: " + check_type.remediation,
        "",
        *describe_params(check_type.params_schema),
        "",
        "Params schema:",
    ]
    lines += ["  " + ln for ln in json.dumps(check_type.params_schema, indent=2).splitlines()]
    if check_type.messages:
        lines += ["", "Findings:"] + [
            f"  {code}: {text}" for code, text in sorted(check_type.messages.items())
        ]
    lines += ["", "Examples (each one runs in the tests, as shown):"]
    for example in check_type.examples:
        lines += ["", *describe_example(check_type.id, example)]
    return "\n".join(lines) + "\n"


def describe_params(schema: Mapping[str, Any]) -> list[str]:
    """The params in words: name, type, default (or required) and what each one does."""
    properties: Mapping[str, Any] = schema.get("properties") or {}
    if not properties:
        return ["Params: none"]
    required = set(schema.get("required") or ())
    lines = ["Params:"]
    for name, prop in properties.items():
        kind = prop.get("type") or (
            "one of " + ", ".join(map(str, prop["enum"])) if "enum" in prop else "any"
        )
        if "default" in prop:
            extra = "default " + json.dumps(prop["default"])
        else:
            extra = "required" if name in required else "optional"
        lines.append(f"  {name} ({kind}, {extra}): {prop.get('description', '')}")
    return lines


_STATE_WORDS = {State.PASS: "Passes", State.FAIL: "Fails", State.NOT_APPLICABLE: "Not applicable"}


def _files(title: str, files: Mapping[str, str | None]) -> list[str]:
    lines = [f"    {title}:"]
    for path, text in files.items():
        if text is None:
            lines.append(f"      {path} (deleted)")
            continue
        lines.append(f"      {path}")
        lines += [f"        | {line}".rstrip() for line in text.rstrip("\n").split("\n")]
    return lines


def describe_example(check_id: str, example: Example) -> list[str]:
    """One example as text: the rule's check, the files, what the check concludes."""
    lines = [f"  {_STATE_WORDS.get(example.state, example.state.value)}: {example.title}"]
    lines += ["    " + ln for ln in example.check_yaml(check_id).splitlines()]
    if example.base is None:
        lines += _files("files", dict(sorted(example.files.items())))
    else:
        lines += _files("files at the base", dict(sorted(example.base.items())))
        lines += _files("changed", example.changes())
    if example.labels:
        lines.append("    pull request labels: " + ", ".join(example.labels))
    if example.tags:
        lines.append("    git tags: " + ", ".join(example.tags))
    if example.tag_dates:
        lines.append(
            "    git tags: " + ", ".join(f"{tag} ({date[:10]})" for tag, date in example.tag_dates.items())
        )
    codes = ", ".join(example.codes)
    lines.append(f"    result: {example.state.value}" + (f" with {codes}" if codes else ""))
    return lines


def run(args: argparse.Namespace) -> int:
    settings = CheckSettings(path=Path(args.path), policy=args.policy)
    policy = build_policy(settings, build_snapshot(settings), clock().date())
    rule = policy.rule(args.rule_id)
    if rule is None:
        if args.rule_id in CHECK_TYPES:
            sys.stdout.write(describe_type(CHECK_TYPES[args.rule_id]))
            return 0
        import difflib

        close = difflib.get_close_matches(args.rule_id, [r.id for r in policy.rules] + list(CHECK_TYPES), n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else "; 'platform-lint rules' lists them"
        raise UsageError(f"no rule or check type {args.rule_id!r} in the active policy{hint}")
    check_type = CHECK_TYPES[rule.check_type]
    # the policy is hostile input like the repository: each of its texts on one safe line
    out = [
        f"{rule.id}: {one_line(rule.title)}",
        "",
        f"Characteristic: {rule.characteristic}    Level: {rule.level}    Severity: {rule.severity}"
        + ("" if rule.enabled else "    (turned off)"),
        f"Defined at: {one_line(rule.source)}" if rule.source else "",
        "",
        f"What it checks: {check_type.summary}",
        f"Why it matters: {check_type.why}",
        "",
        f"How to fix: {one_line(rule.remediation)}",
    ]
    if rule.when.any_file or rule.when.no_file:
        any_file = ", ".join(one_line(g) for g in rule.when.any_file)
        no_file = ", ".join(one_line(g) for g in rule.when.no_file)
        out += [
            "",
            "Applies when: "
            + "; ".join(
                ([f"a file matches {any_file}"] if rule.when.any_file else [])
                + ([f"no file matches {no_file}"] if rule.when.no_file else [])
            ),
        ]
    out += ["", f"Check: {rule.check_type}", "Params: " + json.dumps(dict(rule.params), sort_keys=True)]
    out += [f"Examples of {rule.check_type}: platform-lint explain {rule.check_type}"]
    docs = docs_url(rule.docs, policy.settings.docs_url)  # None unless an http(s) link
    if docs:
        out += [f"Docs: {one_line(docs)}"]
    sys.stdout.write(safety.terminal_text("\n".join(out)) + "\n")
    if args.rule_id in CHECK_TYPES:  # a rule named after its check type: explain both
        sys.stdout.write("\n" + describe_type(CHECK_TYPES[args.rule_id]))
    return 0

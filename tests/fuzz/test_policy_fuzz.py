"""The policy loader on hostile policies: a Policy, or a located configuration error (exit 2).

A policy comes with the pull request, so whatever its text, loading it ends in one of two
ways: a :class:`~platform_lint.policy.model.Policy`, or a ``ConfigError`` whose exit code is
2 and which names the file (a line too, when the text parsed). Anything else (a
``KeyError``, a ``TypeError``, a ``RecursionError``...) would be a traceback and exit 3.
"""

from __future__ import annotations

import datetime as dt
import json
import string
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from fuzz.profile import FUZZ
from platform_lint.errors import EXIT_CONFIG, ConfigError
from platform_lint.families.registry import CHECK_TYPES
from platform_lint.policy.loader import PolicyLoader
from platform_lint.policy.model import Policy

TODAY = dt.date(2026, 1, 15)
POLICY = ".platform-lint.yml"

PARAM_NAMES = sorted({name for c in CHECK_TYPES.values() for name in c.params_schema.get("properties") or {}})
WORDS = [
    "builtin:recommended-missing",
    "other.yml",
    "../outside.yml",
    "https://example.com/p.yml",
    "error",
    "warning",
    "notice",
    "bronze",
    "silver",
    "gold",
    "clear-ownership",
    "a.b",
    "x.y-z",
    "**/*.yaml",
    "{a,b}",
    "[",
    "(?P<x>a)\\1",
    "",
    "2026-13-45",
    "2025-01-01",
    *CHECK_TYPES,
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(WORDS),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
)


def values(depth: int = 2) -> st.SearchStrategy[Any]:
    return st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3),
            st.dictionaries(st.text(max_size=6) | st.sampled_from(WORDS), inner, max_size=3),
        ),
        max_leaves=6,
    )


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(strategy, values())


rule = st.fixed_dictionaries(
    {},
    optional={
        "id": maybe(st.sampled_from(["a.b", "x.y-z", "Bad Id", "a"])),
        "title": maybe(st.text(max_size=10)),
        "characteristic": maybe(st.sampled_from(["clear-ownership", "stable-contracts", "nope"])),
        "level": maybe(st.sampled_from(["bronze", "silver", "gold", "platinum"])),
        "severity": maybe(st.sampled_from(["error", "warning", "notice", "fatal"])),
        "check": maybe(
            st.fixed_dictionaries(
                {"type": maybe(st.sampled_from(sorted(CHECK_TYPES)))},
                optional={
                    "params": maybe(st.dictionaries(st.sampled_from(PARAM_NAMES), values(), max_size=3))
                },
            )
        ),
        "when": maybe(
            st.dictionaries(st.sampled_from(["any_file", "no_file", "other"]), values(), max_size=2)
        ),
        "remediation": maybe(st.text(max_size=10)),
        "weight": maybe(st.integers(-2, 10)),
        "enabled": maybe(st.booleans()),
    },
)
override = st.dictionaries(
    st.sampled_from(
        ["enabled", "severity", "level", "params", "remediation", "title", "when", "weight", "x"]
    ),
    values(),
    max_size=3,
)
waiver = st.dictionaries(
    st.sampled_from(["rule", "paths", "reason", "approver", "expires", "x"]),
    maybe(st.sampled_from(["a.b", "2026-02-01", "2020-01-01", "9999-12-31", "**"])),
    max_size=5,
)
policies = st.fixed_dictionaries(
    {},
    optional={
        "version": maybe(st.sampled_from([1, 2, "1"])),
        "name": maybe(st.text(max_size=8)),
        "extends": maybe(st.lists(st.sampled_from(WORDS), max_size=3)),
        "settings": maybe(
            st.dictionaries(
                st.sampled_from(["max_waiver_days", "waiver_warning_days", "docs_url", "x"]),
                values(),
                max_size=3,
            )
        ),
        "rules": maybe(st.lists(rule, max_size=3)),
        "overrides": maybe(st.dictionaries(st.sampled_from(["a.b", "BAD", "x.y-z"]), override, max_size=2)),
        "waivers": maybe(st.lists(waiver, max_size=2)),
    },
)

CHARACTERISTICS = ["clear-ownership", "stable-contracts", "golden-paths"]
PARAM_VALUES = st.one_of(
    st.sampled_from(WORDS),
    st.text(alphabet="ab*?[]{},!^$\\()|+./", max_size=10),
    st.lists(st.sampled_from(WORDS) | st.text(alphabet="ab*?[]{},/.", max_size=8), max_size=3),
    st.integers(-1, 5),
    st.floats(0, 1.5),
    st.booleans(),
    st.dictionaries(
        st.sampled_from(["type", "properties", "required", "pattern", "$ref", "items"]), values(), max_size=3
    ),
)


@st.composite
def sound_rules(draw: st.DrawFn) -> dict[str, Any]:
    """A rule that passes the policy's own schema, with params of its check type's names."""
    check_id = draw(st.sampled_from(sorted(CHECK_TYPES)))
    names = sorted(CHECK_TYPES[check_id].params_schema.get("properties") or {})
    params = draw(st.dictionaries(st.sampled_from(names), PARAM_VALUES, max_size=3)) if names else {}
    return {
        "id": f"fuzz.rule-{draw(st.integers(0, 3))}",
        "title": "t",
        "characteristic": draw(st.sampled_from(CHARACTERISTICS)),
        "level": draw(st.sampled_from(["bronze", "silver", "gold"])),
        "severity": draw(st.sampled_from(["error", "warning", "notice"])),
        "check": {"type": check_id, "params": params},
        "remediation": "r",
    }


YAMLISH = [
    "version: 1\n",
    "rules:\n",
    "  - id: a.b\n",
    "    check: {type: file-exists, params: {paths: [README.md]}}\n",
    "    characteristic: clear-ownership\n",
    "extends: [other.yml]\n",
    "overrides: {a.b: {severity: notice}}\n",
    "waivers:\n  - {rule: a.b, reason: r, expires: 2026-02-01}\n",
    "&a [*a]\n",
    "x: &x {y: *x}\n",
    "? [a, b]\n: c\n",
    "!!python/object:os.system {}\n",
    "!!binary AAAA\n",
    "version: 1\nversion: 1\n",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "\t",
    "\ufeff",
    "\x00",
    "\udc80",
    "{",
    "[",
    "'",
    '"',
    ": ",
    "- ",
    "#",
    "9" * 5000,
    "2026-13-45",
    "<<: *a\n",
]
yamlish = st.lists(
    st.sampled_from(YAMLISH) | st.text(alphabet=string.printable, max_size=8), max_size=12
).map("".join)


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        root = Path(name)
        (root / "other.yml").write_text("version: 1\nrules: []\n")
        yield root


def load(root: Path, text: str) -> Policy | ConfigError:
    (root / POLICY).write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        return PolicyLoader(TODAY, root).load_file(root / POLICY)
    except ConfigError as exc:
        return exc


def assert_policy_or_located_error(outcome: Policy | ConfigError) -> None:
    if isinstance(outcome, ConfigError):
        assert outcome.exit_code == EXIT_CONFIG
        assert outcome.path, f"no file named: {outcome}"
        assert str(outcome).strip()
    else:
        assert isinstance(outcome, Policy)


@FUZZ
@given(text=yamlish)
def test_any_text_is_a_policy_or_a_located_error(folder: Path, text: str) -> None:
    assert_policy_or_located_error(load(folder, text))


@FUZZ
@given(data=policies)
def test_any_structure_is_a_policy_or_a_located_error(folder: Path, data: dict[str, Any]) -> None:
    outcome = load(folder, yaml.safe_dump(data, allow_unicode=True))
    assert_policy_or_located_error(outcome)
    if isinstance(outcome, ConfigError) and outcome.line is None:
        # a policy that parsed: every error points at a line (only reading and sizes may not)
        assert "bytes" in outcome.reason or "extends" in outcome.reason, outcome


@FUZZ
@given(rules=st.lists(sound_rules(), min_size=1, max_size=3))
def test_any_params_of_a_sound_rule_are_accepted_or_refused_at_their_line(
    folder: Path, rules: list[dict[str, Any]]
) -> None:
    outcome = load(folder, yaml.safe_dump({"version": 1, "rules": rules}, allow_unicode=True))
    assert_policy_or_located_error(outcome)
    if isinstance(outcome, ConfigError):
        assert outcome.line is not None, outcome


@FUZZ
@given(data=policies)
def test_a_policy_as_json_is_read_as_yaml_too(folder: Path, data: dict[str, Any]) -> None:
    assert_policy_or_located_error(load(folder, json.dumps(data, default=str)))

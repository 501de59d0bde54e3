"""YAML and JSON from the repository are loaded within a node budget and a depth limit.

A billion-laughs alias bomb, a document nested thousands of levels deep, or a JSON
number of thousands of digits in catalog-info.yaml or an API spec must become a
located finding on that file (quickly, in little memory), never a rule in error.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.security.guard import check_json, no_rule_in_error, python, rule, write
from tests.security.hostile import BOMB, BOMB_LINE, deep_block, deep_flow, spec_json

from platform_lint.errors import ConfigError
from platform_lint.families.contracts.loader import LoadError, load_spec
from platform_lint.yamlio import (
    MAX_ALIAS_NODES,
    MAX_DEPTH,
    MAX_NODES,
    ROUND_TRIP_MAX_BYTES,
    load_yaml,
    load_yaml_all,
)


def test_limits_are_what_the_readme_says() -> None:
    assert (MAX_ALIAS_NODES, MAX_DEPTH, MAX_NODES) == (100_000, 128, 1_000_000)
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    security = readme.split("## Security", 1)[1]
    assert "100,000" in security and "128 levels" in security and "1,000,000 values" in security


def _finding(report: dict, rule_id: str, path: str) -> dict:
    found = [f for f in rule(report, rule_id)["findings"] if (f["location"] or {}).get("path") == path]
    assert found, rule(report, rule_id)
    return found[0]


def test_alias_bomb_in_catalog_info_is_a_finding_on_that_file(tmp_path: Path) -> None:
    write(tmp_path, {"README.md": "# x\n", "catalog-info.yaml": BOMB})
    _, report, _ = check_json(tmp_path)
    no_rule_in_error(report)
    finding = _finding(report, "ownership.catalog-owner", "catalog-info.yaml")
    assert finding["location"]["line"] == BOMB_LINE
    assert "aliases" in finding["message"] and "100,000" in finding["message"]


def test_alias_bomb_in_an_openapi_file_is_a_finding_on_that_file(tmp_path: Path) -> None:
    write(tmp_path, {"README.md": "# x\n", "api/openapi.yaml": "openapi: 3.0.3\n" + BOMB})
    _, report, _ = check_json(tmp_path)
    no_rule_in_error(report)
    finding = _finding(report, "contracts.valid", "api/openapi.yaml")
    assert finding["location"]["line"] == BOMB_LINE + 1
    assert "aliases" in finding["message"]


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("flow", deep_flow(5000), 1),
        ("block", deep_block(300), MAX_DEPTH + 1),
        (
            "aliased",
            "a: &a "
            + deep_flow(100)
            + "\nb: &b [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[*a]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n",
            2,
        ),
    ],
)
def test_deep_yaml_in_catalog_info_is_a_finding(tmp_path: Path, name: str, text: str, line: int) -> None:
    write(tmp_path, {"README.md": "# x\n", "catalog-info.yaml": text})
    _, report, _ = check_json(tmp_path)
    no_rule_in_error(report)
    finding = _finding(report, "ownership.catalog-owner", "catalog-info.yaml")
    assert f"nested more than {MAX_DEPTH} levels" in finding["message"]
    assert finding["location"]["line"] == line


def test_deep_yaml_in_an_openapi_file_is_a_finding(tmp_path: Path) -> None:
    write(tmp_path, {"README.md": "# x\n", "openapi.yaml": "openapi: 3.0.3\nx: " + deep_flow(900) + "\n"})
    _, report, _ = check_json(tmp_path)
    no_rule_in_error(report)
    assert "nested more than" in _finding(report, "contracts.valid", "openapi.yaml")["message"]


def test_recursive_alias_is_a_finding(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "README.md": "# x\n",
            "catalog-info.yaml": "a: &a [x, *a]\n",
            "openapi.yaml": "openapi: 3.0.3\na: &a [x, *a]\n",
        },
    )
    _, report, _ = check_json(tmp_path)
    no_rule_in_error(report)
    assert "itself" in _finding(report, "ownership.catalog-owner", "catalog-info.yaml")["message"]
    assert "itself" in _finding(report, "contracts.valid", "openapi.yaml")["message"]


JSON_POLICY = """\
version: 1
extends: [builtin:recommended]
rules:
  - id: team.json
    title: json
    characteristic: clear-ownership
    level: bronze
    severity: error
    check:
      type: document-matches
      params: {paths: ['*.json'], schema: {type: object}}
    remediation: fix it
"""


def test_deep_json_is_a_finding(tmp_path: Path) -> None:
    deep = deep_flow(100_000)
    write(
        tmp_path,
        {
            "README.md": "# x\n",
            "catalog.json": '{"a":\n' + deep + "}",
            "openapi.json": spec_json(',\n "x": ' + deep),
            ".platform-lint.yml": JSON_POLICY,
        },
    )
    _, report, _ = check_json(tmp_path)
    no_rule_in_error(report)
    for path in ("catalog.json", "openapi.json"):
        finding = _finding(report, "team.json", path)
        assert "nested more than" in finding["message"] and finding["location"]["line"] == 2
    assert "nested more than" in _finding(report, "contracts.valid", "openapi.json")["message"]


def test_aliases_and_merges_within_the_budget_still_load() -> None:
    text = (
        "defaults: &d {owner: team-a, lifecycle: production}\n"
        "spec:\n  <<: *d\n  type: service\nlist: [*d, *d]\n"
    )
    doc = load_yaml(text, "catalog-info.yaml")
    assert doc.data["spec"]["owner"] == "team-a" and doc.data["list"][1]["lifecycle"] == "production"
    loaded = load_spec("openapi.yaml", "openapi: 3.0.3\n" + text)
    assert not isinstance(loaded, LoadError) and loaded.data["spec"]["owner"] == "team-a"
    # nesting up to the limit is fine
    load_yaml(deep_flow(MAX_DEPTH - 1), "x.yaml")
    assert not isinstance(load_spec("x.yaml", "openapi: 3.0.3\nx: " + deep_flow(MAX_DEPTH - 2)), LoadError)


def test_loaders_refuse_bombs_quickly(tmp_path: Path) -> None:
    code = f"""
from platform_lint.errors import ConfigError
from platform_lint.yamlio import load_yaml, load_yaml_all
from platform_lint.families.contracts.loader import load_spec
bomb = {BOMB!r}
for fn in (load_yaml, load_yaml_all):
    try:
        fn(bomb, "x.yaml")
    except ConfigError as exc:
        print(exc.line, "aliases" in str(exc))
print(load_spec("x.yaml", bomb))
"""
    lines = python(code, tmp_path).splitlines()
    assert lines[:2] == [f"{BOMB_LINE} True"] * 2
    assert lines[2].startswith("LoadError(") and f"line={BOMB_LINE}" in lines[2]


def test_yaml_multi_document_stream_has_the_budget_per_stream() -> None:
    docs = "\n---\n".join(
        ["a: &a [x, x, x, x, x, x, x, x, x, x]\nb: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]"] * 3
    )
    assert len(load_yaml_all(docs, "x.yaml")) == 3
    with pytest.raises(ConfigError, match="nested more than"):
        load_yaml_all("a: 1\n---\n" + deep_flow(MAX_DEPTH + 1), "x.yaml")


def test_large_yaml_is_read_fast_and_still_checked(tmp_path: Path) -> None:
    # past ROUND_TRIP_MAX_BYTES the C composer reads it: the entity is still judged
    filler = "".join(f"  x-{i}: [{', '.join(['[[[[[[[[[[1]]]]]]]]]]'] * 8)}]\n" for i in range(3000))
    catalog = (
        "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n" + filler + "spec: {type: service}\n"
    )
    assert len(catalog) > ROUND_TRIP_MAX_BYTES
    write(tmp_path, {"README.md": "# x\n", "catalog-info.yaml": catalog})
    _, report, _ = check_json(tmp_path)
    no_rule_in_error(report)
    findings = rule(report, "ownership.catalog-owner")["findings"]
    assert [f["code"] for f in findings] == ["no-owner"], findings
    assert findings[0]["location"]["path"] == "catalog-info.yaml"

    write(tmp_path, {"catalog-info.yaml": "a: &a [1, 2]\nb: " + deep_flow(200) + "\nmetadata:\n" + filler})
    _, report, _ = check_json(tmp_path)
    finding = _finding(report, "ownership.catalog-owner", "catalog-info.yaml")
    assert "nested more than" in finding["message"] and finding["location"]["line"] == 2


def test_a_million_values_is_the_most_a_file_may_hold(tmp_path: Path) -> None:
    dense = "[" + "1," * 1_100_000 + "1]"
    write(
        tmp_path,
        {
            "README.md": "# x\n",
            "catalog-info.yaml": "kind: Component\nx: " + dense + "\n",
            "api/openapi.json": spec_json(', "x": ' + dense),
            "api/openapi.yaml": "openapi: 3.0.3\nx:\n" + "  - [1, 2, 3, 4]\n" * 300_000,
        },
    )
    _, report, _ = check_json(tmp_path)
    no_rule_in_error(report)
    assert (
        "more than 1,000,000 values"
        in _finding(report, "ownership.catalog-owner", "catalog-info.yaml")["message"]
    )
    for path in ("api/openapi.json", "api/openapi.yaml"):
        assert "more than 1,000,000 values" in _finding(report, "contracts.valid", path)["message"]
    # below the limit, a large flat file loads
    assert not isinstance(load_spec("api.yaml", "openapi: 3.0.3\nx: [" + "1, " * 400_000 + "1]\n"), LoadError)

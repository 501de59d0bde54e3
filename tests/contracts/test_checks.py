"""The contracts check types over in-memory repositories."""

from __future__ import annotations

import json
from typing import Any

from contracts.helpers import body_op, spec
from contracts.runner import render, run_check
from platform_lint.families.registry import CHECK_TYPES
from platform_lint.model import State
from platform_lint.snapshot.memory import MemorySnapshot
from platform_lint.snapshot.scope import ScopeSettings

PET = {
    "type": "object",
    "required": ["id", "name"],
    "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
}
CHANGELOG = (
    "# Changelog\n\n## [Unreleased]\n\n## [1.0.0] - 2025-01-01\n### Added\n- First\n\n"
    "[Unreleased]: https://x/compare\n[1.0.0]: https://x/1.0.0\n"
)
CHANGELOG_WITH_ENTRY = CHANGELOG.replace("## [Unreleased]\n", "## [Unreleased]\n### Removed\n- pet name\n")


def api(version: str, pet: dict[str, Any]) -> str:
    doc = spec(
        {
            "/pets/{id}": {
                "get": body_op(response=pet)
                | {
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
                    ]
                }
            }
        }
    )
    doc["info"]["version"] = version
    return json.dumps(doc, indent=2)


NO_NAME = {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}}}
BASE = {"api/openapi.json": api("1.0.0", PET), "CHANGELOG.md": CHANGELOG}


def repo(files: dict[str, str]) -> MemorySnapshot:
    return MemorySnapshot(files, refs={"base": BASE})


def test_breaking_without_bump_or_entry_fails() -> None:
    head = repo({"api/openapi.json": api("1.0.0", NO_NAME), "CHANGELOG.md": CHANGELOG})
    outcome = run_check("contracts.breaking-changes", {}, head, head.at_ref("base"))
    assert outcome.state is State.FAIL
    codes = {f.code for f in outcome.findings}
    assert {"response-required-property-removed", "missing-major-bump", "missing-changelog-entry"} <= codes
    text = "\n".join(render("contracts.breaking-changes", outcome))
    assert "GET /pets/{id}" in text and "api/openapi.json:" in text


def test_breaking_with_bump_and_entry_passes() -> None:
    head = repo({"api/openapi.json": api("2.0.0", NO_NAME), "CHANGELOG.md": CHANGELOG_WITH_ENTRY})
    outcome = run_check("contracts.breaking-changes", {}, head, head.at_ref("base"))
    assert outcome.state is State.PASS
    assert any(
        f.code == "response-required-property-removed" and f.severity == "error" for f in outcome.findings
    )


def test_zero_major_needs_minor_only() -> None:
    base = {"api/openapi.json": api("0.3.0", PET), "CHANGELOG.md": CHANGELOG}
    head = MemorySnapshot(
        {"api/openapi.json": api("0.4.0", NO_NAME), "CHANGELOG.md": CHANGELOG_WITH_ENTRY}, refs={"base": base}
    )
    assert run_check("contracts.breaking-changes", {}, head, head.at_ref("base")).state is State.PASS


def test_approval_label_passes_and_names_the_actor() -> None:
    head = repo({"api/openapi.json": api("1.0.0", NO_NAME), "CHANGELOG.md": CHANGELOG})
    params = {"approval_label": "breaking-change-approved"}
    outcome = run_check(
        "contracts.breaking-changes",
        params,
        head,
        head.at_ref("base"),
        labels=("breaking-change-approved",),
        actors={"breaking-change-approved": "octocat"},
    )
    assert outcome.state is State.PASS
    assert "octocat" in render("contracts.breaking-changes", outcome)[0]


def test_version_decreased_and_not_semver() -> None:
    head = repo({"api/openapi.json": api("0.9.0", PET), "CHANGELOG.md": CHANGELOG})
    changed = head._data["api/openapi.json"].replace(b'"t"', b'"t2"')  # changes the digest, not the API
    head = repo({"api/openapi.json": changed.decode(), "CHANGELOG.md": CHANGELOG})
    outcome = run_check("contracts.breaking-changes", {}, head, head.at_ref("base"))
    assert [f.code for f in outcome.findings] == ["version-decreased"]
    head = repo({"api/openapi.json": api("two", NO_NAME), "CHANGELOG.md": CHANGELOG_WITH_ENTRY})
    outcome = run_check("contracts.breaking-changes", {}, head, head.at_ref("base"))
    assert "version-not-semver" in {f.code for f in outcome.findings}
    head = repo({"api/openapi.json": api("0.1.0", NO_NAME), "CHANGELOG.md": CHANGELOG_WITH_ENTRY})
    outcome = run_check("contracts.breaking-changes", {}, head, head.at_ref("base"))
    assert "version-decreased" in {f.code for f in outcome.findings}


def test_addition_without_minor_bump_is_a_warning() -> None:
    more = {**PET, "properties": {**PET["properties"], "tag": {"type": "string"}}}
    head = repo({"api/openapi.json": api("1.0.1", more), "CHANGELOG.md": CHANGELOG})
    outcome = run_check("contracts.breaking-changes", {}, head, head.at_ref("base"))
    found = [f for f in outcome.findings if f.code == "addition-without-minor-bump"]
    assert found and found[0].severity == "warning"


def test_package_version_source() -> None:
    base = {**BASE, "pyproject.toml": '[project]\nname = "x"\nversion = "1.4.0"\n'}
    files = {
        "api/openapi.json": api("1.0.0", NO_NAME),
        "CHANGELOG.md": CHANGELOG_WITH_ENTRY,
        "pyproject.toml": '[project]\nname = "x"\nversion = "2.0.0"\n',
    }
    head = MemorySnapshot(files, refs={"base": base})
    params = {"version_source": "package"}
    outcome = run_check("contracts.breaking-changes", params, head, head.at_ref("base"))
    assert outcome.state is State.PASS


def test_no_base_is_not_applicable() -> None:
    outcome = run_check("contracts.breaking-changes", {}, repo(BASE))
    assert outcome.state is State.NOT_APPLICABLE and outcome.reason == "no base to compare with"


def test_graphql_contract_diffed() -> None:
    base = {"schema.graphql": "type Query { a: String\n b: Int }\n"}
    head = MemorySnapshot({"schema.graphql": "type Query { a: String }\n"}, refs={"base": base})
    outcome = run_check("contracts.breaking-changes", {"require_changelog": False}, head, head.at_ref("base"))
    assert "graphql-field-removed" in {f.code for f in outcome.findings}


def test_discovery_by_content_and_skip() -> None:
    files = {
        "docs/api.yaml": "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n",
        "config.yaml": "name: not a spec\n",
        "vendor/x/openapi.yaml": "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n",
        "tests/fixtures/bad.yaml": "swagger: '2.0'\n",
        "events.yaml": "asyncapi: 2.6.0\ninfo: {title: t, version: '1'}\n",
        "proto/a.proto": 'syntax = "proto3";\nmessage A {}\n',
        "schema.graphql": "type Query { a: String }\n",
    }
    outcome = run_check("contracts.present", {}, MemorySnapshot(files))
    found = {f.args["path"]: f.args["kind"] for f in outcome.evidence}
    assert found == {
        "docs/api.yaml": "openapi",
        "events.yaml": "asyncapi",
        "proto/a.proto": "protobuf",
        "schema.graphql": "graphql",
    }
    # an empty skip list no longer reaches vendored code: the scope decides; a policy's
    # scope: product: [...] brings it back
    outcome = run_check("contracts.present", {"skip": []}, MemorySnapshot(files))
    assert "vendor/x/openapi.yaml" not in {f.args["path"] for f in outcome.evidence}
    snapshot = MemorySnapshot(files)
    snapshot.configure_scope(ScopeSettings(product=("vendor/**",)))
    outcome = run_check("contracts.present", {"skip": []}, snapshot)
    assert "vendor/x/openapi.yaml" in {f.args["path"] for f in outcome.evidence}
    outcome = run_check("contracts.present", {"contracts": ["config.yaml"]}, MemorySnapshot(files))
    assert [f.args["path"] for f in outcome.evidence] == ["config.yaml"]


def test_validation_errors_carry_lines_and_remote_refs_are_notes() -> None:
    text = (
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n"
        "      responses:\n        '200':\n          description: 5\n"
        "  /b:\n    get:\n      responses:\n        '200':\n          description: ok\n"
        "          content:\n            application/json:\n              schema:\n"
        "                $ref: 'https://example.com/s.json'\n"
    )
    outcome = run_check("contracts.valid", {}, MemorySnapshot({"openapi.yaml": text}))
    assert outcome.state is State.FAIL
    invalid = [f for f in outcome.findings if f.code == "invalid"]
    assert invalid and invalid[0].location is not None and invalid[0].location.line in (7, 8)
    assert any(f.code == "remote-ref" for f in outcome.findings)


def test_unparsable_spec_is_a_located_finding() -> None:
    outcome = run_check("contracts.valid", {}, MemorySnapshot({"openapi.yaml": "openapi: 3.0.0\npaths: [\n"}))
    assert outcome.state is State.FAIL
    assert outcome.findings[0].location is not None and outcome.findings[0].location.line == 3


def test_unchanged_files_are_not_validated_again() -> None:
    text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n"
    head = MemorySnapshot({"openapi.yaml": text}, refs={"base": {"openapi.yaml": text}})
    outcome = run_check("contracts.valid", {}, head, head.at_ref("base"))
    assert [f.code for f in outcome.evidence] == ["unchanged"]


def test_graphql_validation() -> None:
    outcome = run_check("contracts.valid", {}, MemorySnapshot({"s.graphql": "type Query {\n  a: Nope\n}\n"}))
    assert outcome.state is State.FAIL


def test_registry_entries_are_documented() -> None:
    for check_id in (
        "contracts.present",
        "contracts.valid",
        "contracts.breaking-changes",
        "changelog.format",
        "changelog.version-match",
        "changelog.unreleased-updated",
    ):
        check = CHECK_TYPES[check_id]
        assert check.summary and check.why and check.remediation and check.examples and check.messages
        assert check.params_schema["type"] == "object"

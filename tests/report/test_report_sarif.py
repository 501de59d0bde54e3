"""The SARIF reporter: what GitHub code scanning needs, a minimal schema, limits and golden files.

The full SARIF 2.1.0 schema check lives in tests/acceptance/test_sarif_schema.py
(it reads external data); here the required structure is asserted directly.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from platform_lint.report.model import Report, from_dict
from platform_lint.report.sarif import FINGERPRINT_KEY, artifact_uri, limit_sarif
from platform_lint.report.sarif import render_sarif as render_model
from report import samples


def render_sarif(report: dict[str, Any] | Report) -> dict[str, Any]:
    """Render a sample (a JSON report dict, as a file holds it) through the model."""
    return render_model(report if isinstance(report, Report) else from_dict(report))


_TEXT = {"type": "object", "required": ["text"], "properties": {"text": {"type": "string", "minLength": 1}}}
_REGION = {
    "type": "object",
    "required": ["startLine"],
    "additionalProperties": False,
    "properties": {
        "startLine": {"type": "integer", "minimum": 1},
        "startColumn": {"type": "integer", "minimum": 1},
        "endLine": {"type": "integer", "minimum": 1},
        "endColumn": {"type": "integer", "minimum": 1},
        "snippet": _TEXT,
    },
}
MINIMAL_SARIF_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["$schema", "version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "$schema": {"type": "string", "format": "uri"},
        "runs": {
            "type": "array",
            "minItems": 1,
            "maxItems": 1,
            "items": {
                "type": "object",
                "required": ["tool", "results", "invocations"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name", "version", "informationUri", "rules"],
                                "properties": {
                                    "name": {"const": "platform-lint"},
                                    "informationUri": {"type": "string", "format": "uri"},
                                    "rules": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "required": [
                                                "id",
                                                "name",
                                                "shortDescription",
                                                "fullDescription",
                                                "help",
                                                "defaultConfiguration",
                                                "properties",
                                            ],
                                            "properties": {
                                                "shortDescription": _TEXT,
                                                "fullDescription": _TEXT,
                                                "help": {"type": "object", "required": ["text", "markdown"]},
                                                "helpUri": {"type": "string", "format": "uri"},
                                                "defaultConfiguration": {
                                                    "type": "object",
                                                    "required": ["level"],
                                                    "properties": {
                                                        "level": {
                                                            "enum": ["none", "note", "warning", "error"]
                                                        }
                                                    },
                                                },
                                                "properties": {
                                                    "type": "object",
                                                    "required": ["tags"],
                                                    "properties": {
                                                        "tags": {
                                                            "type": "array",
                                                            "maxItems": 20,
                                                            "items": {"type": "string"},
                                                        }
                                                    },
                                                },
                                            },
                                        },
                                    },
                                },
                            }
                        },
                    },
                    "invocations": {
                        "type": "array",
                        "minItems": 1,
                        "items": {
                            "type": "object",
                            "required": ["executionSuccessful"],
                            "properties": {"executionSuccessful": {"type": "boolean"}},
                        },
                    },
                    "results": {
                        "type": "array",
                        "maxItems": 25_000,
                        "items": {
                            "type": "object",
                            "required": [
                                "ruleId",
                                "ruleIndex",
                                "level",
                                "message",
                                "locations",
                                "partialFingerprints",
                            ],
                            "properties": {
                                "ruleIndex": {"type": "integer", "minimum": 0},
                                "level": {"enum": ["note", "warning", "error"]},
                                "message": _TEXT,
                                "baselineState": {"enum": ["new", "unchanged"]},
                                "suppressions": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "required": ["kind", "justification"],
                                        "properties": {"kind": {"const": "external"}},
                                    },
                                },
                                "partialFingerprints": {"type": "object", "required": [FINGERPRINT_KEY]},
                                "locations": {
                                    "type": "array",
                                    "minItems": 1,
                                    "maxItems": 1,
                                    "items": {
                                        "type": "object",
                                        "required": ["physicalLocation"],
                                        "properties": {
                                            "physicalLocation": {
                                                "type": "object",
                                                "required": ["artifactLocation", "region"],
                                                "properties": {
                                                    "artifactLocation": {
                                                        "type": "object",
                                                        "required": ["uri", "uriBaseId"],
                                                        "properties": {
                                                            "uri": {
                                                                "type": "string",
                                                                "format": "uri-reference",
                                                                "pattern": "^[^/\\\\][^\\\\ ]*$",
                                                            },
                                                            "uriBaseId": {"const": "%SRCROOT%"},
                                                        },
                                                    },
                                                    "region": _REGION,
                                                },
                                            }
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    },
}


def minimal_errors(sarif: dict[str, Any]) -> list[str]:
    validator = Draft202012Validator(MINIMAL_SARIF_SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(sarif)]


def run_of(report: dict[str, Any]) -> dict[str, Any]:
    run: dict[str, Any] = render_sarif(report)["runs"][0]
    return run


@pytest.mark.parametrize("name", sorted(samples.SAMPLES))
def test_sarif_matches_golden(name: str, golden: Callable[[str, str], None]) -> None:
    golden(f"sarif_{name}.sarif.json", json.dumps(render_sarif(samples.SAMPLES[name]()), indent=2) + "\n")


@pytest.mark.parametrize("name", sorted(samples.SAMPLES))
def test_sarif_validates_against_minimal_schema(name: str) -> None:
    sarif = render_sarif(samples.SAMPLES[name]())
    assert minimal_errors(sarif) == []
    json.dumps(sarif)  # serialisable as is


def test_top_level_and_driver() -> None:
    sarif = render_sarif(samples.small())
    assert sarif["version"] == "2.1.0" and sarif["$schema"].endswith("sarif-schema-2.1.0.json")
    driver = sarif["runs"][0]["tool"]["driver"]
    assert driver["name"] == "platform-lint" and driver["version"] == "0.1.0"
    assert driver["informationUri"] == "https://github.com/platform-lint/platform-lint"


def test_every_rule_is_described_in_policy_order() -> None:
    report = samples.small()
    rules = run_of(report)["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r["id"] for r in report["rules"]]
    coverage = rules[1]
    assert coverage["name"] == "OwnershipCodeownersCoverage"
    assert coverage["shortDescription"]["text"] == "CODEOWNERS covers the tree"
    assert "Clear ownership" in coverage["fullDescription"]["text"]
    assert coverage["help"]["text"].startswith("Add a CODEOWNERS entry")
    assert "(https://platform-lint.dev/rules/ownership.codeowners-coverage)" in coverage["help"]["markdown"]
    assert coverage["helpUri"] == "https://platform-lint.dev/rules/ownership.codeowners-coverage"
    assert coverage["defaultConfiguration"]["level"] == "error"
    assert "clear-ownership" in coverage["properties"]["tags"]
    changelog = next(r for r in rules if r["id"] == "docs.changelog")
    assert "helpUri" not in changelog  # no docs_url, no helpUri
    catalog = next(r for r in rules if r["id"] == "adoption.catalog-registered")
    assert catalog["defaultConfiguration"]["level"] == "note"


def test_results_only_for_file_located_open_and_waived_findings() -> None:
    run = run_of(samples.waived())
    ids = [
        (r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
        for r in run["results"]
    ]
    assert ids == [
        ("ownership.codeowners-coverage", "services/billing"),
        ("ownership.codeowners-coverage", "tools"),
        ("devex.readme-quickstart", "README.md"),
    ]
    # the repository-level finding is left out and said so; notes are never results
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert any("1 repository-level finding" in n["message"]["text"] for n in notes)
    assert any(n.get("associatedRule", {}).get("id") == "observability.otel-config" for n in notes)
    assert run["invocations"][0]["executionSuccessful"] is True


def test_rule_index_points_at_the_rule() -> None:
    run = run_of(samples.small())
    rules = run["tool"]["driver"]["rules"]
    assert run["results"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_levels_regions_and_fingerprints() -> None:
    report = samples.small()
    run = run_of(report)
    by_uri = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r for r in run["results"]}
    codeowners = by_uri[".github/CODEOWNERS"]
    assert codeowners["level"] == "warning"
    assert codeowners["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 7,
        "startColumn": 1,
        "endLine": 7,
        "endColumn": 11,
        "snippet": {"text": "/docs/old/ @a"},
    }
    assert by_uri["README.md"]["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
    assert by_uri["README.md"]["level"] == "error"
    expected = report["rules"][2]["findings"][0]["fingerprint"]
    assert by_uri["README.md"]["partialFingerprints"] == {FINGERPRINT_KEY: expected}
    assert all("baselineState" not in r for r in run["results"])  # not a comparison run


def test_notice_maps_to_note() -> None:
    rid = "adoption.metrics"
    report = samples.report(
        [
            samples.rule(
                rid,
                "measured-adoption",
                "fail",
                severity="notice",
                findings=[
                    samples.finding(rid, "no metrics", samples.location("metrics.yaml", 3), severity="notice")
                ],
            )
        ]
    )
    assert run_of(report)["results"][0]["level"] == "note"


def test_waived_findings_are_suppressed_with_the_reason() -> None:
    run = run_of(samples.waived())
    suppressed = [r for r in run["results"] if r.get("suppressions")]
    assert len(suppressed) == 2
    billing = next(r for r in suppressed if "billing" in r["message"]["text"])
    assert billing["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "billing team onboarding in Q3 (until 2024-05-10); approved by alice",
        }
    ]


def test_baseline_state_in_comparison_runs() -> None:
    states = {r["message"]["text"]: r.get("baselineState") for r in run_of(samples.pr_mode())["results"]}
    assert states == {
        "no owner for 12 files under services/billing/": "new",
        "pattern `/docs/old/` matches no file": "unchanged",
        "README.md has no quickstart section": "new",
    }


def test_artifact_uris_are_relative_posix_and_encoded() -> None:
    assert artifact_uri("src/a b/c#d?.py") == "src/a%20b/c%23d%3F.py"
    assert artifact_uri("./docs/x.md") == "docs/x.md"
    assert artifact_uri("/abs/x") == "abs/x"
    assert artifact_uri("C:\\odd\\win.txt") == "C%3A/odd/win.txt"
    assert artifact_uri("100%/ü.md") == "100%25/%C3%BC.md"
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]
        for r in run_of(samples.hostile())["results"]
    ]
    assert all(u["uriBaseId"] == "%SRCROOT%" and " " not in u["uri"] and "\\" not in u["uri"] for u in uris)


def test_region_never_invalid() -> None:
    rid = "x.y"
    odd = [
        samples.location("a.txt", None, 5, end_line=2, end_column=1),
        samples.location("b.txt", 4, 8, end_line=4, end_column=3),
        samples.location("c.txt", 0, 0),
    ]
    findings = [samples.finding(rid, f"m{i}", loc, key=str(i)) for i, loc in enumerate(odd)]
    run = run_of(samples.report([samples.rule(rid, "self-service", "fail", findings=findings)]))
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in run["results"]]
    assert regions == [{"startLine": 1}, {"startLine": 4, "startColumn": 8, "endLine": 4}, {"startLine": 1}]


def test_render_does_not_change_the_report() -> None:
    report = samples.waived()
    before = json.dumps(report, sort_keys=True)
    render_sarif(report)
    assert json.dumps(report, sort_keys=True) == before


# -- limit_sarif -------------------------------------------------------------------------------------


def test_limit_leaves_small_logs_alone() -> None:
    sarif = render_sarif(samples.small())
    limited, message = limit_sarif(sarif)
    assert message is None
    assert limited == sarif


def test_limit_results_keeps_the_most_severe(huge_model: Report) -> None:
    sarif = render_sarif(huge_model)
    before = json.dumps(sarif["runs"][0]["invocations"])
    assert len(sarif["runs"][0]["results"]) == 50_000
    limited, message = limit_sarif(sarif)
    results = limited["runs"][0]["results"]
    assert len(results) == 25_000
    assert message and "25,000 of 50,000 results" in message
    levels = [r["level"] for r in results]
    assert levels.count("error") == sum(1 for r in sarif["runs"][0]["results"] if r["level"] == "error")
    assert "note" not in levels or levels.count("warning") == sum(
        1 for r in sarif["runs"][0]["results"] if r["level"] == "warning"
    )
    notes = limited["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert notes[-1]["message"]["text"] == message
    # the input is untouched
    assert len(sarif["runs"][0]["results"]) == 50_000
    assert json.dumps(sarif["runs"][0]["invocations"]) == before
    assert minimal_errors(limited) == []


def test_limit_by_gzip_size(huge_model: Report) -> None:
    sarif = render_sarif(huge_model)
    limited, message = limit_sarif(sarif, max_results=5_000, max_gzip_bytes=60_000)
    size = len(gzip.compress(json.dumps(limited, separators=(",", ":"), ensure_ascii=False).encode()))
    assert size <= 60_000
    kept = len(limited["runs"][0]["results"])
    assert 0 < kept < 5_000
    assert message and f"{50_000 - kept:,} of 50,000" in message


def test_limit_prefers_open_and_new() -> None:
    report = samples.pr_mode()
    report["rules"][1]["findings"][0]["status"] = "waived"
    report["rules"][1]["findings"][0]["waiver"] = samples.waiver("later")
    sarif = render_sarif(report)
    limited, message = limit_sarif(sarif, max_results=1)
    assert message
    assert [r["message"]["text"] for r in limited["runs"][0]["results"]] == [
        "README.md has no quickstart section"
    ]

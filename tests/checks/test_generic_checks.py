"""The generic check types over in-memory repositories, run the way the engine runs them.

Each case is a repository (a dict of files), the check's params and what a user
would see: the rule's state and the findings' codes, paths and lines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pytest

from platform_lint.engine import FactStore, run_rule
from platform_lint.families.check_type import RunContext
from platform_lint.families.collector import CollectEnv
from platform_lint.families.registry import CHECK_TYPES
from platform_lint.model import Finding, Outcome, State
from platform_lint.policy.model import Rule
from platform_lint.snapshot.memory import MemorySnapshot

NOW = dt.datetime(2024, 6, 1, 12, 0, tzinfo=dt.timezone.utc)


def rule(check_type: str, params: Mapping[str, Any]) -> Rule:
    return Rule(
        id=f"test.{check_type}",
        title=check_type,
        characteristic="developer-first-design",
        level="bronze",
        severity="error",
        check_type=check_type,
        params=dict(params),
        remediation="fix it",
    )


def run(
    check_type: str, params: Mapping[str, Any], files: Mapping[str, str | bytes], **snapshot_options: Any
) -> Outcome:
    store = FactStore(MemorySnapshot(files, **snapshot_options), CollectEnv())
    outcome = run_rule(rule(check_type, params), store, RunContext(now=NOW))
    assert outcome.state is not State.ERROR, outcome.reason
    return outcome


def codes(findings: tuple[Finding, ...]) -> list[tuple[str, str | None, int | None]]:
    return [
        (f.code, f.location.path if f.location else None, f.location.line if f.location else None)
        for f in findings
    ]


def rendered(check_type: str, finding: Finding) -> str:
    text = CHECK_TYPES[check_type].render(finding)
    assert "{" not in text, text  # every argument the message uses is filled in
    return text


# -- file-exists ---------------------------------------------------------------------

EXISTS_CASES = [
    ("literal present", {"paths": ["README.md"]}, {"README.md": "x"}, State.PASS, ["README.md"]),
    ("literal absent", {"paths": ["README.md"]}, {"readme.md": "x"}, State.FAIL, []),
    ("any of several", {"paths": ["README.rst", "README.md"]}, {"README.md": "x"}, State.PASS, ["README.md"]),
    (
        "glob at depth",
        {"paths": ["**/openapi.yaml"]},
        {"api/v1/openapi.yaml": "x"},
        State.PASS,
        ["api/v1/openapi.yaml"],
    ),
    (
        "braces",
        {"paths": ["{.github/,docs/,}CODEOWNERS"]},
        {"docs/CODEOWNERS": "x"},
        State.PASS,
        ["docs/CODEOWNERS"],
    ),
    (
        "ignore_case",
        {"paths": ["README.md"], "ignore_case": True},
        {"readme.MD": "x"},
        State.PASS,
        ["readme.MD"],
    ),
    (
        "ignore_case glob",
        {"paths": ["docs/*.MD"], "ignore_case": True},
        {"Docs/Guide.md": "x"},
        State.PASS,
        ["Docs/Guide.md"],
    ),
    ("case-sensitive by default", {"paths": ["docs/*.MD"]}, {"docs/guide.md": "x"}, State.FAIL, []),
    (
        "min_files met",
        {"paths": ["examples/*"], "min_files": 2, "include": ["example"]},
        {"examples/a": "", "examples/b": ""},
        State.PASS,
        ["examples/a", "examples/b"],
    ),
    (
        "min_files not met",
        {"paths": ["examples/*"], "min_files": 3, "include": ["example"]},
        {"examples/a": "", "examples/b": ""},
        State.FAIL,
        [],
    ),
    ("empty repository", {"paths": ["**"]}, {}, State.FAIL, []),
]


@pytest.mark.parametrize(
    ("name", "params", "files", "state", "found"), EXISTS_CASES, ids=[c[0] for c in EXISTS_CASES]
)
def test_file_exists(
    name: str, params: dict[str, Any], files: dict[str, str], state: State, found: list[str]
) -> None:
    outcome = run("file-exists", params, files)
    assert outcome.state is state
    if state is State.PASS:
        assert [f.location.path for f in outcome.evidence if f.location] == found
        assert outcome.findings == ()
    else:
        (missing,) = outcome.findings
        assert missing.code == "missing"
        assert missing.location is None  # a repository-level finding
        assert params["paths"][0] in rendered("file-exists", missing)


def test_file_exists_lists_at_most_five_as_evidence() -> None:
    outcome = run("file-exists", {"paths": ["*.md"]}, {f"{i}.md": "" for i in range(9)})
    assert outcome.state is State.PASS and len(outcome.evidence) == 5


def test_file_exists_message_shortens_long_path_lists() -> None:
    paths = [f"f{i}" for i in range(7)]
    (missing,) = run("file-exists", {"paths": paths}, {}).findings
    assert rendered("file-exists", missing) == "no file matches f0, f1, f2, f3 and 3 more"


# -- file-absent ---------------------------------------------------------------------

ABSENT_CASES = [
    ("nothing forbidden", {"paths": ["**/.env", "**/*.pem"]}, {"README.md": ""}, State.PASS, []),
    ("root .env", {"paths": ["**/.env"]}, {".env": "A=1"}, State.FAIL, [".env"]),
    (
        "deep keys",
        {"paths": ["**/*.pem"]},
        {"a/k.pem": "", "b/c/k.pem": "", "k.pem.txt": ""},
        State.FAIL,
        ["a/k.pem", "b/c/k.pem"],
    ),
    ("case-sensitive", {"paths": ["**/.ENV"]}, {".env": ""}, State.PASS, []),
    ("ignore_case", {"paths": ["**/.ENV"], "ignore_case": True}, {"x/.env": ""}, State.FAIL, ["x/.env"]),
]


@pytest.mark.parametrize(
    ("name", "params", "files", "state", "present"), ABSENT_CASES, ids=[c[0] for c in ABSENT_CASES]
)
def test_file_absent(
    name: str, params: dict[str, Any], files: dict[str, str], state: State, present: list[str]
) -> None:
    outcome = run("file-absent", params, files)
    assert outcome.state is state
    assert [(f.code, f.location.path) for f in outcome.findings if f.location] == [
        ("present", p) for p in present
    ]
    for finding in outcome.findings:
        assert finding.key == finding.location.path if finding.location else False
        assert "should not be" in rendered("file-absent", finding)


# -- file-contains -------------------------------------------------------------------

README = "# Project\n\nSome text.\n\n## Quick start\n\n```sh\nmake setup\n```\n"


def test_file_contains_passes_with_the_matching_line_as_evidence() -> None:
    outcome = run(
        "file-contains",
        {"paths": ["README.md"], "pattern": "^#+\\s*quick ?start", "flags": ["ignorecase"]},
        {"README.md": README},
    )
    assert outcome.state is State.PASS
    (ev,) = outcome.evidence
    assert ev.code == "matched"
    assert ev.location is not None
    assert (ev.location.path, ev.location.line, ev.location.column) == ("README.md", 5, 1)
    assert ev.location.snippet == "## Quick start"


@pytest.mark.parametrize(
    ("text", "pattern", "line", "column", "snippet"),
    [
        ("a\nb\nneedle\n", "needle", 3, 1, "needle"),
        ("needle", "needle", 1, 1, "needle"),
        ("x\n  make setup\n", "make", 2, 3, "  make setup"),
        ("one\r\ntwo\r\nthree needle\r\n", "needle", 3, 7, "three needle"),
        ("\n\n\n\nhere", "^here$", 5, 1, "here"),
        ("ünïcode\nünï needle", "needle", 2, 5, "ünï needle"),
    ],
)
def test_file_contains_evidence_lines(text: str, pattern: str, line: int, column: int, snippet: str) -> None:
    outcome = run("file-contains", {"paths": ["f.txt"], "pattern": pattern}, {"f.txt": text})
    (ev,) = outcome.evidence
    assert ev.location is not None
    assert (ev.location.line, ev.location.column, ev.location.snippet) == (line, column, snippet)


def test_file_contains_is_case_sensitive_without_the_flag() -> None:
    outcome = run(
        "file-contains", {"paths": ["README.md"], "pattern": "^## quick start"}, {"README.md": README}
    )
    assert outcome.state is State.FAIL
    assert codes(outcome.findings) == [("no-match", "README.md", None)]
    assert rendered("file-contains", outcome.findings[0]) == (
        "README.md has no line matching /^## quick start/"
    )


def test_file_contains_no_matching_file() -> None:
    outcome = run(
        "file-contains", {"paths": ["README.md", "README.rst"], "pattern": "x"}, {"docs/README.md": "x"}
    )
    assert outcome.state is State.FAIL
    assert codes(outcome.findings) == [("no-file", None, None)]
    assert rendered("file-contains", outcome.findings[0]) == "no file matches README.md, README.rst"


def test_file_contains_file_name_ignore_case_is_not_content_ignore_case() -> None:
    files = {"readme.md": "QUICKSTART\n"}
    params = {"paths": ["README.md"], "pattern": "quickstart", "ignore_case": True}
    assert run("file-contains", params, files).state is State.FAIL
    params["flags"] = ["ignorecase"]
    assert run("file-contains", params, files).state is State.PASS


@pytest.mark.parametrize(
    ("mode", "state", "finding_codes"),
    [("any", State.PASS, []), ("all", State.FAIL, [("no-match", "b/Makefile", None)])],
)
def test_file_contains_modes(mode: str, state: State, finding_codes: list[Any]) -> None:
    files = {"a/Makefile": "setup:\n\ttrue\n", "b/Makefile": "build:\n"}
    outcome = run("file-contains", {"paths": ["**/Makefile"], "pattern": "^setup:", "mode": mode}, files)
    assert outcome.state is state
    assert codes(outcome.findings) == finding_codes
    assert codes(outcome.evidence) == [("matched", "a/Makefile", 1)]


def test_file_contains_unreadable_files_are_named() -> None:
    files = {"a.txt": b"\x00binary", "b.txt": "y" * 100}
    outcome = run("file-contains", {"paths": ["*.txt"], "pattern": "x"}, files, max_bytes=50)
    assert outcome.state is State.FAIL
    assert codes(outcome.findings) == [("unreadable", "a.txt", None), ("unreadable", "b.txt", None)]
    assert [rendered("file-contains", f) for f in outcome.findings] == [
        "a.txt could not be read (binary)",
        "b.txt could not be read (too-large)",
    ]
    # one readable match is enough in "any" mode
    files["c.txt"] = "x"
    assert run("file-contains", {"paths": ["*.txt"], "pattern": "x"}, files, max_bytes=50).state is State.PASS


def test_file_contains_multiline_and_dotall_flags() -> None:
    files = {"f": "start\nmiddle\nend\n"}
    params: dict[str, Any] = {"paths": ["f"], "pattern": "start.*end"}
    assert run("file-contains", params, files).state is State.FAIL
    params["flags"] = ["dotall"]
    outcome = run("file-contains", params, files)
    assert outcome.state is State.PASS and outcome.evidence[0].location.line == 1  # type: ignore[union-attr]


# -- file-not-contains ---------------------------------------------------------------


def test_file_not_contains_reports_each_match_on_its_line() -> None:
    files = {
        "config/app.yml": "name: app\npassword: hunter2\nother: 1\npassword: letmein\n",
        "config/clean.yml": "password:\n",
        "README.md": "password: not-a-yaml-file\n",
    }
    outcome = run("file-not-contains", {"paths": ["**/*.yml"], "pattern": r"password:\s*\S+"}, files)
    assert outcome.state is State.FAIL
    assert codes(outcome.findings) == [("forbidden", "config/app.yml", 2), ("forbidden", "config/app.yml", 4)]
    assert outcome.findings[0].location.snippet == "password: hunter2"  # type: ignore[union-attr]
    # the key is what was found, so the two findings have different fingerprints
    assert outcome.findings[0].key != outcome.findings[1].key
    assert "forbidden pattern" in rendered("file-not-contains", outcome.findings[0])


@pytest.mark.parametrize(
    ("files", "params"),
    [
        ({"a.yml": "safe: true\n"}, {"paths": ["*.yml"], "pattern": "password"}),
        ({}, {"paths": ["*.yml"], "pattern": "password"}),
        ({"a.yml": "PASSWORD: x\n"}, {"paths": ["*.yml"], "pattern": "password"}),
        ({"a.txt": "password: x\n"}, {"paths": ["*.yml"], "pattern": "password"}),
    ],
)
def test_file_not_contains_passes(files: dict[str, str], params: dict[str, Any]) -> None:
    assert run("file-not-contains", params, files).state is State.PASS


def test_file_not_contains_ignorecase_flag() -> None:
    outcome = run(
        "file-not-contains",
        {"paths": ["*.yml"], "pattern": "password", "flags": ["ignorecase"]},
        {"a.yml": "x\nPASSWORD: x\n"},
    )
    assert codes(outcome.findings) == [("forbidden", "a.yml", 2)]


def test_file_not_contains_caps_the_number_of_findings() -> None:
    files = {f"f{i}.txt": "TODO\n" * 600 for i in range(3)}
    outcome = run("file-not-contains", {"paths": ["*.txt"], "pattern": "TODO"}, files)
    assert outcome.state is State.FAIL
    assert len(outcome.findings) == 1000


# -- document-matches ----------------------------------------------------------------

CATALOG_SCHEMA = {
    "type": "object",
    "required": ["apiVersion", "kind", "metadata", "spec"],
    "properties": {
        "kind": {"enum": ["Component", "API"]},
        "spec": {
            "type": "object",
            "required": ["owner"],
            "properties": {
                "owner": {"type": "string"},
                "tags": {"type": "array", "items": {"type": "string"}},
            },
        },
    },
}

GOOD_CATALOG = """\
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: svc
spec:
  owner: team-a
"""

BAD_CATALOG = """\
apiVersion: backstage.io/v1alpha1
kind: Service
metadata:
  name: svc
spec:
  owner: 42
  tags:
    - ok
    - 7
"""


def test_document_matches_valid() -> None:
    outcome = run(
        "document-matches",
        {"paths": ["catalog-info.yaml"], "schema": CATALOG_SCHEMA},
        {"catalog-info.yaml": GOOD_CATALOG},
    )
    assert outcome.state is State.PASS
    assert codes(outcome.evidence) == [("valid", "catalog-info.yaml", None)]


def test_document_matches_locates_schema_errors_on_their_yaml_lines() -> None:
    outcome = run(
        "document-matches",
        {"paths": ["catalog-info.yaml"], "schema": CATALOG_SCHEMA},
        {"catalog-info.yaml": BAD_CATALOG},
    )
    assert outcome.state is State.FAIL
    by_pointer = {f.args["pointer"]: f for f in outcome.findings}
    assert set(by_pointer) == {"/kind", "/spec/owner", "/spec/tags/1"}
    lines = {p: (f.location.line, f.location.column) for p, f in by_pointer.items()}  # type: ignore[union-attr]
    assert lines == {"/kind": (2, 1), "/spec/owner": (6, 3), "/spec/tags/1": (9, 7)}
    assert all(f.code == "invalid" for f in outcome.findings)
    assert rendered("document-matches", by_pointer["/spec/owner"]).startswith(
        "catalog-info.yaml at /spec/owner: 42 is not of type 'string'"
    )


def test_document_matches_missing_key_points_at_its_parent() -> None:
    text = "apiVersion: v1\nkind: API\nmetadata: {}\nspec:\n  type: openapi\n"
    outcome = run("document-matches", {"paths": ["c.yaml"], "schema": CATALOG_SCHEMA}, {"c.yaml": text})
    (finding,) = outcome.findings
    assert finding.args["pointer"] == "/spec"
    assert finding.location is not None and finding.location.line == 4
    assert "'owner' is a required property" in finding.args["error"]


def test_document_matches_json_documents_are_located_too() -> None:
    text = '{\n  "apiVersion": "v1",\n  "kind": "Component",\n  "metadata": {},\n  "spec": {"owner": 1}\n}\n'
    outcome = run("document-matches", {"paths": ["*.json"], "schema": CATALOG_SCHEMA}, {"c.json": text})
    (finding,) = outcome.findings
    assert finding.args["pointer"] == "/spec/owner"
    assert finding.location is not None and finding.location.line == 5


@pytest.mark.parametrize(
    ("path", "text", "line"),
    [
        ("bad.yaml", "a: 1\nb: [1, 2\nc: 3\n", 3),
        ("bad.yaml", "a: 1\n  b: 2\n", 2),
        ("dup.yaml", "a: 1\nb: 2\na: 3\n", 3),
        ("bad.json", '{\n  "a": 1,\n  "b": \n}\n', 4),
        ("bad.json", '{"a": 1,}', 1),
    ],
)
def test_document_matches_malformed_documents_are_located_parse_errors(
    path: str, text: str, line: int
) -> None:
    outcome = run(
        "document-matches",
        {"paths": ["*.yaml", "*.json"], "schema": {"type": "object"}},
        {path: text, "good.yaml": "a: 1\n"},
    )
    assert outcome.state is State.FAIL
    (finding,) = outcome.findings
    assert finding.code == "parse-error"
    assert finding.location is not None
    assert (finding.location.path, finding.location.line) == (path, line)
    assert finding.location.column is not None
    assert rendered("document-matches", finding).startswith(f"{path} does not parse: ")
    assert codes(outcome.evidence) == [("valid", "good.yaml", None)]


def test_document_matches_unreadable_document_is_a_parse_error() -> None:
    outcome = run("document-matches", {"paths": ["*.yaml"], "schema": {}}, {"a.yaml": b"\x00\x01"})
    (finding,) = outcome.findings
    assert finding.code == "parse-error" and "binary" in finding.args["error"]


@pytest.mark.parametrize(("required", "state"), [(True, State.FAIL), (False, State.NOT_APPLICABLE)])
def test_document_matches_without_a_file(required: bool, state: State) -> None:
    outcome = run(
        "document-matches",
        {"paths": ["slo.yaml"], "schema": {}, "required": required},
        {"other.yaml": "a: 1"},
    )
    assert outcome.state is state
    if state is State.FAIL:
        assert codes(outcome.findings) == [("no-file", None, None)]
        assert rendered("document-matches", outcome.findings[0]) == "no file matches slo.yaml"
    else:
        assert outcome.reason and "slo.yaml" in outcome.reason


def test_document_matches_ignore_case_and_yaml_dates() -> None:
    schema = {"type": "object", "properties": {"released": {"type": "string", "format": "date"}}}
    outcome = run(
        "document-matches",
        {"paths": ["SLO.yaml"], "schema": schema, "ignore_case": True},
        {"slo.YAML": "released: 2024-01-02\n"},
    )
    assert outcome.state is State.PASS
    assert codes(outcome.evidence) == [("valid", "slo.YAML", None)]


def test_document_matches_respects_the_schema_dialect() -> None:
    # draft-04 exclusiveMaximum is a boolean; under 2020-12 it would be a number
    schema = {
        "$schema": "http://json-schema.org/draft-04/schema#",
        "properties": {"n": {"maximum": 5, "exclusiveMaximum": True}},
    }
    outcome = run("document-matches", {"paths": ["a.yaml"], "schema": schema}, {"a.yaml": "n: 5\n"})
    assert outcome.state is State.FAIL

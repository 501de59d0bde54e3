"""The codeowners check types over in-memory trees: a passing and a failing case for each."""

from __future__ import annotations

from codeowners.helpers import codes, facts_for, lines, run_check
from platform_lint.families.codeowners.model import GitHubOwnersFacts, OwnerCheck
from platform_lint.families.registry import CHECK_TYPES
from platform_lint.model import State
from platform_lint.snapshot.memory import MemorySnapshot

FILES = ["src/api/a.py", "src/api/b.py", "src/web/app.ts", "docs/index.md", "README.md"]
GOOD = "* @acme/platform\n/src/api/ @acme/api\n/src/web/ @acme/web\n/docs/ @acme/docs\n"


def test_every_codeowners_type_is_registered_and_documented() -> None:
    ids = [t for t in CHECK_TYPES if t.startswith("codeowners.")]
    assert sorted(ids) == sorted(
        [
            "codeowners.present-and-valid",
            "codeowners.coverage",
            "codeowners.dead-patterns",
            "codeowners.shadowed-rules",
            "codeowners.duplicate-patterns",
            "codeowners.owners-valid",
            "codeowners.team-owners-only",
            "codeowners.catch-all",
            "codeowners.names-owners",
        ]
    )
    for check_id in ids:
        check = CHECK_TYPES[check_id]
        assert check.summary and check.why and check.remediation and check.examples
        assert check.params_schema["type"] == "object"


# -- present-and-valid ---------------------------------------------------------------


def test_present_and_valid_passes_on_a_clean_file() -> None:
    outcome = run_check("codeowners.present-and-valid", facts_for(GOOD, FILES))
    assert outcome.state is State.PASS
    assert outcome.evidence[0].args["rules"] == 4


def test_missing_file_fails() -> None:
    outcome = run_check("codeowners.present-and-valid", facts_for(None, FILES))
    assert outcome.state is State.FAIL and codes(outcome) == ["missing"]


def test_first_location_wins_and_others_are_ignored() -> None:
    facts = facts_for(
        "* @a\n",
        FILES,
        where="CODEOWNERS",
        extra={".github/CODEOWNERS": "* @b\n", "docs/CODEOWNERS": "* @c\n"},
    )
    assert facts.path == ".github/CODEOWNERS"
    assert facts.ignored == ("CODEOWNERS", "docs/CODEOWNERS")
    outcome = run_check("codeowners.present-and-valid", facts)
    assert codes(outcome) == ["ignored", "ignored"]
    assert facts_for("* @a\n", FILES, where="docs/CODEOWNERS").path == "docs/CODEOWNERS"


def test_file_of_three_megabytes_is_not_loaded() -> None:
    big = "* @a\n" + "# padding\n" * (3 * 1024 * 1024 // 10 + 1)
    facts = facts_for(big, FILES)
    assert facts.problem == "too-large" and facts.parsed is None
    outcome = run_check("codeowners.present-and-valid", facts)
    assert codes(outcome) == ["too-large"]
    assert run_check("codeowners.coverage", facts).state is State.NOT_APPLICABLE


def test_invalid_lines_fail_with_line_and_column_and_the_rest_counts() -> None:
    text = "* @acme/platform\n!docs/ @x\n/src/ @a,@b\n/docs/ @acme/docs\n"
    facts = facts_for(text, FILES)
    outcome = run_check("codeowners.present-and-valid", facts)
    assert outcome.state is State.FAIL
    assert [(f.code, f.location.line, f.location.column) for f in outcome.findings if f.location] == [
        ("negation", 2, 1),
        ("comma-separated", 3, 9),
    ]
    assert facts.rule_for("docs/index.md").line == 4  # type: ignore[union-attr]


def test_pattern_without_owners_is_a_notice_not_a_failure() -> None:
    facts = facts_for("* @acme/platform\n/docs/\n", FILES)
    outcome = run_check("codeowners.present-and-valid", facts)
    assert outcome.state is State.PASS
    assert [(f.code, f.severity, f.location.line) for f in outcome.findings if f.location] == [
        ("no-owners", "notice", 2)
    ]
    strict = run_check("codeowners.present-and-valid", facts, {"no_owner_lines": "fail"})
    assert strict.state is State.FAIL


# -- coverage ----------------------------------------------------------------------------


def test_coverage_passes_with_the_figure_as_evidence() -> None:
    outcome = run_check("codeowners.coverage", facts_for(GOOD, FILES), {"min_coverage": 1.0})
    assert outcome.state is State.PASS
    assert outcome.evidence[0].args["coverage"] == "100.0%"


def test_coverage_below_minimum_summarises_unowned_directories() -> None:
    files = [f"gen/{i}.py" for i in range(30)] + ["src/a.py", "src/b.py", "src/x/c.py", "README.md"]
    text = "/src/a.py @a\n/src/x/ @a\n"
    outcome = run_check("codeowners.coverage", facts_for(text, files), {"min_coverage": 0.5, "examples": 2})
    assert outcome.state is State.FAIL
    head = outcome.findings[0]
    assert head.code == "below" and head.args["owned"] == 2 and head.args["total"] == 35
    groups = {f.key: f.args for f in outcome.findings[1:]}
    assert groups["unowned-all:gen"]["count"] == 30
    assert len(groups["unowned-all:gen"]["examples"]) == 2
    assert groups["unowned-direct:src"]["count"] == 1
    assert groups["unowned-direct:"]["count"] == 1  # README.md
    assert groups["unowned-all:.github"]["count"] == 1


def test_coverage_counts_no_owner_rules_as_unowned_and_honours_exclude() -> None:
    files = ["apps/a.js", "apps/github/b.js", "vendor/lib.js"]
    text = "/apps/ @octocat\n/apps/github\n"
    facts = facts_for(text, files)
    outcome = run_check(
        "codeowners.coverage", facts, {"min_coverage": 0.9, "exclude": ["vendor/**", ".github/**"]}
    )
    assert outcome.findings[0].args["owned"] == 1 and outcome.findings[0].args["total"] == 2


def test_coverage_groups_are_capped() -> None:
    files = [f"d{i}/f.txt" for i in range(20)]
    outcome = run_check("codeowners.coverage", facts_for("/d0/ @a\n", files), {"max_groups": 5})
    assert codes(outcome)[-1] == "unowned-more"
    assert len(outcome.findings) == 1 + 5 + 1


# -- dead-patterns -----------------------------------------------------------------------


def test_dead_pattern_with_suggestion() -> None:
    outcome = run_check("codeowners.dead-patterns", facts_for(GOOD + "/src/wbe/ @acme/web\n", FILES))
    assert outcome.state is State.FAIL
    finding = outcome.findings[0]
    assert (finding.code, finding.location.line, finding.args["suggestion"]) == (  # type: ignore[union-attr]
        "dead-suggest",
        5,
        "/src/web/",
    )
    assert finding.key == "dead:/src/wbe/"


def test_dead_patterns_pass_and_ignore() -> None:
    assert run_check("codeowners.dead-patterns", facts_for(GOOD, FILES)).state is State.PASS
    ignored = run_check(
        "codeowners.dead-patterns", facts_for(GOOD + "/later/ @a\n", FILES), {"ignore": ["/later/"]}
    )
    assert ignored.state is State.PASS


# -- shadowed-rules ----------------------------------------------------------------------


def test_rule_shadowed_by_later_catch_all() -> None:
    text = "/src/api/ @acme/api\n/docs/ @acme/docs\n* @acme/platform\n"
    outcome = run_check("codeowners.shadowed-rules", facts_for(text, FILES))
    assert codes(outcome) == ["shadowed", "shadowed"]
    assert lines(outcome) == [1, 2]
    assert outcome.findings[0].args["later_lines"] == [3]


def test_partly_overridden_rule_is_not_shadowed() -> None:
    text = "/src/ @acme/src\n/src/api/ @acme/api\n"
    assert run_check("codeowners.shadowed-rules", facts_for(text, FILES)).state is State.PASS


# -- duplicate-patterns -------------------------------------------------------------------


def test_duplicates_including_equivalent_spellings() -> None:
    text = "/src/api/ @acme/api\nsrc/api/ @acme/core\n/docs/** @acme/docs\n/docs/ @acme/docs\n"
    outcome = run_check("codeowners.duplicate-patterns", facts_for(text, FILES))
    assert [
        (f.code, f.location.line, f.args["later_line"])
        for f in outcome.findings  # type: ignore[union-attr]
    ] == [("duplicate-lost", 1, 2), ("duplicate", 3, 4)]
    assert outcome.findings[0].args["lost"] == ["@acme/api"]


def test_unanchored_and_anchored_are_different_patterns() -> None:
    text = "docs/ @a\n/docs/ @b\n"
    assert run_check("codeowners.duplicate-patterns", facts_for(text, FILES)).state is State.PASS


# -- team-owners-only ----------------------------------------------------------------------


def test_team_owners_only() -> None:
    text = "* @acme/platform\n/docs/ @alice docs@acme.dev @release-bot\n"
    outcome = run_check("codeowners.team-owners-only", facts_for(text, FILES), {"allow": ["@release-bot"]})
    assert [
        (f.args["owner"], f.location.column)
        for f in outcome.findings  # type: ignore[union-attr]
    ] == [("@alice", 8), ("docs@acme.dev", 15)]
    assert run_check("codeowners.team-owners-only", facts_for(GOOD, FILES)).state is State.PASS


# -- catch-all -------------------------------------------------------------------------------


def test_catch_all_first_passes() -> None:
    assert run_check("codeowners.catch-all", facts_for(GOOD, FILES)).state is State.PASS


def test_catch_all_last_overrides_everything_above() -> None:
    text = "/src/ @acme/src\n/docs/ @acme/docs\n* @acme/platform\n"
    outcome = run_check("codeowners.catch-all", facts_for(text, FILES))
    assert [
        (f.code, f.location.line, f.args["overridden"])
        for f in outcome.findings  # type: ignore[union-attr]
    ] == [("not-first", 3, 2)]


def test_missing_catch_all_and_one_without_owners() -> None:
    assert codes(run_check("codeowners.catch-all", facts_for("/src/ @a\n", FILES))) == ["missing"]
    assert (
        run_check("codeowners.catch-all", facts_for("/src/ @a\n", FILES), {"require": False}).state
        is State.PASS
    )
    assert codes(run_check("codeowners.catch-all", facts_for("*\n", FILES))) == ["no-owners"]
    assert run_check("codeowners.catch-all", facts_for("**\n", FILES)).findings[0].code == "no-owners"


# -- owners-valid (facts only; the GitHub calls are tested with cassettes) --------------------


def test_owners_valid_without_token_is_not_applicable() -> None:
    gh = GitHubOwnersFacts(False, "no GitHub token: owners cannot be checked against GitHub")
    outcome = run_check("codeowners.owners-valid", facts_for(GOOD, FILES), codeowners_github=gh)
    assert outcome.state is State.NOT_APPLICABLE and "token" in (outcome.reason or "")


def test_owners_valid_flags_each_occurrence_at_the_owner_column() -> None:
    gh = GitHubOwnersFacts(
        True,
        owners=(
            OwnerCheck("@acme/platform", "team", "ok", "push"),
            OwnerCheck("@acme/api", "team", "no-write", "pull", "the team has pull permission"),
            OwnerCheck("@acme/web", "team", "missing", detail="no such team"),
            OwnerCheck("@acme/docs", "team", "unknown", detail="HTTP 403"),
        ),
    )
    outcome = run_check("codeowners.owners-valid", facts_for(GOOD, FILES), codeowners_github=gh)
    assert [
        (f.code, f.location.line, f.location.column)
        for f in outcome.findings  # type: ignore[union-attr]
    ] == [("no-write", 2, 11), ("missing", 3, 11)]
    only_unknown = GitHubOwnersFacts(True, owners=(OwnerCheck("@acme/docs", "team", "unknown"),))
    assert (
        run_check("codeowners.owners-valid", facts_for(GOOD, FILES), codeowners_github=only_unknown).state
        is State.ERROR
    )


def test_rule_for_untracked_path_and_memory_snapshot_binary() -> None:
    facts = facts_for(GOOD, FILES)
    assert facts.rule_for("src/api/new_file.py").line == 2  # type: ignore[union-attr]
    snapshot = MemorySnapshot({".github/CODEOWNERS": b"\x00\x01binary"})
    from platform_lint.families.codeowners.collect import collect_codeowners
    from platform_lint.families.collector import CollectEnv

    binary = collect_codeowners(snapshot, CollectEnv(), ())
    assert binary.problem == "binary"
    assert codes(run_check("codeowners.present-and-valid", binary)) == ["unreadable"]


# -- names-owners --------------------------------------------------------------------


def test_a_codeowners_file_counts_by_the_owners_it_names_not_by_its_name() -> None:
    tree = ["README.md", "src/a.py"]
    named = run_check(
        "codeowners.names-owners", facts_for("# reviews\n* @acme/platform\n", tree, where="CODEOWNERS")
    )
    assert named.state is State.PASS
    assert CHECK_TYPES["codeowners.names-owners"].render(named.evidence[0]) == (
        "CODEOWNERS names owners: @acme/platform (1 in all, in 1 of its rules)"
    )
    for text in ("", "# to do\n", "/src/\n"):
        assert codes(run_check("codeowners.names-owners", facts_for(text, tree))) == ["nobody"], text
    assert codes(run_check("codeowners.names-owners", facts_for(None, tree))) == ["missing"]
    # GitHub reads .github/CODEOWNERS first: a root file that names owners does not help
    both = facts_for("# nobody\n", tree, extra={"CODEOWNERS": "* @acme/platform\n"})
    assert codes(run_check("codeowners.names-owners", both)) == ["nobody"]

"""Release notes kept as fragments or written by release tooling; the version released by tags."""

from __future__ import annotations

from tests.contracts.runner import render, run_check

from platform_lint.families.registry import CHECK_TYPES
from platform_lint.model import State
from platform_lint.snapshot.memory import MemorySnapshot

TOWNCRIER_DEFAULTS = '[project]\nname = "pets"\n\n[tool.towncrier]\npackage = "pets"\n'


def _codes(files: dict[str, str], check: str = "changelog.format", **params: object) -> list[str]:
    return [f.code for f in run_check(check, params, MemorySnapshot(files)).findings]


# -- changelog.present ---------------------------------------------------------------------------


def test_missing_release_notes_is_one_finding_naming_what_was_looked_for() -> None:
    outcome = run_check("changelog.present", {}, MemorySnapshot({"README.md": "# Pets\n"}))
    assert outcome.state is State.FAIL
    [line] = render("changelog.present", outcome)
    for looked in (
        "CHANGELOG.md",
        "CHANGES.md",
        "HISTORY.md",
        "reno",
        ".changeset",
        "towncrier",
        "goreleaser",
    ):
        assert looked in line
    assert "release-please" in line and "semantic-release" in line


def test_fragments_and_release_tools_count_as_release_notes() -> None:
    cases = {
        "reno": {"releasenotes/notes/pets-by-id-0123456789abcdef.yaml": "features:\n  - Pets by id\n"},
        "changesets": {".changeset/config.json": "{}", ".changeset/a.md": '---\n"pets": minor\n---\nPets\n'},
        "towncrier": {"pyproject.toml": TOWNCRIER_DEFAULTS, "newsfragments/12.feature.md": "Pets\n"},
        "goreleaser": {".goreleaser.yml": "builds:\n  - main: .\nchangelog:\n  sort: asc\n"},
        "release-please": {"release-please-config.json": "{}", ".release-please-manifest.json": "{}"},
        "semantic-release": {
            "package.json": '{\n  "name": "pets",\n  "release": {"branches": ["main"]}\n}\n'
        },
    }
    for tool, files in cases.items():
        outcome = run_check("changelog.present", {}, MemorySnapshot(files))
        assert outcome.state is State.PASS, tool
        [evidence] = outcome.evidence
        assert evidence.args["tool"] == tool and evidence.location is not None
    goreleaser = run_check("changelog.present", {}, MemorySnapshot(cases["goreleaser"])).evidence[0]
    assert goreleaser.location is not None and goreleaser.location.line == 3  # the changelog: key
    semrel = run_check("changelog.present", {}, MemorySnapshot(cases["semantic-release"])).evidence[0]
    assert semrel.location is not None and (semrel.location.path, semrel.location.line) == ("package.json", 3)


def test_goreleaser_with_its_changelog_switched_off_is_no_release_notes() -> None:
    files = {".goreleaser.yaml": "builds:\n  - main: .\nchangelog:\n  disable: true\n"}
    assert run_check("changelog.present", {}, MemorySnapshot(files)).state is State.FAIL


def test_changeset_files_without_the_config_are_not_changesets() -> None:
    files = {".changeset/a.md": '---\n"pets": minor\n---\nPets\n'}
    assert run_check("changelog.present", {}, MemorySnapshot(files)).state is State.FAIL


# -- changelog.format over fragments -------------------------------------------------------------


def test_fragments_are_judged_by_their_tool_not_by_keep_a_changelog() -> None:
    files = {
        "CHANGELOG.md": "whatever towncrier renders\n",
        "pyproject.toml": TOWNCRIER_DEFAULTS,
        "newsfragments/12.feature.md": "Pets by id\n",
        "newsfragments/+tidy.misc.rst": "Tidy\n",
        "newsfragments/13.bugfix.1.md": "Names\n",
        "newsfragments/.gitignore": "!.gitignore\n",
        "newsfragments/template.jinja": "{{ x }}\n",
    }
    outcome = run_check("changelog.format", {}, MemorySnapshot(files))
    assert outcome.state is State.PASS, outcome.findings
    assert outcome.evidence[0].args == {"tool": "towncrier", "count": 3, "directory": "newsfragments"}
    # asking for the file by path judges the file
    assert "no-unreleased" in _codes(files, path="CHANGELOG.md")


def test_towncrier_names_and_configured_types() -> None:
    files = {
        "pyproject.toml": TOWNCRIER_DEFAULTS,
        "newsfragments/12.feature.md": "x",
        "newsfragments/12.md": "x",
    }
    outcome = run_check("changelog.format", {}, MemorySnapshot(files))
    [finding] = outcome.findings
    assert finding.code == "towncrier-bad-name" and finding.location is not None
    assert finding.location.path == "newsfragments/12.md"
    assert "feature, bugfix, doc, removal, misc" in render("changelog.format", outcome)[0]
    toml = '[tool.towncrier]\ndirectory = ".changelog"\n'
    toml += '[[tool.towncrier.type]]\ndirectory = "added"\nname = "Added"\n'
    custom = {"towncrier.toml": toml, ".changelog/5122.added": "x", ".changelog/5123.feature": "x"}
    outcome = run_check("changelog.format", {}, MemorySnapshot(custom))
    assert [f.location.path for f in outcome.findings if f.location] == [".changelog/5123.feature"]


def test_reno_notes() -> None:
    good = "prelude: >\n  A calmer release.\nfeatures:\n  - Pets by id\nfixes:\n  - Names\n"
    bad = "features:\n  - Pets by id\nfeature:\n  - typo\nfixes: {a: b}\n"
    broken = "features:\n  - [unclosed\n"
    files = {
        "releasenotes/notes/good-0123456789abcdef.yaml": good,
        "releasenotes/notes/bad-0123456789abcdef.yaml": bad,
        "releasenotes/notes/broken-0123456789abcdef.yaml": broken,
    }
    outcome = run_check("changelog.format", {}, MemorySnapshot(files))
    located = {f.code: (f.location.path, f.location.line) for f in outcome.findings if f.location}
    assert located == {
        "reno-unknown-section": ("releasenotes/notes/bad-0123456789abcdef.yaml", 3),
        "reno-bad-value": ("releasenotes/notes/bad-0123456789abcdef.yaml", 5),
        "fragment-unreadable": ("releasenotes/notes/broken-0123456789abcdef.yaml", 3),
    }
    # the configuration names the sections: "feature" is one now, "features" and "fixes" are not
    config = {"releasenotes/config.yaml": "sections:\n  - [feature, New Features]\n"}
    outcome = run_check(
        "changelog.format",
        {},
        MemorySnapshot({**config, "releasenotes/notes/bad-0123456789abcdef.yaml": bad}),
    )
    [finding] = outcome.findings
    assert (finding.code, finding.args["count"], finding.args["lines"]) == ("reno-unknown-section", 2, [1, 5])


def test_changesets() -> None:
    files = {
        ".changeset/config.json": "{}",
        ".changeset/README.md": "# Changesets\n",
        ".changeset/good.md": '---\n"@pets/api": minor\npets-ui: patch\n---\n\nPets by id\n',
        ".changeset/empty.md": "---\n---\n",
        ".changeset/bad.md": '---\n"@pets/api": huge\n---\n\nPets\n',
        ".changeset/nosummary.md": '---\n"@pets/api": patch\n---\n',
        ".changeset/nofront.md": "Pets by id\n",
    }
    outcome = run_check("changelog.format", {}, MemorySnapshot(files))
    located = {f.code: (f.location.path, f.location.line) for f in outcome.findings if f.location}
    assert located == {
        "changeset-bad-bump": (".changeset/bad.md", 2),
        "fragment-empty": (".changeset/nosummary.md", 1),
        "fragment-unreadable": (".changeset/nofront.md", 1),
    }


# -- changelog.version-match from tags -----------------------------------------------------------

CHANGELOG = (
    "# C\n\n## [Unreleased]\n\n## [v1.2.0] - 2025-03-01\n### Added\n- x\n\n"
    "## [1.1.0] - 2025-01-01\n### Added\n- y\n"
)
GO = {"CHANGELOG.md": CHANGELOG, "go.mod": "module example.com/pets\n"}


def _match(files: dict[str, str], tags: tuple[str, ...] = (), other: tuple[str, ...] = (), **params: object):  # type: ignore[no-untyped-def]
    return run_check("changelog.version-match", params, MemorySnapshot(files, tags=tags, other_tags=other))


def test_a_go_module_is_matched_against_its_tags() -> None:
    assert _match(GO, ("v1.1.0", "v1.2.0", "api/v9.0.0", "nightly")).state is State.PASS
    assert _match(GO, ("v1.1.0", "v1.2.0"), source="tags").state is State.PASS
    assert _match(GO, ("v1.1.0", "v1.2.0"), source="git-tag").state is State.PASS
    outcome = _match(GO, ("v1.2.0", "v1.3.0"))
    assert outcome.state is State.FAIL
    assert "git tag v1.3.0 says v1.3.0 (not listed at all)" in render("changelog.version-match", outcome)[0]
    ahead = _match(GO, ("v1.1.0",))
    assert "not released yet" in render("changelog.version-match", ahead)[0]
    assert _match(GO, ()).state is State.NOT_APPLICABLE
    assert _match(GO, ("v1.2.0",), source="package").state is State.NOT_APPLICABLE


def test_a_release_tagged_on_a_release_branch_counts() -> None:
    assert _match(GO, ("v1.0.0",), ("v1.1.0", "v1.2.0")).state is State.PASS
    # and an old checkout whose changelog stops where HEAD's tags stop passes too
    assert _match(GO, ("v1.2.0",), ("v1.3.0",)).state is State.PASS


def test_a_placeholder_manifest_version_falls_back_to_tags() -> None:
    files = {**GO, "pyproject.toml": '[project]\nname = "p"\nversion = "0.0.0"\n'}
    assert _match(files, ("v1.2.0",)).state is State.PASS
    assert _match(files, ("v1.2.0",), source="package").state is State.NOT_APPLICABLE


def test_the_manifest_wins_over_tags_and_commitizen_declares_a_version() -> None:
    files = {**GO, "pyproject.toml": '[tool.commitizen]\nversion = "1.2.0"\ntag_format = "v$version"\n'}
    assert _match(files, ("v1.3.0",)).state is State.PASS
    files["pyproject.toml"] = '[tool.commitizen]\nversion = "1.3.0"\n'
    assert _match(files, ("v1.2.0",)).state is State.FAIL


def test_calendar_version_tags() -> None:
    text = "# C\n\n## [Unreleased]\n\n## [2025.03.1] - 2025-03-20\n### Added\n- x\n"
    files = {"CHANGELOG.md": text}
    assert _match(files, ("2024.12.0", "2025.3.1")).state is State.PASS
    assert _match(files, ("2025.03.1", "v1.0.0"), versioning="calver").state is State.PASS


# -- changelog.unreleased-updated with fragments -------------------------------------------------


def test_a_new_fragment_is_the_entry_a_change_needs() -> None:
    base = {"pyproject.toml": TOWNCRIER_DEFAULTS, "src/pets.py": "a\n", "newsfragments/1.feature.md": "x"}
    head = {**base, "src/pets.py": "b\n", "newsfragments/2.bugfix.md": "Names\n"}
    snap = MemorySnapshot(head, refs={"base": base})
    outcome = run_check("changelog.unreleased-updated", {}, snap, snap.at_ref("base"))
    assert outcome.state is State.PASS and outcome.evidence[0].args == {"path": "newsfragments/2.bugfix.md"}
    without = MemorySnapshot({**base, "src/pets.py": "b\n"}, refs={"base": base})
    outcome = run_check("changelog.unreleased-updated", {}, without, without.at_ref("base"))
    assert outcome.state is State.FAIL and outcome.findings[0].code == "no-entry"


# -- release notes a workflow has GitHub generate --------------------------------------------------

_CHART_RELEASER = """name: Release
on:
  push:
    branches: [main]
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - name: Run chart-releaser
        uses: helm/chart-releaser-action@v1.7.0
        env:
          CR_TOKEN: "${{ secrets.GITHUB_TOKEN }}"
          CR_GENERATE_RELEASE_NOTES: true
"""


def test_a_release_workflow_that_has_github_generate_the_notes_keeps_release_notes() -> None:
    cases = {
        "chart-releaser": (".github/workflows/release.yaml", _CHART_RELEASER, 13),
        "action-gh-release": (
            ".github/workflows/publish.yml",
            "jobs:\n  r:\n    steps:\n      - uses: softprops/action-gh-release@v2\n"
            "        with:\n          generate_release_notes: true\n",
            6,
        ),
        "gh release create --generate-notes": (
            ".github/workflows/tag.yml",
            'jobs:\n  r:\n    steps:\n      - run: gh release create "$TAG" --generate-notes\n',
            4,
        ),
        "release-action": (
            ".github/workflows/r.yml",
            "jobs:\n  r:\n    steps:\n      - uses: ncipollo/release-action@v1\n        with:\n"
            "          generateReleaseNotes: true\n",
            6,
        ),
    }
    for tool, (path, text, line) in cases.items():
        outcome = run_check("changelog.present", {}, MemorySnapshot({path: text}))
        assert outcome.state is State.PASS, tool
        [evidence] = outcome.evidence
        assert evidence.args["tool"] == tool
        assert evidence.location is not None
        assert (evidence.location.path, evidence.location.line) == (path, line)
        shown = CHECK_TYPES["changelog.present"].render(evidence)
        assert shown == f"{tool} writes the notes of each GitHub Release ({path})"


def test_release_workflows_that_do_not_generate_notes_are_no_release_notes() -> None:
    key = "CR_GENERATE_RELEASE_NOTES"
    cases = {
        "switched off": _CHART_RELEASER.replace(f"{key}: true", f"{key}: false"),
        "in a comment": _CHART_RELEASER.replace(f"{key}: true", f"# {key}: true"),
        "not a workflow": None,
    }
    for case, text in cases.items():
        files = {"docs/release.yaml": _CHART_RELEASER} if text is None else {".github/workflows/r.yml": text}
        assert run_check("changelog.present", {}, MemorySnapshot(files)).state is State.FAIL, case

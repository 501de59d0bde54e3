"""adoption.release-automated reads workflows and release tools' configuration by content."""

from __future__ import annotations

from tests.docs.helpers import codes, messages, run_check

from platform_lint.model import State

CHECK = "adoption.release-automated"

_TEST_ONLY = "on: [push]\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: make test\n"


def _workflow(on: str, step: str) -> str:
    return f"on:\n{on}jobs:\n  j:\n    runs-on: x\n    steps:\n      - {step}\n"


def test_a_workflow_counts_by_what_it_runs_not_by_its_name() -> None:
    named = {".github/workflows/release.yml": _TEST_ONLY, ".github/workflows/publish.yaml": _TEST_ONLY}
    assert codes(run_check(CHECK, named)) == ["missing"]
    tools = {
        "run: goreleaser release --clean": "goreleaser",
        "uses: googleapis/release-please-action@v4": "release-please",
        "run: npx semantic-release": "semantic-release",
        "uses: changesets/action@v1": "changesets",
        "run: twine upload dist/*": "twine upload",
        "uses: pypa/gh-action-pypi-publish@release/v1": "PyPI publish",
        "run: npm publish --access public": "npm publish",
        "run: cargo publish": "cargo publish",
        "run: gh release create v1.2.3 --generate-notes": "gh release",
    }
    for step, what in tools.items():
        files = {".github/workflows/ci.yml": _workflow("  push:\n    branches: [main]\n", step)}
        outcome = run_check(CHECK, files)
        assert outcome.state is State.PASS, step
        assert messages(CHECK, outcome) == [
            f".github/workflows/ci.yml releases with {what} (on its triggers)"
        ]


def test_a_commented_out_publish_step_does_not_count() -> None:
    files = {".github/workflows/ci.yml": _TEST_ONLY + "      # - run: npm publish\n"}
    assert codes(run_check(CHECK, files)) == ["missing"]


def test_image_pushes_and_release_scripts_count_only_on_a_tag_or_release() -> None:
    push = "run: docker push ghcr.io/acme/w:${{ github.ref_name }}"
    on_main = {".github/workflows/img.yml": _workflow("  push:\n    branches: [main]\n", push)}
    assert codes(run_check(CHECK, on_main)) == ["missing"]
    on_tag = {".github/workflows/img.yml": _workflow("  push:\n    tags: ['v*']\n", push)}
    assert messages(CHECK, run_check(CHECK, on_tag)) == [
        ".github/workflows/img.yml releases with image push (on a tag)"
    ]
    script = {
        ".github/workflows/x.yml": _workflow("  release:\n    types: [published]\n", "run: scripts/publish")
    }
    assert run_check(CHECK, script).state is State.PASS


def test_a_reusable_workflow_a_release_calls_is_followed() -> None:
    files = {
        ".github/workflows/release.yml": "on:\n  release:\n    types: [published]\njobs:\n  images:\n"
        "    uses: ./.github/workflows/build.yml\n    with:\n      push: true\n",
        ".github/workflows/build.yml": _workflow(
            "  workflow_call:\n", "uses: docker/build-push-action@v6\n        with:\n          push: true"
        ),
    }
    outcome = run_check(CHECK, files)
    assert outcome.state is State.PASS
    assert "image push in .github/workflows/build.yml" in messages(CHECK, outcome)[0]


def test_release_tool_configuration_counts_by_content() -> None:
    assert run_check(CHECK, {".goreleaser.yml": "builds:\n  - main: ./cmd/w\n"}).state is State.PASS
    assert codes(run_check(CHECK, {".goreleaser.yml": "# nothing yet\n"})) == ["missing"]
    assert run_check(CHECK, {"release-please-config.json": '{"packages": {".": {}}}'}).state is State.PASS
    assert (
        run_check(CHECK, {"package.json": '{"name": "w", "release": {"branches": ["main"]}}'}).state
        is State.PASS
    )
    assert codes(run_check(CHECK, {"cliff.toml": "[changelog]\nheader = ''\n"})) == ["missing"]


def test_gitlab_release_jobs_on_tags() -> None:
    gitlab = (
        "publish:\n  script:\n    - docker push registry.example/w:$CI_COMMIT_TAG\n"
        "  rules:\n    - if: $CI_COMMIT_TAG\n"
    )
    assert run_check(CHECK, {".gitlab-ci.yml": gitlab}).state is State.PASS


def test_a_workflow_that_does_not_parse_is_read_as_text_and_never_crashes() -> None:
    broken = "on: [push\njobs:\n  j:\n    steps:\n      - run: docker push x\n"
    assert codes(run_check(CHECK, {".github/workflows/x.yml": broken})) == ["missing"]  # no trigger known
    publish = broken.replace("docker push x", "twine upload dist/*")
    assert run_check(CHECK, {".github/workflows/x.yml": publish}).state is State.PASS
    assert codes(run_check(CHECK, {".github/workflows/x.yml": "\x00\x01"})) == ["missing"]


def test_a_rehearsal_of_a_release_is_not_one() -> None:
    for step in (
        "run: npm publish --dry-run",
        "run: goreleaser release --snapshot --clean",
        "run: cargo publish --dry-run",
    ):
        files = {".github/workflows/ci.yml": _workflow("  pull_request:\n", step)}
        assert codes(run_check(CHECK, files)) == ["missing"], step


def test_an_upload_to_test_pypi_is_a_rehearsal() -> None:
    on_tag = "  push:\n    tags: ['*']\n"
    for step in (
        "run: twine upload --repository testpypi dist/*",
        "run: twine upload --repository-url https://test.pypi.org/legacy/ dist/*",
        "uses: pypa/gh-action-pypi-publish@release/v1\n        with:\n"
        "          repository-url: https://test.pypi.org/legacy/",
    ):
        files = {".github/workflows/release.yml": _workflow(on_tag, step)}
        assert codes(run_check(CHECK, files)) == ["missing"], step


def test_the_real_upload_after_a_test_pypi_one_is_the_evidence() -> None:
    workflow = (
        "on:\n  push:\n    tags: ['*']\njobs:\n  j:\n    runs-on: x\n    steps:\n"
        "      - name: to TestPyPI\n        uses: pypa/gh-action-pypi-publish@release/v1\n"
        "        with:\n          repository-url: https://test.pypi.org/legacy/\n"
        "      - name: to PyPI\n        uses: pypa/gh-action-pypi-publish@release/v1\n"
    )
    outcome = run_check(CHECK, {".github/workflows/release.yml": workflow})
    assert outcome.state is State.PASS
    lines = [f.location.line for f in outcome.evidence if f.location is not None]
    assert lines == [13]

"""`platform-lint check` end to end: verdicts, formats, exit codes, comparison with a base."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from platform_lint.cli import run
from platform_lint.families.secrets import samples
from platform_lint.resources import load_schema

NOW = "2026-12-02"


def validate_report(report: dict) -> None:
    schema = load_schema("report.schema.json")
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(report)


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


GOOD_REPO = {
    "README.md": "# Service\n\nThe service teams call to order and track hardware.\n\n## Quickstart\n\n"
    "```sh\nmake setup\n```\n",
    ".github/CODEOWNERS": "* @acme/platform\n",
    "catalog-info.yaml": "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: svc}\n"
    "spec: {type: service, owner: group:platform, lifecycle: production}\n",
    "Makefile": "setup:\n\tpip install -e .\n",
    "CONTRIBUTING.md": "# Contributing\n\nRun `make setup`, then `make test`; open a pull request that says "
    "what changed for users and why, with a line in the changelog.\n",
    "CHANGELOG.md": "# Changelog\n\n## [Unreleased]\n\n## [1.0.0] - 2026-01-01\n\n### Added\n\n- First.\n\n"
    "[Unreleased]: https://example.com/compare/v1.0.0...HEAD\n"
    "[1.0.0]: https://example.com/releases/v1.0.0\n",
    "LICENSE": "MIT\n",
    "docs/index.md": "# Docs\n",
    "docs/guide.md": "# Guide\n",
    "docs/reference.md": "# Reference\n",
    ".editorconfig": "root = true\n\n[*]\nindent_style = space\n",
    ".github/workflows/ci.yml": "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - uses: actions/checkout@v4\n      - run: make test\n",
    ".github/workflows/release.yml": "on:\n  push:\n    tags: ['v*']\njobs:\n  publish:\n"
    "    runs-on: ubuntu-latest\n    steps:\n      - run: python -m build && twine upload dist/*\n",
    ".github/dependabot.yml": "version: 2\nupdates:\n  - package-ecosystem: pip\n    directory: /\n"
    "    schedule: {interval: weekly}\n",
    "pyproject.toml": "[project]\nname = 'svc'\nversion = '1.0.0'\n",
}


def check_json(repo: Path, *extra: str) -> tuple[int, dict]:
    out = repo.parent / "report.json"
    code = run(["check", str(repo), "--now", NOW, "--format", "json", "--output", str(out), *extra])
    report = json.loads(out.read_text())
    validate_report(report)
    return code, report


def test_empty_repository_reaches_no_level_and_says_what_to_add(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    code, report = check_json(repo)
    assert code == 1
    assert report["summary"]["level"] == "none"
    assert report["summary"]["next_level"] == "bronze"
    gap_ids = {g["rule_id"] for g in report["gaps"]}
    assert {"docs.readme", "docs.license", "docs.changelog"} <= gap_ids
    assert report["policy"]["sources"] == ["builtin:recommended"]
    # every one of the nine characteristics is covered by the recommended pack
    assert len({r["characteristic"] for r in report["rules"]}) == 9


def test_well_kept_repository_reaches_silver(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    write(repo, GOOD_REPO)
    code, report = check_json(repo)
    assert report["summary"]["level"] in ("silver", "gold"), report["gaps"]
    assert code == 0  # only notices/warnings remain at most
    readme = next(r for r in report["rules"] if r["id"] == "docs.readme-quickstart")
    assert readme["state"] == "pass"
    assert readme["evidence"][0]["location"]["path"] == "README.md"
    assert readme["evidence"][0]["location"]["line"] == 5


def test_fail_on_thresholds(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    write(repo, {k: v for k, v in GOOD_REPO.items() if k != "LICENSE"})  # docs.license is a warning
    assert (
        run(["check", str(repo), "--now", NOW, "--format", "json", "--output", str(tmp_path / "r.json")]) == 0
    )
    assert (
        run(["check", str(repo), "--now", NOW, "--fail-on", "warning", "-o", str(tmp_path / "r.json")]) == 1
    )
    write(repo, {".env": f"API_TOKEN={samples.GENERIC_SECRET}\n"})  # defaults.no-committed-secrets: an error
    assert run(["check", str(repo), "--now", NOW, "-o", str(tmp_path / "r.json")]) == 1
    assert run(["check", str(repo), "--now", NOW, "--fail-on", "never", "-o", str(tmp_path / "r.json")]) == 0


def test_several_formats_in_one_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    write(repo, GOOD_REPO)
    outs = tmp_path / "out"
    code = run(
        [
            "check",
            str(repo),
            "--now",
            NOW,
            "--format",
            "text",
            "--format",
            "json",
            "--output",
            str(outs / "r.json"),
            "--format",
            "sarif",
            "--output",
            str(outs / "r.sarif"),
            "--output",
            str(outs / "r.md"),
        ]
    )
    assert code == 0
    assert "Level reached" in capsys.readouterr().out
    validate_report(json.loads((outs / "r.json").read_text()))
    sarif = json.loads((outs / "r.sarif").read_text())
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["tool"]["driver"]["name"] == "platform-lint"
    assert (outs / "r.md").read_text().lstrip().startswith(("#", "**", "<"))


def test_text_output_is_plain_when_not_a_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    run(["check", str(repo), "--now", NOW])
    out = capsys.readouterr().out
    assert "\x1b[" not in out
    assert out.index("To reach Bronze") < out.index("Clear ownership")


def test_two_formats_on_stdout_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", str(tmp_path), "--format", "text", "--format", "json"]) == 2
    assert "standard output" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "/no/such/dir"],
        ["check", ".", "--policy", "/no/such.yml"],
        ["check", ".", "--format", "xml"],
        ["check", ".", "--now", "soon"],
        ["check", ".", "--fail-on", "fatal"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(argv) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.strip()


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env
    ).stdout.strip()


def test_base_mode_fails_only_on_what_the_change_made_worse(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    write(repo, {k: v for k, v in GOOD_REPO.items() if k != "LICENSE"})
    write(repo, {"keys/old.pem": samples.PRIVATE_KEY})  # an existing error-level finding
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    base = git(repo, "rev-parse", "HEAD")
    write(repo, {"src/app.py": "print('hi')\n"})
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "harmless change")

    code, report = check_json(repo, "--base", base)
    assert report["base_ref"] == base
    secrets = next(r for r in report["rules"] if r["id"] == "defaults.no-committed-secrets")
    assert secrets["state"] == "fail" and secrets["findings"][0]["new"] is False
    assert code == 0  # nothing new
    code_all, _ = check_json(repo, "--base", base, "--fail-scope", "all")
    assert code_all == 1

    write(repo, {"deploy/.env": f"TOKEN={samples.GENERIC_SECRET}\n"})
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "adds a secret")
    code, report = check_json(repo, "--base", base)
    secrets = next(r for r in report["rules"] if r["id"] == "defaults.no-committed-secrets")
    by_path = {f["location"]["path"]: f["new"] for f in secrets["findings"]}
    assert by_path == {"keys/old.pem": False, "deploy/.env": True}
    assert report["summary"]["findings"]["new"] >= 1
    assert code == 1


def test_unknown_base_ref_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    write(repo, {"README.md": "x\n"})
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "one")
    assert run(["check", str(repo), "--base", "does-not-exist"]) == 2
    assert "no such commit" in capsys.readouterr().err


def test_waived_finding_stays_visible(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    write(repo, GOOD_REPO)
    write(
        repo,
        {
            "keys/dev.pem": samples.PRIVATE_KEY,
            ".platform-lint.yml": (
                "version: 1\nextends: [builtin:recommended]\nwaivers:\n"
                "  - rule: defaults.no-committed-secrets\n    paths: ['keys/**']\n"
                "    reason: throw-away key for the local emulator\n"
                "    approver: '@sec'\n    expires: 2026-12-10\n"
            ),
        },
    )
    code, report = check_json(repo)
    assert code == 0
    rule = next(r for r in report["rules"] if r["id"] == "defaults.no-committed-secrets")
    assert rule["state"] == "waived"
    finding = rule["findings"][0]
    assert finding["status"] == "waived"
    assert finding["waiver"] == {
        "reason": "throw-away key for the local emulator",
        "expires": "2026-12-10",
        "approver": "@sec",
    }
    kinds = {n["kind"] for n in report["notices"]}
    assert "waiver-expiring" in kinds  # 8 days left
    # after expiry it stops waiving
    code, report = check_json(repo, "--now", "2026-12-11")
    rule = next(r for r in report["rules"] if r["id"] == "defaults.no-committed-secrets")
    assert rule["state"] == "fail" and code == 1
    assert "waiver-expired" in {n["kind"] for n in report["notices"]}


def test_override_turns_rules_off_and_changes_severity(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    write(repo, {k: v for k, v in GOOD_REPO.items() if k != "LICENSE"})
    write(
        repo,
        {
            ".github/platform-lint.yml": (
                "version: 1\nextends: [builtin:recommended]\noverrides:\n"
                "  docs.license: {severity: error}\n  docs.examples: {enabled: false}\n"
            )
        },
    )
    code, report = check_json(repo)
    ids = {r["id"] for r in report["rules"]}
    assert "docs.examples" not in ids
    assert code == 1
    lic = next(r for r in report["rules"] if r["id"] == "docs.license")
    assert lic["severity"] == "error" and lic["findings"][0]["severity"] == "error"


def test_installed_package_finds_its_policies_from_another_directory(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    write(repo, {"README.md": "# x\n"})
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    src = Path(__file__).resolve().parents[2] / "src"
    import platform_lint

    if Path(platform_lint.__file__).resolve().is_relative_to(src):
        env["PYTHONPATH"] = str(src)  # running from the source tree
    proc = subprocess.run(
        [sys.executable, "-m", "platform_lint", "check", str(repo), "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)["policy"]["sources"] == ["builtin:recommended"]


def test_init_writes_a_starter_policy_that_validates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["init", str(tmp_path)]) == 0
    text = (tmp_path / ".platform-lint.yml").read_text()
    assert "builtin:recommended" in text and "# waivers:" in text
    assert run(["policy", "validate", str(tmp_path / ".platform-lint.yml")]) == 0
    assert run(["init", str(tmp_path)]) == 2  # never overwrites silently
    assert "already exists" in capsys.readouterr().err


def test_rules_and_explain(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["rules", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "ownership.codeowners-present" in out and "golden-paths" in out
    assert run(["explain", "docs.readme", "--path", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "How to fix:" in out and "developer-first-design" in out
    assert run(["explain", "docs.readm", "--path", str(tmp_path)]) == 2
    assert "did you mean docs.readme" in capsys.readouterr().err
    assert run(["explain", "file-contains", "--path", str(tmp_path)]) == 0
    assert "Params schema" in capsys.readouterr().out


def test_policy_can_name_a_builtin_pack(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    write(repo, {".platform-lint.yml": "version: 1\nrules: []\n"})  # ignored: --policy wins
    code, report = check_json(repo, "--policy", "builtin:recommended")
    assert report["policy"]["sources"] == ["builtin:recommended"] and code == 1
    assert run(["check", str(repo), "--policy", "builtin:strictest"]) == 2
    assert "unknown built-in policy" in capsys.readouterr().err


def test_multi_document_catalog_is_read_document_by_document(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    write(
        repo,
        {
            "catalog-info.yaml": (
                "apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: {name: all}\n"
                "spec: {targets: [./a.yaml]}\n---\n"
                "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: svc}\n"
                "spec: {type: service, lifecycle: production}\n"
            )
        },
    )
    _, report = check_json(repo)
    rule = next(r for r in report["rules"] if r["id"] == "ownership.catalog-owner")
    assert rule["state"] == "fail"
    (finding,) = rule["findings"]
    assert finding["location"]["path"] == "catalog-info.yaml" and finding["location"]["line"] == 9
    assert "document 2" in finding["message"] and "owner" in finding["message"]
    write(
        repo,
        {
            "catalog-info.yaml": (repo / "catalog-info.yaml")
            .read_text()
            .replace("lifecycle: production}", "lifecycle: production, owner: group:platform}")
        },
    )
    _, report = check_json(repo)
    rule = next(r for r in report["rules"] if r["id"] == "ownership.catalog-owner")
    assert rule["state"] == "pass"


def test_check_and_publish_give_the_same_verdict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    write(repo, {k: v for k, v in GOOD_REPO.items() if k != "LICENSE"})  # docs.license: a warning
    write(repo, {"keys/old.pem": samples.PRIVATE_KEY})  # an error-level finding, already there
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    base = git(repo, "rev-parse", "HEAD")
    write(repo, {"deploy/.env": f"TOKEN={samples.GENERIC_SECRET}\n"})  # a new error-level finding
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "change")
    report = tmp_path / "report.json"
    cases = [(fail_on, scope) for fail_on in ("error", "warning", "never") for scope in ("new", "all")]
    for fail_on, scope in cases:
        argv = ["--fail-on", fail_on, "--fail-scope", scope]
        checked = run(["check", str(repo), "--now", NOW, "--base", base, "-o", str(report), *argv])
        published = run(["publish", "--report", str(report), "--no-check-run", "--comment", "off", *argv])
        assert checked == published == (0 if fail_on == "never" else 1), (fail_on, scope)
    # once the new secret is gone, only the existing one is left: scope decides
    (repo / "deploy/.env").unlink()
    git(repo, "commit", "-q", "-am", "drop it")
    for scope, expected in (("new", 0), ("all", 1)):
        argv = ["--fail-scope", scope]
        assert run(["check", str(repo), "--now", NOW, "--base", base, "-o", str(report), *argv]) == expected
        assert run(["publish", "--report", str(report), "--no-check-run", "--scope", scope]) == expected
    capsys.readouterr()


def test_github_formats_from_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    write(repo, GOOD_REPO)
    outs = tmp_path / "out"
    argv = ["check", str(repo), "--now", NOW, "--fail-on", "never"]
    argv += ["--format", "github-summary", "-o", str(outs / "summary.md"), "-o", str(outs / "badge.svg")]
    assert run([*argv, "--format", "pr-comment"]) == 0
    comment = capsys.readouterr().out
    assert comment.startswith("<!-- platform-lint:report -->") and "`fail-on: never`" in comment
    summary = (outs / "summary.md").read_text(encoding="utf-8")
    assert summary.startswith("**✅ Not failing:** `fail-on: never`") and "### Characteristics" in summary
    assert (outs / "badge.svg").read_text(encoding="utf-8").startswith("<svg ")

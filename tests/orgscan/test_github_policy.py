"""The org policy (platform-lint.yml in ORG/.github) and each repository's own policy on top."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest

from orgscan.github_fakes import NOW, FileRemote, bare_repo, fixed_source, manifest, statuses
from orgscan.helpers import BARE
from platform_lint.orgscan.org_policy import fetch_org_policy
from platform_lint.orgscan.runner import ScanOptions, run_scan

ORG_POLICY = """version: 1
extends: [builtin:recommended]
overrides:
  ownership.codeowners-present:
    severity: notice
"""

OWN_POLICY = """version: 1
extends: [builtin:recommended]
overrides:
  ownership.catalog-owner:
    enabled: false
"""


def _rules(out: Path, repo: str) -> dict[str, dict[str, Any]]:
    entry = next(e for e in manifest(out)["repositories"] if e["repo"] == repo)
    report = json.loads((out / entry["report"]).read_text(encoding="utf-8"))
    return {"sources": report["policy"]["sources"], **{r["id"]: r for r in report["rules"]}}


def _scan(root: Path, out: Path, names: list[str]) -> str:
    remote = FileRemote(root)
    org_policy = fetch_org_policy(remote, "acme", out)
    assert org_policy is not None
    options = ScanOptions(
        out=out,
        policy=str(org_policy.path),
        policy_label=org_policy.label,
        repo_policies=True,
        now=dt.datetime.fromisoformat(NOW),
    )
    run_scan(fixed_source(remote, names), options, io.StringIO())
    return org_policy.label


@pytest.fixture
def org(tmp_path: Path) -> Path:
    root = tmp_path / "server"
    bare_repo(
        root, "acme/.github", {"platform-lint.yml": ORG_POLICY, "README.md": "# acme\n"}, tmp_path / "w"
    )
    bare_repo(root, "acme/api", {**BARE, ".platform-lint.yml": OWN_POLICY}, tmp_path / "w")
    bare_repo(root, "acme/web", BARE, tmp_path / "w")
    bare_repo(
        root, "acme/broken", {**BARE, ".platform-lint.yml": "version: 1\nrules: [oops\n"}, tmp_path / "w"
    )
    bare_repo(
        root,
        "acme/local",
        {**BARE, ".platform-lint.yml": "version: 1\nextends: [./more.yml]\n"},
        tmp_path / "w",
    )
    return root


def test_the_org_policy_is_the_base_and_a_repository_policy_applies_on_top(org: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    label = _scan(org, out, ["acme/api", "acme/web"])
    assert label.startswith("acme/.github:platform-lint.yml@") and len(label.rsplit("@", 1)[1]) == 12
    assert manifest(out)["policy"] == label
    web = _rules(out, "acme/web")
    api = _rules(out, "acme/api")
    assert web["sources"] == ["builtin:recommended", label]  # which policies applied, in order
    assert api["sources"] == ["builtin:recommended", label, "acme/api:.platform-lint.yml"]
    assert web["ownership.codeowners-present"]["severity"] == "notice"  # the org's override
    assert api["ownership.codeowners-present"]["severity"] == "notice"  # kept under the repository's
    assert "ownership.catalog-owner" in web and "ownership.catalog-owner" not in api  # the repository's


def test_a_broken_repository_policy_fails_that_repository_with_its_location(
    org: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    _scan(org, out, ["acme/broken", "acme/local", "acme/web"])
    assert statuses(out) == {"acme/broken": "failed", "acme/local": "failed", "acme/web": "scanned"}
    reasons = {e["repo"]: e["reason"] for e in manifest(out)["repositories"]}
    assert reasons["acme/broken"].startswith("its policy file .platform-lint.yml: ")
    assert "acme/broken:.platform-lint.yml" in reasons["acme/broken"]
    assert (
        "extends './more.yml': a policy composed on top of another can extend only built-in packs"
        in reasons["acme/local"]
    )


def test_no_github_repository_means_no_org_policy(tmp_path: Path) -> None:
    root = tmp_path / "server"
    bare_repo(root, "acme/web", BARE, tmp_path / "w")
    assert fetch_org_policy(FileRemote(root), "acme", tmp_path / "out") is None
    bare_repo(root, "acme/.github", {"README.md": "# no policy here\n"}, tmp_path / "w")
    assert fetch_org_policy(FileRemote(root), "acme", tmp_path / "out") is None

"""The organisation's own policy: ``platform-lint.yml`` in its ``.github`` repository.

Read at the default branch's head through git (``ls-remote``, then a shallow clone of
``ORG/.github``): no REST request. The file is kept in ``OUT/state/org-policy.yml`` and becomes
the scan's policy when ``--policy`` is not given, named ``ORG/.github:platform-lint.yml@SHA`` in
the manifest and in every report's ``policy.sources``. It may extend built-in packs only (it
has no folder around it in the scan). It is trusted as the platform team's; each repository's
own ``.platform-lint.yml`` is then composed on top of it (:func:`scan.with_own_policy`).
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from platform_lint.errors import GitHubError
from platform_lint.orgscan.files import write_atomic
from platform_lint.orgscan.remote import Remote, git_env, remote_head, shallow_clone
from platform_lint.orgscan.source import RepoFailure, RepoSkipped
from platform_lint.policy.loader import MAX_POLICY_BYTES

NAMES = ("platform-lint.yml", "platform-lint.yaml")
SAVED = "state/org-policy.yml"


@dataclass(frozen=True)
class OrgPolicy:
    path: Path  # the saved copy
    label: str  # ORG/.github:platform-lint.yml@SHA12


def fetch_org_policy(remote: Remote, org: str, out: Path) -> OrgPolicy | None:
    """The org policy, or None when ``ORG/.github`` or the file does not exist."""
    full_name = f"{org}/.github"
    try:
        head = remote_head(remote, full_name, None)
    except RepoSkipped:
        return None
    except RepoFailure as exc:
        if "not found" in str(exc).lower() or "does not appear to be a git repository" in str(exc):
            return None
        raise GitHubError(f"reading {full_name} for the org policy: {exc}") from None
    with tempfile.TemporaryDirectory(prefix="platform-lint-org-policy-") as tmp:
        try:
            git_dir = shallow_clone(remote, full_name, head, Path(tmp) / "repo.git", MAX_POLICY_BYTES)
        except RepoFailure as exc:
            raise GitHubError(f"reading {full_name} for the org policy: {exc}") from None
        for name in NAMES:
            proc = subprocess.run(
                ["git", "-C", str(git_dir), "cat-file", "blob", f"{head.commit}:{name}"],
                capture_output=True,
                env={**git_env(remote), "GIT_NO_LAZY_FETCH": "1"},
                check=False,
                timeout=60,
            )
            if proc.returncode != 0:
                continue
            if len(proc.stdout) > MAX_POLICY_BYTES:
                raise GitHubError(f"{full_name}:{name} is larger than {MAX_POLICY_BYTES:,} bytes")
            text = proc.stdout.decode("utf-8", "replace")
            target = out / SAVED
            write_atomic(target, text)
            return OrgPolicy(target.resolve(), f"{full_name}:{name}@{head.commit[:12]}")
    return None

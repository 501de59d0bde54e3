"""The facts of the codeowners family, by key (their types are in ``model``).

``CODEOWNERS``: the file GitHub would use, parsed, and the rule deciding each tracked
file. ``CODEOWNERS_GITHUB``: GitHub's own verdict on the file and whether each owner
can review (asked only when the run has a GitHub client).
"""

from __future__ import annotations

from typing import Any

from platform_lint.families.codeowners.collect import collect_codeowners, collect_codeowners_github
from platform_lint.families.codeowners.model import CodeownersFacts, GitHubOwnersFacts
from platform_lint.families.collector import FactKey

__all__ = ["CODEOWNERS", "CODEOWNERS_GITHUB", "FACTS", "CodeownersFacts", "GitHubOwnersFacts"]

CODEOWNERS: FactKey[CodeownersFacts] = FactKey(
    "codeowners",
    "the CODEOWNERS file GitHub uses, parsed, and the rule deciding each file",
    collect_codeowners,
)
CODEOWNERS_GITHUB: FactKey[GitHubOwnersFacts] = FactKey(
    "codeowners-github",
    "GitHub's errors for the CODEOWNERS file and each owner's access (needs a token)",
    collect_codeowners_github,
)

FACTS: tuple[FactKey[Any], ...] = (CODEOWNERS, CODEOWNERS_GITHUB)

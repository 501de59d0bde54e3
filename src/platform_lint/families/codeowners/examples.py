"""Runnable examples of the codeowners family's check types (docs, ``explain`` and a registry test).

Each is a small repository whose ``.github/CODEOWNERS`` shows one thing the check type
looks for; the other files are there to be owned.
"""

from __future__ import annotations

from collections.abc import Mapping

from platform_lint.families.check_type import Example
from platform_lint.families.codeowners.api import OWNERS_API, StaticOwnersApi
from platform_lint.model import State

_TREE = {
    "README.md": "# Payments\n",
    "services/billing/api.py": "x = 1\n",
    "services/ledger/book.py": "x = 1\n",
    "docs/index.md": "# Docs\n",
}

GOOD = """\
* @acme/platform
/services/billing/ @acme/billing
/services/ledger/ @acme/ledger
/docs/ @acme/docs
"""


def _repo(codeowners: str, **more: str) -> Mapping[str, str]:
    return {**_TREE, ".github/CODEOWNERS": codeowners, **more}


PRESENT_AND_VALID = (
    Example("One valid CODEOWNERS in .github/", _repo(GOOD), State.PASS, ("valid",)),
    Example(
        "A negation line GitHub skips, and a second file it ignores",
        _repo(GOOD + "!/services/legacy/ @acme/legacy\n", CODEOWNERS="* @acme/old-team\n"),
        State.FAIL,
        ("ignored", "negation", "valid"),
    ),
    Example("No CODEOWNERS anywhere GitHub looks", dict(_TREE), State.FAIL, ("missing",)),
    Example(
        "No CODEOWNERS, and another rule judges whether there is one",
        dict(_TREE),
        State.NOT_APPLICABLE,
        params={"missing": "not-applicable"},
    ),
)

NAMES_OWNERS = (
    Example("A CODEOWNERS that names the owning teams", _repo(GOOD), State.PASS, ("names",)),
    Example(
        "A CODEOWNERS of comments only",
        _repo("# owners to be decided\n# * @acme/platform\n"),
        State.FAIL,
        ("nobody",),
    ),
    Example("No CODEOWNERS where GitHub looks", dict(_TREE), State.FAIL, ("missing",)),
)

COVERAGE = (
    Example(
        "Every file has an owner",
        _repo(
            "/services/ @acme/backend\n/docs/ @acme/docs\n/README.md @acme/docs\n/.github/ @acme/platform\n"
        ),
        State.PASS,
        ("coverage",),
        params={"min_coverage": 0.9},
    ),
    Example(
        "Three of four files have no owner (CODEOWNERS itself excluded)",
        _repo("/services/billing/ @acme/billing\n"),
        State.FAIL,
        ("below", "unowned-direct", "unowned-all", "unowned-all"),
        params={"min_coverage": 0.9, "exclude": [".github/**"]},
    ),
)

DEAD_PATTERNS = (
    Example("Every pattern matches a file", _repo(GOOD), State.PASS),
    Example(
        "A mistyped directory matches nothing",
        _repo(GOOD + "/services/ledgre/ @acme/ledger\n"),
        State.FAIL,
        ("dead-suggest",),
    ),
)

SHADOWED_RULES = (
    Example("The catch-all comes first, so every rule decides something", _repo(GOOD), State.PASS),
    Example(
        "A catch-all at the end takes every file from the rules above it",
        _repo("/services/billing/ @acme/billing\n/docs/ @acme/docs\n* @acme/platform\n"),
        State.FAIL,
        ("shadowed", "shadowed"),
    ),
)

DUPLICATE_PATTERNS = (
    Example("Each pattern once", _repo(GOOD), State.PASS),
    Example(
        "The same directory twice: the first line's owners are dropped",
        _repo(GOOD + "services/billing/ @acme/payments\n"),
        State.FAIL,
        ("duplicate-lost",),
    ),
)

_GITHUB = StaticOwnersApi(
    teams={
        "acme/platform": "push",
        "acme/billing": "maintain",
        "acme/readers": "pull",
        "acme/outsiders": None,
    },
    users={"alice": "write"},
)

OWNERS_VALID = (
    Example(
        "GitHub says every owner can approve",
        _repo("* @acme/platform\n/services/billing/ @acme/billing @alice\n"),
        State.PASS,
        ("checked",),
        clients={OWNERS_API: _GITHUB},
    ),
    Example(
        "GitHub says one team may only read, one has no access and one does not exist",
        _repo("* @acme/platform\n/services/ @acme/readers @acme/outsiders\n/docs/ @acme/ghost\n"),
        State.FAIL,
        ("no-write", "no-access", "missing", "checked"),
        clients={OWNERS_API: _GITHUB},
    ),
    Example(
        "Without a GitHub token the owners cannot be asked about",
        _repo(GOOD),
        State.NOT_APPLICABLE,
    ),
)

TEAM_OWNERS_ONLY = (
    Example(
        "Teams own everything; the release bot is allowed",
        _repo(GOOD + "/CHANGELOG.md @release-bot\n", **{"CHANGELOG.md": "# Changelog\n"}),
        State.PASS,
        params={"allow": ["@release-bot"]},
    ),
    Example(
        "A person owns the ledger",
        _repo(GOOD.replace("@acme/ledger", "@alice")),
        State.FAIL,
        ("individual",),
        params={"allow": ["@release-bot"]},
    ),
)

CATCH_ALL = (
    Example("A catch-all with an owner on the first line", _repo(GOOD), State.PASS, ("found",)),
    Example(
        "The catch-all is the last line",
        _repo("/services/billing/ @acme/billing\n* @acme/platform\n"),
        State.FAIL,
        ("not-first", "found"),
        params={"require": True},
    ),
)

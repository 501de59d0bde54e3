"""Evidence that more than one family reads: released versions and the changelog.

Families never import each other; what two of them need (the contracts diff asks for a
changelog entry and a version bump, the changelog checks compare versions) lives here.
This package defines the keys of those facts (``facts.py``) and no check type of its own.
"""

from platform_lint.families.family import Family
from platform_lint.families.shared.facts import FACTS

FAMILY = Family(
    name="shared",
    summary="facts read by several families: the changelog, source digests, the package version",
    facts=FACTS,
    check_types=(),
)

"""What a family is: everything about one kind of evidence, exported as one value.

Each family package (``families/<name>/``) exports ``FAMILY``; the list of families
is ``families.registry``. The shared layers (engine, policy, reports) reach check
types and collectors only through that registry and know no family by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from platform_lint.families.check_type import CheckType
from platform_lint.families.collector import FactKey


@dataclass(frozen=True)
class Family:
    """One kind of evidence: its collectors (by fact key: I/O, parsing) and check types (pure judgement)."""

    name: str
    summary: str
    facts: tuple[FactKey[Any], ...]
    check_types: tuple[CheckType, ...]

"""The domain vocabulary shared by every layer: locations, findings, outcomes.

Everything here is a frozen dataclass. Collectors produce facts, check types turn
facts into an :class:`Outcome`, evaluation turns outcomes into rule results.
A :class:`Finding` never renders itself: it carries a message id and arguments,
and the reporters look the words up in the check type's message catalogue.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

CHARACTERISTICS: tuple[str, ...] = (
    "clear-ownership",
    "developer-first-design",
    "self-service",
    "stable-contracts",
    "opinionated-defaults",
    "observable-by-design",
    "measured-adoption",
    "versioned-documented",
    "golden-paths",
)

CHARACTERISTIC_TITLES: Mapping[str, str] = {
    "clear-ownership": "Clear ownership",
    "developer-first-design": "Developer-first design",
    "self-service": "Self-service",
    "stable-contracts": "Stable contracts",
    "opinionated-defaults": "Opinionated defaults",
    "observable-by-design": "Observable by design",
    "measured-adoption": "Measured adoption",
    "versioned-documented": "Versioned & documented",
    "golden-paths": "Golden paths",
}

JOURNEYS: tuple[str, ...] = ("discover", "evaluate", "onboard", "build", "scale", "advocate")
"""The stages of a developer's journey with a platform, in order: finding it, judging whether it
fits, getting started, building on it day to day, growing with it, recommending it."""

JOURNEY_TITLES: Mapping[str, str] = {
    "discover": "Discover",
    "evaluate": "Evaluate",
    "onboard": "Onboard",
    "build": "Build",
    "scale": "Scale",
    "advocate": "Advocate",
}

REPO_KINDS: tuple[str, ...] = (
    "service",
    "library",
    "cli",
    "template-collection",
    "spec-repository",
    "infrastructure",
)
"""What a repository is, as far as rules care (``applies_to``); ``unknown`` when nothing tells."""

LEVELS: tuple[str, ...] = ("bronze", "silver", "gold")
"""Rule levels, lowest first. The overall level may also be ``none``."""

SEVERITIES: tuple[str, ...] = ("notice", "warning", "error")
"""Finding severities, lowest first."""


def severity_rank(severity: str) -> int:
    """Order severities: notice < warning < error."""
    return SEVERITIES.index(severity)


def level_rank(level: str) -> int:
    """Order levels: none < bronze < silver < gold."""
    return 0 if level == "none" else LEVELS.index(level) + 1


class State(str, enum.Enum):
    """What a rule concluded."""

    PASS = "pass"
    FAIL = "fail"
    NOT_APPLICABLE = "not-applicable"
    WAIVED = "waived"
    ERROR = "error"


@dataclass(frozen=True)
class Location:
    """A place in the repository, good enough for SARIF and GitHub annotations.

    ``path`` is POSIX and relative to the repository root. Lines and columns are
    1-based; ``None`` means unknown (a whole-file location).
    """

    path: str
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    snippet: str | None = None

    def __str__(self) -> str:
        text = self.path
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        return text


@dataclass(frozen=True)
class Finding:
    """One thing a check found, failing or passing evidence.

    ``code`` names a message in the check type's catalogue; ``args`` fill it in.
    ``key`` is the stable part of the fingerprint (what was found, never a line
    number), so a finding is recognised across commits. ``severity`` overrides
    the rule's severity for this finding only (e.g. a warning-level contract
    change under an error-level rule).
    """

    code: str
    args: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=True)
    location: Location | None = None
    key: str = ""
    severity: str | None = None


@dataclass(frozen=True)
class Outcome:
    """What one check type concluded for one rule.

    ``findings`` are the failures (state FAIL) or the notes; ``evidence`` is what
    made a rule pass. ``reason`` explains NOT_APPLICABLE and ERROR states.
    """

    state: State
    findings: tuple[Finding, ...] = ()
    evidence: tuple[Finding, ...] = ()
    reason: str | None = None

    @staticmethod
    def passed(*evidence: Finding) -> Outcome:
        return Outcome(State.PASS, evidence=tuple(evidence))

    @staticmethod
    def failed(*findings: Finding, evidence: tuple[Finding, ...] = ()) -> Outcome:
        return Outcome(State.FAIL, findings=tuple(findings), evidence=evidence)

    @staticmethod
    def not_applicable(reason: str) -> Outcome:
        return Outcome(State.NOT_APPLICABLE, reason=reason)

    @staticmethod
    def error(reason: str, *findings: Finding) -> Outcome:
        return Outcome(State.ERROR, findings=tuple(findings), reason=reason)

    @staticmethod
    def evidence_first(evidence: list[Finding], problems: list[Finding], shown: int = 5) -> Outcome:
        """PASS with the first ``shown`` pieces of evidence when there is any; otherwise FAIL with
        the problems found on the way, or with one ``missing`` finding when there were none."""
        if evidence:
            return Outcome(State.PASS, evidence=tuple(evidence[:shown]))
        return Outcome(State.FAIL, findings=tuple(problems) or (Finding("missing", {}, key="missing"),))

    @staticmethod
    def from_findings(findings: list[Finding] | tuple[Finding, ...], *evidence: Finding) -> Outcome:
        """FAIL when there is any finding, otherwise PASS with the evidence."""
        if findings:
            return Outcome(State.FAIL, findings=tuple(findings), evidence=tuple(evidence))
        return Outcome(State.PASS, evidence=tuple(evidence))

"""The result of one run: what every reporter and publisher renders.

``RunResult`` is built by ``evaluate`` from rule outcomes and the policy. It is
plain frozen data; nothing here does I/O.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from platform_lint.model import Finding, Location, State
from platform_lint.policy.model import Rule, Waiver
from platform_lint.snapshot.kind import RepoKind
from platform_lint.snapshot.scope import ScopeSummary
from platform_lint.verdict import is_new


@dataclass(frozen=True)
class FindingResult:
    """A finding as reported: the rendered message, its fingerprint and its status.

    ``status`` is ``open`` (counts against the level), ``waived`` or ``note``
    (evidence or information that does not count). ``new`` is True/False in
    comparison mode (introduced by the change or already there), None otherwise.
    """

    rule_id: str
    finding: Finding
    message: str
    severity: str
    fingerprint: str
    status: str = "open"
    waiver: Waiver | None = None
    new: bool | None = None

    @property
    def location(self) -> Location | None:
        return self.finding.location


@dataclass(frozen=True)
class RuleResult:
    rule: Rule
    state: State
    findings: tuple[FindingResult, ...] = ()
    evidence: tuple[FindingResult, ...] = ()
    reason: str | None = None


@dataclass(frozen=True)
class CharacteristicScore:
    characteristic: str
    score: float | None  # 0..100, None when no rule applied
    passed: int
    failed: int
    waived: int
    not_applicable: int
    errors: int
    level: str


@dataclass(frozen=True)
class Notice:
    """Something the run wants the user to know that is not a finding (e.g. a waiver expiring)."""

    kind: str  # waiver-expiring | waiver-expired | waiver-unused | base-unavailable | ...
    message: str
    location: Location | None = None


@dataclass(frozen=True)
class TemplateOrigin:
    """A record, in the repository's product, of the template it was generated from."""

    kind: str  # cruft, copier-answers, backstage-annotation, projen
    path: str
    line: int
    template: str  # URL, path or entity reference as recorded ('' when not recorded)
    commit: str  # the recorded commit, tag or describe string ('' when none)


@dataclass(frozen=True)
class RunResult:
    target: str
    policy_sources: tuple[str, ...]
    rules: tuple[RuleResult, ...]
    characteristics: tuple[CharacteristicScore, ...]
    level: str
    next_level: str | None
    gaps: tuple[RuleResult, ...]  # what is missing for the next level
    score: float
    generated_at: dt.datetime  # the run's clock (RunContext.now), never read here
    notices: tuple[Notice, ...] = ()
    base_ref: str | None = None
    tool_version: str = ""
    on_error: str | None = None  # --on-error: whether rules in error fail the gate
    kind: RepoKind | None = None  # what the repository is (rules' applies_to)
    scope: ScopeSummary | None = None  # what was judged as its product, what was left out
    origins: tuple[TemplateOrigin, ...] | None = None  # None: not read (the collector failed)

    def open_findings(self, *, new_only: bool = False) -> list[FindingResult]:
        """Open findings; with ``new_only`` those :func:`platform_lint.verdict.is_new` counts."""
        return [
            f for r in self.rules for f in r.findings if f.status == "open" and (not new_only or is_new(f))
        ]

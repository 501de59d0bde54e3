"""The policy as the engine uses it: frozen rules, waivers and settings.

The YAML format (``version: 1``) is described by ``schemas/policy.schema.json``;
``policy.loader`` validates and composes files into a :class:`Policy`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from platform_lint.model import Location
from platform_lint.snapshot.scope import ScopeSettings


@dataclass(frozen=True)
class Condition:
    """When a rule applies. Every given clause must hold.

    ``any_file``: at least one file matches one of these globs.
    ``no_file``: no file matches any of these globs.
    """

    any_file: tuple[str, ...] = ()
    no_file: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.any_file or self.no_file)


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    characteristic: str
    level: str
    severity: str
    check_type: str
    params: Mapping[str, Any] = field(hash=False)
    remediation: str
    docs: str | None = None
    when: Condition = field(default_factory=Condition)
    weight: float = 1.0
    enabled: bool = True
    source: Location | None = None
    applies_to: tuple[str, ...] = ()  # repository kinds (model.REPO_KINDS); empty: every kind
    journey: str | None = None  # the developer-journey stage the rule serves (model.JOURNEYS)


@dataclass(frozen=True)
class Waiver:
    rule: str
    reason: str
    expires: dt.date
    paths: tuple[str, ...] = ()
    approver: str | None = None
    source: Location | None = None


@dataclass(frozen=True)
class Settings:
    max_waiver_days: int = 180
    waiver_warning_days: int = 14
    docs_url: str = "https://github.com/platform-lint/platform-lint/blob/main/docs/rules.md"


@dataclass(frozen=True)
class Policy:
    rules: tuple[Rule, ...]
    waivers: tuple[Waiver, ...] = ()
    settings: Settings = field(default_factory=Settings)
    sources: tuple[str, ...] = ()
    scope: ScopeSettings = field(default_factory=ScopeSettings)
    kind: str | None = None  # the repository kind the policy declares, instead of detecting it

    @property
    def enabled_rules(self) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.enabled)

    def rule(self, rule_id: str) -> Rule | None:
        for r in self.rules:
            if r.id == rule_id:
                return r
        return None

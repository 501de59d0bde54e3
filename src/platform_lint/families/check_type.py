"""What a check type is: a pure function from facts and params to an Outcome.

A check type carries its own documentation (summary, why, example, remediation),
its params JSON Schema, the facts it needs (by :class:`FactKey`) and the message
catalogue its findings use. ``families.registry`` lists them explicitly; the policy
schema and ``platform-lint explain`` are built from these fields.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from platform_lint.families.collector import FactKey, FactRequest, Facts
from platform_lint.model import Finding, Outcome


@dataclass(frozen=True)
class RunContext:
    """What a check may know about the run besides facts: the clock and the pull request.

    ``now`` is the run's clock (checks never read the system clock). ``labels`` are
    the pull request's labels when known (``label_actors``: who added each);
    ``base_ref`` is set in comparison mode.
    """

    now: dt.datetime
    base_ref: str | None = None
    labels: tuple[str, ...] = ()
    label_actors: Mapping[str, str] = field(default_factory=dict)

    @property
    def today(self) -> dt.date:
        return self.now.date()


@dataclass(frozen=True)
class CheckInput:
    """Everything a check function sees."""

    facts: Facts
    params: Mapping[str, Any]
    context: RunContext
    base_facts: Facts | None = None


CheckFn = Callable[[CheckInput], Outcome]
NeedsFn = Callable[[Mapping[str, Any]], tuple[FactRequest[Any], ...]]


@dataclass(frozen=True)
class CheckType:
    """A registered check type. ``id`` is stable and namespaced (``codeowners.coverage``)."""

    id: str
    summary: str
    why: str
    params_schema: Mapping[str, Any]
    run: CheckFn
    messages: Mapping[str, str]
    remediation: str
    example: str
    needs: tuple[FactKey[Any], ...] | NeedsFn = ()
    uses_base: bool = False
    requires_base: bool = False  # without a base the rule is not applicable (nothing collected)
    lifecycle: str = "stable"  # experimental | stable | deprecated

    def fact_requests(self, params: Mapping[str, Any]) -> tuple[FactRequest[Any], ...]:
        """The facts to collect for these params (keys without arguments, or the needs function's)."""
        if callable(self.needs):
            return self.needs(params)
        return tuple(FactRequest(key) for key in self.needs)

    def render(self, finding: Finding) -> str:
        """The finding's message in words (reporters call this; findings never render)."""
        template = self.messages.get(finding.code)
        if template is None:
            return f"{finding.code}: {dict(finding.args)}"
        return template.format_map(_Args(finding.args))


class _Args(dict[str, Any]):
    """format_map helper: lists read as 'a, b', a missing argument stays visible."""

    def __init__(self, args: Mapping[str, Any]) -> None:
        super().__init__({k: _show(v) for k, v in args.items()})

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _show(value: Any) -> Any:
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(str(v) for v in value)
    return value

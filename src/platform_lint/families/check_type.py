"""What a check type is: a pure function from facts and params to an Outcome.

A check type carries its own documentation (summary, why, remediation, runnable
examples), its params JSON Schema, the facts it needs (by :class:`FactKey`) and the
message catalogue its findings use. ``families.registry`` lists them explicitly; the
policy schema, ``platform-lint explain`` and docs/rules.md are built from these fields,
and tests/checks/test_registry.py runs every example through the engine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from platform_lint.families.collector import ClientKey, FactKey, FactRef, FactRequest, Facts
from platform_lint.model import Finding, Outcome, State

INTERNAL_ERROR = "internal-error"
"""The code of the finding the engine makes of a collector or check that raised (fail closed)."""

ENGINE_MESSAGES: Mapping[str, str] = {
    INTERNAL_ERROR: "platform-lint failed on {path} while {stage} ({error}), so the rule cannot "
    "pass: fix or remove what is wrong with the file, or report the failure to platform-lint if "
    "the file is sound",
}
"""Messages of the findings the engine makes itself, for every check type."""


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
NeedsFn = Callable[[Mapping[str, Any]], tuple[FactRequest[Any] | FactRef, ...]]


@dataclass(frozen=True)
class Example:
    """A runnable example of a check type: a repository in memory and what the check concludes.

    ``files`` maps paths to contents; ``base`` holds the files at the base for check types
    that compare with one (None: no base). ``params`` are the rule's params. The check
    type, run by the engine over these files, must return ``state`` with exactly
    ``codes``: the codes of its findings, then of its evidence, in order. ``clients``
    stands in for remote services (``CollectEnv.clients``) and ``labels`` for the pull
    request's labels, ``tags`` for the git tags HEAD reaches. ``title`` says in a line what
    the example shows.
    """

    title: str
    files: Mapping[str, str]
    state: State
    codes: tuple[str, ...] = ()
    params: Mapping[str, Any] = field(default_factory=dict)
    base: Mapping[str, str] | None = None
    labels: tuple[str, ...] = ()
    clients: Mapping[ClientKey[Any], Any] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    tag_dates: Mapping[str, str] = field(default_factory=dict)  # tag -> ISO date: a git history

    def check_yaml(self, check_id: str) -> str:
        """The ``check:`` entry of a policy rule that runs this example, as YAML."""
        lines = ["check:", f"  type: {check_id}"]
        if self.params:
            params = yaml.safe_dump(
                {"params": dict(self.params)},
                sort_keys=False,
                default_flow_style=None,
                allow_unicode=True,
                width=100,
            )
            lines += ["  " + line for line in params.rstrip("\n").split("\n")]
        return "\n".join(lines)

    def changes(self) -> dict[str, str | None]:
        """With a base: the files the change adds or modifies (None: deletes), in path order."""
        base = self.base or {}
        paths = sorted(set(self.files) | set(base))
        return {p: self.files.get(p) for p in paths if self.files.get(p) != base.get(p)}


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
    examples: tuple[Example, ...]  # at least one that passes and one that fails (a registry test)
    needs: tuple[FactKey[Any], ...] | NeedsFn = ()
    uses_base: bool = False
    requires_base: bool = False  # without a base the rule is not applicable (nothing collected)
    lifecycle: str = "stable"  # experimental | stable | deprecated

    def fact_requests(self, params: Mapping[str, Any]) -> tuple[FactRequest[Any] | FactRef, ...]:
        """The facts to collect for these params (keys without arguments, or the needs function's)."""
        if callable(self.needs):
            return self.needs(params)
        return tuple(FactRequest(key) for key in self.needs)

    def render(self, finding: Finding) -> str:
        """The finding's message in words (reporters call this; findings never render).

        Every code a check type emits has a message (the registry test runs every example
        and checks); should one slip through, the text says so instead of passing for one.
        """
        template = self.messages.get(finding.code) or ENGINE_MESSAGES.get(finding.code)
        if template is None:
            return (
                f"internal error: check type {self.id} has no message for finding code "
                f"'{finding.code}' (please report this to platform-lint)"
            )
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

"""New versus existing, and whether the run fails: decided here only.

``check``, ``publish``, the step summary, the pull-request comment and the annotations
all ask this module, so a laptop and CI give the same verdict.

* A finding is **new** when the change introduced it (``new`` True) or when there was no
  comparison (``new`` None: without a base every finding is new). Only ``new`` False,
  found at the base too, is **existing**.
* ``scope`` ``new`` looks at new findings only; ``all`` at every open finding.
* The run **fails** when an open finding in scope is at or above ``fail_on``
  (``never`` fails nothing).
* A rule is in ``error`` only when the environment kept it from being judged (the GitHub API
  unreachable, a rate limit): anything wrong with the repository's content is a finding
  instead (fail closed, see :mod:`platform_lint.engine`). ``on_error`` ``fail`` makes such a
  rule fail the run; ``ignore`` (the default) does not, and every report says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from platform_lint.model import severity_rank

FAIL_ON = ("error", "warning", "notice", "never")
SCOPES = ("new", "all")
DEFAULT_FAIL_ON = "error"
DEFAULT_SCOPE = "new"
ON_ERROR = ("ignore", "fail")
DEFAULT_ON_ERROR = "ignore"
CONCLUSIONS = ("success", "failure", "neutral")


class Judged(Protocol):
    """What the decision reads of a finding (a report finding or an evaluation result)."""

    @property
    def status(self) -> str: ...

    @property
    def severity(self) -> str: ...

    @property
    def new(self) -> bool | None: ...


class Judgeable(Protocol):
    """What the decision reads of a report (:class:`platform_lint.report.model.Report`)."""

    @property
    def comparison(self) -> bool: ...

    @property
    def judged_rules(self) -> int: ...

    def unjudged(self) -> Iterable[tuple[str, str]]: ...

    def findings(self, status: str | None = None) -> Iterable[tuple[object, Judged]]: ...


R = TypeVar("R")
J = TypeVar("J", bound=Judged)


def is_new(finding: Judged) -> bool:
    """Introduced by the change, or no comparison was made."""
    return finding.new is not False


def in_scope(finding: Judged, scope: str) -> bool:
    """``scope`` ``all`` takes every finding; ``new`` only the new ones."""
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}; expected one of {', '.join(SCOPES)}")
    return scope == "all" or is_new(finding)


def fails(finding: Judged, fail_on: str, scope: str) -> bool:
    """An open finding in scope at or above ``fail_on``."""
    if fail_on not in FAIL_ON:
        raise ValueError(f"unknown fail-on {fail_on!r}; expected one of {', '.join(FAIL_ON)}")
    if fail_on == "never" or finding.status != "open" or not in_scope(finding, scope):
        return False
    return severity_rank(finding.severity) >= severity_rank(fail_on)


def open_in_scope(findings: Iterable[tuple[R, J]], scope: str) -> list[tuple[R, J]]:
    """The open ones of (rule, finding) pairs that are in ``scope``, in order (what annotations show)."""
    return [(rule, f) for rule, f in findings if f.status == "open" and in_scope(f, scope)]


def failing_findings(findings: Iterable[tuple[R, J]], fail_on: str, scope: str) -> list[tuple[R, J]]:
    """The (rule, finding) pairs that fail the run."""
    return [(rule, f) for rule, f in findings if fails(f, fail_on, scope)]


@dataclass(frozen=True)
class Verdict:
    """The decision for one report at ``fail_on`` and ``scope``.

    ``conclusion`` is ``failure`` when anything fails; ``neutral`` when nothing could be
    judged, or ``fail_on`` is never while findings are open; ``success`` otherwise.
    """

    fail_on: str
    scope: str
    failing: tuple[tuple[object, Judged], ...]
    """(rule, finding) pairs that fail the run."""
    conclusion: str
    only_new: bool
    """Only findings the change introduced count (scope new in a comparison run)."""
    on_error: str = DEFAULT_ON_ERROR
    unjudged: tuple[tuple[str, str], ...] = ()
    """(rule id, reason) of the rules the environment kept from being judged."""

    @property
    def failed(self) -> bool:
        return bool(self.failing) or (self.on_error == "fail" and bool(self.unjudged))

    @property
    def unjudged_line(self) -> str | None:
        """What ``on_error`` did, in a sentence; None when every rule could be judged."""
        return unjudged_sentence(self.unjudged, self.on_error)


def unjudged_sentence(unjudged: tuple[tuple[str, str], ...], on_error: str) -> str | None:
    """``2 rules could not be judged (...); --on-error=ignore: not failing the gate``."""
    if not unjudged:
        return None
    n = len(unjudged)
    first = unjudged[0][1]
    if len(first) > 160:
        first = first[:160] + "…"
    ids = ", ".join(rule_id for rule_id, _ in unjudged[:10]) + (" and more" if n > 10 else "")
    effect = "failing the gate" if on_error == "fail" else "not failing the gate"
    return (
        f"{n} rule{'s' if n != 1 else ''} could not be judged ({ids}: {first}); "
        f"--on-error={on_error}: {effect}"
    )


def decide(
    report: Judgeable,
    fail_on: str = DEFAULT_FAIL_ON,
    scope: str = DEFAULT_SCOPE,
    on_error: str = DEFAULT_ON_ERROR,
) -> Verdict:
    if on_error not in ON_ERROR:
        raise ValueError(f"unknown on-error {on_error!r}; expected one of {', '.join(ON_ERROR)}")
    failing = tuple(failing_findings(report.findings("open"), fail_on, scope))
    unjudged = tuple(report.unjudged())
    if failing or (on_error == "fail" and unjudged):
        conclusion = "failure"
    elif report.judged_rules == 0 or (fail_on == "never" and any(report.findings("open"))):
        conclusion = "neutral"
    else:
        conclusion = "success"
    return Verdict(
        fail_on=fail_on,
        scope=scope,
        failing=failing,
        conclusion=conclusion,
        only_new=scope == "new" and report.comparison,
        on_error=on_error,
        unjudged=unjudged,
    )

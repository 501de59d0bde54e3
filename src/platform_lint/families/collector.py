"""What a collector is, and how check types name the facts it produces.

A collector is I/O and parsing that turns snapshot files into typed facts; it never
judges. A file that does not parse becomes a fact too (with its location), never an
exception, and so does a file that makes a parser raise unexpectedly: collectors handle
one file at a time and record :func:`content_failure` for that file alone. Only
:class:`~platform_lint.errors.EnvironmentFailure` (the GitHub API unreachable) may escape.

Each collector is reached through its :class:`FactKey`, a typed object the
family defines in its ``facts.py``: the key carries the collect function and its
summary, so a check type asks for ``CODEOWNERS`` (a Python name: a typo fails at
import time) and reads ``inp.facts[CODEOWNERS]`` as a ``CodeownersFacts``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, cast

from platform_lint.snapshot.base import RepoSnapshot

T = TypeVar("T")


@dataclass(frozen=True, eq=False)
class ClientKey(Generic[T]):
    """Names a client a collector may be given, typed by the interface it implements.

    A family that asks a remote service defines the interface (a Protocol) and its key;
    the composition root (``app``) puts an implementation under that key in
    :class:`CollectEnv`. Keys compare by identity.
    """

    name: str

    def __repr__(self) -> str:
        return f"ClientKey({self.name!r})"


@dataclass(frozen=True)
class CollectEnv:
    """What a collector may use besides the snapshot.

    ``clients`` holds the API clients the run has (a GitHub token was found and not
    switched off), by key; a collector whose client is missing records "not available"
    as a fact. ``repo_full_name`` is ``owner/name`` when known, ``ref`` the commit
    being checked.
    """

    clients: Mapping[ClientKey[Any], Any] = field(default_factory=dict)
    repo_full_name: str | None = None
    ref: str | None = None

    def client(self, key: ClientKey[T]) -> T | None:
        """The client registered under ``key``, or None when the run has none."""
        found: T | None = self.clients.get(key)
        return found


def content_failure(exc: BaseException) -> str:
    """What a collector records for a file that made its parser raise (it goes on with the next
    file): the exception's type and the start of its message, in one line."""
    text = " ".join(str(exc).split())[:200]
    return f"platform-lint could not process the file ({type(exc).__name__}{': ' + text if text else ''})"


CollectFn = Callable[[RepoSnapshot, CollectEnv, tuple[Any, ...]], T]


@dataclass(frozen=True, eq=False)
class FactKey(Generic[T]):
    """Names one collector and the type of the facts it returns.

    ``collect(snapshot, env, args) -> T`` does the work; ``name`` is how reports and
    error messages refer to it, ``summary`` how the docs describe it. Keys compare by
    identity: two keys are the same only when they are the same object.
    """

    name: str
    summary: str
    collect: CollectFn[T] = field(repr=False)

    def __repr__(self) -> str:
        return f"FactKey({self.name!r})"


@dataclass(frozen=True)
class FactRequest(Generic[T]):
    """Ask for one collector's facts with hashable arguments (globs, a path, flags)."""

    key: FactKey[T]
    args: tuple[Hashable, ...] = ()

    def __post_init__(self) -> None:
        hash(self.args)  # a list among the arguments fails here, where it was written


@dataclass(frozen=True)
class FactRef:
    """Ask for another family's facts by the name the registry lists them under.

    Families never import each other, so a check that needs a neighbour's facts (the catalog
    owner against CODEOWNERS) names them: the engine resolves the name through the registry
    and the check reads the value with :meth:`Facts.named` (untyped: it is another family's).
    """

    name: str
    args: tuple[Hashable, ...] = ()


class Facts:
    """The facts one check asked for, read by key: ``facts[KEY]`` has the key's type.

    Reading a key the check type did not ask for is a programming error of that check
    type (its ``needs`` is incomplete) and raises ``KeyError`` naming the key.
    """

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[FactKey[Any], Any] | None = None) -> None:
        self._values: dict[FactKey[Any], Any] = dict(values or {})

    def __getitem__(self, key: FactKey[T]) -> T:
        try:
            return cast(T, self._values[key])
        except KeyError:
            raise KeyError(
                f"{key.name} facts were not asked for (add the key to the check type's needs)"
            ) from None

    def named(self, name: str) -> Any:
        """The facts collected for a :class:`FactRef` of this name (``KeyError`` when not asked for)."""
        for key, value in self._values.items():
            if key.name == name:
                return value
        raise KeyError(f"{name} facts were not asked for (add a FactRef to the check type's needs)")

    def __contains__(self, key: object) -> bool:
        return key in self._values

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return "Facts(" + ", ".join(sorted(k.name for k in self._values)) + ")"

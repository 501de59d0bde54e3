"""What the contracts collector produces: one :class:`Contract` per API contract found."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from platform_lint.families.contracts.bundle import SpecBundle
from platform_lint.families.contracts.loader import LoadError
from platform_lint.families.contracts.validate import Issue, find_problems, pointer_of, validate_graphql


@dataclass(frozen=True)
class Contract:
    """An API contract in the repository.

    ``kind`` is ``openapi``, ``graphql``, ``asyncapi`` or ``protobuf``; ``digest`` is the
    SHA-256 of the text (so a check can tell an unchanged file without comparing it).
    ``bundle`` holds an OpenAPI document and the files its references reach;
    ``text`` the SDL of a GraphQL schema. ``error`` says why the file did not load.
    """

    path: str
    kind: str
    digest: str
    spec_version: str | None = None
    bundle: SpecBundle | None = field(default=None, compare=False, repr=False)
    text: str | None = field(default=None, compare=False, repr=False)
    error: LoadError | None = None

    @property
    def info_version(self) -> str | None:
        data = self.bundle.data if self.bundle else None
        if isinstance(data, dict) and isinstance(data.get("info"), dict):
            version = data["info"].get("version")
            return None if version is None else str(version)
        return None

    @property
    def remote_refs(self) -> tuple[str, ...]:
        return self.bundle.remote_refs if self.bundle else ()

    @functools.cached_property
    def issues(self) -> tuple[Issue, ...]:
        """Validation problems (computed on first use: validating a large spec takes seconds)."""
        if self.error is not None:
            return (Issue(self.error.message, line=self.error.line, column=self.error.column),)
        if self.kind == "graphql" and self.text is not None:
            return tuple(validate_graphql(self.text))
        if self.kind == "openapi" and self.bundle is not None:
            bundle = self.bundle
            out = []
            for found in find_problems(bundle.docs(), bundle.root):
                out.append(
                    Issue(
                        found.message,
                        pointer_of(found.parts),
                        bundle.line_of(found.file, found.parts),
                        file="" if found.file == self.path else found.file,
                    )
                )
            for problem in bundle.problems:
                out.append(Issue(f"$ref {problem.ref} not resolved: {problem.reason}"))
            return tuple(out)
        return ()


@dataclass(frozen=True)
class ContractFacts:
    """Every contract found, and the globs that were skipped."""

    contracts: tuple[Contract, ...]
    skip: tuple[str, ...] = ()
    explicit: tuple[str, ...] = ()

    def get(self, path: str) -> Contract | None:
        for contract in self.contracts:
            if contract.path == path:
                return contract
        return None

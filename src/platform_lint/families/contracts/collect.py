"""Collectors of the contracts family: API contracts found by content, loaded with positions.

``contracts`` (args: explicit paths, skip globs) finds, in the repository's product
(``RepoSnapshot.scope``; generated files included), OpenAPI 2.0/3.0/3.1, AsyncAPI,
GraphQL SDL and protobuf files, loads OpenAPI documents with the files their
relative ``$ref``s reach (URLs are never fetched) and keeps GraphQL SDL text.
The package version and the changelog, which the breaking-changes check also reads,
are collected by ``families.shared``.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from platform_lint.errors import EnvironmentFailure
from platform_lint.families.collector import CollectEnv, content_failure
from platform_lint.families.contracts.bundle import load_bundle
from platform_lint.families.contracts.discovery import (
    CANDIDATE_GLOBS,
    DATA_EXTENSIONS,
    DEFAULT_SKIP,
    GRAPHQL_EXTENSIONS,
    is_candidate,
    sniff,
)
from platform_lint.families.contracts.loader import LoadError, load_spec
from platform_lint.families.contracts.model import Contract, ContractFacts
from platform_lint.snapshot.base import RepoSnapshot, decode_text

_MARKERS = re.compile(rb"openapi|swagger|asyncapi")
JUDGED_KINDS = frozenset({None, "generated"})
"""Discovery judges the product and generated files (a spec generated from code is still the
API the product publishes); template payload, test fixtures, vendored code and examples are
somebody else's contracts or none at all. Paths a policy names explicitly are always read."""


def _unread(path: str, problem: str | None) -> Contract:
    """A candidate that was not read may be a contract: fail closed, it is a located load error."""
    return Contract(
        path,
        "unknown",
        "",
        error=LoadError(f"cannot tell whether this is an API contract: the file was not read ({problem})"),
    )


def _prefilter(snapshot: RepoSnapshot, path: str) -> bytes | Contract | None:
    """The file's bytes when it may be a contract (most YAML/JSON files are not, by their bytes);
    a load error when it could not be read, None when it is no contract."""
    raw = snapshot.read_bytes(path)
    if raw is None:
        content = snapshot.read(path)  # says why (too large, a link out of the checkout, ...)
        return None if content.problem in (None, "missing") else _unread(path, content.problem)
    if path.endswith(DATA_EXTENSIONS) and not _MARKERS.search(raw):
        return None
    return raw


def _contract(snapshot: RepoSnapshot, path: str, explicit: bool, raw: bytes | None = None) -> Contract | None:
    content = snapshot.read(path) if explicit or raw is None else decode_text(path, raw, len(raw))
    if content.text is None:
        if explicit or content.problem != "binary" or path.endswith((*GRAPHQL_EXTENSIONS, ".proto")):
            return _unread(path, content.problem) if explicit else None
        return _unread(path, "it holds a NUL byte")  # a data file that names openapi, swagger or asyncapi
    text = content.text
    found = sniff(path, text)
    if found is None and not explicit:
        return None
    kind, version = found if found else ("openapi", None)
    digest = hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()
    if content.bad_utf8_line is not None:
        line = content.bad_utf8_line
        return Contract(path, kind, digest, version, error=LoadError(f"not UTF-8 text (line {line})", line))
    if kind in ("graphql", "protobuf"):
        return Contract(path, kind, digest, text=text if kind == "graphql" else None)
    loaded = load_spec(path, text)
    if isinstance(loaded, LoadError):
        return Contract(path, kind, digest, version, error=loaded)
    if kind == "asyncapi":
        return Contract(path, kind, digest, version)

    def reader(name: str) -> str | None:
        return snapshot.read(name).text

    bundle = load_bundle(path, reader, loaded)
    return Contract(path, kind, digest, version, bundle=bundle)


def collect_contracts(snapshot: RepoSnapshot, env: CollectEnv, args: tuple[Any, ...]) -> ContractFacts:
    explicit = tuple(args[0]) if len(args) > 0 and args[0] else ()
    skip = tuple(args[1]) if len(args) > 1 and args[1] is not None else DEFAULT_SKIP
    contracts: list[Contract] = []
    if explicit:
        paths = snapshot.glob(explicit) or [p for p in explicit if snapshot.exists(p)]
    else:
        skipped = set(snapshot.glob(skip))
        scope = snapshot.scope
        paths = [
            p
            for p in snapshot.glob(CANDIDATE_GLOBS)
            if is_candidate(p) and p not in skipped and scope.kind(p) in JUDGED_KINDS
        ]
    for path in paths:
        try:  # one file at a time: a file that breaks the loader costs only that file
            contract = _one(snapshot, path, bool(explicit))
        except EnvironmentFailure:
            raise
        except Exception as exc:
            contract = Contract(path, "unknown", "", error=LoadError(content_failure(exc)))
        if contract is not None:
            contracts.append(contract)
    return ContractFacts(tuple(contracts), skip, explicit)


def _one(snapshot: RepoSnapshot, path: str, explicit: bool) -> Contract | None:
    if explicit:
        return _contract(snapshot, path, explicit=True)
    raw = _prefilter(snapshot, path)
    if raw is None or isinstance(raw, Contract):
        return raw
    return _contract(snapshot, path, explicit=False, raw=raw)

"""Generic check types: evidence that files exist, are absent, contain text, match a schema."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import jsonschema
import referencing
import referencing.exceptions
from jsonschema_specifications import REGISTRY as _META_SCHEMAS

from platform_lint.families.check_type import CheckInput, CheckType, NeedsFn
from platform_lint.families.collector import FactKey, FactRequest
from platform_lint.families.files import examples
from platform_lint.families.files.facts import DOCUMENTS, FILES, TEXTS
from platform_lint.families.files.patterns import UserPattern, compile_user_pattern, schema_validator
from platform_lint.model import Finding, Location, Outcome
from platform_lint.snapshot.scope import EXCLUSION_KINDS
from platform_lint.yamlio import node_position

_GLOBS = {
    "type": "array",
    "items": {"type": "string", "format": "glob", "minLength": 1},
    "minItems": 1,
    "description": "globs of repository paths (POSIX, from the root; ** crosses folders, {a,b} alternatives)",
}
_INCLUDE = {
    "type": "array",
    "items": {"enum": list(EXCLUSION_KINDS)},
    "uniqueItems": True,
    "default": [],
    "description": "also match files the scope excludes, of these kinds (by default only the "
    "repository's own product is matched: not template payload, test fixtures, vendored, generated "
    "or example files)",
}
_IGNORE_CASE = {
    "type": "boolean",
    "default": False,
    "description": "match file names case-insensitively (README.md = readme.md)",
}


def _globs_request(key: FactKey[Any]) -> NeedsFn:
    def needs(params: Mapping[str, Any]) -> tuple[FactRequest[Any], ...]:
        return (
            FactRequest(key, (tuple(params["paths"]), bool(params.get("ignore_case")), _include(params))),
        )

    return needs


def _contains_request(params: Mapping[str, Any]) -> tuple[FactRequest[Any], ...]:
    """In 'any' mode the collector may stop reading at the first file that matches."""
    args: tuple[Any, ...] = (tuple(params["paths"]), bool(params.get("ignore_case")), _include(params))
    if params.get("mode", "any") == "any":
        args += (params["pattern"], compile_pattern(params).flags)
    return (FactRequest(TEXTS, args),)


def _include(params: Mapping[str, Any]) -> tuple[str, ...]:
    return tuple(sorted(params.get("include") or ()))


# -- file-exists -----------------------------------------------------------------


def file_exists(inp: CheckInput) -> Outcome:
    tree = inp.facts[FILES]
    paths = inp.params["paths"]
    found = tree.glob(paths, ignore_case=bool(inp.params.get("ignore_case")), include=_include(inp.params))
    minimum = int(inp.params.get("min_files", 1))
    if len(found) >= minimum:
        return Outcome.passed(*(Finding("found", {"path": p}, Location(p), key=p) for p in found[:5]))
    return Outcome.failed(
        Finding(
            "missing",
            {"paths": list(paths), "shown": shown_paths(paths), "count": len(found), "min_files": minimum},
            key="missing",
        )
    )


def shown_paths(paths: list[str] | tuple[str, ...], limit: int = 4) -> str:
    """The first few paths for a message: 'a, b, c, d and 11 more'."""
    head = ", ".join(paths[:limit])
    return head if len(paths) <= limit else f"{head} and {len(paths) - limit} more"


FILE_EXISTS = CheckType(
    id="file-exists",
    summary="At least one file matches any of the given paths or globs.",
    why="Most evidence of a well-run platform is a file someone wrote on purpose: a README, "
    "a CODEOWNERS, a changelog.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "required": ["paths"],
        "properties": {
            "paths": _GLOBS,
            "ignore_case": _IGNORE_CASE,
            "include": _INCLUDE,
            "min_files": {
                "type": "integer",
                "minimum": 1,
                "default": 1,
                "description": "files that must match for the check to pass",
            },
        },
    },
    run=file_exists,
    needs=(FILES,),
    messages={"found": "found {path}", "missing": "no file matches {shown}"},
    remediation="Add one of the listed files.",
    examples=examples.FILE_EXISTS,
)


# -- file-absent -----------------------------------------------------------------


def file_absent(inp: CheckInput) -> Outcome:
    tree = inp.facts[FILES]
    found = tree.glob(
        inp.params["paths"], ignore_case=bool(inp.params.get("ignore_case")), include=_include(inp.params)
    )
    return Outcome.from_findings([Finding("present", {"path": p}, Location(p), key=p) for p in found])


FILE_ABSENT = CheckType(
    id="file-absent",
    summary="No file matches any of the given paths or globs.",
    why="Some files should never be committed: private keys, local environment files, editor leftovers.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "required": ["paths"],
        "properties": {"paths": _GLOBS, "ignore_case": _IGNORE_CASE, "include": _INCLUDE},
    },
    run=file_absent,
    needs=(FILES,),
    messages={"present": "{path} should not be in the repository"},
    remediation="Remove the file from the repository (and from its history if it held a secret).",
    examples=examples.FILE_ABSENT,
)


# -- file-contains ---------------------------------------------------------------

_FLAG_NAMES = {"ignorecase": re.IGNORECASE, "multiline": re.MULTILINE, "dotall": re.DOTALL}


def compile_pattern(params: Mapping[str, Any]) -> UserPattern:
    """The check's pattern on RE2 (linear time); MULTILINE always, plus the ``flags`` named."""
    flags = re.MULTILINE
    for name in params.get("flags", []):
        flags |= _FLAG_NAMES[name]
    return compile_user_pattern(params["pattern"], flags)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def _line_at(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start : end if end >= 0 else len(text)].rstrip("\r")[:200]


def file_contains(inp: CheckInput) -> Outcome:
    texts = inp.facts[TEXTS]
    regex = compile_pattern(inp.params)
    mode = inp.params.get("mode", "any")
    if not texts.files:
        paths = list(inp.params["paths"])
        return Outcome.failed(
            Finding("no-file", {"paths": paths, "shown": shown_paths(paths)}, key="no-file")
        )
    evidence: list[Finding] = []
    misses: list[Finding] = []
    for content in texts.files:
        if content.text is None:
            misses.append(
                Finding(
                    "unreadable",
                    {"path": content.path, "problem": content.problem},
                    Location(content.path),
                    key=content.path,
                )
            )
            continue
        match = regex.search(content.text)
        if match:
            line, col = _line_col(content.text, match.start())
            evidence.append(
                Finding(
                    "matched",
                    {"path": content.path, "pattern": regex.pattern},
                    Location(content.path, line, col, snippet=_line_at(content.text, match.start())),
                    key=content.path,
                )
            )
        else:
            misses.append(
                Finding(
                    "no-match",
                    {"path": content.path, "pattern": regex.pattern},
                    Location(content.path),
                    key=content.path,
                )
            )
    if mode == "all":
        return Outcome.from_findings(misses, *evidence)
    if evidence:
        return Outcome.passed(*evidence)
    return Outcome.failed(*misses)


_MAX_FORBIDDEN = 1000
"""file-not-contains reports at most this many matches in all."""


def file_not_contains(inp: CheckInput) -> Outcome:
    texts = inp.facts[TEXTS]
    regex = compile_pattern(inp.params)
    findings: list[Finding] = []
    for content in texts.files:
        if content.text is None or len(findings) >= _MAX_FORBIDDEN:
            continue
        seen: dict[str, int] = {}
        for match in regex.finditer(content.text):
            line, col = _line_col(content.text, match.start())
            snippet = _line_at(content.text, match.start())
            text = match.group(0)[:80]
            seen[text] = seen.get(text, 0) + 1  # the same text twice is two findings
            findings.append(
                Finding(
                    "forbidden",
                    {"path": content.path, "pattern": regex.pattern},
                    Location(content.path, line, col, snippet=snippet),
                    key=f"{content.path}:{text}" + (f"#{seen[text]}" if seen[text] > 1 else ""),
                )
            )
            if len(findings) >= _MAX_FORBIDDEN:
                break
    return Outcome.from_findings(findings)


_CONTAINS_PROPERTIES: dict[str, Any] = {
    "paths": _GLOBS,
    "pattern": {
        "type": "string",
        "format": "regex",
        "minLength": 1,
        "description": "regular expression (Python syntax, run on RE2: linear time, so no "
        "backreferences or lookaround), searched line by line (MULTILINE)",
    },
    "flags": {
        "type": "array",
        "items": {"enum": sorted(_FLAG_NAMES)},
        "uniqueItems": True,
        "description": "regular-expression flags to add",
    },
    "ignore_case": _IGNORE_CASE,
    "include": _INCLUDE,
}
_CONTAINS_PARAMS: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["paths", "pattern"],
    "properties": _CONTAINS_PROPERTIES,
}

FILE_CONTAINS = CheckType(
    id="file-contains",
    summary="A file matching the globs contains text matching a regular expression.",
    why="A file can exist and still say nothing: a README without a quickstart, a Makefile "
    "without a setup target. The matching line is the evidence.",
    params_schema={
        **_CONTAINS_PARAMS,
        "properties": {
            **_CONTAINS_PROPERTIES,
            "mode": {
                "enum": ["any", "all"],
                "default": "any",
                "description": "any: one matching file suffices; all: every matching file must",
            },
        },
    },
    run=file_contains,
    needs=_contains_request,
    messages={
        "matched": "{path} matches /{pattern}/",
        "no-match": "{path} has no line matching /{pattern}/",
        "no-file": "no file matches {shown}",
        "unreadable": "{path} could not be read ({problem})",
    },
    remediation="Add the expected content to the file.",
    examples=examples.FILE_CONTAINS,
)

FILE_NOT_CONTAINS = CheckType(
    id="file-not-contains",
    summary="No file matching the globs contains text matching a regular expression.",
    why="Catches what must not be written down: hard-coded credentials, TODO-only docs, "
    "deprecated settings. Each match is a finding on its line.",
    params_schema=_CONTAINS_PARAMS,
    run=file_not_contains,
    needs=_globs_request(TEXTS),
    messages={"forbidden": "{path} matches the forbidden pattern /{pattern}/"},
    remediation="Remove or rewrite the matching lines.",
    examples=examples.FILE_NOT_CONTAINS,
)


# -- document-matches ------------------------------------------------------------


class RemoteRefRefused(Exception):
    """A schema's ``$ref`` named something outside the schema; it is never retrieved."""


def _refuse(uri: str) -> referencing.Resource[Any]:
    raise RemoteRefRefused(uri)


NO_RETRIEVAL = _META_SCHEMAS.combine(referencing.Registry(retrieve=_refuse))  # type: ignore[call-arg]
"""The JSON Schema meta-schemas (bundled, no I/O) and nothing else: a ``$ref`` to a URL or a
file is refused, never fetched or read (the policy is hostile input like the repository)."""


def _schema_error_location(path: str, doc: Any, error: jsonschema.ValidationError) -> Location:
    if doc is None:
        return Location(path)
    line, col = node_position(doc.data, list(error.absolute_path))
    return Location(path, line, col)


def _pointer(error: jsonschema.ValidationError) -> str:
    return "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in error.absolute_path)


def document_matches(inp: CheckInput) -> Outcome:
    docs = inp.facts[DOCUMENTS]
    if not docs.documents:
        if inp.params.get("required", True):
            return Outcome.failed(Finding("no-file", {"paths": list(inp.params["paths"])}, key="no-file"))
        return Outcome.not_applicable(f"no file matches {', '.join(inp.params['paths'])}")
    validator = schema_validator(inp.params["schema"], registry=NO_RETRIEVAL)
    findings: list[Finding] = []
    evidence: list[Finding] = []
    for parsed in docs.documents:
        if parsed.error:
            findings.append(
                Finding(
                    "parse-error",
                    {"path": parsed.path, "error": parsed.error},
                    parsed.error_location,
                    key=f"{parsed.path}:parse",
                )
            )
            continue
        try:
            errors = sorted(validator.iter_errors(parsed.data), key=lambda e: list(map(str, e.path)))
        except referencing.exceptions.Unresolvable as exc:
            ref = str(getattr(exc, "ref", "") or exc)[:300]
            findings.append(
                Finding(
                    "remote-ref",
                    {"path": parsed.path, "ref": ref},
                    Location(parsed.path),
                    key=f"{parsed.path}:{ref}",
                )
            )
            continue
        for error in errors[:50]:
            pointer = _pointer(error)
            if parsed.count > 1:  # which document of a multi-document file
                pointer = f"document {parsed.index + 1} {pointer}"
            findings.append(
                Finding(
                    "invalid",
                    {"path": parsed.path, "pointer": pointer, "error": error.message[:300]},
                    _schema_error_location(parsed.path, parsed.doc, error),
                    key=f"{parsed.path}:{pointer}:{error.validator}",
                )
            )
        if not errors:
            line = parsed.doc.position([])[0] if parsed.doc is not None and parsed.count > 1 else None
            evidence.append(
                Finding(
                    "valid",
                    {"path": parsed.path},
                    Location(parsed.path, line),
                    key=f"{parsed.path}#{parsed.index}",
                )
            )
    return Outcome.from_findings(findings, *evidence)


DOCUMENT_MATCHES = CheckType(
    id="document-matches",
    summary="YAML or JSON files matching the globs validate against an inline JSON Schema.",
    why="Configuration that platform tooling reads (catalog entries, SLO files, templates) is "
    "only useful when it has the shape the tooling expects.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "required": ["paths", "schema"],
        "properties": {
            "paths": _GLOBS,
            "ignore_case": _IGNORE_CASE,
            "include": _INCLUDE,
            "schema": {
                "type": "object",
                "format": "json-schema",
                "description": "the JSON Schema (draft 2020-12) each matching YAML or JSON document must "
                "satisfy; remote $refs are never fetched",
            },
            "required": {
                "type": "boolean",
                "default": True,
                "description": "fail when no file matches (else not applicable)",
            },
        },
    },
    run=document_matches,
    needs=_globs_request(DOCUMENTS),
    messages={
        "valid": "{path} validates",
        "invalid": "{path} at {pointer}: {error}",
        "parse-error": "{path} does not parse: {error}",
        "no-file": "no file matches {paths}",
        "remote-ref": "{path} cannot be checked: the policy's schema refers to {ref}, which is not "
        "followed (a $ref to a URL or a file is never fetched or read; define it under $defs)",
    },
    remediation="Fix the document so it validates against the schema given in the policy.",
    examples=examples.DOCUMENT_MATCHES,
)

CHECK_TYPES: tuple[CheckType, ...] = (
    FILE_EXISTS,
    FILE_ABSENT,
    FILE_CONTAINS,
    FILE_NOT_CONTAINS,
    DOCUMENT_MATCHES,
)

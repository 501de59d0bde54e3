"""Compare two contract files directly, outside any repository (``platform-lint diff OLD NEW``).

OpenAPI (YAML or JSON, 2.0/3.0/3.1) or GraphQL SDL (by extension). Relative ``$ref``s
are read from the files' own directories and never leave them (not through ``..``, not
through a link); URLs are never fetched, they are listed as notes. Inputs and referenced
files are read only when they are regular files (never a FIFO or a device) of at most
``MAX_SPEC_BYTES``. A file that cannot be read or parsed raises ``InputError`` naming the file and
line. The command only parses argv and prints the :class:`Comparison`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from platform_lint import safety
from platform_lint.errors import InputError
from platform_lint.families.contracts.bundle import SpecBundle, load_bundle
from platform_lint.families.contracts.diff.engine import diff_bundles, diff_sdl
from platform_lint.families.contracts.diff.model import ERROR, INFO, WARNING, Change, level_rank
from platform_lint.families.contracts.diff.rules import RULES
from platform_lint.families.contracts.discovery import GRAPHQL_EXTENSIONS
from platform_lint.families.contracts.loader import LoadError, load_spec
from platform_lint.families.contracts.validate import validate_graphql

MAX_SPEC_BYTES = 16 * 1024 * 1024
"""The largest contract file (or file it references) that is read."""


@dataclass(frozen=True)
class Comparison:
    """Every classified change from the old file to the new one, and notes (remote ``$ref``s
    not followed, references that did not resolve)."""

    changes: tuple[Change, ...]
    notes: tuple[str, ...] = ()

    @property
    def breaking(self) -> bool:
        return any(c.breaking for c in self.changes)

    def count(self, level: str) -> int:
        return sum(1 for c in self.changes if c.level == level)

    @property
    def counts(self) -> dict[str, int]:
        """Changes per level: ``error`` (breaking), ``warning`` (potentially), ``info``."""
        return {level: self.count(level) for level in (ERROR, WARNING, INFO)}

    def fails(self, fail_on: str) -> bool:
        """Whether a change is at or above ``fail_on`` (a level, or ``never``)."""
        if fail_on == "never":
            return False
        threshold = level_rank(fail_on)
        return any(level_rank(c.level) >= threshold for c in self.changes)


def compare_files(old: str, new: str, today: dt.date) -> Comparison:
    """Load both files and classify every change (``today`` judges ``x-sunset`` dates)."""
    if old.endswith(GRAPHQL_EXTENSIONS) or new.endswith(GRAPHQL_EXTENSIONS):
        return Comparison(tuple(diff_sdl(load_sdl(old), load_sdl(new), os.path.basename(new))))
    old_bundle, new_bundle = load_openapi(old), load_openapi(new)
    notes = [f"remote $ref not followed: {ref}" for ref in (*old_bundle.remote_refs, *new_bundle.remote_refs)]
    notes += [
        f"$ref {p.ref} in {p.file} not resolved: {p.reason}"
        for p in (*old_bundle.problems, *new_bundle.problems)
    ]
    return Comparison(tuple(diff_bundles(old_bundle, new_bundle, today)), tuple(sorted(set(notes))))


def message(change: Change) -> str:
    """The change in words, from its rule's message template."""
    rule = RULES.get(change.id)
    template = rule.message if rule else "{description}"
    try:
        return template.format_map(_Safe(change.args))
    except (ValueError, IndexError):
        return change.id


class _Safe(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"

    def __getitem__(self, key: str) -> Any:
        value = super().__getitem__(key) if key in self else self.__missing__(key)
        if isinstance(value, (list, tuple)):
            return ", ".join(json.dumps(v) if not isinstance(v, str) else v for v in value)
        return value


# -- loading -----------------------------------------------------------------------------------


def _reader(directory: Path) -> Callable[[str], str | None]:
    """Reads files a ``$ref`` names, confined to ``directory`` (raises ``safety.Unsafe``)."""
    root = directory.resolve()

    def read(name: str) -> str | None:
        data = safety.read_confined(root / name, root, MAX_SPEC_BYTES, scope="the spec's folder")
        return data.decode("utf-8", errors="replace")

    return read


def _read_text(path: str) -> str:
    try:
        data = safety.read_regular(path, MAX_SPEC_BYTES)
    except safety.Unsafe as exc:
        if exc.problem == safety.MISSING:
            raise InputError(f"{path}: no such file") from None
        if exc.problem == safety.TOO_LARGE:
            raise InputError(
                f"{path}: {exc.size} bytes, larger than the {MAX_SPEC_BYTES} byte limit for a contract file"
            ) from None
        if "folder" in exc.reason:
            raise InputError(f"{path}: is a directory, not a contract file") from None
        raise InputError(f"{path}: not read: {exc.reason}") from None
    return data.decode("utf-8", errors="replace")


def load_openapi(path: str) -> SpecBundle:
    text = _read_text(path)
    where = Path(path)
    loaded = load_spec(where.name, text)
    if isinstance(loaded, LoadError):
        err = loaded
        line = f":{err.line}" if err.line else ""
        col = f":{err.column}" if err.line and err.column else ""
        raise InputError(f"{path}{line}{col}: {err.message}")
    bundle = load_bundle(where.name, _reader(where.parent), loaded)
    data = bundle.data
    if not isinstance(data, dict) or not ("openapi" in data or "swagger" in data):
        raise InputError(f"{path}: not an OpenAPI document (no top-level 'openapi' or 'swagger' key)")
    return bundle


def load_sdl(path: str) -> str:
    text = _read_text(path)
    issues = validate_graphql(text)
    if issues:
        issue = issues[0]
        line = f":{issue.line}" if issue.line else ""
        raise InputError(f"{path}{line}: invalid GraphQL schema: {issue.message}")
    return text

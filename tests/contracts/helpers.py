"""Small spec builders for the contracts tests."""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any

from platform_lint.families.contracts.bundle import load_bundle
from platform_lint.families.contracts.diff.engine import diff_bundles
from platform_lint.families.contracts.diff.model import Change

TODAY = dt.date(2025, 6, 1)


def spec(paths: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1.0.0"},
        "paths": paths if paths is not None else {},
    }
    doc.update(extra)
    return doc


def op(**fields: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"responses": {"200": {"description": "ok"}}}
    out.update(fields)
    return out


def body_op(request: Any = None, response: Any = None) -> dict[str, Any]:
    out: dict[str, Any] = {"responses": {"200": {"description": "ok"}}}
    if request is not None:
        out["requestBody"] = {"content": {"application/json": {"schema": copy.deepcopy(request)}}}
    if response is not None:
        out["responses"]["200"]["content"] = {"application/json": {"schema": copy.deepcopy(response)}}
    return out


def diff(
    old: dict[str, Any], new: dict[str, Any], today: dt.date = TODAY, files: dict[str, Any] | None = None
) -> list[Change]:
    texts = {"old/openapi.json": json.dumps(old, indent=1), "new/openapi.json": json.dumps(new, indent=1)}
    for name, value in (files or {}).items():
        texts[name] = json.dumps(value, indent=1)

    def reader(prefix: str):  # type: ignore[no-untyped-def]
        return lambda path: texts.get(path)

    a = load_bundle("old/openapi.json", reader("old"))
    b = load_bundle("new/openapi.json", reader("new"))
    return diff_bundles(a, b, today)


def ids(changes: list[Change]) -> set[str]:
    return {c.id for c in changes}

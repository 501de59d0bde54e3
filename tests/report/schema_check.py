"""Validation of sample reports against the committed JSON report schema."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jsonschema import Draft202012Validator

from platform_lint.resources import load_schema


@lru_cache(maxsize=1)
def report_validator() -> Draft202012Validator:
    schema = load_schema("report.schema.json")
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def report_errors(report: dict[str, Any]) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in report_validator().iter_errors(report)
    ]

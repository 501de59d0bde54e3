"""Read a JSON report file (``schemas/report.schema.json``) for the commands that work from one."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema

from platform_lint.errors import InputError
from platform_lint.resources import data_dir


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads((data_dir("schemas") / "report.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def load_report(path: str | Path) -> dict[str, Any]:
    """The report dict; ``InputError`` naming the file when it is missing, not JSON or not a report."""
    where = Path(path)
    try:
        data = json.loads(where.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(
            f"{where}: no such report (write one with 'platform-lint check --format json --output {where}')"
        ) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"{where}: not a JSON report: {exc}") from None
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        pointer = "/" + "/".join(str(p) for p in first.absolute_path)
        more = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
        raise InputError(
            f"{where}: not a platform-lint report (schema_version 1): at {pointer}: {first.message}{more}"
        )
    return data

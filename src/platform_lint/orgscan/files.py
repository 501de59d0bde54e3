"""Writing into the output folder: every file replaced atomically, paths built from names.

A file is written to a temporary name beside it, flushed, and moved over the old one
(``safety.write_atomic``), so a reader (or a scan resuming after being killed) sees the old
file or the new one, never half of one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from platform_lint import safety
from platform_lint.orgscan.listing import safe_name


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step (:func:`platform_lint.safety.write_atomic`),
    secrets masked (:func:`platform_lint.safety.mask`) as in every file platform-lint writes."""
    safety.write_atomic(path, safety.mask(text))


def write_json_atomic(path: Path, data: Any) -> None:
    write_atomic(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def report_relpath(full_name: str) -> str:
    """``reports/OWNER/NAME.json``, each part made safe whatever the source called it."""
    owner, _, name = full_name.partition("/")
    return f"reports/{safe_name(owner)}/{safe_name(name or owner)}.json"

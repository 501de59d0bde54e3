"""Writing into the output folder: every file replaced atomically, paths built from names.

A file is written to a temporary name beside it and moved over the old one with
``os.replace``, so a reader (or a scan resuming after being killed) sees the old file or the
new one, never half of one.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from platform_lint.orgscan.listing import safe_name


def write_atomic(path: Path, text: str, *, durable: bool = False) -> None:
    """Replace ``path`` with ``text`` in one step (``durable``: also flushed to disk first)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temp, "w", encoding="utf-8") as fh:
            fh.write(text)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_json_atomic(path: Path, data: Any, *, durable: bool = False) -> None:
    write_atomic(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n", durable=durable)


def report_relpath(full_name: str) -> str:
    """``reports/OWNER/NAME.json``, each part made safe whatever the source called it."""
    owner, _, name = full_name.partition("/")
    return f"reports/{safe_name(owner)}/{safe_name(name or owner)}.json"

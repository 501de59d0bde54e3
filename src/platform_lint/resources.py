"""Where the shipped policies and schemas are: inside the installed package, or the source tree."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """``policies`` or ``schemas``: packaged next to the code, or at the source-tree root."""
    packaged = _PACKAGE_DIR / name
    if packaged.is_dir():
        return packaged
    source = _PACKAGE_DIR.parent.parent / name
    if source.is_dir():
        return source
    raise FileNotFoundError(f"platform-lint is installed without its {name}/ folder")


def builtin_policy_path(name: str) -> Path:
    return data_dir("policies") / f"{name}.yml"


def builtin_policy_names() -> list[str]:
    return sorted(p.stem for p in data_dir("policies").glob("*.yml"))


@cache
def load_schema(name: str) -> Any:
    with open(data_dir("schemas") / name, encoding="utf-8") as fh:
        return json.load(fh)

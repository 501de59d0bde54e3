"""`platform-lint owners` (filled in by its issue's work)."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser("owners", help="(not yet available)")
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace) -> int:
    raise SystemExit("platform-lint owners is not available yet")

"""`platform-lint init`."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser("init", help="(not yet available)")
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace) -> int:
    raise SystemExit("platform-lint init is not available yet")

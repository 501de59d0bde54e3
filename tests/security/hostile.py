"""Hostile YAML and JSON texts shared by the tests."""

from __future__ import annotations

BOMB = """\
a0: &a0 [x, x, x, x, x, x, x, x, x]
a1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]
a2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]
a3: &a3 [*a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2]
a4: &a4 [*a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3]
a5: &a5 [*a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4]
a6: &a6 [*a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5]
a7: &a7 [*a6, *a6, *a6, *a6, *a6, *a6, *a6, *a6, *a6]
a8: &a8 [*a7, *a7, *a7, *a7, *a7, *a7, *a7, *a7, *a7]
"""
"""A billion laughs: nine levels of nine aliases, 9**9 scalars once expanded."""

BOMB_LINE = 6
"""The line where aliases first stand for more than 100,000 nodes in all (each *a4 is 66,430)."""


def deep_flow(depth: int) -> str:
    return "[" * depth + "]" * depth


def deep_block(depth: int, key: str = "a") -> str:
    return "".join("  " * i + f"{key}:\n" for i in range(depth)) + "  " * depth + "x\n"


def spec_json(
    extra: str = "", paths: str = '"/pets": {"get": {"responses": {"200": {"description": "ok"}}}}'
) -> str:
    return (
        '{"openapi": "3.0.3", "info": {"title": "t", "version": "1.0.0"}, "paths": {'
        + paths
        + "}"
        + extra
        + "}"
    )

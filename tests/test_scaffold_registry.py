"""The scaffold adds a family to the registry whether its import is on one line or in parentheses."""

from __future__ import annotations

from pathlib import Path

from platform_lint.families.scaffold import _add_to_registry

REGISTRY = """from platform_lint.families import {imports}
from platform_lint.families.family import Family

FAMILIES: tuple[Family, ...] = (
    shared.FAMILY,
    files.FAMILY,
)
"""


def test_a_long_import_is_written_one_name_a_line(tmp_path: Path) -> None:
    registry = tmp_path / "registry.py"
    long_names = ", ".join(f"family_number_{i}" for i in range(6))
    registry.write_text(REGISTRY.format(imports=f"files, shared, {long_names}"), encoding="utf-8")
    assert _add_to_registry(registry, "zebra")
    text = registry.read_text(encoding="utf-8")
    assert "from platform_lint.families import (\n    family_number_0,\n" in text
    assert "    zebra,\n)\n" in text and "    zebra.FAMILY,\n)" in text
    assert all(len(line) <= 110 for line in text.splitlines())
    # and once in parentheses, the next family goes in too
    assert _add_to_registry(registry, "alpha")
    text = registry.read_text(encoding="utf-8")
    assert "from platform_lint.families import (\n    alpha,\n" in text and "    alpha.FAMILY,\n)" in text


def test_a_short_import_stays_on_one_line(tmp_path: Path) -> None:
    registry = tmp_path / "registry.py"
    registry.write_text(REGISTRY.format(imports="files, shared"), encoding="utf-8")
    assert _add_to_registry(registry, "docs")
    assert "from platform_lint.families import docs, files, shared\n" in registry.read_text(encoding="utf-8")

"""Golden files for the reporters: compared by default, rewritten only on request.

    python -m pytest tests/report --update-golden

(or ``PLATFORM_LINT_UPDATE_GOLDEN=1``; the option itself is declared in tests/conftest.py
so that a bare ``pytest --update-golden`` knows it). Review the diff before committing.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from platform_lint.report.model import Report, from_dict

GOLDEN = Path(__file__).parent / "golden"


def _updating(config: pytest.Config) -> bool:
    try:
        flag = bool(config.getoption("--update-golden"))
    except ValueError:
        flag = False
    return flag or os.environ.get("PLATFORM_LINT_UPDATE_GOLDEN") == "1"


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """``golden(name, text)``: assert ``text`` equals golden/<name> (or rewrite it when updating)."""
    update = _updating(request.config)

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
            return
        assert path.exists(), f"missing golden file {path}; run pytest tests/report --update-golden"
        expected = path.read_text(encoding="utf-8")
        assert text == expected, (
            f"{name} differs from its golden file; rerun with --update-golden if intended"
        )

    return check


@pytest.fixture(scope="session")
def huge_report() -> dict[str, Any]:
    """50,000 findings in 18 rules; shared by the tests, which must not change it."""
    from report.samples import huge

    return huge()


@pytest.fixture(scope="session")
def huge_model(huge_report: dict[str, Any]) -> Report:
    """The same 50,000 findings as the report model the reporters render."""
    return from_dict(huge_report)

"""Render a JSON report dict in one of the report formats (shared by check and publish)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from platform_lint.report.json import write_json
from platform_lint.report.markdown import render_markdown
from platform_lint.report.sarif import render_sarif
from platform_lint.report.text import render_text

FORMATS = ("text", "json", "markdown", "sarif")
_EXTENSIONS = {".json": "json", ".sarif": "sarif", ".md": "markdown", ".markdown": "markdown", ".txt": "text"}


def format_for_path(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".sarif.json"):
        return "sarif"
    return _EXTENSIONS.get(path.suffix.lower(), "text")


def render(report: dict[str, Any], fmt: str, *, color: bool = False, verbose: bool = False) -> str:
    if fmt == "json":
        buf = io.StringIO()
        write_json(report, buf)
        return buf.getvalue()
    if fmt == "sarif":
        return json.dumps(render_sarif(report), indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return render_markdown(report) + "\n"
    text = render_text(report, color=color, verbose=verbose)
    return text if text.endswith("\n") else text + "\n"

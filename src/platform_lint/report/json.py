"""The JSON report (``schemas/report.schema.json``, schema_version 1), as a reporter."""

from __future__ import annotations

from platform_lint.report.model import Report, to_json
from platform_lint.report.reporter import RenderOptions, Reporter


def _render(report: Report, options: RenderOptions) -> str:
    return to_json(report)


REPORTER = Reporter(
    name="json",
    summary="the JSON report (schemas/report.schema.json), what publish and badge read",
    render=_render,
    extensions=(".json",),
)

"""Org-scan output folders made from chosen numbers, so org-report figures can be checked exactly.

One real report (``platform-lint check`` of a small repository) is the template; each
repository's copy is then changed where a test says (journey stages, template origins), and a
manifest lists them. The reports still validate against the report schema, as org-report
requires.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from orgscan.helpers import BRONZE, NOW, make_repo
from platform_lint.cli import run

Report = dict[str, Any]


@functools.cache
def _base_report_text(folder: str) -> str:
    repo = Path(folder) / "repo"
    make_repo(repo, BRONZE)
    out = Path(folder) / "report.json"
    assert run(["check", str(repo), "--format", "json", "--output", str(out), "--now", NOW]) in (0, 1)
    return out.read_text(encoding="utf-8")


def base_report(tmp_path_factory: Any) -> Report:
    """A valid JSON report (cached for the test session)."""
    folder = tmp_path_factory.getbasetemp() / "fabricate-base"
    folder.mkdir(exist_ok=True)
    data: Report = json.loads(_base_report_text(str(folder)))
    return data


def journeys(**stages: tuple[int, int]) -> list[dict[str, Any]]:
    """Journey entries from ``stage=(passed, failed)``; stages left out are not listed."""
    return [
        {
            "id": stage,
            "title": stage.title(),
            "passed": passed,
            "failed": failed,
            "waived": 0,
            "not_applicable": 0,
            "errors": 0,
            "rules": [],
        }
        for stage, (passed, failed) in stages.items()
    ]


def scan_folder(
    out: Path,
    base: Report,
    repos: Mapping[str, Callable[[Report], None] | None],
    *,
    scan_id: str = "fabricated",
    commits: Mapping[str, str] | None = None,
    org: str = "acme",
) -> Path:
    """``out`` as org-scan would leave it: a manifest and one report per repository, each the
    base report changed by its function."""
    entries = []
    for name, change in repos.items():
        data = copy.deepcopy(base)
        data["target"] = f"{name}@main"
        if change is not None:
            change(data)
        rel = f"reports/{name}.json"
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(json.dumps(data), encoding="utf-8")
        entries.append(
            {
                "repo": name,
                "status": "scanned",
                "reason": None,
                "commit": (commits or {}).get(name, "0" * 40),
                "default_branch": "main",
                "report": rel,
                "duration_s": 0.1,
            }
        )
    manifest = {
        "schema_version": 1,
        "scan_id": scan_id,
        "started_at": "2026-01-15T12:00:00Z",
        "finished_at": "2026-01-15T12:01:00Z",
        "org": org,
        "shard": None,
        "policy": "builtin:recommended",
        "policy_digest": "0" * 32,
        "tool_version": "0.0.0",
        "counts": {"scanned": len(entries), "unchanged": 0, "skipped": 0, "failed": 0},
        "repositories": entries,
    }
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return out

"""A check run on the pull request's head commit: title, Markdown summary, line annotations.

The API takes at most 50 annotations per request, so the first 50 go with the create
call (status ``in_progress`` when more follow) and the rest with updates; the last request
completes the run with its conclusion. Title and summary are resent with every
request because each update replaces them.

At most :data:`MAX_ANNOTATIONS` (1,000) annotations are sent, in at most 20 requests,
however many findings there are: the caller puts the ones that matter first (new
findings, then the most severe) and says in the summary how many were left out; every
finding stays in the report file and SARIF.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from platform_lint.github.annotations import Annotation
from platform_lint.verdict import CONCLUSIONS

if TYPE_CHECKING:  # PyGithub is imported only by commands that talk to GitHub
    from platform_lint.github.client import GitHubClient

ANNOTATION_BATCH = 50
MAX_ANNOTATIONS = 1000
"""Annotations sent to one check run at most: 20 requests of 50."""
SUMMARY_LIMIT = 65535
TITLE_LIMIT = 255
MESSAGE_LIMIT = 65535
API_LEVEL = {"error": "failure", "warning": "warning", "notice": "notice"}


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def annotation_payload(annotation: Annotation) -> dict[str, Any]:
    """The check-run API's annotation object for one annotation."""
    payload: dict[str, Any] = {
        "path": annotation.path,
        "start_line": annotation.line or 1,
        "end_line": annotation.end_line or annotation.line or 1,
        "annotation_level": API_LEVEL.get(annotation.level, "notice"),
        "message": _clip(annotation.message, MESSAGE_LIMIT),
        "title": _clip(annotation.title, TITLE_LIMIT),
    }
    if annotation.column and payload["start_line"] == payload["end_line"]:
        payload["start_column"] = annotation.column
        payload["end_column"] = annotation.end_column or annotation.column
    if annotation.raw_details:
        payload["raw_details"] = _clip(annotation.raw_details, MESSAGE_LIMIT)
    return payload


def batches(items: Sequence[Any], size: int = ANNOTATION_BATCH) -> list[list[Any]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)] or [[]]


@dataclass(frozen=True)
class CheckRunRequest:
    name: str
    head_sha: str
    title: str
    summary: str
    conclusion: str
    annotations: tuple[Annotation, ...] = ()
    details_url: str | None = None


@dataclass(frozen=True)
class CheckRunResult:
    id: int
    html_url: str | None
    requests: int
    annotations_sent: int
    annotations_left_out: int = 0


def _output(request: CheckRunRequest, batch: list[dict[str, Any]]) -> dict[str, Any]:
    output: dict[str, Any] = {
        "title": _clip(request.title, TITLE_LIMIT),
        "summary": _clip(request.summary, SUMMARY_LIMIT),
    }
    if batch:
        output["annotations"] = batch
    return output


def publish_check_run(client: GitHubClient, repository: str, request: CheckRunRequest) -> CheckRunResult:
    """Create the check run and send every annotation; raises ``GitHubError`` on refusal."""
    if request.conclusion not in CONCLUSIONS:
        raise ValueError(f"unknown conclusion {request.conclusion!r}")
    located = [a for a in request.annotations if a.path]
    payloads = [annotation_payload(a) for a in located[:MAX_ANNOTATIONS]]
    groups = batches(payloads)
    repo = client.repo(repository)
    extra: dict[str, Any] = {}
    if request.details_url:
        extra["details_url"] = request.details_url
    with client.calling(f"creating check run {request.name!r} on {repository}"):
        if len(groups) == 1:
            run = repo.create_check_run(
                name=request.name,
                head_sha=request.head_sha,
                status="completed",
                conclusion=request.conclusion,
                output=_output(request, groups[0]),
                **extra,
            )
        else:
            run = repo.create_check_run(
                name=request.name,
                head_sha=request.head_sha,
                status="in_progress",
                output=_output(request, groups[0]),
                **extra,
            )
    with client.calling(f"adding annotations to check run {request.name!r} on {repository}"):
        for i, group in enumerate(groups[1:], start=2):
            if i < len(groups):
                run.edit(output=_output(request, group))
            else:
                run.edit(status="completed", conclusion=request.conclusion, output=_output(request, group))
    return CheckRunResult(
        id=run.id,
        html_url=getattr(run, "html_url", None),
        requests=len(groups),
        annotations_sent=len(payloads),
        annotations_left_out=len(located) - len(payloads),
    )

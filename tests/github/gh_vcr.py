"""vcrpy set-up for the GitHub tests: record mode none, Authorization filtered, strict matching.

Requests match on method, scheme, host, port, path and query; POST and PATCH bodies also
match as JSON (structurally). A recorded string ``"<<ANY>>"`` matches any string and
``"<<STARTSWITH:text>>"`` any string starting with ``text``: the summary Markdown is
checked by its own tests, so the cassettes pin everything else (annotations, status,
conclusion, batch sizes) exactly.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

import requests.adapters
import vcr
from vcr.request import Request

CASSETTES = Path(__file__).resolve().parent.parent / "cassettes" / "github"
MATCH_ON = ["method", "scheme", "host", "port", "path", "query"]
ANY = "<<ANY>>"
STARTS = "<<STARTSWITH:"


def _same(sent: Any, recorded: Any, where: str = "") -> None:
    if isinstance(recorded, str) and recorded == ANY:
        assert isinstance(sent, str), f"{where}: expected a string, sent {sent!r}"
        return
    if isinstance(recorded, str) and recorded.startswith(STARTS) and recorded.endswith(">>"):
        prefix = recorded[len(STARTS) : -2]
        assert isinstance(sent, str) and sent.startswith(prefix), f"{where}: {sent[:80]!r} lacks {prefix!r}"
        return
    if isinstance(recorded, dict):
        assert isinstance(sent, dict) and sent.keys() == recorded.keys(), (
            f"{where}: keys {sorted(sent) if isinstance(sent, dict) else sent!r} != {sorted(recorded)}"
        )
        for key in recorded:
            _same(sent[key], recorded[key], f"{where}.{key}")
        return
    if isinstance(recorded, list):
        assert isinstance(sent, list) and len(sent) == len(recorded), (
            f"{where}: {len(sent) if isinstance(sent, list) else sent!r} items != {len(recorded)}"
        )
        for i, (a, b) in enumerate(zip(sent, recorded, strict=True)):
            _same(a, b, f"{where}[{i}]")
        return
    assert sent == recorded, f"{where}: sent {sent!r}, recorded {recorded!r}"


def _body(request: Request) -> Any:
    raw = request.body or b""
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8")
    return json.loads(raw) if raw else None


def json_body(r1: Request, r2: Request) -> None:
    """POST/PATCH bodies must agree as JSON; other methods are not compared."""
    if r1.method not in ("POST", "PATCH"):
        return
    _same(_body(r1), _body(r2), "body")


class Recorder:
    """The requests platform-lint sent, in order, as requests' adapter saw them (retries of one
    request happen below it, in urllib3, and show in the cassette's play count instead)."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str, Any]] = []

    def bodies(self, method: str) -> list[Any]:
        return [b for m, _, b in self.sent if m == method]

    def methods(self) -> list[str]:
        return [m for m, _, _ in self.sent]


@contextmanager
def cassette(
    name: str, directory: Path = CASSETTES, *, repeat: bool = False
) -> Iterator[tuple[Any, Recorder]]:
    """Replay ``name``; ``repeat`` lets an answer serve every request like it (bodies are then
    not compared: the test counts and reads what was sent through the recorder)."""
    recorder = Recorder()
    real_send = requests.adapters.HTTPAdapter.send

    def send(adapter: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
        body = request.body.decode() if isinstance(request.body, bytes) else request.body
        recorder.sent.append((request.method, request.url, json.loads(body) if body else None))
        return real_send(adapter, request, *args, **kwargs)

    my_vcr = vcr.VCR(
        cassette_library_dir=str(directory),
        record_mode="none",
        match_on=MATCH_ON if repeat else [*MATCH_ON, "json_body"],
        filter_headers=["authorization"],
    )
    my_vcr.register_matcher("json_body", json_body)
    with (
        mock.patch.object(requests.adapters.HTTPAdapter, "send", send),
        my_vcr.use_cassette(name, allow_playback_repeats=repeat) as cas,
    ):
        yield cas, recorder

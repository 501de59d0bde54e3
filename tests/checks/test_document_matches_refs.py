"""document-matches never follows a $ref out of the policy's schema: no request, no file read.

A policy is hostile input like the repository; a schema whose ``$ref`` names a URL would
make the check fetch it (even with ``--offline``) or read a local file into the finding.
"""

from __future__ import annotations

import json
import socket
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from platform_lint.cli import run


class Listener:
    """A TCP listener on 127.0.0.1 that records every connection it accepts."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            body = b'{"enum": ["FETCHED-FROM-THE-NETWORK"]}'
            conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n" + body)
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.close()


def policy(schema: dict) -> str:
    rule = {
        "id": "catalog.shape",
        "title": "Catalog shape",
        "characteristic": "clear-ownership",
        "level": "bronze",
        "severity": "error",
        "check": {"type": "document-matches", "params": {"paths": ["catalog-info.yaml"], "schema": schema}},
        "remediation": "Fix the catalog entry.",
    }
    return json.dumps({"version": 1, "rules": [rule]})


def check(repo: Path, *extra: str) -> tuple[int, str]:
    out = repo.parent / "report.json"
    with warnings.catch_warnings():
        # as in production: a library's DeprecationWarning is not an error there
        warnings.simplefilter("ignore", DeprecationWarning)
        code = run(["check", str(repo), "--now", "2026-12-02", "-f", "json", "-o", str(out), *extra])
    return code, out.read_text() if out.exists() else ""


def test_remote_ref_is_not_fetched_even_when_asked_to_validate(tmp_path: Path, listener: Listener) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "catalog-info.yaml").write_text("kind: Component\n")
    url = f"http://127.0.0.1:{listener.port}/schema.json"
    (repo / ".platform-lint.yml").write_text(policy({"$ref": url}))
    code, text = check(repo, "--offline")
    assert listener.connections == 0
    assert code == 1  # the rule cannot pass on a schema it cannot use
    report = json.loads(text)
    (rule,) = [r for r in report["rules"] if r["id"] == "catalog.shape"]
    assert rule["state"] == "fail"
    (finding,) = rule["findings"]
    assert "not followed" in finding["message"] and url in finding["message"]
    assert finding["location"]["path"] == "catalog-info.yaml"
    assert "FETCHED" not in text


def test_file_ref_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.json"
    secret.write_text('{"enum": ["SECRET-FROM-A-LOCAL-FILE"]}')
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "catalog-info.yaml").write_text("kind: Component\n")
    (repo / ".platform-lint.yml").write_text(
        policy({"type": "object", "properties": {"kind": {"$ref": secret.as_uri()}}})
    )
    code, text = check(repo)
    assert code == 1
    assert "SECRET-FROM-A-LOCAL-FILE" not in text
    assert "not followed" in text


def test_local_refs_inside_the_schema_still_work(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "catalog-info.yaml").write_text("kind: Component\n")
    schema = {
        "$defs": {"kind": {"enum": ["Component", "API"]}},
        "type": "object",
        "properties": {"kind": {"$ref": "#/$defs/kind"}},
        "required": ["kind"],
    }
    (repo / ".platform-lint.yml").write_text(policy(schema))
    code, text = check(repo)
    assert code == 0, text

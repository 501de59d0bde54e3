"""Test-wide set-up: the network is blocked, acceptance suites only run when asked for.

The acceptance suites under tests/acceptance read external data from a folder
named by PLATFORM_LINT_SHARED (``.ci/run`` sets it when the shared acceptance data is present); the
project's own tests never need it. Without it, each acceptance module is reported as skipped,
with the reason, and is not even imported.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

ACCEPTANCE = Path(__file__).resolve().parent / "acceptance"
NOT_ASKED_FOR = (
    "acceptance suite {name} not run: set PLATFORM_LINT_SHARED to the shared data folder "
    "(.ci/run does when the shared acceptance data exists)"
)


class _AcceptanceNotAskedFor(pytest.Module):
    def collect(self):  # type: ignore[no-untyped-def]
        pytest.skip(NOT_ASKED_FOR.format(name=self.path.name))


def pytest_pycollect_makemodule(module_path: Path, parent: pytest.Collector) -> pytest.Module | None:
    if os.environ.get("PLATFORM_LINT_SHARED") or ACCEPTANCE not in module_path.resolve().parents:
        return None
    return _AcceptanceNotAskedFor.from_parent(parent, path=module_path)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the reporters' golden files under tests/report/golden/",
    )


class NetworkBlocked(RuntimeError):
    pass


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _guard(sock: socket.socket, address: object) -> None:
    if sock.family == getattr(socket, "AF_UNIX", object()):
        return
    if isinstance(address, tuple) and address and str(address[0]) in ("127.0.0.1", "::1", "localhost"):
        return
    raise NetworkBlocked(f"tests may not reach the network (tried {address!r})")


def _connect(self: socket.socket, address: object) -> None:
    _guard(self, address)
    _real_connect(self, address)  # type: ignore[arg-type]


def _connect_ex(self: socket.socket, address: object) -> int:
    _guard(self, address)
    return _real_connect_ex(self, address)  # type: ignore[arg-type]


socket.socket.connect = _connect  # type: ignore[method-assign]
socket.socket.connect_ex = _connect_ex  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def _no_github_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests start outside GitHub Actions, whatever machine runs them."""
    for name in list(os.environ):
        if name.startswith("GITHUB_") or name in (
            "GH_TOKEN",
            "CI_PLATFORM_LINT_TOKEN",
            "PLATFORM_LINT_TOKEN",
        ):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture(autouse=True)
def _every_report_follows_the_schema(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Every JSON report any test builds is checked against schemas/report.schema.json."""
    import jsonschema

    from platform_lint import app
    from platform_lint.report import build
    from platform_lint.report.model import to_dict
    from platform_lint.resources import load_schema

    built: list = []
    real = build.build_report

    def recording(*args, **kwargs):  # type: ignore[no-untyped-def]
        report = real(*args, **kwargs)
        built.append(report)
        return report

    monkeypatch.setattr(build, "build_report", recording)
    monkeypatch.setattr(app, "build_report", recording)
    yield
    if built:
        validator = jsonschema.Draft202012Validator(
            load_schema("report.schema.json"), format_checker=jsonschema.FormatChecker()
        )
        for model in built:
            report = to_dict(model)
            errors = sorted(validator.iter_errors(report), key=lambda e: list(e.absolute_path))
            where = errors[0].json_path if errors else ""
            assert not errors, f"a report does not follow the schema: {errors[0].message} at {where}"

"""`check --max-wait` and `--max-owner-lookups`: what a run may ask of GitHub, set by the workflow."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from platform_lint.app import CheckSettings
from platform_lint.cli import run


@pytest.mark.parametrize(
    ("option", "value"),
    [("--max-wait", "-1"), ("--max-wait", "nan"), ("--max-wait", "inf"), ("--max-owner-lookups", "-3")],
)
def test_a_negative_or_endless_limit_is_a_usage_error(
    tmp_path: Path, option: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "README.md").write_text("# r\n")
    code = run(["check", str(tmp_path), f"{option}={value}"])
    err = capsys.readouterr().err
    assert code == 2
    assert option in err and value in err


def test_the_limits_reach_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[CheckSettings] = []

    def fake_run_check(settings: CheckSettings, env: Any = None) -> Any:
        seen.append(settings)
        raise SystemExit(0)

    monkeypatch.setattr("platform_lint.commands.check.run_check", fake_run_check)
    with pytest.raises(SystemExit):
        run(["check", str(tmp_path), "--max-wait", "5", "--max-owner-lookups", "7"])
    with pytest.raises(SystemExit):
        run(["check", str(tmp_path)])
    assert [(s.max_wait, s.max_owner_lookups) for s in seen] == [(5.0, 7), (60.0, 200)]


def test_the_runs_github_client_waits_at_most_max_wait_in_all() -> None:
    from platform_lint.app import build_clients, build_github
    from platform_lint.families.codeowners.lookups import OWNER_LOOKUPS

    env = {"GITHUB_REPOSITORY": "acme/widgets", "GITHUB_TOKEN": "test-token-123"}
    side = build_github(CheckSettings(path=Path("."), max_wait=5), env)
    assert side.client.budget.seconds == 5 and side.client.settings.retry.max_wait == 5
    assert build_clients(side, 7)[OWNER_LOOKUPS].limit == 7

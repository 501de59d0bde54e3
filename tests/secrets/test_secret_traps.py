"""A private key is found by its content wherever it is kept, not by a key-like file name."""

from __future__ import annotations

import datetime as dt

import pytest

from platform_lint.engine import FactStore, run_rule
from platform_lint.families.check_type import RunContext
from platform_lint.families.collector import CollectEnv
from platform_lint.families.secrets import samples
from platform_lint.families.secrets.checks import NONE_COMMITTED
from platform_lint.model import Outcome, State
from platform_lint.policy.model import Rule
from platform_lint.snapshot.memory import MemorySnapshot

NOW = dt.datetime(2025, 6, 1, tzinfo=dt.timezone.utc)


def _run(files: dict[str, str]) -> Outcome:
    rule = Rule(
        id="defaults.no-committed-secrets",
        title="no secrets",
        characteristic="opinionated-defaults",
        level="bronze",
        severity="error",
        check_type=NONE_COMMITTED.id,
        params={},
        remediation="rotate",
    )
    return run_rule(rule, FactStore(MemorySnapshot(files), CollectEnv()), RunContext(now=NOW))


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("app/settings.py", 'SIGNING_KEY = """\n' + samples.PRIVATE_KEY + '"""\n'),
        (
            "deploy/values.yaml",
            "tls:\n  key: |\n" + "".join(f"    {ln}\n" for ln in samples.PRIVATE_KEY.splitlines()),
        ),
        ("notes.txt", "the key for staging:\n" + samples.PRIVATE_KEY),
    ],
)
def test_a_private_key_in_a_file_not_named_as_a_key_is_found(path: str, text: str) -> None:
    outcome = _run({"README.md": "# app\n", path: text})
    assert outcome.state is State.FAIL
    assert [f.location.path for f in outcome.findings if f.location] == [path]
    assert "a private key" in NONE_COMMITTED.render(outcome.findings[0])


def test_the_same_files_without_a_key_body_pass() -> None:
    files = {
        "README.md": "# app\n",
        "app/settings.py": 'SIGNING_KEY = os.environ["SIGNING_KEY"]\n' + samples.PEM_IN_CODE,
        "deploy/values.yaml": "tls:\n  existingSecret: app-tls\n",
        "notes.txt": "the key for staging is in the vault, not here.\n",
    }
    assert _run(files).state is State.PASS

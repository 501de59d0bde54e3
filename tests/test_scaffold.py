"""`make new-family NAME=...` writes a family that works as generated, in the registry and the contracts.

Each test scaffolds into a copy of the project in a temporary folder, then imports and runs
what was generated there (in a subprocess whose PYTHONPATH is that copy).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from platform_lint.families import scaffold

ROOT = Path(__file__).resolve().parents[1]
NAME = "release_notes"
CHECK_ID = "release-notes.files-present"


def _copy_project(base: Path) -> Path:
    root = base / "project"
    shutil.copytree(
        ROOT / "src" / "platform_lint",
        root / "src" / "platform_lint",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    (root / "tests").mkdir()
    return root


def _python(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root / "src"), "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, *args], cwd=root, env=env, capture_output=True, text=True, timeout=300, check=False
    )


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    root = _copy_project(tmp_path_factory.mktemp("scaffold"))
    run = _python(root, "-m", "platform_lint.families.scaffold", NAME, "--root", str(root))
    return root, run


def test_it_writes_the_family_folder_and_a_test(
    project: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    root, run = project
    assert run.returncode == 0, run.stderr
    family = root / "src" / "platform_lint" / "families" / NAME
    assert sorted(p.name for p in family.iterdir()) == [
        "__init__.py",
        "checks.py",
        "collect.py",
        "examples.py",
        "facts.py",
    ]
    assert (root / "tests" / NAME / f"test_family_{NAME}.py").is_file()
    assert f"registered: {NAME}.FAMILY" in run.stdout


def test_the_registry_serves_the_new_check_type_and_the_engine_runs_it(
    project: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    root, _ = project
    script = f"""
import datetime as dt, json
from platform_lint.engine import FactStore, run_rule
from platform_lint.families.check_type import RunContext
from platform_lint.families.collector import CollectEnv
from platform_lint.families.registry import CHECK_TYPES, FAMILIES
from platform_lint.policy.model import Rule
from platform_lint.snapshot.memory import MemorySnapshot

rule = Rule(id="t.r", title="t", characteristic="developer-first-design", level="bronze",
            severity="error", check_type={CHECK_ID!r}, params={{"paths": ["NOTES.md"]}}, remediation="r")
now = RunContext(now=dt.datetime(2024, 6, 1, tzinfo=dt.timezone.utc))
results = {{}}
repos = {{"written": {{"NOTES.md": "# 1.0\\n"}}, "blank": {{"NOTES.md": "\\n"}}, "none": {{}}}}
for label, files in repos.items():
    outcome = run_rule(rule, FactStore(MemorySnapshot(files), CollectEnv()), now)
    results[label] = [outcome.state.value, [f.code for f in outcome.findings],
                      [CHECK_TYPES[{CHECK_ID!r}].render(f) for f in outcome.findings]]
print(json.dumps({{"families": [f.name for f in FAMILIES], "results": results}}))
"""
    run = _python(root, "-c", script)
    assert run.returncode == 0, run.stderr
    answer = json.loads(run.stdout)
    assert NAME in answer["families"]
    assert answer["results"] == {
        "written": ["pass", [], []],
        "blank": ["fail", ["blank"], ["NOTES.md is blank"]],
        "none": ["fail", ["missing"], ["no file matches NOTES.md"]],
    }


def test_the_generated_tests_pass(project: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    root, _ = project
    run = _python(root, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"tests/{NAME}")
    assert run.returncode == 0, run.stdout + run.stderr
    assert re.search(r"\b\d+ passed\b", run.stdout) and "failed" not in run.stdout, run.stdout


def test_the_new_family_joins_the_import_contracts_and_keeps_them(
    project: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    root, _ = project
    text = (root / "pyproject.toml").read_text(encoding="utf-8")
    assert text.count(f'"platform_lint.families.{NAME}",') == 2
    code = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
    run = _python(root, "-c", code, "--no-cache", "--no-logo")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


def test_the_generated_code_is_linted_and_formatted(
    project: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    root, _ = project
    ruff = shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed (it comes with the dev extras)")
    paths = [f"src/platform_lint/families/{NAME}", f"tests/{NAME}", "src/platform_lint/families/registry.py"]
    for args in (["check", *paths], ["format", "--check", *paths]):
        run = subprocess.run([ruff, *args], cwd=root, capture_output=True, text=True, check=False)
        assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Release", "is not a family name"),
        ("release-notes", "is not a family name"),
        ("9lives", "is not a family name"),
        ("class", "is not a family name"),
        ("codeowners", "families/codeowners exists already"),
        ("registry", "families/registry.py exists already"),
    ],
)
def test_a_bad_or_taken_name_is_refused_and_nothing_is_written(
    name: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _copy_project(tmp_path)
    before = _tree(root)
    assert scaffold.main([name, "--root", str(root)]) == 2
    assert message in capsys.readouterr().err
    assert _tree(root) == before


def test_outside_a_source_checkout_it_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert scaffold.main(["widgets", "--root", str(tmp_path)]) == 2
    assert "is not a platform-lint source checkout" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []

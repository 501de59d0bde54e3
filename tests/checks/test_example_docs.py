"""docs/rules.md and `platform-lint explain TYPE` show each check type's runnable examples
(one that passes, one that fails) and the collectors the check types read."""

from __future__ import annotations

from pathlib import Path

import pytest

from platform_lint import docs
from platform_lint.cli import run
from platform_lint.families.registry import CHECK_TYPES, FACT_KEYS


@pytest.fixture(scope="module")
def rules_md() -> str:
    return docs.render_rules()


def _section(text: str, check_id: str) -> str:
    start = text.index(f'<a id="{docs.check_anchor(check_id)}"></a>')
    end = text.find('<a id="check-', start + 1)
    return text[start : end if end >= 0 else len(text)]


def test_rules_md_shows_every_example_with_its_result(rules_md: str) -> None:
    for check_id, check_type in CHECK_TYPES.items():
        section = _section(rules_md, check_id)
        for example in check_type.examples:
            assert f"{example.title}.*" in section, f"{check_id}: example {example.title!r} not shown"
        assert "*Passes: " in section and "*Fails: " in section, check_id


def test_rules_md_example_reads_as_a_policy_and_a_repository(rules_md: str) -> None:
    section = _section(rules_md, "file-exists")
    block = (
        "*Fails: Documentation, but no README.*\n\n```yaml\ncheck:\n  type: file-exists\n  params:\n"
        "    paths: [README.md, README.rst]\n```\n\nIn the repository:\n\n"
        "- `docs/index.md`: `# Widgets`\n- `src/app.py`: `print('hi')`\n\nResult: **fail** with `missing`."
    )
    assert block in section
    change = _section(rules_md, "changelog.unreleased-updated")
    assert "In the change:\n\n- `src/pets.py`: `def pet(id, fields=None): ...`" in change


def test_rules_md_lists_every_collector(rules_md: str) -> None:
    collectors = rules_md[rules_md.index("## Collectors") :]
    for name, key in FACT_KEYS.items():
        assert f"| `{name}` | {key.summary.split('(')[0].strip()}" in collectors


def test_a_check_type_is_explained_with_its_examples(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["explain", "file-exists", "--path", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    passing = out.index("Passes: A README at the root")
    failing = out.index("Fails: Documentation, but no README")
    assert passing < out.index("result: pass with found") < failing < out.index("result: fail with missing")
    assert "      type: file-exists\n      params:\n        paths: [README.md, README.rst]\n" in out
    assert "      docs/index.md\n        | # Widgets\n" in out


def test_examples_with_a_base_show_the_change(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["explain", "changelog.unreleased-updated", "--path", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "files at the base:" in out
    changed = out.index("changed:\n      src/pets.py\n        | def pet(id, fields=None): ...")
    assert out.index("result: fail with no-entry") > changed


def test_a_rule_points_at_its_check_types_examples(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["explain", "docs.license", "--path", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Examples of docs.license-declared: platform-lint explain docs.license-declared" in out

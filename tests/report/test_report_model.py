"""The report model: JSON read and written back unchanged; a file that is not a report is
refused with the file, line, column and field named (exit 2, no traceback)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from platform_lint.cli import run
from platform_lint.errors import EXIT_CONFIG, InputError
from platform_lint.model import State
from platform_lint.report.load import field_name, load, locate
from platform_lint.report.model import from_dict, to_dict, to_json
from report import samples


def written(report: dict[str, Any]) -> str:
    """A report as ``check --format json`` writes it."""
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("name", sorted(samples.SAMPLES))
def test_samples_read_and_written_back_are_the_same_bytes(name: str) -> None:
    data = samples.SAMPLES[name]()
    assert to_json(from_dict(data)) == written(data)


def test_a_report_without_optional_fields_is_written_back_without_them() -> None:
    data = samples.small()
    del data["tool"]["information_uri"]  # optional in the schema
    data["summary"]["score"] = 40  # an integer stays one
    assert to_json(from_dict(data)) == written(data)


def test_load_reads_the_typed_model(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    path.write_text(written(samples.waived()), encoding="utf-8")
    report = load(path)
    coverage = report.rules[1]
    assert coverage.id == "ownership.codeowners-coverage" and coverage.state is State.FAIL
    waived = coverage.findings[1]
    assert waived.status == "waived" and waived.waiver is not None and waived.waiver.approver == "alice"
    assert waived.location is not None and waived.location.path == "services/billing"
    assert report.summary.rules.not_applicable == 2 and not report.comparison
    assert to_dict(report) == samples.waived()


def _broken(tmp_path: Path, change: Any) -> Path:
    data = samples.small()
    change(data)
    path = tmp_path / "report.json"
    path.write_text(written(data), encoding="utf-8")
    return path


def _position_of(path: Path, needle: str, occurrence: int = 0) -> tuple[int, int]:
    text = path.read_text(encoding="utf-8")
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(needle, at + 1)
    return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)


def test_a_wrong_value_is_located_by_line_column_and_field(tmp_path: Path) -> None:
    path = _broken(tmp_path, lambda d: d["rules"][2].update(state="passed"))
    line, column = _position_of(path, '"state": "passed"')
    column += len('"state": ')
    with pytest.raises(InputError) as caught:
        load(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}:{column}: not a platform-lint report (schema_version 1): ")
    assert "rules[2].state: 'passed' is not one of" in message
    assert caught.value.exit_code == EXIT_CONFIG


def test_a_missing_field_points_at_the_object_that_lacks_it(tmp_path: Path) -> None:
    path = _broken(tmp_path, lambda d: d["rules"][1]["findings"][0].pop("fingerprint"))
    with pytest.raises(InputError) as caught:
        load(path)
    message = str(caught.value)
    assert "rules[1].findings[0]: 'fingerprint' is a required property" in message
    text = path.read_text(encoding="utf-8")
    brace = text.rindex("{", 0, text.index("no owner for 12 files"))  # where that finding opens
    line, column = text.count("\n", 0, brace) + 1, brace - text.rfind("\n", 0, brace)
    assert message.startswith(f"{path}:{line}:{column}: ")


def test_a_broken_location_says_what_is_wrong_inside_it(tmp_path: Path) -> None:
    path = _broken(
        tmp_path, lambda d: d["notices"].append({"kind": "x", "message": "y", "location": {"line": 0}})
    )
    with pytest.raises(InputError) as caught:
        load(path)
    assert "notices[0].location" in str(caught.value)
    assert "is not valid under any of the given schemas" not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"schema_version": 1,\n  "tool": }', "report.json:2:11: not a JSON report: Expecting value"),
        ("[1, 2]", "report.json:1:1: not a platform-lint report (schema_version 1): (report): [1, 2] is not"),
        ('{"schema_version": 2}', "report schema_version 2 is newer than this platform-lint reads (1)"),
        ("", "report.json:1:1: not a JSON report: Expecting value"),
    ],
)
def test_a_file_that_is_not_a_report(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "report.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load(path)
    assert expected.replace("report.json", str(path)) in str(caught.value)


def test_unreadable_reports(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such report"):
        load(tmp_path / "missing.json")
    with pytest.raises(InputError, match="is a folder"):
        load(tmp_path)
    latin = tmp_path / "latin.json"
    latin.write_bytes(b'{"target": "caf\xe9"}')
    with pytest.raises(InputError, match="not UTF-8"):
        load(latin)


def test_commands_reading_a_broken_report_exit_2_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _broken(tmp_path, lambda d: d["summary"].update(score=140))
    line, column = _position_of(path, "140")
    for argv in (
        ["badge", "--report", str(path), "--out", str(tmp_path / "b")],
        ["publish", "--report", str(path)],
    ):
        assert run(argv) == 2
        err = capsys.readouterr().err
        assert (
            f"{path}:{line}:{column}: " in err
            and "summary.score: 140 is greater than the maximum of 100" in err
        )
        assert "Traceback" not in err


@pytest.mark.parametrize(
    ("steps", "name", "position"),
    [
        ([], "(report)", (1, 1)),
        (["a"], "a", (2, 8)),
        (["a", 1], "a[1]", (2, 12)),
        (["b", "c", "d"], "b.c.d", (4, 16)),
        (["b", "missing"], "b.missing", (3, 8)),
        (["a", 7], "a[7]", (2, 8)),
    ],
)
def test_locate_follows_the_path_through_the_text(
    steps: list[str | int], name: str, position: tuple[int, int]
) -> None:
    text = '{\n  "a": [1, {"x": "]"}],\n  "b": {"\\"c": 0,\n    "c": {"d": null}}}'
    assert field_name(steps) == name
    assert locate(text, steps) == position

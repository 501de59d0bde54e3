"""``platform-lint owners``: the rows (families.codeowners.owners) and their exact text.

The JSON is built in bulk, so these tests hold it to what ``json.dump(rows, indent=2)``
writes, byte for byte, on names that need escaping; and the text format to its columns.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from platform_lint.cli import run
from platform_lint.commands import owners as owners_command
from platform_lint.families.codeowners.owners import notes, owners_table, select_paths
from platform_lint.snapshot.memory import MemorySnapshot

CODEOWNERS = """\
* @acme/platform
/docs/ @acme/docs dev@example.com @octocat
*.lock
/gone/ @acme/gone
"""

NAMES = [
    'a "quoted" name.txt',
    "back\\slash.py",
    "tab\there.py",
    "new\nline.txt",
    "café/ü.md",
    "日本/ファイル.go",
    "docs/guide.md",
    "docs/deep/more.md",
    "deps/poetry.lock",
]


def _repo(root: Path, codeowners: str = CODEOWNERS) -> Path:
    for name in NAMES:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x\n")
    (root / "CODEOWNERS").write_text(codeowners)
    return root


def _row(path: str, owners: list[str], line: int | None) -> dict[str, Any]:
    return {"path": path, "owners": owners, "line": line}


@pytest.mark.parametrize("chunk", [1, 3, 8192])
def test_json_is_byte_for_byte_what_json_dump_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    monkeypatch.setattr(owners_command, "CHUNK", chunk)  # rows are written a chunk at a time
    repo = _repo(tmp_path)
    assert run(["owners", "--repo", str(repo), "--format", "json"]) == 0
    out = capsys.readouterr().out
    docs = ["@acme/docs", "dev@example.com", "@octocat"]
    expected = sorted(
        [
            _row("CODEOWNERS", ["@acme/platform"], 1),
            *(_row(n, ["@acme/platform"], 1) for n in NAMES[:6]),
            _row("docs/guide.md", docs, 2),
            _row("docs/deep/more.md", docs, 2),
            _row("deps/poetry.lock", [], 3),
        ],
        key=lambda r: r["path"],
    )
    assert out == json.dumps(expected, indent=2) + "\n"


def test_json_of_nothing_and_of_unmatched_paths(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = _repo(tmp_path, "/docs/ @acme/docs\n")
    assert run(["owners", "--repo", str(repo), "--format", "json", "docs", "tab\there.py"]) == 0
    out = capsys.readouterr().out
    expected = [
        _row("docs/deep/more.md", ["@acme/docs"], 1),
        _row("docs/guide.md", ["@acme/docs"], 1),
        _row("tab\there.py", [], None),
    ]
    assert out == json.dumps(expected, indent=2) + "\n"
    assert run(["owners", "--repo", str(repo), "--format", "json", "--unowned", "docs"]) == 0
    assert capsys.readouterr().out == "[]\n"


@pytest.mark.parametrize("chunk", [2, 8192])
def test_text_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    monkeypatch.setattr(owners_command, "CHUNK", chunk)
    repo = _repo(tmp_path)
    assert run(["owners", "--repo", str(repo), "docs/guide.md", "deps/poetry.lock", "nowhere.txt"]) == 0
    assert capsys.readouterr().out == (
        "docs/guide.md     @acme/docs dev@example.com @octocat  (CODEOWNERS:2 '/docs/')\n"
        "deps/poetry.lock  (unowned: CODEOWNERS:3 '*.lock' has no owners)\n"
        "nowhere.txt       @acme/platform  (CODEOWNERS:1 '*')\n"
    )
    (repo / "CODEOWNERS").write_text("/docs/ @acme/docs\n")
    assert run(["owners", "--repo", str(repo), "--unowned", "deps", "docs"]) == 0
    assert capsys.readouterr().out == "deps/poetry.lock  (unowned: no rule matches)\n"


def test_selection_keeps_the_order_asked_and_each_path_once() -> None:
    snapshot = MemorySnapshot({"a/x.py": "", "a/b/y.py": "", "c.txt": "", "CODEOWNERS": "/a/ @t\n"})
    assert select_paths(snapshot, []) == ("CODEOWNERS", "a/b/y.py", "a/x.py", "c.txt")
    assert select_paths(snapshot, ["c.txt", "a", "a/x.py", "new/file"]) == (
        "c.txt",
        "a/b/y.py",
        "a/x.py",
        "new/file",
    )
    table = owners_table(snapshot, ["new/file", "a"])
    assert table.paths == ("new/file", "a/b/y.py", "a/x.py")
    assert [r.line if r else None for r in map(table.rule, range(3))] == [None, 1, 1]
    assert table.unowned().paths == ("new/file",)


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"a.txt": ""}, "no CODEOWNERS file (.github/CODEOWNERS, CODEOWNERS, docs/CODEOWNERS)"),
        ({"CODEOWNERS": b"\0binary"}, "CODEOWNERS is not loaded (binary)"),
        ({"CODEOWNERS": "* @a\n!x @b\n"}, "CODEOWNERS: 1 invalid lines skipped, as GitHub does (lines 2)"),
        ({"CODEOWNERS": "* @a\n", "docs/CODEOWNERS": "* @b\n"}, "docs/CODEOWNERS is ignored"),
    ],
)
def test_notes_about_the_codeowners_file(files: dict[str, str | bytes], expected: str) -> None:
    table = owners_table(MemorySnapshot(files))
    assert any(note.startswith(expected) for note in notes(table.facts)), notes(table.facts)

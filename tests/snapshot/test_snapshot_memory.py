"""The in-memory snapshot and the helpers every snapshot shares (base.RepoSnapshot)."""

from __future__ import annotations

import pytest

from platform_lint.errors import UsageError
from platform_lint.snapshot.base import FileContent, decode_text, looks_binary
from platform_lint.snapshot.memory import MemorySnapshot


def make() -> MemorySnapshot:
    return MemorySnapshot(
        {
            "README.md": "# hi\n",
            "docs/a/b.md": "deep\n",
            "img.png": b"\x89PNG\x00\x00",
            "big.txt": "x" * 50,
            "bom.txt": "\ufeffbom\n",
        },
        label="demo",
        refs={"v1": {"README.md": "# old\n", "OLD.md": "gone\n"}},
        max_bytes=40,
    )


def test_listing_and_lookups() -> None:
    snap = make()
    assert snap.files() == ("README.md", "big.txt", "bom.txt", "docs/a/b.md", "img.png")
    assert snap.exists("README.md") and not snap.exists("docs")
    assert snap.directories == frozenset({"docs", "docs/a"})
    assert snap.glob(["**/*.md"]) == ["README.md", "docs/a/b.md"]
    assert snap.size("README.md") == 5 and snap.size("nope") is None
    assert snap.tags() == ()


@pytest.mark.parametrize(
    ("path", "problem", "text"),
    [
        ("README.md", None, "# hi\n"),
        ("bom.txt", None, "bom\n"),
        ("img.png", "binary", None),
        ("big.txt", "too-large", None),
        ("missing.md", "missing", None),
    ],
)
def test_read(path: str, problem: str | None, text: str | None) -> None:
    content = make().read(path)
    assert (content.problem, content.text, content.ok) == (problem, text, problem is None)
    assert content.path == path


def test_read_with_a_larger_cap() -> None:
    assert make().read("big.txt", max_bytes=100).text == "x" * 50


def test_at_ref() -> None:
    snap = make()
    old = snap.at_ref("v1")
    assert old.files() == ("OLD.md", "README.md")
    assert old.read("README.md").text == "# old\n"
    assert old.ref == "v1" and old.label == "demo@v1"
    assert old.max_bytes == snap.max_bytes
    assert old.at_ref("v1").files() == old.files()


def test_at_unknown_ref_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="nope"):
        make().at_ref("nope")


@pytest.mark.parametrize(
    ("data", "binary"),
    [
        (b"", False),
        (b"text\n", False),
        (b"a\x00b", True),
        (b"a" * 8192 + b"\x00", False),
        (b"a" * 8191 + b"\x00", True),
    ],
)
def test_looks_binary(data: bytes, binary: bool) -> None:
    assert looks_binary(data) is binary


def test_decode_text_replaces_undecodable_bytes() -> None:
    assert decode_text("a", b"caf\xe9", 4) == FileContent("a", "caf\ufffd", 4, bad_utf8_line=1)
    assert decode_text("a", b"ok\n\nno \xff\n", 8).bad_utf8_line == 3  # where YAML/JSON loaders report it
    assert decode_text("a", "café\n".encode(), 6).bad_utf8_line is None
    assert decode_text("a", b"\x00", 1).problem == "binary"

"""platform_lint.safety on its own: what mask, scrub, the escaping functions and safe_url promise."""

from __future__ import annotations

import base64
import dataclasses

import pytest

from platform_lint import safety
from platform_lint.model import Location, State


@pytest.mark.parametrize("prefix", ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"])
def test_anything_shaped_like_a_github_token_is_masked(prefix: str) -> None:
    token = prefix + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"
    assert safety.mask(f"token={token}.") == "token=***."


def test_fine_grained_tokens_and_header_values_are_masked() -> None:
    pat = "github_pat_11AAAAAAA0abcdefghijklmn_opqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcd"
    assert safety.mask(f"use {pat} here") == "use *** here"
    assert safety.mask("Authorization: Bearer abc.def-ghi") == "Authorization: Bearer ***"
    assert safety.mask("AUTHORIZATION: basic eC1hY2Nlc3M6dG9rZW4=") == "AUTHORIZATION: basic ***"
    assert safety.mask("authorization=token deadbeefcafe") == "authorization=token ***"


def test_ordinary_text_is_left_alone() -> None:
    text = "ghp_ is a prefix; see docs at https://github.com/ghs_/x and Authorization headers"
    assert safety.mask(text) == text


def test_tokens_in_use_and_registered_secrets_are_masked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "v1.an-old-style-token-value")
    assert safety.mask("got v1.an-old-style-token-value back") == "got *** back"
    header = "AUTHORIZATION: basic " + base64.b64encode(b"x-access-token:opaque-value-42").decode()
    safety.add_secrets(safety.header_credentials(header))
    assert safety.mask("opaque-value-42 and " + header.split()[-1]) == "*** and ***"
    safety.add_secret("short")  # too short to mask without erasing ordinary words
    assert safety.mask("a short word") == "a short word"


@dataclasses.dataclass(frozen=True)
class Item:
    name: str
    state: State
    where: Location | None
    args: dict[str, object]
    tags: tuple[str, ...] = ()


def test_scrub_walks_dataclasses_and_keeps_what_needs_no_change() -> None:
    clean = Item("ok", State.PASS, Location("a.md", 1), {"n": 1}, ("x",))
    assert safety.scrub(clean) is clean
    token = "ghs_" + "z" * 36
    dirty = Item(
        "caf\udce9 " + token, State.FAIL, Location("b\udce9.md", 2, snippet=token), {"k": [token]}, (token,)
    )
    scrubbed = safety.scrub(dirty)
    assert scrubbed.name == "caf\\xe9 ***"
    assert scrubbed.state is State.FAIL
    assert scrubbed.where == Location("b\\xe9.md", 2, snippet="***")
    assert scrubbed.args == {"k": ["***"]} and scrubbed.tags == ("***",)
    assert scrubbed.name.encode("utf-8")


def test_terminal_text_and_one_line() -> None:
    hostile = "ok\x1b[2J\x1b]0;title\x07 ::not-a-command\n  ::error::x\r\n##[warning]y\x00"
    text = safety.terminal_text(hostile)
    assert "\x1b" not in text and "\x07" not in text and "\x00" not in text and "\r" not in text
    assert text.splitlines()[1] == "  :\u200b:error::x"
    assert "#\u200b#[warning]y" in text and " ::not-a-command" in text
    assert safety.one_line("a\n::error::b\u2028c") == "a ::error::b c"
    assert safety.one_line("::error::b") == ":\u200b:error::b"


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.com/docs#x", True),
        ("http://example.com", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)//https://x", False),
        ("data:text/html,hi", False),
        ("/relative/path", False),
        ("https://", False),
        ("https://example.com/\x1b[31m", False),
    ],
)
def test_safe_url_is_http_only(url: str, kept: bool) -> None:
    assert (safety.safe_url(url) == url) is kept


def test_every_file_writer_masks(tmp_path: object) -> None:
    from pathlib import Path

    from platform_lint.orgscan.files import write_atomic as orgscan_write
    from platform_lint.report.reporter import write_file

    folder = Path(str(tmp_path))
    token = "ghs_" + "CloneUrlToken0123456789abcdefghijklmno"
    text = f"clone failed: https://x-access-token:{token}@github.com/acme/widgets.git\n"
    write_file(folder / "report.txt", text)
    orgscan_write(folder / "manifest.json", text)
    for name in ("report.txt", "manifest.json"):
        written = (folder / name).read_text(encoding="utf-8")
        assert token not in written and "x-access-token:***@github.com" in written

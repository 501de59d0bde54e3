"""YAML, JSON and API-spec loading on hostile text: data, or an error with its line.

Every YAML or JSON file platform-lint reads belongs to the repository or the policy. The
loaders' documented outcomes are the only ones allowed: ``load_yaml`` and
``load_plain_all`` give data or a ``ConfigError`` (exit 2) naming the file; ``load_json``
gives data or a ``JsonError`` with a line; ``load_spec`` never raises, it returns a
``LoadError``.

Text here is text as read from a file: every reader decodes bytes with replacement (or
refuses what is not UTF-8), so a lone surrogate never reaches a loader as a character.
Escaped ones (``"\\ud800"`` in JSON, ``"\\uD800"`` in YAML) do, and are generated.
"""

from __future__ import annotations

import json
import string

from hypothesis import example, given
from hypothesis import strategies as st

from fuzz.profile import FUZZ
from platform_lint.errors import EXIT_CONFIG, ConfigError
from platform_lint.families.contracts.loader import LoadError, SpecDocument, load_spec
from platform_lint.yamlio import JsonError, load_json, load_plain_all, load_yaml, load_yaml_all, to_plain

YAML_PIECES = [
    "a: 1\n", "- x\n", "  ", "\t", "key: &anchor [1, 2]\n", "ref: *anchor\n", "*missing\n", "&a [*a]\n",
    "<<: *anchor\n", "? complex\n: key\n", "!!python/name:os.system\n", "!!binary AAAA\n", "!custom x\n",
    "---\n", "...\n", "%YAML 1.2\n", "%TAG ! tag:x,2000:\n", "{a: [b, {c: d}]}\n", "[[[[[[\n", "]]]]\n",
    "'quoted\n", '"esc \\x41 \\u00e9 \\uD800"\n', "|\n  block\n", ">-\n  folded\n", "# c\n", "a: b: c\n",
    "2026-13-45\n", "2026-02-01\n", "0x1F\n", "1_000\n", "9" * 4400 + "\n", ".inf\n", ".nan\n", "~\n",
    "a: 1\na: 2\n", "\ufeff", "\x00", "\x85", "\u2028", "\r\n", "é: ü\n",
]  # fmt: skip
JSON_PIECES = [
    "{", "}", "[", "]", ",", ":", '"a"', '"\\u0000"', '"\\ud800"', "1", "-0", "1e999", "1" * 4400, "true",
    "null", "NaN", "Infinity", " ", "\n", '{"a": 1, "a": 2}', "[" * 50, "]" * 50, '"unterminated',
]  # fmt: skip

decoded = st.binary(max_size=24).map(lambda raw: raw.decode("utf-8", errors="replace"))
characters = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=20)
yaml_text = st.one_of(
    st.lists(st.sampled_from(YAML_PIECES), max_size=12).map("".join),
    st.text(alphabet=string.printable, max_size=40),
    characters,
    decoded,
)
json_text = st.one_of(
    st.lists(st.sampled_from(JSON_PIECES), max_size=16).map("".join),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),  # json.dumps escapes
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
        max_leaves=10,
    ).map(json.dumps),
)


def _named(exc: ConfigError, path: str) -> None:
    assert exc.exit_code == EXIT_CONFIG and exc.path == path and str(exc)


@FUZZ
@given(text=yaml_text)
@example(text="key: &anchor [1, 2]\nkey: &anchor [1, 2]\n")  # found: ruamel only warned (and accepted it)
def test_round_trip_yaml_is_data_or_a_located_error(text: str) -> None:
    try:
        doc = load_yaml(text, "doc.yml")
    except ConfigError as exc:
        _named(exc, "doc.yml")
        return
    to_plain(doc.data)
    try:
        docs = load_yaml_all(text, "doc.yml")
    except ConfigError as exc:
        _named(exc, "doc.yml")
        return
    for each in docs:
        to_plain(each.data)


@FUZZ
@given(text=yaml_text)
def test_plain_yaml_is_data_or_a_located_error(text: str) -> None:
    try:
        load_plain_all(text, "doc.yml")
    except ConfigError as exc:
        _named(exc, "doc.yml")


@FUZZ
@given(text=json_text)
def test_json_is_data_or_an_error_with_its_line(text: str) -> None:
    try:
        load_json(text)
    except JsonError as exc:
        assert exc.message and (exc.line is None or exc.line >= 1)


@FUZZ
@given(text=yaml_text | json_text, name=st.sampled_from(["openapi.yaml", "openapi.json", "api.yml"]))
def test_a_spec_file_loads_or_says_where_it_does_not(text: str, name: str) -> None:
    loaded = load_spec(name, text)
    if isinstance(loaded, LoadError):
        assert loaded.message and (loaded.line is None or loaded.line >= 1)
        return
    assert isinstance(loaded, SpecDocument)
    if isinstance(loaded.data, dict):
        for key in list(loaded.data)[:3]:
            line = loaded.line_of([key])
            assert line is None or line >= 1


def test_an_anchor_defined_twice_is_refused_at_its_line_by_both_yaml_loaders() -> None:
    text = "a: &x 1\nb: &x 2\nc: *x\n"
    for load in (load_yaml, load_plain_all):
        try:
            load(text, "doc.yml")
        except ConfigError as exc:
            assert (exc.path, exc.line) == ("doc.yml", 2), exc
        else:
            raise AssertionError(f"{load.__name__} accepted an anchor defined twice")

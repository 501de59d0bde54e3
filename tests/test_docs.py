"""docs/rules.md and docs/contracts.md are generated from the code and must not drift from it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from platform_lint import docs
from platform_lint.policy.model import Settings
from platform_lint.report.build import docs_url

DOCS = Path(__file__).resolve().parents[1] / "docs"
REGENERATE = "regenerate it with 'PYTHONPATH=src python -m platform_lint.docs' (or 'make docs') and commit it"

_ID = re.compile(r'<a id="([^"]+)"></a>')
_HEADING = re.compile(r"^#{1,6} (.+)$", re.MULTILINE)
_LINK = re.compile(r"\]\(([^)\s]*)\)")
_SPAN = re.compile(r"`[^`\n]+`")


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    return docs.render_all()


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    text = heading.strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def _anchors(text: str) -> list[str]:
    return _ID.findall(text) + [_slug(h) for h in _HEADING.findall(_without_code(text))]


def _without_code(text: str) -> str:
    return re.sub(r"^\s*```.*?^\s*```", "", text, flags=re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize("name", ["rules.md", "contracts.md"])
def test_committed_docs_match_the_generator(rendered: dict[str, str], name: str) -> None:
    path = DOCS / name
    assert path.is_file(), f"docs/{name} is missing; {REGENERATE}"
    assert path.read_text(encoding="utf-8") == rendered[name], f"docs/{name} is out of date; {REGENERATE}"


def test_rendering_is_deterministic(rendered: dict[str, str]) -> None:
    assert docs.render_all() == rendered


def test_every_docs_anchor_of_the_pack_exists_in_rules_md() -> None:
    ids = set(_ID.findall((DOCS / "rules.md").read_text(encoding="utf-8")))
    policy = docs.load_pack()
    missing = [f"{r.id}: {r.docs}" for r in policy.rules if r.docs and r.docs.lstrip("#") not in ids]
    assert not missing, f"docs anchors not in docs/rules.md: {missing}; {REGENERATE}"
    assert all(r.docs for r in policy.rules), "every rule of the recommended pack has a docs anchor"


def test_report_links_point_at_rules_md() -> None:
    base = Settings().docs_url
    assert base.endswith("/blob/main/docs/rules.md")
    ids = set(_ID.findall((DOCS / "rules.md").read_text(encoding="utf-8")))
    for rule in docs.load_pack().rules:
        url = docs_url(rule.docs, base)
        assert url is not None and url.startswith(base + "#")
        assert url.split("#", 1)[1] in ids


@pytest.mark.parametrize("name", ["rules.md", "contracts.md"])
def test_anchors_are_unique_and_links_resolve(rendered: dict[str, str], name: str) -> None:
    anchors = {n: _anchors(t) for n, t in rendered.items()}
    own = anchors[name]
    duplicates = sorted({a for a in own if own.count(a) > 1})
    assert not duplicates, f"{name}: anchors defined twice: {duplicates}"
    broken = []
    for target in _LINK.findall(_SPAN.sub("", _without_code(rendered[name]))):  # links in code are text
        if "://" in target:
            continue
        file, _, fragment = target.partition("#")
        file = file or name
        assert file in anchors, f"{name} links to {target}, not a generated file"
        if fragment and fragment not in anchors[file]:
            broken.append(target)
    assert not broken, f"{name}: links to missing anchors: {broken}"


def test_check_mode(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert docs.main(["--out", str(tmp_path), "--check"]) == 1
    assert "python -m platform_lint.docs" in capsys.readouterr().err
    assert docs.main(["--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contracts.md", "rules.md"]
    assert docs.main(["--out", str(tmp_path), "--check"]) == 0
    (tmp_path / "rules.md").write_text("stale\n", encoding="utf-8")
    assert docs.main(["--out", str(tmp_path), "--check"]) == 1


def test_params_table_reads_the_schema() -> None:
    table = "\n".join(
        docs.params_table(
            {
                "type": "object",
                "additionalProperties": False,
                "required": ["paths"],
                "properties": {
                    "paths": {"type": "array", "items": {"type": "string", "format": "glob"}, "minItems": 1},
                    "mode": {"enum": ["a", "b"], "default": "a", "description": "pick | one"},
                },
            }
        )
    )
    assert "| `paths` | array of string (glob), non-empty |  | required |" in table
    assert '| `mode` | one of `"a"`, `"b"` | pick \\| one | `"a"` |' in table
    assert docs.params_table({"type": "object", "properties": {}}) == ["No params."]

"""Formatter and linter settings, read by content, and languages whose formatter needs none.

A ``[tool.ruff]`` table in pyproject.toml is ruff's settings as much as a ruff.toml is; a
``[flake8]`` section in setup.cfg or tox.ini is flake8's. Files whose name says what they
are (``.golangci.yml``, ``.prettierrc``) count anywhere in the product (``ui/.prettierrc``)
when they are not empty. A Go module needs no formatter settings (gofmt has none), nor does
a Rust crate (rustfmt's defaults), Terraform (``terraform fmt``) or Dart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from platform_lint.families.collector import CollectEnv
from platform_lint.families.shared.product import is_product
from platform_lint.snapshot.base import FileContent, RepoSnapshot
from platform_lint.yamlio import JsonError, load_json

READ_BYTES = 512 * 1024
MAX_NESTED_READS = 60
"""Nested pyproject.toml, setup.cfg, tox.ini and package.json files read at most (root first)."""


def read_capped(snapshot: RepoSnapshot, path: str, limit: int = READ_BYTES) -> FileContent:
    return snapshot.read(path, min(limit, snapshot.max_bytes))


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


@dataclass(frozen=True)
class ToolSettings:
    """Settings for one tool: ``kinds`` among formatter, linter, editor; ``zero_config`` when the
    evidence is a language whose formatter has no settings (``reason`` says which)."""

    path: str
    tool: str
    kinds: tuple[str, ...]
    line: int | None = None
    zero_config: bool = False
    reason: str = ""


@dataclass(frozen=True)
class FormattingFacts:
    settings: tuple[ToolSettings, ...]


_F, _L, _E = ("formatter",), ("linter",), ("editor",)
_FL = ("formatter", "linter")

# file names that say what they configure: (globs, tool, kinds)
_NAMED: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = (
    (("**/ruff.toml", "**/.ruff.toml"), "ruff", _FL),
    (("**/.flake8",), "flake8", _L),
    (("**/.isort.cfg",), "isort", _F),
    (("**/.pylintrc", "**/pylintrc"), "pylint", _L),
    (("**/.style.yapf",), "yapf", _F),
    (("**/mypy.ini", "**/.mypy.ini"), "mypy", _L),
    (
        ("**/.markdownlint{,.json,.jsonc,.yaml,.yml}", "**/.markdownlint-cli2.{jsonc,yaml,cjs,mjs}"),
        "markdownlint",
        _L,
    ),
    (("**/.yamllint{,.yaml,.yml}",), "yamllint", _L),
    (("**/.eslintrc{,.json,.yml,.yaml,.js,.cjs}", "**/eslint.config.{js,cjs,mjs,ts,mts,cts}"), "ESLint", _L),
    (
        (
            "**/.prettierrc{,.json,.yml,.yaml,.json5,.js,.cjs,.mjs,.toml}",
            "**/prettier.config.{js,cjs,mjs,ts}",
        ),
        "Prettier",
        _F,
    ),
    (("**/biome.json", "**/biome.jsonc"), "Biome", _FL),
    (("**/.golangci.{yml,yaml,toml,json}",), "golangci-lint", _L),
    (("**/rustfmt.toml", "**/.rustfmt.toml"), "rustfmt", _F),
    (("**/clippy.toml", "**/.clippy.toml"), "clippy", _L),
    (("**/.clang-format",), "clang-format", _F),
    (("**/.clang-tidy",), "clang-tidy", _L),
    (("**/.rubocop.yml",), "RuboCop", _FL),
    (("**/.stylelintrc{,.json,.yml,.yaml,.js,.cjs}", "**/stylelint.config.{js,cjs,mjs}"), "Stylelint", _L),
    (("**/.swiftlint.yml",), "SwiftLint", _L),
    (("**/.swiftformat",), "SwiftFormat", _F),
    (("**/.scalafmt.conf",), "scalafmt", _F),
    (("**/detekt.yml", "**/detekt-config.yml"), "detekt", _L),
    (("**/.hadolint.{yml,yaml}",), "hadolint", _L),
    (("**/.shellcheckrc",), "ShellCheck", _L),
    (("**/.tflint.hcl",), "TFLint", _L),
    (("**/dprint.json", "**/.dprint.json"), "dprint", _F),
    (("**/.php-cs-fixer{,.dist}.php",), "PHP CS Fixer", _F),
    (("**/phpcs.xml{,.dist}",), "PHP_CodeSniffer", _L),
    (("**/checkstyle.xml",), "Checkstyle", _L),
    (("**/.formatter.exs",), "mix format", _F),
    (("**/.credo.exs",), "Credo", _L),
    (("**/stylua.toml", "**/.stylua.toml"), "StyLua", _F),
    (("**/.ocamlformat",), "ocamlformat", _F),
    (("**/.csharpierrc{,.json,.yaml}",), "CSharpier", _F),
    (("**/.jshintrc",), "JSHint", _L),
    (("**/tslint.json",), "TSLint", _L),
    (("**/.spectral.{yaml,yml,json}", "**/spectral.{yaml,yml}"), "Spectral", _L),
)

_PY_TOOLS = {
    "ruff": _FL,
    "black": _F,
    "blue": _F,
    "isort": _F,
    "yapf": _F,
    "autopep8": _F,
    "docformatter": _F,
    "flake8": _L,
    "pylint": _L,
    "mypy": _L,
    "pyright": _L,
    "pydocstyle": _L,
    "pycodestyle": _L,
    "codespell": _L,
}
_PYPROJECT_TABLE = re.compile(r"^\[tool\.(" + "|".join(_PY_TOOLS) + r")(?:[.\]])", re.M)
_CFG_SECTION = re.compile(
    r"^\[(?:tool:)?(flake8|isort|pycodestyle|pylint|mypy|yapf|pydocstyle|codespell)\]", re.M
)
_EDITORCONFIG = re.compile(r"^\s*\[[^\]]+\]\s*$(?:.|\n)*?^\s*[\w-]+\s*=", re.M)
_PACKAGE_KEYS = {"prettier": ("Prettier", _F), "eslintConfig": ("ESLint", _L), "stylelint": ("Stylelint", _L)}

# languages whose formatter needs no settings: (globs, tool, reason)
_ZERO_CONFIG: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("go.mod", "**/go.mod"), "gofmt", "a Go module: gofmt has no settings to commit"),
    (
        ("Cargo.toml", "**/Cargo.toml"),
        "rustfmt",
        "a Rust crate: rustfmt's defaults apply without a rustfmt.toml",
    ),
    (("*.tf",), "terraform fmt", "a Terraform module: terraform fmt has no settings"),
    (("pubspec.yaml",), "dart format", "a Dart package: dart format has no settings"),
    (("build.zig",), "zig fmt", "a Zig project: zig fmt has no settings"),
)


def _root_first(paths: list[str]) -> list[str]:
    return sorted(paths, key=lambda p: (p.count("/"), p))


def collect_formatting(snapshot: RepoSnapshot, env: CollectEnv, args: tuple[Any, ...]) -> FormattingFacts:
    found: list[ToolSettings] = []
    for globs, tool, kinds in _NAMED:
        for path in _root_first(snapshot.glob(globs)):
            if (snapshot.size(path) or 0) > 0 and is_product(snapshot, path):
                found.append(ToolSettings(path, tool, kinds))
                break  # one file per tool is enough evidence
    if snapshot.exists(".editorconfig"):
        text = read_capped(snapshot, ".editorconfig").text or ""
        match = _EDITORCONFIG.search(text)
        if match:
            found.append(ToolSettings(".editorconfig", "EditorConfig", _E, line_of(text, match.start())))
    reads = 0
    seen_tools = {s.tool for s in found}
    for path in _root_first(
        snapshot.glob(
            [
                "pyproject.toml",
                "**/pyproject.toml",
                "setup.cfg",
                "**/setup.cfg",
                "tox.ini",
                "**/tox.ini",
                "package.json",
                "**/package.json",
            ]
        )
    ):
        if reads >= MAX_NESTED_READS or not is_product(snapshot, path):
            continue
        reads += 1
        content = read_capped(snapshot, path)
        if content.text is None:
            continue
        for setting in _from_text(path, content.text):
            if setting.tool not in seen_tools:
                seen_tools.add(setting.tool)
                found.append(setting)
    for globs, tool, reason in _ZERO_CONFIG:
        for path in _root_first(snapshot.glob(globs)):
            if is_product(snapshot, path):
                found.append(ToolSettings(path, tool, _F, zero_config=True, reason=reason))
                break
    return FormattingFacts(tuple(found))


def _from_text(path: str, text: str) -> list[ToolSettings]:
    name = path.rpartition("/")[2]
    found: list[ToolSettings] = []
    if name == "pyproject.toml":
        for match in _PYPROJECT_TABLE.finditer(text):
            tool = match.group(1)
            found.append(ToolSettings(path, tool, _PY_TOOLS[tool], line_of(text, match.start())))
    elif name in ("setup.cfg", "tox.ini"):
        for match in _CFG_SECTION.finditer(text):
            tool = match.group(1)
            found.append(ToolSettings(path, tool, _PY_TOOLS[tool], line_of(text, match.start())))
    elif name == "package.json" and any(f'"{key}"' in text for key in _PACKAGE_KEYS):
        try:
            data = load_json(text)
        except JsonError:
            return found
        if isinstance(data, dict):
            for key, (tool, kinds) in _PACKAGE_KEYS.items():
                if data.get(key):
                    key_at = re.search(rf'"{key}"\s*:', text)
                    line = line_of(text, key_at.start()) if key_at else None
                    found.append(ToolSettings(path, tool, kinds, line))
    return found

"""The import contracts in pyproject.toml hold for platform_lint, and each one catches what it forbids.

docs/architecture.md explains the layers. The contracts run through import-linter's own command
line (`lint-imports`, also part of `make check`), so a broken contract fails the test suite too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

import grimp
import pytest
from importlinter.api import read_configuration

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"
FAMILIES = ROOT / "src" / "platform_lint" / "families"
SYNTH = "synthlint"

_RUN_LINT_IMPORTS = (
    "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
)


def _contracts() -> list[dict]:
    return list(read_configuration(str(PYPROJECT))["contracts_options"])


def _contract(contract_id: str) -> dict:
    return next(c for c in _contracts() if c["id"] == contract_id)


def _lint_imports(config: Path, *, pythonpath: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(pythonpath), "COLUMNS": "300", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-c", _RUN_LINT_IMPORTS, "--config", str(config), "--no-cache", "--no-logo"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def import_cycles(
    graph: grimp.ImportGraph, package: str, ignored: Iterable[tuple[str, str]] = ()
) -> list[list[str]]:
    """Groups of modules of `package` that import each other, directly or through others.

    Strongly connected components of the module import graph (Tarjan, iterative), so a cycle
    between a package's __init__ and one of its own modules counts too.
    """
    skip = set(ignored)
    modules = sorted(m for m in graph.modules if m == package or m.startswith(package + "."))
    inside = set(modules)
    edges = {
        m: sorted(i for i in graph.find_modules_directly_imported_by(m) if i in inside and (m, i) not in skip)
        for m in modules
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    for start in modules:
        if start in index:
            continue
        work = [(start, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            if child < len(edges[node]):
                work.append((node, child + 1))
                nxt = edges[node][child]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1 or node in edges[node]:
                    cycles.append(sorted(group))
    return sorted(cycles)


def _ignored_pairs(contract: Mapping) -> list[tuple[str, str]]:
    pairs = []
    for entry in contract.get("ignore_imports", []):
        importer, imported = (part.strip() for part in entry.split("->"))
        pairs.append((importer, imported))
    return pairs


# --- platform_lint itself ---------------------------------------------------------------------


def test_platform_lint_keeps_every_import_contract() -> None:
    run = _lint_imports(PYPROJECT, pythonpath=ROOT / "src", cwd=ROOT)
    assert run.returncode == 0, (
        f"an import contract is broken (see docs/architecture.md):\n{run.stdout}{run.stderr}"
    )
    assert f"{len(_contracts())} kept, 0 broken" in run.stdout, run.stdout


def test_platform_lint_has_no_import_cycle_between_modules() -> None:
    """Stricter than the acyclic_siblings contract: a package and its own modules count too."""
    graph = grimp.build_graph("platform_lint")
    cycles = import_cycles(graph, "platform_lint", _ignored_pairs(_contract("acyclic")))
    assert cycles == [], f"modules that import each other: {cycles}"


def test_every_family_is_in_the_independence_contract() -> None:
    """A new family folder must join the contracts that keep families apart."""
    on_disk = {
        f"platform_lint.families.{d.name}"
        for d in FAMILIES.iterdir()
        if (d / "__init__.py").is_file() and d.name != "shared"
    }
    for contract_id, key in (
        ("families-independent", "modules"),
        ("shared-knows-no-family", "forbidden_modules"),
    ):
        listed = set(_contract(contract_id)[key])
        assert listed == on_disk, (
            f"pyproject.toml contract {contract_id!r} {key} should list exactly the family packages: "
            f"missing {sorted(on_disk - listed)}, stale {sorted(listed - on_disk)}"
        )


def test_every_ignored_import_says_why() -> None:
    text = PYPROJECT.read_text(encoding="utf-8").splitlines()
    for contract in _contracts():
        for entry in contract.get("ignore_imports", []):
            line = next(i for i, t in enumerate(text) if json.dumps(entry) in t)
            above = text[line - 1].strip()
            assert above.startswith("#"), (
                f"ignore_imports entry {entry!r} needs a comment above it saying why"
            )


# --- the contracts catch violations: a synthetic package that breaks each one --------------------

# importer module -> the import that breaks the contract with that id
VIOLATIONS = {
    "layers": ("snapshot.local", "families.files.facts"),
    "families-independent": ("families.files.checks", "families.codeowners.facts"),
    "shared-knows-no-family": ("families.shared.versions", "families.changelog.facts"),
    "families-stay-inside": ("families.changelog.publish", "commands.render"),
    "one-pygithub-importer": ("report.badge", "github"),
    "evaluate-reads-no-repository": ("evaluate", "snapshot.base"),
    "acyclic": ("policy.model", "policy.loader"),
}
# policy.loader importing policy.model is normal; with the line above the two form a cycle
_ALSO = {"policy.loader": ["policy.model"]}


def _synth(name: str) -> str:
    return name if name == "github" else f"{SYNTH}.{name}"


def _rename(value: object) -> object:
    if isinstance(value, str):
        return value.replace("platform_lint", SYNTH)
    if isinstance(value, list):
        return [_rename(v) for v in value]
    return value


def _module_names(contract: Mapping) -> set[str]:
    names: set[str] = set()
    for key in ("modules", "source_modules", "forbidden_modules", "ancestors", "containers"):
        names.update(contract.get(key, []))
    for layer in contract.get("layers", []):
        for tail in layer.replace(":", "|").split("|"):
            for container in contract.get("containers", []):
                names.add(f"{container}.{tail.strip().strip('()')}")
    return {n for n in names if n.startswith(SYNTH)}


@pytest.fixture(scope="module")
def synthetic_run(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    """lint-imports with platform_lint's own contracts over a package that breaks every one."""
    base = tmp_path_factory.mktemp("synthetic")
    contracts = [
        {k: v if k in ("id", "name") else _rename(v) for k, v in c.items() if k != "ignore_imports"}
        for c in _contracts()
    ]
    imports: dict[str, list[str]] = {_synth(a): [_synth(b)] for a, b in VIOLATIONS.values()}
    for importer, imported in _ALSO.items():
        imports.setdefault(_synth(importer), []).extend(_synth(i) for i in imported)
    names = {SYNTH} | set(imports) | {i for targets in imports.values() for i in targets}
    for contract in contracts:
        names |= _module_names(contract)
    names.discard("github")
    for name in sorted(names):
        parts = name.split(".")
        for depth in range(1, len(parts)):
            names.add(".".join(parts[:depth]))
    for name in sorted(names):
        is_package = any(other.startswith(name + ".") for other in names)
        path = base.joinpath(*name.split("."))
        path = path / "__init__.py" if is_package else path.with_suffix(".py")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(f"import {i}\n" for i in imports.get(name, [])), encoding="utf-8")

    lines = [f'[tool.importlinter]\nroot_package = "{SYNTH}"\ninclude_external_packages = true\n']
    for contract in contracts:
        lines.append("[[tool.importlinter.contracts]]")
        lines.extend(f"{key} = {json.dumps(value)}" for key, value in contract.items())
        lines.append("")
    config = base / "pyproject.toml"
    config.write_text("\n".join(lines), encoding="utf-8")
    return _lint_imports(config, pythonpath=base, cwd=base)


def _broken_section(output: str, contract_name: str) -> str:
    """The details lint-imports prints under one broken contract's heading."""
    details = output.split("Broken contracts", 1)[-1]
    heading = f"\n{contract_name}\n"
    assert heading in details, f"{contract_name!r} is not reported broken:\n{output}"
    section = details.split(heading, 1)[1]
    others = [c["name"] for c in _contracts() if c["name"] != contract_name]
    ends = [section.find(f"\n{n}\n") for n in others if f"\n{n}\n" in section]
    return section[: min(ends)] if ends else section


def test_every_contract_has_a_violation_that_shows_it_works() -> None:
    assert set(VIOLATIONS) == {c["id"] for c in _contracts()}


@pytest.mark.parametrize("contract_id", sorted(VIOLATIONS))
def test_a_contract_reports_the_import_that_breaks_it(
    contract_id: str, synthetic_run: subprocess.CompletedProcess[str]
) -> None:
    assert synthetic_run.returncode == 1, synthetic_run.stdout + synthetic_run.stderr
    section = _broken_section(synthetic_run.stdout, _contract(contract_id)["name"])
    importer, imported = VIOLATIONS[contract_id]
    if contract_id == "acyclic":
        # acyclic_siblings names the package and one import (relative to it) that would break the cycle
        package, a, b = importer.rsplit(".", 1)[0], importer.rsplit(".", 1)[1], imported.rsplit(".", 1)[1]
        assert f"No cycles are allowed in {_synth(package)}." in section, section
        assert f"- .{a} -> .{b} " in section or f"- .{b} -> .{a} " in section, section
    else:
        assert f"{_synth(importer)} -> {_synth(imported)}" in section, section


def test_the_cycle_finder_finds_a_cycle(tmp_path: Path) -> None:
    pkg = tmp_path / "cyclic"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("from cyclic import sub\n", encoding="utf-8")
    (pkg / "sub" / "__init__.py").write_text("import cyclic\n", encoding="utf-8")
    (pkg / "a.py").write_text("from cyclic import b\n", encoding="utf-8")
    (pkg / "b.py").write_text("def f():\n    from cyclic import a\n", encoding="utf-8")
    (pkg / "c.py").write_text("from cyclic import a\n", encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        graph = grimp.build_graph("cyclic", cache_dir=None)
    finally:
        sys.path.remove(str(tmp_path))
    assert import_cycles(graph, "cyclic") == [["cyclic", "cyclic.sub"], ["cyclic.a", "cyclic.b"]]
    assert import_cycles(graph, "cyclic", [("cyclic.b", "cyclic.a"), ("cyclic.sub", "cyclic")]) == []


# --- docs/architecture.md and its picture say what the contracts say ----------------------------

DOC = ROOT / "docs" / "architecture.md"
PICTURE = ROOT / "docs" / "architecture.svg"


def test_the_documented_layers_are_the_layers_contract() -> None:
    text = DOC.read_text(encoding="utf-8")
    marker = "tests/test_architecture.py checks that this list is the `layers` contract"
    assert marker in text
    block = text.split(marker, 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    assert block.splitlines() == _contract("layers")["layers"]


def test_the_picture_shows_every_layer_and_no_family_that_is_gone() -> None:
    """Every layer is drawn; a new family need not be (it is one folder), a removed one must go."""
    import xml.etree.ElementTree as ET

    svg = ET.parse(PICTURE).getroot()
    # module names are set in monospace (a <text> or a <tspan>)
    labels = {(e.text or "").strip() for e in svg.iter() if e.get("font-family") == "monospace"}
    layers = _contract("layers")["layers"]
    modules = {m.strip() for layer in layers for m in layer.split("|")}
    assert modules <= labels, f"layers missing from {PICTURE.name}: {sorted(modules - labels)}"
    families = {d.name for d in FAMILIES.iterdir() if (d / "__init__.py").is_file()}
    drawn = labels - modules
    assert drawn <= families, (
        f"{PICTURE.name} draws what is neither a layer nor a family: {sorted(drawn - families)}"
    )
    assert f"]({PICTURE.name})" in DOC.read_text(encoding="utf-8")

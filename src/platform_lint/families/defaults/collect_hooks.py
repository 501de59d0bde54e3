"""Git hooks a contributor gets: pre-commit, husky, lefthook, overcommit, or a folder of hook
scripts that ``core.hooksPath`` points at.

A folder named for git hooks (``.githooks/``, ``.git-hooks/``, ``githooks/``) counts when it
holds scripts named as git names its hooks (``pre-commit``, ``commit-msg``, ...); any other
folder of such scripts (``hooks/``, ``scripts/hooks/``) counts only when something in the
repository sets ``core.hooksPath`` to it, since git would never run it otherwise (a
cookiecutter's ``hooks/post_gen_project.py`` is not a git hook).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from platform_lint.errors import ConfigError
from platform_lint.families.collector import CollectEnv
from platform_lint.families.defaults.collect_format import line_of, read_capped
from platform_lint.families.shared.product import is_product
from platform_lint.snapshot.base import RepoSnapshot
from platform_lint.yamlio import load_plain_all

GIT_HOOKS = frozenset(
    {
        "pre-commit",
        "prepare-commit-msg",
        "commit-msg",
        "post-commit",
        "pre-push",
        "pre-rebase",
        "post-checkout",
        "post-merge",
        "pre-merge-commit",
        "post-rewrite",
        "pre-applypatch",
        "applypatch-msg",
        "post-applypatch",
    }
)
_HOOK_FOLDER_NAMES = (".githooks", ".git-hooks", "githooks", "git-hooks", ".hooks")
_HOOKS_PATH = re.compile(r"core\.hooks[Pp]ath\s*[= ]\s*['\"]?([\w./-]+)|hooksPath\s*=\s*['\"]?([\w./-]+)")
_WIRING_FILES = (
    "Makefile",
    "GNUmakefile",
    "*.mk",
    "package.json",
    "justfile",
    "Taskfile.yml",
    "CONTRIBUTING*",
    ".github/CONTRIBUTING*",
    "docs/CONTRIBUTING*",
    "README*",
    "bin/*",
    "script/*",
    "scripts/*",
    "tools/*",
    "hack/*",
    ".devcontainer/*",
    "*.sh",
)


@dataclass(frozen=True)
class HookSetup:
    """One way hooks reach contributors: ``tool`` (pre-commit, husky, lefthook, git hooks folder),
    ``hooks`` how many hooks it runs, ``problem`` why it runs none."""

    path: str
    tool: str
    hooks: int
    line: int | None = None
    problem: str | None = None
    wired_by: str | None = None  # the file that sets core.hooksPath, for a hooks folder


@dataclass(frozen=True)
class HookFacts:
    setups: tuple[HookSetup, ...]


def _hook_name(path: str) -> str | None:
    name = path.rpartition("/")[2]
    stem = name.rpartition(".")[0] if name.endswith((".sh", ".py", ".js", ".bash")) else name
    return stem if stem in GIT_HOOKS else None


def _pre_commit(snapshot: RepoSnapshot, found: list[HookSetup]) -> None:
    for path in snapshot.glob([".pre-commit-config.yaml", ".pre-commit-config.yml"]):
        content = read_capped(snapshot, path)
        if content.text is None:
            found.append(HookSetup(path, "pre-commit", 0, problem=content.problem or "unreadable"))
            continue
        try:
            docs = load_plain_all(content.text, path)
        except ConfigError as exc:
            found.append(HookSetup(path, "pre-commit", 0, exc.line, problem=f"does not parse: {exc.reason}"))
            continue
        data = docs[0] if docs else None
        repos = data.get("repos") if isinstance(data, dict) else None
        hooks = sum(
            len(r.get("hooks") or [])
            for r in repos or []
            if isinstance(r, dict) and isinstance(r.get("hooks"), list)
        )
        match = re.search(r"^repos\s*:", content.text, re.M)
        line = line_of(content.text, match.start()) if match else None
        found.append(
            HookSetup(path, "pre-commit", hooks, line, None if hooks else "no hooks listed under repos")
        )


def _husky_lefthook_overcommit(snapshot: RepoSnapshot, found: list[HookSetup]) -> None:
    husky = [p for p in snapshot.glob([".husky/*"]) if _hook_name(p) and (snapshot.size(p) or 0) > 0]
    if husky:
        found.append(HookSetup(husky[0], "husky", len(husky)))
    for path in snapshot.glob(["lefthook.{yml,yaml,toml,json}", ".lefthook.{yml,yaml,toml,json}"]):
        text = read_capped(snapshot, path).text or ""
        names = [h for h in GIT_HOOKS if re.search(rf"^['\"]?{h}['\"]?\s*[:=\[]", text, re.M)]
        found.append(
            HookSetup(path, "lefthook", len(names), problem=None if names else "no git hook configured")
        )
    for path in snapshot.glob([".overcommit.yml"]):
        found.append(HookSetup(path, "overcommit", 1))
    if snapshot.exists("package.json"):
        text = read_capped(snapshot, "package.json").text or ""
        for key, tool in (('"simple-git-hooks"', "simple-git-hooks"), ('"husky"', "husky")):
            match = re.search(key + r"\s*:\s*\{", text)
            if match and (tool != "husky" or '"hooks"' in text):
                found.append(HookSetup("package.json", tool, 1, line_of(text, match.start())))


def _hooks_path(snapshot: RepoSnapshot) -> dict[str, str]:
    """Folders some file sets ``core.hooksPath`` to, and the file that does."""
    wired: dict[str, str] = {}
    for path in snapshot.glob(_WIRING_FILES)[:80]:
        if (snapshot.size(path) or 0) > 256 * 1024:
            continue
        text = read_capped(snapshot, path).text or ""
        if "hooksPath" not in text and "hookspath" not in text:
            continue
        for match in _HOOKS_PATH.finditer(text):
            folder = (match.group(1) or match.group(2) or "").removeprefix("./").strip("/")
            if folder:
                wired.setdefault(folder, path)
    return wired


def _hook_folders(snapshot: RepoSnapshot, found: list[HookSetup]) -> None:
    by_folder: dict[str, list[str]] = {}
    for path in snapshot.glob(
        [
            "**/pre-commit",
            "**/commit-msg",
            "**/pre-push",
            "**/prepare-commit-msg",
            "**/pre-commit.sh",
            "**/commit-msg.sh",
            "**/pre-push.sh",
            "**/post-checkout",
            "**/post-merge",
        ]
    ):
        folder = path.rpartition("/")[0]
        if folder and not folder.startswith((".husky", ".git/")) and is_product(snapshot, path):
            by_folder.setdefault(folder, []).append(path)
    if not by_folder:
        return
    wired = _hooks_path(snapshot)
    for folder, paths in sorted(by_folder.items()):
        named = folder.rpartition("/")[2] in _HOOK_FOLDER_NAMES
        if folder in wired or named:
            found.append(HookSetup(paths[0], "git hooks folder", len(paths), wired_by=wired.get(folder)))


def collect_hooks(snapshot: RepoSnapshot, env: CollectEnv, args: tuple[Any, ...]) -> HookFacts:
    found: list[HookSetup] = []
    _pre_commit(snapshot, found)
    _husky_lefthook_overcommit(snapshot, found)
    _hook_folders(snapshot, found)
    return HookFacts(tuple(found))

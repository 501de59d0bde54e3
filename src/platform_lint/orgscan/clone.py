"""Getting at a commit to read: the git directory of a local repository and its head.

Every git command runs with the repository's git directory named explicitly and git's upward
search fenced (``GIT_CEILING_DIRECTORIES``), so a broken repository is never mistaken for a
repository around it. Only plumbing that reads objects runs (``rev-parse``, ``symbolic-ref``,
``for-each-ref``, and the snapshot's ``ls-tree``/``cat-file``): no hooks, no filters, no work
tree. A source backed by the GitHub API adds its shallow clone here.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

from platform_lint.orgscan.source import Head, RepoFailure, RepoSkipped

GIT_TIMEOUT_S = 120

SAFE_GIT_CONFIG = (
    ("core.fsmonitor", "false"),  # never start a repository-configured monitor
    ("core.hooksPath", os.devnull),
    ("protocol.allow", "never"),  # reading a local repository never needs the network
    ("core.untrackedCache", "false"),
)
"""Configuration forced on every git command of a scan (through ``GIT_CONFIG_COUNT``)."""


def git_environment(git_dir: Path) -> dict[str, str]:
    """Variables for git commands reading ``git_dir``: fenced, prompt-free, no lazy fetches."""
    env = {
        "GIT_CEILING_DIRECTORIES": str(git_dir.parent),
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_OPTIONAL_LOCKS": "0",
        "GIT_NO_LAZY_FETCH": "1",  # a partial clone's missing objects are not fetched
        "GIT_NO_REPLACE_OBJECTS": "1",
        "LC_ALL": "C",
        "GIT_CONFIG_COUNT": str(len(SAFE_GIT_CONFIG)),
    }
    for i, (key, value) in enumerate(SAFE_GIT_CONFIG):
        env[f"GIT_CONFIG_KEY_{i}"] = key
        env[f"GIT_CONFIG_VALUE_{i}"] = value
    return env


@contextlib.contextmanager
def fenced_git(git_dir: Path) -> Iterator[None]:
    """While inside, every git command this process starts (the snapshot's too) is fenced."""
    added = git_environment(git_dir)
    saved = {name: os.environ.get(name) for name in added}
    os.environ.update(added)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _git(git_dir: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, **git_environment(git_dir)}
    try:
        return subprocess.run(
            ["git", "-C", str(git_dir), *args],
            capture_output=True,
            env=env,
            check=False,
            timeout=GIT_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        raise RepoFailure(f"git {args[0]} took longer than {GIT_TIMEOUT_S} s") from None
    except OSError as exc:
        raise RepoFailure(f"cannot run git: {exc.strerror or exc}") from None


def _first_line(raw: bytes) -> str:
    lines = [line.strip() for line in raw.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[0] if lines else ""


def local_git_dir(path: Path) -> Path:
    """Where the repository at ``path`` keeps its objects: ``path/.git`` (a folder, or a file
    naming the folder, as worktrees and submodules have), else ``path`` itself (bare)."""
    dot_git = path / ".git"
    if dot_git.is_file() and not dot_git.is_symlink():
        try:
            text = dot_git.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            raise RepoFailure(f"cannot read {dot_git.name}: {exc.strerror or exc}") from None
        if not text.startswith("gitdir: "):
            raise RepoFailure(".git is a file that names no git directory")
        return (path / text[len("gitdir: ") :].strip()).resolve()
    if os.path.lexists(dot_git):
        return dot_git
    return path


def resolve_head(git_dir: Path) -> Head:
    """The commit HEAD names (the default branch in a clone) and the branch's short name.

    One git command in the usual case; when it fails, a few more say why."""
    proc = _git(git_dir, "rev-parse", "--absolute-git-dir", "HEAD^{commit}", "--symbolic-full-name", "HEAD")
    lines = proc.stdout.decode("utf-8", "replace").splitlines()
    if proc.returncode == 0 and len(lines) == 3:
        found, commit, ref = lines  # ref: refs/heads/NAME, or HEAD when detached
        if Path(found) != git_dir.resolve():
            raise RepoFailure(f"git found a repository at {found}, not at {git_dir}")
        branch = ref.removeprefix("refs/heads/") if ref.startswith("refs/heads/") else None
        return Head(commit.strip(), branch)
    return _explain(git_dir)


def _explain(git_dir: Path) -> Head:
    """Why HEAD names no commit: not a repository, no commits yet, or a broken reference."""
    where = _git(git_dir, "rev-parse", "--absolute-git-dir")
    if where.returncode != 0:
        raise RepoFailure(f"not a readable git repository: {_first_line(where.stderr) or 'git failed'}")
    found = Path(os.fsdecode(where.stdout.strip()))
    if found != git_dir.resolve():
        raise RepoFailure(f"not a readable git repository (git found the one at {found} instead)")
    branch_proc = _git(git_dir, "symbolic-ref", "-q", "--short", "HEAD")
    branch = os.fsdecode(branch_proc.stdout.strip()) if branch_proc.returncode == 0 else ""
    refs = _git(git_dir, "for-each-ref", "--count=1", "--format=%(refname)")
    if refs.returncode == 0 and not refs.stdout.strip():
        raise RepoSkipped("no commits yet")
    where_text = f"branch {branch}" if branch else "HEAD"
    raise RepoFailure(f"{where_text} does not name a readable commit")


def tree_readable(git_dir: Path, commit: str) -> str | None:
    """None when the commit's whole tree can be listed, else git's complaint."""
    proc = _git(git_dir, "ls-tree", "-r", "--name-only", "-z", commit)
    if proc.returncode == 0:
        return None
    return _first_line(proc.stderr) or "git ls-tree failed"

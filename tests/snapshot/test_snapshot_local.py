"""The local snapshot: what a user's work tree, a plain folder and an older ref look like."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from platform_lint.errors import UsageError
from platform_lint.snapshot import open_local
from platform_lint.snapshot.local import GitRefSnapshot, WorkTreeSnapshot


@pytest.fixture(autouse=True)
def _git_stays_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """git never looks above tmp_path, nor at the machine's configuration."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)


def git(root: Path, *args: str) -> str:
    proc = subprocess.run(
        [
            "git",
            "-C",
            str(root),
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "tag.gpgsign=false",
            *args,
        ],
        capture_output=True,
        check=True,
    )
    return proc.stdout.decode().strip()


def write(root: Path, rel: str, content: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def commit_all(root: Path, message: str) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    write(root, ".gitignore", "ignored.txt\nbuild/\n*.log\n")
    write(root, "README.md", "# hello\n")
    write(root, "docs/guide.md", "guide\n")
    write(root, "gone.txt", "soon deleted\n")
    write(root, "with space.txt", "spaces\n")
    write(root, "ünïcödé.md", "unicode\n")
    commit_all(root, "first")
    return root


# -- git work tree ------------------------------------------------------------------


def _untracked_setup(repo: Path) -> None:
    (repo / "gone.txt").unlink()  # deleted from the work tree, still in the index
    write(repo, "untracked.txt", "new\n")
    write(repo, "ignored.txt", "secret\n")
    write(repo, "build/out.bin", "x")
    write(repo, "app.log", "x")
    write(repo, "docs/new.md", "draft\n")


def test_git_work_tree_lists_what_git_tracks_as_ci_sees_it(repo: Path) -> None:
    _untracked_setup(repo)
    snap = open_local(repo)
    assert isinstance(snap, WorkTreeSnapshot) and snap.use_git
    assert snap.files() == (
        ".gitignore",
        "README.md",
        "docs/guide.md",
        "gone.txt",
        "with space.txt",
        "ünïcödé.md",
    )
    assert not snap.exists("untracked.txt") and not snap.exists("ignored.txt")
    # deleted from the work tree but still tracked: read as git has it
    assert snap.read("gone.txt").text == "soon deleted\n"
    assert snap.directories == frozenset({"docs"})
    assert snap.ref is None


def test_git_work_tree_with_untracked_lists_untracked_not_ignored(repo: Path) -> None:
    _untracked_setup(repo)
    snap = open_local(repo, untracked=True)
    assert snap.files() == (
        ".gitignore",
        "README.md",
        "docs/guide.md",
        "docs/new.md",
        "untracked.txt",
        "with space.txt",
        "ünïcödé.md",
    )
    assert snap.exists("untracked.txt") and not snap.exists("ignored.txt")
    assert snap.read("gone.txt").problem == "missing"
    assert snap.directories == frozenset({"docs"})


def test_git_names_with_spaces_unicode_and_newlines(repo: Path) -> None:
    if sys.platform == "win32":
        pytest.skip("no newlines in Windows file names")
    write(repo, "new\nline.txt", "nl\n")
    write(repo, 'quote"d.txt', "q\n")
    commit_all(repo, "odd names")
    write(repo, "untracked\nalso.txt", "u\n")
    snap = open_local(repo, untracked=True)
    for name in ("with space.txt", "ünïcödé.md", "new\nline.txt", 'quote"d.txt', "untracked\nalso.txt"):
        assert name in snap.files(), name
        assert snap.read(name).ok, name
    assert snap.read("new\nline.txt").text == "nl\n"
    assert snap.glob(["*space*"]) == ["with space.txt"]
    old = snap.at_ref("HEAD")
    assert "new\nline.txt" in old.files() and "ünïcödé.md" in old.files()
    assert old.read("new\nline.txt").text == "nl\n"


def test_plain_folder_walk_skips_vcs_and_dependency_trees(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    for rel in (
        "README.md",
        "src/app.py",
        "node_modules/x/index.js",
        "vendor/lib.go",
        ".venv/bin/python",
        ".git/config",
        "src/node_modules/y.js",
        "sub/.git/HEAD",
        "__pycache__/a.pyc",
        ".github/CODEOWNERS",
        "vendored/keep.txt",
    ):
        write(root, rel, "x")
    snap = open_local(root)
    assert isinstance(snap, WorkTreeSnapshot) and not snap.use_git
    assert snap.files() == (".github/CODEOWNERS", "README.md", "src/app.py", "vendored/keep.txt")
    assert snap.tags() == ()


def test_plain_folder_at_ref_is_a_usage_error(tmp_path: Path) -> None:
    write(tmp_path / "plain", "a.txt", "a")
    with pytest.raises(UsageError, match="not a git repository"):
        open_local(tmp_path / "plain").at_ref("HEAD")


@pytest.mark.parametrize("make", ["missing", "file"])
def test_open_local_rejects_what_is_not_a_directory(tmp_path: Path, make: str) -> None:
    target = tmp_path / "target"
    if make == "file":
        target.write_text("x")
    with pytest.raises(UsageError, match="no such directory" if make == "missing" else "not a directory"):
        open_local(target)


# -- reading -------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
@pytest.mark.parametrize("use_git", [True, False])
def test_symlink_out_of_root_is_listed_but_never_read(tmp_path: Path, use_git: bool) -> None:
    outside = write(tmp_path, "outside/secret.txt", "TOP SECRET\n")
    root = tmp_path / "repo"
    write(root, "README.md", "# r\n")
    write(root, "inside.txt", "inside content\n")
    os.symlink(outside, root / "leak.txt")
    os.symlink("../outside/secret.txt", root / "relative-leak.txt")
    os.symlink("inside.txt", root / "alias.txt")
    os.symlink("nowhere.txt", root / "dangling.txt")
    if use_git:
        git(root, "init", "-q")
        commit_all(root, "links")
    snap = open_local(root)
    assert {"leak.txt", "relative-leak.txt", "alias.txt", "dangling.txt"} <= set(snap.files())
    for name in ("leak.txt", "relative-leak.txt"):
        content = snap.read(name)
        assert content.problem == "outside-root"
        assert content.text is None and not content.ok
    assert snap.read("alias.txt").text == "inside content\n"
    assert snap.read("dangling.txt").problem == "unreadable"
    if use_git:
        # the same view at a ref: listed, never followed out of the tree, and the
        # link's own blob (the target path) is never served as the file's content
        old = snap.at_ref("HEAD")
        assert {"leak.txt", "relative-leak.txt", "alias.txt", "dangling.txt"} <= set(old.files())
        for name in ("leak.txt", "relative-leak.txt"):
            assert old.read(name).problem == "outside-root"
        assert old.read("alias.txt").text == "inside content\n"
        assert old.read("dangling.txt").problem == "unreadable"


@pytest.mark.parametrize("use_git", [True, False])
def test_binary_size_cap_and_decoding(tmp_path: Path, use_git: bool) -> None:
    root = tmp_path / "repo"
    write(root, "logo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(root, "late-nul.bin", b"a" * 9000 + b"\x00")  # NUL after the first 8 KiB: text
    write(root, "big.txt", "x" * 2000)
    write(root, "bom.md", "\ufeff# title\n".encode())
    write(root, "latin1.txt", b"caf\xe9\n")
    write(root, "empty.txt", b"")
    if use_git:
        git(root, "init", "-q")
        commit_all(root, "files")
    snap = open_local(root, max_bytes=1000)
    assert snap.read("logo.png").problem == "binary"
    assert snap.read("late-nul.bin").problem == "too-large"  # also over the cap
    big = snap.read("big.txt")
    assert (big.problem, big.size, big.text) == ("too-large", 2000, None)
    assert snap.read("big.txt", max_bytes=5000).text == "x" * 2000
    assert snap.read("bom.md").text == "# title\n"
    assert snap.read("latin1.txt").text == "caf\ufffd\n"
    empty = snap.read("empty.txt")
    assert empty.ok and empty.text == "" and empty.size == 0
    assert open_local(root).read("late-nul.bin").ok
    if use_git:
        old = snap.at_ref("HEAD")
        assert old.read("big.txt").problem == "too-large"
        assert old.read("logo.png").problem == "binary"
        assert old.read("bom.md").text == "# title\n"


def test_file_grown_after_listing_is_capped(repo: Path) -> None:
    snap = open_local(repo, max_bytes=100)
    assert snap.files()  # sizes recorded now
    write(repo, "README.md", "y" * 500)
    assert snap.read("README.md").problem == "too-large"


# -- other refs ----------------------------------------------------------------------


def test_at_ref_shows_the_old_files_and_contents(repo: Path) -> None:
    first = git(repo, "rev-parse", "HEAD")
    write(repo, "README.md", "# changed\n")
    (repo / "gone.txt").unlink()
    write(repo, "added.txt", "new\n")
    commit_all(repo, "second")
    write(repo, "README.md", "# uncommitted\n")
    snap = open_local(repo)
    old = snap.at_ref(first)
    assert isinstance(old, GitRefSnapshot)
    assert old.ref == first and first in old.label
    assert "gone.txt" in old.files() and "added.txt" not in old.files()
    assert old.read("README.md").text == "# hello\n"
    assert old.read("added.txt").problem == "missing"
    assert old.size("README.md") == len("# hello\n")
    assert old.glob(["**/*.md"]) == ["README.md", "docs/guide.md", "ünïcödé.md"]
    head = snap.at_ref("HEAD")
    assert head.read("README.md").text == "# changed\n"  # committed, not the work tree
    assert snap.read("README.md").text == "# uncommitted\n"
    # by short sha, branch name, and from one ref view to another
    assert snap.at_ref(first[:8]).read("README.md").text == "# hello\n"
    branch = git(repo, "rev-parse", "--abbrev-ref", "HEAD")
    assert snap.at_ref(branch).read("README.md").text == "# changed\n"
    assert old.at_ref("HEAD").read("README.md").text == "# changed\n"


@pytest.mark.parametrize("ref", ["nope", "0" * 40, "HEAD~5"])
def test_at_ref_unknown_is_a_helpful_usage_error(repo: Path, ref: str) -> None:
    with pytest.raises(UsageError) as info:
        open_local(repo).at_ref(ref)
    message = str(info.value)
    assert ref in message
    assert "no such commit" in message
    assert "fetch" in message  # tells a shallow-clone user what to do
    assert info.value.exit_code == 2


def test_tags_reachable_from_head(repo: Path) -> None:
    git(repo, "tag", "v1.0.0")
    git(repo, "tag", "-a", "v1.1.0", "-m", "annotated")
    git(repo, "checkout", "-q", "-b", "side")
    write(repo, "side.txt", "s")
    commit_all(repo, "side")
    git(repo, "tag", "v2.0.0-side")
    git(repo, "checkout", "-q", "-")
    assert set(open_local(repo).tags()) == {"v1.0.0", "v1.1.0"}
    # a tag on a branch HEAD never reaches (a release branch) is among every tag the clone has
    assert set(open_local(repo).tags(merged=False)) == {"v1.0.0", "v1.1.0", "v2.0.0-side"}


def test_no_tags(repo: Path) -> None:
    assert open_local(repo).tags() == ()


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_symlink_chains_loops_and_directories(repo: Path) -> None:
    os.symlink("README.md", repo / "hop1")
    os.symlink("hop1", repo / "docs" / "hop2-up")  # docs/hop2-up -> docs/hop1 (absent)
    os.symlink("../hop1", repo / "docs" / "hop2")
    os.symlink("loop-b", repo / "loop-a")
    os.symlink("loop-a", repo / "loop-b")
    os.symlink("docs", repo / "docs-link")
    commit_all(repo, "links")
    for snap in (open_local(repo), open_local(repo).at_ref("HEAD")):
        assert snap.read("docs/hop2").text == "# hello\n", snap.label
        assert snap.read("docs/hop2-up").problem == "unreadable", snap.label
        assert snap.read("loop-a").problem == "unreadable", snap.label
        assert snap.read("docs-link").problem == "unreadable", snap.label


def test_a_file_read_again_in_a_run_keeps_its_size_cap(tmp_path: Path) -> None:
    """Content read once is served again for the run, and a smaller cap still refuses it."""
    (tmp_path / "config.yaml").write_text("key: value\n" * 10)
    snapshot = open_local(tmp_path)
    assert snapshot.read("config.yaml").text == "key: value\n" * 10
    again = snapshot.read("config.yaml", max_bytes=20)
    assert (again.text, again.problem, again.size) == (None, "too-large", 110)
    assert snapshot.read_bytes("config.yaml", max_bytes=110) == b"key: value\n" * 10


def test_a_path_in_a_merge_conflict_is_listed_once(repo: Path) -> None:
    base = git(repo, "symbolic-ref", "--short", "HEAD")
    git(repo, "checkout", "-q", "-b", "other")
    write(repo, "README.md", "# theirs\n")
    commit_all(repo, "theirs")
    git(repo, "checkout", "-q", base)
    write(repo, "README.md", "# ours\n")
    commit_all(repo, "ours")
    with pytest.raises(subprocess.CalledProcessError):
        git(repo, "merge", "-q", "other")
    assert " 3\tREADME.md" in git(repo, "ls-files", "--stage")  # in conflict: a stage each side
    files = open_local(repo).files()
    assert files.count("README.md") == 1
    assert "docs/guide.md" in files and "with space.txt" in files

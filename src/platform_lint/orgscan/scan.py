"""One repository: resolve its head, skip it when unchanged, else check it and write its report.

This runs in a worker process. The check is ``check``'s own (``app.check_snapshot``) over a
snapshot of the head commit read with git plumbing (no work tree, no checkout); nothing from
the repository is executed, and no network is used. The report is written (atomically) by the
worker, so only a small :class:`Result` travels back to the parent.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from platform_lint import __version__, app, safety
from platform_lint.errors import PlatformLintError
from platform_lint.families.check_type import RunContext
from platform_lint.families.collector import CollectEnv
from platform_lint.orgscan.clone import fenced_git, tree_readable
from platform_lint.orgscan.digest import ReportDigest, digest_report
from platform_lint.orgscan.files import report_relpath, write_atomic
from platform_lint.orgscan.manifest import Entry
from platform_lint.orgscan.source import Head, RepoFailure, RepoRef, RepositorySource, RepoSkipped
from platform_lint.orgscan.state import Cached
from platform_lint.policy.loader import MAX_POLICY_BYTES, POLICY_FILE_NAMES, PolicyLoader
from platform_lint.policy.model import Policy
from platform_lint.report.model import Report, from_dict, to_json
from platform_lint.snapshot.base import DEFAULT_MAX_BYTES, RepoSnapshot
from platform_lint.snapshot.local import GitRefSnapshot

DEFAULT_POLICY = "builtin:recommended"


@dataclass(frozen=True)
class ScanConfig:
    """What every repository of a scan shares."""

    out: Path
    policy: str  # as given: a file or builtin:NAME
    policy_digest: str
    now: dt.datetime
    max_bytes: int = DEFAULT_MAX_BYTES
    policy_label: str | None = None  # how the policy file is named in reports (an org's .github)
    repo_policies: bool = False  # compose each repository's own policy file on top of ``policy``


@dataclass(frozen=True)
class Task:
    repo: RepoRef
    cached: Cached | None  # the last report, when made with this policy and version


@dataclass(frozen=True)
class Result:
    entry: Entry
    digest: ReportDigest | None  # for scanned and unchanged repositories
    cached: Cached | None  # what to remember for the next scan (None: forget)


def load_policy(spec: str, today: dt.date, label: str | None = None) -> Policy:
    """The org policy: a file or ``builtin:NAME``; ``label`` names the file in reports."""
    if label is None or spec.startswith("builtin:"):
        return app.build_policy(app.CheckSettings(path=Path("."), policy=Path(spec)), None, today)
    return _loader(spec, today, label).load_file(Path(spec))


def _loader(spec: str, today: dt.date, label: str | None) -> PolicyLoader:
    base = None if spec.startswith("builtin:") else Path(spec).resolve()
    root = base.parent if base is not None else None  # the org policy extends only builtins or beside itself

    def display(path: Path) -> str:
        return label if label is not None and path.resolve() == base else str(path)

    return PolicyLoader(today, root, display)


def with_own_policy(snapshot: RepoSnapshot, full_name: str, policy: Policy, config: ScanConfig) -> Policy:
    """``policy`` with the repository's own policy file (``.platform-lint.yml``) composed on
    top, when it has one: its rules added, its overrides and waivers applied (the report's
    ``policy.sources`` lists both). A policy file that is broken fails the repository."""
    present = set(snapshot.files())
    name = next((n for n in POLICY_FILE_NAMES if n in present), None)
    if name is None:
        return policy
    content = snapshot.read(name, MAX_POLICY_BYTES)
    if content.text is None:
        raise RepoFailure(f"its policy file {name} is not read: {content.problem}")
    loader = _loader(config.policy, config.now.date(), config.policy_label)
    try:
        return loader.load_layered(config.policy, content.text, f"{full_name}:{name}")
    except PlatformLintError as exc:
        raise RepoFailure(f"its policy file {name}: {exc}") from None


def policy_digest(policy: Policy, *, own: bool = False) -> str:
    """Changes when the rules, waivers or settings do (and with the platform-lint version, and
    whether repositories' own policy files are composed on top: ``own``)."""
    canonical = json.dumps(_plain(policy), sort_keys=True, ensure_ascii=True, default=str)
    tail = "\0own" if own else ""
    return hashlib.sha256(f"{__version__}\0{canonical}{tail}".encode()).hexdigest()[:32]


def _plain(value: Any) -> Any:
    """Dataclasses, mappings and collections as JSON-able values, sets sorted (a stable digest)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted((_plain(v) for v in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


class CommitSnapshot(GitRefSnapshot):
    """A commit read with git plumbing, named ``owner/name@branch``; knows its tags like a work tree."""

    def __init__(self, git_dir: Path, full_name: str, head: Head, max_bytes: int) -> None:
        super().__init__(git_dir, head.commit, head.branch or head.commit, max_bytes)
        self.label = f"{full_name}@{head.branch or head.commit[:12]}"
        self.server_tags = head.tags

    def _load(self) -> dict[str, tuple[str, int]]:
        if self._entries is None and _partial_clone(self.root):
            self._entries = self._load_partial()
        return super()._load()

    def _load_partial(self) -> dict[str, tuple[str, int]]:
        """A blob-filtered clone lacks the blobs over the size limit, and ``ls-tree --long``
        would fail on them: sizes come from ``cat-file`` for the blobs present, and a missing
        one is larger than any file the scan reads (reported too large, never fetched)."""
        listing = _plumbing(self.root, ["ls-tree", "-r", "-z", self.sha])
        objects = ["rev-list", "--objects", "--missing=print", "--no-object-names", self.sha]
        missing = {w[1:] for w in _plumbing(self.root, objects).decode().split() if w.startswith("?")}
        rows: list[tuple[str, str, str]] = []
        for raw in listing.split(b"\0"):
            meta, _, raw_name = raw.partition(b"\t")
            fields = meta.split()
            if len(fields) == 3 and fields[1] == b"blob":
                rows.append((fields[0].decode(), fields[2].decode(), os.fsdecode(raw_name)))
        present = sorted({blob for _, blob, _ in rows if blob not in missing})
        sizes: dict[str, int] = {}
        if present:
            batch = "".join(f"{blob}\n" for blob in present)
            out = _plumbing(self.root, ["cat-file", "--batch-check=%(objectname) %(objectsize)"], batch)
            for line in out.decode().splitlines():
                blob, _, size = line.partition(" ")
                if size.isdigit():
                    sizes[blob] = int(size)
        entries: dict[str, tuple[str, int]] = {}
        for mode, blob, name in rows:
            entries[name] = (blob, sizes.get(blob, self.max_bytes + 1))
            if mode == "120000":
                self._links.add(name)
        return entries

    def tags(self, *, merged: bool = True) -> tuple[str, ...]:
        if self.server_tags is not None:
            # a shallow clone has no history to tell which tags the head contains: every tag the
            # server advertises counts (one on another branch too)
            return self.server_tags
        which = ["tag", "--list", "--merged", self.sha] if merged else ["tag", "--list"]
        proc = subprocess.run(
            ["git", "-C", str(self.root), *which],
            capture_output=True,
            check=False,
            timeout=120,
        )
        if proc.returncode != 0:
            return ()
        return tuple(t for t in proc.stdout.decode("utf-8", "replace").splitlines() if t)


def _partial_clone(git_dir: Path) -> bool:
    return any((git_dir / "objects" / "pack").glob("*.promisor"))


def _plumbing(git_dir: Path, args: list[str], stdin: str | None = None) -> bytes:
    try:
        proc = subprocess.run(
            ["git", "-C", str(git_dir), *args],
            capture_output=True,
            check=False,
            timeout=120,
            input=stdin.encode() if stdin is not None else None,
        )
    except (subprocess.TimeoutExpired, OSError) as exc:
        raise RepoFailure(f"git {args[0]} failed: {exc}") from None
    if proc.returncode != 0:
        raise RepoFailure(f"git {args[0]} failed: {safety.one_line(proc.stderr.decode('utf-8', 'replace'))}")
    return proc.stdout


def check_commit(git_dir: Path, repo: RepoRef, head: Head, policy: Policy, config: ScanConfig) -> Report:
    """The JSON report for ``head`` (as ``check`` would write it for that commit)."""
    snapshot = CommitSnapshot(git_dir, repo.full_name, head, config.max_bytes)
    if not snapshot.files():
        problem = tree_readable(git_dir, head.commit)
        if problem is not None:
            raise RepoFailure(f"cannot read commit {head.commit[:12]}: {problem}")
    if config.repo_policies:
        policy = with_own_policy(snapshot, repo.full_name, policy, config)
    context = RunContext(now=config.now)
    env = CollectEnv(repo_full_name=repo.full_name, ref=head.commit)
    result = app.check_snapshot(policy, snapshot, context, env)
    return app.build_report(result, policy.settings.docs_url)


MAX_REASON = 500


def _reason(text: str | None) -> str | None:
    """A reason fit for the manifest and a CI log: one line, masked, no control characters."""
    if text is None:
        return None
    line = safety.one_line(text)
    return line if len(line) <= MAX_REASON else line[: MAX_REASON - 1] + "…"


def _kept(path: Path) -> ReportDigest | None:
    """The digest of a report this scan folder kept, None when it is gone or damaged.

    The report was written by org-scan itself, so it is read into the model without the full
    schema validation ``org-report`` applies (a tenth of the time); anything missing or of the
    wrong type makes it damaged, and the repository is scanned again."""
    try:
        return digest_report(from_dict(json.loads(path.read_text(encoding="utf-8"))))
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None


def scan_repository(source: RepositorySource, task: Task, policy: Policy, config: ScanConfig) -> Result:
    """Never raises: a repository that cannot be scanned is a ``failed`` (or ``skipped``) result."""
    started = time.monotonic()
    repo = task.repo

    def done(status: str, reason: str | None, head: Head | None = None, report: str | None = None) -> Entry:
        return Entry(
            repo=repo.full_name,
            status=status,
            reason=_reason(reason),
            commit=head.commit if head else None,
            default_branch=head.branch if head else repo.default_branch,
            report=report,
            duration_s=round(time.monotonic() - started, 3),
        )

    try:
        head = source.head(repo)
    except RepoSkipped as exc:
        return Result(done("skipped", str(exc)), None, None)
    except RepoFailure as exc:
        return Result(done("failed", str(exc)), None, None)

    cached = task.cached
    if cached is not None and cached.commit == head.commit:
        digest = _kept(config.out / cached.report)
        if digest is not None:
            return Result(done("unchanged", None, head, cached.report), digest, cached)

    relpath = report_relpath(repo.full_name)
    try:
        with source.checkout(repo, head) as git_dir, fenced_git(git_dir):
            report = check_commit(git_dir, repo, head, policy, config)
        write_atomic(config.out / relpath, to_json(report))
        digest = digest_report(report)
    except RepoFailure as exc:
        return Result(done("failed", str(exc), head), None, None)
    except PlatformLintError as exc:
        return Result(done("failed", str(exc), head), None, None)
    except OSError as exc:
        return Result(done("failed", f"cannot write the report: {exc.strerror or exc}", head), None, None)
    except RecursionError:
        return Result(done("failed", "internal error: nesting too deep to check", head), None, None)
    except Exception as exc:  # a bug in platform-lint: this repository fails, the scan goes on
        reason = f"internal error (please report it): {type(exc).__name__}: {exc}"
        return Result(done("failed", reason, head), None, None)
    remember = Cached(head.commit, head.branch, relpath, config.policy_digest, __version__)
    return Result(done("scanned", None, head, relpath), digest, remember)

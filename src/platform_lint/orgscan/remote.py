"""Reading a repository over git's HTTPS protocol: its head (``ls-remote``) and a shallow clone.

Neither costs REST rate limit. The clone is ``--depth 1 --no-checkout --single-branch`` with
``--filter=blob:limit=N`` (N one byte over the largest file the scan reads), so only the head
commit's trees and the blobs the check may read travel; nothing is checked out and nothing from
the repository runs (no hooks, no filters, no submodules).

The token never appears in a URL, an argument or a message: it travels as an
``Authorization`` header set through ``GIT_CONFIG_COUNT`` in git's environment, scoped to the
server's URL, and is registered for masking. Git's own global and system configuration is not
read (an ``insteadOf`` there could send the request elsewhere), redirects are not followed,
prompts are off, and slow transfers time out.

Which URL a repository is fetched from is the :class:`Remote`'s job. :class:`HttpsRemote` is the
only one platform-lint builds (``https://HOST/OWNER/NAME.git``); tests inject one that serves
local bare repositories over ``file://``. No option lets a user point a scan at local files.
"""

from __future__ import annotations

import base64
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from platform_lint import safety
from platform_lint.orgscan.source import Head, RepoFailure, RepoSkipped

CLONE_TIMEOUT_S = 900
LS_REMOTE_TIMEOUT_S = 120
LOW_SPEED_BYTES = 1000
LOW_SPEED_SECONDS = 60


class Remote(Protocol):
    @property
    def scheme(self) -> str:
        """The only protocol git may use ("https"; "file" in tests)."""
        ...

    def url(self, full_name: str) -> str: ...

    def config(self) -> tuple[tuple[str, str], ...]:
        """Extra git configuration (the Authorization header, scoped to the server)."""
        ...


@dataclass(frozen=True)
class HttpsRemote:
    """``https://HOST/OWNER/NAME.git`` with the token as an HTTP header (never in the URL)."""

    server_url: str  # https://github.com or https://HOST for GitHub Enterprise Server
    token: str | None = field(default=None, repr=False)
    scheme: str = "https"

    def __post_init__(self) -> None:
        if not self.server_url.startswith("https://"):
            raise ValueError(f"clones are made over https only, not {self.server_url}")

    def url(self, full_name: str) -> str:
        return f"{self.server_url.rstrip('/')}/{full_name}.git"

    def config(self) -> tuple[tuple[str, str], ...]:
        if not self.token:
            return ()
        basic = base64.b64encode(f"x-access-token:{self.token}".encode()).decode("ascii")
        safety.add_secret(self.token)
        safety.add_secret(basic)
        return ((f"http.{self.server_url.rstrip('/')}/.extraHeader", f"Authorization: Basic {basic}"),)


def git_env(remote: Remote) -> dict[str, str]:
    """The environment for a git command that talks to ``remote``."""
    settings = [
        ("protocol.allow", "never"),
        (f"protocol.{remote.scheme}.allow", "always"),
        ("http.followRedirects", "false"),
        ("credential.helper", ""),
        ("core.hooksPath", os.devnull),
        ("core.fsmonitor", "false"),
        ("submodule.recurse", "false"),
        ("fetch.recurseSubmodules", "false"),
        *remote.config(),
    ]
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("GIT_") and k not in ("GCM_INTERACTIVE", "SSH_ASKPASS")
    }
    env.update(
        {
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_ASKPASS": "",
            "SSH_ASKPASS": "",
            "GCM_INTERACTIVE": "never",
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_HTTP_LOW_SPEED_LIMIT": str(LOW_SPEED_BYTES),
            "GIT_HTTP_LOW_SPEED_TIME": str(LOW_SPEED_SECONDS),
            "LC_ALL": "C",
            "GIT_CONFIG_COUNT": str(len(settings)),
        }
    )
    for i, (key, value) in enumerate(settings):
        env[f"GIT_CONFIG_KEY_{i}"] = key
        env[f"GIT_CONFIG_VALUE_{i}"] = value
    return env


def _run(remote: Remote, args: list[str], timeout: int, what: str, cwd: Path | None = None) -> bytes:
    try:
        proc = subprocess.run(
            ["git", *args],
            capture_output=True,
            env=git_env(remote),
            check=False,
            timeout=timeout,
            cwd=cwd,
        )
    except subprocess.TimeoutExpired:
        raise RepoFailure(f"{what} took longer than {timeout} s") from None
    except OSError as exc:
        raise RepoFailure(f"cannot run git: {exc.strerror or exc}") from None
    if proc.returncode != 0:
        raise RepoFailure(f"{what} failed: {_complaint(proc.stderr)}")
    return proc.stdout


def _complaint(stderr: bytes) -> str:
    lines = [ln.strip() for ln in stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
    fatal = [ln for ln in lines if ln.startswith(("fatal:", "error:"))]
    return safety.mask((fatal or lines[-1:] or ["git gave no reason"])[0])


def remote_head(remote: Remote, full_name: str, branch: str | None) -> Head:
    """The default branch's head commit, from the server's ref advertisement (no REST request).

    A repository that advertises no ref at all has no commits yet (skipped). The tags it
    advertises come along (the shallow clone fetches none)."""
    ref = f"refs/heads/{branch}" if branch else "HEAD"
    args = ["ls-remote", "--", remote.url(full_name), "HEAD", ref, "refs/tags/*"]
    out = _run(remote, args, LS_REMOTE_TIMEOUT_S, "git ls-remote")
    refs: dict[str, str] = {}
    tags: set[str] = set()
    for line in out.decode("utf-8", "replace").splitlines():
        sha, _, name = line.partition("\t")
        if len(sha) not in (40, 64):
            continue
        if name.startswith("refs/tags/"):
            tags.add(name.removeprefix("refs/tags/").removesuffix("^{}"))
        else:
            refs[name] = sha
    if ref in refs:
        return Head(refs[ref], branch, tuple(sorted(tags)))
    if not refs:
        raise RepoSkipped("no commits yet")
    raise RepoFailure(f"the default branch {branch} was not found on the server")


def shallow_clone(remote: Remote, full_name: str, head: Head, into: Path, max_bytes: int) -> Path:
    """A bare, blob-filtered clone of ``head``'s branch at depth 1 in ``into``; its git directory.

    When the branch moved since ``head`` was read, that commit is fetched by its id."""
    args = ["clone", "--quiet", "--bare", "--depth", "1", "--no-tags", "--single-branch"]
    if head.branch:
        args += ["--branch", head.branch]
    args += [f"--filter=blob:limit={max_bytes + 1}", "--", remote.url(full_name), str(into)]
    _run(remote, args, CLONE_TIMEOUT_S, "git clone")
    got = _run(remote, ["rev-parse", "HEAD^{commit}"], LS_REMOTE_TIMEOUT_S, "git rev-parse", cwd=into)
    if got.decode().strip() != head.commit:
        fetch = ["fetch", "--quiet", "--depth", "1", f"--filter=blob:limit={max_bytes + 1}"]
        _run(remote, [*fetch, "origin", head.commit], CLONE_TIMEOUT_S, "git fetch", cwd=into)
    return into

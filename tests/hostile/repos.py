"""Helpers to build hostile repositories for the confinement, masking and escaping tests."""

from __future__ import annotations

import base64
import subprocess
from pathlib import Path

FAKE_TOKEN = "ghs_" + "R3aLlyN0tAT0k3nButSh4p3dL1k30n3xy12"  # shaped like an installation token
EXTRAHEADER = "AUTHORIZATION: basic " + base64.b64encode(f"x-access-token:{FAKE_TOKEN}".encode()).decode()


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


def commit_all(root: Path, message: str = "commit") -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "HEAD")


def checkout_like(root: Path) -> Path:
    """A git repository whose .git/config carries the credential actions/checkout persists."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q")
    git(root, "config", "http.https://github.com/.extraheader", EXTRAHEADER)
    return root

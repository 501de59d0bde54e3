"""A hostile repository with every hostile input at once, for the end-to-end test and the benchmark.

:func:`build` writes it as a git repository (a checkout whose ``.git/config`` carries the
credential ``actions/checkout`` persists) and returns, for each hostile input, the path that
must carry a located finding. Every URL it contains (``$ref`` in a spec and in the policy's
schema) points at ``127.0.0.1:PORT``, where the test listens and counts connections.
"""

from __future__ import annotations

import base64
import os
import subprocess
from pathlib import Path

TOKEN = "ghp_" + "H0st1leT0kenN0tRea1" + "x" * 17
"""Shaped like a personal access token (ghp_ and 36 characters); in the environment, in a file
of the repository and in the checkout's credential."""

BOMB = """\
a0: &a0 [x, x, x, x, x, x, x, x, x]
a1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]
a2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]
a3: &a3 [*a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2]
a4: &a4 [*a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3]
a5: &a5 [*a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4]
a6: &a6 [*a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5]
a7: &a7 [*a6, *a6, *a6, *a6, *a6, *a6, *a6, *a6, *a6]
a8: &a8 [*a7, *a7, *a7, *a7, *a7, *a7, *a7, *a7, *a7]
"""
"""A billion laughs: 9**9 scalars once expanded."""

BROKEN_SPEC = "openapi: 3.0.3\ninfo: {title: hostile}\npaths: {}\n"
"""An OpenAPI document that loads but does not validate (info has no version)."""

DEEP = "/".join(["d"] * 1200)
LONG = "long/" + "/".join(["n" * 240] * 16) + "/openapi.yaml"
"""A path of 3,880 characters: near what the system allows (4,096 with the checkout's own path)."""
LONG_PATTERN = "/" + "x" * 4999
"""A CODEOWNERS entry naming a file of 5,000 characters."""
STARS = "*a" * 30 + "*b"  # a CODEOWNERS pattern (and a policy glob) of 30 stars
BRACES = "{a,b}" * 9  # 512 alternatives: within the limit (30 of them are refused: see the tests)


def policy(port: int) -> str:
    """An accepted hostile policy: it extends the built-in pack and adds rules of its own."""
    here = f"http://127.0.0.1:{port}"
    return f"""\
version: 1
extends: [builtin:recommended]
settings:
  docs_url: "javascript:alert(1)"
rules:
  - id: hostile.nested-quantifier
    title: nested quantifier
    characteristic: self-service
    level: bronze
    severity: error
    check: {{type: file-contains, params: {{paths: [README.md], pattern: "(a+)+$"}}}}
    remediation: "[click]({here}/remediation)"
    docs: "javascript:alert(1)"
  - id: hostile.star-glob
    title: star glob
    characteristic: self-service
    level: bronze
    severity: error
    check: {{type: file-exists, params: {{paths: ["{STARS}", "{BRACES}"]}}}}
    remediation: fix
  - id: hostile.remote-schema
    title: remote schema
    characteristic: self-service
    level: bronze
    severity: error
    check:
      type: document-matches
      params:
        paths: [service.yaml]
        schema: {{"$ref": "{here}/x"}}
    remediation: fix
  - id: hostile.file-schema
    title: file schema
    characteristic: self-service
    level: bronze
    severity: error
    check:
      type: document-matches
      params:
        paths: [service.yaml]
        schema: {{properties: {{a: {{"$ref": "file:///etc/passwd"}}}}}}
    remediation: fix
"""


def _git(root: Path, *args: str) -> None:
    config = ["-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "-C", str(root), *config, *args], check=True, capture_output=True)


def _mkdirs(root: Path, rel: str) -> None:
    """mkdir -p one level at a time (pathlib and os.makedirs recurse once per level)."""
    current = str(root)
    for part in rel.split("/"):
        current += "/" + part
        if not os.path.isdir(current):
            os.mkdir(current)


def remove_tree(top: Path) -> None:
    """``rm -rf`` without recursion: shutil.rmtree (and pytest's clean-up of old temporary
    folders, which uses it) recurses once per level and fails on a tree 1,200 folders deep, so
    every test that builds one removes it with this when it ends."""
    order: list[str] = []
    stack = [str(top)]
    while stack:
        folder = stack.pop()
        order.append(folder)
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                else:
                    os.unlink(entry.path)
    for folder in reversed(order):  # children before their parents
        os.rmdir(folder)


def _write(root: Path, rel: str | bytes, content: str | bytes) -> None:
    name = os.fsencode(rel)
    parent = name.rpartition(b"/")[0]
    if parent:
        _mkdirs(root, os.fsdecode(parent))
    data = content.encode() if isinstance(content, str) else content
    with open(os.path.join(os.fsencode(root), name), "wb") as out:
        out.write(data)


def build(root: Path, port: int) -> dict[str, str]:
    """The hostile repository in ``root``; returns {hostile input: the path its finding is on}
    (paths as the JSON report writes them: not-UTF-8 bytes escaped, controls kept)."""
    root.mkdir(parents=True, exist_ok=True)
    _git(root, "init", "-q", "-b", "main")
    header = base64.b64encode(f"x-access-token:{TOKEN}".encode()).decode()
    _git(root, "config", "http.https://github.com/.extraheader", f"AUTHORIZATION: basic {header}")
    here = f"http://127.0.0.1:{port}"
    newline_name = "api/evil\n::error::pwned\x1b[31mred.yaml"
    files: dict[str | bytes, str | bytes] = {
        ".platform-lint.yml": policy(port),
        "README.md": "\n" * 40_000,
        ".github/CODEOWNERS": f"{STARS} @acme/platform\n{LONG_PATTERN} @acme/platform\n",
        LONG: BROKEN_SPEC,
        DEEP + "/openapi.yaml": BROKEN_SPEC,
        "api/numbers.json": '{"openapi": "3.0.0", "n": ' + "9" * 5000 + "}",
        "catalog-info.yaml": BOMB,
        "api/openapi.yaml": "openapi: 3.0.3\n" + BOMB,
        "api/remote.yaml": BROKEN_SPEC.replace("paths: {}", f"paths: {{/x: {{$ref: '{here}/paths.yaml'}}}}"),
        b"api/caf\xe9.yaml": BROKEN_SPEC,
        newline_name: BROKEN_SPEC,
        "deploy/.env": f"GITHUB_TOKEN={TOKEN}\n",
        "service.yaml": f"a: 1\nsee: {here}/docs\n",
    }
    for rel, content in files.items():
        _write(root, rel, content)
    os.symlink("../.git/config", root / "api/openapi-git.yaml")
    os.symlink("/etc/passwd", root / "api/openapi-passwd.json")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "hostile")
    return {
        "a file 1,200 folders deep": DEEP + "/openapi.yaml",
        "a JSON openapi file with a 5,000-digit number": "api/numbers.json",
        "a README of 40,000 blank lines": "README.md",
        "a CODEOWNERS pattern of 30 stars": ".github/CODEOWNERS",
        "a CODEOWNERS entry of 5,000 characters": ".github/CODEOWNERS",
        "a 3,880-character path": LONG,
        "an alias bomb in catalog-info.yaml": "catalog-info.yaml",
        "an alias bomb in an OpenAPI file": "api/openapi.yaml",
        "a link to .git/config": "api/openapi-git.yaml",
        "a link to /etc/passwd": "api/openapi-passwd.json",
        "a file name that is not UTF-8": "api/caf\\xe9.yaml",
        "a file name with a newline, ::error:: and ESC": newline_name,
        "a $ref to a URL in a spec": "api/remote.yaml",
        "a committed token": "deploy/.env",
        "a policy schema with $ref to a URL and to file:///etc/passwd": "service.yaml",
    }

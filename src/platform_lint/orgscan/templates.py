"""Template origins: one spelling per template address, the scanned repository it points at, and
whether a repository generated from it lags behind its latest version.

Shared by the balanced scorecard (``scorecard``) and the history (``history``), which records each
repository's origins with their lag state so that golden-path adoption has a trend.
"""

from __future__ import annotations

import re

NOT_IN_SCAN = "the template's repository is not in the scan, so its latest version is not known"
NOT_READ = "the template's repository is in the scan but was not read (skipped or failed)"
NO_COMMIT = "the record names no commit"
A_TAG = "the record names a tag, not a commit"
NO_VERSION = "the record kind keeps no template version"

_SHA = re.compile(r"[0-9a-f]{7,40}")
_DESCRIBE = re.compile(r".+-\d+-g(?P<sha>[0-9a-f]{7,40})")
_SCP = re.compile(r"(?:[A-Za-z0-9._-]+@)?(?P<host>[A-Za-z0-9.-]+\.[A-Za-z]{2,}):(?P<path>[^/].*)")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_SHORTHANDS = {"gh:": "github.com/", "gl:": "gitlab.com/"}


def template_identity(recorded: str) -> str:
    """One spelling per template: ``gh:acme/t``, ``https://github.com/Acme/t.git`` and
    ``git@github.com:acme/t`` are all ``github.com/acme/t``. Paths and entity references stay
    as recorded."""
    text = recorded.strip()
    if not text:
        return "(not recorded)"
    for short, host in _SHORTHANDS.items():
        if text.startswith(short):
            text = host + text[len(short) :]
            break
    else:
        scp = _SCP.fullmatch(text)
        if scp and "://" not in text:
            text = f"{scp.group('host')}/{scp.group('path')}"
        elif _SCHEME.match(text):
            text = _SCHEME.sub("", text, count=1)
            text = re.sub(r"^[^/@]*@", "", text)  # user@ (credentials were dropped when read)
    text = text.rstrip("/")
    text = text.removesuffix(".git")
    host, sep, _rest = text.partition("/")
    if sep and "." in host and not host.startswith("."):
        text = text.lower()  # a hosted repository's address: GitHub and GitLab ignore case
    return text


def template_repository(identity: str, names: dict[str, str]) -> str | None:
    """The scanned repository a template address points at (``HOST/OWNER/NAME[/...]``), by
    ``OWNER/NAME`` ignoring case; ``names`` maps lower-cased names to names."""
    parts = identity.split("/")
    if len(parts) < 3 or "." not in parts[0]:
        return None
    return names.get(f"{parts[1]}/{parts[2]}".lower())


def _recorded_sha(commit: str) -> str | None:
    text = commit.strip().lower()
    if _SHA.fullmatch(text):
        return text
    described = _DESCRIBE.fullmatch(text)
    return described.group("sha") if described else None


def judge_origin(kind: str, commit: str, repository: str | None, head: str | None) -> tuple[str, str | None]:
    """Whether a repository generated from a template at ``commit`` lags behind the template's
    ``head`` (its scanned repository's commit): ("current" | "behind" | "unknown", why when unknown)."""
    if kind in ("backstage-annotation", "projen"):
        return "unknown", NO_VERSION
    if repository is None:
        return "unknown", NOT_IN_SCAN
    if head is None:
        return "unknown", NOT_READ
    if not commit:
        return "unknown", NO_COMMIT
    sha = _recorded_sha(commit)
    if sha is None:
        return "unknown", A_TAG
    return ("current", None) if head.lower().startswith(sha) else ("behind", None)

"""What version bump a set of changes needs, and whether two versions provide it."""

from __future__ import annotations

from dataclasses import dataclass

from platform_lint.families.shared.versions import semver_key

BUMPS = ("none", "patch", "minor", "major")


@dataclass(frozen=True)
class BumpVerdict:
    """``problem`` is None when the bump suffices; else ``missing``, ``decreased`` or ``not-semver``."""

    required: str
    actual: str
    problem: str | None


def required_bump(old: str | None, breaking: bool, additions: bool) -> str:
    """major for breaking changes (minor while 0.y.z), minor for additions, else none."""
    key = semver_key(old) if old else None
    if breaking:
        return "minor" if key is not None and key[0] == 0 else "major"
    return "minor" if additions else "none"


def actual_bump(old: str, new: str) -> str | None:
    """The bump from old to new (``none`` when equal), or None when either is not semver."""
    a, b = semver_key(old), semver_key(new)
    if a is None or b is None:
        return None
    if b[0] != a[0]:
        return "major" if b[0] > a[0] else "decreased"
    if b[1] != a[1]:
        return "minor" if b[1] > a[1] else "decreased"
    if b[2] != a[2]:
        return "patch" if b[2] > a[2] else "decreased"
    if b[3:] != a[3:]:
        return "patch" if b[3:] > a[3:] else "decreased"
    return "none"


def judge(old: str | None, new: str | None, required: str, require_semver: bool) -> BumpVerdict:
    if new is None:
        return BumpVerdict(required, "unknown", "missing" if required != "none" else None)
    if old is None:
        return BumpVerdict(required, "new", None)
    bump = actual_bump(old, new)
    if bump is None:
        if require_semver:
            return BumpVerdict(required, "unknown", "not-semver")
        return BumpVerdict(required, "unknown", None if old != new or required == "none" else "missing")
    if bump == "decreased":
        return BumpVerdict(required, bump, "decreased")
    ok = BUMPS.index(bump) >= BUMPS.index(required)
    return BumpVerdict(required, bump, None if ok else "missing")

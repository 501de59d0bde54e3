"""Planning a sharded org-scan: how many shards, which repositories in each, and the plan file
the shards scan from.

The shard count is chosen from the number of repositories: ``ceil(repositories /
repos_per_shard)``, at least 1 and at most :data:`MAX_SHARDS` (GitHub Actions runs at most 256
jobs from one matrix). Because a repository's shard is ``hash(owner/name) mod N``
(:mod:`platform_lint.orgscan.shards`), changing N moves most repositories to another shard,
where their incremental state is not: they are cloned and checked again. So the count is
sticky: a plan keeps the previous plan's count until the repositories outgrow it (more than
:data:`GROW_AT` times ``repos_per_shard`` per shard on average), and then grows to the count
the rule gives. It never shrinks by itself; ``--shards N`` sets it.

The plan file (``OUT/plan.json``) records the count and the listing (the fields the scan uses),
so every shard of a run scans the same repositories without listing the organisation again.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from platform_lint.errors import InputError, UsageError
from platform_lint.orgscan.github_listing import ApiRepo, Listing, parse_repo
from platform_lint.orgscan.shards import shard_index

MAX_SHARDS = 256
"""The most jobs one GitHub Actions matrix may have."""

DEFAULT_REPOS_PER_SHARD = 250
GROW_AT = 2
"""The count grows once the average shard holds more than this many times repos_per_shard."""

PLAN = "plan.json"
SCHEMA_VERSION = 1
MAX_PLAN_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class ShardCount:
    count: int
    why: str


def shards_for(repositories: int, repos_per_shard: int) -> int:
    """The rule: one shard per ``repos_per_shard`` repositories (rounded up), 1 to 256."""
    return min(MAX_SHARDS, max(1, math.ceil(repositories / repos_per_shard)))


def choose_count(
    repositories: int, repos_per_shard: int, previous: int | None = None, override: int | None = None
) -> ShardCount:
    """The shard count for ``repositories``: ``override`` when given, else the previous plan's
    while it is still big enough, else :func:`shards_for`."""
    if override is not None:
        check_count(override, "--shards")
        return ShardCount(override, "set by --shards")
    fresh = shards_for(repositories, repos_per_shard)
    rule = f"{repositories} repositories, {repos_per_shard} per shard"
    capped = " (the most a matrix allows)" if fresh == MAX_SHARDS else ""
    if previous is None or not 1 <= previous <= MAX_SHARDS:
        return ShardCount(fresh, f"{rule}{capped}")
    if repositories <= GROW_AT * repos_per_shard * previous or previous >= fresh:
        return ShardCount(previous, f"kept from the previous plan ({rule} would make {fresh})")
    return ShardCount(
        fresh,
        f"grown from {previous}: more than {GROW_AT * repos_per_shard} repositories per shard "
        f"({rule}{capped}); most repositories move to another shard and are scanned afresh once",
    )


def check_count(count: int, option: str) -> None:
    if not 1 <= count <= MAX_SHARDS:
        raise UsageError(
            f"{option} {count}: give 1 to {MAX_SHARDS} (the most jobs a GitHub Actions matrix runs)"
        )


def shard_sizes(names: Iterable[str], count: int) -> list[int]:
    """How many of ``names`` fall in each shard 1..count."""
    sizes = [0] * count
    for name in names:
        sizes[shard_index(name, count) - 1] += 1
    return sizes


@dataclass(frozen=True)
class Plan:
    org: str
    account: str  # "org" or "user"
    created_at: str
    count: int
    why: str
    repos_per_shard: int
    repos: tuple[ApiRepo, ...]
    left_out: Mapping[str, int]

    @property
    def sizes(self) -> list[int]:
        return shard_sizes((r.full_name for r in self.repos), self.count)

    def matrix(self) -> dict[str, list[int]]:
        return {"shard": list(range(1, self.count + 1))}

    def listing(self) -> Listing:
        return Listing(self.repos, self.account, dict(self.left_out))

    def to_json(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "org": self.org,
            "account": self.account,
            "created_at": self.created_at,
            "shards": self.count,
            "why": self.why,
            "repos_per_shard": self.repos_per_shard,
            "repositories": len(self.repos),
            "shard_sizes": self.sizes,
            "left_out": dict(self.left_out),
            "listing": [
                {
                    "full_name": r.full_name,
                    "default_branch": r.default_branch,
                    "archived": r.archived,
                    "fork": r.fork,
                    "pushed_at": r.pushed_at,
                    "size": r.size,
                    "visibility": r.visibility,
                    "shard": shard_index(r.full_name, self.count),
                }
                for r in self.repos
            ],
        }


def make_plan(
    org: str,
    listing: Listing,
    repos_per_shard: int,
    previous: int | None,
    override: int | None,
    now: dt.datetime,
) -> Plan:
    chosen = choose_count(len(listing.repos), repos_per_shard, previous, override)
    return Plan(
        org=org,
        account=listing.account,
        created_at=now.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        count=chosen.count,
        why=chosen.why,
        repos_per_shard=repos_per_shard,
        repos=listing.repos,
        left_out=listing.left_out,
    )


def write_plan(out: Path, plan: Plan) -> Path:
    from platform_lint.safety import write_atomic

    path = out / PLAN
    write_atomic(path, json.dumps(plan.to_json(), indent=1, sort_keys=True) + "\n")
    return path


def previous_count(out: Path) -> int | None:
    """The shard count of the plan already in ``out``; None when there is none or it is unreadable
    (then the count is chosen afresh)."""
    try:
        data = json.loads((out / PLAN).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    count = data.get("shards") if isinstance(data, dict) else None
    return (
        count if isinstance(count, int) and not isinstance(count, bool) and 1 <= count <= MAX_SHARDS else None
    )


def read_plan(path: Path) -> Plan:
    """The plan file ``org-plan`` wrote (data from another job: checked field by field)."""
    try:
        if path.stat().st_size > MAX_PLAN_BYTES:
            raise InputError(f"--plan {path}: larger than {MAX_PLAN_BYTES} bytes; not a plan file")
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"--plan {path}: cannot read it: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise InputError(f"--plan {path}: not JSON: {exc}") from None
    if not isinstance(data, dict) or data.get("schema_version") != SCHEMA_VERSION:
        raise InputError(
            f"--plan {path}: not a plan file written by platform-lint org-plan (schema_version 1)"
        )
    count, org, listing = data.get("shards"), data.get("org"), data.get("listing")
    if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= MAX_SHARDS:
        raise InputError(f"--plan {path}: 'shards' must be a number from 1 to {MAX_SHARDS}")
    if not isinstance(org, str) or not isinstance(listing, list):
        raise InputError(f"--plan {path}: 'org' and 'listing' are missing")
    repos: dict[str, ApiRepo] = {}
    for n, item in enumerate(listing, start=1):
        repo = parse_repo(item) if isinstance(item, dict) else None
        if repo is None:
            raise InputError(f"--plan {path}: listing entry {n} is not a repository")
        repos.setdefault(repo.full_name, repo)
    left_out = data.get("left_out")
    return Plan(
        org=org,
        account="user" if data.get("account") == "user" else "org",
        created_at=str(data.get("created_at") or ""),
        count=count,
        why=str(data.get("why") or ""),
        repos_per_shard=int(data.get("repos_per_shard") or DEFAULT_REPOS_PER_SHARD),
        repos=tuple(sorted(repos.values(), key=lambda r: r.full_name)),
        left_out={k: v for k, v in left_out.items() if isinstance(v, int)}
        if isinstance(left_out, dict)
        else {},
    )


def github_output(values: Mapping[str, str]) -> str:
    """``values`` in the ``$GITHUB_OUTPUT`` file format, each as ``NAME<<DELIMITER``, the value, the
    delimiter: safe for any value (a newline in one cannot start another output)."""
    lines = []
    for name, value in values.items():
        delimiter = f"ghadelimiter_{secrets.token_hex(16)}"
        while delimiter in value:  # pragma: no cover - 128 random bits
            delimiter = f"ghadelimiter_{secrets.token_hex(16)}"
        lines += [f"{name}<<{delimiter}", value, delimiter]
    return "\n".join(lines) + "\n"


def outputs(plan: Plan) -> dict[str, str]:
    """What the plan step hands to the rest of the workflow."""
    return {
        "matrix": json.dumps(plan.matrix(), separators=(",", ":")),
        "count": str(plan.count),
        "repositories": str(len(plan.repos)),
    }


def describe_sizes(sizes: Sequence[int]) -> str:
    if not sizes:
        return ""
    return (
        f"{min(sizes)} to {max(sizes)} repositories per shard"
        if len(sizes) > 1
        else f"{sizes[0]} repositories"
    )

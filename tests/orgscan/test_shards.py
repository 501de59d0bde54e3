"""Shards: every repository in exactly one, the same one every time, whatever else changes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from orgscan.helpers import BARE, entries, make_repo, manifest, org_scan
from platform_lint.orgscan.shards import Shard, parse_shard, shard_index

NAMES = [f"acme/service-{i}" for i in range(60)]


def test_every_name_lands_in_exactly_one_shard_and_the_split_is_not_lopsided() -> None:
    for count in (1, 2, 3, 7):
        shards = [Shard(i, count) for i in range(1, count + 1)]
        for name in NAMES:
            assert sum(s.holds(name) for s in shards) == 1
        sizes = [sum(s.holds(n) for n in NAMES) for s in shards]
        assert min(sizes) >= len(NAMES) / count / 3, sizes


def test_the_shard_does_not_depend_on_the_process_or_on_letter_case() -> None:
    code = (
        "from platform_lint.orgscan.shards import shard_index\n"
        "print([shard_index(f'acme/service-{i}', 5) for i in range(60)])"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env={"PYTHONHASHSEED": seed},
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert runs == {str([shard_index(n, 5) for n in NAMES]) + "\n"}
    assert shard_index("Acme/Service-1", 5) == shard_index("acme/service-1", 5)


def test_parse_shard() -> None:
    assert parse_shard("2/4") == Shard(2, 4) and str(parse_shard("2/4")) == "2/4"


def test_shard_scans_partition_the_org_and_a_new_repository_moves_no_other(tmp_path: Path) -> None:
    root = tmp_path / "repos"
    names = [f"r{i}" for i in range(6)]
    for name in names:
        make_repo(root / "acme" / name, BARE)
    outs = [tmp_path / f"shard-{i}" for i in (1, 2)]
    for i, out in enumerate(outs, 1):
        assert org_scan(root, out, "--shard", f"{i}/2") == 0
        assert manifest(out)["shard"] == f"{i}/2"
    found = [sorted(entries(out)) for out in outs]
    assert sorted(n for part in found for n in part) == [f"acme/{n}" for n in names]
    assert all(part for part in found), found  # these 6 names do not all hash to one shard

    make_repo(root / "acme" / "newcomer", BARE)
    for i, out in enumerate(outs, 1):
        assert org_scan(root, out, "--shard", f"{i}/2") == 0
    again = [sorted(entries(out)) for out in outs]
    for before, after in zip(found, again, strict=True):
        assert set(before) <= set(after)
    assert sum(len(part) for part in again) == len(names) + 1

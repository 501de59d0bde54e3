"""``manifest.json``: what a scan covered, one entry per repository, and its journal.

Each finished repository is appended to ``state/journal.jsonl`` at once (after its report
was written), and ``manifest.json`` is rewritten atomically from time to time and at the end,
so rewriting stays cheap with thousands of repositories. A scan that was killed resumes from
the journal: a repository with an entry there is not scanned again. A half-written last line
(the process died while writing it) is ignored and that repository is scanned again.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from platform_lint.errors import InputError
from platform_lint.orgscan.files import write_atomic, write_json_atomic

SCHEMA_VERSION = 1
MANIFEST = "manifest.json"
JOURNAL = "state/journal.jsonl"
STATUSES = ("scanned", "unchanged", "skipped", "failed")


@dataclass(frozen=True)
class Entry:
    """One repository's line in the manifest."""

    repo: str
    status: str  # one of STATUSES
    reason: str | None
    commit: str | None
    default_branch: str | None
    report: str | None  # relative to the output folder
    duration_s: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Entry:
        status = data.get("status")
        if not isinstance(data.get("repo"), str) or status not in STATUSES:
            raise ValueError("not a manifest entry")
        return cls(
            repo=data["repo"],
            status=str(status),
            reason=_text(data.get("reason")),
            commit=_text(data.get("commit")),
            default_branch=_text(data.get("default_branch")),
            report=_text(data.get("report")),
            duration_s=float(data.get("duration_s") or 0.0),
        )


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True)
class ScanHeader:
    """What identifies a scan: resuming needs the same source, shard and policy."""

    scan_id: str
    started_at: str
    org: str | None
    shard: str | None
    policy: str
    policy_digest: str
    tool_version: str
    source: str

    def same_scan_as(self, other: ScanHeader) -> bool:
        keys = ("org", "shard", "policy", "policy_digest", "tool_version", "source")
        return all(getattr(self, k) == getattr(other, k) for k in keys)


def manifest_dict(
    header: ScanHeader,
    entries: Iterable[Entry],
    finished_at: str | None,
    stopped: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    listed = sorted(entries, key=lambda e: e.repo)
    counts = {s: sum(1 for e in listed if e.status == s) for s in STATUSES}
    data = {
        "schema_version": SCHEMA_VERSION,
        "scan_id": header.scan_id,
        "started_at": header.started_at,
        "finished_at": finished_at,
        "org": header.org,
        "shard": header.shard,
        "policy": header.policy,
        "policy_digest": header.policy_digest,
        "tool_version": header.tool_version,
        "counts": counts,
        "repositories": [e.to_dict() for e in listed],
    }
    if stopped is not None:  # only in a scan that stopped early: why, and how to resume
        data["stopped"] = dict(stopped)
    return data


def write_manifest(
    out: Path,
    header: ScanHeader,
    entries: Iterable[Entry],
    finished_at: str | None,
    stopped: Mapping[str, Any] | None = None,
) -> None:
    write_json_atomic(out / MANIFEST, manifest_dict(header, entries, finished_at, stopped))


def read_manifest(out: Path) -> dict[str, Any] | None:
    """The manifest, None when the folder has none; ``InputError`` when it is not one."""
    path = out / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"{path}: not an org-scan manifest: {exc}") from None
    if not isinstance(data, dict) or data.get("schema_version") != SCHEMA_VERSION:
        raise InputError(f"{path}: not an org-scan manifest (schema_version {SCHEMA_VERSION})")
    if not isinstance(data.get("repositories"), list):
        raise InputError(f"{path}: not an org-scan manifest: no 'repositories' list")
    return data


def manifest_entries(data: Mapping[str, Any], where: Path) -> list[Entry]:
    entries = []
    for i, raw in enumerate(data["repositories"]):
        try:
            entries.append(Entry.from_dict(raw))
        except (TypeError, ValueError, AttributeError):
            raise InputError(f"{where}: repositories[{i}] is not a manifest entry") from None
    return entries


class Journal:
    """The running scan's entries, appended one line each as repositories finish."""

    def __init__(self, out: Path) -> None:
        self.path = out / JOURNAL
        self._fh: IO[str] | None = None

    def load(self) -> tuple[ScanHeader | None, dict[str, Entry]]:
        """The interrupted scan's header and entries (none when there is no journal)."""
        try:
            lines = self.path.read_text(encoding="utf-8", errors="replace").splitlines()
        except FileNotFoundError:
            return None, {}
        header: ScanHeader | None = None
        entries: dict[str, Entry] = {}
        for line in lines:
            try:
                item = json.loads(line)
                if header is None:
                    header = ScanHeader(**item["header"])
                else:
                    entry = Entry.from_dict(item["entry"])
                    entries[entry.repo] = entry
            except (ValueError, TypeError, KeyError, AttributeError):
                if header is None:
                    return None, {}
                continue  # a line cut short by a kill: that repository is scanned again
        return header, entries

    def start(self, header: ScanHeader, entries: Iterable[Entry]) -> None:
        """(Re)write the journal with what is known, then keep it open for appending."""
        lines = [json.dumps({"header": asdict(header)}, ensure_ascii=False)]
        lines += [json.dumps({"entry": e.to_dict()}, ensure_ascii=False) for e in entries]
        write_atomic(self.path, "\n".join(lines) + "\n")
        self._fh = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 -- closed in close()

    def append(self, entry: Entry) -> None:
        assert self._fh is not None, "start() first"
        self._fh.write(json.dumps({"entry": entry.to_dict()}, ensure_ascii=False) + "\n")
        self._fh.flush()  # in the kernel's hands: survives the process being killed

    def close(self, *, remove: bool) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        if remove:
            self.path.unlink(missing_ok=True)


def iso(moment: dt.datetime) -> str:
    """UTC, to the second, with a Z: how every time in the output folder is written."""
    return moment.astimezone(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")

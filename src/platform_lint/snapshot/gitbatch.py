"""Reading git blobs through one ``git cat-file --batch`` process.

Reading a ref's files one ``git cat-file blob`` at a time costs a process per file (a
few milliseconds each: seconds for the contract candidates of a large repository). One
long-lived ``git cat-file --batch`` answers every request over a pipe instead: the blob's
id goes in (never its name, so names with newlines or bytes that are not UTF-8 cannot
confuse the protocol), a header ``<id> blob <size>`` and exactly ``size`` bytes come out.

A blob larger than the limit the caller gives is never held in memory: it is read from
the pipe in chunks and dropped. The process is started on the first read and ended when
the reader is closed or collected; a process that died or misbehaved is reported as an
unreadable blob (and a new one is started for the next read).
"""

from __future__ import annotations

import os
import re
import subprocess
import weakref
from pathlib import Path

CHUNK = 1 << 16
_OID = re.compile(rb"\A[0-9a-f]{40}(?:[0-9a-f]{24})?\Z")


class BlobTooLarge(Exception):
    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


class BlobUnreadable(Exception):
    pass


def _git_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update({"GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"})
    return env


def _stop(proc: subprocess.Popen[bytes]) -> None:
    for stream in (proc.stdin, proc.stdout):
        try:
            if stream is not None:
                stream.close()
        except OSError:
            pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class BlobReader:
    """Blobs of the repository at ``root`` by object id, over one ``cat-file --batch`` pipe."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._proc: subprocess.Popen[bytes] | None = None
        self._finalizer: weakref.finalize | None = None
        self.processes_started = 0

    def _process(self) -> subprocess.Popen[bytes]:
        if self._proc is None or self._proc.poll() is not None:
            self.close()
            self._proc = subprocess.Popen(
                ["git", "-C", str(self.root), "cat-file", "--batch"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=_git_env(),
            )
            self.processes_started += 1
            self._finalizer = weakref.finalize(self, _stop, self._proc)
        return self._proc

    def close(self) -> None:
        if self._finalizer is not None:
            self._finalizer()  # stops the process once
            self._finalizer = None
        self._proc = None

    def read(self, oid: str, limit: int) -> bytes:
        """The blob's bytes; :class:`BlobTooLarge` past ``limit`` bytes, :class:`BlobUnreadable`
        when git has no such blob or the pipe breaks."""
        if not _OID.match(oid.encode("ascii", "replace")):
            raise BlobUnreadable(oid)
        proc = self._process()
        assert proc.stdin is not None and proc.stdout is not None
        try:
            proc.stdin.write(oid.encode("ascii") + b"\n")
            proc.stdin.flush()
            header = proc.stdout.readline(256)
            fields = header.split()
            if len(fields) == 2 and fields[1] == b"missing":
                raise BlobUnreadable(oid)
            if len(fields) != 3 or fields[0] != oid.encode("ascii") or not fields[2].isdigit():
                self.close()  # out of step with the protocol: never trust this pipe again
                raise BlobUnreadable(oid)
            size = int(fields[2])
            if fields[1] != b"blob" or size > limit:
                self._drain(proc, size + 1)
                if fields[1] != b"blob":
                    raise BlobUnreadable(oid)
                raise BlobTooLarge(size)
            data = self._exact(proc, size + 1)  # the content, then a newline
        except (OSError, ValueError):
            self.close()
            raise BlobUnreadable(oid) from None
        return data[:-1]

    def _exact(self, proc: subprocess.Popen[bytes], count: int) -> bytes:
        assert proc.stdout is not None
        parts: list[bytes] = []
        left = count
        while left:
            chunk = proc.stdout.read(min(left, 1 << 24))
            if not chunk:
                self.close()
                raise BlobUnreadable("the pipe closed")
            parts.append(chunk)
            left -= len(chunk)
        return b"".join(parts)

    def _drain(self, proc: subprocess.Popen[bytes], count: int) -> None:
        assert proc.stdout is not None
        left = count
        while left:
            chunk = proc.stdout.read(min(left, CHUNK))
            if not chunk:
                self.close()
                raise BlobUnreadable("the pipe closed")
            left -= len(chunk)

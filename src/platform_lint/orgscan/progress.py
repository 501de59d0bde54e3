"""What an org-scan prints while it runs (to standard error).

Not on a terminal (CI logs): one plain line per repository. On a terminal: one line that is
redrawn in place (done/total, rate, time left, the last repository), with failures printed
above it so they stay visible.
"""

from __future__ import annotations

import time
from typing import IO

from platform_lint.orgscan.digest import ReportDigest
from platform_lint.orgscan.manifest import Entry
from platform_lint.report._shared import one_line


def _outcome(entry: Entry, digest: ReportDigest | None) -> str:
    if digest is not None:
        return f"{entry.status}, {digest.level} (score {digest.score:g})"
    if entry.reason:
        return f"{entry.status}: {one_line(entry.reason)}"
    return entry.status


def _duration(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}m{whole % 60:02d}s" if whole >= 60 else f"{whole}s"


class Progress:
    def __init__(self, stream: IO[str], total: int, done: int = 0, *, terminal: bool | None = None) -> None:
        self.stream = stream
        self.total = total
        self.done = done
        self._resumed = done
        self.terminal = bool(getattr(stream, "isatty", lambda: False)()) if terminal is None else terminal
        self._started = time.monotonic()
        self._width = len(str(total))

    def say(self, message: str) -> None:
        self._clear()
        self.stream.write(f"org-scan: {message}\n")
        self.stream.flush()

    def update(self, entry: Entry, digest: ReportDigest | None) -> None:
        self.done += 1
        counter = f"[{self.done:>{self._width}}/{self.total}]"
        line = f"{counter} {entry.repo}: {_outcome(entry, digest)} in {entry.duration_s:.2f}s"
        if not self.terminal:
            self.stream.write(f"org-scan: {line}\n")
        else:
            if entry.status == "failed":
                self._clear()
                self.stream.write(f"org-scan: {line}\n")
            self._redraw(f"{counter} {self._pace()} {entry.repo}: {entry.status}")
        self.stream.flush()

    def _pace(self) -> str:
        elapsed = time.monotonic() - self._started
        finished = self.done - self._resumed
        if finished <= 0 or elapsed <= 0:
            return ""
        rate = finished / elapsed
        left = (self.total - self.done) / rate
        return f"{100 * self.done // max(self.total, 1)}% {rate:.1f} repos/s, {_duration(left)} left ·"

    def _redraw(self, text: str) -> None:
        self.stream.write("\r\x1b[2K" + text[:200])

    def _clear(self) -> None:
        if self.terminal:
            self.stream.write("\r\x1b[2K")

    def finish(self, summary: str) -> None:
        self._clear()
        elapsed = time.monotonic() - self._started
        self.stream.write(f"org-scan: {summary} in {_duration(elapsed)}\n")
        self.stream.flush()

"""The one door to the filesystem and to text that leaves the process.

Everything in the repository under check and in its policy may be hostile (a pull request
from a stranger runs platform-lint too). This module holds the few rules every reader and
writer follows, so they are decided once:

* **Confinement** (:func:`read_confined`, :func:`read_regular`): a file is read only when it
  is a regular file (never a FIFO, a device or a socket: they hang or never end), no larger
  than a cap, and, when a root is given, its real path (symlinks resolved) stays inside that
  root and outside any ``.git`` folder (where ``actions/checkout`` keeps the credential).
  A refusal is an :class:`Unsafe` carrying a short ``problem`` code and a reason that never
  quotes the file it refused.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

# -- confinement ------------------------------------------------------------------------------------

GIT_DIR = ".git"

OUTSIDE_ROOT = "outside-root"
INSIDE_GIT = "inside-git"
NOT_REGULAR = "not-regular"
TOO_LARGE = "too-large"
MISSING = "missing"
UNREADABLE = "unreadable"

REASONS = {
    OUTSIDE_ROOT: "it leads outside {scope} (through a link or '..'), and nothing outside is read",
    INSIDE_GIT: "it leads into the .git folder, which is never read",
    NOT_REGULAR: "it is not a regular file (a FIFO, device or socket), which is never opened",
    TOO_LARGE: "it is larger than the size limit",
    MISSING: "no such file",
    UNREADABLE: "it cannot be read",
}
"""What each refusal means, in words a message can use."""


class Unsafe(Exception):
    """A file that is not read; ``problem`` is one of the codes above, ``size`` when known."""

    def __init__(self, problem: str, size: int = 0, detail: str = "", scope: str = "the repository") -> None:
        self.problem = problem
        self.size = size
        self.reason = REASONS.get(problem, problem).format(scope=scope) + (f" ({detail})" if detail else "")
        super().__init__(self.reason)


def _within(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def has_git_part(relative: str | Path) -> bool:
    """True when a relative path goes through a ``.git`` folder (or is one)."""
    parts = Path(relative).parts if isinstance(relative, Path) else relative.replace("\\", "/").split("/")
    return any(part.lower() == GIT_DIR for part in parts)


def confine(path: Path, root: Path, scope: str = "the repository") -> Path:
    """The real path of ``path`` (symlinks resolved) when it stays inside ``root`` and out of
    ``.git``; raises :class:`Unsafe` otherwise. ``root`` must already be resolved; ``scope``
    names it in the reason."""
    if not lexically_inside(path, root):
        raise Unsafe(OUTSIDE_ROOT, scope=scope)
    try:
        real = path.resolve(strict=True)
    except FileNotFoundError:
        if os.path.islink(path):
            raise Unsafe(UNREADABLE, detail="a link to nothing") from None
        raise Unsafe(MISSING) from None
    except (OSError, RuntimeError):  # a link loop, a permission problem
        raise Unsafe(UNREADABLE) from None
    if not _within(real, root):
        raise Unsafe(OUTSIDE_ROOT, scope=scope)
    if has_git_part(real.relative_to(root)):
        raise Unsafe(INSIDE_GIT)
    return real


def confine_file(path: Path, root: Path, scope: str = "the repository") -> Path:
    """:func:`confine`, and the real file must be a regular file (checked with ``stat``)."""
    real = confine(path, root, scope)
    try:
        mode = real.stat().st_mode
    except OSError:
        raise Unsafe(UNREADABLE) from None
    if stat.S_ISDIR(mode):
        raise Unsafe(UNREADABLE, detail="a folder")
    if not stat.S_ISREG(mode):
        raise Unsafe(NOT_REGULAR)
    return real


def lexically_inside(path: Path, root: Path) -> bool:
    """True when ``path`` names something under ``root`` before any link is followed."""
    return _within(Path(os.path.abspath(path)), Path(os.path.abspath(root)))


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def open_regular(path: str | os.PathLike[str], *, follow: bool = True) -> tuple[int, int]:
    """An open descriptor on a regular file, and its size; never blocks on a FIFO (it is opened
    non-blocking, then refused). Raises :class:`Unsafe`."""
    try:
        fd = os.open(path, _OPEN_FLAGS if follow else _OPEN_FLAGS | _NOFOLLOW)
    except FileNotFoundError:
        raise Unsafe(MISSING) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Unsafe(UNREADABLE, detail="a link where none was expected") from None
        if exc.errno == errno.EISDIR:
            raise Unsafe(UNREADABLE, detail="a folder") from None
        if exc.errno == errno.ENXIO:  # a socket, or a FIFO nobody writes to
            raise Unsafe(NOT_REGULAR) from None
        raise Unsafe(UNREADABLE, detail=exc.strerror or "") from None
    try:
        info = os.fstat(fd)
    except OSError:
        os.close(fd)
        raise Unsafe(UNREADABLE) from None
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        if stat.S_ISDIR(info.st_mode):
            raise Unsafe(UNREADABLE, detail="a folder")
        raise Unsafe(NOT_REGULAR)
    return fd, info.st_size


def read_sized(fd: int, size: int, limit: int) -> bytes:
    """The ``size`` bytes of a file opened with :func:`open_regular` (its size when opened: what
    a writer appends later is not read); :class:`Unsafe` ``too-large`` over ``limit``."""
    if size > limit:
        raise Unsafe(TOO_LARGE, size)
    chunks: list[bytes] = []
    remaining = size
    while remaining > 0:
        chunk = os.read(fd, min(remaining, 1 << 24))
        if not chunk:  # shrank since it was opened
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def read_regular(path: str | os.PathLike[str], limit: int, *, follow: bool = True) -> bytes:
    """The bytes of a regular file no larger than ``limit``; :class:`Unsafe` otherwise."""
    fd, size = open_regular(path, follow=follow)
    try:
        return read_sized(fd, size, limit)
    except OSError:
        raise Unsafe(UNREADABLE) from None
    finally:
        os.close(fd)


def read_confined(path: Path, root: Path, limit: int, scope: str = "the repository") -> bytes:
    """:func:`read_regular` on ``path`` once :func:`confine` has accepted it."""
    return read_regular(confine(path, root, scope), limit)

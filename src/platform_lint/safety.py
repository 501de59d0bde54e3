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
* **Masking** (:func:`mask`, :func:`scrub`): every string that leaves the process (reports,
  logs, the step summary, pull-request comments, check runs) has the token in use, anything
  shaped like a GitHub token, ``Authorization`` header values and the credential
  ``actions/checkout`` keeps in ``.git/config`` replaced by ``***``.
* **Escaping** (:func:`terminal_text`, :func:`one_line`, :func:`neutralise_commands`,
  :func:`escape_surrogates`, :func:`safe_url`): text for a terminal or a CI log has no control
  characters (no ANSI escapes) and cannot start a GitHub workflow command; file names that are
  not UTF-8 are written escaped; a link is only ever http(s).
* **Writing** (:func:`write_atomic`): a report file is written whole or not at all.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import dataclasses
import errno
import os
import re
import stat
import tempfile
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

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


# -- masking ----------------------------------------------------------------------------------------

MASK = "***"
TOKEN_VARIABLES = ("PLATFORM_LINT_GITHUB_TOKEN", "GITHUB_TOKEN", "GH_TOKEN", "INPUT_TOKEN")
"""Environment variables whose value is a token in use; always masked."""
MIN_SECRET_LENGTH = 8
"""Shorter values are not masked as secrets (they would erase ordinary words); GitHub tokens
are 40 characters and more."""

_GITHUB_TOKEN = r"(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})"
_AUTH_VALUE = r"(?i:(?P<auth>authorization\s*[:=]\s*(?:basic|bearer|token)\s+))(?P<value>[^\s\"'<>,;]+)"
_TOKEN_RE = re.compile(_GITHUB_TOKEN)
_AUTH_RE = re.compile(_AUTH_VALUE)
_secrets: set[str] = set()
_lock = threading.Lock()


def add_secret(value: str | None) -> None:
    """Mask ``value`` (and, when it is base64 of ``user:password``, the password) wherever it
    appears from now on."""
    if not value or len(value) < MIN_SECRET_LENGTH:
        return
    with _lock:
        _secrets.add(value)
    decoded = _basic_credential(value)
    if decoded:  # "user:password": the password is the secret (the user is x-access-token)
        password = decoded.split(":", 1)[1]
        if len(password) >= MIN_SECRET_LENGTH:
            with _lock:
                _secrets.add(password)


def add_secrets(values: Iterable[str]) -> None:
    for value in values:
        add_secret(value)


def _basic_credential(value: str) -> str | None:
    try:
        text = base64.b64decode(value, validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        return None
    return text if ":" in text and text.isprintable() else None


def header_credentials(header: str) -> list[str]:
    """The secret parts of an HTTP header line such as git's ``http.extraheader``
    (``AUTHORIZATION: basic <base64>``): the value, and the decoded ``user:token``."""
    match = re.search(_AUTH_VALUE, header)
    if match:
        return [match.group("value")]
    _, _, value = header.partition(":")
    value = value.strip()
    return [value.split()[-1]] if value else []


def _known_secrets() -> tuple[str, ...]:
    """Every secret to mask now, longest first (a secret that contains another is masked whole)."""
    env = os.environ
    found = {env[name] for name in TOKEN_VARIABLES if len(env.get(name) or "") >= MIN_SECRET_LENGTH}
    with _lock:
        found |= _secrets
    return tuple(sorted(found, key=len, reverse=True))


def _replace_auth(match: re.Match[str]) -> str:
    return match.group("auth") + MASK


def _mask(text: str, secrets: tuple[str, ...]) -> str:
    # cheap literal tests first: a report or a log of many megabytes is scanned in milliseconds
    if "_" in text:  # every GitHub token shape has one
        text = _TOKEN_RE.sub(MASK, text)
    if "authorization" in text.lower():
        text = _AUTH_RE.sub(_replace_auth, text)
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, MASK)
    return text


def mask(text: str) -> str:
    """``text`` with every secret replaced by ``***``: the tokens in use (``GITHUB_TOKEN`` and the
    others in :data:`TOKEN_VARIABLES`, the ones given to :func:`add_secret`), anything shaped
    like a GitHub token (``ghp_``, ``gho_``, ``ghu_``, ``ghs_``, ``ghr_``, ``github_pat_``) and
    ``Authorization: basic|bearer|token ...`` header values."""
    return _mask(text, _known_secrets()) if text else text


_T = TypeVar("_T")


def scrub(value: _T) -> _T:
    """``value`` with every string in it (through dataclasses, tuples, lists and mappings)
    masked (:func:`mask`) and with file names that are not UTF-8 escaped
    (:func:`escape_surrogates`). Objects that need no change are returned as they are."""
    secrets = _known_secrets()

    def clean(item: Any) -> Any:
        kind = type(item)
        if kind is str:
            text = escape_surrogates(item)
            if not text:
                return item
            masked = _mask(text, secrets)
            return item if masked == item else masked
        if kind in (int, float, bool) or item is None:
            return item
        if dataclasses.is_dataclass(item) and not isinstance(item, type):
            changes = {}
            for f in dataclasses.fields(item):
                if not f.init:
                    continue
                old = getattr(item, f.name)
                new = clean(old)
                if new is not old:
                    changes[f.name] = new
            return dataclasses.replace(item, **changes) if changes else item
        if kind in (tuple, list):
            items = [clean(v) for v in item]
            if all(a is b for a, b in zip(items, item, strict=True)):
                return item
            return kind(items)
        if isinstance(item, Mapping):
            pairs = [(clean(k), clean(v)) for k, v in item.items()]
            if all(k is k0 and v is v0 for (k, v), (k0, v0) in zip(pairs, item.items(), strict=True)):
                return item
            return dict(pairs)
        return item

    result: _T = clean(value)
    return result


# -- escaping ---------------------------------------------------------------------------------------

_ESCAPE_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_SPACE = re.compile(r"[\t\r\n\u2028\u2029]+")
_LINE_COMMAND = re.compile(r"^([^\S\n]*)::", re.MULTILINE)
_SURROGATE = re.compile(r"[\ud800-\udfff]")
ZERO_WIDTH_SPACE = "\u200b"


def escape_surrogates(text: str) -> str:
    """A name read from the filesystem that is not UTF-8 (Python keeps its bytes as lone
    surrogates) with those bytes written ``\\xNN``, so it can be written as UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub(_escape_surrogate, text)
    return text


def _escape_surrogate(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


_CONTROLS = [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), 0x2028, 0x2029]
_DROP_CONTROLS = dict.fromkeys(_CONTROLS)
_DROP_CONTROLS_BUT_CR = dict.fromkeys(c for c in _CONTROLS if c != 0x0D)


def has_controls(text: str) -> bool:
    """True when ``text`` holds a control character or a line break (newline and tab included)."""
    return len(text.translate(_DROP_CONTROLS)) != len(text) or "\n" in text or "\t" in text


def strip_controls(text: str, *, keep_carriage_returns: bool = False) -> str:
    """``text`` without terminal escape sequences and control characters; newlines and tabs
    are kept, carriage returns only when asked (a lone one rewrites a terminal line)."""
    if "\x1b" in text:
        text = _ESCAPE_SEQUENCE.sub("", text)
    return text.translate(_DROP_CONTROLS_BUT_CR if keep_carriage_returns else _DROP_CONTROLS)


def neutralise_commands(text: str) -> str:
    """No line of ``text`` can be read as a GitHub Actions workflow command: ``::`` at the start
    of a line (after any spaces, which the runner skips) and the older ``##[`` form anywhere get
    a zero-width space between their two characters, which the runner does not parse and a
    reader does not see."""
    if "::" in text:
        text = _LINE_COMMAND.sub(lambda m: m.group(1) + ":" + ZERO_WIDTH_SPACE + ":", text)
    if "##[" in text:
        text = text.replace("##[", "#" + ZERO_WIDTH_SPACE + "#[")
    return text


def terminal_text(text: object) -> str:
    """Untrusted text made safe for a terminal or a CI log: masked, control characters and
    escape sequences removed, workflow commands neutralised; line breaks kept."""
    return neutralise_commands(strip_controls(mask(escape_surrogates(str(text)))))


def one_line(text: object) -> str:
    """:func:`terminal_text` on one line (line breaks and tabs become spaces), trimmed."""
    return terminal_text(_SPACE.sub(" ", str(text))).strip()


def safe_url(url: object) -> str | None:
    """``url`` when it is an ``http://`` or ``https://`` link, else None (``javascript:``,
    ``data:``, relative or odd schemes never become links)."""
    text = str(url or "").strip()
    if re.match(r"(?i)^https?://[^\s/?#]", text) and not _CONTROL.search(text):
        return text
    return None


# -- writing ----------------------------------------------------------------------------------------


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file in the same folder and a rename:
    a failure (a full disk, text that cannot be encoded) leaves the old file, or none, never a
    truncated one. Raises ``OSError`` or ``UnicodeError``; the temporary file is removed."""
    data = text.encode("utf-8")  # fails before anything is touched
    try:
        existing = os.stat(path)
    except OSError:
        existing = None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        # /dev/null, /dev/stdout, a named pipe: written through, never renamed over (a rename
        # would put a regular file where the device or pipe was, for every program on the machine)
        with open(path, "wb") as fh:
            fh.write(data)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            mode = os.stat(path).st_mode & 0o777
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise

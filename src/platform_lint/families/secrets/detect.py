"""Find secrets in a file's text by content: pure functions, linear regular expressions.

Every pattern runs on one line at a time (lines past :data:`MAX_LINE` are cut), has no
nested quantifier and no backreference, so the work per file is bounded by its size. A
match is kept only when its value does not look like a placeholder (``EXAMPLE``,
``xxxx``, ``changeme``, ``${VAR}``, ...). A private key counts only with a body: a PEM
header followed by lines of base64 (or, inside a JSON string, an escaped body of
:data:`MIN_PEM_BODY` characters), so code that merely names the header, and shortened
examples in documentation, are not keys.

The value found never leaves this module whole: :class:`Hit` carries a masked preview
(:func:`preview`) and the value itself only so the collector can register it for
masking everywhere else.
"""

from __future__ import annotations

import base64
import binascii
import math
import re
from collections import Counter
from dataclasses import dataclass, field

MAX_LINE = 4096
"""Characters of a line that are scanned (minified files have megabyte lines)."""
MIN_PEM_LINES = 3
"""Lines of base64 under a PEM header that make it a key (a 1024-bit key has 13)."""
MIN_PEM_BODY = 200
"""Base64 characters of a key written on one line with escaped newlines."""
MIN_GENERIC_ENTROPY = 3.5
"""Bits per character a generic secret value needs (random keys have 4 to 6)."""

KINDS: dict[str, str] = {
    "private-key": "a private key",
    "aws-access-key-id": "an AWS access key id",
    "aws-secret-access-key": "an AWS secret access key",
    "github-token": "a GitHub token",
    "slack-token": "a Slack token",
    "slack-webhook": "a Slack incoming-webhook URL",
    "stripe-key": "a live Stripe key",
    "google-api-key": "a Google API key",
    "generic-secret": "a high-entropy value assigned to a secret-named setting",
}

TRIGGER = re.compile(
    rb"PRIVATE KEY|AKIA|ASIA|ABIA|ACCA|gh[pousr]_|github_pat_|xox[abposr]-|hooks\.slack\.com|"
    rb"[rs]k_live_|AIza|(?i:secret|passw|token|api_?key|access_?key|credential)"
)
"""A file none of whose bytes match this holds no secret any detector would report."""

_PEM = re.compile(r"-----BEGIN ((?:RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----")
_PEM_LINE_START = re.compile(r"""^[\s"'`|>+{\[,(]*(?:[\w.\-]{1,60}["']?\s*[:=]\s*[|>"'`]?\s*)?-----BEGIN""")
_B64_LINE = re.compile(r"""^[\s"'`]*[A-Za-z0-9+/]{40,}={0,2}[\s"'`,\\n+]*$""")
_PEM_HEADER_LINE = re.compile(r"^\s*(?:Proc-Type|DEK-Info|Comment|Version):")
_B64_CHAR = re.compile(r"[A-Za-z0-9+/=]")

_TOKENS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("aws-access-key-id", re.compile(r"\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})\b")),
    (
        "aws-secret-access-key",
        re.compile(
            r"""(?i)(?:aws_?)?secret_?access_?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?:["'\s,;]|$)"""
        ),
    ),
    ("github-token", re.compile(r"\b(gh[pousr]_[A-Za-z0-9]{36,251})\b")),
    ("github-token", re.compile(r"\b(github_pat_[A-Za-z0-9_]{60,251})\b")),
    ("slack-token", re.compile(r"\b(xox[abposr]-[0-9]{6,20}-[A-Za-z0-9-]{16,250})")),
    (
        "slack-webhook",
        re.compile(
            r"(https://hooks\.slack\.com/services/T[A-Z0-9]{6,12}/B[A-Z0-9]{6,12}/[A-Za-z0-9]{20,40})"
        ),
    ),
    ("stripe-key", re.compile(r"\b((?:sk|rk)_live_[A-Za-z0-9]{20,250})\b")),
    ("google-api-key", re.compile(r"(AIza[A-Za-z0-9_-]{35})(?:[^A-Za-z0-9_-]|$)")),
)

_GENERIC = re.compile(
    r"""(?i)^\s*(?:export\s+|-\s+)?["']?([A-Za-z0-9_.-]{0,40}"""
    r"""(?:password|passwd|secret|token|api_?key|access_?key|private_?key|auth_?key|credentials?)"""
    r"""[A-Za-z0-9_]{0,20})["']?\s*[:=]\s*["']?([^\s"'#,;]{16,200})["']?\s*[,;]?\s*(?:#.*)?$"""
)

_PLACEHOLDER_WORDS = (
    "example",
    "xxxx",
    "****",
    "0000",
    "1234",
    "abcdef",
    "dummy",
    "fake",
    "sample",
    "placeholder",
    "change",
    "your",
    "redacted",
    "insert",
    "replace",
    "secret",
    "password",
    "token",
    "todo",
    "foobar",
    "test",
    "...",
)
_BASE64 = re.compile(r"^[A-Za-z0-9+/_-]+={0,2}$")
_API_DESCRIPTION = re.compile(
    r"""(?m)^[ \t{]{0,3}["']?(?:openapi|swagger|asyncapi)["']?[ \t]*:[ \t]*["']?[0-9]"""
)
_REFERENCE = re.compile(r"[$%]\{|\{\{|\$\(|^\$|^<|>$|^%|^\[|^/|://|\.\w+\(")


@dataclass(frozen=True)
class Hit:
    """One secret in a file: where it is, what kind, and a masked preview of it."""

    kind: str
    line: int
    column: int
    end_column: int
    preview: str
    value: str = field(repr=False, compare=False)


def preview(kind: str, value: str) -> str:
    """A masked form of ``value``: its first characters when they name the kind
    (``AKIA``, ``ghp_``), never more than four, and its length."""
    shown = {
        "aws-access-key-id": 4,
        "github-token": 4,
        "slack-token": 5,
        "stripe-key": 8,
        "google-api-key": 4,
        "slack-webhook": 34,
    }.get(kind, 0)
    return f"{value[:shown]}*** ({len(value)} characters)"


def entropy(value: str) -> float:
    """Shannon entropy of ``value`` in bits per character."""
    counts = Counter(value)
    total = len(value)
    return -sum(n / total * math.log2(n / total) for n in counts.values())


def looks_like_placeholder(value: str) -> bool:
    low = value.lower()
    if any(word in low for word in _PLACEHOLDER_WORDS):
        return True
    if len(set(value)) < 8:
        return True
    return bool(_REFERENCE.search(value))


def decoded_texts(value: str) -> list[str]:
    """What ``value`` reads as when it is base64 (a Kubernetes Secret's ``data``) or a JWT
    (three base64url parts): the printable texts inside, to judge them as placeholders too."""
    parts = value.split(".") if value.startswith("eyJ") else [value]
    texts: list[str] = []
    for part in parts:
        if len(part) < 8 or not _BASE64.match(part):
            continue
        try:
            raw = base64.urlsafe_b64decode(part.replace("+", "-").replace("/", "_") + "=" * (-len(part) % 4))
            text = raw.decode("utf-8")
        except (binascii.Error, ValueError):
            continue
        if text.isprintable():
            texts.append(text)
    return texts


_TOKEN_PLACEHOLDER_WORDS = (
    "example",
    "your",
    "sample",
    "dummy",
    "fake",
    "placeholder",
    "redacted",
    "changeme",
    "replace",
    "insert",
    "token",
    "secret",
    "1234567890",
    "0123456789",
)


def token_placeholder(kind: str, value: str) -> bool:
    """Whether a value of a provider's own shape (``ghp_``, ``AKIA``, ``xoxb-``) is a placeholder:
    its body after the prefix is a few characters repeated, or it says so in words. Padding alone
    (``...xxxx``) does not make a placeholder of an otherwise varied token."""
    body = re.sub(r"^(?:gh[pousr]_|github_pat_|xox[abposr]-|[rs]k_live_|AIza|AKIA|ASIA|ABIA|ACCA)", "", value)
    if kind == "slack-webhook":
        body = value.rsplit("/", 1)[-1]
    low = body.lower()
    if len(set(body)) < 6 or any(word in low for word in _TOKEN_PLACEHOLDER_WORDS):
        return True
    return bool(_REFERENCE.search(body)) and kind != "slack-webhook"


def _generic_ok(value: str) -> bool:
    if looks_like_placeholder(value) or entropy(value) < MIN_GENERIC_ENTROPY:
        return False
    if any(looks_like_placeholder(text) for text in decoded_texts(value)):
        return False
    classes = sum(
        (any(c.islower() for c in value), any(c.isupper() for c in value), any(c.isdigit() for c in value))
    )
    return classes >= 2


def _pem_hit(lines: list[str], index: int, match: re.Match[str]) -> Hit | None:
    line = lines[index]
    if not _PEM_LINE_START.match(line):
        return None
    rest = line[match.end() :]
    if "\\n" in rest:  # a key inside a JSON or quoted string, newlines escaped
        body = rest.split("-----END", 1)[0].replace("\\n", "")
        size = len(_B64_CHAR.findall(body))
        if size < MIN_PEM_BODY:
            return None
        return Hit("private-key", index + 1, match.start() + 1, match.end() + 1, f"{match.group(0)} ***", "")
    count = 0
    for following in lines[index + 1 : index + 1 + 200]:
        if "-----END" in following:
            break
        if _B64_LINE.match(following[:MAX_LINE]):
            count += 1
        elif not following.strip() or _PEM_HEADER_LINE.match(following):
            continue
        else:
            break
    if count < MIN_PEM_LINES:
        return None
    return Hit("private-key", index + 1, match.start() + 1, match.end() + 1, f"{match.group(0)} ***", "")


def scan(text: str, *, generic: bool) -> list[Hit]:
    """Every secret in ``text``; ``generic``: also secret-named settings with high-entropy
    values (asked for configuration and environment files only). In an OpenAPI, Swagger or
    AsyncAPI description, whose values are examples of the API's payloads, only tokens of a
    provider's own shape (AWS, GitHub, Slack, Stripe, Google) are looked for."""
    lines = text.splitlines()
    hits: list[Hit] = []
    examples_only = bool(_API_DESCRIPTION.search(text))
    if examples_only:  # values in an API description are examples of the API's own payloads
        generic = False
    for index, full in enumerate(lines):
        line = full[:MAX_LINE]
        if "PRIVATE KEY" in line and not examples_only:
            match = _PEM.search(line)
            if match:
                hit = _pem_hit(lines, index, match)
                if hit:
                    hits.append(hit)
                continue
        for kind, pattern in _TOKENS:
            for found in pattern.finditer(line):
                value = found.group(1)
                if token_placeholder(kind, value):
                    continue
                hits.append(
                    Hit(kind, index + 1, found.start(1) + 1, found.end(1) + 1, preview(kind, value), value)
                )
        if generic and not any(h.line == index + 1 for h in hits[-3:]):
            found_generic = _GENERIC.match(line)
            if found_generic and _generic_ok(found_generic.group(2)):
                value = found_generic.group(2)
                hits.append(
                    Hit(
                        "generic-secret",
                        index + 1,
                        found_generic.start(2) + 1,
                        found_generic.end(2) + 1,
                        f"{found_generic.group(1)} = {preview('generic-secret', value)}",
                        value,
                    )
                )
    return hits

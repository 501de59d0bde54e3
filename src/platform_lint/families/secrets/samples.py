"""Secret-shaped sample values for the examples and tests, built at import time.

They are made up (derived from a hash of a fixed phrase) and assembled from pieces, so
this source file holds no secret-shaped literal that a scanner, or platform-lint itself,
would report.
"""

from __future__ import annotations

import base64
import hashlib


def _stream(seed: str, size: int) -> str:
    out = b""
    counter = 0
    while len(out) < size:
        out += hashlib.sha256(f"{seed}:{counter}".encode()).digest()
        counter += 1
    return base64.b64encode(out).decode()[:size]


def _alnum(seed: str, size: int, alphabet: str) -> str:
    raw = hashlib.sha256(seed.encode()).digest() * 8
    return "".join(alphabet[b % len(alphabet)] for b in raw[:size])


UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

PEM_HEADER = "-----BEGIN " + "RSA PRIVATE KEY-----"
PEM_FOOTER = "-----END " + "RSA PRIVATE KEY-----"
PEM_BODY = "\n".join(_stream(f"pem{i}", 64) for i in range(12))
PRIVATE_KEY = f"{PEM_HEADER}\n{PEM_BODY}\n{PEM_FOOTER}\n"
PEM_IN_CODE = f'if line.startswith("{PEM_HEADER}"):\n    return True\n'
PEM_SNIPPED = f"{PEM_HEADER}\n(snip)\n{PEM_FOOTER}\n"

AWS_KEY_ID = "AK" + "IA" + _alnum("aws-id", 16, UPPER_DIGITS)
AWS_SECRET = _stream("aws-secret", 40).replace("=", "A")
AWS_DOC_KEY_ID = "AK" + "IAIOSFODNN7" + "EXAMPLE"
GITHUB_TOKEN = "gh" + "p_" + _alnum("github", 36, ALNUM)
SLACK_TOKEN = "xo" + "xb-" + _alnum("slack", 12, "0123456789") + "-" + _alnum("slack2", 24, ALNUM)
GENERIC_SECRET = _alnum("generic", 32, ALNUM)

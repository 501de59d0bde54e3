"""Runnable examples of ``secrets.none-committed`` (docs, ``explain`` and a registry test)."""

from __future__ import annotations

from platform_lint.families.check_type import Example
from platform_lint.families.secrets import samples
from platform_lint.model import State

NONE_COMMITTED = (
    Example(
        "An .env.example with placeholders, and code that only names a key header",
        {
            ".env.example": "DATABASE_URL=postgres://localhost/app\nAWS_SECRET_ACCESS_KEY=changeme\n"
            "API_TOKEN=${API_TOKEN}\n",
            "app/tls.py": samples.PEM_IN_CODE,
        },
        State.PASS,
        ("scanned",),
    ),
    Example(
        "A private key in server.key and an AWS key pair in .env.production",
        {
            "deploy/server.key": samples.PRIVATE_KEY,
            ".env.production": f"AWS_ACCESS_KEY_ID={samples.AWS_KEY_ID}\n"
            f"AWS_SECRET_ACCESS_KEY={samples.AWS_SECRET}\n",
        },
        State.FAIL,
        ("secret", "secret", "secret", "scanned"),
    ),
    Example(
        "A test certificate's key under testdata/ is noted, not failed",
        {"cluster/testdata/certs/node-key.pem": samples.PRIVATE_KEY, "README.md": "# Cluster\n"},
        State.PASS,
        ("scanned", "ignored"),
    ),
)

"""The facts of the secrets family, by key: secrets found by content, and how much was read."""

from __future__ import annotations

from typing import Any

from platform_lint.families.collector import FactKey
from platform_lint.families.secrets.collect import SecretScan, collect_secrets

SECRETS: FactKey[SecretScan] = FactKey(
    "secrets",
    "private keys, cloud and SaaS tokens and secret-named settings found by content, masked "
    "(args: max_files, max_bytes)",
    collect_secrets,
)

FACTS: tuple[FactKey[Any], ...] = (SECRETS,)

"""Reading ``x-sunset`` dates (``YYYY-MM-DD`` or an RFC 3339 date-time)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_sunset(value: Any) -> dt.date | None:
    """The date, or None when the value is not a date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        if _DATE.match(text):
            return dt.date.fromisoformat(text)
        if len(text) > 10 and text[10] in "Tt ":
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00")).date()
    except ValueError:
        return None
    return None


def removal_kind(item: Any, today: dt.date) -> tuple[str, str]:
    """How to judge the removal of an operation or parameter.

    ``plain`` (not deprecated, or no sunset), ``invalid`` (a sunset that is not a date),
    ``before`` (sunset still ahead) or ``after`` (sunset passed); and the sunset text.
    """
    if not isinstance(item, dict) or item.get("deprecated") is not True or "x-sunset" not in item:
        return "plain", ""
    raw = item.get("x-sunset")
    when = parse_sunset(raw)
    if when is None:
        return "invalid", str(raw)
    return ("after" if when <= today else "before"), when.isoformat()

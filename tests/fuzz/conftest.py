"""Hypothesis profiles for the fuzz suite (tests/fuzz/).

``fuzz`` (the default here): a modest, fixed set of examples per test, so the whole folder
runs in well under half a minute on a busy two-core machine and ``make check`` gives the
same answer every time. ``fuzz-long`` explores: ``PLATFORM_LINT_FUZZ=long python -m pytest
tests/fuzz`` runs ten times as many random examples per test. Either way each example has
2 s: every input here is small, so taking longer is a bug (the inputs are hostile).

Only the tests in this folder use these profiles (``@FUZZ``); the rest of the suite keeps
Hypothesis's defaults.
"""

from __future__ import annotations

import datetime as dt
import os

from hypothesis import HealthCheck, settings

_COMMON = {
    "deadline": dt.timedelta(seconds=2),
    "database": None,  # nothing written into the work tree
    "suppress_health_check": (HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much),
    "print_blob": True,
}
settings.register_profile("fuzz", max_examples=40, derandomize=True, **_COMMON)
settings.register_profile("fuzz-long", max_examples=400, **_COMMON)
PROFILE = "fuzz-long" if os.environ.get("PLATFORM_LINT_FUZZ") == "long" else "fuzz"

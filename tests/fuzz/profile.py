"""``@FUZZ``: the settings every fuzz test runs with (the profiles are in tests/fuzz/conftest.py)."""

from __future__ import annotations

from hypothesis import settings

from fuzz.conftest import PROFILE

FUZZ = settings(settings.get_profile(PROFILE))

"""Runnable examples of the adoption family's check types (docs, ``explain`` and a registry test).

Release-cadence examples give the repository's git tags with their dates (``tag_dates``); the
examples run on 2025-06-01.
"""

from __future__ import annotations

from platform_lint.families.check_type import Example
from platform_lint.model import State

_README = {"README.md": "# Widgets\n"}

RELEASE_CADENCE = (
    Example(
        "A release every quarter",
        _README,
        State.PASS,
        ("cadence",),
        params={"min_releases": 4, "window_days": 365},
        tag_dates={
            "v1.0.0": "2024-07-02T10:00:00+00:00",
            "v1.1.0": "2024-10-01T10:00:00+00:00",
            "v1.2.0": "2025-01-07T10:00:00+00:00",
            "v1.3.0-rc.1": "2025-03-20T10:00:00+00:00",
            "v1.3.0": "2025-04-01T10:00:00+00:00",
        },
    ),
    Example(
        "One release in the last year, and a release candidate",
        _README,
        State.FAIL,
        ("slow",),
        params={"min_releases": 4, "window_days": 365},
        tag_dates={
            "v2.0.0": "2023-05-01T10:00:00+00:00",
            "v2.1.0": "2024-09-01T10:00:00+00:00",
            "v2.2.0-rc.1": "2025-05-01T10:00:00+00:00",
        },
    ),
    Example("No git history to read tags from", _README, State.NOT_APPLICABLE),
)

SUCCESS_METRICS = (
    Example(
        "A success-metrics section with targets",
        {
            "docs/metrics.md": "# How we measure the platform\n\n## Success metrics\n\n"
            "- Teams onboarded: 40 by Q4 (from the catalog)\n- Time to first deploy: under a day\n"
        },
        State.PASS,
        ("metrics",),
    ),
    Example(
        "KPIs in the README, in reStructuredText",
        {
            "README.rst": "Widgets\n=======\n\nKPIs\n----\n\nWe track weekly active teams, orders "
            "placed through "
            "the portal and the median time from request to delivery, reviewed every month.\n"
        },
        State.PASS,
        ("metrics",),
    ),
    Example(
        "Prometheus metrics the service exposes are not success metrics",
        {"docs/metrics.md": "# Metrics\n\nThe service exposes http_requests_total on /metrics.\n"},
        State.FAIL,
        ("missing",),
    ),
    Example(
        "A success-metrics heading with nothing under it",
        {"docs/goals.md": "# Goals\n\n## Success metrics\n\nTBD\n"},
        State.FAIL,
        ("thin",),
    ),
)

USAGE_TELEMETRY = (
    Example(
        "A CLI that sends usage events to PostHog",
        {"package.json": '{"name": "acme-cli", "dependencies": {"posthog-node": "^4.0.0"}}\n'},
        State.PASS,
        ("signal",),
    ),
    Example(
        "Docs that say what usage data is collected and how to opt out",
        {
            "docs/telemetry.md": "# Telemetry\n\nThe CLI sends anonymous usage events (command "
            "name, duration). "
            "Set ACME_TELEMETRY=0 or DO_NOT_TRACK=1 to opt out.\n"
        },
        State.PASS,
        ("documented",),
    ),
    Example(
        "OpenTelemetry tracing is not usage telemetry",
        {"pyproject.toml": "[project]\ndependencies = ['opentelemetry-sdk']\n"},
        State.FAIL,
        ("missing",),
    ),
)

_TAG_WORKFLOW = (
    "name: ship\non:\n  push:\n    tags: ['v*']\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - uses: actions/checkout@v4\n      - run: python -m build\n      - run: twine upload dist/*\n"
)

RELEASE_AUTOMATION = (
    Example(
        "A workflow that publishes to PyPI on a version tag, whatever its name",
        {".github/workflows/ship.yml": _TAG_WORKFLOW},
        State.PASS,
        ("workflow",),
    ),
    Example(
        "A goreleaser configuration",
        {".goreleaser.yaml": "version: 2\nbuilds:\n  - main: ./cmd/widgets\n"},
        State.PASS,
        ("config",),
    ),
    Example(
        "A workflow named release.yml that only runs the tests",
        {
            ".github/workflows/release.yml": "on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
            "    steps:\n      - run: make test\n"
        },
        State.FAIL,
        ("missing",),
    ),
    Example(
        "An image pushed on every commit to main (not a release)",
        {
            ".github/workflows/images.yml": "on:\n  push:\n    branches: [main]\njobs:\n  image:\n"
            "    runs-on: ubuntu-latest\n    steps:\n      - run: docker push ghcr.io/acme/widgets:edge\n"
        },
        State.FAIL,
        ("missing",),
    ),
)

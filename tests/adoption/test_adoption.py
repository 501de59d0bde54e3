"""Release cadence from git tags, success-metrics sections, and usage telemetry."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from tests.docs.helpers import NOW, codes, messages, run_check

from platform_lint.engine import FactStore, run_rule
from platform_lint.families.check_type import RunContext
from platform_lint.families.collector import CollectEnv
from platform_lint.model import Outcome, State
from platform_lint.policy.model import Rule
from platform_lint.snapshot.base import TagHistory
from platform_lint.snapshot.local import open_local
from platform_lint.snapshot.memory import MemorySnapshot

CADENCE = "adoption.release-cadence"
METRICS = "adoption.success-metrics"
TELEMETRY = "adoption.usage-telemetry"


def _rule(check_id: str, params: dict[str, object] | None = None) -> Rule:
    return Rule(
        id="t",
        title="t",
        characteristic="measured-adoption",
        level="gold",
        severity="notice",
        check_type=check_id,
        params=params or {},
        remediation="x",
    )


def cadence(history: TagHistory | None, params: dict[str, object] | None = None) -> Outcome:
    snapshot = MemorySnapshot({"README.md": "x\n"}, tag_history=history)
    return run_rule(_rule(CADENCE, params), FactStore(snapshot, CollectEnv()), RunContext(now=NOW))


def _days_ago(days: int) -> str:
    return (NOW - dt.timedelta(days=days)).isoformat()


def test_releases_in_the_window_are_counted_and_prereleases_are_not() -> None:
    tags = (
        ("v1.0.0", _days_ago(400)),
        ("v1.1.0", _days_ago(300)),
        ("v1.2.0", _days_ago(200)),
        ("v1.3.0-rc.1", _days_ago(110)),
        ("v1.3.0", _days_ago(100)),
        ("docs-fix", _days_ago(5)),
    )
    outcome = cadence(TagHistory(tags), {"min_releases": 3})
    assert outcome.state is State.PASS
    assert outcome.evidence[0].args["count"] == 3 and outcome.evidence[0].args["latest"] == "v1.3.0"
    assert codes(cadence(TagHistory(tags), {"min_releases": 4})) == ["slow"]


def test_monorepo_tags_and_a_prefix() -> None:
    tags = (
        ("prometheus-25.0.0", _days_ago(10)),
        ("alertmanager-1.2.0", _days_ago(20)),
        ("api/v2.0.1", _days_ago(30)),
    )
    assert cadence(TagHistory(tags), {"min_releases": 3}).state is State.PASS
    outcome = cadence(TagHistory(tags), {"min_releases": 2, "tag_prefix": "prometheus-"})
    assert codes(outcome) == ["slow"]


def test_without_git_history_or_in_a_shallow_clone_without_tags_it_is_not_applicable() -> None:
    assert cadence(None).state is State.NOT_APPLICABLE
    outcome = cadence(TagHistory((), shallow=True))
    assert outcome.state is State.NOT_APPLICABLE and "fetch-depth: 0" in (outcome.reason or "")
    assert codes(cadence(TagHistory(()))) == ["no-releases"]


def test_tags_are_read_from_a_git_clone(tmp_path: Path) -> None:
    env = {
        "GIT_AUTHOR_NAME": "a",
        "GIT_AUTHOR_EMAIL": "a@x",
        "GIT_COMMITTER_NAME": "a",
        "GIT_COMMITTER_EMAIL": "a@x",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_CONFIG_NOSYSTEM": "1",
        "PATH": "/usr/bin:/bin",
    }

    def git(*args: str, date: str = "2026-05-01T12:00:00+00:00") -> None:
        subprocess.run(
            ["git", "-C", str(tmp_path), *args],
            check=True,
            capture_output=True,
            env={**env, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date},
        )

    git("init", "-q")
    (tmp_path / "README.md").write_text("x\n")
    git("add", "README.md")
    git("commit", "-q", "-m", "one", date="2025-01-01T12:00:00+00:00")
    git("tag", "v0.9.0")
    git("commit", "-q", "--allow-empty", "-m", "two", date="2026-04-01T12:00:00+00:00")
    git("tag", "v1.0.0")
    git("tag", "-a", "v1.1.0", "-m", "release", date="2026-05-20T12:00:00+00:00")
    history = open_local(tmp_path).tag_history()
    assert history is not None and not history.shallow
    # the base of a pull request (a git ref) reads the same tags, so a release is never "new"
    assert open_local(tmp_path).at_ref("HEAD~1").tag_history() == history
    assert dict(history.tags)["v1.1.0"].startswith("2026-05-20")
    outcome = run_rule(
        _rule(CADENCE, {"min_releases": 2}),
        FactStore(open_local(tmp_path), CollectEnv()),
        RunContext(now=NOW),
    )
    assert outcome.state is State.PASS and outcome.evidence[0].args["count"] == 2


def test_a_plain_folder_has_no_tag_history(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("x\n")
    assert open_local(tmp_path).tag_history() is None


# -- success metrics -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "files",
    [
        {"docs/adoption.md": "# Adoption\n\n## KPIs\n\n- weekly active teams\n- golden-path share\n"},
        {
            "README.md": "# Portal\n\n## How we measure success\n\nWe count teams that deploy "
            "through the portal each "
            "week and the median days from repository creation to first production deploy.\n"
        },
        {"docs/product/okrs.adoc": "= OKRs\n\n== Key results\n\n* 30 teams onboarded\n* NPS above 40\n"},
        {"METRICS.md": "North Star\n==========\n\n- Deploys per week through the platform\n- Teams active\n"},
    ],
)
def test_success_metrics_sections(files: dict[str, str]) -> None:
    assert run_check(METRICS, files).state is State.PASS


def test_a_metrics_heading_about_exposed_metrics_is_not_a_success_metric() -> None:
    files = {"docs/metrics.md": "# Metrics\n\n## Exposed metrics\n\n- http_requests_total\n- queue_depth\n"}
    assert codes(run_check(METRICS, files)) == ["missing"]


def test_a_heading_in_a_code_block_or_the_changelog_does_not_count() -> None:
    files = {
        "README.md": "# X\n\n```md\n## Success metrics\n- a\n- b\n```\n",
        "CHANGELOG.md": "# Changes\n\n## KPIs\n\n- added a KPI dashboard\n- fixed KPI export\n",
    }
    assert codes(run_check(METRICS, files)) == ["missing"]


def test_an_empty_metrics_section_is_thin() -> None:
    outcome = run_check(METRICS, {"docs/goals.md": "# Goals\n\n## Success metrics\n\nTBD\n\n## Next\n\nx\n"})
    assert codes(outcome) == ["thin"]
    assert "'Success metrics' has 1 words" in messages(METRICS, outcome)[0]


# -- usage telemetry -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "files",
    [
        {"go.mod": "module x\n\nrequire github.com/posthog/posthog-go v1.2.0\n"},
        {"web/package.json": '{"dependencies": {"@segment/analytics-next": "^1.0.0"}}'},
        {"requirements.txt": "mixpanel==4.10.0\n"},
        {
            "README.md": '# X\n\n<img referrerpolicy="no-referrer-when-downgrade" '
            'src="https://static.scarf.sh/a.png?x-pxid=abc-123" />\n'
        },
        {"app-config.yaml": "app:\n  title: Portal\n  analytics:\n    ga4:\n      measurementId: G-1\n"},
        {
            "docs/usage-data.md": "# Usage data\n\nThe CLI sends anonymous usage statistics. Set "
            "DO_NOT_TRACK=1.\n"
        },
    ],
)
def test_usage_telemetry(files: dict[str, str]) -> None:
    assert run_check(TELEMETRY, files).state is State.PASS, files


@pytest.mark.parametrize(
    "files",
    [
        {
            "go.mod": "module x\n\nrequire (\n\tgo.opentelemetry.io/otel "
            "v1.0.0\n\tgithub.com/segmentio/asm v1.2.1 // indirect\n)\n"
        },
        {
            "docs/telemetry.md": "# Telemetry\n\nThe service exports traces and metrics over OTLP "
            "to your collector.\n"
        },
        {"vendor/x/package.json": '{"dependencies": {"posthog-js": "1"}}'},
    ],
)
def test_not_usage_telemetry(files: dict[str, str]) -> None:
    assert codes(run_check(TELEMETRY, files)) == ["missing"]

"""The figures of an org report, computed once for the Markdown summary and the dashboard.

Each figure carries how it was computed (``basis``) and over how many repositories, and the
summary and the dashboard print both next to it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from platform_lint.model import CHARACTERISTIC_TITLES, CHARACTERISTICS, JOURNEY_TITLES, JOURNEYS, level_rank
from platform_lint.orgscan.merge import OrgView, RepoView, TrendPoint

LEVELS_SHOWN = ("gold", "silver", "bronze", "none")


@dataclass(frozen=True)
class LevelShare:
    level: str
    repositories: int
    share: float  # 0..1 of the repositories counted


@dataclass(frozen=True)
class Adoption:
    characteristic: str
    title: str
    applicable: int  # repositories where at least one of its rules was judged (passed or failed)
    adopted: int  # every one of those rules passes (or is waived)
    partly: int  # some pass, some fail
    mean_score: float | None

    @property
    def share(self) -> float:
        return self.adopted / self.applicable if self.applicable else 0.0

    @property
    def partly_share(self) -> float:
        return self.partly / self.applicable if self.applicable else 0.0


@dataclass(frozen=True)
class JourneyAdoption:
    """One stage of a developer's journey across the repositories whose reports list stages."""

    stage: str
    title: str
    judged: int  # repositories where at least one of its rules passed, failed or was waived
    adopted: int  # none of those rules fails
    stops: int  # the first stage, in journey order, where a rule fails: a newcomer stops here

    @property
    def share(self) -> float:
        return self.adopted / self.judged if self.judged else 0.0


@dataclass(frozen=True)
class JourneyFunnel:
    stages: tuple[JourneyAdoption, ...]
    repositories: int  # reports that list journey stages (what the figures are counted over)
    without: int  # reports written before journey stages existed: not counted
    complete: int  # repositories where no stage has a failing rule


@dataclass(frozen=True)
class CommonGap:
    rule_id: str
    title: str
    characteristic: str
    level: str
    repositories: int  # how many repositories it keeps from their next level


@dataclass(frozen=True)
class TrendShare:
    scan_id: str
    date: str  # YYYY-MM-DD, or YYYY-MM-DD HH:MM when several scans of the trend share a day
    repositories: int
    at_least: dict[str, float]  # bronze/silver/gold -> share 0..1 at that level or above
    mean_score: float | None
    stages: dict[str, StageShare] = field(
        default_factory=dict
    )  # journey stage -> pass rate; empty: not recorded
    golden: GoldenShare | None = None  # None: the history has no origin records for the scan


@dataclass(frozen=True)
class StageShare:
    judged: int  # repositories where the stage was judged
    share: float  # 0..1 of them where none of its rules failed


@dataclass(frozen=True)
class GoldenShare:
    listed: int  # repositories whose report lists template origins
    share: float  # 0..1 of them on a golden path (recording at least one template)
    known: int  # template uses whose lag is known (current or behind)
    current: float | None  # 0..1 of those that are current; None when none is known


LEVELS_BASIS = (
    "Level of each repository with a report (scanned now, or unchanged since its last report); "
    "skipped and failed repositories are not counted."
)
ADOPTION_BASIS = (
    "A repository adopts a characteristic when every rule of it that applies there passes (or is "
    "waived), and partly adopts it when some do. Counted over the repositories where at least one "
    "of its rules applies; the mean score is over the same ones."
)
JOURNEY_BASIS = (
    "Each rule serves one stage of a developer's journey (discover, evaluate, onboard, build, scale, "
    "advocate). A stage is judged in a repository when at least one of its rules passes, fails or is "
    "waived there, and all its rules pass when none of them fails (a waiver counts as passing). A "
    "newcomer stops at the first stage, in journey order, with a failing rule. Counted over the "
    "repositories whose report lists journey stages."
)
GAPS_BASIS = (
    "The rules that keep repositories from their next level (the gaps each report lists first), by "
    "how many repositories each one holds back."
)
RANKING_BASIS = "Ordered by level, then score (the weighted share of applicable rules that pass), then name."
TREND_BASIS = (
    "One point per finished scan (its shards together), read from each folder's history.sqlite: "
    "the share of repositories with a report at each level or above, and their mean score."
)
STAGE_TREND_BASIS = (
    "One point per finished scan, read from each folder's history.sqlite: for each journey stage, the "
    "share of the repositories where it was judged in which none of its rules failed; and the share "
    "of the repositories whose report lists template origins that are on a golden path, with the "
    "share of their template uses whose lag is known that are current. Scans recorded before the "
    "history kept these figures show a dash."
)


def level_distribution(repos: Sequence[RepoView]) -> list[LevelShare]:
    counted = [r.digest.level for r in repos if r.digest is not None]
    counts = Counter(counted)
    total = len(counted)
    return [
        LevelShare(level, counts[level], counts[level] / total if total else 0.0) for level in LEVELS_SHOWN
    ]


def adoption(repos: Sequence[RepoView]) -> list[Adoption]:
    out = []
    for characteristic in CHARACTERISTICS:
        scores: list[float] = []
        adopted = partly = 0
        for repo in repos:
            if repo.digest is None:
                continue
            found = next((c for c in repo.digest.characteristics if c.id == characteristic), None)
            if found is None or found.score is None:
                continue
            good, bad = found.passed + found.waived, found.failed
            if good + bad == 0:
                continue  # only rules that could not be judged (errors)
            scores.append(found.score)
            adopted += bad == 0
            partly += bool(good and bad)
        out.append(
            Adoption(
                characteristic=characteristic,
                title=CHARACTERISTIC_TITLES[characteristic],
                applicable=len(scores),
                adopted=adopted,
                partly=partly,
                mean_score=sum(scores) / len(scores) if scores else None,
            )
        )
    return out


def journey_funnel(repos: Sequence[RepoView]) -> JourneyFunnel:
    digests = [r.digest for r in repos if r.digest is not None]
    listed = [d for d in digests if d.journeys]
    judged: Counter[str] = Counter()
    adopted: Counter[str] = Counter()
    stops: Counter[str] = Counter()
    complete = 0
    for digest in listed:
        stop = None
        by_stage = {j.id: j for j in digest.journeys}
        for stage in JOURNEYS:
            j = by_stage.get(stage)
            if j is None or j.passed + j.waived + j.failed == 0:
                continue  # nothing of it applies here: it stops no one
            judged[stage] += 1
            adopted[stage] += j.failed == 0
            if j.failed and stop is None:
                stop = stage
        if stop is None:
            complete += 1
        else:
            stops[stop] += 1
    stages = tuple(
        JourneyAdoption(stage, JOURNEY_TITLES[stage], judged[stage], adopted[stage], stops[stage])
        for stage in JOURNEYS
    )
    return JourneyFunnel(stages, len(listed), len(digests) - len(listed), complete)


def common_gaps(repos: Sequence[RepoView], limit: int = 10) -> list[CommonGap]:
    counts: Counter[str] = Counter()
    first: dict[str, CommonGap] = {}
    for repo in repos:
        if repo.digest is None:
            continue
        for gap in repo.digest.gaps:  # a rule id appears once per report
            counts[gap.rule_id] += 1
            first.setdefault(gap.rule_id, CommonGap(gap.rule_id, gap.title, gap.characteristic, gap.level, 0))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], level_rank(first[item[0]].level), item[0]))
    return [
        CommonGap(g.rule_id, g.title, g.characteristic, g.level, n)
        for g, n in ((first[rule_id], n) for rule_id, n in ranked[:limit])
    ]


def ranked(repos: Sequence[RepoView]) -> list[RepoView]:
    """Repositories with a report, best first; the others after them, by name."""

    def key(repo: RepoView) -> tuple[int, float, str]:
        if repo.digest is None:
            return (1, 0.0, repo.repo)
        return (-level_rank(repo.digest.level), -repo.digest.score, repo.repo)

    return sorted(repos, key=lambda r: (r.digest is None, *key(r)))


def top_gaps(repo: RepoView, limit: int = 3) -> list[str]:
    """Titles of the rules between the repository and its next level, as its report lists them."""
    if repo.digest is None:
        return []
    return [g.title for g in repo.digest.gaps[:limit]]


def trend(view: OrgView) -> list[TrendShare]:
    shares = [_trend_share(point) for point in view.trend]
    days = [s.date for s in shares]
    if len(set(days)) == len(days):
        return shares
    # several scans on one day: the time tells them apart (UTC, as the scans record it)
    return [
        replace(s, date=p.started_at[:16].replace("T", " ")) for s, p in zip(shares, view.trend, strict=True)
    ]


def _trend_share(point: TrendPoint) -> TrendShare:
    total = point.repositories
    at_least = {}
    for level in ("bronze", "silver", "gold"):
        reached = sum(n for lvl, n in point.level_counts.items() if _rank(lvl) >= _rank(level))
        at_least[level] = reached / total if total else 0.0
    stages = {
        stage: StageShare(j.judged, j.adopted / j.judged) for stage, j in point.journeys.items() if j.judged
    }
    golden = None
    g = point.golden
    if g is not None and g.listed:
        known = g.current + g.behind
        golden = GoldenShare(g.listed, g.on_path / g.listed, known, g.current / known if known else None)
    return TrendShare(point.scan_id, point.started_at[:10], total, at_least, point.mean_score, stages, golden)


def stage_trend_recorded(points: Sequence[TrendShare]) -> bool:
    """Whether any scan of the trend has journey stages or golden paths recorded."""
    return any(p.stages or p.golden for p in points)


def _rank(level: str) -> int:
    try:
        return level_rank(level)
    except ValueError:
        return 0  # a level this version does not know counts as none

"""The balanced scorecard's own figures: which template each repository came from and whether it
lags behind that template, and delivery signals on golden paths and off them.

A repository's report carries the template origins its product records (``repository.origins``:
``.cruft.json``, ``.copier-answers.yml``, the ``backstage.io/source-template`` annotation, a
``.projenrc``) with the recorded commit. A template's latest version is the head commit the scan
read of the template's own repository, so it is known only when that repository is in the scan;
otherwise whether a repository lags is unknown, and the figure says why. Nothing is guessed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from platform_lint.orgscan.delivery import DeliveryRun, median
from platform_lint.orgscan.digest import OriginDigest
from platform_lint.orgscan.merge import RepoView
from platform_lint.orgscan.templates import (
    judge_origin,
    template_identity,
    template_repository,
)

GOLDEN_BASIS = (
    "A repository is on a golden path when its product records the template it was generated from "
    "(.cruft.json, .copier-answers.yml, the backstage.io/source-template annotation, a .projenrc); "
    "templates are told apart by their address (the gh:, https and git@ forms and a .git suffix read "
    "alike). The template's latest version is the head commit this scan read of the template's own "
    "repository: a repository is current when its recorded commit is that commit and lags behind when "
    "it records another. When the template's repository is not in the scan, or the record names a tag "
    "or no commit, whether it lags is unknown and the reason is given. Counted over the repositories "
    "whose report carries origin records."
)


@dataclass(frozen=True)
class TemplateUse:
    template: str  # the template's address, normalised (template_identity)
    repository: str | None  # its repository among the scanned ones (OWNER/NAME), if any
    head: str | None  # the head commit the scan read of it (its latest version), if any
    repositories: int  # repositories whose product records this template
    current: int
    behind: int
    unknown: int
    why_unknown: tuple[tuple[str, int], ...]  # (reason, repositories), most common first


@dataclass(frozen=True)
class GoldenPaths:
    repositories: int  # reports that carry origin records: what the shares are over
    without: int  # reports written before origin records existed: not counted
    on_path: int  # repositories that record at least one template
    templates: tuple[TemplateUse, ...]  # most used first

    @property
    def share(self) -> float:
        return self.on_path / self.repositories if self.repositories else 0.0


def golden_paths(repos: Sequence[RepoView], everything: Sequence[RepoView] | None = None) -> GoldenPaths:
    """Over ``repos`` (those with a report); ``everything`` (default ``repos``) is where a
    template's own repository is looked for, with its head commit."""
    pool = everything if everything is not None else repos
    names = {r.repo.lower(): r.repo for r in pool}
    heads = {r.repo: r.commit for r in pool if r.digest is not None and r.commit}
    counted = [r for r in repos if r.digest is not None and r.digest.origins is not None]
    without = sum(1 for r in repos if r.digest is not None and r.digest.origins is None)
    uses: dict[str, Counter[str]] = defaultdict(Counter)
    reasons: dict[str, Counter[str]] = defaultdict(Counter)
    on_path = 0
    for repo in counted:
        assert repo.digest is not None and repo.digest.origins is not None
        if repo.digest.origins:
            on_path += 1
        first: dict[str, OriginDigest] = {}
        for origin in sorted(repo.digest.origins, key=lambda o: (o.path, o.kind)):
            first.setdefault(template_identity(origin.template), origin)
        for identity, origin in first.items():
            own = template_repository(identity, names)
            state, why = judge_origin(origin.kind, origin.commit, own, heads.get(own) if own else None)
            uses[identity][state] += 1
            if why:
                reasons[identity][why] += 1
    templates = []
    for identity, states in uses.items():
        own = template_repository(identity, names)
        templates.append(
            TemplateUse(
                template=identity,
                repository=own,
                head=heads.get(own) if own else None,
                repositories=sum(states.values()),
                current=states["current"],
                behind=states["behind"],
                unknown=states["unknown"],
                why_unknown=tuple(sorted(reasons[identity].items(), key=lambda kv: (-kv[1], kv[0]))),
            )
        )
    templates.sort(key=lambda t: (-t.repositories, t.template))
    return GoldenPaths(len(counted), without, on_path, tuple(templates))


DELIVERY_BASIS = (
    "Read by org-scan --delivery-signals through the GitHub REST API, within its request budget. "
    "Release cadence: each repository's published releases (neither drafts nor pre-releases) in the "
    "last 365 and 90 days, from its newest 100 releases; the median over the group's repositories. "
    "Lead time: each repository's median hours from opening to merging of its pull requests merged "
    "in the last 90 days (from its closed pull requests by last update, at most 3 pages of 100); the "
    "figure is the median of those medians, so every repository weighs the same. A repository is on a "
    "golden path when its report records a template origin. Repositories that were not measured are "
    "listed with the reason, never counted as zero."
)

GROUPS = ("on a golden path", "not on a golden path", "all")


@dataclass(frozen=True)
class DeliveryGroup:
    name: str
    repositories: int
    releases_measured: int
    releases_365: float | None  # median releases per repository, last 365 days
    releases_90: float | None
    releases_lower_bound: int  # repositories whose counts are lower bounds (100 releases in a year)
    pulls_measured: int  # repositories whose lead time was read
    with_merges: int  # of those, with at least one pull request merged in 90 days
    merged: int  # pull requests merged in 90 days, over the group
    lead_hours: float | None  # median of the repositories' median lead times
    lead_partial: int  # repositories whose pages ran out inside the window


@dataclass(frozen=True)
class Delivery:
    groups: tuple[DeliveryGroup, ...]  # GROUPS, in order
    not_measured: tuple[tuple[str, int], ...]  # (reason, repositories), most common first
    unknown_path: int  # reports written before origin records: in "all" only
    requests: int
    budget: int
    not_modified: int

    @property
    def measured(self) -> bool:
        every = self.groups[-1]
        return bool(every.releases_measured or every.pulls_measured)


def _group(name: str, repos: Sequence[RepoView]) -> DeliveryGroup:
    releases = [r.delivery.releases for r in repos if r.delivery.releases is not None]
    pulls = [r.delivery.pulls for r in repos if r.delivery.pulls is not None]
    leads = [p.median_hours for p in pulls if p.median_hours is not None]
    return DeliveryGroup(
        name=name,
        repositories=len(repos),
        releases_measured=len(releases),
        releases_365=median([r.last_365_days for r in releases]),
        releases_90=median([r.last_90_days for r in releases]),
        releases_lower_bound=sum(1 for r in releases if not r.complete),
        pulls_measured=len(pulls),
        with_merges=len(leads),
        merged=sum(p.merged for p in pulls),
        lead_hours=median(leads),
        lead_partial=sum(1 for p in pulls if not p.complete),
    )


def delivery(view_repos: Sequence[RepoView], runs: Sequence[DeliveryRun] = ()) -> Delivery:
    """Over the repositories with a report; ``runs`` are the folders' measurements (for the
    request counts)."""
    counted = [r for r in view_repos if r.digest is not None]
    on = [r for r in counted if r.digest is not None and r.digest.origins]
    off = [r for r in counted if r.digest is not None and r.digest.origins == ()]
    reasons: Counter[str] = Counter()
    for repo in counted:
        d = repo.delivery
        for why in dict.fromkeys(w for w in (d.releases_reason, d.pulls_reason) if w):
            reasons[why] += 1
    return Delivery(
        groups=(_group(GROUPS[0], on), _group(GROUPS[1], off), _group(GROUPS[2], counted)),
        not_measured=tuple(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))),
        unknown_path=len(counted) - len(on) - len(off),
        requests=sum(r.requests for r in runs),
        budget=sum(r.budget for r in runs),
        not_modified=sum(r.not_modified for r in runs),
    )


def hours_text(hours: float | None) -> str:
    if hours is None:
        return "-"
    return f"{hours:.1f} h" if hours < 48 else f"{hours:.1f} h ({hours / 24:.1f} days)"


def count_text(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:g}"

"""codeowners.coverage: the share of tracked files with an owner, unowned files summarised."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from platform_lint.families.check_type import CheckInput, CheckType
from platform_lint.families.codeowners import examples
from platform_lint.families.codeowners.checks_common import NEEDS, facts_of, file_location, not_loaded
from platform_lint.families.codeowners.model import CodeownersFacts
from platform_lint.model import Finding, Outcome, State
from platform_lint.pathglob import PathIndex

MAX_DEPTH = 3


@dataclass(frozen=True)
class Group:
    """Unowned files summarised: ``kind`` is ``all`` (the whole directory), ``direct`` (files
    directly in it) or ``part`` (some of the files under it)."""

    directory: str
    kind: str
    count: int
    total: int
    examples: tuple[str, ...]


def _ancestors(path: str) -> list[str]:
    out = [""]
    i = path.find("/")
    while i >= 0:
        out.append(path[:i])
        i = path.find("/", i + 1)
    return out


def summarise(unowned: list[str], files: Sequence[str], shown: int = 3) -> list[Group]:
    """Group unowned paths by the largest wholly unowned directories (then by parts), biggest first."""
    if not unowned:
        return []
    under: dict[str, list[str]] = defaultdict(list)
    direct: dict[str, list[str]] = defaultdict(list)
    children: dict[str, set[str]] = defaultdict(set)
    for path in unowned:
        chain = _ancestors(path)
        for d in chain:
            under[d].append(path)
        for parent, child in pairwise(chain):
            children[parent].add(child)
        direct[chain[-1]].append(path)
    # files under each directory that holds an unowned one: counted per directory, not per file
    total: Counter[str] = Counter()
    for folder, count in Counter(path.rpartition("/")[0] for path in files).items():
        for d in _ancestors(folder + "/"):
            if d in under:
                total[d] += count
    groups: list[Group] = []

    def visit(d: str, depth: int) -> None:
        paths = under.get(d, [])
        if not paths:
            return
        if d and len(paths) == total[d]:
            groups.append(Group(d, "all", len(paths), total[d], tuple(paths[:shown])))
            return
        if depth >= MAX_DEPTH:
            groups.append(Group(d, "part", len(paths), total[d], tuple(paths[:shown])))
            return
        if direct.get(d):
            own = direct[d]
            groups.append(Group(d, "direct", len(own), total[d], tuple(own[:shown])))
        for child in sorted(children.get(d, ())):
            visit(child, depth + 1)

    visit("", 0)
    groups.sort(key=lambda g: (-g.count, g.directory))
    return groups


def _percent(value: float) -> str:
    return f"{value * 100:.1f}%"


def _unowned(facts: CodeownersFacts, files: Sequence[int]) -> list[str]:
    """The files no rule owns (no rule matches, or the last one that does names no owner)."""
    rules = facts.rules
    ownerless = {i for i, rule in enumerate(rules) if not rule.owners}
    ownerless.add(-1)
    winners = facts.winners
    return [facts.files[i] for i in files if winners[i] in ownerless]


def coverage(inp: CheckInput) -> Outcome:
    facts = facts_of(inp)
    na = not_loaded(facts)
    if na is not None:
        return na
    exclude = list(inp.params.get("exclude", []))
    if exclude:
        excluded = set(PathIndex(facts.files).match(exclude))
        considered: Sequence[int] = [i for i, p in enumerate(facts.files) if p not in excluded]
    else:
        considered = range(len(facts.files))
    if not considered:
        return Outcome.not_applicable("no tracked files to own")
    unowned = _unowned(facts, considered)
    total = len(considered)
    owned = total - len(unowned)
    ratio = owned / total
    minimum = float(inp.params.get("min_coverage", 1.0))
    args = {
        "path": facts.path,
        "coverage": _percent(ratio),
        "owned": owned,
        "total": total,
        "unowned": len(unowned),
        "min_coverage": _percent(minimum),
        "ratio": round(ratio, 4),
    }
    figure = Finding("coverage", args, file_location(facts), key="coverage")
    max_groups = int(inp.params.get("max_groups", 10))
    files = [facts.files[i] for i in considered] if exclude else facts.files
    groups = summarise(unowned, files, int(inp.params.get("examples", 3)))
    details: list[Finding] = []
    for group in groups[:max_groups]:
        label = group.directory + "/" if group.directory else "the repository root"
        details.append(
            Finding(
                f"unowned-{group.kind}",
                {
                    "directory": label,
                    "count": group.count,
                    "total": group.total,
                    "examples": list(group.examples),
                },
                file_location(facts),
                key=f"unowned-{group.kind}:{group.directory}",
            )
        )
    rest = groups[max_groups:]
    if rest:
        details.append(
            Finding(
                "unowned-more",
                {"count": sum(g.count for g in rest), "places": len(rest)},
                file_location(facts),
                key="unowned-more",
            )
        )
    if ratio + 1e-12 < minimum:
        return Outcome.failed(Finding("below", args, file_location(facts), key="coverage"), *details)
    return Outcome(
        State.PASS,
        findings=tuple(Finding(d.code, d.args, d.location, d.key, severity="notice") for d in details),
        evidence=(figure,),
    )


COVERAGE = CheckType(
    id="codeowners.coverage",
    summary="At least min_coverage of the tracked files have an owner under the CODEOWNERS rules.",
    why="A file no rule owns gets no review request: changes to it merge with whoever happens to look. "
    "Coverage is measured with GitHub's own matching (last match wins, a pattern without owners "
    "un-owns), and the unowned files are summarised by directory so the missing rules are obvious.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "min_coverage": {
                "type": "number",
                "minimum": 0,
                "maximum": 1,
                "default": 1.0,
                "description": "share of files (0..1) that must have an owner",
            },
            "exclude": {
                "type": "array",
                "items": {"type": "string", "format": "glob", "minLength": 1},
                "description": "files that need no owner (generated code, vendored trees)",
            },
            "max_groups": {
                "type": "integer",
                "minimum": 1,
                "default": 10,
                "description": "how many directories of unowned files to list",
            },
            "examples": {
                "type": "integer",
                "minimum": 0,
                "default": 3,
                "description": "example paths per directory",
            },
        },
    },
    run=coverage,
    needs=NEEDS,
    messages={
        "coverage": "{coverage} of {total} files have an owner ({unowned} unowned)",
        "below": "{coverage} of {total} files have an owner ({unowned} unowned); the policy asks for "
        "{min_coverage}",
        "unowned-all": "{directory}: all {count} files unowned (e.g. {examples})",
        "unowned-direct": "{directory}: {count} unowned files directly inside (e.g. {examples})",
        "unowned-part": "{directory}: {count} of {total} files unowned (e.g. {examples})",
        "unowned-more": "{count} more unowned files in {places} other places",
    },
    remediation="Add a rule for each listed directory (or a catch-all '*' as the first rule) naming "
    "the team that reviews it; exclude generated trees with the exclude parameter.",
    examples=examples.COVERAGE,
)

"""Who owns which files, and the CODEOWNERS line that decided: what ``platform-lint owners`` prints.

Only what is printed is computed. The CODEOWNERS file is located and parsed as the
collector does, then only the selected paths are resolved, and only to their deciding
rule: the rule statistics the check types need (matched, decided, shadowed) are not.
The answer is kept column-wise (paths, winners), so a hundred thousand files cost no
object per file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from platform_lint.families.codeowners.collect import load_codeowners
from platform_lint.families.codeowners.matcher import OwnershipIndex
from platform_lint.families.codeowners.model import CodeownersFacts
from platform_lint.families.codeowners.parse import Rule
from platform_lint.snapshot.base import RepoSnapshot


@dataclass(frozen=True)
class OwnersTable:
    """The deciding rule of each selected path, one row per path.

    ``paths[i]`` is decided by ``rules[winners[i]]``; -1 when no rule matches. ``facts`` is
    the CODEOWNERS file as loaded (located and parsed; no per-file ownership): its
    ``path``, ``rules`` and ``problem`` are what the rows refer to.
    """

    facts: CodeownersFacts
    paths: tuple[str, ...]
    winners: tuple[int, ...]

    @property
    def rules(self) -> tuple[Rule, ...]:
        return self.facts.rules

    def rule(self, row: int) -> Rule | None:
        """The rule deciding row ``row``, or None when no rule matches it."""
        winner = self.winners[row]
        return self.rules[winner] if winner >= 0 else None

    def unowned(self) -> OwnersTable:
        """Only the rows without an owner: no rule matches, or the deciding rule names none."""
        rules = self.rules
        keep = [i for i, w in enumerate(self.winners) if w < 0 or not rules[w].owners]
        return OwnersTable(
            self.facts, tuple(self.paths[i] for i in keep), tuple(self.winners[i] for i in keep)
        )


def select_paths(snapshot: RepoSnapshot, wanted: Sequence[str]) -> tuple[str, ...]:
    """The paths to answer for, each once, in the order asked.

    ``wanted`` holds repository-relative POSIX paths: ``""`` is the whole repository, a
    directory stands for the tracked files under it, anything else for itself (tracked
    or not). No path at all means every tracked file.
    """
    files = snapshot.files()
    if not wanted:
        return files
    out: list[str] = []
    for rel in wanted:
        if rel == "":
            out.extend(files)
        elif rel in snapshot.directories:
            prefix = rel + "/"
            out.extend(p for p in files if p.startswith(prefix))
        else:
            out.append(rel)
    return tuple(dict.fromkeys(out))


def owners_table(snapshot: RepoSnapshot, wanted: Sequence[str] = ()) -> OwnersTable:
    """The deciding rule of each selected path (see ``select_paths``)."""
    facts = load_codeowners(snapshot)
    paths = select_paths(snapshot, wanted)
    if not facts.compiled:
        return OwnersTable(facts, paths, (-1,) * len(paths))
    return OwnersTable(facts, paths, tuple(OwnershipIndex(facts.compiled).winners(paths)))


def notes(facts: CodeownersFacts) -> list[str]:
    """What a reader of the table should know about the CODEOWNERS file itself."""
    out: list[str] = []
    if facts.path is None:
        out.append("no CODEOWNERS file (.github/CODEOWNERS, CODEOWNERS, docs/CODEOWNERS): nothing is owned")
    elif facts.parsed is None:
        out.append(f"{facts.path} is not loaded ({facts.problem}); GitHub ignores it too: nothing is owned")
    else:
        skipped = facts.parsed.skipped_lines
        if skipped:
            out.append(
                f"{facts.path}: {len(skipped)} invalid lines skipped, as GitHub does "
                f"(lines {', '.join(map(str, skipped[:10]))})"
            )
    out.extend(f"{path} is ignored: GitHub only reads {facts.path}" for path in facts.ignored)
    return out

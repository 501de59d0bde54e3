"""Release-note fragments judged by their own tool's rules (pure: facts in, instances out).

- reno: a note is a YAML mapping; each key is a configured section (``prelude`` and, by
  default, features, issues, upgrade, deprecations, critical, security, fixes, other) whose
  value is a list of strings (``prelude``: a paragraph); a note says something.
- changesets: front matter between ``---`` lines maps each package to major, minor, patch
  (or none), followed by a summary; an empty front matter is an empty changeset, allowed.
- towncrier: the file name is ``<issue>.<type>[.<counter>]`` plus an optional extension,
  with a type the configuration defines (or towncrier's defaults).
"""

from __future__ import annotations

from platform_lint.families.changelog.grouping import Instance
from platform_lint.families.shared.release_notes import ReleaseNotesTool


def _reno(tool: ReleaseNotesTool) -> list[Instance]:
    out: list[Instance] = []
    allowed = set(tool.allowed)
    for note in tool.fragments:
        if note.problem is not None:
            out.append(
                Instance(
                    "fragment-unreadable", note.path, note.line, {"tool": "reno", "problem": note.problem}
                )
            )
            continue
        if not note.items:
            out.append(Instance("fragment-empty", note.path, 1, {"tool": "reno"}))
        for item in note.items:
            if item.name not in allowed:
                out.append(
                    Instance(
                        "reno-unknown-section",
                        note.path,
                        item.line,
                        {"section": item.name, "allowed": ", ".join(tool.allowed)},
                    )
                )
            elif item.name == "prelude" and item.value != "text":
                out.append(
                    Instance(
                        "reno-bad-value",
                        note.path,
                        item.line,
                        {"section": item.name, "expected": "a paragraph"},
                    )
                )
            elif item.name != "prelude" and item.value not in ("list", "text"):
                out.append(
                    Instance(
                        "reno-bad-value",
                        note.path,
                        item.line,
                        {"section": item.name, "expected": "a list of notes"},
                    )
                )
    return out


def _changesets(tool: ReleaseNotesTool) -> list[Instance]:
    out: list[Instance] = []
    for changeset in tool.fragments:
        if changeset.problem is not None:
            out.append(
                Instance(
                    "fragment-unreadable",
                    changeset.path,
                    changeset.line,
                    {"tool": "changesets", "problem": changeset.problem},
                )
            )
            continue
        for item in changeset.items:
            if item.value not in tool.allowed:
                out.append(
                    Instance(
                        "changeset-bad-bump",
                        changeset.path,
                        item.line,
                        {
                            "package": item.name,
                            "bump": item.value or "(none)",
                            "allowed": ", ".join(tool.allowed),
                        },
                    )
                )
        if changeset.items and not changeset.has_text:
            out.append(Instance("fragment-empty", changeset.path, 1, {"tool": "changesets"}))
    return out


def _towncrier(tool: ReleaseNotesTool) -> list[Instance]:
    out: list[Instance] = []
    for fragment in tool.fragments:
        item = fragment.items[0] if fragment.items else None
        if item is None or not item.value or not item.name:
            out.append(
                Instance(
                    "towncrier-bad-name",
                    fragment.path,
                    None,
                    {"name": fragment.path.rsplit("/", 1)[-1], "types": ", ".join(tool.allowed)},
                )
            )
    return out


JUDGES = {"reno": _reno, "changesets": _changesets, "towncrier": _towncrier}


def judge_fragments(tool: ReleaseNotesTool) -> list[Instance]:
    return JUDGES[tool.tool](tool)

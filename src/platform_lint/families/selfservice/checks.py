"""The selfservice family's check types: one-command setup, and templates that guide requests."""

from __future__ import annotations

import re

from platform_lint.families.check_type import CheckInput, CheckType
from platform_lint.families.selfservice import examples
from platform_lint.families.selfservice.collect import EntryPoint
from platform_lint.families.selfservice.facts import REQUEST_TEMPLATES, SETUP
from platform_lint.model import Finding, Location, Outcome

DEFAULT_NAMES = (
    "setup",
    "bootstrap",
    "install",
    "init",
    "deps",
    "dependencies",
    "dev",
    "develop",
    "development",
    "start",
    "up",
    "run",
    "serve",
    "build",
    "all",
    "prepare",
    "env",
    "venv",
    "sync",
)
WHOLE_FILE_KINDS = (
    "devcontainer",
    "compose",
    "devbox",
    "nix",
    "skaffold",
    "tilt",
    "vagrant",
    "tox",
    "nox",
    "mise",
)
"""Entry points that set up or start everything by themselves, without a named target."""

_WORDS = re.compile(r"[-_:./]+")


def _matches(entry: EntryPoint, names: list[str] | tuple[str, ...]) -> int | None:
    """How well the entry's target matches the names (lower is better: exact names first, in the
    policy's order, then targets that hold a name as a word), or None."""
    words = [w for w in _WORDS.split(entry.name.lower()) if w]
    for position, name in enumerate(names):
        if entry.name.lower() == name:
            return position
    for position, name in enumerate(names):
        if name in words:  # dev-setup, setup-e2e: after every exact name
            return len(names) + position
    return None


def setup_command(inp: CheckInput) -> Outcome:
    facts = inp.facts[SETUP]
    names = [n.lower() for n in inp.params.get("names", DEFAULT_NAMES)]
    kinds = inp.params.get("whole_file_kinds", WHOLE_FILE_KINDS)
    ranked: list[tuple[int, EntryPoint]] = []
    for entry in facts.entries:
        if not entry.name:
            if entry.kind in kinds:
                ranked.append((-1, entry))
            continue
        position = _matches(entry, names)
        if position is not None:
            ranked.append((position, entry))
    ranked.sort(key=lambda item: (item[0], item[1].path))
    evidence: list[Finding] = []
    seen: set[str] = set()
    for _, entry in ranked:
        if entry.command in seen:
            continue
        seen.add(entry.command)
        args = {"path": entry.path, "command": entry.command, "kind": entry.kind}
        evidence.append(Finding("entry-point", args, Location(entry.path, entry.line), key=entry.command))
        if len(evidence) == 3:
            break
    if evidence:
        return Outcome.passed(*evidence)
    offered = sorted({e.command for e in facts.entries})
    shown = ", ".join(offered[:6]) + (f" and {len(offered) - 6} more" if len(offered) > 6 else "")
    return Outcome.failed(
        Finding("missing", {"names": ", ".join(names[:8]), "offered": shown or "none"}, key="missing")
    )


SETUP_COMMAND = CheckType(
    id="selfservice.setup-command",
    summary="One command sets the project up or starts it: a Makefile/justfile/Taskfile/Rakefile "
    "target, a bin/setup or script/bootstrap script, a package.json or pyproject script, tox or "
    "nox, a dev container, a compose file, devbox, nix, skaffold or tilt.",
    why="A contributor who can type one command and have a working environment helps themselves; "
    "one who needs a wiki page and a person to ask does not. Targets are read from the files "
    "(make setup, npm run dev), not guessed from a file's name.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "names": {
                "type": "array",
                "items": {"type": "string", "minLength": 1},
                "minItems": 1,
                "uniqueItems": True,
                "default": list(DEFAULT_NAMES),
                "description": "target, script or recipe names that set up or start the project (a "
                "name matches a whole word: dev-setup matches setup), most telling first",
            },
            "whole_file_kinds": {
                "type": "array",
                "items": {"enum": list(WHOLE_FILE_KINDS)},
                "uniqueItems": True,
                "default": list(WHOLE_FILE_KINDS),
                "description": "tools that set everything up by themselves (a dev container, "
                "docker compose up, skaffold dev, tox)",
            },
        },
    },
    run=setup_command,
    needs=(SETUP,),
    messages={
        "entry-point": "`{command}` sets it up ({path})",
        "missing": "no command sets the project up: no target, script or tool named {names}; "
        "offered: {offered}",
    },
    remediation="Add a `setup` target to the Makefile (or justfile, Taskfile, package.json script, "
    "bin/setup) that installs everything a contributor needs, or a dev container "
    "(.devcontainer/devcontainer.json).",
    examples=examples.SETUP_COMMAND,
)


# -- request templates -------------------------------------------------------------------------------

_REQUIRE = {
    "any": ("issue", "pull-request"),
    "issue": ("issue",),
    "pull-request": ("pull-request",),
    "both": ("issue", "pull-request"),
}


_KIND_WORDS = {"issue": "issue", "issue-form": "issue form", "pull-request": "pull-request"}


def request_templates(inp: CheckInput) -> Outcome:
    facts = inp.facts[REQUEST_TEMPLATES]
    require = inp.params.get("require", "any")
    problems = [
        Finding("broken", {"path": t.path, "problem": t.problem}, Location(t.path), key=t.path)
        for t in facts.templates
        if t.problem
    ]
    good = [t for t in facts.templates if not t.problem]
    kinds = {"pull-request" if t.kind == "pull-request" else "issue" for t in good}
    evidence = [
        Finding("template", {"path": t.path, "kind": _KIND_WORDS[t.kind]}, Location(t.path), key=t.path)
        for t in good[:5]
    ]
    wanted = _REQUIRE[require]
    if require == "both":
        lacking = [k for k in wanted if k not in kinds]
    else:
        lacking = [] if kinds & set(wanted) else list(wanted)
    if lacking:
        joiner = " and " if require == "both" else " or "
        what = joiner.join(lacking)
        problems.append(Finding("missing", {"what": what}, key="missing"))
    return Outcome.from_findings(problems, *evidence)


REQUEST_TEMPLATES_CHECK = CheckType(
    id="selfservice.templates",
    summary="Issue templates (Markdown or issue forms) or pull-request templates are where GitHub "
    "reads them (.github/, the root or docs/; ISSUE_TEMPLATE/ and PULL_REQUEST_TEMPLATE/ folders), "
    "and none is empty.",
    why="A template asks the requester for what the team needs the first time (versions, steps, "
    "expected behaviour), so requests are served without a round of questions. A template in a "
    "test fixture is not one GitHub offers.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "require": {
                "enum": list(_REQUIRE),
                "default": "any",
                "description": "any: an issue or a pull-request template; both: one of each",
            }
        },
    },
    run=request_templates,
    needs=(REQUEST_TEMPLATES,),
    messages={
        "template": "{kind} template: {path}",
        "broken": "{path} is not a usable template ({problem})",
        "missing": "no {what} template where GitHub reads them",
    },
    remediation="Add .github/ISSUE_TEMPLATE/bug_report.yml (an issue form) and "
    ".github/pull_request_template.md asking for what reviewers need.",
    examples=examples.REQUEST_TEMPLATES,
)

CHECK_TYPES: tuple[CheckType, ...] = (SETUP_COMMAND, REQUEST_TEMPLATES_CHECK)

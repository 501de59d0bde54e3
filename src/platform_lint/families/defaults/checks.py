"""The defaults family's check types: settings, hooks, CI and update automation, judged by content."""

from __future__ import annotations

from platform_lint.families.check_type import CheckInput, CheckType
from platform_lint.families.defaults import examples
from platform_lint.families.defaults.facts import CI, DEPENDENCY_UPDATES, FORMATTING, GIT_HOOKS
from platform_lint.model import Finding, Location, Outcome

# -- formatter and linter settings -------------------------------------------------------------------

KINDS = ("formatter", "linter", "editor")


def formatter_settings(inp: CheckInput) -> Outcome:
    facts = inp.facts[FORMATTING]
    kinds = set(inp.params.get("kinds", KINDS))
    zero_config = bool(inp.params.get("zero_config", True))
    evidence: list[Finding] = []
    for s in facts.settings:
        if s.zero_config and not zero_config:
            continue
        if not kinds & set(s.kinds):
            continue
        if s.zero_config:
            finding = Finding(
                "zero-config",
                {"path": s.path, "tool": s.tool, "reason": s.reason},
                Location(s.path),
                key=f"{s.tool}:{s.path}",
            )
        else:
            args = {"path": s.path, "tool": s.tool, "kinds": " and ".join(k for k in s.kinds if k in kinds)}
            finding = Finding("settings", args, Location(s.path, s.line), key=f"{s.tool}:{s.path}")
        evidence.append(finding)
    if evidence:
        return Outcome.passed(*evidence[:6])
    return Outcome.failed(
        Finding("missing", {"kinds": " or ".join(k for k in KINDS if k in kinds)}, key="missing")
    )


FORMATTER_SETTINGS = CheckType(
    id="defaults.formatter-settings",
    summary="Formatter, linter or editor settings are committed (in their own file or a section of "
    "pyproject.toml, setup.cfg, tox.ini, package.json; anywhere in the product), or the language's "
    "formatter needs none (Go, Rust, Terraform, Dart, Zig).",
    why="Committed settings make every editor and CI run format and lint the same way without anyone "
    "deciding again. A [tool.ruff] table is ruff's settings as much as ruff.toml is; a Go module "
    "needs no settings because gofmt has none.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "kinds": {
                "type": "array",
                "items": {"enum": list(KINDS)},
                "minItems": 1,
                "uniqueItems": True,
                "default": list(KINDS),
                "description": "which settings count: a formatter's, a linter's, the editor's "
                "(.editorconfig)",
            },
            "zero_config": {
                "type": "boolean",
                "default": True,
                "description": "a language whose formatter has no settings (gofmt, rustfmt's "
                "defaults) counts",
            },
        },
    },
    run=formatter_settings,
    needs=(FORMATTING,),
    messages={
        "settings": "{tool} {kinds} settings in {path}",
        "zero-config": "{tool} needs no settings: {reason} ({path})",
        "missing": "no {kinds} settings are committed",
    },
    remediation="Commit the formatter and linter settings ([tool.ruff] in pyproject.toml, .prettierrc, "
    ".golangci.yml, .editorconfig) so every editor and CI run applies the same defaults.",
    examples=examples.FORMATTER_SETTINGS,
)


# -- git hooks ---------------------------------------------------------------------------------------


def git_hooks(inp: CheckInput) -> Outcome:
    facts = inp.facts[GIT_HOOKS]
    evidence: list[Finding] = []
    problems: list[Finding] = []
    for h in facts.setups:
        if h.problem:
            problems.append(
                Finding(
                    "no-hooks",
                    {"path": h.path, "tool": h.tool, "problem": h.problem},
                    Location(h.path, h.line),
                    key=h.path,
                )
            )
            continue
        code = "wired-folder" if h.wired_by else "hooks"
        args = {"path": h.path, "tool": h.tool, "hooks": h.hooks, "wired_by": h.wired_by or ""}
        evidence.append(Finding(code, args, Location(h.path, h.line), key=h.path))
    return Outcome.evidence_first(evidence, problems)


GIT_HOOKS_CHECK = CheckType(
    id="defaults.git-hooks",
    summary="Checks run before a commit: a pre-commit, husky, lefthook or overcommit configuration that "
    "runs hooks, or a folder of git hook scripts (.githooks/, or one core.hooksPath points at).",
    why="Hooks fix formatting and catch lint on the laptop, before review and before CI. A "
    ".pre-commit-config.yaml that lists no hooks runs nothing, and a hooks/ folder git is never "
    "told about (core.hooksPath) is never run.",
    params_schema={"type": "object", "additionalProperties": False, "properties": {}},
    run=git_hooks,
    needs=(GIT_HOOKS,),
    messages={
        "hooks": "{tool} runs {hooks} hooks ({path})",
        "wired-folder": "{tool}: {hooks} hook scripts, core.hooksPath set in {wired_by} ({path})",
        "no-hooks": "{path} ({tool}) runs no hooks: {problem}",
        "missing": "no git hooks: no pre-commit, husky, lefthook or overcommit configuration, and no "
        "hooks folder git is pointed at",
    },
    remediation="Add .pre-commit-config.yaml with the formatters and linters CI runs (pre-commit "
    "install once), or lefthook/husky for JavaScript projects.",
    examples=examples.GIT_HOOKS,
)


# -- CI ------------------------------------------------------------------------------------------------


def ci_runs_checks(inp: CheckInput) -> Outcome:
    facts = inp.facts[CI]
    require_checks = bool(inp.params.get("require_checks", True))
    require_on_change = bool(inp.params.get("require_on_change", True))
    problems: list[Finding] = []
    good: list[Finding] = []
    idle: list[str] = []
    for p in facts.pipelines:
        if p.problem:
            problems.append(
                Finding(
                    "broken",
                    {"path": p.path, "provider": p.provider, "problem": p.problem},
                    Location(p.path, p.problem_line),
                    key=p.path,
                )
            )
            continue
        if not p.jobs:
            idle.append(p.path)
            continue
        if require_on_change and p.on_change is False:
            continue
        if require_checks and not p.checks:
            idle.append(p.path)
            continue
        what = p.checks[0] if p.checks else f"{p.jobs} jobs"
        good.append(
            Finding(
                "pipeline",
                {"path": p.path, "provider": p.provider, "runs": what},
                Location(p.path, p.line),
                key=p.path,
            )
        )
    if good:
        return Outcome.from_findings(problems, *good[:5])
    if facts.pipelines:
        shown = ", ".join(idle[:4]) + (f" and {len(idle) - 4} more" if len(idle) > 4 else "")
        problems.append(Finding("idle", {"count": len(facts.pipelines), "idle": shown or "none"}, key="idle"))
        return Outcome.failed(*problems)
    return Outcome.failed(Finding("missing", {}, key="missing"))


CI_RUNS_CHECKS = CheckType(
    id="defaults.ci-runs-checks",
    summary="A CI pipeline (GitHub Actions, GitLab CI, Travis, CircleCI, Jenkins, Azure, Buildkite, "
    "Drone, Woodpecker, Bitbucket, Cloud Build, ...) runs tests or linters on every change.",
    why="Defaults enforced by a machine hold; defaults remembered by reviewers drift. A workflow "
    "file with no jobs, jobs switched off with if: false, or one that only runs on a tag, "
    "enforces nothing on a change.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "require_checks": {
                "type": "boolean",
                "default": True,
                "description": "a pipeline must run something that tests or lints (pytest, go test, "
                "npm run lint, tox, ...), not only build or deploy",
            },
            "require_on_change": {
                "type": "boolean",
                "default": True,
                "description": "a GitHub workflow must run on push, pull_request or merge_group",
            },
        },
    },
    run=ci_runs_checks,
    needs=(CI,),
    messages={
        "pipeline": "{provider} runs checks on a change ({path}: {runs})",
        "broken": "{path} ({provider}) {problem}",
        "idle": "{count} CI files, but none runs tests or linters on a change (idle: {idle})",
        "missing": "no CI configuration (GitHub Actions, GitLab CI, Travis, CircleCI, Jenkins, ...)",
    },
    remediation="Add a CI workflow that runs the tests and linters on every push and pull request.",
    examples=examples.CI_RUNS_CHECKS,
)


# -- dependency updates ------------------------------------------------------------------------------


def update_automation(inp: CheckInput) -> Outcome:
    facts = inp.facts[DEPENDENCY_UPDATES]
    problems: list[Finding] = []
    evidence: list[Finding] = []
    for c in facts.configs:
        if c.problem:
            problems.append(
                Finding(
                    "inactive",
                    {"path": c.path, "tool": c.tool, "problem": c.problem},
                    Location(c.path, c.line),
                    key=c.path,
                )
            )
        else:
            args = {"path": c.path, "tool": c.tool, "what": ", ".join(c.ecosystems) or "the repository"}
            evidence.append(Finding("configured", args, Location(c.path, c.line), key=c.path))
    return Outcome.evidence_first(evidence, problems)


UPDATE_AUTOMATION = CheckType(
    id="defaults.update-automation",
    summary="Dependency updates are automated: Dependabot with updates, Renovate (its own file, "
    "package.json or a workflow), or Depfu — and not switched off.",
    why="Small update pull requests every week beat a painful upgrade once a year. A dependabot.yml "
    "without updates, or a Renovate configuration with enabled: false, updates nothing.",
    params_schema={"type": "object", "additionalProperties": False, "properties": {}},
    run=update_automation,
    needs=(DEPENDENCY_UPDATES,),
    messages={
        "configured": "{tool} updates {what} ({path})",
        "inactive": "{path} ({tool}) updates nothing: {problem}",
        "missing": "no dependency-update automation (Dependabot, Renovate, Depfu)",
    },
    remediation="Configure Dependabot (.github/dependabot.yml with an updates entry per ecosystem) or "
    "Renovate (renovate.json) so dependency updates arrive as small pull requests.",
    examples=examples.UPDATE_AUTOMATION,
)

CHECK_TYPES: tuple[CheckType, ...] = (FORMATTER_SETTINGS, GIT_HOOKS_CHECK, CI_RUNS_CHECKS, UPDATE_AUTOMATION)

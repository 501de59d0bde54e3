"""The facts of the defaults family, by key: what its check types may ask for."""

from __future__ import annotations

from typing import Any

from platform_lint.families.collector import FactKey
from platform_lint.families.defaults.collect_ci import CiFacts, collect_ci
from platform_lint.families.defaults.collect_format import FormattingFacts, collect_formatting
from platform_lint.families.defaults.collect_hooks import HookFacts, collect_hooks
from platform_lint.families.defaults.collect_updates import UpdateFacts, collect_updates

FORMATTING: FactKey[FormattingFacts] = FactKey(
    "formatter-settings",
    "formatter and linter settings read by content (pyproject [tool.ruff], setup.cfg [flake8], "
    ".editorconfig sections, .golangci.yml, .prettierrc, ... anywhere in the product) and languages "
    "whose formatter needs none (Go, Rust, Terraform)",
    collect_formatting,
)
GIT_HOOKS: FactKey[HookFacts] = FactKey(
    "git-hooks",
    "pre-commit, husky, lefthook and overcommit configurations with the hooks they run, and folders of "
    "git hook scripts (.githooks/, or one core.hooksPath points at)",
    collect_hooks,
)
CI: FactKey[CiFacts] = FactKey(
    "ci-pipelines",
    "CI pipelines of every common provider, parsed: jobs, the commands that test or lint, and whether "
    "a GitHub workflow runs on a change",
    collect_ci,
)
DEPENDENCY_UPDATES: FactKey[UpdateFacts] = FactKey(
    "dependency-updates",
    "Dependabot updates, Renovate configuration (own file, package.json or a workflow) and Depfu, with "
    "what each updates",
    collect_updates,
)

FACTS: tuple[FactKey[Any], ...] = (FORMATTING, GIT_HOOKS, CI, DEPENDENCY_UPDATES)

"""The facts of the selfservice family, by key: what its check types may ask for."""

from __future__ import annotations

from typing import Any

from platform_lint.families.collector import FactKey
from platform_lint.families.selfservice.collect import (
    SetupFacts,
    TemplateFacts,
    collect_setup,
    collect_templates,
)

SETUP: FactKey[SetupFacts] = FactKey(
    "setup-entry-points",
    "one-command entry points: Makefile/Rakefile/justfile/Taskfile targets, bin/ script/ scripts/ "
    "files, package.json and pyproject scripts, tox, nox, dev containers, compose, devbox, nix, "
    "skaffold, tilt",
    collect_setup,
)
REQUEST_TEMPLATES: FactKey[TemplateFacts] = FactKey(
    "request-templates",
    "issue templates and forms, pull-request templates in the places GitHub (and GitLab) reads them",
    collect_templates,
)

FACTS: tuple[FactKey[Any], ...] = (SETUP, REQUEST_TEMPLATES)

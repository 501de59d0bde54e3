"""The facts of the goldenpaths family, by key."""

from __future__ import annotations

from typing import Any

from platform_lint.families.collector import FactKey
from platform_lint.families.goldenpaths.collect import GoldenPathFacts, collect_goldenpaths

GOLDEN_PATHS: FactKey[GoldenPathFacts] = FactKey(
    "golden-paths",
    "software templates offered (Backstage, cookiecutter, copier, Yeoman) and the template the project "
    "came from (.cruft.json, .copier-answers.yml, backstage.io/source-template, projen), by content",
    collect_goldenpaths,
)

FACTS: tuple[FactKey[Any], ...] = (GOLDEN_PATHS,)

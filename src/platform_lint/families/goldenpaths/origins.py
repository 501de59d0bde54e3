"""The template origins a report carries: the records in the repository's own product.

``check`` reads the golden-path facts the rules collected (or collects them once) and puts the
origins here in every JSON report (``repository.origins``), so ``org-report`` can tell which
repositories came from which template, at which commit, without reading a repository again.
Records inside template payload, fixtures, vendored code or examples are not the repository's
own origin and are left out, as the ``goldenpaths.source-template`` check leaves them out. A
template URL's ``user:password@`` is dropped when the record is read (``collect.without_credentials``).
"""

from __future__ import annotations

from platform_lint.families.collector import FactRequest
from platform_lint.families.goldenpaths.checks import DEFAULT_IGNORE_IN
from platform_lint.families.goldenpaths.collect import GoldenPathFacts, Origin
from platform_lint.families.goldenpaths.facts import GOLDEN_PATHS

REQUEST: FactRequest[GoldenPathFacts] = FactRequest(GOLDEN_PATHS)
"""What the rules ask for, so the facts they collected are reused."""


def product_origins(facts: GoldenPathFacts) -> tuple[Origin, ...]:
    return tuple(o for o in facts.origins if o.scope not in DEFAULT_IGNORE_IN)

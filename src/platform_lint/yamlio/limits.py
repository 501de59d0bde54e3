"""The limits every YAML and JSON loader keeps, and how a refusal is worded.

Every text loaded may be hostile (policies and repository files alike): what goes past
these limits is refused at its line, never expanded or recursed into. README.md's
"Security" section lists them for users; keep the two in step.
"""

from __future__ import annotations

MAX_DEPTH = 128
"""Nesting of mappings and lists in a YAML or JSON document (aliases count where used).

Real documents stay far below it (a large OpenAPI schema nests about 40 levels); every
consumer walks data recursively, and this keeps them all well inside Python's stack."""

MAX_ALIAS_NODES = 100_000
"""Nodes YAML aliases may stand for in one file, each counted with everything under its
target. Anchors and merge keys as people write them use a few hundred; a "billion laughs"
file asks for 9**9."""

MAX_NODES = 1_000_000
"""Values (scalars, mappings, lists; keys count) in one YAML or JSON file. Parsed YAML costs
a few hundred bytes a node, so this keeps a file within a few hundred megabytes whatever
it holds; a 4 MB OpenAPI spec has about 150,000."""

MAX_INT_DIGITS = 4300
"""Digits of an integer read as an int (Python's own default limit). A longer JSON
integer is read as a float (infinity past about 1e308); a longer YAML one is refused."""

ROUND_TRIP_MAX_BYTES = 256 * 1024
"""Repository YAML larger than this is read by PyYAML's C composer (:mod:`.plain`) rather
than ruamel's round-trip loader, which keeps every position but reads about 100 KiB a
second (and a tenth of that on deeply nested flow collections)."""


def too_deep() -> str:
    return f"nested more than {MAX_DEPTH} levels deep (platform-lint reads at most {MAX_DEPTH})"


def too_many_aliased() -> str:
    return (
        f"aliases stand for more than {MAX_ALIAS_NODES:,} nodes in all "
        "(a YAML alias bomb; platform-lint does not expand it)"
    )


def too_many_nodes() -> str:
    return f"holds more than {MAX_NODES:,} values (platform-lint reads at most {MAX_NODES:,})"


ALIAS_IN_ITSELF = "an alias refers to the node that contains it, so the value would contain itself"

"""YAML and JSON loading, with positions, within limits that hold for any input.

Policies and repository files are hostile input, so every loader here keeps the limits
of :mod:`.limits` (nesting depth, what YAML aliases may stand for, integer length) and
refuses what goes past them at its line, quickly and in little memory.

* :mod:`.roundtrip` -- ruamel.yaml's round-trip loader: a line and column for every key
  and item (policies; repository documents up to ``ROUND_TRIP_MAX_BYTES``).
* :mod:`.plain` -- PyYAML's C composer: plain data fast, lines kept by a caller that
  asks (API specs; repository documents past ``ROUND_TRIP_MAX_BYTES``).
* :mod:`.jsonload` -- JSON within the same depth; an integer too long for ``int()`` is
  read as a float.
"""

from platform_lint.yamlio.jsonload import JsonError, load_json
from platform_lint.yamlio.limits import (
    ALIAS_IN_ITSELF,
    MAX_ALIAS_NODES,
    MAX_DEPTH,
    MAX_INT_DIGITS,
    MAX_NODES,
    ROUND_TRIP_MAX_BYTES,
    too_deep,
    too_many_aliased,
)
from platform_lint.yamlio.plain import PlainBuilder, YamlLimit, compose, load_plain_all
from platform_lint.yamlio.roundtrip import (
    PathPart,
    YamlDocument,
    load_yaml,
    load_yaml_all,
    node_position,
    to_plain,
)

__all__ = [
    "ALIAS_IN_ITSELF",
    "MAX_ALIAS_NODES",
    "MAX_DEPTH",
    "MAX_INT_DIGITS",
    "MAX_NODES",
    "ROUND_TRIP_MAX_BYTES",
    "JsonError",
    "PathPart",
    "PlainBuilder",
    "YamlDocument",
    "YamlLimit",
    "compose",
    "load_json",
    "load_plain_all",
    "load_yaml",
    "load_yaml_all",
    "node_position",
    "to_plain",
    "too_deep",
    "too_many_aliased",
]

"""Finding API contracts by content, not by file name.

A YAML or JSON file is an OpenAPI document when it has a top-level ``openapi``
(3.x) or ``swagger`` (2.0) key; AsyncAPI likewise by ``asyncapi``. GraphQL SDL
and protobuf files are recognised by extension and a first look at the text.
Vendored and test-fixture trees are skipped (the globs are a policy param).
"""

from __future__ import annotations

import re

DEFAULT_SKIP: tuple[str, ...] = (
    "**/node_modules/**",
    "**/vendor/**",
    "**/third_party/**",
    "**/third-party/**",
    "**/testdata/**",
    "**/test-data/**",
    "**/fixtures/**",
    "**/__fixtures__/**",
    "**/test/**/fixtures/**",
    "**/tests/**/fixtures/**",
    "**/.git/**",
)
"""Trees not searched for contracts unless a policy says otherwise."""

DATA_EXTENSIONS = (".yaml", ".yml", ".json")
GRAPHQL_EXTENSIONS = (".graphql", ".graphqls", ".gql")
_NOT_SPECS = frozenset(
    {
        "package-lock.json",
        "composer.lock",
        "yarn.lock",
        "pnpm-lock.yaml",
        "Pipfile.lock",
        "poetry.lock",
        "tsconfig.json",
    }
)

# Each pattern stays within one line and has no nested or adjacent unbounded repeats, so a
# search costs time linear in the text (whitespace before a keyword never spans lines:
# "^\s*" over 20,000 blank lines made one search quadratic).
_YAML_KEY = re.compile(
    r"^[\"']?(openapi|swagger|asyncapi)[\"']?[ \t]*:[ \t]*[\"']?([0-9][^\"'\s,#]*)", re.MULTILINE
)
_JSON_KEY = re.compile(r"\"(openapi|swagger|asyncapi)\"[ \t]*:[ \t]*\"([0-9][^\"\n]*)\"")
_GRAPHQL = re.compile(
    r"^[ \t]*(?:extend[ \t]+)?(?:type|schema|interface|union|enum|input|scalar|directive)\b", re.MULTILINE
)
_PROTO = re.compile(
    r"^[ \t]*(?:syntax[ \t]*=|package[ \t]+[\w.]+[ \t]*;|message[ \t]+\w|service[ \t]+\w)", re.MULTILINE
)


CANDIDATE_GLOBS = tuple(f"**/*{ext}" for ext in (*DATA_EXTENSIONS, *GRAPHQL_EXTENSIONS, ".proto"))
"""Every file :func:`is_candidate` may accept (answered from the listing's index by extension)."""


def is_candidate(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    if name in _NOT_SPECS:
        return False
    return path.endswith(DATA_EXTENSIONS + GRAPHQL_EXTENSIONS + (".proto",))


def sniff(path: str, text: str) -> tuple[str, str | None] | None:
    """``(kind, declared version)`` when the text looks like a contract, else None.

    Kinds: ``openapi`` (version ``2.0`` or ``3.x``), ``asyncapi``, ``graphql``, ``protobuf``.
    """
    if path.endswith(GRAPHQL_EXTENSIONS):
        return ("graphql", None) if _GRAPHQL.search(text) else None
    if path.endswith(".proto"):
        return ("protobuf", None) if _PROTO.search(text) else None
    pattern = _JSON_KEY if text.lstrip().startswith("{") else _YAML_KEY
    match = pattern.search(text)
    if match is None:
        return None
    key, version = match.group(1), match.group(2)
    if key == "asyncapi":
        return "asyncapi", version
    return "openapi", version

"""OpenAPI path templates: ``/pets/{id}`` and ``/pets/{petId}`` name the same path."""

from __future__ import annotations

import re

_TEMPLATE = re.compile(r"\{[^}/]*\}")


def normalize_path(path: str) -> str:
    """The path with its parameter names blanked: ``/pets/{}``."""
    return _TEMPLATE.sub("{}", path)


def path_params(path: str) -> list[str]:
    """The names of the path's parameters, in order."""
    return [m.group(0)[1:-1] for m in _TEMPLATE.finditer(path)]

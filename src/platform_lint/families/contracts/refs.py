"""``$ref`` strings: whether one points at a URL, and which file and path it names (pure)."""

from __future__ import annotations

import posixpath


def is_remote(ref: str) -> bool:
    return "://" in ref or ref.startswith("//")


def stays_inside(file: str) -> bool:
    """True when a normalised ``$ref`` file path stays inside the folder it is read from
    (not absolute, not up and out with ``..``) and out of ``.git``."""
    if not file or file.startswith("/") or file == ".." or file.startswith("../"):
        return False
    return not any(part.lower() == ".git" for part in file.split("/"))


def split_ref(ref: str, current_file: str) -> tuple[str, tuple[str, ...]] | None:
    """``(file, parts)`` a reference points at, or None for a URL."""
    if is_remote(ref):
        return None
    target, _, fragment = ref.partition("#")
    if target:
        base_dir = posixpath.dirname(current_file)
        file = posixpath.normpath(posixpath.join(base_dir, target))
    else:
        file = current_file
    parts = (
        tuple(p.replace("~1", "/").replace("~0", "~") for p in fragment.split("/")[1:]) if fragment else ()
    )
    return file, parts

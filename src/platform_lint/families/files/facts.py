"""The facts of the files family, by key: the file list, file texts, parsed documents."""

from __future__ import annotations

from typing import Any

from platform_lint.families.collector import FactKey
from platform_lint.families.files.collect import (
    Documents,
    FileTree,
    TextFiles,
    collect_documents,
    collect_texts,
    collect_tree,
)

FILES: FactKey[FileTree] = FactKey(
    "files", "the list of files in the snapshot, with glob look-ups", collect_tree
)
TEXTS: FactKey[TextFiles] = FactKey(
    "texts",
    "the text of the files matching globs (args: globs, ignore_case[, pattern, flags]: "
    "with a pattern, reading stops at the first file that matches)",
    collect_texts,
)
DOCUMENTS: FactKey[Documents] = FactKey(
    "documents",
    "YAML/JSON files matching globs, parsed with positions (args: globs, ignore_case)",
    collect_documents,
)

FACTS: tuple[FactKey[Any], ...] = (FILES, TEXTS, DOCUMENTS)

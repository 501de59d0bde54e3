"""Loading a spec together with the files its relative ``$ref``s reach.

The reader is handed in (the snapshot for a repository, the filesystem for
``platform-lint diff``), so this module decides what is followed and nothing
else: relative-file references are loaded (breadth first, each file once) when
they stay inside the folder they are read from; URLs are never fetched and are
listed as ``remote_refs``; a file that is missing, refused by the reader
(:class:`platform_lint.safety.Unsafe`: a link out of the folder, a FIFO, too large)
or does not parse is listed in ``problems``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from platform_lint.families.contracts.loader import LoadError, SpecDocument, load_spec
from platform_lint.families.contracts.refs import is_remote, split_ref, stays_inside
from platform_lint.safety import Unsafe

Reader = Callable[[str], "str | None"]
MAX_FILES = 200


@dataclass(frozen=True)
class RefProblem:
    ref: str
    file: str
    reason: str


@dataclass(frozen=True)
class SpecBundle:
    """The root document and every document its references reach."""

    root: str
    documents: Mapping[str, SpecDocument]
    remote_refs: tuple[str, ...] = ()
    problems: tuple[RefProblem, ...] = ()
    error: LoadError | None = None

    @property
    def data(self) -> Any:
        doc = self.documents.get(self.root)
        return doc.data if doc else None

    def docs(self) -> dict[str, Any]:
        return {path: doc.data for path, doc in self.documents.items()}

    def line_of(self, file: str, parts: tuple[str | int, ...]) -> int | None:
        doc = self.documents.get(file)
        return doc.line_of(parts) if doc else None


def iter_refs(value: Any) -> Iterator[str]:
    """Every ``$ref`` string in a document (iterative: deep documents cannot overflow the stack)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            ref = item.get("$ref")
            if isinstance(ref, str):
                yield ref
            stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
        elif isinstance(item, list):
            stack.extend(v for v in item if isinstance(v, (dict, list)))


def load_bundle(root: str, reader: Reader, first: SpecDocument | None = None) -> SpecBundle:
    if first is None:
        text = reader(root)
        if text is None:
            return SpecBundle(root, {}, error=LoadError("cannot read the file"))
        loaded = load_spec(root, text)
        if isinstance(loaded, LoadError):
            return SpecBundle(root, {}, error=loaded)
        first = loaded
    documents: dict[str, SpecDocument] = {root: first}
    remote: set[str] = set()
    problems: list[RefProblem] = []
    queue = [root]
    while queue:
        current = queue.pop(0)
        for ref in iter_refs(documents[current].data):
            if is_remote(ref):
                remote.add(ref)
                continue
            target = split_ref(ref, current)
            if target is None or target[0] in documents:
                continue
            file = target[0]
            if not stays_inside(file):
                problems.append(RefProblem(ref, current, f"{file} is outside the folder it may be read from"))
                continue
            if len(documents) >= MAX_FILES:
                problems.append(RefProblem(ref, current, f"more than {MAX_FILES} files are referenced"))
                continue
            try:
                text = reader(file)
            except Unsafe as exc:
                problems.append(RefProblem(ref, current, f"{file} is not read: {exc.reason}"))
                continue
            if text is None:
                problems.append(RefProblem(ref, current, f"{file} cannot be read"))
                continue
            loaded = load_spec(file, text)
            if isinstance(loaded, LoadError):
                problems.append(RefProblem(ref, current, f"{file}: {loaded.message}"))
                continue
            documents[file] = loaded
            queue.append(file)
    return SpecBundle(root, documents, tuple(sorted(remote)), tuple(problems))

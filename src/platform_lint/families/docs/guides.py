"""Guides kept outside a docs folder: the documents the README links to that are guides.

Some projects keep their guides next to the README (``development.md``, ``deployment.md``,
``backend/README.md``) instead of in ``docs/``. A document counts as a guide when the README
GitHub shows links to it (a relative link to a Markdown, reStructuredText or AsciiDoc file in
the repository's product), it is not a community or legal file (a contributing guide, the
changelog or release notes, the licence, the security policy, the code of conduct, ...), and
it has substance: enough words of prose. A pile of Markdown files nobody links to, or links
to stubs, is not documentation beyond the README.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from platform_lint.families.docs.links import relative_links, resolve
from platform_lint.families.docs.locate import community_files
from platform_lint.families.docs.markup import markup_of, read_shape
from platform_lint.families.shared.product import is_product
from platform_lint.snapshot.base import RepoSnapshot

READ_BYTES = 512 * 1024
MAX_LINKED = 40
"""Linked documents read at most."""

_GUIDE = re.compile(r"\.(?:md|markdown|mdx|rst|adoc|asciidoc)$", re.IGNORECASE)
_NOT_GUIDES = re.compile(
    r"^(?:changelog|changes|history|news|release[-_ ]?notes|releases|licen[cs]e|copying|notice|contributing|"
    r"code[-_]of[-_]conduct|security|support|authors|contributors|maintainers|owners|governance|codeowners|"
    r"agents|claude|funding|citation|pull_request_template|issue_template)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Guide:
    """A document the README links to: its words of prose and the line of the README's link."""

    path: str
    words: int
    link_line: int


def is_guide_name(path: str) -> bool:
    """False for community and legal files (CONTRIBUTING, CHANGELOG, LICENSE, SECURITY, ...)."""
    stem = path.rpartition("/")[2].split(".")[0]
    return not _NOT_GUIDES.match(stem)


def linked_guides(snapshot: RepoSnapshot) -> tuple[str | None, tuple[Guide, ...]]:
    """The README GitHub shows, and the guides it links to (any number of words; the check
    decides how many make a guide)."""
    readmes = community_files(snapshot.glob(["*", ".github/*", "docs/*"]), "readme")
    if not readmes or markup_of(readmes[0]) != "md":
        return (readmes[0] if readmes else None), ()
    readme = readmes[0]
    text = snapshot.read(readme, min(READ_BYTES, snapshot.max_bytes)).text
    if text is None:
        return readme, ()
    targets: dict[str, int] = {}
    for link in relative_links(text):
        target = resolve(readme, link.target)
        if target is None or target == readme or target in targets or not _GUIDE.search(target):
            continue
        if is_guide_name(target) and snapshot.exists(target) and is_product(snapshot, target):
            targets[target] = link.line
        if len(targets) >= MAX_LINKED:
            break
    guides: list[Guide] = []
    for target, line in targets.items():
        content = snapshot.read(target, min(READ_BYTES, snapshot.max_bytes)).text
        if content is None:
            continue
        shape = read_shape(content, markup_of(target))
        guides.append(Guide(target, sum(p.words for p in shape.paragraphs), line))
    return readme, tuple(guides)

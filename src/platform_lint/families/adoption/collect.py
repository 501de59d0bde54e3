"""Collect the adoption family's facts: release tags with dates, success-metrics sections in the
docs, and usage telemetry the platform emits. I/O and parsing only.

Docs are read where people keep them (the root, ``.github/``, ``docs/``, ``doc/``) and by a
name that says what they hold (``metrics.md``, ``adoption.md``, ``okrs.md``), up to a bound;
manifests are read for the analytics SDKs they depend on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from platform_lint.families.collector import CollectEnv
from platform_lint.families.shared.product import is_product
from platform_lint.snapshot.base import FileContent, RepoSnapshot, TagHistory

READ_BYTES = 512 * 1024
MAX_DOCS = 300
"""Docs read at most for success metrics and usage-telemetry statements."""


def _read(snapshot: RepoSnapshot, path: str) -> FileContent:
    return snapshot.read(path, min(READ_BYTES, snapshot.max_bytes))


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


# -- releases ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReleaseFacts:
    """The repository's tags with dates; ``history`` is None without git history."""

    history: TagHistory | None


def collect_releases(snapshot: RepoSnapshot, env: CollectEnv, args: tuple[Any, ...]) -> ReleaseFacts:
    return ReleaseFacts(snapshot.tag_history())


# -- docs sections -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """A section of a document: its heading, where it starts, and the words and list items under it."""

    path: str
    line: int
    heading: str
    words: int
    items: int
    text: str  # the first 2,000 characters of the body


_MD_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)[ \t#]*$")
_ADOC_HEADING = re.compile(r"^(={1,6})[ \t]+(.+)$")
_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+])\1{2,}\s*$")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\S")
_WORD = re.compile(r"[^\W\d_][\w'-]*")
_FENCE = re.compile(r"^\s*(```|~~~)")


def sections(path: str, text: str) -> list[Section]:
    """The sections of a Markdown, reStructuredText or AsciiDoc document (code blocks skipped)."""
    lines = text.splitlines()
    heads: list[tuple[int, int, str]] = []  # (index, level, text)
    fence: str | None = None
    for i, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and line.strip().startswith(fence):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        md = _MD_HEADING.match(line) or _ADOC_HEADING.match(line)
        if md:
            heads.append((i, len(md.group(1)), md.group(2).strip()))
        elif i + 1 < len(lines) and line.strip() and not line.startswith((" ", "\t")):
            under = _UNDERLINE.match(lines[i + 1])
            if under and len(lines[i + 1].strip()) >= min(3, len(line.strip())):
                heads.append((i, 1 if under.group(1) in "=#" else 2, line.strip()))
    if not heads:
        return []
    words = [0]  # prefix sums over lines: words and list items before line i
    items = [0]
    for line in lines:
        underline = bool(_UNDERLINE.match(line))
        words.append(words[-1] + (0 if underline else len(_WORD.findall(line))))
        items.append(items[-1] + (1 if _ITEM.match(line) else 0))
    found: list[Section] = []
    for n, (index, level, title) in enumerate(heads):
        end = len(lines)
        for later, later_level, _ in heads[n + 1 :]:
            if later_level <= level:
                end = later
                break
        body = "\n".join(lines[index + 1 : min(end, index + 60)])[:2000]
        count = words[end] - words[index + 1]
        found.append(Section(path, index + 1, title[:120], count, items[end] - items[index + 1], body))
    return found


_DOC = re.compile(r"\.(?:md|markdown|rst|adoc|txt)$", re.IGNORECASE)
_HINT = re.compile(
    r"metric|kpi|okr|adoption|success|telemetry|analytics|usage|privacy|goals?|north-star", re.IGNORECASE
)
"""Words that name a document about metrics, searched in its file name (the last segment)."""


def _doc_paths(snapshot: RepoSnapshot) -> list[str]:
    near = [p for p in snapshot.glob(["*", ".github/*", "docs/**", "doc/**"]) if _DOC.search(p)]
    hinted = [
        p for p in snapshot.glob(["**/*.md", "**/*.rst", "**/*.adoc"]) if _HINT.search(p.rpartition("/")[2])
    ]
    ordered: list[str] = []
    seen: set[str] = set()
    for path in sorted(hinted, key=lambda p: p.count("/")) + sorted(near, key=lambda p: (p.count("/"), p)):
        lower = path.lower()
        if path in seen or "changelog" in lower or "changes" in lower or "history" in lower:
            continue
        if not is_product(snapshot, path):
            continue
        seen.add(path)
        ordered.append(path)
    return ordered[:MAX_DOCS]


@dataclass(frozen=True)
class DocSections:
    """Sections of the docs read (``read`` of ``total`` candidate documents)."""

    sections: tuple[Section, ...]
    read: int


def heading_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the phrases, in any case, as whole words (spaces match spaces or hyphens)."""
    alternatives = "|".join(r"[\s-]+".join(re.escape(w) for w in phrase.split()) for phrase in phrases)
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])", re.IGNORECASE)


def collect_doc_sections(snapshot: RepoSnapshot, env: CollectEnv, args: tuple[Any, ...]) -> DocSections:
    """``args``: (phrases,) — only sections whose heading holds one of them are kept, and a document
    that does not mention any is not parsed."""
    (phrases,) = args
    pattern = heading_pattern(tuple(phrases))
    found: list[Section] = []
    paths = _doc_paths(snapshot)
    for path in paths:
        content = _read(snapshot, path)
        if content.text is None or not pattern.search(content.text):
            continue
        found.extend(s for s in sections(path, content.text) if pattern.search(s.heading))
    return DocSections(tuple(found), len(paths))


# -- usage telemetry in code and configuration ------------------------------------------------------


@dataclass(frozen=True)
class TelemetrySignal:
    """Something that emits usage events: ``kind`` (sdk, pixel, config), ``what`` it is."""

    path: str
    kind: str
    what: str
    line: int | None = None


@dataclass(frozen=True)
class TelemetryFacts:
    signals: tuple[TelemetrySignal, ...]


_SDKS = re.compile(
    r"""(?:^|["'/\s=])(posthog(?:-js|-node|-go|-python)?|mixpanel(?:-browser)?|@amplitude/[\w-]+|amplitude-analytics|"""
    r"""@segment/analytics-[\w-]+|analytics-node|analytics-python|segmentio/analytics-go|rudder-sdk-[\w-]+|"""
    r"""@rudderstack/[\w-]+|rudderlabs/analytics-go|@snowplow/[\w-]+|snowplow-tracker|@vercel/analytics|"""
    r"""react-ga4?|vue-gtag|@datadog/browser-rum|@scarf/scarf|matomo-tracker|@backstage/plugin-analytics-module-[\w-]+|"""
    r"""countly-sdk-[\w-]+|heap-api|pendo-io[\w-]*|plausible-tracker|@fullstory/browser)\b""",
    re.IGNORECASE | re.MULTILINE,
)
_MANIFESTS = (
    "package.json",
    "**/package.json",
    "go.mod",
    "**/go.mod",
    "pyproject.toml",
    "**/pyproject.toml",
    "requirements*.txt",
    "**/requirements*.txt",
    "Gemfile",
    "Cargo.toml",
    "**/Cargo.toml",
    "pom.xml",
    "build.gradle",
    "build.gradle.kts",
)
_PIXEL = re.compile(r"https://static\.scarf\.sh/a\.png\?x-pxid=[\w-]+|https://[\w.-]*scarf\.sh/[\w./?=-]+")
_BACKSTAGE_ANALYTICS = re.compile(r"^\s{2,}analytics\s*:\s*$", re.M)
MAX_MANIFESTS = 120


def collect_telemetry(snapshot: RepoSnapshot, env: CollectEnv, args: tuple[Any, ...]) -> TelemetryFacts:
    found: list[TelemetrySignal] = []
    manifests = sorted(
        (p for p in snapshot.glob(_MANIFESTS) if is_product(snapshot, p)), key=lambda p: p.count("/")
    )
    for path in manifests[:MAX_MANIFESTS]:
        text = _read(snapshot, path).text or ""
        match = _SDKS.search(text)
        if match and "// indirect" not in text[match.start() : text.find("\n", match.start())]:
            found.append(TelemetrySignal(path, "sdk", match.group(1), _line(text, match.start())))
    for path in snapshot.glob(["README*", "docs/README*", ".github/README*"]):
        text = _read(snapshot, path).text or ""
        match = _PIXEL.search(text)
        if match:
            found.append(
                TelemetrySignal(
                    path, "pixel", "a Scarf pixel counts README views", _line(text, match.start())
                )
            )
    for path in snapshot.glob(["app-config.yaml", "app-config.*.yaml", "packages/app/**/app-config*.yaml"]):
        text = _read(snapshot, path).text or ""
        match = _BACKSTAGE_ANALYTICS.search(text)
        if match:
            found.append(TelemetrySignal(path, "config", "Backstage analytics", _line(text, match.start())))
    return TelemetryFacts(tuple(found))

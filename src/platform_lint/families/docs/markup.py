"""The shape of a prose document: headings, prose paragraphs, code blocks and inline code.

Pure functions over text, one reader per markup (Markdown, reStructuredText, AsciiDoc,
Org, plain text). They do not render anything: they find the parts a reader would see
as a heading, a paragraph of words, a block of code (fenced, indented, a ``::`` literal
block, a ``code-block`` directive, ``----`` listing, ``#+BEGIN_SRC``) or a code span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_LINES = 250_000
"""Only this many lines of a document are read (the readers are linear in the lines read)."""


@dataclass(frozen=True)
class Heading:
    line: int
    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of prose: its first line, its words (markup and links stripped) and a snippet."""

    line: int
    words: int
    snippet: str


@dataclass(frozen=True)
class CodeBlock:
    """A block of code: ``kind`` says how it was written (fenced, indented, literal, directive,
    listing, src), ``lang`` the language it names (lower case, may be empty)."""

    line: int
    kind: str
    lang: str
    text: str


@dataclass(frozen=True)
class InlineCode:
    line: int
    text: str


@dataclass(frozen=True)
class Shape:
    """What a document is made of; ``markup`` names the reader that read it."""

    markup: str
    headings: tuple[Heading, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()
    blocks: tuple[CodeBlock, ...] = ()
    inline: tuple[InlineCode, ...] = ()


def markup_of(path: str) -> str:
    """The markup a file name says: md, rst, adoc, org or txt (anything else reads as text)."""
    name = path.rpartition("/")[2].lower()
    ext = name.rpartition(".")[2] if "." in name else ""
    if ext in ("md", "markdown", "mdown", "mkdn", "mkd", "mdx"):
        return "md"
    if ext in ("rst", "rest"):
        return "rst"
    if ext in ("adoc", "asciidoc", "asc"):
        return "adoc"
    if ext == "org":
        return "org"
    return "txt"


def read_shape(text: str, markup: str) -> Shape:
    lines = text.splitlines()[:MAX_LINES]
    reader = _READERS.get(markup, _read_text)
    return reader(lines)


# -- words -------------------------------------------------------------------------------------------

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\[[^\]]*\]")
_TAG = re.compile(r"<[^>]{0,500}>")
_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+")
_RST_ROLE = re.compile(r":[a-z:-]+:`([^`]*)`")
_RST_LINK = re.compile(r"`([^`<]*)<[^>]*>`_+")
_SUBST = re.compile(r"\|[^|\s][^|]*\|_*")
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")


def prose_words(line: str) -> int:
    """Words a reader sees in a line of prose: images, tags, URLs and link targets removed."""
    text = _IMAGE.sub(" ", line)
    text = _LINK.sub(lambda m: " " + (m.group(1) or m.group(2) or "") + " ", text)
    text = _RST_LINK.sub(lambda m: " " + m.group(1) + " ", text)
    text = _RST_ROLE.sub(lambda m: " " + m.group(1) + " ", text)
    text = _SUBST.sub(" ", text)
    text = _TAG.sub(" ", text)
    text = _URL.sub(" ", text)
    return len(_WORD.findall(text))


def _snippet(lines: list[str]) -> str:
    return " ".join(line.strip() for line in lines)[:200]


class _Builder:
    def __init__(self, markup: str) -> None:
        self.markup = markup
        self.headings: list[Heading] = []
        self.paragraphs: list[Paragraph] = []
        self.blocks: list[CodeBlock] = []
        self.inline: list[InlineCode] = []
        self._para: list[str] = []
        self._para_line = 0

    def prose(self, number: int, line: str, code_span: re.Pattern[str]) -> None:
        if not self._para:
            self._para_line = number
        self._para.append(line)
        for match in code_span.finditer(line):
            body = next((g for g in match.groups() if g), "")
            if body.strip():
                self.inline.append(InlineCode(number, body.strip()))

    def end_paragraph(self) -> None:
        if self._para:
            words = sum(prose_words(line) for line in self._para)
            if words:
                self.paragraphs.append(Paragraph(self._para_line, words, _snippet(self._para)))
        self._para = []

    def shape(self) -> Shape:
        self.end_paragraph()
        return Shape(
            self.markup, tuple(self.headings), tuple(self.paragraphs), tuple(self.blocks), tuple(self.inline)
        )


def _indent(line: str) -> int:
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip(" "))


# -- Markdown ----------------------------------------------------------------------------------------

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})\s*\{?\.?([\w+#.-]*)")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*#*[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_HTML_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])(?:\s|$)")
_TABLE = re.compile(r"^\s*\|")
_RULE = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_MD_SPAN = re.compile(r"(?<!`)`{1,2}([^`]+?)`{1,2}(?!`)")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s")
_COMMENT_OPEN = re.compile(r"^\s*<!--")


def _read_markdown(lines: list[str]) -> Shape:
    b = _Builder("md")
    i = 0
    in_list = False
    previous_blank = True
    while i < len(lines):
        line = lines[i]
        number = i + 1
        fence = _FENCE.match(line)
        if fence:
            b.end_paragraph()
            mark = fence.group(1)
            body: list[str] = []
            i += 1
            while i < len(lines) and not lines[i].strip().startswith(mark):
                body.append(lines[i])
                i += 1
            b.blocks.append(CodeBlock(number, "fenced", fence.group(2).lower(), "\n".join(body)))
            i += 1
            previous_blank = False
            continue
        if not line.strip():
            b.end_paragraph()
            previous_blank = True
            i += 1
            continue
        indent = _indent(line)
        needed = 8 if in_list else 4
        if previous_blank and indent >= needed and not b._para:
            body = []
            start = number
            while i < len(lines) and (not lines[i].strip() or _indent(lines[i]) >= needed):
                body.append(lines[i][needed:] if len(lines[i]) >= needed else "")
                i += 1
            text = "\n".join(body).strip("\n")
            if text:
                b.blocks.append(CodeBlock(start, "indented", "", text))
            previous_blank = True
            continue
        previous_blank = False
        if _COMMENT_OPEN.match(line):
            b.end_paragraph()
            while i < len(lines) and "-->" not in lines[i]:
                i += 1
            i += 1
            continue
        atx = _ATX.match(line)
        if atx:
            b.end_paragraph()
            b.headings.append(Heading(number, len(atx.group(1)), (atx.group(2) or "").strip()))
            in_list = False
            i += 1
            continue
        html = _HTML_HEADING.search(line)
        if html:
            b.end_paragraph()
            b.headings.append(Heading(number, int(html.group(1)), _TAG.sub("", html.group(2)).strip()))
            i += 1
            continue
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if (
            indent < 4
            and not _LIST_ITEM.match(line)
            and _SETEXT.match(following)
            and not b._para
            and not _TABLE.match(line)
        ):
            b.headings.append(Heading(number, 1 if following.strip()[0] == "=" else 2, line.strip()))
            in_list = False
            i += 2
            continue
        if _RULE.match(line):
            b.end_paragraph()
            i += 1
            continue
        if _LIST_ITEM.match(line):
            b.end_paragraph()
            in_list = True
            b.prose(number, line, _MD_SPAN)
            b.end_paragraph()  # a list item is not the description paragraph
            i += 1
            continue
        if _TABLE.match(line) or _REF_DEF.match(line):
            b.end_paragraph()
            for match in _MD_SPAN.finditer(line):
                b.inline.append(InlineCode(number, match.group(1).strip()))
            i += 1
            continue
        if indent == 0:
            in_list = False
        b.prose(number, line.lstrip("> ") if line.lstrip().startswith(">") else line, _MD_SPAN)
        i += 1
    return b.shape()


# -- reStructuredText ------------------------------------------------------------------------------

_RST_ADORN = re.compile(r"^([=\-~^\"'`#*+.:_!$%&,;/<>?@\\|])\1{2,}\s*$")
_RST_DIRECTIVE = re.compile(r"^\s*\.\.\s+(?:\|[^|]+\|\s+)?([\w:-]+)::\s*(\S*)")
_RST_CODE_DIRECTIVES = frozenset({"code-block", "code", "sourcecode", "prompt", "highlight"})
_RST_SPAN = re.compile(r"``([^`]+)``")


def _read_rst(lines: list[str]) -> Shape:
    b = _Builder("rst")
    i = 0
    while i < len(lines):
        line = lines[i]
        number = i + 1
        if not line.strip():
            b.end_paragraph()
            i += 1
            continue
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if _RST_ADORN.match(line) and i + 2 < len(lines) and _RST_ADORN.match(lines[i + 2]):
            b.end_paragraph()  # overlined title
            b.headings.append(Heading(number + 1, 1, lines[i + 1].strip()))
            i += 3
            continue
        underlined = _RST_ADORN.match(following) and len(following.strip()) >= 2
        if line[:1] not in (" ", "\t") and underlined and not b._para:
            b.headings.append(Heading(number, 2, line.strip()))
            i += 2
            continue
        directive = _RST_DIRECTIVE.match(line)
        if directive:
            b.end_paragraph()
            name = directive.group(1).lower()
            base = _indent(line)
            i += 1
            body: list[str] = []
            while i < len(lines) and (not lines[i].strip() or _indent(lines[i]) > base):
                body.append(lines[i])
                i += 1
            if name in _RST_CODE_DIRECTIVES:
                content = [ln for ln in body if not ln.strip().startswith(":")]
                text = "\n".join(ln.strip() for ln in content).strip("\n")
                b.blocks.append(CodeBlock(number, "directive", directive.group(2).lower(), text))
            continue
        if line.strip() == "::" or (line.rstrip().endswith("::") and not line.strip().startswith("..")):
            if line.strip() != "::":
                b.prose(number, line.rstrip()[:-1], _RST_SPAN)
            b.end_paragraph()
            base = _indent(line)
            i += 1
            start = i + 1
            body = []
            while i < len(lines) and (not lines[i].strip() or _indent(lines[i]) > base):
                body.append(lines[i].strip())
                i += 1
            text = "\n".join(body).strip("\n")
            if text:
                b.blocks.append(CodeBlock(start, "literal", "", text))
            continue
        if line.lstrip().startswith(".."):  # a comment or a target
            b.end_paragraph()
            i += 1
            continue
        if _LIST_ITEM.match(line):
            b.end_paragraph()
            b.prose(number, line, _RST_SPAN)
            b.end_paragraph()
            i += 1
            continue
        b.prose(number, line, _RST_SPAN)
        i += 1
    return b.shape()


# -- AsciiDoc ---------------------------------------------------------------------------------------

_ADOC_HEADING = re.compile(r"^(={1,6}|#{1,6})\s+(.+)$")
_ADOC_ATTR = re.compile(r"^\[([^\]]*)\]\s*$")
_ADOC_DELIM = re.compile(r"^(-{4,}|\.{4,}|`{3,})\s*$")
_ADOC_SKIP = re.compile(r"^(?::[\w-]+:|[a-z]+::|ifn?def::|endif::|//)")
_ADOC_SPAN = re.compile(r"`([^`]+)`|\+([^+]+)\+")


def _read_adoc(lines: list[str]) -> Shape:
    b = _Builder("adoc")
    i = 0
    lang = ""
    while i < len(lines):
        line = lines[i]
        number = i + 1
        if not line.strip():
            b.end_paragraph()
            i += 1
            continue
        attr = _ADOC_ATTR.match(line)
        if attr:
            b.end_paragraph()
            parts = [p.strip() for p in attr.group(1).split(",")]
            lang = parts[1].lower() if parts and parts[0] == "source" and len(parts) > 1 else lang
            i += 1
            continue
        delim = _ADOC_DELIM.match(line)
        if delim:
            b.end_paragraph()
            mark = delim.group(1)
            i += 1
            body: list[str] = []
            while i < len(lines) and lines[i].rstrip() != mark:
                body.append(lines[i])
                i += 1
            kind = "listing" if mark[0] in "-`" else "literal"
            b.blocks.append(CodeBlock(number, kind, lang, "\n".join(body)))
            lang = ""
            i += 1
            continue
        heading = _ADOC_HEADING.match(line)
        if heading:
            b.end_paragraph()
            b.headings.append(Heading(number, len(heading.group(1)), heading.group(2).strip()))
            i += 1
            continue
        if _ADOC_SKIP.match(line):
            b.end_paragraph()
            i += 1
            continue
        if _LIST_ITEM.match(line) or line.lstrip().startswith(". "):
            b.end_paragraph()
            b.prose(number, line, _ADOC_SPAN)
            b.end_paragraph()
            i += 1
            continue
        if line[:1] == " " and not b._para:  # a literal paragraph
            body = []
            start = number
            while i < len(lines) and lines[i][:1] == " " and lines[i].strip():
                body.append(lines[i].strip())
                i += 1
            b.blocks.append(CodeBlock(start, "literal", "", "\n".join(body)))
            continue
        b.prose(number, line, _ADOC_SPAN)
        i += 1
    return b.shape()


# -- Org -------------------------------------------------------------------------------------------

_ORG_HEADING = re.compile(r"^(\*+)\s+(.+)$")
_ORG_BEGIN = re.compile(r"^\s*#\+begin_(src|example)\b\s*(\S*)", re.IGNORECASE)
_ORG_SPAN = re.compile(r"~([^~\s][^~]*)~|=([^=\s][^=]*)=")


def _read_org(lines: list[str]) -> Shape:
    b = _Builder("org")
    i = 0
    while i < len(lines):
        line = lines[i]
        number = i + 1
        if not line.strip():
            b.end_paragraph()
            i += 1
            continue
        begin = _ORG_BEGIN.match(line)
        if begin:
            b.end_paragraph()
            i += 1
            body: list[str] = []
            while i < len(lines) and not lines[i].strip().lower().startswith("#+end_"):
                body.append(lines[i])
                i += 1
            b.blocks.append(CodeBlock(number, "src", begin.group(2).lower(), "\n".join(body)))
            i += 1
            continue
        heading = _ORG_HEADING.match(line)
        if heading:
            b.end_paragraph()
            b.headings.append(Heading(number, len(heading.group(1)), heading.group(2).strip()))
            i += 1
            continue
        if line.lstrip().startswith("#"):
            b.end_paragraph()
            i += 1
            continue
        if line.lstrip().startswith(": "):
            b.end_paragraph()
            b.blocks.append(CodeBlock(number, "literal", "", line.lstrip()[2:]))
            i += 1
            continue
        b.prose(number, line, _ORG_SPAN)
        i += 1
    return b.shape()


# -- plain text --------------------------------------------------------------------------------------

_NO_SPAN = re.compile(r"(?!x)x")


def _read_text(lines: list[str]) -> Shape:
    b = _Builder("txt")
    i = 0
    previous_blank = True
    while i < len(lines):
        line = lines[i]
        number = i + 1
        if not line.strip():
            b.end_paragraph()
            previous_blank = True
            i += 1
            continue
        if line.lstrip().startswith("$ ") or (previous_blank and _indent(line) >= 4 and not b._para):
            b.end_paragraph()
            body: list[str] = []
            start = number
            while (
                i < len(lines)
                and lines[i].strip()
                and (_indent(lines[i]) >= 4 or lines[i].lstrip()[:2] == "$ ")
            ):
                body.append(lines[i].strip())
                i += 1
            b.blocks.append(CodeBlock(start, "indented", "", "\n".join(body)))
            previous_blank = False
            continue
        previous_blank = False
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if not b._para and _RST_ADORN.match(following):
            b.headings.append(Heading(number, 1, line.strip()))
            i += 2
            continue
        b.prose(number, line, _NO_SPAN)
        i += 1
    return b.shape()


_READERS = {"md": _read_markdown, "rst": _read_rst, "adoc": _read_adoc, "org": _read_org, "txt": _read_text}

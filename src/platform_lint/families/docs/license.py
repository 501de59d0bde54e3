"""Read the project's licence: licence files, what they say, and licences package metadata declares.

Licence files are found as GitHub finds them (its licence detection reads only the root):
``LICENSE``, ``LICENCE``, ``UNLICENSE``, ``COPYING`` in any case, bare or with an extension
(``LICENSE.md``, ``COPYING.txt``, ``LICENSE.rst``), or with a suffix or prefix (``LICENSE-MIT``,
``LICENSE_APACHE``, ``MIT-LICENSE``); a script or manifest named so (``check_license.sh``,
``license.go``) is not one. Also read: the licence texts of a REUSE ``LICENSES/`` folder, and
licence files in ``.github/`` and ``docs/`` (GitHub does not detect those; the check says so).

A file's text is recognised by an ``SPDX-License-Identifier:`` line, by being only a licence's
SPDX id (``MIT``, ``Apache-2.0``), or by the phrases that
make up the common licences (MIT's grant, Apache 2.0's title, the GNU licences' names, the BSD
conditions, ...), or as proprietary terms (all rights reserved, with the restriction spelled
out). A file with only a copyright line licenses nothing.

Package metadata is read at the root only, as text (nothing is executed): pyproject.toml
(``[project]`` / ``[tool.poetry]`` ``license``, ``License ::`` classifiers), setup.cfg,
setup.py, package.json, composer.json, Cargo.toml, ``*.gemspec``, pom.xml, ``*.csproj``,
R's DESCRIPTION and ``*.cabal``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from platform_lint.families.collector import CollectEnv
from platform_lint.snapshot.base import RepoSnapshot
from platform_lint.yamlio import JsonError, load_json

READ_BYTES = 256 * 1024
"""A licence file or manifest is read up to this size (the GPL is 35 KB)."""

_NAME = re.compile(
    r"^(?:(?:un)?licen[sc]es?|copying)(?:[-_.][^/]*)?$|^[\w.]+[-_](?:licen[sc]es?|copying)(?:[-_.][^/]*)?$",
    re.IGNORECASE,
)
_NOT_A_LICENCE = re.compile(
    r"\.(?:sh|bash|ps1|bat|cmd|py|go|rb|js|mjs|cjs|ts|java|kt|rs|c|h|cc|cpp|cs|php|xml|json|ya?ml|toml|"
    r"lock|cfg|ini|gemspec|header|spdx|tmpl|tpl|j2|jinja|html?|css|svg|png|jpe?g|gif)$",
    re.IGNORECASE,
)


def licence_file_name(name: str) -> bool:
    """True for the names GitHub's licence detection reads (LICENSE, COPYING.md, MIT-LICENSE, ...)."""
    return bool(_NAME.match(name)) and not _NOT_A_LICENCE.search(name)


# (licence, phrases that must all appear), first match wins; the text is lower case, its
# whitespace and Markdown emphasis collapsed
_LICENCES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("AGPL-3.0", ("gnu affero general public license",)),
    ("LGPL-3.0", ("gnu lesser general public license", "version 3")),
    ("LGPL-2.1", ("gnu lesser general public license", "version 2.1")),
    ("LGPL", ("gnu lesser general public license",)),
    ("LGPL-2.0", ("gnu library general public license",)),
    ("GPL-3.0", ("gnu general public license", "version 3")),
    ("GPL-2.0", ("gnu general public license", "version 2")),
    ("GPL", ("gnu general public license",)),
    ("Apache-2.0", ("apache license", "version 2.0")),
    ("Apache-2.0", ("licensed under the apache license, version 2.0",)),
    ("MPL-2.0", ("mozilla public license", "2.0")),
    ("MPL", ("mozilla public license",)),
    ("EPL-2.0", ("eclipse public license", "2.0")),
    ("EPL", ("eclipse public license",)),
    ("EUPL", ("european union public licen",)),
    ("MIT", ("permission is hereby granted, free of charge, to any person obtaining a copy",)),
    ("BSD-3-Clause", ("redistribution and use in source and binary forms", "endorse or promote")),
    ("BSD-2-Clause", ("redistribution and use in source and binary forms",)),
    ("ISC", ("permission to use, copy, modify, and/or distribute this software for any purpose",)),
    ("ISC", ("permission to use, copy, modify, and distribute this software for any purpose",)),
    ("Unlicense", ("this is free and unencumbered software released into the public domain",)),
    ("CC0-1.0", ("cc0 1.0 universal",)),
    ("CC0-1.0", ("creative commons", "cc0")),
    ("CC-BY-SA", ("creative commons attribution-sharealike",)),
    ("CC-BY", ("creative commons attribution",)),
    ("BSL-1.0", ("boost software license",)),
    ("Zlib", ("this software is provided 'as-is', without any express or implied warranty", "altered")),
    ("Artistic-2.0", ("the artistic license",)),
    ("WTFPL", ("do what the fuck you want to public license",)),
    ("BUSL-1.1", ("business source license",)),
    ("Elastic-2.0", ("elastic license",)),
    ("SSPL-1.0", ("server side public license",)),
    ("PSF-2.0", ("python software foundation license",)),
    ("Zope", ("zope public license",)),
)
_SPDX = re.compile(
    r"spdx-license-identifier\s*:\s*([A-Za-z0-9][\w.+-]*(?:\s+(?:OR|AND|WITH)\s+[\w.+-]+)*)", re.I
)
_RESERVED = re.compile(r"all rights reserved", re.IGNORECASE)
_RESTRICTED = re.compile(
    r"proprietary|confidential|unauthori[sz]ed"
    r"|without (?:the )?(?:prior |express )*written (?:permission|consent)"
    r"|may not be (?:copied|used|reproduced|distributed)|no licen[sc]e is granted",
    re.IGNORECASE,
)
_COPYRIGHT_LINE = re.compile(r"^[^\w\n]*(?:copyright|\(c\)|©)[^\n]*$", re.IGNORECASE | re.MULTILINE)
_WORD = re.compile(r"[^\W\d_][\w'-]*")


def _normal(text: str) -> str:
    text = re.sub(r"[*_`#>]+", " ", text.lower()).replace("\u2019", "'")
    return re.sub(r"\s+", " ", text)


_KNOWN_ID = (
    r"(?:MIT|0BSD|ISC|Apache-[\d.]+|BSD-\d-Clause[\w-]*|[AL]?GPL-[\d.]+[\w+-]*|MPL-[\d.]+|EPL-[\d.]+|"
    r"Unlicense|CC0-[\d.]+|CC-BY[\w.-]*|BSL-[\d.]+|Zlib|Artistic-[\d.]+|EUPL-[\d.]+|WTFPL|PostgreSQL|"
    r"BUSL-[\d.]+|Elastic-[\d.]+|SSPL-[\d.]+|PSF-[\d.]+)"
)
_BARE_ID = re.compile(
    rf"^\s*(?:the\s+)?({_KNOWN_ID}(?:\s+(?:OR|AND|WITH)\s+[\w.+-]+)*)(?:\s+licen[sc]e)?\.?\s*$", re.IGNORECASE
)


def recognise(text: str) -> str | None:
    """The licence a text is (an SPDX id, or ``proprietary``), or None when it is none we know."""
    spdx = _SPDX.search(text)
    if spdx:
        return spdx.group(1).strip()
    bare = _BARE_ID.match(text[:200])
    if bare:  # the whole file is a licence's SPDX id ("MIT", "Apache-2.0")
        return bare.group(1)
    normal = _normal(text)
    for name, phrases in _LICENCES:
        if all(p in normal for p in phrases):
            return name
    if _RESERVED.search(text) and _RESTRICTED.search(text):
        return "proprietary"
    return None


def words_beyond_copyright(text: str) -> int:
    """The words of a text once its copyright lines are taken out."""
    return len(_WORD.findall(_COPYRIGHT_LINE.sub("", text)))


@dataclass(frozen=True)
class LicenceFile:
    """A licence file: ``licence`` as recognised (None: not recognised), its ``words`` beyond the
    copyright lines, ``at_root`` when GitHub's detection reads it; ``problem`` if unreadable."""

    path: str
    licence: str | None
    words: int
    at_root: bool
    line: int | None = None
    problem: str | None = None


@dataclass(frozen=True)
class DeclaredLicence:
    """A licence package metadata declares: the manifest, the field and its value."""

    path: str
    field: str
    value: str
    line: int | None = None


@dataclass(frozen=True)
class LicenceFacts:
    files: tuple[LicenceFile, ...]
    declared: tuple[DeclaredLicence, ...]


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _candidates(snapshot: RepoSnapshot) -> list[tuple[str, bool]]:
    found: list[tuple[str, bool]] = []
    for path in snapshot.glob(["*", "LICENSES/*", ".github/*", "docs/*"]):
        folder, _, name = path.rpartition("/")
        if folder == "LICENSES":
            if re.search(r"\.(?:txt|md)$", name, re.IGNORECASE) or "." not in name:
                found.append((path, True))
        elif licence_file_name(name):
            found.append((path, folder == ""))
    return sorted(found, key=lambda item: (not item[1], item[0].count("/"), item[0]))


def read_licence_file(snapshot: RepoSnapshot, path: str, at_root: bool) -> LicenceFile:
    content = snapshot.read(path, min(READ_BYTES, snapshot.max_bytes))
    if content.text is None:
        return LicenceFile(path, None, 0, at_root, problem=content.problem or "unreadable")
    text = content.text
    licence = recognise(text)
    if licence is None and path.startswith("LICENSES/"):
        stem = path.rpartition("/")[2].rsplit(".", 1)[0]
        if re.fullmatch(r"[A-Za-z0-9][\w.+-]*", stem) and words_beyond_copyright(text) >= 20:
            licence = stem  # REUSE names each licence text by its SPDX id
    spdx = _SPDX.search(text)
    line = _line(text, spdx.start()) if spdx else None
    return LicenceFile(path, licence, words_beyond_copyright(text), at_root, line)


# -- package metadata --------------------------------------------------------------------------------

_TOML_SECTIONS = {
    "pyproject.toml": ("project", "tool.poetry"),
    "Cargo.toml": ("package", "workspace.package"),
}
_TOML_KEY = re.compile(r"^\s*(license(?:-file|-files)?)\s*=\s*(.+?)\s*$")
_TOML_SECTION = re.compile(r"^\s*\[\s*([\w.\"-]+)\s*\]\s*$")
_CLASSIFIER = re.compile(r"[\"']License :: (?:OSI Approved :: )?([^\"']+)[\"']")
_TEXT_PATTERNS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("setup.cfg", "license", re.compile(r"^license\s*=\s*(\S.*)$", re.MULTILINE)),
    ("setup.py", "license", re.compile(r"\blicense\s*=\s*[\"']([^\"'\n]+)[\"']")),
    ("*.gemspec", "license", re.compile(r"\.licen[sc]es?\s*=\s*(\S.*)$", re.MULTILINE)),
    ("pom.xml", "licenses", re.compile(r"<licenses>\s*<license>\s*<name>\s*([^<]+?)\s*</name>", re.S)),
    ("*.csproj", "PackageLicenseExpression", re.compile(r"<PackageLicense(?:Expression|File)>([^<]+)<")),
    (
        "Directory.Build.props",
        "PackageLicenseExpression",
        re.compile(r"<PackageLicense(?:Expression|File)>([^<]+)<"),
    ),
    ("DESCRIPTION", "License", re.compile(r"^License:\s*(\S.*)$", re.MULTILINE)),
    ("*.cabal", "license", re.compile(r"^license:\s*(\S.*)$", re.MULTILINE | re.IGNORECASE)),
)
_PLACEHOLDER = re.compile(r"^(?:|todo|tbd|unknown|none|n/?a|\{\}|\[\]|\"\"|'')$", re.IGNORECASE)


def _clean(value: str) -> str:
    return value.strip().strip(",").strip().strip("\"'").strip()


def _from_toml(path: str, text: str, sections: tuple[str, ...]) -> list[DeclaredLicence]:
    found: list[DeclaredLicence] = []
    current = ""
    for number, raw in enumerate(text.splitlines(), 1):
        section = _TOML_SECTION.match(raw)
        if section:
            current = section.group(1).replace('"', "")
            continue
        if current in sections:
            key = _TOML_KEY.match(raw)
            if key and key.group(1) == "license":  # license-file(s) and {file = ...} point at a file
                value = key.group(2)
                inline = re.search(r"text\s*=\s*[\"']([^\"']*)[\"']", value)
                if inline or not value.startswith("{"):
                    text_value = _clean(inline.group(1) if inline else value)
                    found.append(DeclaredLicence(path, f"[{current}] license", text_value, number))
        classifier = _CLASSIFIER.search(raw)
        if classifier:
            found.append(DeclaredLicence(path, "classifier", classifier.group(1).strip(), number))
    return found


def _from_json(path: str, text: str) -> list[DeclaredLicence]:
    try:
        data = load_json(text)
    except JsonError:
        return []
    if not isinstance(data, dict):
        return []
    value: Any = data.get("license", data.get("licenses"))
    if isinstance(value, dict):
        value = value.get("type")
    if isinstance(value, list):
        value = ", ".join(str(v.get("type") if isinstance(v, dict) else v) for v in value)
    if not isinstance(value, str):
        return []
    match = re.search(r"\"licen[sc]es?\"\s*:", text)
    return [DeclaredLicence(path, "license", value.strip(), _line(text, match.start()) if match else None)]


def _declared(snapshot: RepoSnapshot) -> list[DeclaredLicence]:
    found: list[DeclaredLicence] = []
    limit = min(READ_BYTES, snapshot.max_bytes)
    for name, sections in _TOML_SECTIONS.items():
        if snapshot.exists(name):
            found += _from_toml(name, snapshot.read(name, limit).text or "", sections)
    for name in ("package.json", "composer.json"):
        if snapshot.exists(name):
            found += _from_json(name, snapshot.read(name, limit).text or "")
    for glob, field, pattern in _TEXT_PATTERNS:
        for path in snapshot.glob([glob]):
            text = snapshot.read(path, limit).text or ""
            match = pattern.search(text)
            if match:
                found.append(DeclaredLicence(path, field, _clean(match.group(1)), _line(text, match.start())))
    return [d for d in found if not _PLACEHOLDER.match(d.value)]


def collect_licence(snapshot: RepoSnapshot, env: CollectEnv, args: tuple[Any, ...]) -> LicenceFacts:
    files = [read_licence_file(snapshot, path, at_root) for path, at_root in _candidates(snapshot)[:20]]
    return LicenceFacts(tuple(files), tuple(_declared(snapshot)))

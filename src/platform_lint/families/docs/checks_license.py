"""The licence check type: a licence file whose text is a licence, or one declared in package metadata."""

from __future__ import annotations

from platform_lint.families.check_type import CheckInput, CheckType
from platform_lint.families.docs import examples
from platform_lint.families.docs.facts import LICENCE
from platform_lint.model import Finding, Location, Outcome

EMPTY_WORDS = 3
"""A licence file with fewer words than this beyond its copyright lines grants nothing."""


def licence(inp: CheckInput) -> Outcome:
    facts = inp.facts[LICENCE]
    accept_unrecognised = bool(inp.params.get("accept_unrecognised", False))
    min_words = int(inp.params.get("min_words", 30))
    evidence: list[Finding] = []
    problems: list[Finding] = []
    for file in facts.files:
        where = Location(file.path, file.line)
        if file.problem:
            problems.append(
                Finding("unreadable", {"path": file.path, "problem": file.problem}, where, key=file.path)
            )
        elif file.licence:
            code = "licence" if file.at_root else "licence-not-detected"
            evidence.append(Finding(code, {"path": file.path, "licence": file.licence}, where, key=file.path))
        elif file.words < EMPTY_WORDS:
            problems.append(Finding("empty", {"path": file.path}, where, key=file.path))
        elif accept_unrecognised and file.words >= min_words:
            evidence.append(Finding("custom", {"path": file.path, "words": file.words}, where, key=file.path))
        else:
            problems.append(
                Finding("unrecognised", {"path": file.path, "words": file.words}, where, key=file.path)
            )
    if inp.params.get("package_metadata", True):
        evidence += [
            Finding(
                "declared",
                {"path": d.path, "field": d.field, "value": d.value},
                Location(d.path, d.line),
                key=f"{d.path}:{d.field}",
            )
            for d in facts.declared
        ]
    return Outcome.evidence_first(evidence, problems)


LICENCE_CHECK = CheckType(
    id="docs.license-declared",
    summary="The project states its licence: a LICENSE, LICENCE or COPYING file (any case, any "
    "extension, LICENSE-MIT too) whose text is a licence, or a licence in its package metadata.",
    why="Without a licence nobody outside the authors may use, change or share the code, and a "
    "company's own teams cannot tell what they may do with it. A file counts by what it says, not "
    "by its name: an SPDX-License-Identifier line, the text of a common licence (MIT, Apache 2.0, "
    "the GNU licences, BSD, MPL, ISC, the Unlicense, CC0, ...), a file that is only a licence's "
    "SPDX id (MIT), or proprietary terms; an empty "
    "file or a bare copyright line licenses nothing. Files are found where GitHub's licence "
    "detection looks (the root; a REUSE LICENSES/ folder) and in .github/ and docs/, which GitHub "
    "does not detect; package metadata (pyproject.toml, package.json, Cargo.toml, a gemspec, "
    "setup.cfg, composer.json, pom.xml, a .csproj, DESCRIPTION) is read at the root.",
    params_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "package_metadata": {
                "type": "boolean",
                "default": True,
                "description": 'a licence declared in package metadata (license = "MIT") counts',
            },
            "accept_unrecognised": {
                "type": "boolean",
                "default": False,
                "description": "a licence file whose text is none of the licences platform-lint "
                "recognises still counts (a company's own terms), when it has min_words words",
            },
            "min_words": {
                "type": "integer",
                "minimum": 1,
                "default": 30,
                "description": "words (beyond copyright lines) an unrecognised licence text needs "
                "when accept_unrecognised is on",
            },
        },
    },
    run=licence,
    needs=(LICENCE,),
    messages={
        "licence": "{path} is the {licence} licence",
        "licence-not-detected": "{path} is the {licence} licence (GitHub shows a licence only from "
        "a file at the root)",
        "custom": "{path} holds licence terms of its own ({words} words)",
        "declared": "{path} declares the licence {value} ({field})",
        "empty": "{path} is empty or holds only a copyright line: it grants no rights",
        "unrecognised": "{path} ({words} words) is not a licence platform-lint recognises: no "
        "SPDX-License-Identifier line and none of the common licence texts",
        "unreadable": "{path} could not be read: {problem}",
        "missing": "no licence: no LICENSE, LICENCE or COPYING file at the root and no licence in the "
        "package metadata",
    },
    remediation="Add a LICENSE file at the root with the full text of the licence you choose (or "
    "your company's terms, with an SPDX-License-Identifier line if it has one), and name it in the "
    'package metadata (license = "Apache-2.0").',
    examples=examples.LICENCE,
)

CHECK_TYPES: tuple[CheckType, ...] = (LICENCE_CHECK,)

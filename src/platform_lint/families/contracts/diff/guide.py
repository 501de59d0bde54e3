"""How OpenAPI changes are judged, for ``docs/contracts.md`` (rendered by ``platform_lint.docs``).

The prose lives here, next to the code it describes; ``DIFFERENCES`` lists every
place where platform-lint deliberately judges a change differently from oasdiff,
whose rule catalogue and default levels are the reference.
"""

from __future__ import annotations

from dataclasses import dataclass

from platform_lint.families.contracts.diff.normalise import MAX_BRANCHES, MAX_MERGE_DEPTH, MAX_PEEL
from platform_lint.families.contracts.diff.resolve import MAX_HOPS
from platform_lint.families.contracts.diff.schema import MAX_WORK

MAX_DEPTH = 64  # SchemaComparer's default nesting cap

GUIDE = f"""\
## Meaning, not spelling

Two versions of a schema are compared by what they accept, not by how they are written.
Before comparing, each schema is reduced to its meaning:

- **References.** A `$ref` and the schema it points at are the same; chains are followed (at
  most {MAX_HOPS} hops, so a loop ends).
- **Wrappers.** A one-branch `anyOf`, `oneOf` or `allOf` is its branch. `nullable: true` beside
  it, or a `{{type: "null"}}` branch next to it, only adds null.
- **`allOf`.** The branches are merged: properties and `required` are united, types and limits
  intersected (the tighter limit wins). An `allOf` flattened into the same inline schema is no
  change.
- **Null.** `nullable: true` (OpenAPI 3.0), `type: [x, "null"]` (3.1) and `null` in `enum` say
  the same thing. A change of null is reported as such (`price` may now be null), not as a
  type change.
- **Defaults.** A keyword written with its default value is the same as the keyword left out:
  `exclusiveMaximum: false`, `exclusiveMinimum: false`, `required: []`, `deprecated`,
  `nullable`, `readOnly`, `writeOnly` or `uniqueItems` set to `false`, `minLength`,
  `minItems` or `minProperties` of 0, `additionalProperties: true` or `{{}}`, a `pattern` that
  matches anything (`.*`), an empty `format`.
- **Limits.** Bounds are compared as ranges: `maximum: 5` with `exclusiveMaximum: true` (3.0)
  is `exclusiveMaximum: 5` (3.1).
- **Listed values.** When `enum` or `const` lists the values, the list decides: a `maxLength`
  dropped beside a new `enum` of short words loosens nothing.
- **Alternatives.** `anyOf`/`oneOf` branches are matched one by one (same component, same
  title, same content, then the most alike: shared types and property names). A schema that
  became one branch of an `anyOf` is compared with that branch, so a constraint that moved into
  a branch is not "removed"; the other branches are reported as added (a branch added to a
  response's `anyOf` is info and one added to its `oneOf` is breaking, as in oasdiff; the
  message names the branch). Branches that only name a type (`anyOf: [{{type: integer}},
  {{type: number}}]`) are a list of types, the same as `type: [integer, number]`.
- **Formats.** `int32` values are `int64` values (and `bigint`), `float` values are `double`
  values. Narrowing the format of a request, or widening the format of a response, is
  breaking; any other change of format is breaking both ways.

A change is breaking only when a request that was valid can now be rejected, or a response
can now be something a client could not receive before. Messages say what a client would
notice. Every walk over a schema is bounded: inline nesting to {MAX_DEPTH} levels, wrappers to
{MAX_PEEL}, merged `allOf` to {MAX_MERGE_DEPTH} levels (a schema merged into itself once), branch
lists to {MAX_BRANCHES}, {MAX_WORK:,} schema comparisons in all; each pair of referenced schemas is
compared once per side, from a work list, and several `anyOf`/`oneOf` lists in one schema are
compared list by list. A spec that reaches a limit is compared up to there, and the place is
reported (`request-comparison-incomplete` / `response-comparison-incomplete`, a warning), so a
hostile spec cannot make a pull request pass unseen.

## Shared schemas and removed paths

A change written inside a shared schema (`components/schemas`, `definitions`, another file) is
reported once, under that schema (`schema Pet`, pointer `/components/schemas/Pet/...`), with
the list of every operation that reaches it, however deep: a reviewer sees one finding per
change, and every operation it touches. A change written inline in an operation is reported
under that operation. A removed path, operation or webhook is located at its line in the base
version (`platform-lint diff` prints the old file).
"""


@dataclass(frozen=True)
class Difference:
    platform_lint: str
    oasdiff: str
    why: str


DIFFERENCES: tuple[Difference, ...] = (
    Difference(
        "`security-requirement-added`, `security-scope-added`: error",
        "`api-security-added`, `api-security-scope-added`, `api-global-security-added`: info",
        "a client without the new credential or scope is rejected.",
    ),
    Difference(
        "`response-pattern-loosened`, `response-pattern-changed`: warning",
        "`response-property-pattern-removed`, `response-property-pattern-changed`: info",
        "a client that checks the format of what it receives may fail.",
    ),
    Difference(
        "`response-status-removed` (not 2xx): warning",
        "`response-non-success-status-removed`: info",
        "a client that handles that status may now receive an undocumented one instead.",
    ),
    Difference(
        "`operation-removed`, `path-removed` of a deprecated operation without `x-sunset`: error",
        "`api-removed-with-deprecation`: info",
        "no date was announced, so clients had no deadline to move by.",
    ),
    Difference(
        "`request-all-of-added`: error only when the new branch rules out a value that was valid "
        "(a new property, a new required one, a tighter limit)",
        "`request-body-all-of-added`: error for every branch that is not annotations only",
        "a branch that repeats what the other branches already require changes nothing.",
    ),
    Difference(
        "a branch replaced by a component with the same content: no change",
        "`request-body-any-of-removed`: error (and `-added`)",
        "the same values are accepted; only the name differs.",
    ),
    Difference(
        "`request-enum-removed`: info when a request stops listing values (even when the type widens "
        "at the same time)",
        "`request-property-enum-value-removed`: error for each value no longer listed",
        "every value that was accepted still is.",
    ),
    Difference(
        "`request-schema-wrapped`, `response-schema-wrapped`: error only when the new `oneOf` branches "
        "overlap with what was valid",
        "`request-body-wrapped-in-one-of`, `response-body-wrapped-in-one-of`: error",
        "when the branches cannot both match a value (different types, different values of a "
        "required property), `oneOf` behaves like `anyOf`: nothing valid is rejected.",
    ),
    Difference(
        "`format` `date` -> `date-time` in a request: error",
        "generalization: info",
        "`2024-05-01` is not a valid `date-time`, so a request that sends a date is rejected.",
    ),
    Difference(
        "`operation-sunset-brought-forward`, `request-parameter-sunset-brought-forward`: error whenever "
        "the sunset date moves earlier",
        "`api-sunset-date-changed-too-small`: error only below a minimum number of days (0 by default)",
        "clients planned their migration for the date that was announced.",
    ),
    Difference(
        "a type changed to `string` in a body that is not JSON (XML, form data), or a query parameter "
        "that became an array: compared as written (a type change)",
        "`request-body-type-compatible`, `request-parameter-type-generalized`: info",
        "not implemented yet: platform-lint does not model how text media types and parameter "
        "styles serialize values, so it reports the type change for a human to judge.",
    ),
    Difference(
        "`*-sunset-unverifiable`: error when a deprecated item's sunset changes and the old value "
        "is not a date",
        "`api-path-sunset-parse`: error (the same verdict)",
        "listed because it fails closed: whether the date moved earlier cannot be checked.",
    ),
)


def guide_lines() -> list[str]:
    out = GUIDE.rstrip("\n").split("\n")
    out += [
        "",
        "## Where platform-lint differs from oasdiff",
        "",
        "oasdiff's rule catalogue and default levels are the reference for levels. platform-lint "
        "agrees with it except where listed here; "
        "`tests/acceptance/test_oasdiff_cases.py` measures the agreement on the pairs from oasdiff's "
        "own tests and names every case where the verdicts differ.",
        "",
        "| platform-lint | oasdiff | why |",
        "|---|---|---|",
    ]
    out += [f"| {d.platform_lint} | {d.oasdiff} | {d.why} |" for d in DIFFERENCES]
    out.append("")
    return out

"""Turning schema changes into :class:`~.model.Change` values: who owns a change, who it reaches.

A change written inside an operation (its inline request or response schema) is
reported under that operation, with a pointer along it. A change written in a
shared schema (``components/schemas/Pet``, ``definitions/Pet``, another file) is
reported once, under that schema, with the list of every operation that reaches
it, however deep and however many ways. Reachability is computed once over the
graph of compared schema pairs (roots are the operations' bodies, parameters and
headers), only through pairs that lead to a change.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from platform_lint.families.contracts.diff.found import Key, Raw, Result
from platform_lint.families.contracts.diff.model import Change, pointer
from platform_lint.families.contracts.diff.rules import rule
from platform_lint.families.contracts.diff.schema import PROPERTY_KINDS, SchemaComparer

Parts = tuple[str | int, ...]
LineFn = Callable[[str, Parts], "int | None"]
MAX_SHOWN = 5


@dataclass(frozen=True)
class Root:
    """One schema compared for an operation: a body, a parameter, a header."""

    operation: str
    side: str
    logical: Parts  # pointer parts to the schema along the operation
    where: str  # how to name it: "the request body (application/json)"
    parameter: bool
    result: Result


def rule_id(kind: str, side: str, parameter_root: bool) -> str:
    if kind == "default-changed":
        return "request-default-changed" if parameter_root else "request-property-default-changed"
    return kind if kind.startswith(("request-", "response-")) else f"{side}-{kind}"


def _local(raw: Raw, root_file: str) -> bool:
    return raw.file == root_file and bool(raw.subject) and raw.subject[0] in ("paths", "webhooks")


def property_path(suffix: Parts, drop_last: bool) -> str:
    """``owner.tags[]`` from a path through schemas."""
    out: list[str] = []
    parts = list(suffix)
    i = 0
    while i < len(parts):
        part = parts[i]
        if part in ("properties", "patternProperties", "dependentSchemas") and i + 1 < len(parts):
            out.append(str(parts[i + 1]))
            i += 2
            continue
        if part in ("items", "prefixItems") and out:
            out[-1] += "[]"
        elif part == "additionalProperties" and out:
            out[-1] += "{}"
        i += 1
    if drop_last and out:
        out.pop()
    return ".".join(out)


def schema_name(file: str, parts: Parts, root_file: str) -> tuple[str, Parts]:
    """The shared schema a location is in, and the path inside it."""
    if file == root_file:
        if parts[:2] == ("components", "schemas") and len(parts) >= 3:
            return str(parts[2]), parts[3:]
        if parts[:1] == ("definitions",) and len(parts) >= 2:
            return str(parts[1]), parts[2:]
        if parts[:1] == ("components",) and len(parts) >= 3:
            rest = parts[3:]
            if "schema" in rest:
                rest = rest[rest.index("schema") + 1 :]
            return f"{parts[1]}/{parts[2]}", rest
        return pointer(parts), ()
    if parts:
        return f"{file}#/{parts[0]}", parts[1:]
    return file, ()


class Attribution:
    """Collects compared roots, then produces the changes (once per operation or per schema)."""

    def __init__(self, comparer: SchemaComparer, root_file: str, line_of: LineFn) -> None:
        self.comparer = comparer
        self.root_file = root_file
        self.line_of = line_of
        self.roots: list[Root] = []
        self.operations: list[str] = []
        self._op_index: dict[str, int] = {}

    def add(self, root: Root) -> None:
        if root.operation not in self._op_index:
            self._op_index[root.operation] = len(self.operations)
            self.operations.append(root.operation)
        self.roots.append(root)

    def changes(self) -> list[Change]:
        self.comparer.drain()
        out: list[Change] = []
        seen: set[tuple[Any, ...]] = set()
        shared: dict[tuple[Any, ...], tuple[str, Raw, int]] = {}
        for root in self.roots:
            bit = 1 << self._op_index[root.operation]
            for raw in root.result.raws:
                rid = rule_id(raw.kind, root.side, root.parameter and not raw.suffix)
                if _local(raw, self.root_file):
                    key = (root.operation, rid, raw.file, raw.parts, raw.suffix, _args_key(raw.args))
                    if key not in seen:
                        seen.add(key)
                        out.append(self._local_change(rid, raw, root))
                else:
                    self._share(shared, rid, raw, bit)
        for pair, reached in self._reach().items():
            for raw in self.comparer.memo[pair].raws:
                self._share(shared, rule_id(raw.kind, pair[4], False), raw, reached)
        out.extend(self._shared_change(rid, raw, bits) for rid, raw, bits in shared.values())
        return out

    @staticmethod
    def _share(table: dict[tuple[Any, ...], tuple[str, Raw, int]], rid: str, raw: Raw, bits: int) -> None:
        key = (rid, raw.file, raw.subject, raw.parts, _args_key(raw.args))
        found = table.get(key)
        table[key] = (rid, raw, bits | (found[2] if found else 0))

    def _reach(self) -> dict[Key, int]:
        """For each pair with changes: the operations (as bits) that reach it."""
        memo = self.comparer.memo
        dirty = [k for k, r in memo.items() if r.raws]
        if not dirty:
            return {}
        parents: dict[Key, list[Key]] = {}
        for k, r in memo.items():
            for c in r.children:
                parents.setdefault(c, []).append(k)
        useful: set[Key] = set(dirty)
        stack = list(dirty)
        while stack:
            k = stack.pop()
            for p in parents.get(k, ()):
                if p not in useful:
                    useful.add(p)
                    stack.append(p)
        bits: dict[Key, int] = {}
        work: list[Key] = []
        for root in self.roots:
            bit = 1 << self._op_index[root.operation]
            for c in root.result.children:
                if c in useful and bits.get(c, 0) | bit != bits.get(c, 0):
                    bits[c] = bits.get(c, 0) | bit
                    work.append(c)
        while work:
            k = work.pop()
            b = bits[k]
            for c in memo[k].children:
                if c in useful:
                    old = bits.get(c, 0)
                    if old | b != old:
                        bits[c] = old | b
                        work.append(c)
        return {k: bits[k] for k in dirty if k in bits}

    def _names(self, bits: int) -> tuple[str, ...]:
        return tuple(op for i, op in enumerate(self.operations) if bits >> i & 1)

    def _local_change(self, rid: str, raw: Raw, root: Root) -> Change:
        path = property_path(raw.suffix, raw.kind in PROPERTY_KINDS)
        where = f"`{path}` in {root.where}" if path else root.where
        args = {"operation": root.operation, "where": where, **raw.args}
        r = rule(rid)
        return Change(
            rid,
            r.level,
            root.operation,
            pointer((*root.logical, *raw.suffix)),
            args,
            raw.file,
            self.line_of(raw.file, raw.parts),
            r.addition,
            (root.operation,),
        )

    def _shared_change(self, rid: str, raw: Raw, bits: int) -> Change:
        name, inside = schema_name(raw.file, raw.subject, self.root_file)
        path = property_path(inside, False)
        where = f"`{name}.{path}`" if path else f"schema `{name}`"
        operations = self._names(bits)
        used_by = ", ".join(operations[:MAX_SHOWN])
        if len(operations) > MAX_SHOWN:
            used_by += f" and {len(operations) - MAX_SHOWN} more"
        target = raw.subject
        if raw.kind in PROPERTY_KINDS and "name" in raw.args:
            target = (*target, "properties", str(raw.args["name"]))
        args = {"operation": used_by or f"schema {name}", "where": where, "used_by": used_by, **raw.args}
        r = rule(rid)
        return Change(
            rid,
            r.level,
            f"schema {name}",
            pointer(target),
            args,
            raw.file,
            self.line_of(raw.file, raw.parts),
            r.addition,
            operations,
        )


def _args_key(args: Mapping[str, Any]) -> str:
    return repr(sorted(args.items()))

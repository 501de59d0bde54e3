"""Comparing two schemas by what they accept, on one side of the wire.

``side`` is ``request`` (what a client sends: accepting less is breaking) or
``response`` (what a client receives: returning more is breaking). Each schema
is first reduced to its :class:`~.normalise.Shape`, so a rewrite that keeps the
meaning (a one-branch ``anyOf``, an ``allOf`` flattened, ``nullable`` spelled
either way, a default written out) is no change at all. ``anyOf``/``oneOf``
alternatives are matched branch by branch (:mod:`.branches`), so a constraint
that moved into a branch is compared with that branch.

A pair of referenced schemas is compared once per side, from a work list, and
its result kept in ``memo``; results point at the pairs they reach
(``Result.children``) instead of containing them, so a shared component costs
once and neither a reference cycle nor a long chain recurses. Inline nesting is
bounded by ``max_depth``.
"""

from __future__ import annotations

from typing import Any

from platform_lint.families.contracts.diff import branches as alt
from platform_lint.families.contracts.diff.found import Key, Raw, Result, make, with_keyword
from platform_lint.families.contracts.diff.normalise import (
    Conj,
    Elem,
    annotation_only,
    key_of,
    peel,
    same,
    says_null,
)
from platform_lint.families.contracts.diff.resolve import Node, Resolver, walk
from platform_lint.families.contracts.diff.shape import KEYED, SUBSCHEMAS, Shape, build, effective_types
from platform_lint.families.contracts.diff.values import compare_types, compare_values, null_raw
from platform_lint.families.contracts.refs import is_remote, split_ref

Parts = tuple[str | int, ...]

MAX_WORK = 50_000  # the Stripe pair (4 MB each) needs about 500
_VALUE_CHANGED = ("contentEncoding", "contentMediaType", "dependentRequired", "if", "not")
_NOT_FOLLOWED = frozenset({"not", "if", "example", "examples", "default", "const", "enum", "discriminator"})


PROPERTY_KINDS = (
    "request-property-removed",
    "response-required-property-removed",
    "response-optional-property-removed",
    "property-added",
    "request-property-added-required",
    "property-became-required",
    "property-became-optional",
    "response-property-write-only-removed",
)


class SchemaComparer:
    """Compares schema pairs; one instance per diff (it holds the memo)."""

    def __init__(
        self,
        old: Resolver,
        new: Resolver,
        max_depth: int = 64,
        strict: bool = False,
        budget: int | None = None,
    ) -> None:
        self.old = old
        self.new = new
        self.max_depth = max_depth
        self.limit = MAX_WORK if budget is None else budget
        self.budget = self.limit  # schema pairs compared at most; beyond, the comparison stops (and says so)
        self.incomplete = False
        self.strict = strict  # also report requiring a property that is not declared
        self.memo: dict[Key, Result] = {}
        self._pending: list[tuple[Key, Node, Node]] = []
        self._queued: set[Key] = set()
        self._refs_in: dict[tuple[int, str], tuple[str, ...]] = {}

    # -- entry -------------------------------------------------------------------------------

    def compare(
        self, old: Node | Conj, new: Node | Conj, side: str, depth: int = 0, ignore_null: bool = False
    ) -> Result:
        oc = old if isinstance(old, Conj) else Conj((Elem(old),))
        nc = new if isinstance(new, Conj) else Conj((Elem(new),))
        if depth > self.max_depth:
            return self._stop(nc, f"nested deeper than {self.max_depth} levels")
        single = len(oc.elems) == 1 and len(nc.elems) == 1 and not oc.skip and not nc.skip
        if single:
            on, nn = oc.elems[0].node, nc.elems[0].node
            if isinstance(on.value, dict) and same(on.value, nn.value):
                return Result(children=self._same(on, nn, side))
            po, pn = peel(self.old, oc.elems[0]), peel(self.new, nc.elems[0])
            if po.ref is not None and pn.ref is not None:
                return self._by_reference(nn, po, pn, side, ignore_null)
        return self._compare(oc, nc, side, depth, ignore_null)

    def drain(self) -> None:
        """Compare every referenced pair reached so far (and those they reach)."""
        while self._pending:
            key, old, new = self._pending.pop()
            self.memo[key] = self._compare_pair(old, new, key[4])

    def _compare_pair(self, old: Node, new: Node, side: str) -> Result:
        if isinstance(old.value, dict) and same(old.value, new.value):
            return Result(children=self._same(old, new, side))
        po, pn = peel(self.old, Elem(old)), peel(self.new, Elem(new))
        core_o, core_n = po.elem.node, pn.elem.node
        moved = (core_o.file, core_o.parts) != (old.file, old.parts) or (core_n.file, core_n.parts) != (
            new.file,
            new.parts,
        )
        if moved and po.ref is not None and pn.ref is not None:  # a wrapper component around another one
            return self._by_reference(new, po, pn, side, False)
        return self._compare(Conj((Elem(old),)), Conj((Elem(new),)), side, 0, False)

    def _enqueue(self, old: Node, new: Node, side: str) -> Key:
        key: Key = (old.file, old.parts, new.file, new.parts, side)
        if key not in self.memo and key not in self._queued:
            self._queued.add(key)
            self._pending.append((key, old, new))
        return key

    def _by_reference(self, site: Node, po: Any, pn: Any, side: str, ignore_null: bool) -> Result:
        """Two referenced schemas: their pair is compared once; only the wrappers' null is judged here."""
        result = Result()
        old_core, new_core = po.elem.node, pn.elem.node
        if not ignore_null and po.null != pn.null:
            old_null = po.null or _says_null(old_core.value)
            new_null = pn.null or _says_null(new_core.value)
            if old_null != new_null:
                kind = "became-nullable" if new_null else "became-not-nullable"
                result.raws.append(Raw(kind, (), site.file, site.parts, site.parts, {}))
        result.children.add(self._enqueue(old_core, new_core, side))
        return result

    def _same(self, old: Node, new: Node, side: str) -> set[Key]:
        """Pairs reached from two equal schemas (nothing else can differ)."""
        out: set[Key] = set()
        old_refs = self._refs(old.value, side)
        if not old_refs:
            return out
        for ref in old_refs:
            if is_remote(ref):
                continue
            a, b = split_ref(ref, old.file), split_ref(ref, new.file)
            if a is None or b is None:
                continue
            ok_a, va = walk(self.old.docs.get(a[0]), a[1]) if a[0] in self.old.docs else (False, None)
            ok_b, vb = walk(self.new.docs.get(b[0]), b[1]) if b[0] in self.new.docs else (False, None)
            if not ok_a or not ok_b:
                continue
            out.add(self._enqueue(Node(va, a[0], a[1], ref), Node(vb, b[0], b[1], ref), side))
        return out

    def _refs(self, value: Any, side: str) -> tuple[str, ...]:
        """Every ``$ref`` a schema reaches without passing another ``$ref`` (cached)."""
        cache_key = (id(value), side)
        cached = self._refs_in.get(cache_key)
        if cached is not None:
            return cached
        found: list[str] = []
        hidden = "readOnly" if side == "request" else "writeOnly"
        stack = [value]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                ref = item.get("$ref")
                if isinstance(ref, str):
                    found.append(ref)
                    continue
                for k, v in item.items():
                    if isinstance(v, (dict, list)) and k not in _NOT_FOLLOWED and not str(k).startswith("x-"):
                        if k == "properties" and isinstance(v, dict):
                            stack.extend(
                                p for p in v.values() if not (isinstance(p, dict) and p.get(hidden) is True)
                            )
                        else:
                            stack.append(v)
            elif isinstance(item, list):
                stack.extend(v for v in item if isinstance(v, (dict, list)))
        out = tuple(dict.fromkeys(found))
        self._refs_in[cache_key] = out
        return out

    # -- the comparison ----------------------------------------------------------------------

    def _stop(self, where: Conj, why: str) -> Result:
        """A limit was reached: the first time, say where (nothing below it was compared)."""
        if self.incomplete:
            return Result()
        self.incomplete = True
        node = where.elems[0].node
        return Result([Raw("comparison-incomplete", (), node.file, node.parts, node.parts, {"why": why})])

    def _compare(self, oc: Conj, nc: Conj, side: str, depth: int, ignore_null: bool) -> Result:
        self.budget -= 1
        if self.budget < 0:
            return self._stop(nc, f"more than {self.limit} schema comparisons")
        o = build(self.old, oc.elems, oc.skip)
        n = build(self.new, nc.elems, nc.skip)
        result = Result()
        present_o = any(_present(e.node) for e in oc.elems)
        present_n = any(_present(e.node) for e in nc.elems)
        if not present_o or not present_n:
            if present_o and not present_n and not o.empty:
                result.raws.append(make("schema-removed", n, n.node))
            elif present_n and not present_o and not n.empty:
                result.raws.append(make("schema-added", n, n.node))
            return result
        if o.groups or n.groups:
            self._alternatives(o, n, oc, nc, side, depth, ignore_null, result)
            return result
        if not ignore_null and o.null != n.null:
            result.raws.append(null_raw(n.null, n))
        compare_values(o, n, side, result.raws)
        if side == "request" and (o.default is not None or n.default is not None):
            od = key_of(o.default[0]) if o.default is not None else None
            nd = key_of(n.default[0]) if n.default is not None else None
            if od != nd:
                old = o.default[0] if o.default is not None else None
                new = n.default[0] if n.default is not None else None
                result.raws.append(with_keyword("default-changed", n, n.node, "default", old, new))
        ot, nt = effective_types(o), effective_types(n)
        if ot is not None and nt is not None and not (ot & nt):
            return result  # another type altogether (reported): its properties or items are beside the point
        self._properties(o, n, side, depth, result)
        self._all_of(o, n, oc, nc, side, result)
        self._nested(o, n, side, depth, result)
        return result

    # -- objects -----------------------------------------------------------------------------

    def _properties(self, o: Shape, n: Shape, side: str, depth: int, result: Result) -> None:
        out = result.raws
        hidden_key = "readOnly" if side == "request" else "writeOnly"
        old_hidden = {name for name, elems in o.properties.items() if _flag(self.old, elems, hidden_key)}
        new_hidden = {name for name, elems in n.properties.items() if _flag(self.new, elems, hidden_key)}
        hidden = old_hidden | new_hidden
        subject = n.node.parts
        for name in o.properties:
            if name in n.properties or name in hidden:
                continue
            if side == "request":
                kind = "request-property-removed"
            elif name in o.required:
                kind = "response-required-property-removed"
            else:
                kind = "response-optional-property-removed"
            out.append(
                Raw(kind, (*n.suffix, "properties", name), n.node.file, n.node.parts, subject, {"name": name})
            )
        for name, new_elems in n.properties.items():
            first = new_elems[0]
            if name not in o.properties:
                if name in hidden:
                    continue
                kind = (
                    "request-property-added-required"
                    if side == "request" and name in n.required
                    else "property-added"
                )
                out.append(
                    Raw(kind, first.suffix, first.node.file, first.node.parts, subject, {"name": name})
                )
                continue
            old_elems = o.properties[name]
            child = self.compare(
                Conj(tuple(Elem(e.node) for e in old_elems)),
                Conj(tuple(Elem(e.node) for e in new_elems)),
                side,
                depth + 1,
            )
            result.extend(child, first.suffix)
            if (
                side == "response"
                and name in n.required
                and _flag(self.old, old_elems, "writeOnly")
                and not _flag(self.new, new_elems, "writeOnly")
            ):
                out.append(
                    Raw(
                        "response-property-write-only-removed",
                        first.suffix,
                        first.node.file,
                        first.node.parts,
                        subject,
                        {"name": name},
                    )
                )
        for name in sorted(set(n.required) - set(o.required) - hidden):
            if name in o.properties or (not o.properties and name not in n.properties) or self.strict:
                at = n.required[name]
                out.append(
                    Raw(
                        "property-became-required",
                        (*n.suffix, "properties", name),
                        at.file,
                        at.parts,
                        subject,
                        {"name": name},
                    )
                )
        for name in sorted(set(o.required) - set(n.required) - hidden):
            if name in n.properties or (not n.properties and not o.properties):
                at = n.properties[name][0].node if name in n.properties else n.node
                out.append(
                    Raw(
                        "property-became-optional",
                        (*n.suffix, "properties", name),
                        at.file,
                        at.parts,
                        subject,
                        {"name": name},
                    )
                )

    def _all_of(self, o: Shape, n: Shape, oc: Conj, nc: Conj, side: str, result: Result) -> None:
        """``allOf`` lists on both sides: branches added or removed, besides their merged meaning."""
        if not o.all_of or not n.all_of:
            return
        old_branches = [b for _, bs in o.all_of for b in bs]
        new_branches = [b for _, bs in n.all_of for b in bs]
        _, removed, added = alt.match_all_of(self.old, self.new, old_branches, new_branches)
        holder = n.all_of[0][0].node
        for j in added:
            branch = new_branches[j]
            value = self.new.deref(branch.node).value
            name = alt.branch_name(self.new, branch, j)
            if annotation_only(value):
                kind = "all-of-annotation-added"
            elif side == "request" and not self._constrains(nc, branch):
                continue  # every value it allows was already required
            else:
                kind = "all-of-added"
            result.raws.append(make(kind, n, branch.node, suffix=branch.suffix, branch=name))
        for i in removed:
            branch = old_branches[i]
            value = self.old.deref(branch.node).value
            kind = "all-of-annotation-removed" if annotation_only(value) else "all-of-removed"
            result.raws.append(make(kind, n, holder, branch=alt.branch_name(self.old, branch, i)))

    def _constrains(self, whole: Conj, branch: Elem) -> bool:
        """Whether ``branch`` (one of ``whole``'s allOf branches) rules out anything the rest allows."""
        others = SchemaComparer(self.new, self.new, max_depth=8, strict=True, budget=2_000)
        holder_parts = {(b.node.file, b.node.parts) for b in (branch,)}
        shape = build(self.new, whole.elems, whole.skip)
        rest: list[Elem] = []
        skip = set(whole.skip)
        for holder, branches in shape.all_of:
            skip.add((holder.node.file, holder.node.parts, "allOf"))
            rest.extend(b for b in branches if (b.node.file, b.node.parts) not in holder_parts)
        without = Conj((*whole.elems, *rest), frozenset(skip))
        found = others.compare(without, whole, "request", 0)
        others.drain()
        raws = list(found.raws)
        for key in found.children:
            raws.extend(others.memo.get(key, Result()).raws)
        return bool(raws)

    def _nested(self, o: Shape, n: Shape, side: str, depth: int, result: Result) -> None:
        if o.items and n.items:
            result.extend(self.compare(_conj(o.items), _conj(n.items), side, depth + 1), n.items[0].suffix)
        if o.additional and n.additional:
            result.extend(
                self.compare(_conj(o.additional), _conj(n.additional), side, depth + 1),
                n.additional[0].suffix,
            )
        for keyword in SUBSCHEMAS:
            ov, nv = o.sub.get(keyword), n.sub.get(keyword)
            if ov is None and nv is None:
                continue
            if ov is None or nv is None:
                kind = "constraint-tightened" if ov is None else "constraint-loosened"
                at = nv[0].node if nv is not None else n.node
                shown_o = "set" if ov is not None else None
                shown_n = "set" if nv is not None else None
                result.raws.append(with_keyword(kind, n, at, keyword, shown_o, shown_n))
            elif keyword in _VALUE_CHANGED:
                if key_of([e.node.value for e in ov]) != key_of([e.node.value for e in nv]):
                    result.raws.append(
                        with_keyword("value-changed", n, nv[0].node, keyword, "one schema", "another")
                    )
            else:
                result.extend(self.compare(_conj(ov), _conj(nv), side, depth + 1), nv[0].suffix)
        for keyword in KEYED:
            ot, nt = o.keyed.get(keyword, {}), n.keyed.get(keyword, {})
            for name, elems in nt.items():
                if name not in ot:
                    result.raws.append(
                        with_keyword(
                            "constraint-tightened", n, elems[0].node, f"{keyword}[{name}]", None, "set"
                        )
                    )
                else:
                    result.extend(
                        self.compare(_conj(ot[name]), _conj(elems), side, depth + 1), elems[0].suffix
                    )
            for name in ot:
                if name not in nt:
                    result.raws.append(
                        with_keyword("constraint-loosened", n, n.node, f"{keyword}[{name}]", "set", None)
                    )
        op, np_ = o.prefix_items, n.prefix_items
        if op is not None and np_ is not None:
            for i in range(min(len(op), len(np_))):
                result.extend(self.compare(_conj([op[i]]), _conj([np_[i]]), side, depth + 1), np_[i].suffix)
        if (op is not None or np_ is not None) and len(op or []) != len(np_ or []):
            kind = "constraint-tightened" if len(np_ or []) > len(op or []) else "constraint-loosened"
            at = np_[0].node if np_ else n.node
            result.raws.append(
                make(
                    kind,
                    n,
                    at,
                    keyword="prefixItems",
                    old=f"{len(op or [])} items",
                    new=f"{len(np_ or [])} items",
                )
            )

    # -- alternatives ------------------------------------------------------------------------

    def _alternatives(
        self, o: Shape, n: Shape, oc: Conj, nc: Conj, side: str, depth: int, ignore_null: bool, result: Result
    ) -> None:
        old_null = o.null or alt.any_branch_null(self.old, o)
        new_null = n.null or alt.any_branch_null(self.new, n)
        if not ignore_null and old_null != new_null:
            result.raws.append(null_raw(new_null, n))
        if len(o.groups) > 1 or len(n.groups) > 1:
            self._lists_apart(o, n, oc, nc, side, depth, result)
            return
        old_alts = alt.expand(self.old, o, oc)
        new_alts = alt.expand(self.new, n, nc)
        self._match_alternatives(o, n, old_alts, new_alts, side, depth, result)

    def _lists_apart(
        self, o: Shape, n: Shape, oc: Conj, nc: Conj, side: str, depth: int, result: Result
    ) -> None:
        """Several anyOf/oneOf lists (from merged allOf branches): the rest is compared as one
        schema and each list with the list at the same place, branches alone (distributing
        every list over the others would multiply them)."""
        old_skip = oc.skip | {(g.holder.node.file, g.holder.node.parts, g.keyword) for g in o.groups}
        new_skip = nc.skip | {(g.holder.node.file, g.holder.node.parts, g.keyword) for g in n.groups}
        result.extend(
            self.compare(
                Conj(oc.elems, old_skip), Conj(nc.elems, new_skip), side, depth + 1, ignore_null=True
            ),
            (),
        )
        for i in range(max(len(o.groups), len(n.groups))):
            old_alts = alt.branches_alone(o.groups[i]) if i < len(o.groups) else []
            new_alts = alt.branches_alone(n.groups[i]) if i < len(n.groups) else []
            self._match_alternatives(o, n, old_alts, new_alts, side, depth, result)

    def _match_alternatives(
        self,
        o: Shape,
        n: Shape,
        old_alts: list[alt.Alt],
        new_alts: list[alt.Alt],
        side: str,
        depth: int,
        result: Result,
    ) -> None:
        old_shapes = [build(self.old, a.conj.elems, a.conj.skip) for a in old_alts]
        new_shapes = [build(self.new, a.conj.elems, a.conj.skip) for a in new_alts]
        if old_shapes and new_shapes and all(alt.bare_type(s) for s in (*old_shapes, *new_shapes)):
            ot, nt = (
                alt.union_types(old_shapes),
                alt.union_types(new_shapes),
            )  # a list of types, however spelled
            if ot != nt:
                compare_types(o, n, ot, nt, result.raws)
            return
        pairs, removed, added = alt.match(self.old, self.new, old_alts, new_alts, old_shapes, new_shapes)
        for i, j in pairs:
            child = self.compare(old_alts[i].conj, new_alts[j].conj, side, depth + 1, ignore_null=True)
            result.extend(child, new_alts[j].suffix if new_alts[j].group is not None else ())
        for j in added:
            group = new_alts[j].group
            assert group is not None  # a side without a list has one alternative, always matched
            kind = "one-of-added" if group.keyword == "oneOf" else "any-of-added"
            branch = new_alts[j].branch
            name = alt.branch_name(self.new, branch, j)
            at = branch.node if branch else n.node
            result.raws.append(make(kind, n, at, suffix=new_alts[j].suffix, branch=name))
        for i in removed:
            group = old_alts[i].group
            assert group is not None
            kind = "one-of-removed" if group.keyword == "oneOf" else "any-of-removed"
            branch = old_alts[i].branch
            name = alt.branch_name(self.old, branch, i)
            result.raws.append(make(kind, n, n.node, branch=name))
        if alt.newly_exclusive(self.old, self.new, o, n, old_alts, new_alts, old_shapes, new_shapes, pairs):
            result.raws.append(make("schema-wrapped", n, n.node, keyword="oneOf"))


# -- helpers ------------------------------------------------------------------------------------


def _present(node: Node) -> bool:
    return isinstance(node.value, (dict, bool))


def _says_null(value: Any) -> bool:
    return isinstance(value, dict) and says_null(value)


def _flag(r: Resolver, elems: list[Elem], keyword: str) -> bool:
    for e in elems:
        value = peel(r, e).elem.node.value
        if isinstance(value, dict) and value.get(keyword) is True:
            return True
    return False


def _conj(elems: list[Elem]) -> Conj:
    return Conj(tuple(Elem(e.node) for e in elems))


__all__ = ["PROPERTY_KINDS", "SchemaComparer"]

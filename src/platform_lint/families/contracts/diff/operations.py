"""Comparing two OpenAPI documents operation by operation (2.0, 3.0 and 3.1).

Paths are matched with their parameter names blanked (``/pets/{id}`` matches
``/pets/{petId}``), path parameters by position, other parameters by location
and name (headers case-insensitively). Schemas are compared by
:mod:`.schema`; this module adds the operation, the JSON pointer and the line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from platform_lint.families.contracts.diff.attribute import Attribution, Root
from platform_lint.families.contracts.diff.found import Result
from platform_lint.families.contracts.diff.model import Change, pointer
from platform_lint.families.contracts.diff.operation import compare_operation
from platform_lint.families.contracts.diff.paths import normalize_path
from platform_lint.families.contracts.diff.resolve import Node, Resolver
from platform_lint.families.contracts.diff.rules import rule
from platform_lint.families.contracts.diff.schema import SchemaComparer
from platform_lint.families.contracts.diff.sunset import removal_kind

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
LineFn = Callable[[str, tuple[str | int, ...]], "int | None"]


@dataclass(frozen=True)
class SpecSet:
    """A spec and the files its references reach: ``docs`` maps path -> data."""

    root: str
    docs: Mapping[str, Any]
    line_of: LineFn


def diff_openapi(old: SpecSet, new: SpecSet, today: dt.date) -> list[Change]:
    return _OpenApiDiff(old, new, today).run()


class _OpenApiDiff:
    def __init__(self, old: SpecSet, new: SpecSet, today: dt.date) -> None:
        self.old_set, self.new_set = old, new
        self.old = Resolver(old.docs)
        self.new = Resolver(new.docs)
        self.schemas = SchemaComparer(self.old, self.new)
        self.today = today
        self.changes: list[Change] = []
        self.attribution = Attribution(self.schemas, new.root, new.line_of)
        self.old_root = Node(old.docs.get(old.root), old.root, ())
        self.new_root = Node(new.docs.get(new.root), new.root, ())
        self.old_v2 = _is_v2(self.old_root.value)
        self.new_v2 = _is_v2(self.new_root.value)

    # -- output ------------------------------------------------------------------------------

    def emit(
        self, rule_id: str, operation: str, logical: tuple[str | int, ...], at: Node | None, **args: Any
    ) -> None:
        where = at if at is not None else Node(None, self.new_set.root, logical)
        r = rule(rule_id)
        self.changes.append(
            Change(
                rule_id,
                r.level,
                operation,
                pointer(logical),
                {"operation": operation, **args},
                where.file,
                self.new_set.line_of(where.file, where.parts),
                r.addition,
                (operation,),
            )
        )

    def emit_removed(
        self, rule_id: str, operation: str, logical: tuple[str | int, ...], gone: Node, **args: Any
    ) -> None:
        """Something that is no longer in the head: located where it was in the base."""
        r = rule(rule_id)
        self.changes.append(
            Change(
                rule_id,
                r.level,
                operation,
                pointer(logical),
                {"operation": operation, **args},
                gone.file,
                self.old_set.line_of(gone.file, gone.parts),
                r.addition,
                (operation,),
                in_base=True,
            )
        )

    def emit_schema(
        self,
        result: Result,
        side: str,
        operation: str,
        logical: tuple[str | int, ...],
        where: str,
        parameter: bool = False,
    ) -> None:
        """Keep a compared schema; its changes are attributed once everything is compared."""
        self.attribution.add(Root(operation, side, logical, where, parameter, result))

    # -- paths and operations ----------------------------------------------------------------

    def run(self) -> list[Change]:
        old_paths = self.old.get(self.old_root, "paths")
        new_paths = self.new.get(self.new_root, "paths")
        self._path_items(old_paths, new_paths, ("paths",), lambda p: p)
        self._webhooks()
        return self.changes + self.attribution.changes()

    def _path_items(
        self, old_paths: Node, new_paths: Node, prefix: tuple[str, ...], label: Callable[[str], str]
    ) -> None:
        op_ = old_paths.value if isinstance(old_paths.value, Mapping) else {}
        np_ = new_paths.value if isinstance(new_paths.value, Mapping) else {}
        new_by_norm: dict[str, str] = {}
        for path in np_:
            new_by_norm.setdefault(normalize_path(str(path)), str(path))
        matched: set[str] = set()
        for path in op_:
            path = str(path)
            old_item = self.old.get(old_paths, path)
            new_path = path if path in np_ else new_by_norm.get(normalize_path(path))
            if new_path is None or new_path in matched:
                for method in self._methods(old_item):
                    self._removed(old_item, method, path, (*prefix, path), whole_path=True, label=label(path))
                continue
            matched.add(new_path)
            self._path_item(
                old_item,
                self.new.get(new_paths, new_path),
                path,
                new_path,
                (*prefix, new_path),
                label(new_path),
            )
        for path in np_:
            if str(path) not in matched:
                new_item = self.new.get(new_paths, str(path))
                for method in self._methods(new_item):
                    operation = f"{method.upper()} {label(str(path))}"
                    self.emit(
                        "operation-added",
                        operation,
                        (*prefix, str(path), method),
                        self.new.child(new_item, method),
                    )

    def _webhooks(self) -> None:
        ow = self.old.get(self.old_root, "webhooks")
        nw = self.new.get(self.new_root, "webhooks")
        ov = ow.value if isinstance(ow.value, Mapping) else {}
        nv = nw.value if isinstance(nw.value, Mapping) else {}
        for name in ov:
            if name not in nv:
                self.emit_removed(
                    "webhook-removed",
                    f"webhook {name}",
                    ("webhooks", name),
                    self.old.child(ow, name),
                    name=name,
                )
            else:
                self._path_item(
                    self.old.get(ow, name),
                    self.new.get(nw, name),
                    name,
                    name,
                    ("webhooks", name),
                    f"webhook {name}",
                )
        for name in nv:
            if name not in ov:
                self.emit(
                    "webhook-added",
                    f"webhook {name}",
                    ("webhooks", name),
                    self.new.child(nw, name),
                    name=name,
                )

    @staticmethod
    def _methods(item: Node) -> list[str]:
        if not isinstance(item.value, Mapping):
            return []
        return [m for m in METHODS if isinstance(item.value.get(m), Mapping)]

    def _removed(
        self,
        old_item: Node,
        method: str,
        path: str,
        logical: tuple[str, ...],
        *,
        whole_path: bool,
        label: str,
    ) -> None:
        operation = f"{method.upper()} {label}"
        op = self.old.get(old_item, method).value
        kind, sunset = removal_kind(op, self.today)
        rule_id = {
            "plain": "path-removed" if whole_path else "operation-removed",
            "invalid": "operation-sunset-invalid",
            "before": "operation-removed-before-sunset",
            "after": "operation-removed-after-sunset",
        }[kind]
        self.emit_removed(
            rule_id, operation, (*logical, method), self.old.child(old_item, method), path=path, sunset=sunset
        )

    def _path_item(
        self,
        old_item: Node,
        new_item: Node,
        old_path: str,
        new_path: str,
        logical: tuple[str, ...],
        label: str,
    ) -> None:
        old_methods = self._methods(old_item)
        new_methods = self._methods(new_item)
        for method in old_methods:
            if method not in new_methods:
                self._removed(old_item, method, old_path, logical, whole_path=False, label=label)
        for method in new_methods:
            operation = f"{method.upper()} {label}"
            if method not in old_methods:
                self.emit("operation-added", operation, (*logical, method), self.new.child(new_item, method))
                continue
            compare_operation(
                self, old_item, new_item, method, old_path, new_path, (*logical, method), operation
            )


def _is_v2(root: Any) -> bool:
    return isinstance(root, Mapping) and "swagger" in root

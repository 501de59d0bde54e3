"""What an OpenAPI document's JSON Schema cannot say, checked over the loaded documents.

- every local or relative-file ``$ref`` resolves (URLs are never followed, and are
  reported elsewhere);
- tag names, ``operationId``s and parameters (name and location, per operation) are unique;
- every ``{name}`` in a path is declared as a ``path`` parameter, and every ``path``
  parameter appears in the path;
- every ``pattern`` (and, in 3.1, ``patternProperties`` key) is an ECMA-262 regular
  expression (:mod:`ecma_regex`);
- every schema object is valid for its JSON Schema dialect (draft 4 in OpenAPI 2.0 and 3.0,
  ``jsonSchemaDialect`` or ``$schema`` in 3.1 and 3.2, the OpenAPI base dialect by default);
- a schema that combines ``allOf`` requires only properties it or its branches define;
- a ``default`` is valid for its own schema (``null`` beside ``nullable: true`` is).

Each problem is reported in the file and at the path that hold the node, so a problem in a
referenced file is located in that file. Schemas reached through references are checked
once. Walks are iterative or bounded, so a deep or cyclic spec ends.
"""

from __future__ import annotations

import string
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from platform_lint.families.contracts import ecma_regex
from platform_lint.families.contracts.bundle import iter_refs
from platform_lint.families.contracts.diff.resolve import Node, Resolver, walk
from platform_lint.families.contracts.refs import is_remote, split_ref
from platform_lint.families.contracts.validate_meta import brief, dialect_errors

PathPart = str | int
OPERATIONS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
SUBSCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
SUBSCHEMAS = ("not", "items", "additionalProperties", "contains", "if", "then", "else", "propertyNames")
SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")
MAX_SCHEMA_DEPTH = 64
DRAFT4 = "http://json-schema.org/draft-04/schema#"


@dataclass(frozen=True)
class Problem:
    """A rule broken at ``parts`` inside ``file``."""

    message: str
    file: str
    parts: tuple[PathPart, ...]


class Rules:
    """One walk over a spec and the documents its references reach."""

    def __init__(self, documents: Mapping[str, Any], root: str, version: str) -> None:
        self.docs = documents
        self.root = root
        self.version = version
        self.resolver = Resolver(documents)
        self.problems: list[Problem] = []
        self.seen_schemas: set[int] = set()
        self.operation_ids: dict[str, str] = {}
        self.registry: Any = None  # built on the first default to judge

    # -- helpers ---------------------------------------------------------------------------

    def report(self, node: Node, message: str, *tail: PathPart) -> None:
        self.problems.append(Problem(message, node.file, (*node.parts, *tail)))

    def deref(self, node: Node) -> Node:
        return self.resolver.deref(node)

    def child(self, node: Node, key: PathPart) -> Node:
        return self.resolver.child(node, key)

    # -- references ------------------------------------------------------------------------

    def check_refs(self) -> None:
        for file, data in self.docs.items():
            for ref in sorted(set(iter_refs(data))):
                if is_remote(ref):
                    continue
                target = split_ref(ref, file)
                if target is None or target[0] not in self.docs:
                    continue  # a file that was not loaded is reported by the bundle
                ok, _ = walk(self.docs[target[0]], target[1])
                if not ok:
                    where = self._first_use(data, ref)
                    self.problems.append(Problem(f"$ref {brief(ref)} does not resolve", file, where))

    @staticmethod
    def _first_use(data: Any, ref: str) -> tuple[PathPart, ...]:
        stack: list[tuple[Any, tuple[PathPart, ...]]] = [(data, ())]
        while stack:
            value, parts = stack.pop()
            if isinstance(value, dict):
                if value.get("$ref") == ref:
                    return (*parts, "$ref")
                stack.extend((v, (*parts, k)) for k, v in reversed(list(value.items())))
            elif isinstance(value, list):
                stack.extend((v, (*parts, i)) for i, v in reversed(list(enumerate(value))))
        return ()

    # -- the document ----------------------------------------------------------------------

    def run(self) -> list[Problem]:
        self.check_refs()
        root = Node(self.docs.get(self.root), self.root, ())
        if not isinstance(root.value, dict):
            return self.problems
        self.check_tags(self.child(root, "tags"))
        paths = self.child(root, "paths")
        if isinstance(paths.value, dict):
            for url in paths.value:
                self.check_path(str(url), self.deref(self.child(paths, url)))
        components = self.child(root, "components")
        if isinstance(components.value, dict):
            for section in ("schemas", "parameters", "responses", "requestBodies", "headers"):
                group = self.child(components, section)
                if isinstance(group.value, dict):
                    for name in group.value:
                        self.check_component(section, self.child(group, name))
        definitions = self.child(root, "definitions")  # 2.0
        if isinstance(definitions.value, dict):
            for name in definitions.value:
                self.check_schema(self.child(definitions, name))
        return self.problems

    def check_component(self, section: str, node: Node) -> None:
        node = self.deref(node)
        if section == "schemas":
            self.check_schema(node)
        elif section in ("parameters", "headers"):
            self.check_parameter(node)
        elif section == "responses":
            self.check_response(node)
        else:
            self.check_content(self.child(node, "content"))

    def check_tags(self, tags: Node) -> None:
        if not isinstance(tags.value, list):
            return
        seen: set[str] = set()
        for i, tag in enumerate(tags.value):
            name = tag.get("name") if isinstance(tag, dict) else None
            if isinstance(name, str):
                if name in seen:
                    self.report(tags, f"tag name {brief(name)} is used more than once", i, "name")
                seen.add(name)

    def check_path(self, url: str, item: Node) -> None:
        if not isinstance(item.value, dict):
            return
        shared = self.check_parameters(self.child(item, "parameters"))
        methods = OPERATIONS + (("query",) if self.version == "3.2" else ())
        for method in methods:
            operation = self.child(item, method)
            if isinstance(operation.value, dict):
                self.check_operation(url, method, operation, shared)

    def check_operation(self, url: str, method: str, operation: Node, shared: dict[str, Node]) -> None:
        op_id = operation.value.get("operationId")
        if isinstance(op_id, str):
            first = self.operation_ids.get(op_id)
            if first is not None:
                self.report(operation, f"operationId {brief(op_id)} is also used by {first}", "operationId")
            else:
                self.operation_ids[op_id] = f"{method} {url}"
        own = self.check_parameters(self.child(operation, "parameters"))
        declared = {**shared, **own}
        in_url = _url_parameters(url)
        where = "parameters" if isinstance(operation.value.get("parameters"), list) else None
        for name in sorted(in_url - set(declared)):
            self.report(
                operation,
                f"path parameter {brief(name)} of {method} {url} is not declared",
                *((where,) if where else ()),
            )
        for name in sorted(set(declared) - in_url):
            node = declared[name]
            self.problems.append(
                Problem(f"path parameter {brief(name)} is not in the path {url}", node.file, node.parts)
            )
        body = self.deref(self.child(operation, "requestBody"))
        if isinstance(body.value, dict):
            self.check_content(self.child(body, "content"))
        responses = self.child(operation, "responses")
        if isinstance(responses.value, dict):
            for code in responses.value:
                self.check_response(self.deref(self.child(responses, code)))

    def check_parameters(self, params: Node) -> dict[str, Node]:
        """Check a parameter list; the ``path`` parameters by name."""
        path_params: dict[str, Node] = {}
        if not isinstance(params.value, list):
            return path_params
        seen: set[tuple[str, str]] = set()
        for i in range(len(params.value)):
            param = self.deref(self.child(params, i))
            if not isinstance(param.value, dict):
                continue
            self.check_parameter(param)
            name, where = param.value.get("name"), param.value.get("in")
            if not isinstance(name, str) or not isinstance(where, str):
                continue
            if (name, where) in seen:
                self.report(param, f"parameter {brief(name)} in {where} is declared more than once", "name")
            seen.add((name, where))
            if where == "path":
                path_params[name] = self.child(param, "name")
        return path_params

    def check_parameter(self, param: Node) -> None:
        if not isinstance(param.value, dict):
            return
        if "schema" in param.value:
            self.check_schema(self.child(param, "schema"))
        elif self.version == "2.0":  # 2.0: the parameter is its own schema
            self.check_schema(param, top=False)
        self.check_content(self.child(param, "content"))

    def check_response(self, response: Node) -> None:
        if not isinstance(response.value, dict):
            return
        if self.version == "2.0" and "schema" in response.value:
            self.check_schema(self.child(response, "schema"))
        self.check_content(self.child(response, "content"))
        headers = self.child(response, "headers")
        if isinstance(headers.value, dict):
            for name in headers.value:
                self.check_parameter(self.deref(self.child(headers, name)))

    def check_content(self, content: Node) -> None:
        if not isinstance(content.value, dict):
            return
        for media in content.value:
            media_node = self.child(content, media)
            if isinstance(media_node.value, dict) and "schema" in media_node.value:
                self.check_schema(self.child(media_node, "schema"))

    # -- schemas ---------------------------------------------------------------------------

    def check_schema(self, start: Node, top: bool = True) -> None:
        stack: list[tuple[Node, bool, int]] = [(start, top, 0)]
        while stack:
            node, is_top, depth = stack.pop()
            node = self.deref(node)
            value = node.value
            if not isinstance(value, dict) or id(value) in self.seen_schemas or depth > MAX_SCHEMA_DEPTH:
                continue
            self.seen_schemas.add(id(value))
            if is_top:
                self.check_dialect(node)
            self.check_patterns(node)
            if is_top and isinstance(value.get("allOf"), list):
                self.check_required(node)
            if "default" in value:
                self.check_default(node)
            for key in SUBSCHEMA_LISTS:
                if isinstance(value.get(key), list):
                    for i in range(len(value[key])):
                        stack.append((self.child(self.child(node, key), i), False, depth + 1))
            for key in SUBSCHEMAS:
                if isinstance(value.get(key), dict):
                    stack.append((self.child(node, key), False, depth + 1))
            for key in SCHEMA_MAPS:
                if isinstance(value.get(key), dict):
                    group = self.child(node, key)
                    for name in value[key]:
                        stack.append((self.child(group, name), False, depth + 1))

    def check_patterns(self, node: Node) -> None:
        pattern = node.value.get("pattern")
        if isinstance(pattern, str):
            problem = ecma_regex.pattern_problem(pattern)
            if problem:
                self.report(
                    node, f"{brief(pattern)} is not an ECMA-262 regular expression: {problem}", "pattern"
                )
        keyed = node.value.get("patternProperties")
        if isinstance(keyed, dict) and self.version != "3.0":
            for key in keyed:
                problem = ecma_regex.pattern_problem(str(key))
                if problem:
                    self.report(
                        node,
                        f"{brief(str(key))} is not an ECMA-262 regular expression: {problem}",
                        "patternProperties",
                        key,
                    )

    def check_dialect(self, node: Node) -> None:
        from platform_lint.families.contracts.validate_meta import DIALECT_FILES

        value = node.value
        if self.version in ("2.0", "3.0"):  # JSON Schema draft 4 and OpenAPI's own keywords
            for message, parts in dialect_errors(value, DRAFT4):
                self.report(node, message, *parts)
            return
        root = self.docs.get(self.root)
        default = next(iter(DIALECT_FILES)) if self.version == "3.1" else list(DIALECT_FILES)[-1]
        if isinstance(root, dict) and isinstance(root.get("jsonSchemaDialect"), str):
            default = root["jsonSchemaDialect"]
        dialect = value.get("$schema", default)
        if not isinstance(dialect, str):
            self.report(node, f"unknown JSON Schema dialect {brief(dialect)}", "$schema")
            return
        for message, parts in dialect_errors(value, dialect):
            self.report(node, message, *parts)

    def check_required(self, node: Node) -> None:
        required = node.value.get("required")
        if not isinstance(required, list):
            return
        defined = self._properties(node)
        missing = [r for r in required if isinstance(r, str) and r not in defined]
        if missing:
            names = ", ".join(repr(m) for m in missing[:5]) + (" ..." if len(missing) > 5 else "")
            self.report(node, f"required lists properties no branch defines: {names}", "required")

    def _properties(self, start: Node) -> set[str]:
        """Every property name a schema defines, through allOf/anyOf/oneOf/items/not (bounded)."""
        names: set[str] = set()
        stack: list[Node] = [start]
        seen: set[int] = set()
        while stack and len(seen) < 10_000:
            node = self.deref(stack.pop())
            value = node.value
            if not isinstance(value, dict) or id(value) in seen:
                continue
            seen.add(id(value))
            if isinstance(value.get("properties"), dict):
                names.update(str(k) for k in value["properties"])
            for key in ("allOf", "anyOf", "oneOf"):
                if isinstance(value.get(key), list):
                    stack.extend(self.child(self.child(node, key), i) for i in range(len(value[key])))
            for key in ("items", "not"):
                if isinstance(value.get(key), dict):
                    stack.append(self.child(node, key))
        return names

    def check_default(self, node: Node) -> None:
        from platform_lint.families.contracts.validate_values import default_problems, registry_for

        value = node.value
        if value.get("default") is None and value.get("nullable") is True:
            return
        if self.registry is None:
            self.registry = registry_for(self.docs, self.version)
        for message in default_problems(node, self.registry, self.version):
            self.report(node, f"default {message}", "default")


def _url_parameters(url: str) -> set[str]:
    try:
        return {field for _, field, _, _ in string.Formatter().parse(url) if field}
    except ValueError:
        return set()


def check_rules(documents: Mapping[str, Any], root: str, version: str) -> Iterator[Problem]:
    yield from Rules(documents, root, version).run()

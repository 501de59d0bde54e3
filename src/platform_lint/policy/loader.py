"""Load, validate and compose policy files into a :class:`Policy`.

A policy file may ``extends:`` built-in packs (``builtin:recommended``) and local
files (relative to the extending file, inside the same root), add rules, override
inherited rules (severity, level, params, enabled, ...) and declare waivers. Every
mistake is a :class:`ConfigError` naming file:line:column.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from platform_lint import safety
from platform_lint.errors import ConfigError, ConfigErrors
from platform_lint.families.registry import CHECK_TYPES
from platform_lint.model import Location
from platform_lint.policy.model import Condition, Policy, Rule, Settings, Waiver
from platform_lint.policy.validate import located_errors, params_validator, validate_document
from platform_lint.resources import builtin_policy_names, builtin_policy_path
from platform_lint.snapshot.scope import ScopeSettings
from platform_lint.yamlio import YamlDocument, load_yaml, to_plain

POLICY_FILE_NAMES = (
    ".platform-lint.yml",
    ".platform-lint.yaml",
    ".github/platform-lint.yml",
    ".github/platform-lint.yaml",
)
"""Where a repository's own policy is looked for, in this order."""

MAX_POLICY_BYTES = 256 * 1024
"""Bytes of policy read for one run: the policy and every file it extends, in all. The
round-trip YAML loader that locates every error reads about 100 KiB a second, and a policy
comes with the pull request; the built-in pack is about 27 KiB."""
MAX_POLICY_FILES = 32
"""Files one policy may extend, counted with their own extends (a list of thousands of
entries would otherwise load the same file thousands of times)."""
MAX_EXTENDS_DEPTH = 10
MAX_EXTENDS_PATH = 1024
"""Characters in one ``extends`` entry (a policy is hostile input; paths are short)."""


@dataclass(frozen=True)
class _Layer:
    """One loaded file: its document, rules and what it says about inherited ones."""

    doc: YamlDocument
    rules: tuple[Rule, ...]
    data: dict[str, Any]


def find_policy_file(root: Path) -> Path | None:
    """The first of :data:`POLICY_FILE_NAMES` present (a link counts: loading decides on it)."""
    for name in POLICY_FILE_NAMES:
        candidate = root / name
        if os.path.islink(candidate) or candidate.is_file():
            return candidate
    return None


def read_policy_text(path: Path, display: str) -> str:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ConfigError(f"cannot read the policy file: {exc.strerror or exc}", path=display) from None
    if size > MAX_POLICY_BYTES:
        raise ConfigError(
            f"the policy file is {size:,} bytes; the limit is {MAX_POLICY_BYTES:,}", path=display
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read the policy file: {exc.strerror or exc}", path=display) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"the policy file is not UTF-8 text (byte {exc.start})",
            path=display,
            line=data[: exc.start].count(b"\n") + 1,
        ) from None


class PolicyLoader:
    """Loads one policy file and everything it extends.

    ``today`` bounds waiver expiry; ``root`` is the directory local ``extends`` may not
    leave; ``display`` turns a filesystem path into the name shown in messages.
    """

    def __init__(
        self, today: dt.date, root: Path | None = None, display: Callable[[Path], str] | None = None
    ) -> None:
        self.today = today
        self.root = root.resolve() if root else None
        self._display = display or _default_display(self.root)
        self._bytes = 0  # policy text read so far, every extended file included
        self._files = 0
        self._no_folder = "a built-in policy can only extend other built-in policies"

    # -- entry points ------------------------------------------------------------

    def load_builtin(self, name: str = "recommended") -> Policy:
        self._bytes = self._files = 0
        return self._compose(self._load_ref(f"builtin:{name}", None, (), None))

    def load_file(self, path: Path) -> Policy:
        if self.root is not None and safety.lexically_inside(path, self.root):
            # a file in the repository: it may not be a link out of it, nor into .git
            shown = Path(os.path.abspath(path)).relative_to(Path(os.path.abspath(self.root))).as_posix()
            try:
                path = safety.confine_file(Path(os.path.abspath(path)), self.root)
            except safety.Unsafe as exc:
                raise ConfigError(f"the policy file is not read: {exc.reason}", path=shown) from None
        path = path.resolve()
        display = self._display(path)
        self._bytes = self._files = 0
        layers = self._load_chain(path, display, (), None)
        return self._compose(layers)

    def load_layered(self, base: str, text: str, display: str) -> Policy:
        """``text`` (a repository's own policy, shown as ``display``) composed on top of ``base``
        (a policy file or ``builtin:NAME``): its rules are added and its overrides and waivers
        apply to the base's rules, as if it extended the base. It has no folder of its own, so
        its ``extends`` may name only built-in packs; one the base already includes is not
        applied twice."""
        self._bytes = self._files = 0
        if base.startswith("builtin:"):
            layers = self._load_ref(base, None, (), None)
        else:
            path = Path(base).resolve()
            layers = self._load_chain(path, self._display(path), (), None)
        seen = {layer.doc.path for layer in layers}
        self._no_folder = "a policy composed on top of another can extend only built-in packs (builtin:NAME)"
        on_top = self._load_text(self._budget(text, None), display, None, ())
        return self._compose([*layers, *(layer for layer in on_top if layer.doc.path not in seen)])

    # -- loading -------------------------------------------------------------------

    def _load_chain(
        self, path: Path, display: str, stack: tuple[str, ...], where: Location | None
    ) -> list[_Layer]:
        text = self._budget(read_policy_text(path, display), where)
        return self._load_text(text, display, path.parent, stack)

    def _budget(self, text: str, where: Location | None) -> str:
        """``text``, once counted against the bytes and files one policy may read in all."""
        self._files += 1
        self._bytes += len(text.encode("utf-8", "surrogatepass"))
        problem = None
        if self._files > MAX_POLICY_FILES:
            problem = f"the policy extends more than {MAX_POLICY_FILES} files in all"
        elif self._bytes > MAX_POLICY_BYTES:
            problem = f"the policy and the files it extends hold more than {MAX_POLICY_BYTES:,} bytes in all"
        if problem is not None:
            raise _at(where, problem)
        return text

    def _load_text(
        self, text: str, display: str, base_dir: Path | None, stack: tuple[str, ...]
    ) -> list[_Layer]:
        if display in stack:
            chain = " -> ".join((*stack, display))
            raise ConfigError(f"'extends' forms a cycle: {chain}", path=stack[-1] if stack else display)
        if len(stack) >= MAX_EXTENDS_DEPTH:
            raise ConfigError(f"'extends' is nested more than {MAX_EXTENDS_DEPTH} deep", path=display)
        doc = load_yaml(text, display)
        if doc.data is None:
            raise ConfigError(
                "the policy file is empty; it needs at least 'version: 1'", path=display, line=1, column=1
            )
        errors = validate_document(doc)
        if errors:
            raise ConfigErrors(errors)
        data = doc.data
        layers: list[_Layer] = []
        for index, ref in enumerate(data.get("extends") or []):
            line, col = doc.position(["extends", index])
            layers.extend(self._load_ref(str(ref), base_dir, (*stack, display), Location(display, line, col)))
        rules = tuple(self._rule(doc, i, r) for i, r in enumerate(data.get("rules") or []))
        layers.append(_Layer(doc, rules, data))
        return layers

    def _load_ref(
        self, ref: str, base_dir: Path | None, stack: tuple[str, ...], where: Location | None
    ) -> list[_Layer]:
        def fail(message: str) -> ConfigError:
            if where is None:
                return ConfigError(message)
            return ConfigError(message, path=where.path, line=where.line, column=where.column)

        shown = _shown(ref)
        if ref.startswith("builtin:"):
            name = ref.split(":", 1)[1]
            if name not in builtin_policy_names():
                known = ", ".join(f"builtin:{n}" for n in builtin_policy_names())
                raise fail(f"unknown built-in policy {shown} (known: {known})")
            path = builtin_policy_path(name)
            text = self._budget(read_policy_text(path, ref), where)
            return self._load_text(text, ref, None, stack)
        if "://" in ref:
            raise fail(
                f"extends {shown}: policies are never fetched from the network; "
                "vendor the file into the repository"
            )
        if base_dir is None:
            raise fail(f"extends {shown}: {self._no_folder}")
        if len(ref) > MAX_EXTENDS_PATH:
            raise fail(f"extends {shown}: a path longer than {MAX_EXTENDS_PATH:,} characters is not read")
        if self.root is None:
            try:
                target = (base_dir / ref).resolve()
                found = target.is_file()
            except (OSError, RuntimeError) as exc:  # a name too long, a link loop
                raise fail(f"extends {shown} is not read: {getattr(exc, 'strerror', None) or exc}") from None
            if not found:
                raise fail(f"extends {shown}: no such file")
            return self._load_chain(target, self._display(target), stack, where)
        try:
            target = safety.confine_file(base_dir / ref, self.root)
        except safety.Unsafe as exc:
            if exc.problem == safety.OUTSIDE_ROOT:
                raise fail(f"extends {shown} points outside the repository") from None
            if exc.problem == safety.MISSING:
                raise fail(f"extends {shown}: no such file") from None
            raise fail(f"extends {shown} is not read: {exc.reason}") from None
        return self._load_chain(target, self._display(target), stack, where)

    def _rule(self, doc: YamlDocument, index: int, raw: Any) -> Rule:
        line, col = doc.position(["rules", index])
        plain = to_plain(raw)
        when = plain.get("when") or {}
        check = plain["check"]
        return Rule(
            id=plain["id"],
            title=plain["title"],
            characteristic=plain["characteristic"],
            level=plain["level"],
            severity=plain["severity"],
            check_type=check["type"],
            params=dict(check.get("params") or {}),
            remediation=plain["remediation"],
            docs=plain.get("docs"),
            when=Condition(tuple(when.get("any_file", ())), tuple(when.get("no_file", ()))),
            weight=float(plain.get("weight", 1.0)),
            enabled=bool(plain.get("enabled", True)),
            source=Location(doc.path, line, col),
            applies_to=tuple(plain.get("applies_to") or ()),
            journey=plain.get("journey"),
        )

    # -- composition ----------------------------------------------------------------

    def _compose(self, flat: list[_Layer]) -> Policy:
        rules: dict[str, Rule] = {}
        settings = Settings()
        errors: list[ConfigError] = []
        waivers: list[Waiver] = []
        scope = ScopeSettings()
        kind: str | None = None
        for layer in flat:
            scope = _merge_scope(scope, layer.data.get("scope") or {})
            kind = layer.data.get("kind") or kind
            for rule in layer.rules:
                if rule.id in rules:
                    first = rules[rule.id].source
                    errors.append(
                        _at(
                            rule.source,
                            f"rule {rule.id} is already defined at {first}; "
                            "change an inherited rule with 'overrides'",
                        )
                    )
                    continue
                rules[rule.id] = rule
            settings = _merge_settings(settings, layer.data.get("settings") or {})
            errors.extend(self._apply_overrides(layer, rules))
        for layer in flat:
            w, errs = self._waivers(layer, rules, settings)
            waivers.extend(w)
            errors.extend(errs)
        for rule in rules.values():
            errors.extend(_check_params(rule, flat))
        if errors:
            raise ConfigErrors(errors) if len(errors) > 1 else errors[0]
        policy = Policy(
            rules=tuple(rules.values()),
            waivers=tuple(waivers),
            settings=settings,
            sources=tuple(layer.doc.path for layer in flat),
            scope=scope,
            kind=None if kind is None else str(kind),
        )
        if not policy.enabled_rules:
            raise ConfigError(
                "the policy enables no rules, so nothing would be checked; "
                "extend builtin:recommended or add rules",
                path=flat[-1].doc.path,
                line=1,
                column=1,
            )
        return policy

    def _apply_overrides(self, layer: _Layer, rules: dict[str, Rule]) -> list[ConfigError]:
        errors: list[ConfigError] = []
        for rule_id, raw in (layer.data.get("overrides") or {}).items():
            line, col = layer.doc.position(["overrides", rule_id])
            where = Location(layer.doc.path, line, col)
            if rule_id not in rules:
                errors.append(_at(where, f"override of unknown rule {rule_id!r}{_suggest(rule_id, rules)}"))
                continue
            ov = to_plain(raw)
            rule = rules[rule_id]
            changes: dict[str, Any] = {
                k: ov[k]
                for k in ("enabled", "severity", "level", "remediation", "title", "journey")
                if k in ov
            }
            if "applies_to" in ov:
                changes["applies_to"] = tuple(ov["applies_to"])
            if "weight" in ov:
                changes["weight"] = float(ov["weight"])
            if "params" in ov:
                changes["params"] = {**rule.params, **ov["params"]}
            if "when" in ov:
                changes["when"] = Condition(
                    tuple(ov["when"].get("any_file", ())), tuple(ov["when"].get("no_file", ()))
                )
            rules[rule_id] = replace(rule, **changes)
        return errors

    def _waivers(
        self, layer: _Layer, rules: dict[str, Rule], settings: Settings
    ) -> tuple[list[Waiver], list[ConfigError]]:
        out: list[Waiver] = []
        errors: list[ConfigError] = []
        horizon = self.today + dt.timedelta(days=settings.max_waiver_days)
        for index, raw in enumerate(layer.data.get("waivers") or []):
            line, col = layer.doc.position(["waivers", index])
            where = Location(layer.doc.path, line, col)
            w = to_plain(raw)
            if w["rule"] not in rules:
                errors.append(
                    _at(where, f"waiver for unknown rule {w['rule']!r}{_suggest(w['rule'], rules)}")
                )
                continue
            expires = dt.date.fromisoformat(w["expires"])
            if expires > horizon:
                el, ec = layer.doc.position(["waivers", index, "expires"])
                errors.append(
                    ConfigError(
                        f"waiver expires {expires}, more than {settings.max_waiver_days} days ahead "
                        f"(latest allowed: {horizon}); waivers are meant to be revisited",
                        path=layer.doc.path,
                        line=el,
                        column=ec,
                    )
                )
                continue
            out.append(
                Waiver(
                    rule=w["rule"],
                    reason=w["reason"],
                    expires=expires,
                    paths=tuple(w.get("paths", ())),
                    approver=w.get("approver"),
                    source=where,
                )
            )
        return out, errors


def _check_params(rule: Rule, layers: list[_Layer]) -> list[ConfigError]:
    """Validate a rule's (possibly overridden) params against its check type's schema."""
    check_type = CHECK_TYPES[rule.check_type]
    errors = list(params_validator(dict(check_type.params_schema)).iter_errors(dict(rule.params)))
    if not errors:
        return []
    # point at the override that changed params when there is one, else at the rule
    for layer in reversed(layers):
        overrides = layer.data.get("overrides") or {}
        if rule.id in overrides and "params" in overrides[rule.id]:
            return located_errors(layer.doc, errors, ("overrides", rule.id, "params"))
    for layer in layers:
        for index, raw in enumerate(layer.data.get("rules") or []):
            if raw.get("id") == rule.id:
                return located_errors(layer.doc, errors, ("rules", index, "check", "params"))
    return [ConfigError(f"rule {rule.id}: {e.message}") for e in errors]


def _merge_scope(scope: ScopeSettings, raw: Any) -> ScopeSettings:
    """A later file's ``scope:`` adds to what the files it extends said."""
    plain = to_plain(raw)
    return ScopeSettings(
        product=scope.product + tuple(plain.get("product") or ()),
        exclude=scope.exclude + tuple((e["glob"], e["kind"]) for e in plain.get("exclude") or ()),
    )


def _merge_settings(settings: Settings, raw: Any) -> Settings:
    plain = to_plain(raw)
    return replace(
        settings,
        **{k: plain[k] for k in ("max_waiver_days", "waiver_warning_days", "docs_url") if k in plain},
    )


def _at(where: Location | None, message: str) -> ConfigError:
    if where is None:
        return ConfigError(message)
    return ConfigError(message, path=where.path, line=where.line, column=where.column)


def _shown(text: str, limit: int = 80) -> str:
    """``text`` quoted for a message, cut short when long (the policy may be hostile)."""
    return repr(text if len(text) <= limit else text[:limit] + "...")


def _suggest(rule_id: str, rules: dict[str, Rule]) -> str:
    import difflib

    close = difflib.get_close_matches(rule_id, list(rules), n=1)
    return f" (did you mean {close[0]}?)" if close else "; run 'platform-lint rules' to list them"


def _default_display(root: Path | None) -> Callable[[Path], str]:
    def display(path: Path) -> str:
        if root is not None:
            try:
                return path.resolve().relative_to(root).as_posix()
            except ValueError:
                pass
        return str(path)

    return display

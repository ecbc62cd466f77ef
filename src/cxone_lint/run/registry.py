"""Loading rule packs from the `cxone_lint.rules` entry-point group, and rule selection.

The engine never imports a pack by name; the built-in pack is registered in the project's own
pyproject exactly as a third-party pack would be. A pack that fails to load, or whose rules have
invalid metadata or clashing codes, is an error (exit 2): a compliance gate that silently loses
rules is worse than one that refuses to run.

The LINT prefix is the engine's own (cxone_lint.run.core_rules): a pack rule using it is refused,
so an engine finding never shares a code with a pack's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib.metadata import entry_points

from cxone_lint.api.pack import Option, RulePack
from cxone_lint.api.rule import Rule, validate_rule_class
from cxone_lint.run.core_rules import CORE_PACK
from cxone_lint.run.settings import ENGINE_KEYS, SettingsError

GROUP = "cxone_lint.rules"
ENGINE_PREFIX = "LINT"


@dataclass
class Registry:
    packs: list[RulePack]

    @property
    def rules(self) -> dict[str, type[Rule]]:
        out: dict[str, type[Rule]] = {}
        for pack in self.packs:
            out.update(pack.rule_by_code())
        return out

    @property
    def options(self) -> list[Option]:
        return [o for p in self.packs for o in p.options]

    @property
    def root_markers(self) -> list[str]:
        return [m for p in self.packs for m in p.root_markers]

    @property
    def prefixes(self) -> set[str]:
        return {code.rstrip("0123456789") for code in [*self.rules, *self.aliases]}

    @property
    def aliases(self) -> dict[str, str]:
        """Old code -> current code, for every pack."""
        return {old: new for pack in self.packs for old, new in pack.aliases.items()}

    def canonical(self, code: str) -> str:
        """The current code for a code a user wrote (an old code becomes its new one)."""
        return self.aliases.get(code.upper(), code)

    def renamed(self, selectors: Iterable[str]) -> list[str]:
        """Notes for selectors that only match through an old code (they keep working)."""
        out = []
        for sel in selectors:
            old = sel.strip().upper()
            if old in self.aliases:
                out.append(f"{old} is now {self.aliases[old]} (the old code keeps working)")
        return out

    def find(self, selector: str) -> type[Rule] | None:
        """A rule by code or kebab-case name."""
        rules = self.rules
        if selector.upper() in rules:
            return rules[selector.upper()]
        for rule in rules.values():
            if rule.name == selector:
                return rule
        return None

    def select(
        self, select: Sequence[str], extend_select: Sequence[str], ignore: Sequence[str]
    ) -> set[str]:
        """Codes enabled: ruff semantics (prefixes, names and ALL; the most specific wins)."""
        rules = self.rules
        chosen: set[str]
        if select:
            chosen = set()
            for sel in select:
                chosen |= self._match(sel)
        else:
            chosen = {c for c, r in rules.items() if r.default_enabled}
        for sel in extend_select:
            chosen |= self._match(sel)
        ignored: set[str] = set()
        for sel in ignore:
            ignored |= self._match(sel)
        # An ignore only loses to a select that is more specific than it (ruff's rule).
        for code in list(ignored):
            best_select = max(
                (len(s) for s in [*select, *extend_select] if self.matches(s, code)), default=-1
            )
            best_ignore = max((len(s) for s in ignore if self.matches(s, code)), default=-1)
            if best_select > best_ignore:
                ignored.discard(code)
        return chosen - ignored

    def unknown_selectors(self, selectors: Iterable[str]) -> list[str]:
        return [s for s in selectors if not self._match(s)]

    def _match(self, selector: str) -> set[str]:
        return {c for c in self.rules if self.matches(selector, c)}

    def matches(self, selector: str, code: str) -> bool:
        """Whether a selector (ALL, a code or code prefix, a rule name) covers a code. A
        selector that covered a renamed rule's old code still covers it (`CX01` keeps
        selecting what it selected before the rename)."""
        sel = selector.strip()
        upper = sel.upper()
        if upper == "ALL":
            return True
        rule = self.rules[code]
        if code.startswith(upper) or rule.name == sel:
            return True
        return any(old.startswith(upper) for old, new in self.aliases.items() if new == code)


def listing_order(rule: type[Rule]) -> tuple[bool, str]:
    """How rules are listed (`rules`, docs, SARIF): the engine's own first, then by code."""
    return (not rule.code.startswith(ENGINE_PREFIX), rule.code)


def load_registry(extra: Sequence[RulePack] = ()) -> Registry:
    packs: list[RulePack] = [CORE_PACK]
    for ep in sorted(entry_points(group=GROUP), key=lambda e: e.name):
        try:
            pack = ep.load()
        except Exception as exc:
            raise SettingsError(
                f"rule pack '{ep.name}' ({ep.value}) failed to load: {type(exc).__name__}: {exc}"
            ) from None
        if not isinstance(pack, RulePack):
            raise SettingsError(f"rule pack '{ep.name}' ({ep.value}) is not a RulePack")
        packs.append(pack)
    packs.extend(extra)
    return validated(packs)


def validated(packs: list[RulePack]) -> Registry:
    seen: dict[str, str] = {}
    problems: list[str] = []
    option_owner: dict[str, str] = {}
    for pack in packs:
        stamped = []
        for option in pack.options:
            if option.name in ENGINE_KEYS or option.name in option_owner:
                owner = "the engine" if option.name in ENGINE_KEYS else option_owner[option.name]
                problems.append(f"{pack.name}: option '{option.name}' is also declared by {owner}")
            option_owner[option.name] = pack.name
            stamped.append(dataclasses.replace(option, pack=pack.name))
        pack.options = stamped
        for rule in pack.rules:
            problems.extend(f"{pack.name}: {p}" for p in validate_rule_class(rule))
            declared = {o.name for o in pack.options}
            problems.extend(
                f"{pack.name}: {rule.__name__}: option `{name}` is not one of the pack's options"
                for name in getattr(rule, "options", ())
                if name not in declared
            )
            if pack is not CORE_PACK and rule.code.startswith(ENGINE_PREFIX):
                problems.append(
                    f"{pack.name}: code {rule.code}: the {ENGINE_PREFIX} prefix is the engine's"
                )
            if rule.code in seen:
                problems.append(f"{pack.name}: code {rule.code} is also used by {seen[rule.code]}")
            seen[rule.code] = pack.name
        own = {rule.code for rule in pack.rules}
        for old, new in pack.aliases.items():
            if new not in own:
                problems.append(f"{pack.name}: alias {old} names {new}, not a rule of the pack")
    for pack in packs:
        for old in pack.aliases:
            if old in seen:
                problems.append(f"{pack.name}: alias {old} is the code of a rule of {seen[old]}")
    if problems:
        raise SettingsError("invalid rule metadata:\n  " + "\n  ".join(problems))
    return Registry(packs)

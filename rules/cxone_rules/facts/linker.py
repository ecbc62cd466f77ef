"""The linker: phase two's first step, once per run, over every file's (cached) facts.

An extractor resolves what one file can; what it cannot, it leaves as holes in symbolic strings
(facts/symstr.py). The linker fills those holes from other files' facts and returns linked
copies of the facts: the per-file facts themselves are never changed, so they stay cacheable by
file content, and a change in one file never invalidates another file's cache.

Stages, each filling one or more kinds of hole:

1. `ImportStage` (import:MODULE:NAME): the value of a name another module exports (`Export`
   facts), found through the importing file's language's module system (`MODULE_SYSTEMS`:
   Python's dotted and relative modules, JavaScript's relative paths, PHP's includes,
   PowerShell's dot-sourcing and `Import-Module`).
2. `EnvStage` (env:NAME): the value a `.env` file gives (`EnvValue` facts), from the nearest
   `.env` in the reading file's folder or above it. Only values facts may keep (URLs, words)
   ever fill a hole: a secret in `.env` stays a hole.

Later stages plug in the same way (a `Stage` with `holes`, `index` and `value`):
`param:x` against the call sites of the function (`CallSite` facts), `key:a.b` /
`config:file#a.b` against the keys of configuration documents (`ConfigValue` facts).

What a file gives itself wins: a hole with a stand-in (an environment variable's default in
`getenv("X", "https://...")`, a transparent encoder of known text) keeps it; the linker fills
only what the file leaves unknown.

A filled value may have holes of its own (a constant built from another import): the linker
resolves it again in the context of the file it came from, up to `MAX_DEPTH` steps, so import
cycles end. `alt` holes (one of several readings) settle on the first complete alternative.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from cxone_lint.api.facts import Fact
from cxone_rules.facts.kinds import EnvValue, Export, ModuleAlias
from cxone_rules.facts.symstr import Hole, SymStr

MAX_DEPTH = 8

Resolution = tuple[SymStr, Fact]
"""A hole's value and the fact it came from (whose file gives the context of its own holes)."""


class Stage(Protocol):
    holes: frozenset[str]

    def index(self, facts: Mapping[str, Sequence[Fact]]) -> None:
        """Collect what the project's files offer (called once per run, before `value`)."""

    def value(self, hole: Hole, where: Fact) -> Resolution | None:
        """The value of `hole` as read in `where`'s file, or None when not known."""


# -- module systems ----------------------------------------------------------------------------


class ModuleSystem(Protocol):
    def module_of(self, rel: str) -> str | None:
        """The module a file is, as importers name it (None: not importable)."""

    def resolve(self, spec: str, importer: str, modules: Mapping[str, Any]) -> str | None:
        """The key in `modules` that `spec`, as written in `importer`, refers to."""


class PythonModules:
    """Dotted module names from paths (`src/pkg/config.py` -> `src.pkg.config`); relative
    imports against the importing file; a unique suffix match for src/ layouts."""

    def module_of(self, rel: str) -> str | None:
        return python_module_name(rel) if rel.endswith(".py") else None

    def resolve(self, spec: str, importer: str, modules: Mapping[str, Any]) -> str | None:
        wanted = absolute_module(spec, importer)
        if wanted in modules:
            return wanted
        hits = [name for name in modules if name.endswith("." + wanted)]
        return hits[0] if len(hits) == 1 else None


def python_module_name(rel: str) -> str:
    """`src/pkg/config.py` -> `src.pkg.config` (package `__init__` -> the package)."""
    name = rel[:-3] if rel.endswith(".py") else rel
    name = name.replace("/", ".")
    return name.removesuffix(".__init__")


def absolute_module(ref_module: str, importer_rel: str) -> str:
    """Resolve a relative module (`.config`, `..util`) against the importing file."""
    if not ref_module.startswith("."):
        return ref_module
    level = len(ref_module) - len(ref_module.lstrip("."))
    package = python_module_name(importer_rel).split(".")
    if not importer_rel.endswith("__init__.py"):
        package = package[:-1]
    package = package[: len(package) - (level - 1)] if level > 1 else package
    rest = ref_module.lstrip(".")
    return ".".join([*package, rest] if rest else package)


class PathModules:
    """Modules named by their project path without the suffix (`lib/config.php` ->
    `lib.config`), as the extractor writes what a file includes: PHP's `require`/`include`
    (and a class's short name for `Endpoints::TOKEN_URL`), PowerShell's dot-sourcing and
    `Import-Module` of a path. A unique suffix match covers a moved root and class names."""

    def __init__(self, suffixes: tuple[str, ...], fold_case: bool = False) -> None:
        self.suffixes = suffixes
        self.fold_case = fold_case  # PowerShell: paths and names are case-blind on Windows

    def module_of(self, rel: str) -> str | None:
        low = rel.lower() if self.fold_case else rel
        for suffix in self.suffixes:
            if low.endswith(suffix):
                return rel[: -len(suffix)].replace("/", ".")
        return None

    def resolve(self, spec: str, importer: str, modules: Mapping[str, Any]) -> str | None:
        if spec in modules:
            return spec
        fold = str.lower if self.fold_case else str
        wanted = fold(spec)
        hits = [n for n in modules if fold(n) == wanted or fold(n).endswith("." + wanted)]
        return hits[0] if len(hits) == 1 else None


_JS_SUFFIXES = (".tsx", ".jsx", ".mts", ".cts", ".mjs", ".cjs", ".ts", ".js")


class JavaScriptModules:
    """`src/nice/index.ts` is `src.nice` and `src/config.js` is `src.config`, as the
    extractor writes a relative import (`../nice` from `src/methods/x.ts`); packages
    (`axios`) are not project modules. A unique suffix match covers a moved root."""

    def module_of(self, rel: str) -> str | None:
        for suffix in _JS_SUFFIXES:
            if rel.endswith(suffix) and not rel.endswith((".d.ts", ".d.mts", ".d.cts")):
                return rel[: -len(suffix)].replace("/", ".").removesuffix(".index")
        return None

    def resolve(self, spec: str, importer: str, modules: Mapping[str, Any]) -> str | None:
        if spec in modules:
            return spec
        hits = [name for name in modules if name.endswith("." + spec)]
        return hits[0] if len(hits) == 1 else None


MODULE_SYSTEMS: dict[str, ModuleSystem] = {
    "python": PythonModules(),
    "javascript": JavaScriptModules(),
    "php": PathModules((".php", ".phtml", ".inc")),
    "powershell": PathModules((".ps1", ".psm1"), fold_case=True),
}
"""By fact language. A language whose files import each other adds its entry here."""


# -- stages ------------------------------------------------------------------------------------


class ImportStage:
    """import:MODULE:NAME -> the `Export` named NAME of the module MODULE resolves to."""

    holes = frozenset({"import"})

    def __init__(self, systems: Mapping[str, ModuleSystem] | None = None) -> None:
        self.systems = dict(systems if systems is not None else MODULE_SYSTEMS)
        # language -> module -> name -> the Export fact
        self.exports: dict[str, dict[str, dict[str, Export]]] = {}

    def index(self, facts: Mapping[str, Sequence[Fact]]) -> None:
        self.exports = {}
        self.aliases: list[tuple[str, str, bool]] = []
        for items in facts.values():
            for item in items:
                if isinstance(item, ModuleAlias):
                    self.aliases.append((item.prefix, item.target, item.wildcard))
        for rel, items in facts.items():
            language = items[0].language if items else ""
            system = self.systems.get(language)
            module = system.module_of(rel) if system is not None else None
            if module is None:
                continue
            # Every module counts, with exports or not: a suffix match must be unique among
            # all of them, not only among those that export something.
            names = self.exports.setdefault(language, {}).setdefault(module, {})
            for item in items:
                if isinstance(item, Export):
                    names.setdefault(item.name, item)

    def value(self, hole: Hole, where: Fact) -> Resolution | None:
        spec, sep, name = hole.name.rpartition(":")
        system = self.systems.get(where.language)
        modules = self.exports.get(where.language, {})
        if not sep or system is None or not modules or not name:
            return None
        module = system.resolve(self._unaliased(spec), where.file, modules)
        names = modules.get(module, {}) if module is not None else {}
        found = names.get(name)
        if found is None:
            # `export * from "./urls"`: the name may come from a module re-exported whole.
            for key, star in names.items():
                if key.startswith("*") and star.value.pieces:
                    piece = star.value.pieces[0]
                    target = piece.name if isinstance(piece, Hole) else ""
                    inner = modules.get(system.resolve(target, star.file, modules) or "", {})
                    if name in inner:
                        found = inner[name]
                        break
        return (found.value, found) if found is not None else None

    def _unaliased(self, spec: str) -> str:
        """An aliased import (`@/config/urls`) as the project module it names."""
        for prefix, target, wildcard in self.aliases:
            if wildcard and spec.startswith(prefix):
                rest = spec[len(prefix) :].replace("/", ".")
                return f"{target}.{rest}" if target else rest
            if not wildcard and spec == prefix:
                return target
        return spec


class EnvStage:
    """env:NAME -> the value of NAME in the nearest `.env` above the reading file."""

    holes = frozenset({"env"})

    def __init__(self) -> None:
        # folder ("" for the root) -> NAME -> EnvValue
        self.by_folder: dict[str, dict[str, EnvValue]] = {}

    def index(self, facts: Mapping[str, Sequence[Fact]]) -> None:
        self.by_folder = {}
        for rel, items in facts.items():
            folder, _, name = rel.rpartition("/")
            if name != ".env":
                continue  # .env.example documents variables; it sets none
            for item in items:
                if isinstance(item, EnvValue):
                    self.by_folder.setdefault(folder, {}).setdefault(item.name, item)

    def value(self, hole: Hole, where: Fact) -> Resolution | None:
        folder = where.file.rpartition("/")[0]
        while True:
            found = self.by_folder.get(folder, {}).get(hole.name)
            if found is not None:
                return (found.value, found) if found.value is not None else None
            if not folder:
                return None
            folder = folder.rpartition("/")[0]


def default_stages() -> list[Stage]:
    return [ImportStage(), EnvStage()]


# -- the linker --------------------------------------------------------------------------------


class Linker:
    def __init__(self, stages: Iterable[Stage] | None = None) -> None:
        self.stages = list(stages) if stages is not None else default_stages()
        self._by_hole: dict[str, Stage] = {}
        for stage in self.stages:
            for kind in stage.holes:
                self._by_hole.setdefault(kind, stage)

    def link(self, facts: Mapping[str, Sequence[Fact]]) -> dict[str, list[Fact]]:
        """Linked copies of every file's facts (a fact with nothing to fill is returned as is)."""
        for stage in self.stages:
            stage.index(facts)
        return {rel: [self.link_fact(f) for f in items] for rel, items in facts.items()}

    def link_fact(self, fact: Fact) -> Fact:
        changes: dict[str, Any] = {}
        for name in symbolic_fields(type(fact)):
            value = getattr(fact, name)
            if isinstance(value, SymStr) and any(True for _ in value.holes()):
                filled = self.resolve(value, fact)
                if filled is not value:
                    changes[name] = filled
        return dataclasses.replace(fact, **changes) if changes else fact

    def resolve(self, value: SymStr, where: Fact, depth: int = 0) -> SymStr:
        """`value` with every hole filled that some stage knows, as read in `where`'s file."""
        if depth >= MAX_DEPTH:
            return value

        def value_of(hole: Hole) -> SymStr | None:
            if hole.kind == "alt":
                if hole.args and hole.args[0].known:
                    return None
                return next((a for a in hole.args if a.known), None)
            if hole.stand_in() is not None:
                return None  # what the file itself gives (a default) is what it means
            stage = self._by_hole.get(hole.kind)
            found = stage.value(hole, where) if stage is not None else None
            if found is None:
                return None
            sym, origin = found
            return self.resolve(sym, origin, depth + 1)

        return value.fill(value_of)


_SYMBOLIC: dict[type, tuple[str, ...]] = {}


def symbolic_fields(cls: type) -> tuple[str, ...]:
    """The fields of a fact kind that hold symbolic strings."""
    found = _SYMBOLIC.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        found = tuple(
            f.name
            for f in dataclasses.fields(cls)
            if hints[f.name] is SymStr or SymStr in typing.get_args(hints[f.name])
        )
        _SYMBOLIC[cls] = found
    return found

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
import posixpath
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol

from cxone_lint.api.facts import Fact
from cxone_rules.facts.kinds import (
    CallSite,
    ConfigValue,
    EnvValue,
    Export,
    Function,
    ModuleAlias,
)
from cxone_rules.facts.symstr import Hole, SymStr

MAX_DEPTH = 8
# Bounds on one resolution: how many holes it may look up, and how many pieces a value filled in
# may have. Real code needs a few dozen lookups; a generated or vendored module whose constants
# are built from each other (each value naming several others) would otherwise expand
# exponentially with MAX_DEPTH, in time and memory. Past a bound, holes stay holes.
MAX_LOOKUPS = 400
MAX_PIECES = 256

Resolution = tuple[SymStr, Fact]
"""A hole's value and the fact it came from (whose file gives the context of its own holes)."""

OriginKey = tuple[str, str, int, int, int, int]


def origin_key(fact: Fact) -> OriginKey:
    """What identifies a fact across copies (`dataclasses.replace` keeps it)."""
    return (fact.type_name, fact.file, fact.line, fact.column, fact.end_line, fact.end_column)


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

    def __init__(self) -> None:
        # (wanted, id of the module table) -> the module a suffix names, or None
        self._suffix: dict[tuple[str, int], str | None] = {}

    def module_of(self, rel: str) -> str | None:
        return python_module_name(rel) if rel.endswith(".py") else None

    def resolve(self, spec: str, importer: str, modules: Mapping[str, Any]) -> str | None:
        wanted = absolute_module(spec, importer)
        if wanted in modules:
            return wanted
        key = (wanted, id(modules))
        if key not in self._suffix:
            hits = [name for name in modules if name.endswith("." + wanted)]
            self._suffix[key] = hits[0] if len(hits) == 1 else None
        return self._suffix[key]


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

    def __init__(self) -> None:
        self._suffix: dict[tuple[str, int], str | None] = {}

    def module_of(self, rel: str) -> str | None:
        for suffix in _JS_SUFFIXES:
            if rel.endswith(suffix) and not rel.endswith((".d.ts", ".d.mts", ".d.cts")):
                return rel[: -len(suffix)].replace("/", ".").removesuffix(".index")
        return None

    def resolve(self, spec: str, importer: str, modules: Mapping[str, Any]) -> str | None:
        if spec in modules:
            return spec
        key = (spec, id(modules))
        if key not in self._suffix:
            hits = [name for name in modules if name.endswith("." + spec)]
            self._suffix[key] = hits[0] if len(hits) == 1 else None
        return self._suffix[key]


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
        for table in self.systems.values():
            memo = getattr(table, "_suffix", None)
            if isinstance(memo, dict):
                memo.clear()
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
        if spec:
            module = system.resolve(self._unaliased(spec), where.file, modules)
        else:  # `:NAME`: the reading file's own module (what a local function returns)
            module = system.module_of(where.file)
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


class ParamStage:
    """param:FUNCTION:x -> what the call sites of FUNCTION pass for x, one level: the calls
    in the same file (`CallSite.callee` ":FUNCTION") and in files that import it, found through
    the module system as imports are. Several call sites give `each` of their values (a rule
    that checks one value checks every call); the values are read in the calling file."""

    holes = frozenset({"param"})

    def __init__(self, systems: Mapping[str, ModuleSystem] | None = None) -> None:
        self.systems = dict(systems if systems is not None else MODULE_SYSTEMS)
        # (file, function) -> its Function fact
        self.functions: dict[tuple[str, str], Function] = {}
        # (language, module, function) -> call sites
        self.calls: dict[tuple[str, str, str], list[CallSite]] = {}
        self._pending: list[CallSite] = []
        self._modules: dict[str, dict[str, str]] = {}
        # Set by the linker: resolves a value in a call site's own file.
        self.resolve: Callable[[SymStr, Fact], SymStr] | None = None
        self._active: set[tuple[str, str]] = set()

    def index(self, facts: Mapping[str, Sequence[Fact]]) -> None:
        self.functions = {}
        self.calls = {}
        self._pending = []
        self._modules = {}  # language -> module -> file
        for table in self.systems.values():
            memo = getattr(table, "_suffix", None)
            if isinstance(memo, dict):
                memo.clear()  # keyed by the id of a module table: tables of a past run go
        for rel, items in facts.items():
            language = items[0].language if items else ""
            known = self.systems.get(language)
            module = known.module_of(rel) if known is not None else None
            if module is not None:
                self._modules.setdefault(language, {})[module] = rel
            for item in items:
                if isinstance(item, Function):
                    self.functions.setdefault((rel, item.name), item)
                elif isinstance(item, CallSite):
                    self._pending.append(item)
        for site in self._pending:
            spec, _, name = site.callee.rpartition(":")
            used = self.systems.get(site.language)
            modules = self._modules.get(site.language, {})
            if used is None:
                continue
            here = used.module_of(site.file)
            module = used.resolve(spec, site.file, modules) if spec else here
            if module is not None:
                self.calls.setdefault((site.language, module, name), []).append(site)

    def value(self, hole: Hole, where: Fact) -> Resolution | None:
        function, sep, param = hole.name.rpartition(":")
        found = self.functions.get((where.file, function)) if sep else None
        system = self.systems.get(where.language)
        if found is None or system is None or param not in found.params:
            return None
        module = system.module_of(where.file)
        sites = self.calls.get((where.language, module or "", function), [])
        position = found.params.index(param)
        values: list[SymStr] = []
        first: CallSite | None = None
        for site in sites:
            given = dict(site.keywords).get(param)
            if given is None:
                index = position - (1 if found.method and site.bound else 0)
                if 0 <= index < len(site.args):
                    given = site.args[index]
            if given is not None and given not in values:
                values.append(given)
                first = first or site
        if not values or first is None:
            return None
        if len(values) == 1:
            return values[0], first
        key = (where.file, hole.name)
        if self.resolve is not None and key not in self._active:
            # Each call site's value means what it means in its own file.
            self._active.add(key)
            try:
                owners = [
                    next(site for site in sites if v in (*site.args, *dict(site.keywords).values()))
                    for v in values
                ]
                values = [self.resolve(v, site) for v, site in zip(values, owners, strict=True)]
            finally:
                self._active.discard(key)
        return SymStr((Hole("each", args=tuple(values)),)), first


class ConfigStage:
    """config:FILE#a.b -> the value at key path a.b of the configuration document FILE
    (`ConfigValue` facts). FILE is the path the code opens, as written: taken from the project
    root, then from the reading file's folder, then as the unique document whose path ends
    with it; empty (a path this file cannot tell) means the unique document with that key."""

    holes = frozenset({"config"})

    def __init__(self) -> None:
        self.documents: dict[str, dict[str, ConfigValue]] = {}
        self._by_key: dict[str, list[ConfigValue]] = {}

    def index(self, facts: Mapping[str, Sequence[Fact]]) -> None:
        self.documents = {}
        self._by_key = {}
        for rel, items in facts.items():
            for item in items:
                if isinstance(item, ConfigValue):
                    self.documents.setdefault(rel, {}).setdefault(item.key, item)
                    self._by_key.setdefault(item.key, []).append(item)

    def document(self, spec: str, reader: str) -> str | None:
        """The project file a path written in `reader` names."""
        spec = spec.replace("\\", "/").removeprefix("./")
        if spec in self.documents:
            return spec
        folder = reader.rpartition("/")[0]
        joined = posixpath.normpath(posixpath.join(folder, spec)) if folder else spec
        if joined in self.documents:
            return joined
        hits = [rel for rel in self.documents if rel.endswith("/" + spec.lstrip("/"))]
        return hits[0] if len(hits) == 1 else None

    def value(self, hole: Hole, where: Fact) -> Resolution | None:
        spec, _, key = hole.name.partition("#")
        if not key:
            return None
        if spec:
            rel = self.document(spec, where.file)
            found = self.documents.get(rel, {}).get(key) if rel is not None else None
        else:
            candidates = self._by_key.get(key, [])
            found = candidates[0] if len({c.file for c in candidates}) == 1 else None
        return (found.value, found) if found is not None else None


def default_stages() -> list[Stage]:
    return [ImportStage(), EnvStage(), ParamStage(), ConfigStage()]


# -- the linker --------------------------------------------------------------------------------


class Linker:
    def __init__(self, stages: Iterable[Stage] | None = None) -> None:
        self.stages = list(stages) if stages is not None else default_stages()
        self._by_hole: dict[str, Stage] = {}
        for stage in self.stages:
            if isinstance(stage, ParamStage):
                stage.resolve = self.resolve
            for kind in stage.holes:
                self._by_hole.setdefault(kind, stage)

    def link(self, facts: Mapping[str, Sequence[Fact]]) -> dict[str, list[Fact]]:
        """Linked copies of every file's facts (a fact with nothing to fill is returned as is)."""
        self.origins: dict[OriginKey, dict[str, tuple[Fact, ...]]] = {}
        for stage in self.stages:
            stage.index(facts)
        return {rel: [self.link_fact(f) for f in items] for rel, items in facts.items()}

    def link_fact(self, fact: Fact) -> Fact:
        changes: dict[str, Any] = {}
        sources: dict[str, tuple[Fact, ...]] = {}
        for name in symbolic_fields(type(fact)):
            value = getattr(fact, name)
            if isinstance(value, SymStr) and any(True for _ in value.holes()):
                trail: list[Fact] = []
                filled = self.resolve(value, fact, trail=trail)
                if filled is not value:
                    changes[name] = filled
                    if trail:
                        sources[name] = tuple(trail)
        if sources:
            self.origins[origin_key(fact)] = sources
        return dataclasses.replace(fact, **changes) if changes else fact

    def origins_of(self, fact: Fact, field: str | None = None) -> tuple[Fact, ...]:
        """The facts whose values filled `fact`'s holes (of one field, or of all), in the order
        they were used: where an imported constant, a `.env` value or a configuration value is
        written, for a finding's related locations."""
        table: dict[OriginKey, dict[str, tuple[Fact, ...]]] = getattr(self, "origins", {})
        found = table.get(origin_key(fact), {})
        if field is not None:
            return found.get(field, ())
        return tuple(f for items in found.values() for f in items)

    def resolve(
        self,
        value: SymStr,
        where: Fact,
        depth: int = 0,
        trail: list[Fact] | None = None,
        budget: list[int] | None = None,
    ) -> SymStr:
        """`value` with every hole filled that some stage knows, as read in `where`'s file;
        the facts that gave values are appended to `trail` (the outermost first). `budget` is
        the lookups left to this resolution (MAX_LOOKUPS when it starts)."""
        if depth >= MAX_DEPTH:
            return value
        if budget is None:
            budget = [MAX_LOOKUPS]

        def value_of(hole: Hole) -> SymStr | None:
            if budget[0] <= 0:
                return None
            budget[0] -= 1
            if hole.kind == "alt":
                if hole.args and hole.args[0].known:
                    return None
                return next((a for a in hole.args if a.known), None)
            if hole.stand_in() is not None and hole.kind not in ("config", "param"):
                return None  # what the file itself gives (a default) is what it means
            # A config key's default and a parameter's default stand in only when nothing
            # fills the hole (the document has no such key, no caller passes the argument).
            stage = self._by_hole.get(hole.kind)
            found = stage.value(hole, where) if stage is not None else None
            if found is None:
                return None  # a config key's default (`.get(key, default)`) stands in
            sym, origin = found
            added = trail is not None and origin not in trail
            if trail is not None and added:
                trail.append(origin)
            filled = self.resolve(sym, origin, depth + 1, trail, budget)
            if len(filled.pieces) > MAX_PIECES:
                if trail is not None and added:
                    trail.remove(origin)
                return None
            return filled

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

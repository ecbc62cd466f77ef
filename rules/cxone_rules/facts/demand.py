"""Which files triage deferred the linker and the rules need after all (the pack's `demand`,
api/pack.py).

Triage (extract/python/triage.py) defers every extractor on a Python file that shows no
evidence of anything a rule reads in the file itself. Such a file can still matter through
other files: what it exports may fill a hole of a file that was analysed, what it passes to a
function of an analysed file may fill that function's parameters, and a few context facts are
read across files. Asked after phase one, `demand` names the deferred files that can, from
the facts of the files analysed so far:

1. a hole `import:MODULE:NAME` (a value, or what `NAME()` returns) or a call site's callee
   `MODULE:NAME` in an analysed Python file: the file MODULE resolves to (its exports, its
   function's return summary, the sinks its parameters reach);
2. an analysed file with a `param:` hole (its callers' values fill it), a return summary of a
   sensitive value (secrets.py `Export` `f()`: an importer may print it), a token holder or a
   token request (`TokenUse`, `TokenRequest`: CX801 asks who imports the holder, CX802 whose
   loops call the function that requests): every deferred file that imports it;
3. an `AuthorizeRequest` anywhere: every deferred file that may compare a state (CX813 looks
   for the comparison in the whole project); an `HttpRoute` in a Python file: the deferred
   modules it imports that may hand out a token (CX904 follows the route's calls).

The engine analyses those files in full and asks again, so a chain is followed as far as it
leads. Module names resolve as the linker's (linker.py `PythonModules`), except that an
ambiguous suffix names every candidate: asking for too much costs time, asking for too little
would lose a finding.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from cxone_lint.api.context import FileResult
from cxone_rules.facts.linker import absolute_module, python_module_name

_SENSITIVE_EXTRACTOR = "cxone.secrets"
# Facts of a file that rules read together with what its importers do (rule 2).
_READ_BY_IMPORTERS = frozenset({"TokenUse", "TokenRequest"})


def demand(results: Mapping[str, FileResult]) -> set[str]:
    modules: dict[str, str] = {}  # module -> file, every Python file with facts
    deferred: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}  # file -> imports, context
    for rel, result in results.items():
        if rel.endswith(".py") and result.facts:
            modules[python_module_name(rel)] = rel
            if result.deferred:
                deferred[rel] = _deferred(result)
    if not deferred:
        return set()
    named: set[tuple[str, str]] = set()  # (module spec, the file naming it)
    importers_of: set[str] = set()
    routed: set[tuple[str, str]] = set()
    callbacks = False
    for rel, result in results.items():
        if rel in deferred:
            continue
        for kind, fact, extractor, language in _facts(result):
            if kind == "AuthorizeRequest":
                callbacks = True
            if language != "python":
                continue
            if kind == "CallSite":
                spec = str(fact.get("callee", "")).rpartition(":")[0]
                if spec:
                    named.add((spec, rel))
            elif kind in _READ_BY_IMPORTERS or (
                kind == "Export" and extractor == _SENSITIVE_EXTRACTOR
            ):
                importers_of.add(rel)
            elif kind == "HttpRoute":
                routed.add((rel, ""))
            elif kind == "Import":
                module, name = str(fact.get("module", "")), str(fact.get("name", ""))
                routed.add((rel, module))
                if name:
                    routed.add((rel, f"{module}.{name}"))
            for hole_kind, hole_name in _holes(fact):
                if hole_kind == "import":
                    spec = hole_name.rpartition(":")[0]
                    if spec:
                        named.add((spec, rel))
                elif hole_kind == "param":
                    importers_of.add(rel)
    wanted: set[str] = set()
    for spec, rel in named:
        wanted.update(_files(spec, rel, modules))
    route_files = {rel for rel, spec in routed if not spec}
    for rel, spec in routed:
        if spec and rel in route_files:
            for target in _files(spec, rel, modules):
                if target in deferred and "hand" in deferred[target][1]:
                    wanted.add(target)
    for rel, (specs, context) in deferred.items():
        imports = (target for spec in specs for target in _files(spec, rel, modules))
        if (callbacks and "callback" in context) or any(t in importers_of for t in imports):
            wanted.add(rel)
    return {rel for rel in wanted if rel in deferred}


def _deferred(result: FileResult) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What triage recorded about a deferred file: its imports and its context facts."""
    modules: list[str] = []
    context: list[str] = []
    for kind, fact, _extractor, _language in _facts(result):
        if kind == "Deferred":
            modules.extend(str(m) for m in fact.get("modules", ()))
            context.extend(str(c) for c in fact.get("context", ()))
    return tuple(modules), tuple(context)


def _facts(result: FileResult) -> Iterator[tuple[str, dict[str, Any], str, str]]:
    """(kind, fact JSON, extractor, language) of every fact of a file's result."""
    for extractor, stored in result.facts.items():
        if not isinstance(stored, dict):
            continue
        for batch in stored.values():
            if not isinstance(batch, dict):
                continue
            language = str(batch.get("language", ""))
            for fact in batch.get("facts", ()):
                if isinstance(fact, dict):
                    yield str(fact.get("t", "")), fact, extractor, language


def _holes(data: Any) -> Iterator[tuple[str, str]]:
    """Every hole in a fact's JSON (symstr.py `Hole.to_json`: {"h": kind, "n": name})."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            kind = item.get("h")
            if isinstance(kind, str):
                yield kind, str(item.get("n", ""))
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _files(spec: str, importer: str, modules: Mapping[str, str]) -> list[str]:
    """The files a module spec written in `importer` may name: by exact name, else every
    module whose name ends with it (a src/ layout, a moved root)."""
    wanted = absolute_module(spec, importer)
    if wanted in modules:
        return [modules[wanted]]
    suffix = "." + wanted
    return [rel for name, rel in modules.items() if name.endswith(suffix)]

"""Which files triage deferred the linker needs after all (the pack's `demand`, api/pack.py).

Triage (extract/python/triage.py) defers every extractor on a Python file that shows no
evidence of anything a rule reads. Such a file can still matter through linking: what it
exports may fill a hole of a file that was analysed, and what it passes to a function of an
analysed file may fill that function's parameters. Asked after phase one, `demand` names the
deferred files that can, from the facts of the files analysed so far:

1. a hole `import:MODULE:NAME` (a value, or what `NAME()` returns) or a call site's callee
   `MODULE:NAME` in an analysed file: the file MODULE resolves to (its exports, its function's
   return summary, and the sinks its parameters reach, which the call fills);
2. an analysed file with a `param:` hole (its callers' values fill it), a return summary of a
   sensitive value (secrets.py `Export` `f()`: an importer may print it), or a token holder
   (`TokenUse`: CX801 asks who imports it): every deferred file that imports it.

The engine analyses those files in full and asks again, so a chain of imports is followed as
far as the holes lead (the linker itself stops at MAX_DEPTH). Module names resolve as the
linker's (linker.py `PythonModules`), except that an ambiguous suffix names every candidate:
asking for too much costs time, asking for too little would lose a finding.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from cxone_lint.api.context import FileResult
from cxone_rules.facts.linker import absolute_module, python_module_name

_SENSITIVE_EXTRACTOR = "cxone.secrets"


def demand(results: Mapping[str, FileResult]) -> set[str]:
    modules: dict[str, str] = {}  # module -> file, every Python file with facts
    deferred: dict[str, tuple[str, ...]] = {}  # file -> the modules it imports, as written
    for rel, result in results.items():
        if rel.endswith(".py") and result.facts:
            modules[python_module_name(rel)] = rel
            if result.deferred:
                deferred[rel] = _deferred_imports(result)
    if not deferred:
        return set()
    wanted: set[str] = set()
    imported: set[str] = set()  # analysed files whose deferred importers are needed
    for rel, result in results.items():
        if rel in deferred or not rel.endswith(".py") or not result.facts:
            continue
        for spec, opens_importers in _references(result):
            if spec is None:
                if opens_importers:
                    imported.add(rel)
                continue
            wanted.update(_files(spec, rel, modules))
    for rel, specs in deferred.items():
        if any(target in imported for spec in specs for target in _files(spec, rel, modules)):
            wanted.add(rel)
    return {rel for rel in wanted if rel in deferred}


def _deferred_imports(result: FileResult) -> tuple[str, ...]:
    out: list[str] = []
    for batch in result.facts.values():
        for fact in _python_facts_of(batch):
            if fact.get("t") == "DeferredImports":
                out.extend(str(m) for m in fact.get("modules", ()))
    return tuple(out)


def _references(result: FileResult) -> Iterator[tuple[str | None, bool]]:
    """(module spec, False) for each module the file's facts name; (None, True) when the
    file leaves something its importers fill or read."""
    for name, batch in result.facts.items():
        for fact in _python_facts_of(batch):
            kind = fact.get("t")
            if kind == "CallSite":
                spec = str(fact.get("callee", "")).rpartition(":")[0]
                if spec:
                    yield spec, False
            elif kind == "TokenUse" or (kind == "Export" and name == _SENSITIVE_EXTRACTOR):
                yield None, True
            for hole_kind, hole_name in _holes(fact):
                if hole_kind == "import":
                    spec = hole_name.rpartition(":")[0]
                    if spec:
                        yield spec, False
                elif hole_kind == "param":
                    yield None, True


def _python_facts_of(batch: Any) -> Iterator[dict[str, Any]]:
    if isinstance(batch, dict):
        for inner in batch.values():
            if isinstance(inner, dict) and inner.get("language") == "python":
                for fact in inner.get("facts", ()):
                    if isinstance(fact, dict):
                        yield fact


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
    """The files a module spec written in `importer` may name: the module itself, and for
    `from pkg import sub` the submodule, by exact name or else by every suffix match."""
    wanted = absolute_module(spec, importer)
    if wanted in modules:
        return [modules[wanted]]
    suffix = "." + wanted
    return [rel for name, rel in modules.items() if name.endswith(suffix)]

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
2. every deferred file that imports an analysed file which has a parameter its callers' values
   must fill: one a fact reads (a request's URL, a TLS flag), one an export returns that
   another file reads, one passed on to such a parameter of the function a call reaches (to a
   fixpoint); or which returns a sensitive value (secrets.py `Export` `f()`: an importer may
   print it or pass it on), or whose return summary a call fills with a secret; or which holds
   or requests a token (`TokenUse`, `TokenRequest`: CX801 asks who imports the holder, CX802
   whose loops call the function that requests). A parameter that only reaches a sink needs no
   callers but those with evidence: a sensitive value starts in a file with evidence, and its
   way to the sink (a call: rule 1; an export: this rule) brings the files between back;
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
# Facts whose parameter holes only pass a value on (to a call, a return summary) or wait for a
# sensitive value that can only come from a file with evidence (a sink): they need the
# callers' values only if what they pass it to does (`_Seen.open_parameters`).
_PARAMETER_CHAINS = frozenset({"CallSite", "Export", "Sink", "Function"})


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
    seen = _Seen()
    for rel, result in results.items():
        if rel not in deferred:
            seen.read(rel, result, modules)
    wanted = {target for spec, rel in seen.named for target in _files(spec, rel, modules)}
    importers_of = seen.importers_of
    for rel, names in seen.open_parameters().items():
        importers_of.setdefault(rel, set()).update(names)
    route_files = {rel for rel, spec in seen.routed if not spec}
    for rel, spec in seen.routed:
        if spec and rel in route_files:
            for target in _files(spec, rel, modules):
                if target in deferred and "hand" in deferred[target][1]:
                    wanted.add(target)
    for rel, (specs, context) in deferred.items():
        if (seen.callbacks and "callback" in context) or _takes(rel, specs, importers_of, modules):
            wanted.add(rel)
    return {rel for rel in wanted if rel in deferred}


class _Seen:
    """What the analysed files' facts ask of other files."""

    def __init__(self) -> None:
        self.named: set[tuple[str, str]] = set()  # (module spec, the file naming it)
        # Files whose deferred importers are needed: those that take one of these names from
        # them ("*": any name).
        self.importers_of: dict[str, set[str]] = {}
        self.routed: set[tuple[str, str]] = set()  # (route file, "") and (file, module it imports)
        self.callbacks = False
        # Parameters (file, "FUNCTION:x") a fact needs its callers' values for, and the call
        # sites that pass on parameters of their own: (file, callee target files, callee name,
        # the caller's parameters it passes).
        self.needed: set[tuple[str, str]] = set()
        self.exported: list[tuple[str, str, set[str]]] = []  # (file, export name, parameters)
        self.referenced: set[tuple[str, str]] = set()  # (module file, name) import holes read
        self.passing: list[tuple[str, list[str], str, set[str]]] = []
        self.secret_calls: set[tuple[str, str]] = set()  # (target file, function) given a secret
        self.summaries: list[tuple[str, str]] = []  # (file, f) secrets.py's `f()` candidates

    def read(self, rel: str, result: FileResult, modules: Mapping[str, str]) -> None:
        for kind, fact, extractor, language in _facts(result):
            if kind == "AuthorizeRequest":
                self.callbacks = True  # CX813, in any language
            if language != "python":
                continue
            holes = list(_holes(fact))
            params = {name for hole, name in holes if hole == "param"}
            for hole, name in holes:
                if hole == "import":
                    spec, _, imported = name.rpartition(":")
                    if spec:
                        self.named.add((spec, rel))
                        for target in _files(spec, rel, modules):
                            self.referenced.add((target, imported))
            if kind == "CallSite":
                spec, _, callee = str(fact.get("callee", "")).rpartition(":")
                targets = _files(spec, rel, modules) if spec else [rel]
                if spec:
                    self.named.add((spec, rel))
                if params:
                    self.passing.append((rel, targets, callee, params))
                if any(hole == "secret" for hole, _ in holes):
                    self.secret_calls.update((t, callee.rsplit(".", 1)[-1]) for t in targets)
            elif kind == "Export":
                name = str(fact.get("name", ""))
                if extractor == _SENSITIVE_EXTRACTOR:
                    if any(hole == "secret" for hole, _ in holes):
                        # A sensitive value an importer may print or pass on.
                        self._importers(rel, name.removesuffix("()"))
                    else:
                        self.summaries.append((rel, name.removesuffix("()")))
                self.exported.append((rel, name, params))
            elif kind == "TokenUse":
                # CX801 asks who imports the holder; CX904/CX905 who calls the function.
                named = [str(fact.get(f) or "") for f in ("holder", "func")]
                for name in [n for n in named if n] or ["*"]:
                    self._importers(rel, name)
            elif kind == "TokenRequest":
                self._importers(rel, "*")  # CX802: whose loops call the function holding it
            elif kind == "HttpRoute":
                self.routed.add((rel, ""))
            elif kind == "Import":
                module, name = str(fact.get("module", "")), str(fact.get("name", ""))
                self.routed.add((rel, module))
                if name:
                    self.routed.add((rel, f"{module}.{name}"))
            elif kind not in _PARAMETER_CHAINS:
                self.needed.update((rel, p) for p in params)

    def open_parameters(self) -> dict[str, set[str]]:
        """Files with a parameter some fact needs the callers' values for: read by a fact
        itself, returned by an export another file reads, passed on to such a parameter of
        the function a call reaches (to a fixpoint); and files whose candidate return summary
        (secrets.py `f()`) some call fills with a secret."""
        needed = set(self.needed)
        for rel, name, params in self.exported:
            if (rel, name) in self.referenced:
                needed.update((rel, p) for p in params)
        changed = True
        while changed:
            changed = False
            wanted = {(file, _function(p)) for file, p in needed}
            for rel, targets, callee, params in self.passing:
                short = callee.rsplit(".", 1)[-1]
                if any((t, short) in wanted for t in targets):
                    for p in params:
                        if (rel, p) not in needed:
                            needed.add((rel, p))
                            changed = True
        out: dict[str, set[str]] = {}
        for file, param in needed:
            out.setdefault(file, set()).add(_first(param.rpartition(":")[0]))
        for rel, f in self.summaries:
            if (rel, f.rsplit(".", 1)[-1]) in self.secret_calls:
                out.setdefault(rel, set()).add(_first(f))
        return out

    def _importers(self, rel: str, name: str) -> None:
        self.importers_of.setdefault(rel, set()).add(_first(name))


def _first(name: str) -> str:
    """The name an importer takes for `Class.method` or `f`: `Class`, `f`."""
    return name.split(".", 1)[0] or "*"


def _takes(
    rel: str, specs: tuple[str, ...], wanted: Mapping[str, set[str]], modules: Mapping[str, str]
) -> bool:
    """Whether the deferred file takes one of the wanted names from a module (triage.py
    `imported_modules`: `MODULE:NAME`, `MODULE:*`)."""
    for spec in specs:
        module, _, name = spec.rpartition(":")
        for target in _files(module, rel, modules):
            names = wanted.get(target)
            if names and ("*" in names or name == "*" or name in names):
                return True
    return False


def _function(param_hole: str) -> str:
    """The short name of the function a `FUNCTION:x` parameter hole belongs to."""
    return param_hole.rpartition(":")[0].rsplit(".", 1)[-1]


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

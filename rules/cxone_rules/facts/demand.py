"""Which files triage deferred the linker and the rules need after all (the pack's `demand`,
api/pack.py).

Triage (extract/python/triage.py) defers every extractor on a Python file that shows no
evidence of anything a rule reads in the file itself. Such a file can still matter through
other files: what it exports may fill a hole of a file that was analysed, what it passes to a
function of an analysed file may fill that function's parameters, a sensitive value may pass
through it on its way to a sink, and a few context facts are read across files. Asked after
phase one, `demand` names the deferred files that can, from the facts analysed so far:

1. Values a fact needs (backwards from every hole of a fact that is not a link in a chain:
   a request's URL, a TLS flag, a grant): an `import:MODULE:NAME` hole needs MODULE's file,
   and the holes of the export it reads; a `param:` hole needs the function's callers: the
   holes of the call sites seen, and every deferred file that takes the function's name from
   the module (it may call it); to a fixpoint.
2. Sensitive values (forwards from where they start, which is always a file with evidence):
   a call passing a secret makes the called function sensitive, whose file is needed; such a
   function passes the secret on through its calls (their callees are needed) and its return
   summary; an export holding a secret needs every deferred file that takes it (it may print
   it or pass it on); to a fixpoint. So a sink's parameter never needs its callers by itself.
3. Context read across files: a token holder (CX801 asks who imports it) and a token request
   (CX802 whose loops call the function that holds it) need the deferred files that take
   them; an `AuthorizeRequest` anywhere needs every deferred file that may compare a state
   (CX813); an `HttpRoute` needs the deferred modules its file imports that may hand out a
   token (CX904).

The engine analyses those files in full and asks again, until nothing more is wanted. Module
names resolve as the linker's (linker.py `PythonModules`), except that an ambiguous suffix names
every candidate: asking for too much costs time, asking for too little would lose a finding.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from cxone_lint.api.context import FileResult
from cxone_rules.facts.linker import absolute_module, python_module_name

_SENSITIVE_EXTRACTOR = "cxone.secrets"
# Facts that are links of a chain (rule 1 and 2 follow them), not readers of a value.
_CHAIN_KINDS = frozenset({"CallSite", "Export", "Sink", "Function"})

Hole = tuple[str, str, str]  # (file, hole kind, hole name)


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
    seen = _Seen(modules)
    for rel, result in results.items():
        if rel not in deferred:
            seen.read(rel, result)
    wanted, takers = seen.needed_values()
    more, sensitive_takers = seen.sensitive()
    wanted |= more
    for rel, names in sensitive_takers.items():
        takers.setdefault(rel, set()).update(names)
    for rel, names in seen.takers.items():
        takers.setdefault(rel, set()).update(names)
    route_files = {rel for rel, spec in seen.routed if not spec}
    for rel, spec in seen.routed:
        if spec and rel in route_files:
            for target in _files(spec, rel, modules):
                if target in deferred and "hand" in deferred[target][1]:
                    wanted.add(target)
    for rel, (specs, context) in deferred.items():
        if (seen.callbacks and "callback" in context) or _takes(rel, specs, takers, modules):
            wanted.add(rel)
    return {rel for rel in wanted if rel in deferred}


class _Seen:
    """What the analysed files' facts ask of other files."""

    def __init__(self, modules: Mapping[str, str]) -> None:
        self.modules = modules
        self.direct: list[Hole] = []  # holes of the facts that read a value
        self.exports: dict[tuple[str, str], list[Hole]] = {}  # (file, name) -> its holes
        self.secret_exports: set[tuple[str, str]] = set()
        # Calls: (calling file, the files the callee may be in, its short name, holes, secret).
        self.calls: list[tuple[str, list[str], str, list[Hole], bool]] = []
        self.takers: dict[str, set[str]] = {}  # file -> names whose takers are needed
        self.routed: set[tuple[str, str]] = set()  # (route file, "") and (file, module spec)
        self.callbacks = False

    def read(self, rel: str, result: FileResult) -> None:
        for kind, fact, extractor, language in _facts(result):
            if kind == "AuthorizeRequest":
                self.callbacks = True  # CX813, in any language
            if language != "python":
                continue
            holes = [(rel, k, n) for k, n in _holes(fact)]
            if kind == "CallSite":
                spec, _, callee = str(fact.get("callee", "")).rpartition(":")
                targets = _files(spec, rel, self.modules) if spec else [rel]
                secret = any(k == "secret" for _, k, _ in holes)
                self.calls.append((rel, targets, _short(callee), holes, secret))
            elif kind == "Export":
                name = str(fact.get("name", ""))
                self.exports.setdefault((rel, name), []).extend(holes)
                if extractor == _SENSITIVE_EXTRACTOR and any(k == "secret" for _, k, _ in holes):
                    self.secret_exports.add((rel, name))
            elif kind == "TokenUse":
                if fact.get("action") == "store":  # CX801 asks who imports the holder
                    self._take(rel, str(fact.get("holder") or "*"))
            elif kind == "TokenRequest":
                self._take(rel, "*")  # CX802: whose loops call the function holding it
            elif kind == "HttpRoute":
                self.routed.add((rel, ""))
            elif kind == "Import":
                module, name = str(fact.get("module", "")), str(fact.get("name", ""))
                self.routed.add((rel, module))
                if name:
                    self.routed.add((rel, f"{module}.{name}"))
            if kind not in _CHAIN_KINDS:
                self.direct.extend(holes)

    def _take(self, rel: str, name: str) -> None:
        self.takers.setdefault(rel, set()).add(_first(name))

    def needed_values(self) -> tuple[set[str], dict[str, set[str]]]:
        """Rule 1: the files needed for the values facts read, and the names whose takers are
        needed (the callers of functions whose parameters a fact reads)."""
        files: set[str] = set()
        takers: dict[str, set[str]] = {}
        done: set[Hole] = set()
        params: set[tuple[str, str]] = set()  # (file, function) whose callers are needed
        work = list(self.direct)
        while work:
            hole = work.pop()
            if hole in done:
                continue
            done.add(hole)
            rel, kind, name = hole
            if kind == "import":
                spec, _, exported = name.rpartition(":")
                if not spec:
                    work.extend(self.exports.get((rel, exported), ()))
                    continue
                for target in _files(spec, rel, self.modules):
                    files.add(target)
                    work.extend(self.exports.get((target, exported), ()))
            elif kind == "param":
                function = _short(name.rpartition(":")[0])
                if (rel, function) in params:
                    continue
                params.add((rel, function))
                takers.setdefault(rel, set()).add(_first(name.rpartition(":")[0]))
                for _caller, targets, callee, holes, _secret in self.calls:
                    if callee == function and rel in targets:
                        work.extend(holes)
        return files, takers

    def sensitive(self) -> tuple[set[str], dict[str, set[str]]]:
        """Rule 2: the files a secret reaches through calls, and the names whose takers are
        needed (exports that hold or return one)."""
        files: set[str] = set()
        takers: dict[str, set[str]] = {}
        functions: set[tuple[str, str]] = set()  # (file, function) given a secret
        exports = set(self.secret_exports)
        changed = True
        while changed:
            changed = False
            for caller, targets, callee, holes, secret in self.calls:
                carries = secret or any(
                    (kind == "param" and (caller, _short(name.rpartition(":")[0])) in functions)
                    or (kind == "import" and self._reads(caller, name, exports))
                    for _, kind, name in holes
                )
                if not carries:
                    continue
                for target in targets:
                    if (target, callee) not in functions:
                        functions.add((target, callee))
                        files.add(target)
                        changed = True
            for (rel, name), holes in self.exports.items():
                if (rel, name) in exports:
                    continue
                if any(
                    kind == "param" and (rel, _short(hole.rpartition(":")[0])) in functions
                    for _, kind, hole in holes
                ):
                    exports.add((rel, name))
                    changed = True
        for rel, name in exports:
            takers.setdefault(rel, set()).add(_first(name.removesuffix("()")))
        return files, takers

    def _reads(self, rel: str, hole: str, exports: set[tuple[str, str]]) -> bool:
        """Whether an import hole written in `rel` reads one of `exports`."""
        spec, _, name = hole.rpartition(":")
        targets = _files(spec, rel, self.modules) if spec else [rel]
        return any((target, name) in exports for target in targets)


def _short(function: str) -> str:
    """`Class.method` -> `method`: call sites and parameter holes name functions either way."""
    return function.rsplit(".", 1)[-1]


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

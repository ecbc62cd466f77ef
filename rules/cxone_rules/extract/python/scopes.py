"""Name bindings as a libcst visit goes: what every Python extractor that resolves values shares.

`ScopeTracker` is a mixin for a `PythonExtractor`: it keeps `self.scopes` (values.Scopes) in
step with the visit, so that when the extractor reaches a call, the names it reads are bound to
what was assigned to them before that point:

- module names, class attributes (per class, for `Class.ATTR`, enum members, settings
  defaults) and `self.x` assignments, collected before the visit (order does not matter at
  module level);
- function frames: parameters (with their annotated class, `settings: Settings`), assignments
  in order, loop variables over known lists (`for area in AREAS`), `with ... as client`;
- changes made to a dict or a client after it is bound (`data["k"] = v`, `data.update(...)`,
  `session.headers["Authorization"] = ...`, `session.auth = ...`), kept with the name so the
  value read later includes them;
- imports (`import:MODULE:NAME` holes for the linker);
- functions of the module and methods of its classes whose body returns one expression
  (`def headers(): return {...}`), for calls in the same file.

A subclass that defines one of these visit methods itself calls the mixin's first.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from cxone_lint.api.facts import Fact, Header
from cxone_lint.api.lazy import lazy_module
from cxone_rules.extract.python.values import (
    Resolver,
    Scopes,
    Val,
    annotation_class,
    collect_bindings,
    dotted,
    iter_classes,
    linkable,
    literal_text,
    single_return,
)
from cxone_rules.facts.kinds import CallSite, Function
from cxone_rules.facts.linker import symbolic_fields
from cxone_rules.facts.symstr import SymStr

if TYPE_CHECKING:
    import libcst as cst
else:  # imported when the first file is parsed (api/lazy.py)
    cst = lazy_module("libcst")


# Methods that change a dict in place with the items of their argument.
UPDATE_METHODS = frozenset({"update", "setdefault"})


class ScopeTracker:
    """Mixin: `self.scopes` follows the visit (see the module docstring)."""

    scopes: Scopes

    def visit_Module(self, node: cst.Module) -> None:
        scopes = self.scopes
        names, _ = collect_bindings(node.body)
        scopes.module.update(names)
        for stmt in node.body:
            if isinstance(stmt, cst.FunctionDef):
                returned = single_return(stmt)
                if returned is not None:
                    scopes.functions[stmt.name.value] = returned
                scopes.signatures[stmt.name.value] = stmt
        attrs: dict[str, cst.BaseExpression] = {}
        for cls in iter_classes(node.body):
            body = cls.body.body if isinstance(cls.body, cst.IndentedBlock) else []
            class_names, selfs = collect_bindings(body)
            merged = dict(class_names)
            merged.update(selfs)
            scopes.class_bindings[id(cls)] = merged
            scopes.class_members.setdefault(cls.name.value, dict(class_names))
            methods: dict[str, cst.BaseExpression] = {}
            defs: dict[str, cst.FunctionDef] = {}
            for member in body:
                if isinstance(member, cst.FunctionDef):
                    defs[member.name.value] = member
                    returned = single_return(member)
                    if returned is not None:
                        methods[member.name.value] = returned
            scopes.class_methods.setdefault(cls.name.value, methods)
            scopes.class_defs.setdefault(cls.name.value, defs)
            for k, v in class_names.items():
                attrs.setdefault(k, v)
        scopes.class_attrs = attrs

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        merged = self.scopes.class_bindings.get(id(node))
        if merged is None:  # a class inside a function body
            body = node.body.body if isinstance(node.body, cst.IndentedBlock) else []
            names, selfs = collect_bindings(body)
            merged = {**names, **selfs}
        self.scopes.enter_class(node.name.value, dict(merged))

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.scopes.leave_class()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        p = node.params
        params = [*p.posonly_params, *p.params, *p.kwonly_params]
        for star in (p.star_arg, p.star_kwarg):
            if isinstance(star, cst.Param):
                params.append(star)
        types: dict[str, str] = {}
        for param in params:
            cls = annotation_class(param.annotation)
            if cls is not None:
                types[param.name.value] = cls
        self.scopes.enter_function(node.name.value, [x.name.value for x in params], types)
        self.scopes.param_defaults[-1].update(
            {x.name.value: x.default for x in params if x.default is not None}
        )

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.scopes.leave_function()

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._scope_assign(target.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._scope_assign(node.target, node.value)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        # `headers |= {...}`, `body += [("scope", s)]`: the same as an update.
        name = dotted(node.target)
        if name is not None and isinstance(node.operator, (cst.BitOrAssign, cst.AddAssign)):
            self.scopes.change(name, None, node.value)

    def _scope_assign(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        if isinstance(target, (cst.Tuple, cst.List)):
            return
        if isinstance(target, cst.Subscript):
            # `data["client_secret"] = s`, `session.headers["Authorization"] = h`
            owner = dotted(target.value)
            if owner is not None and len(target.slice) == 1:
                index = target.slice[0].slice
                key = literal_text(index.value) if isinstance(index, cst.Index) else None
                if key is not None:
                    self.scopes.change(owner, key, value)
            return
        name = dotted(target)
        if name is None:
            return
        if isinstance(target, cst.Name):
            self.scopes.bind(name, value)
        elif name.startswith("self.") and name.count(".") == 1:
            self.scopes.bind_self(name[5:], value)
        else:
            # `session.auth = ...`, `self.session.verify = False`: a change of the owner.
            owner, _, attr = name.rpartition(".")
            self.scopes.change(owner, "." + attr, value)

    def visit_For(self, node: cst.For) -> None:
        if isinstance(node.target, cst.Name):
            # `for area in AREAS:` the variable takes each element in turn.
            self.scopes.bind(node.target.value, each_of(node.iter))

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None and isinstance(node.asname.name, cst.Name):
            self.scopes.bind(node.asname.name.value, node.item)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in ("read", "read_file"):
            # `parser.read(path)` fills a configparser parser made before: the path it reads.
            owner = dotted(func.value)
            if owner is not None and node.args and self.scopes.lookup(owner) is not None:
                self.scopes.change(owner, ".read", node, keep=True)
        if isinstance(func, cst.Attribute) and func.attr.value in UPDATE_METHODS:
            owner = dotted(func.value)
            if owner is not None and not isinstance(func.value, cst.Call):
                if func.attr.value == "setdefault":
                    key = literal_text(node.args[0].value) if node.args else None
                    if key is not None and len(node.args) > 1:
                        self.scopes.change(owner, key, node.args[1].value, keep=True)
                else:
                    self.scopes.change(owner, None, node)

    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            full = dotted(alias.name) or ""
            local = (
                alias.asname.name.value
                if alias.asname and isinstance(alias.asname.name, cst.Name)
                else full.split(".")[0]
            )
            self.scopes.imports[local] = full if alias.asname else full.split(".")[0]

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if isinstance(node.names, cst.ImportStar):
            return
        module = import_module(node)
        for alias in node.names:
            name = dotted(alias.name) or ""
            local = (
                alias.asname.name.value
                if alias.asname and isinstance(alias.asname.name, cst.Name)
                else name
            )
            self.scopes.imports[local] = f"{module}:{name}"


def import_module(node: cst.ImportFrom) -> str:
    """The module of `from <module> import ...` as written (`..config`, `app.settings`)."""
    base = dotted(node.module) if node.module is not None else None
    return ("." * len(node.relative)) + (base or "")


EACH = "__each__"


def each_of(iterable: cst.BaseExpression) -> cst.Call:
    """A stand-in expression for a loop variable: every element of `iterable` in turn
    (the resolver reads `__each__(xs)` as `each` of xs's elements)."""
    return cst.Call(func=cst.Name(EACH), args=[cst.Arg(iterable)])


def as_written(node: cst.CSTNode) -> cst.CSTNode:
    """The node of the source a fact about `node` points at: a loop variable's stand-in is
    in no position table (it was never parsed), its iterable is."""
    if (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Name)
        and node.func.value == EACH
        and len(node.args) == 1
    ):
        return as_written(node.args[0].value)
    return node


# -- across functions: what a function returns, who calls it with what --------------------------


class Summaries:
    """The functions of a file: their parameters (`Function` facts, for those whose
    parameters other facts name) and what they return (the first return with something
    known, for `f()` exports)."""

    def __init__(self) -> None:
        self._defs: dict[str, tuple[tuple[str, ...], bool, Header]] = {}
        self._returns: dict[str, tuple[cst.BaseExpression, Val]] = {}

    def define(self, scopes: Scopes, node: cst.FunctionDef, at: Header) -> None:
        p = node.params
        params = tuple(x.name.value for x in (*p.posonly_params, *p.params, *p.kwonly_params))
        static = any(
            isinstance(d.decorator, cst.Name) and d.decorator.value == "staticmethod"
            for d in node.decorators
        )
        in_class = bool(scopes.class_names) and len(scopes.frames) == 1
        method = in_class and not static and bool(params) and params[0] in ("self", "cls")
        self._defs.setdefault(scopes.function_names[-1], (params, method, at))

    def returned(self, scopes: Scopes, value: cst.BaseExpression, resolver: Resolver) -> None:
        name = scopes.function_names[-1]
        if name in self._returns and useful(self._returns[name][1]):
            return
        self._returns[name] = (value, resolver.resolve(value))

    def returns(self) -> Iterator[tuple[str, cst.BaseExpression, Val]]:
        for name, (node, val) in self._returns.items():
            yield name, node, val

    def functions(self, facts: Sequence[Fact]) -> list[Function]:
        """`Function` facts for the functions whose parameters some fact's holes name."""
        wanted: set[str] = set()
        for fact in facts:
            for field in symbolic_fields(type(fact)):
                value = getattr(fact, field)
                if isinstance(value, SymStr):
                    wanted.update(n.rpartition(":")[0] for n in value.names("param"))
        out = []
        for name in sorted(wanted):
            found = self._defs.get(name)
            if found is not None:
                params, method, at = found
                out.append(Function(**at, name=name, params=params, method=method))
        return out


def useful(val: Val) -> bool:
    """A value a fact may keep that says something: safe text, linkable holes, a dict."""
    if val.items:
        return True
    sym = val.to_value()
    return sym is not None and (sym.text is not None or linkable(sym))


def argument_value(resolver: Resolver, node: cst.BaseExpression) -> SymStr | None:
    val = resolver.resolve(node)
    sym = val.to_value()
    return sym if sym is not None and (sym.text is not None or linkable(sym)) else None


def call_site(
    resolver: Resolver,
    call: cst.Call,
    at: Header,
    value: object = argument_value,
) -> CallSite | None:
    """A `CallSite` for a call of a project function when an argument says something."""
    found = resolver.callee_of(call)
    if found is None:
        return None
    callee, bound = found
    read = value if callable(value) else argument_value
    args: list[SymStr | None] = []
    keywords: list[tuple[str, SymStr]] = []
    for a in call.args:
        if a.star:
            break  # `*args`: positions after it are not known
        given = read(resolver, a.value)
        if a.keyword is not None:
            if given is not None:
                keywords.append((a.keyword.value, given))
        else:
            args.append(given)
    while args and args[-1] is None:
        args.pop()
    if not args and not keywords:
        return None
    return CallSite(**at, callee=callee, args=tuple(args), keywords=tuple(keywords), bound=bound)

"""One evaluator for every tree-sitter language: IR expressions -> symbolic values.

Nothing runs. A value is resolved as far as one file allows:
- strings become literal pieces and holes (`Sym.parts`): a hole says what is unknown and why
  (`param`, `import`, `env`, `key` read from something unknown, `call`, `this`, `unknown`) and
  which encoder produced it (`uri`, `b64`, `json`, `form`);
- objects keep their string keys (`Sym.obj`), with spreads merged; arrays their items;
- names follow their bindings: flow-sensitive within a function (`url = url + "&x"` builds
  on what came before the use; an assignment in a branch is one more possibility), all
  assignments for names of enclosing scopes; destructuring with defaults, parameters with
  defaults, `this.x` set in the class, imports (kept as holes for the linker);
- `||`, `??` and ternaries keep every side (`Sym.alts`): `apiKey: 'literal' || settings.x`
  holds the literal, `process.env.X || 'https://...'` the URL;
- library calls (encoders, URL builders) come from the language's tables (`calls`).

The result is plain data; `to_val` turns it into the JSON form stored in facts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urljoin

from cxone_rules.domain.hosts import UNKNOWN, redact_url
from cxone_rules.extract import ir

MAX_DEPTH = 14
MAX_ALTS = 4


@dataclass(frozen=True, slots=True)
class Hole:
    kind: str  # param | import | env | key | call | this | global | unknown
    name: str = ""
    enc: str | None = None  # uri | b64 | json | form: the encoder that made this piece


@dataclass(slots=True)
class Sym:
    parts: tuple[str | Hole, ...] | None = None
    obj: dict[str, Sym] | None = None
    arr: list[Sym] | None = None
    hole: Hole | None = None  # a non-string value that is not known (for member reads)
    value: Any = None  # numbers, booleans, None (null/undefined): ("const", v)
    alts: tuple[Sym, ...] = ()
    enc: str | None = None  # the encoder that produced this value (json body, form body, ...)
    source: Sym | None = None  # the value before encoding (what btoa(...) encoded)
    origin: tuple[int, int] | None = None  # span of the one literal this value is
    call: ir.Call | None = None  # the call that produced it (token calls, responses)
    func: ir.Node | None = None  # a function value

    @property
    def text(self) -> str | None:
        if self.parts is None:
            return None
        return "".join(p if isinstance(p, str) else UNKNOWN for p in self.parts)

    @property
    def known(self) -> bool:
        return self.parts is not None and all(isinstance(p, str) for p in self.parts)

    def options(self) -> list[Sym]:
        """This value and its alternatives."""
        return [self, *self.alts]

    def best(self) -> Sym:
        """The alternative that says most: a known string, else any string, else this."""
        opts = self.options()
        for o in opts:
            if o.known:
                return o
        for o in opts:
            if o.parts is not None or o.obj is not None:
                return o
        return self

    def holes(self) -> list[Hole]:
        out: list[Hole] = []
        for o in self.options():
            if o.parts:
                out.extend(p for p in o.parts if isinstance(p, Hole))
            if o.hole is not None:
                out.append(o.hole)
        return out


UNKNOWN_SYM = Sym(hole=Hole("unknown"))


def lit(text: str, origin: tuple[int, int] | None = None) -> Sym:
    return Sym(parts=(text,), origin=origin)


def concat(a: Sym, b: Sym) -> Sym:
    """`a + b` for strings (numbers become text; anything else a hole); two objects merge
    (PHP `$a + $b`, PowerShell `$h += @{...}`: the left one's keys win, as in PHP; PowerShell
    refuses a duplicate key, so either order is right there)."""
    if a.obj is not None and b.obj is not None and a.parts is None and b.parts is None:
        return Sym(obj={**b.obj, **a.obj})
    pa = _as_parts(a)
    pb = _as_parts(b)
    parts = _join(pa + pb)
    alts: list[Sym] = []
    for x in a.alts[: MAX_ALTS - 1]:
        alts.append(Sym(parts=_join(_as_parts(x) + pb)))
    for y in b.alts[: MAX_ALTS - 1 - len(alts)]:
        alts.append(Sym(parts=_join(pa + _as_parts(y))))
    return Sym(parts=parts, alts=tuple(alts))


def _as_parts(s: Sym) -> tuple[str | Hole, ...]:
    if s.parts is not None:
        return s.parts
    if s.value is not None and isinstance(s.value, tuple):
        v = s.value[1]
        if isinstance(v, bool):
            return ("true" if v else "false",)
        if isinstance(v, (int, float)):
            return (str(int(v)) if float(v).is_integer() else str(v),)
    if s.hole is not None:
        return (s.hole,)
    return (Hole("unknown"),)


def _join(parts: Iterable[str | Hole]) -> tuple[str | Hole, ...]:
    out: list[str | Hole] = []
    for p in parts:
        if isinstance(p, str) and out and isinstance(out[-1], str):
            out[-1] = out[-1] + p
        elif p != "":
            out.append(p)
    return tuple(out) if out else ("",)


def encoded(inner: Sym, enc: str) -> Sym:
    """`encodeURIComponent(x)` and friends: the same text for URL purposes, marked encoded."""
    parts = tuple(replace(p, enc=enc) if isinstance(p, Hole) else p for p in _as_parts(inner))
    return Sym(parts=parts, enc=enc, source=inner, alts=inner.alts)


def opaque(inner: Sym, enc: str, name: str) -> Sym:
    """`btoa(x)`: a string whose text is not known, made from `inner`."""
    return Sym(parts=(Hole("call", name, enc=enc),), enc=enc, source=inner)


def alternatives(first: Sym, others: Iterable[Sym]) -> Sym:
    opts: list[Sym] = []
    for s in (first, *others):
        for o in s.options():
            if len(opts) < MAX_ALTS and not any(o is p for p in opts):
                opts.append(replace(o, alts=()) if o.alts else o)
    if not opts:
        return UNKNOWN_SYM
    if len(opts) == 1:
        return opts[0]
    return replace(opts[0], alts=tuple(opts[1:]))


CallHandler = Callable[["Evaluator", ir.Call, int], "Sym | None"]


@dataclass
class Evaluator:
    program: ir.Program
    # The language's library knowledge: called with (evaluator, call, depth) first; None means
    # "not a call it knows".
    calls: CallHandler | None = None
    # Globals that are environment roots: `process.env` -> env holes.
    env_roots: tuple[str, ...] = ()
    _active: set[int] = field(default_factory=set)
    # id(node) -> (node, value): the node is kept so that its id cannot be reused.
    _memo: dict[int, tuple[ir.Node, Sym]] = field(default_factory=dict)

    def value(self, node: ir.Node | None, depth: int = 0) -> Sym:
        if node is None or depth > MAX_DEPTH:
            return UNKNOWN_SYM
        key = id(node)
        memo = self._memo.get(key)
        if memo is not None:
            return memo[1]
        if key in self._active:
            return UNKNOWN_SYM
        self._active.add(key)
        try:
            out = self._value(node, depth + 1)
        except RecursionError:
            out = UNKNOWN_SYM
        finally:
            self._active.discard(key)
        self._memo[key] = (node, out)
        return out

    def _value(self, n: ir.Node, d: int) -> Sym:
        if isinstance(n, ir.Str):
            return lit(n.value, (n.start, n.end))
        if isinstance(n, ir.Template):
            out = Sym(parts=("",))
            for part in n.parts:
                out = concat(out, lit(part) if isinstance(part, str) else self.value(part, d))
            return out
        if isinstance(n, ir.Const):
            return Sym(value=("const", n.value))
        if isinstance(n, ir.Name):
            return self.name(n, d)
        if isinstance(n, ir.Member):
            return self.member(n, d)
        if isinstance(n, ir.Index):
            if n.index is None:  # any element: a loop variable (`for (const x of list)`)
                elements = self.value(n.obj, d).best().arr
                return alternatives(elements[0], elements[1:]) if elements else UNKNOWN_SYM
            key = self.value(n.index, d)
            if key.known and key.text is not None:
                return self.read(n.obj, key.text, n, d)
            base = self.value(n.obj, d)
            return Sym(hole=Hole("key", "[]")) if base.hole is None else Sym(hole=base.hole)
        if isinstance(n, ir.Call):
            return self.call(n, d)
        if isinstance(n, ir.Obj):
            items: dict[str, Sym] = {}
            for e in n.entries:
                if e.key is None:
                    inner = self.value(e.value, d).best()
                    if inner.obj:
                        items.update(inner.obj)
                else:
                    items[e.key] = self.value(e.value, d)
            return Sym(obj=items)
        if isinstance(n, ir.Arr):
            return Sym(arr=[self.value(i, d) for i in n.items])
        if isinstance(n, ir.Binary):
            return self.binary(n, d)
        if isinstance(n, ir.Cond):
            return alternatives(self.value(n.then, d), [self.value(n.other, d)])
        if isinstance(n, ir.Unary):
            if n.op in ("await", "paren"):
                return self.value(n.arg, d)
            return UNKNOWN_SYM
        if isinstance(n, ir.Assign):
            return self.value(n.value, d)
        if isinstance(n, ir.Func):
            return Sym(func=n)
        if isinstance(n, ir.This):
            return Sym(hole=Hole("this"))
        return UNKNOWN_SYM

    # -- names ----------------------------------------------------------------------------------

    def name(self, n: ir.Name, d: int) -> Sym:
        prog = self.program
        bindings = prog.bindings(n.name, n)
        param = prog.param(n.name, n)
        base: Sym | None = None
        if param is not None:
            _, default = param
            base = Sym(parts=(Hole("param", n.name),), hole=Hole("param", n.name))
            if default is not None:
                base = alternatives(self.value(default, d), [base])
        if bindings:
            return self.fold(bindings, d, base)
        if base is not None:
            return base
        imp = prog.imported(n.name, n)
        if imp is not None:
            ref = imp.module if imp.name == "*" else f"{imp.module}:{imp.name}"
            h = Hole("import", ref)
            return Sym(parts=(h,), hole=h)
        if bindings is not None:  # declared without a value
            return UNKNOWN_SYM
        h = Hole("global", n.name)
        return Sym(parts=(h,), hole=h)

    def fold(self, bindings: list[ir.Binding], d: int, base: Sym | None = None) -> Sym:
        """The value after these assignments, in order (see the module docstring)."""
        current: list[Sym] = [base] if base is not None else []
        for b in bindings:
            node = b.synthetic if b.synthetic is not None else self.program.lower(b.value)
            v = self.value(node, d)
            if b.op == "=":
                step = [v]
            elif b.op == "+=":
                step = [concat(c, v) for c in current] if current else [v]
            elif b.op in ("||=", "??="):
                step = [*current, v]
            elif b.op == "append":
                # `$list[] = v`: the list so far with one more item.
                step = [Sym(arr=[*(c.best().arr or []), v]) for c in current] or [Sym(arr=[v])]
            elif b.op.startswith("key:"):
                # `$a['k'] = v`, `$h.k = v`: the value so far with that key set.
                key = b.op[4:]
                step = [Sym(obj={**(c.best().obj or {}), key: v}) for c in current] or [
                    Sym(obj={key: v})
                ]
            else:
                step = [UNKNOWN_SYM]
            current = step if b.definite or not current else [*current, *step][:MAX_ALTS]
        if not current:
            return UNKNOWN_SYM
        return alternatives(current[-1], current[:-1][::-1])

    # -- members --------------------------------------------------------------------------------

    def member(self, n: ir.Member, d: int) -> Sym:
        return self.read(n.obj, n.prop, n, d)

    def read(self, obj: ir.Node | None, prop: str, at: ir.Node, d: int) -> Sym:
        chain = ir.dotted(obj)
        if chain in self.env_roots:
            h = Hole("env", prop)
            return Sym(parts=(h,), hole=h)
        if isinstance(obj, ir.This):
            fields = self.program.this_field(prop, at)
            if fields:
                return self.fold(fields, d)
            h = Hole("this", prop)
            return Sym(parts=(h,), hole=h)
        base = self.value(obj, d)
        for option in base.options():
            if option.obj is not None and prop in option.obj:
                return option.obj[prop]
        hole = base.hole
        if hole is not None and hole.kind == "import":
            ref = f"{hole.name}:{prop}" if ":" not in hole.name else f"{hole.name}.{prop}"
            h = Hole("import", ref)
            return Sym(parts=(h,), hole=h)
        if prop in ("length",):
            return UNKNOWN_SYM
        h = Hole("key", prop)
        return Sym(parts=(h,), hole=h, call=base.call)

    # -- calls and operators --------------------------------------------------------------------

    def call(self, n: ir.Call, d: int) -> Sym:
        if self.calls is not None:
            handled = self.calls(self, n, d)
            if handled is not None:
                return handled
        func = n.func
        called = None
        if isinstance(func, ir.Name) and not n.new:
            called = func.name
        elif isinstance(func, ir.Member) and isinstance(func.obj, ir.This):
            called = "this." + func.prop  # a method of the same class (`$this->url()`)
        if called is not None:
            returned = self.program.returns(called, n)
            if returned is not None:
                out = self.value(returned, d)
                if out.parts is not None or out.obj is not None:
                    return replace(out, call=n)
        h = Hole("call", ir.callee(n))
        return Sym(parts=(h,), hole=h, call=n)

    def binary(self, n: ir.Binary, d: int) -> Sym:
        if n.op in ("+", "."):
            return concat(self.value(n.left, d), self.value(n.right, d))
        if n.op in ("||", "??", "?:", "or"):
            return alternatives(self.value(n.left, d), [self.value(n.right, d)])
        if n.op == "&&":
            return self.value(n.right, d)
        return UNKNOWN_SYM


# -- the JSON form stored in facts ---------------------------------------------------------------

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def snake(name: str) -> str:
    """`tokenEndpoint` -> `token_endpoint` (keys are matched in the OAuth spelling)."""
    return _CAMEL_BOUNDARY.sub("_", name).lower()


def to_val(sym: Sym) -> dict[str, Any]:
    """The `Val` JSON of python_http/values.py: text (URL-like only), env, refs, keys."""
    from cxone_rules.extract.common import is_url_like

    best = sym.best()
    text = best.text
    out: dict[str, Any] = {
        "text": redact_url(text) if text and is_url_like(text) else None,
    }
    env: list[str] = []
    refs: list[str] = []
    keys: list[str] = []
    for h in sym.holes():
        if h.kind == "env":
            target = env
            name = h.name
        elif h.kind == "import":
            target, name = refs, h.name
        elif h.kind in ("key", "this"):
            target, name = keys, h.name
        elif h.kind in ("param", "global"):
            target, name = refs, h.name
        else:
            continue
        for item in (name, snake(name)) if target is not env else (name,):
            if item and item not in target:
                target.append(item)
    if env:
        out["env"] = env
    if refs:
        out["refs"] = refs
    if keys:
        out["keys"] = keys
    return out


def resolved_text(sym: Sym) -> str | None:
    return sym.best().text


def urljoin_sym(base: Sym, rel: Sym) -> Sym:
    """`new URL(rel, base)`."""
    rt, bt = rel.best().text, base.best().text
    if rt is not None and "://" in rt:
        return rel
    if bt is not None and rt is not None and UNKNOWN not in bt and "://" in bt:
        joined = urljoin(bt, rt.replace(UNKNOWN, "\ue000")).replace("\ue000", UNKNOWN)
        return Sym(parts=_split_unknown(joined))
    return concat(base, rel)


def _split_unknown(text: str) -> tuple[str | Hole, ...]:
    pieces: list[str | Hole] = []
    for i, chunk in enumerate(text.split(UNKNOWN)):
        if i:
            pieces.append(Hole("unknown"))
        pieces.append(chunk)
    return _join(pieces)

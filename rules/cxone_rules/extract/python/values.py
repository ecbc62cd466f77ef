"""Static value resolution over libcst: what string (URL, grant type, header) an expression holds.

The extractors never run the code they read. They resolve what can be known from the source:

- string literals, implicit concatenation, f-strings (unknown parts become `UNKNOWN`), `+`
  concatenation, simple `%` and `.format` formatting, `urljoin`, `str()` and `.strip()`-like
  calls that keep the text;
- names bound by simple assignments in the enclosing function, the class (`self.x = ...` in any
  method, class attributes) and the module (collected before the visit, so order does not matter);
- `os.environ.get(NAME, default)`, `os.getenv(NAME, default)`, `os.environ[NAME]`: the default is
  the value (it is what runs when the variable is unset) and the variable name is recorded;
- dict literals and `dict(...)` calls (string keys), subscripts and `.get()` on them;
- reads of a key or attribute of something unknown (`config["token_endpoint"]`,
  `settings.api_endpoint`) are kept as `keys`, which is how discovery is recognised;
- names imported from other modules of the project become `import:module:NAME` holes, which the
  linker (facts/linker.py) fills across files in phase two.

A `Val` is plain data; `to_sym()` gives the symbolic string a fact keeps. Secret values are never
stored: only URL-like text (`is_url_like`) reaches a fact, other literal text becomes a hole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

import libcst as cst

from cxone_rules.domain.hosts import UNKNOWN, redact_url
from cxone_rules.extract.common import is_url_like
from cxone_rules.facts.symstr import Hole, SymStr, alt, hole, lit

MAX_DEPTH = 12

ENV_CALLS = {"os.getenv", "getenv", "os.environ.get", "environ.get", "os.environ.setdefault"}
KEEP_TEXT_METHODS = {"strip", "rstrip", "lstrip", "lower", "upper", "removesuffix", "removeprefix"}
ENCODE_FUNCS = {"quote", "quote_plus", "urlencode", "encodeURIComponent"}


@dataclass
class Val:
    """What an expression is known to hold.

    sym: the string as literal pieces and holes (facts/symstr.py); None when no string is known
    holes: what the value came from where this file cannot tell (imported names, parameters,
        environment variables, keys read from unknown containers), in order, without repeats;
        `env`, `refs` and `keys` are views of them
    items: for dict values, the known string keys and their values
    elements: for tuples and lists, their values
    encoded: produced by quote/quote_plus/urlencode
    """

    sym: SymStr | None = None
    holes: list[Hole] = field(default_factory=list)
    items: dict[str, Val] | None = None
    encoded: bool = False
    elements: list[Val] | None = None

    @classmethod
    def of(cls, text: str) -> Val:
        return cls(lit(text))

    @property
    def text(self) -> str | None:
        """The string with UNKNOWN where parts are unknown; None when nothing is known."""
        return self.sym.render() if self.sym is not None else None

    @property
    def known(self) -> bool:
        return self.text is not None and UNKNOWN not in self.text

    @property
    def env(self) -> list[str]:
        """Environment variable names read to produce it."""
        return [h.name for h in self.holes if h.kind == "env"]

    @property
    def refs(self) -> list[str]:
        """Names that could not be resolved in this file (`module:NAME` when imported)."""
        return [h.name for h in self.holes if h.kind in ("import", "param", "unknown") and h.name]

    @property
    def keys(self) -> list[str]:
        """Keys and attributes read from an unknown container (`token_endpoint`)."""
        return [h.name for h in self.holes if h.kind == "key"]

    def merged(self, *others: Val) -> Val:
        out = Val(self.sym, list(self.holes))
        for o in others:
            for h in o.holes:
                if h not in out.holes:
                    out.holes.append(h)
        return out

    def piece(self) -> SymStr:
        """This value as a piece of a bigger string: its text, or a hole saying where it came
        from (one of several: an `alt`)."""
        if self.sym is not None and self.items is None:
            return self.sym
        return self.as_hole()

    def as_hole(self) -> SymStr:
        if not self.holes:
            return hole("unknown")
        return alt(*(SymStr((h,)) for h in self.holes))

    def to_sym(self) -> SymStr:
        """What a fact keeps: the string when it is URL-like (credentials in a URL's authority
        removed), else only its holes. Literal text that could be a secret never leaves."""
        if self.sym is not None and is_url_like(self.text):
            return _sanitized(self.sym, keep_text=True)
        if self.sym is not None and not self.holes:
            return hole("redacted")
        return _sanitized(self.as_hole(), keep_text=False)


def _sanitized(sym: SymStr, keep_text: bool) -> SymStr:
    """`sym` safe to store: URL credentials removed from literal text (or all literal text
    dropped), and the defaults and inputs of holes kept only when they are URL-like."""
    pieces: list[str | Hole] = []
    for p in sym.pieces:
        if isinstance(p, str):
            if keep_text:
                pieces.append(redact_url(p) if "://" in p else p)
            continue
        default = p.default
        if default is not None:
            default = _sanitized(default, True) if is_url_like(default.render()) else None
        args = tuple(
            _sanitized(a, True) if is_url_like(a.render()) else _sanitized(a, False) for a in p.args
        )
        pieces.append(Hole(p.kind, p.name, default, args))
    return SymStr(pieces) if pieces else hole("redacted")


def unknown() -> Val:
    return Val()


def name_hole(kind: str, name: str, default: SymStr | None = None) -> Val:
    """A value known only by where it comes from."""
    return Val(holes=[Hole(kind, name, default)])


def literal_text(node: cst.BaseExpression) -> str | None:
    """The text of a string literal node (no resolution), or None."""
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        try:
            value = node.evaluated_value
        except Exception:
            return None
        if isinstance(value, bytes):
            try:
                return value.decode("utf-8")
            except UnicodeDecodeError:
                return None
        return value
    return None


def dotted(node: cst.BaseExpression) -> str | None:
    """`a.b.c` for a Name/Attribute chain, else None."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = dotted(node.value)
        return f"{base}.{node.attr.value}" if base else None
    return None


def call_name(call: cst.Call) -> str | None:
    return dotted(call.func)


def arg(call: cst.Call, index: int | None, keyword: str | None) -> cst.BaseExpression | None:
    """A call argument by keyword, else by position (star-args are skipped)."""
    if keyword is not None:
        for a in call.args:
            if a.keyword is not None and a.keyword.value == keyword:
                return a.value
    if index is not None:
        positional = [a for a in call.args if a.keyword is None and not a.star]
        if index < len(positional):
            return positional[index].value
    return None


def kwnames(call: cst.Call) -> list[str]:
    return [a.keyword.value for a in call.args if a.keyword is not None]


class Scopes:
    """Name bindings visible at a point of the visit: function frames, class, module."""

    def __init__(self) -> None:
        self.module: dict[str, cst.BaseExpression] = {}
        self.frames: list[dict[str, cst.BaseExpression]] = []
        self.classes: list[dict[str, cst.BaseExpression]] = []
        # Imported names: local name -> "module:NAME" (module may be relative: ".config").
        self.imports: dict[str, str] = {}
        # Attribute defaults of every class in the module (settings classes): attr -> expr.
        self.class_attrs: dict[str, cst.BaseExpression] = {}
        # Module-level functions whose body returns one expression (`def headers(): return {...}`).
        self.functions: dict[str, cst.BaseExpression] = {}
        # Parameter names of the functions being visited, innermost last.
        self.params: list[frozenset[str]] = []

    def is_param(self, name: str) -> bool:
        return any(name in p for p in self.params)

    def lookup(self, name: str) -> cst.BaseExpression | None:
        for frame in reversed(self.frames):
            if name in frame:
                return frame[name]
        if name.startswith(("self.", "cls.")) and self.classes:
            return self.classes[-1].get(name.split(".", 1)[1])
        return self.module.get(name)

    def bind(self, name: str, value: cst.BaseExpression) -> None:
        if self.frames:
            self.frames[-1][name] = value
        else:
            self.module[name] = value


def iter_simple_statements(body: Iterable[cst.CSTNode]) -> Iterator[cst.BaseSmallStatement]:
    """Small statements of a body and of the bodies nested in it (if/for/while/try/with and
    function definitions), without descending into expressions: cheap, unlike a CST visit."""
    stack: list[cst.CSTNode] = list(body)[::-1]
    while stack:
        stmt = stack.pop()
        if isinstance(stmt, cst.SimpleStatementLine):
            yield from stmt.body
            continue
        if isinstance(stmt, cst.ClassDef):
            continue  # a nested class has its own `self`
        children: list[cst.CSTNode] = []
        for attr in ("body", "orelse", "finalbody"):
            part = getattr(stmt, attr, None)
            if isinstance(part, (cst.IndentedBlock, cst.Else, cst.Finally)):
                inner = part.body
                if isinstance(inner, cst.IndentedBlock):
                    children.extend(inner.body)
                elif isinstance(inner, Sequence):
                    children.extend(inner)
            elif isinstance(part, (cst.If,)):
                children.append(part)
        for handler in getattr(stmt, "handlers", ()) or ():
            if isinstance(handler.body, cst.IndentedBlock):
                children.extend(handler.body.body)
        stack.extend(reversed(children))


def collect_bindings(
    body: Iterable[cst.CSTNode],
) -> tuple[dict[str, cst.BaseExpression], dict[str, cst.BaseExpression]]:
    """Simple `NAME = expr` / `NAME: T = expr` at this level, plus `self.NAME = expr` anywhere
    below (for class bodies). Returns (names, self_attrs)."""
    names: dict[str, cst.BaseExpression] = {}
    selfs: dict[str, cst.BaseExpression] = {}
    body = list(body)
    for stmt in body:
        if isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                if isinstance(small, cst.Assign):
                    for t in small.targets:
                        if isinstance(t.target, cst.Name):
                            names[t.target.value] = small.value
                elif (
                    isinstance(small, cst.AnnAssign)
                    and small.value is not None
                    and isinstance(small.target, cst.Name)
                ):
                    names[small.target.value] = small.value
    nested = [s for s in body if isinstance(s, (cst.FunctionDef, cst.If, cst.Try, cst.With))]
    for small in iter_simple_statements(nested):
        if isinstance(small, cst.Assign):
            targets = [t.target for t in small.targets]
        elif isinstance(small, cst.AnnAssign) and small.value is not None:
            targets = [small.target]
        else:
            continue
        for target in targets:
            d = dotted(target)
            if d and d.startswith("self.") and d.count(".") == 1:
                selfs.setdefault(d[5:], small.value)  # type: ignore[arg-type]
    return names, selfs


def iter_classes(body: Iterable[cst.CSTNode]) -> Iterator[cst.ClassDef]:
    """Class definitions at any statement depth (not inside expressions)."""
    stack: list[cst.CSTNode] = list(body)[::-1]
    while stack:
        stmt = stack.pop()
        if isinstance(stmt, cst.ClassDef):
            yield stmt
        if isinstance(stmt, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
            continue
        inner = getattr(stmt, "body", None)
        if isinstance(inner, cst.IndentedBlock):
            stack.extend(reversed(inner.body))
        for attr in ("orelse", "finalbody"):
            part = getattr(stmt, attr, None)
            if part is not None and isinstance(getattr(part, "body", None), cst.IndentedBlock):
                stack.extend(reversed(part.body.body))
            elif isinstance(part, cst.If):
                stack.append(part)


def field_default(value: cst.BaseExpression) -> cst.BaseExpression:
    """`Field(default=X)` / `Field(X)` (pydantic, dataclasses) -> X."""
    if isinstance(value, cst.Call):
        name = call_name(value) or ""
        if name.rsplit(".", 1)[-1] in ("Field", "field"):
            d = arg(value, 0, "default")
            if d is not None:
                return d
    return value


class Resolver:
    """Resolves expressions to `Val`s using the bindings in `scopes`."""

    def __init__(self, scopes: Scopes) -> None:
        self.scopes = scopes

    def resolve(self, node: cst.BaseExpression | None, depth: int = 0) -> Val:
        if node is None or depth > MAX_DEPTH:
            return unknown()
        try:
            return self._resolve(node, depth)
        except RecursionError:
            return unknown()

    def text_of(self, node: cst.BaseExpression | None) -> str | None:
        return self.resolve(node).text

    def _resolve(self, node: cst.BaseExpression, depth: int) -> Val:
        d = depth + 1
        text = literal_text(node)
        if text is not None:
            return Val.of(text)
        if isinstance(node, cst.FormattedString):
            return self._fstring(node, d)
        if isinstance(node, cst.Name):
            return self._name(node.value, d)
        if isinstance(node, cst.Attribute):
            return self._attribute(node, d)
        if isinstance(node, cst.BinaryOperation):
            return self._binop(node, d)
        if isinstance(node, cst.Call):
            return self._call(node, d)
        if isinstance(node, cst.Dict):
            return self._dict(node, d)
        if isinstance(node, cst.Subscript):
            return self._subscript(node, d)
        if isinstance(node, (cst.Tuple, cst.List)):
            elements = [
                self.resolve(e.value, d) for e in node.elements if isinstance(e, cst.Element)
            ]
            return Val(elements=elements)
        if isinstance(node, cst.BooleanOperation):
            # `os.environ.get("X") or "https://..."`: the right side is the fallback.
            left, right = self.resolve(node.left, d), self.resolve(node.right, d)
            chosen = right if right.text is not None else left
            other = left if chosen is right else right
            out = chosen.merged(other)
            out.sym = _either(chosen, other)
            out.items = chosen.items
            return out
        if isinstance(node, cst.IfExp):
            body, orelse = self.resolve(node.body, d), self.resolve(node.orelse, d)
            chosen = body if body.text is not None else orelse
            other = orelse if chosen is body else body
            out = chosen.merged(other)
            out.sym = _either(chosen, other)
            return out
        if isinstance(node, cst.Await):
            return self.resolve(node.expression, d)
        return unknown()

    def _fstring(self, node: cst.FormattedString, d: int) -> Val:
        out = Val(SymStr())
        parts: list[SymStr | str] = []
        for part in node.parts:
            if isinstance(part, cst.FormattedStringText):
                parts.append(part.value)
            elif isinstance(part, cst.FormattedStringExpression):
                v = self.resolve(part.expression, d)
                out = out.merged(v)
                parts.append(v.piece())
        out.sym = SymStr.of(*parts)
        return out

    def _name(self, name: str, d: int) -> Val:
        bound = self.scopes.lookup(name)
        if bound is not None:
            return self.resolve(bound, d)
        if name in self.scopes.imports:
            return name_hole("import", self.scopes.imports[name])
        return name_hole("param" if self.scopes.is_param(name) else "unknown", name)

    def _attribute(self, node: cst.Attribute, d: int) -> Val:
        full = dotted(node)
        attr = node.attr.value
        if full is not None:
            bound = self.scopes.lookup(full)
            if bound is not None:
                return self.resolve(bound, d)
            base = full.split(".", 1)[0]
            if base in self.scopes.imports and full.count(".") == 1:
                # `config.TOKEN_URL` with `import config` / `from . import config`
                target = self.scopes.imports[base]
                mod = target.replace(":", ".") if ":" in target else target
                return Val(holes=[Hole("import", f"{mod}:{attr}"), Hole("key", attr)])
        if full and not full.startswith(("self.", "cls.")) and attr in self.scopes.class_attrs:
            v = self.resolve(field_default(self.scopes.class_attrs[attr]), d)
            return v.merged(name_hole("key", attr))
        base_val = self.resolve(node.value, d)
        if base_val.items is not None and attr in base_val.items:
            return base_val.items[attr]
        return name_hole("key", attr).merged(_env_of(base_val))

    def _binop(self, node: cst.BinaryOperation, d: int) -> Val:
        left, right = self.resolve(node.left, d), self.resolve(node.right, d)
        if isinstance(node.operator, cst.Add):
            if left.sym is None and right.sym is None:
                return left.merged(right)
            out = left.merged(right)
            out.sym = _operand(left) + _operand(right)
            return out
        if isinstance(node.operator, cst.Modulo) and left.sym is not None:
            args = right.elements if right.elements is not None else [right]
            out = left.merged(right, *args)
            out.sym = _percent(left.sym, [_operand(a) for a in args])
            return out
        return left.merged(right)

    def _call(self, node: cst.Call, d: int) -> Val:
        name = call_name(node) or ""
        func = node.func
        # `"...".format(...)` has no dotted name: take the method name from the attribute.
        short = func.attr.value if isinstance(func, cst.Attribute) else name.rsplit(".", 1)[-1]
        # os.getenv(NAME, default) / os.environ.get(NAME, default) / environ.get
        if name in (
            "os.getenv",
            "getenv",
            "os.environ.get",
            "environ.get",
            "os.environ.setdefault",
        ):
            env_name = literal_text(arg(node, 0, "key") or cst.Name("_"))
            default = arg(node, 1, "default")
            v = self.resolve(default, d) if default is not None else Val()
            if env_name:
                env = Hole("env", env_name, v.sym)
                v = v.merged(Val(holes=[env]))
                if v.sym is not None:
                    v.sym = SymStr((env,))
            return v
        if short in ENCODE_FUNCS:
            inner = self.resolve(arg(node, 0, None), d)
            out = Val(encoded=True).merged(inner)
            if inner.items is None and inner.sym is not None:
                encoder = "urlencode" if short == "urlencode" else "uri"
                out.sym = SymStr((Hole("enc", encoder, None, (inner.sym,)),))
            return out
        if short == "urljoin":
            base, rel = self.resolve(arg(node, 0, None), d), self.resolve(arg(node, 1, None), d)
            out = base.merged(rel)
            if rel.text is not None and "://" in rel.text:
                out.sym = rel.sym
            elif base.sym is not None and rel.sym is not None:
                joined = urljoin(base.sym.render(), rel.sym.render())
                out.sym = lit(joined) if base.sym.literal and rel.sym.literal else parse(joined)
            elif rel.sym is not None and rel.sym.render().startswith("/"):
                out.sym = base.as_hole() + rel.sym
            return out
        if short in ("str", "HttpUrl", "AnyHttpUrl", "URL", "Url") and len(node.args) == 1:
            return self.resolve(node.args[0].value, d)
        if short == "dict" and name == "dict":
            return self._dict_call(node, d)
        if isinstance(func, cst.Name) and func.value in self.scopes.functions:
            return self.resolve(self.scopes.functions[func.value], d)
        if isinstance(func, cst.Attribute):
            recv = func.value
            if short in KEEP_TEXT_METHODS:
                return self.resolve(recv, d)
            if short == "format":
                base = self.resolve(recv, d)
                if base.sym is not None:
                    pos = [self.resolve(a.value, d) for a in node.args if a.keyword is None]
                    kw = {
                        a.keyword.value: self.resolve(a.value, d)
                        for a in node.args
                        if a.keyword is not None
                    }
                    out = base.merged(*pos, *kw.values())
                    out.sym = _format(
                        base.sym,
                        [_operand(p) for p in pos],
                        {k: _operand(v) for k, v in kw.items()},
                    )
                    return out
            if short == "get":
                key = literal_text(arg(node, 0, None) or cst.Name("_"))
                container = self.resolve(recv, d)
                default = arg(node, 1, "default")
                if key is not None:
                    if container.items is not None and key in container.items:
                        return container.items[key]
                    v = self.resolve(default, d) if default is not None else Val()
                    read = Hole("key", key, v.sym)
                    out = v.merged(Val(holes=[read]), _env_of(container))
                    if out.sym is not None:
                        out.sym = SymStr((read,))
                    return out
            if short in ("json",):
                return Val()
        return unknown()

    def _dict(self, node: cst.Dict, d: int) -> Val:
        items: dict[str, Val] = {}
        for el in node.elements:
            if isinstance(el, cst.DictElement):
                key = literal_text(el.key)
                if key is not None:
                    items[key] = self.resolve(el.value, d)
            elif isinstance(el, cst.StarredDictElement):
                inner = self.resolve(el.value, d)
                if inner.items:
                    items.update(inner.items)
        return Val(items=items)

    def _dict_call(self, node: cst.Call, d: int) -> Val:
        items: dict[str, Val] = {}
        for a in node.args:
            if a.keyword is not None:
                items[a.keyword.value] = self.resolve(a.value, d)
            elif a.star == "**" or not a.star:
                inner = self.resolve(a.value, d)
                if inner.items:
                    items.update(inner.items)
        return Val(items=items)

    def _subscript(self, node: cst.Subscript, d: int) -> Val:
        if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
            return unknown()
        key_node = node.slice[0].slice.value
        key = literal_text(key_node)
        name = dotted(node.value)
        if name in ("os.environ", "environ") and key is not None:
            return name_hole("env", key)
        container = self.resolve(node.value, d)
        if key is None:
            return _env_of(container)
        if container.items is not None and key in container.items:
            return container.items[key]
        return name_hole("key", key).merged(_env_of(container))


def _operand(v: Val) -> SymStr:
    """A value as an operand of string building: its text, else where it came from."""
    return v.sym if v.sym is not None else v.as_hole()


def _env_of(v: Val) -> Val:
    return Val(holes=[h for h in v.holes if h.kind == "env"])


def _either(chosen: Val, other: Val) -> SymStr | None:
    """`a or b`, `a if c else b`: the chosen reading first, the other as an alternative."""
    if chosen.sym is None:
        return None
    if other.sym is None and not other.holes:
        return chosen.sym
    return alt(chosen.sym, _operand(other))


def parse(text: str) -> SymStr:
    """Text with UNKNOWN markers as literal pieces and unknown holes."""
    return SymStr.parse(text)


# printf conversions: flags, then a width that cannot start with 0 (a 0 is a flag), so there is
# one way to read "%000..." and no backtracking over where the flags end.
_PERCENT = re.compile(r"%%|%[-+ #0]*(?:[1-9]\d*)?(?:\.\d+)?[sdrif]")
_BRACES = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


def _splice(template: SymStr, pattern: re.Pattern[str], value_of: Any) -> SymStr:
    """Substitute the matches of `pattern` in the literal pieces of `template`."""
    out: list[SymStr | str] = []
    for piece in template.pieces:
        if not isinstance(piece, str):
            out.append(SymStr((piece,)))
            continue
        at = 0
        for match in pattern.finditer(piece):
            out.append(piece[at : match.start()])
            out.append(value_of(match))
            at = match.end()
        out.append(piece[at:])
    return SymStr.of(*out)


def _percent(template: SymStr, args: list[SymStr]) -> SymStr:
    values = iter(args)

    def sub(match: re.Match[str]) -> SymStr | str:
        if match.group(0) == "%%":
            return "%"
        return next(values, None) or hole("unknown")

    return _splice(template, _PERCENT, sub)


def _format(template: SymStr, pos: list[SymStr], kw: Mapping[str, SymStr]) -> SymStr:
    counter = iter(range(len(pos) + 100))

    def sub(match: re.Match[str]) -> SymStr | str:
        if match.group(0) in ("{{", "}}"):
            return match.group(0)[0]
        field_name = match.group(1).split("!")[0].split(":")[0]
        v: SymStr | None
        if field_name == "":
            i = next(counter)
            v = pos[i] if i < len(pos) else None
        elif field_name.isdigit():
            i = int(field_name)
            v = pos[i] if i < len(pos) else None
        else:
            v = kw.get(field_name)
        return v if v is not None else hole("unknown")

    return _splice(template, _BRACES, sub)


def single_return(func: cst.FunctionDef) -> cst.BaseExpression | None:
    """The returned expression of a function whose body's only `return` is at its top level."""
    if not isinstance(func.body, cst.IndentedBlock):
        return None
    found: list[cst.BaseExpression] = []

    class _Returns(cst.CSTVisitor):
        def visit_Return(self, node: cst.Return) -> None:
            found.append(node.value if node.value is not None else cst.Name("None"))

        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return node is func

        def visit_Lambda(self, node: cst.Lambda) -> bool:
            return False

    func.visit(_Returns())
    return found[0] if len(found) == 1 else None

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
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from cxone_lint.api.lazy import lazy_module
from cxone_rules.domain.hosts import UNKNOWN, redact_url
from cxone_rules.extract.common import is_safe_value, is_url_like
from cxone_rules.facts.symstr import Hole, SymStr, alt, each, hole, lit

if TYPE_CHECKING:
    import libcst as cst
else:  # imported when the first file is parsed (api/lazy.py)
    cst = lazy_module("libcst")

MAX_DEPTH = 12
# Steps one outermost resolution may take: expressions that name each other many times over
# (`opts["a"] = opts.get("a")` seven times) would otherwise branch at every level.
MAX_STEPS = 20_000

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
    cls: the class of an instance (`Settings()`, a parameter annotated `settings: Settings`)
    """

    sym: SymStr | None = None
    holes: list[Hole] = field(default_factory=list)
    items: dict[str, Val] | None = None
    encoded: bool = False
    elements: list[Val] | None = None
    # An instance of a class whose attributes have defaults: "local:Settings" (this file) or
    # "import:MODULE:Settings" (another module, for the linker).
    cls: str | None = None
    # Attributes set on the object after it was made (`session.auth = ...`): attr -> expr.
    attrs: dict[str, Any] | None = None
    # A loaded configuration document (the path as written, "" when unknown) and the keys
    # read from it so far.
    doc: str | None = None
    doc_keys: tuple[str, ...] = ()

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

    def to_value(self) -> SymStr | None:
        """What a fact keeps of a value that may be a word, a flag or a URL (a grant, an auth
        method, verify=, an exported constant): its text when it is safe to keep
        (`is_safe_value`), else the holes the linker may fill; None when nothing is known."""
        if self.sym is not None and self.items is None:
            text = self.sym.text
            if text is not None:
                if is_safe_value(text):
                    return _sanitized(self.sym, True)
                return hole("redacted") if self.sym.literal else _sanitized(self.sym, False)
            if self.sym.literal:
                return hole("redacted")
            return _sanitized(self.sym, keep_text=is_safe_value(self.sym.render()))
        if self.holes:
            return _sanitized(self.as_hole(), keep_text=False)
        return None


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
            default = _sanitized(default, True) if _keepable(default) else None
        args = tuple(_sanitized(a, _keepable(a)) for a in p.args)
        pieces.append(Hole(p.kind, p.name, default, args))
    return SymStr(pieces) if pieces else hole("redacted")


# Holes the linker can fill (an imported constant, an environment variable, a configuration
# key, a caller's argument, the elements of a known list).
LINKABLE = frozenset({"import", "env", "config", "param", "each"})


def linkable(sym: SymStr | None) -> bool:
    """Some hole of `sym` is one the linker may fill."""
    return sym is not None and any(h.kind in LINKABLE for h in sym.holes())


def auth_value(val: Val) -> SymStr | None:
    """An Authorization header as facts keep it: its scheme word ("Basic ", "Bearer ") and
    a redacted rest, or the holes it comes from; None when nothing is known."""
    rendered = val.text or ""
    scheme, sep, _ = rendered.partition(" ")
    if sep and scheme.lower() in ("basic", "bearer", "digest", "negotiate"):
        return SymStr((scheme + " ", Hole("redacted")))
    value = val.to_value()
    return value if linkable(value) else None


def _keepable(sym: SymStr) -> bool:
    """A default or an argument of a hole that facts may keep as text."""
    text = sym.text
    return is_url_like(sym.render()) or (text is not None and is_safe_value(text))


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


def keywords(call: cst.Call, scopes: Scopes) -> dict[str, cst.BaseExpression]:
    """A call's keyword arguments, `**kwargs` expanded when it names a dict this file builds
    (`kwargs = dict(data=form, auth=basic)`, `opts = {"timeout": 10}; opts["auth"] = ...`)."""
    out: dict[str, cst.BaseExpression] = {}
    for a in call.args:
        if a.keyword is not None:
            out[a.keyword.value] = a.value
        elif a.star == "**":
            for key, value in dict_nodes(a.value, scopes).items():
                out.setdefault(key, value)
    return out


def dict_nodes(
    node: cst.BaseExpression | None, scopes: Scopes, depth: int = 0, name: str | None = None
) -> dict[str, cst.BaseExpression]:
    """The literal keys of a dict expression and the expressions they hold, through names
    and the changes made to them after binding (`name`: only those changes, for an attribute
    such as `session.headers`)."""
    if depth > 4:
        return {}
    if name is None:
        name = dotted(node) if isinstance(node, (cst.Name, cst.Attribute)) else None
        bound = scopes.lookup(name) if name is not None else node
    else:
        bound = None
    out: dict[str, cst.BaseExpression] = {}
    if isinstance(bound, cst.Dict):
        for el in bound.elements:
            if isinstance(el, cst.DictElement):
                key = literal_text(el.key)
                if key is not None:
                    out[key] = el.value
            elif isinstance(el, cst.StarredDictElement):
                out.update(dict_nodes(el.value, scopes, depth + 1))
    elif isinstance(bound, (cst.List, cst.Tuple)):
        for item in bound.elements:  # [("grant_type", "password"), ...]
            pair = item.value
            if isinstance(pair, cst.Tuple) and len(pair.elements) == 2:
                key = literal_text(pair.elements[0].value)
                if key is not None:
                    out[key] = pair.elements[1].value
    elif (
        isinstance(bound, cst.Call)
        and (call_name(bound) or "").rsplit(".", 1)[-1] == "urlencode"
        and bound.args
    ):
        out.update(dict_nodes(bound.args[0].value, scopes, depth + 1))
    elif isinstance(bound, cst.Call) and call_name(bound) == "dict":
        for a in bound.args:
            if a.keyword is not None:
                out[a.keyword.value] = a.value
            elif a.star == "**" or not a.star:
                out.update(dict_nodes(a.value, scopes, depth + 1))
    if name is not None:
        for key, value in scopes.changes_of(name):
            if key is not None and not key.startswith("."):
                out[key] = value
            elif key is None and isinstance(value, cst.Call):
                for a in value.args:
                    if a.keyword is not None:
                        out[a.keyword.value] = a.value
                    else:
                        out.update(dict_nodes(a.value, scopes, depth + 1))
            elif key is None:
                out.update(dict_nodes(value, scopes, depth + 1))
    return out


def kwnames(call: cst.Call) -> list[str]:
    return [a.keyword.value for a in call.args if a.keyword is not None]


Change = tuple[str | None, "cst.BaseExpression"]
"""A change made to a bound name after binding: (key, value) for `x["key"] = value`,
(".attr", value) for `x.attr = value`, (None, expr) for `x.update(...)` / `x |= {...}`."""


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
        # Class bodies by class name (enum members, settings defaults): class -> attr -> expr.
        self.class_members: dict[str, dict[str, cst.BaseExpression]] = {}
        # Single-return methods by class name: class -> method -> returned expression.
        self.class_methods: dict[str, dict[str, cst.BaseExpression]] = {}
        # Every method by class name: class -> method -> its definition.
        self.class_defs: dict[str, dict[str, cst.FunctionDef]] = {}
        # id(ClassDef) -> its names and `self.x` assignments (collected before the visit).
        self.class_bindings: dict[int, dict[str, cst.BaseExpression]] = {}
        # Module-level functions whose body returns one expression (`def headers(): return {...}`).
        self.functions: dict[str, cst.BaseExpression] = {}
        # Module-level function definitions by name (their parameters, for call sites).
        self.signatures: dict[str, cst.FunctionDef] = {}
        # Parameter names of the functions being visited, innermost last.
        self.params: list[frozenset[str]] = []
        # Their annotated classes (`settings: Settings`), innermost last.
        self.param_types: list[dict[str, str]] = []
        # Their defaults (`def api(area="na1")`), innermost last.
        self.param_defaults: list[dict[str, cst.BaseExpression]] = []
        # Qualified names of the functions being visited (`Client.token`), innermost last.
        self.function_names: list[str] = []
        self.class_names: list[str] = []
        # Changes after binding, per frame (module level last), and per class for `self.x`.
        self.changes: list[dict[str, list[Change]]] = []
        self.module_changes: dict[str, list[Change]] = {}
        self.class_changes: list[dict[str, list[Change]]] = []
        # Types of `self.x` bound to an annotated parameter (`self._settings = settings`).
        self.self_types: list[dict[str, str]] = []

    # -- the visit ----------------------------------------------------------------------------

    def enter_function(self, name: str, params: list[str], types: dict[str, str]) -> None:
        owner = self.class_names[-1] + "." if self.class_names and not self.frames else ""
        outer = self.function_names[-1] + "." if self.function_names else ""
        self.function_names.append(outer + owner + name if outer else owner + name)
        self.frames.append({})
        self.changes.append({})
        self.params.append(frozenset(params))
        self.param_types.append(types)
        self.param_defaults.append({})

    def leave_function(self) -> None:
        self.frames.pop()
        self.changes.pop()
        self.params.pop()
        self.param_types.pop()
        self.param_defaults.pop()
        self.function_names.pop()

    def enter_class(self, name: str, bindings: dict[str, cst.BaseExpression]) -> None:
        self.classes.append(bindings)
        self.class_names.append(name)
        self.class_changes.append({})
        self.self_types.append({})

    def leave_class(self) -> None:
        self.classes.pop()
        self.class_names.pop()
        self.class_changes.pop()
        self.self_types.pop()

    # -- reading ------------------------------------------------------------------------------

    def is_param(self, name: str) -> bool:
        return any(name in p for p in self.params)

    def param_hole_name(self, name: str) -> str:
        """`FUNCTION:name` for the innermost function that has the parameter."""
        for names, function in zip(
            reversed(self.params), reversed(self.function_names), strict=True
        ):
            if name in names:
                return f"{function}:{name}"
        return name

    def param_default(self, name: str) -> cst.BaseExpression | None:
        """The default of the innermost function's parameter `name`, if it has one."""
        for names, defaults in zip(
            reversed(self.params), reversed(self.param_defaults), strict=True
        ):
            if name in names:
                return defaults.get(name)
        return None

    def param_class(self, name: str) -> str | None:
        """The annotated class of a parameter (`settings: Settings` -> "Settings")."""
        for frame, types in zip(reversed(self.frames), reversed(self.param_types), strict=True):
            if name in frame:
                return None  # rebound in the function
            if name in types:
                return types[name]
        return None

    def self_class(self, attr: str) -> str | None:
        return self.self_types[-1].get(attr) if self.self_types else None

    def lookup(self, name: str) -> cst.BaseExpression | None:
        for frame in reversed(self.frames):
            if name in frame:
                return frame[name]
        if name.startswith(("self.", "cls.")) and self.classes:
            return self.classes[-1].get(name.split(".", 1)[1])
        return self.module.get(name)

    def changes_of(self, name: str) -> list[Change]:
        """What was changed in the value bound to `name` after it was bound (`name` may be
        dotted: `session.headers`, `self.session.headers`)."""
        if name.startswith("self."):
            return self.class_changes[-1].get(name[5:], []) if self.class_changes else []
        root = name.split(".", 1)[0]
        for frame, changes in zip(reversed(self.frames), reversed(self.changes), strict=True):
            if root in frame or name in changes:
                return changes.get(name, [])
        return self.module_changes.get(name, [])

    # -- binding ------------------------------------------------------------------------------

    def bind(self, name: str, value: cst.BaseExpression) -> None:
        if self.frames:
            self.frames[-1][name] = value
            self.changes[-1].pop(name, None)
        else:
            self.module[name] = value
            self.module_changes.pop(name, None)

    def bind_self(self, attr: str, value: cst.BaseExpression) -> None:
        if not self.classes:
            return
        self.classes[-1][attr] = value
        self.class_changes[-1].pop(attr, None)
        if isinstance(value, cst.Name):
            cls = self.param_class(value.value)
            if cls is not None:
                self.self_types[-1][attr] = cls

    def change(
        self, name: str, key: str | None, value: cst.BaseExpression, keep: bool = False
    ) -> None:
        """Record `name[key] = value` (`keep`: only when the key is not set yet)."""
        if name.startswith("self.") and self.class_changes:
            target = self.class_changes[-1].setdefault(name[5:], [])
        else:
            target = None
            for frame, changes in zip(reversed(self.frames), reversed(self.changes), strict=True):
                if name in frame or name in changes:
                    target = changes.setdefault(name, [])
                    break
            if target is None:
                if self.frames and name not in self.module:
                    target = self.changes[-1].setdefault(name, [])
                else:
                    target = self.module_changes.setdefault(name, [])
        assert target is not None
        if keep and any(k == key for k, _ in target):
            return
        if len(target) < 64:  # a loop filling a dict item by item: the first 64 say enough
            target.append((key, value))


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


def annotation_class(annotation: cst.Annotation | None) -> str | None:
    """The class an annotation names: `Settings`, `Optional[Settings]`, `Settings | None`,
    `"Settings"`, `config.Settings`; None for builtins and anything else."""
    if annotation is None:
        return None
    node: cst.BaseExpression = annotation.annotation
    for _ in range(4):
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.BitOr):
            left, right = node.left, node.right
            node = right if isinstance(left, cst.Name) and left.value == "None" else left
        elif isinstance(node, cst.Subscript) and dotted(node.value) in (
            "Optional",
            "typing.Optional",
        ):
            inner = node.slice[0].slice if node.slice else None
            if not isinstance(inner, cst.Index):
                return None
            node = inner.value
        else:
            break
    text = literal_text(node)
    name = text if text is not None else dotted(node)
    if not name or not name.replace(".", "").isidentifier():
        return None
    last = name.rsplit(".", 1)[-1]
    return name if last[:1].isupper() and last not in BUILTIN_TYPES else None


BUILTIN_TYPES = frozenset({"Any", "Dict", "List", "Tuple", "Mapping", "Sequence", "Callable"})


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
        self._active = 0  # nesting of resolve(): the outermost call resets the step budget
        self._steps = 0
        self._changing: set[str] = set()  # names whose later changes are being resolved

    def resolve(self, node: cst.BaseExpression | None, depth: int = 0) -> Val:
        if node is None or depth > MAX_DEPTH:
            return unknown()
        if self._active == 0:
            self._steps = 0
        self._steps += 1
        if self._steps > MAX_STEPS:
            return unknown()
        self._active += 1
        try:
            return self._resolve(node, depth)
        except RecursionError:
            return unknown()
        finally:
            self._active -= 1

    def text_of(self, node: cst.BaseExpression | None) -> str | None:
        return self.resolve(node).text

    def _resolve(self, node: cst.BaseExpression, depth: int) -> Val:
        d = depth + 1
        text = literal_text(node)
        if text is not None:
            return Val.of(text)
        if isinstance(node, cst.FormattedString):
            return self._fstring(node, d)
        if isinstance(node, (cst.Integer, cst.Float)):
            return Val.of(node.value)
        if isinstance(node, cst.Name):
            if node.value in ("True", "False"):
                return Val.of(node.value.lower())
            return self._name(node.value, d)
        if isinstance(node, cst.Comparison):
            return self._comparison(node, d)
        if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Not):
            inner = self.resolve(node.expression, d)
            out = Val(holes=list(inner.holes))
            out.sym = SymStr((Hole("not", args=(_operand(inner),)),))
            return out
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
            return Val(elements=elements, items=_pairs(node, elements))
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
            return self.with_changes(self.resolve(bound, d), name, d)
        if name in self.scopes.imports:
            return name_hole("import", self.scopes.imports[name])
        if self.scopes.is_param(name):
            out = name_hole("param", self.scopes.param_hole_name(name))
            out.cls = self._class_ref(self.scopes.param_class(name))
            return out
        if name in self.scopes.class_members:
            return Val(cls=f"local:{name}")
        return name_hole("unknown", name)

    def with_changes(self, value: Val, name: str, d: int = 0) -> Val:
        """`value` with the changes made to `name` after it was bound (item assignments,
        `.update()`, `|=`, attributes set on a client)."""
        changes = self.scopes.changes_of(name)
        if not changes or name in self._changing:
            # Inside one of its own changes (`opts["x"] = opts.get("x")`) a name is read as
            # bound: the change reads the value before it.
            return value
        self._changing.add(name)
        try:
            return self._with_changes(value, name, changes, d)
        finally:
            self._changing.discard(name)

    def _with_changes(self, value: Val, name: str, changes: list[Change], d: int) -> Val:
        items = dict(value.items or {})
        attrs = dict(value.attrs) if value.attrs else {}
        for key, expr in changes:
            if key is None:
                if isinstance(expr, cst.Call):
                    update = self._dict_call(expr, d)
                else:
                    update = self.resolve(expr, d)
                items.update(update.items or {})
            elif key.startswith("."):
                attrs[key[1:]] = expr
            else:
                items[key] = self.resolve(expr, d)
        out = Val(value.sym, list(value.holes), items, value.encoded, value.elements, value.cls)
        out.attrs = attrs
        out.doc, out.doc_keys = value.doc, value.doc_keys
        if value.doc == INI_UNREAD and "read" in attrs:
            # `parser.read("config/app.ini")` (or read_file(open(...))): the document read.
            read = attrs["read"]
            first = arg(read, 0, None) if isinstance(read, cst.Call) else None
            path = self._document_path(first, d)
            out.doc = path if path.endswith(INI_SUFFIXES) else None
        if items or value.items is not None:
            out.items = items
        return out

    def _class_ref(self, cls: str | None) -> str | None:
        """ "local:C" / "import:MODULE:C" for a class named in this file."""
        if cls is None:
            return None
        head, _, rest = cls.partition(".")
        if head in self.scopes.class_members and not rest:
            return f"local:{head}"
        target = self.scopes.imports.get(head)
        if target is None:
            return None
        if not rest:
            return f"import:{target}" if ":" in target else None
        # `config.Settings` with `import config` / `from app import config`
        return f"import:{_module_of(target)}:{rest}"

    def _attribute(self, node: cst.Attribute, d: int) -> Val:
        full = dotted(node)
        attr = node.attr.value
        if full is not None:
            bound = self.scopes.lookup(full)
            if bound is not None:
                return self.with_changes(self.resolve(bound, d), full, d)
            parts = full.split(".")
            if parts[-1] == "value" and len(parts) == 3:
                parts = parts[:2]  # `Grant.PASSWORD.value`: an enum member's value
            base = parts[0]
            if len(parts) == 2 and base in self.scopes.class_members:
                member = self.scopes.class_members[base].get(parts[1])
                if member is not None:
                    return self.resolve(field_default(member), d)
            if base in self.scopes.imports and len(parts) == 2:
                # `config.TOKEN_URL` with `import config` / `from . import config`, or
                # `Grant.PASSWORD` / `Settings.token_url` with `from .config import Grant`
                target = self.scopes.imports[base]
                holes = [Hole("import", f"{_module_of(target)}:{parts[1]}")]
                if ":" in target and base[:1].isupper():
                    holes.insert(0, Hole("import", f"{target}.{parts[1]}"))
                elif ":" in target:
                    holes.append(Hole("import", f"{target}.{parts[1]}"))
                return Val(holes=[*holes, Hole("key", parts[1])])
            if full.startswith("self.") and full.count(".") == 2:
                # `self._settings.token_url` with `self._settings = settings: Settings`
                cls = self._class_ref(self.scopes.self_class(parts[1]))
                if cls is not None:
                    return self._member(cls, attr, d)
        if full and not full.startswith(("self.", "cls.")) and attr in self.scopes.class_attrs:
            v = self.resolve(field_default(self.scopes.class_attrs[attr]), d)
            return v.merged(name_hole("key", attr))
        base_val = self.resolve(node.value, d)
        if base_val.items is not None and attr in base_val.items:
            return base_val.items[attr]
        if base_val.cls is not None:
            return self._member(base_val.cls, attr, d)
        return name_hole("key", attr).merged(_env_of(base_val))

    def _member(self, cls: str, attr: str, d: int) -> Val:
        """An attribute of an instance of `cls` (a settings object): its class default."""
        if cls.startswith("local:"):
            member = self.scopes.class_members.get(cls[6:], {}).get(attr)
            if member is not None:
                return self.resolve(field_default(member), d)
            return name_hole("key", attr)
        return Val(holes=[Hole("import", f"{cls[7:]}.{attr}"), Hole("key", attr)])

    def _comparison(self, node: cst.Comparison, d: int) -> Val:
        """`flag == "true"`, `mode in ("1", "yes")`, `x != "false"`: a flag that the linker
        can decide once the compared value is known (symstr `eq`/`ne` holes)."""
        if len(node.comparisons) != 1:
            return unknown()
        op = node.comparisons[0].operator
        left = self.resolve(node.left, d)
        right_node = node.comparisons[0].comparator
        if isinstance(op, (cst.Equal, cst.NotEqual)):
            options = [self.resolve(right_node, d)]
        elif isinstance(op, (cst.In, cst.NotIn)) and isinstance(right_node, (cst.Tuple, cst.List)):
            options = [
                self.resolve(e.value, d) for e in right_node.elements if isinstance(e, cst.Element)
            ]
        else:
            return unknown()
        if not options or any(o.sym is None or not o.sym.literal for o in options):
            return unknown()
        kind = "eq" if isinstance(op, (cst.Equal, cst.In)) else "ne"
        out = Val(holes=list(left.holes))
        out.sym = SymStr((Hole(kind, args=(_operand(left), *(_operand(o) for o in options))),))
        return out

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
        short_name = name.rsplit(".", 1)[-1]
        if short_name in LOADERS or short_name == "dotenv_values":
            loaded = self._document(node, name, short_name, d)
            if loaded is not None:
                return loaded
        if short_name in INI_PARSERS and self._from_configparser(name):
            return Val(doc=INI_UNREAD)
        if name == EACH:
            inner = self.resolve(node.args[0].value, d)
            if inner.elements:
                out = Val().merged(*inner.elements)
                out.sym = each(*(_operand(e) for e in inner.elements))
                return out
            return Val(holes=list(inner.holes))
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
            if inner.items is not None and short == "urlencode":
                out.items = inner.items  # a form body, encoded: its fields are still known
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
        if isinstance(func, cst.Name) and func.value in self.scopes.signatures:
            return name_hole("import", f":{func.value}()")  # what the local function returns
        if isinstance(func, cst.Name) and func.value in self.scopes.class_members:
            return Val(cls=f"local:{func.value}")
        if isinstance(func, cst.Name) and func.value in self.scopes.imports:
            target = self.scopes.imports[func.value]
            if external_module(target):
                pass
            elif ":" in target and func.value[:1].isupper():
                return Val(cls=f"import:{target}")  # `Settings()`: an instance
            if ":" in target:
                return name_hole("import", f"{target}()")  # what the function returns
        if isinstance(func, cst.Attribute):
            recv = func.value
            method = self._method(recv, short, d)
            if method is not None:
                return method
            if short in ("lower", "upper"):
                inner = self.resolve(recv, d)
                if inner.sym is not None and inner.sym.literal:
                    text = inner.sym.text or ""
                    return Val.of(text.lower() if short == "lower" else text.upper())
                if inner.sym is not None:
                    out = Val(holes=list(inner.holes))
                    out.sym = SymStr((Hole("enc", short, None, (inner.sym,)),))
                    return out
                return inner
            if short in KEEP_TEXT_METHODS:
                return self.resolve(recv, d)
            if short in ("substitute", "safe_substitute"):
                return self._template(node, recv, d)
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
            if short in INI_GETTERS:
                container = self.resolve(recv, d)
                if container.doc is not None and container.doc.endswith(INI_SUFFIXES):
                    return self._ini_get(container, node, d)
            if short == "get":
                key = literal_text(arg(node, 0, None) or cst.Name("_"))
                container = self.resolve(recv, d)
                loaded = self._document_get(container, node, d)
                if loaded is not None:
                    return loaded
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

    def _method(self, recv: cst.BaseExpression, short: str, d: int) -> Val | None:
        """What a method of a known class returns: `self._headers()` (a single-return method
        of this class), `auth.token()` of an imported module, `client.token()` on an instance
        of another module's class (holes the linker fills from that module's `f()` exports)."""
        if isinstance(recv, cst.Name) and recv.value in ("self", "cls"):
            if self.scopes.class_names:
                cls = self.scopes.class_names[-1]
                methods = self.scopes.class_methods.get(cls, {})
                returned = methods.get(short)
                if returned is not None:
                    return self.resolve(returned, d)
                if short in self.scopes.class_defs.get(cls, ()):
                    return name_hole("import", f":{cls}.{short}()")
            return None
        full = dotted(recv)
        if full is None:
            return None
        if full in self.scopes.imports:
            target = self.scopes.imports[full]
            if external_module(target):
                return None
            if ":" not in target:  # `auth.get_token()` with `import auth`
                return name_hole("import", f"{target}:{short}()")
            if full[:1].isupper():  # `Client.create()` with `from .client import Client`
                return name_hole("import", f"{target}.{short}()")
            return name_hole("import", f"{_module_of(target)}:{short}()")  # `from app import auth`
        if full in self.scopes.class_members:
            returned = self.scopes.class_methods.get(full, {}).get(short)
            return self.resolve(returned, d) if returned is not None else None
        if full.split(".", 1)[0] in self.scopes.imports:
            return None  # `requests.adapters.x()`: a library
        base = self.resolve(recv, d)
        if base.cls is not None and base.cls.startswith("import:"):
            return name_hole("import", f"{base.cls[7:]}.{short}()")
        if base.cls is not None:
            returned = self.scopes.class_methods.get(base.cls[6:], {}).get(short)
            return self.resolve(returned, d) if returned is not None else None
        return None

    def callee_of(self, call: cst.Call) -> tuple[str, bool] | None:
        """("MODULE:NAME", bound) of a call to a function of the project (MODULE as written,
        empty for this file; NAME `f`, `Class.method`, `Class.__init__` for a constructor),
        None for library calls and anything unknown."""
        func = call.func
        scopes = self.scopes
        if isinstance(func, cst.Name):
            name = func.value
            if name in scopes.signatures:
                return f":{name}", False
            if name in scopes.class_members:
                return f":{name}.__init__", True
            target = scopes.imports.get(name)
            if target is None or ":" not in target or external_module(target):
                return None
            if name[:1].isupper():
                return f"{target}.__init__", True
            return target, False
        if not isinstance(func, cst.Attribute):
            return None
        recv, method = func.value, func.attr.value
        if isinstance(recv, cst.Name) and recv.value in ("self", "cls") and scopes.class_names:
            cls = scopes.class_names[-1]
            if method in scopes.class_defs.get(cls, {}):
                return f":{cls}.{method}", True
            return None
        full = dotted(recv)
        if full is None:
            return None
        if full in scopes.imports:
            target = scopes.imports[full]
            if external_module(target):
                return None
            if ":" not in target:
                return f"{target}:{method}", False
            if full[:1].isupper():
                return f"{target}.{method}", False
            return f"{_module_of(target)}:{method}", False
        if full.split(".", 1)[0] in scopes.imports:
            return None
        base = self.resolve(recv)
        if base.cls is not None and base.cls.startswith("import:"):
            return f"{base.cls[7:]}.{method}", True
        if base.cls is not None:
            return f":{base.cls[6:]}.{method}", True
        return None

    def _template(self, node: cst.Call, recv: cst.BaseExpression, d: int) -> Val:
        """`string.Template("https://api-$area...").substitute(area=AREA)`."""
        if not isinstance(recv, cst.Call) or (call_name(recv) or "").rsplit(".", 1)[-1] != (
            "Template"
        ):
            bound = self.scopes.lookup(recv.value) if isinstance(recv, cst.Name) else None
            if not isinstance(bound, cst.Call):
                return unknown()
            recv = bound
        template = self.resolve(arg(recv, 0, "template"), d)
        if template.sym is None:
            return unknown()
        kw = {a.keyword.value: self.resolve(a.value, d) for a in node.args if a.keyword}
        mapping = arg(node, 0, None)
        if mapping is not None:
            kw.update(self.resolve(mapping, d).items or {})
        out = template.merged(*kw.values())
        out.sym = _substitute(template.sym, {k: _operand(v) for k, v in kw.items()})
        return out

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
        if container.doc is not None:
            return _document_read(container, key, None)
        return name_hole("key", key).merged(_env_of(container))

    def _document(self, node: cst.Call, name: str, short: str, d: int) -> Val | None:
        """`yaml.safe_load(open(P))`, `json.load(f)` (`with open(P) as f`),
        `json.loads(Path(P).read_text())`, `tomllib.load(...)`, `toml.load(P)`,
        `dotenv_values(P)`: a document the linker reads (`config:` holes)."""
        if short == "dotenv_values":
            return Val(doc=DOTENV)
        if short not in LOADERS:
            return None
        root = name.split(".", 1)[0]
        target = self.scopes.imports.get(root, "")
        module = target.split(":", 1)[0].split(".", 1)[0] if target else ""
        if module not in DOCUMENT_MODULES:
            return None
        return Val(doc=self._document_path(arg(node, 0, None), d))

    def _document_path(self, node: cst.BaseExpression | None, d: int, depth: int = 0) -> str:
        """The path a document is read from, as written ("" when this file cannot tell)."""
        if node is None or depth > 4:
            return ""
        if isinstance(node, cst.Name):
            bound = self.scopes.lookup(node.value)
            if bound is not None and not isinstance(bound, (cst.SimpleString, cst.Name)):
                return self._document_path(bound, d, depth + 1)
        if isinstance(node, cst.Call):
            short = (call_name(node) or "").rsplit(".", 1)[-1]
            func = node.func
            opener = isinstance(func, cst.Name) or call_name(node) in ("io.open", "codecs.open")
            if (short == "open" and opener) or short in ("Path", "PurePath"):
                return self._document_path(arg(node, 0, "file"), d, depth + 1)
            if short in ("open", "read", "read_text", "read_bytes") and isinstance(
                func, cst.Attribute
            ):
                return self._document_path(func.value, d, depth + 1)
        text = self.resolve(node, d).text
        if text is None or UNKNOWN in text or not DOCUMENT_PATH_RE.match(text):
            return ""
        return text

    def _from_configparser(self, name: str) -> bool:
        root = name.split(".", 1)[0]
        target = self.scopes.imports.get(root, "")
        return target.split(":", 1)[0] == "configparser"

    def _ini_get(self, container: Val, node: cst.Call, d: int) -> Val:
        """`parser.get("cxone", "token_url")`, `parser.getboolean(section, option)` and on a
        section `cx.get("token_url", fallback)`, `cx.getboolean("verify_ssl")`: a key read."""
        positional = [a.value for a in node.args if a.keyword is None]
        names = [literal_text(v) for v in positional]
        fallback = next(
            (a.value for a in node.args if a.keyword and a.keyword.value == "fallback"), None
        )
        if not container.doc_keys and len(names) >= 2 and names[0] and names[1]:
            section = _document_read(container, names[0], None)
            return _document_read(section, names[1], self._maybe(fallback, d))
        if container.doc_keys and names and names[0]:
            default = (
                fallback
                if fallback is not None
                else (positional[1] if len(positional) > 1 else None)
            )
            return _document_read(container, names[0], self._maybe(default, d))
        return unknown()

    def _maybe(self, node: cst.BaseExpression | None, d: int) -> Val | None:
        return self.resolve(node, d) if node is not None else None

    def _document_get(self, container: Val, node: cst.Call, d: int) -> Val | None:
        """`conf.get("cxone", {}).get("token_url", default)` on a loaded document."""
        key = literal_text(arg(node, 0, None) or cst.Name("_"))
        if key is None or container.doc is None:
            return None
        default = arg(node, 1, "default")
        return _document_read(container, key, self.resolve(default, d) if default else None)


EACH = "__each__"
DOTENV = "\0dotenv"
# configparser: a parser made, its file not read yet; then the path `.read()` names.
INI_UNREAD = "\0ini"
INI_PARSERS = frozenset({"ConfigParser", "RawConfigParser", "SafeConfigParser"})
INI_GETTERS = frozenset({"get", "getboolean", "getint", "getfloat"})
INI_SUFFIXES = (".ini", ".cfg")
LOADERS = frozenset({"safe_load", "load", "full_load", "unsafe_load", "loads"})
DOCUMENT_MODULES = frozenset(
    {"yaml", "ruamel", "json", "ujson", "orjson", "json5", "tomllib", "tomli", "toml", "tomlkit"}
)
DOCUMENT_PATH_RE = re.compile(r"^[\w.~/\\-]{1,200}$")


def _document_read(container: Val, key: str, default: Val | None) -> Val:
    """A key read from a loaded document: a `config:FILE#a.b` hole (an `env:` one for
    `dotenv_values`), the default as its stand-in."""
    if container.doc == DOTENV:
        read = Hole("env", key, default.sym if default is not None else None)
        return Val(SymStr((read,)), [read])
    keys = (*container.doc_keys, key)
    fallback = default.to_value() if default is not None and default.items is None else None
    read = Hole("config", f"{container.doc}#{'.'.join(keys)}", fallback)
    out = Val(SymStr((read,)), [read])
    out.doc, out.doc_keys = container.doc, keys
    return out


# Modules that are never the project's own: a call into them has no summary to link.
EXTERNAL_ROOTS = frozenset(sys.stdlib_module_names) | frozenset(
    {
        *("requests", "httpx", "aiohttp", "urllib3", "authlib", "requests_oauthlib", "oauthlib"),
        *("jwt", "flask", "fastapi", "django", "starlette", "pydantic", "pydantic_settings"),
        *("yaml", "dotenv", "tomli", "boto3", "botocore", "structlog", "loguru", "click"),
        *("typer", "pytest", "numpy", "pandas", "sqlalchemy", "celery", "redis", "werkzeug"),
    }
)


def external_module(target: str) -> bool:
    """An import target (`module` or `module:NAME`) of a library, not of the project."""
    spec = target.partition(":")[0]
    return not spec.startswith(".") and spec.split(".", 1)[0] in EXTERNAL_ROOTS


def _module_of(target: str) -> str:
    """The module an imported name is, when it is one: `from app import config` gives
    "app:config" -> "app.config"; `from . import config` gives ".:config" -> ".config"."""
    spec, sep, name = target.partition(":")
    if not sep:
        return target
    return spec + name if spec.strip(".") == "" else f"{spec}.{name}"


def _pairs(node: cst.Tuple | cst.List, elements: list[Val]) -> dict[str, Val] | None:
    """A list of (key, value) pairs with literal keys (`[("grant_type", "password"), ...]`):
    a form body as urlencode and requests read it."""
    # A starred element (`[*defaults, ("scope", s)]`) hides pairs we cannot see: not a body.
    if not elements or len(elements) != len(node.elements):
        return None
    items: dict[str, Val] = {}
    for element, value in zip(node.elements, elements, strict=True):
        pair = element.value
        if (
            not isinstance(pair, cst.Tuple)
            or len(pair.elements) != 2
            or value.elements is None
            or len(value.elements) != 2
        ):
            return None
        key = literal_text(pair.elements[0].value)
        if key is None:
            return None
        items[key] = value.elements[1]
    return items


def _substitute(template: SymStr, values: Mapping[str, SymStr]) -> SymStr:
    def sub(match: re.Match[str]) -> SymStr | str:
        if match.group(0) == "$$":
            return "$"
        found = values.get(match.group(1) or match.group(2))
        return found if found is not None else hole("unknown")

    return _splice(template, _DOLLARS, sub)


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
_DOLLARS = re.compile(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)")
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
    """The returned expression of a function whose body's only `return` is at its top level.
    Statements only: a `return` is never inside an expression, and libcst's `visit` would
    rebuild every node of the function to find it."""
    if not isinstance(func.body, cst.IndentedBlock):
        return None
    found = [s for s in statements(list(func.body.body)) if isinstance(s, cst.Return)]
    if len(found) != 1:
        return None
    value = found[0].value
    return value if value is not None else cst.Name("None")


def body_of(node: cst.CSTNode) -> list[cst.CSTNode]:
    """The statements a compound statement (or `else`/`except`/`finally`/`case`) runs."""
    body = getattr(node, "body", None)
    if isinstance(body, cst.IndentedBlock):
        return list(body.body)
    if isinstance(body, cst.SimpleStatementSuite):
        return list(body.body)
    return []


def statements(body: list[cst.CSTNode]) -> Iterator[cst.CSTNode]:
    """Statements of a block and the blocks nested in it (not into functions or classes)."""
    stack = list(reversed(body))
    while stack:
        stmt = stack.pop()
        yield stmt
        if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
            continue
        if isinstance(stmt, cst.SimpleStatementLine):
            stack.extend(reversed(stmt.body))
            continue
        inner: list[cst.CSTNode] = body_of(stmt)
        for attr in ("orelse", "finalbody"):
            part = getattr(stmt, attr, None)
            if isinstance(part, cst.If):
                inner.append(part)
            elif part is not None:
                inner.extend(body_of(part))
        for handler in getattr(stmt, "handlers", ()) or ():
            inner.extend(body_of(handler))
        for case in getattr(stmt, "cases", ()) or ():
            inner.extend(body_of(case))
        stack.extend(reversed(inner))

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
- names imported from other modules of the project are kept in `refs` (`module:NAME`) and resolved
  across files in phase two (`resolve_refs`).

A `Val` is plain data; `to_json` gives the form stored in facts. Secret values must never be
stored: callers store only URL-like text (`is_url_like`) or derived facts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

import libcst as cst

from cxone_rules.domain.hosts import UNKNOWN, classify_url, redact_url

MAX_DEPTH = 12

ENV_CALLS = {"os.getenv", "getenv", "os.environ.get", "environ.get", "os.environ.setdefault"}
KEEP_TEXT_METHODS = {"strip", "rstrip", "lstrip", "lower", "upper", "removesuffix", "removeprefix"}
ENCODE_FUNCS = {"quote", "quote_plus", "urlencode", "encodeURIComponent"}


@dataclass
class Val:
    """What an expression is known to hold.

    text: the string with UNKNOWN where parts are unknown; None when nothing is known
    env: environment variable names read to produce it
    refs: names (`module:NAME` or a bare local name) that could not be resolved in this file
    keys: keys/attributes read from an unknown container (`token_endpoint`, `api_endpoint`)
    items: for dict values, the known string keys and their values
    encoded: produced by quote/quote_plus/urlencode
    """

    text: str | None = None
    env: list[str] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    items: dict[str, Val] | None = None
    encoded: bool = False
    elements: list[Val] | None = None

    @property
    def known(self) -> bool:
        return self.text is not None and UNKNOWN not in self.text

    def merged(self, *others: Val) -> Val:
        out = Val(self.text, list(self.env), list(self.refs), list(self.keys))
        for o in others:
            for attr in ("env", "refs", "keys"):
                for item in getattr(o, attr):
                    if item not in getattr(out, attr):
                        getattr(out, attr).append(item)
        return out

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "text": redact_url(self.text) if self.text and is_url_like(self.text) else None
        }
        if self.env:
            out["env"] = list(self.env)
        if self.refs:
            out["refs"] = list(self.refs)
        if self.keys:
            out["keys"] = list(self.keys)
        return out


# A URL path: short word-like segments. Base64 secrets may start with "/" but carry "+", "="
# or long runs, so they never pass.
PATH_RE = re.compile(r"^(/[A-Za-z0-9._~%{}\ufffc-]{1,40})+/?$")


def is_url_like(text: str | None) -> bool:
    """URLs and URL paths, the only resolved text kept in facts (never a secret)."""
    if not text or len(text) > 2000:
        return False
    if any(c.isspace() for c in text):
        return False
    if "://" in text:
        return True
    if text.startswith("/"):
        return bool(PATH_RE.match(text.split("?", 1)[0])) and "+" not in text
    return classify_url(text) is not None


def unknown() -> Val:
    return Val()


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
            return Val(text)
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
            out = chosen.merged(left if chosen is right else right)
            out.items = chosen.items
            return out
        if isinstance(node, cst.IfExp):
            body, orelse = self.resolve(node.body, d), self.resolve(node.orelse, d)
            chosen = body if body.text is not None else orelse
            return chosen.merged(orelse if chosen is body else body)
        if isinstance(node, cst.Await):
            return self.resolve(node.expression, d)
        return unknown()

    def _fstring(self, node: cst.FormattedString, d: int) -> Val:
        out = Val("")
        parts: list[str] = []
        for part in node.parts:
            if isinstance(part, cst.FormattedStringText):
                parts.append(part.value)
            elif isinstance(part, cst.FormattedStringExpression):
                v = self.resolve(part.expression, d)
                out = out.merged(v)
                parts.append(v.text if v.text is not None and not v.items else UNKNOWN)
        out.text = "".join(parts)
        return out

    def _name(self, name: str, d: int) -> Val:
        bound = self.scopes.lookup(name)
        if bound is not None:
            return self.resolve(bound, d)
        if name in self.scopes.imports:
            return Val(refs=[self.scopes.imports[name]])
        return Val(refs=[name])

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
                return Val(refs=[f"{mod}:{attr}"], keys=[attr])
        if full and not full.startswith(("self.", "cls.")) and attr in self.scopes.class_attrs:
            v = self.resolve(field_default(self.scopes.class_attrs[attr]), d)
            return v.merged(Val(keys=[attr]))
        base_val = self.resolve(node.value, d)
        if base_val.items is not None and attr in base_val.items:
            return base_val.items[attr]
        return Val(keys=[attr]).merged(Val(env=base_val.env))

    def _binop(self, node: cst.BinaryOperation, d: int) -> Val:
        left, right = self.resolve(node.left, d), self.resolve(node.right, d)
        if isinstance(node.operator, cst.Add):
            if left.text is None and right.text is None:
                return left.merged(right)
            out = left.merged(right)
            out.text = (left.text if left.text is not None else UNKNOWN) + (
                right.text if right.text is not None else UNKNOWN
            )
            return out
        if isinstance(node.operator, cst.Modulo) and left.text is not None:
            args = right.elements if right.elements is not None else [right]
            out = left.merged(right, *args)
            out.text = _percent(left.text, [a.text for a in args])
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
                v = v.merged(Val(env=[env_name]))
            return v
        if short in ENCODE_FUNCS:
            inner = self.resolve(arg(node, 0, None), d)
            return Val(inner.text if inner.items is None else None, encoded=True).merged(inner)
        if short == "urljoin":
            base, rel = self.resolve(arg(node, 0, None), d), self.resolve(arg(node, 1, None), d)
            out = base.merged(rel)
            if rel.text is not None and "://" in rel.text:
                out.text = rel.text
            elif base.text is not None and rel.text is not None:
                out.text = urljoin(base.text, rel.text)
            elif rel.text is not None and rel.text.startswith("/"):
                out.text = UNKNOWN + rel.text
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
                if base.text is not None:
                    pos = [self.resolve(a.value, d) for a in node.args if a.keyword is None]
                    kw = {
                        a.keyword.value: self.resolve(a.value, d)
                        for a in node.args
                        if a.keyword is not None
                    }
                    out = base.merged(*pos, *kw.values())
                    out.text = _format(
                        base.text, [p.text for p in pos], {k: v.text for k, v in kw.items()}
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
                    return v.merged(Val(keys=[key], env=container.env))
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
            return Val(env=[key])
        container = self.resolve(node.value, d)
        if key is None:
            return Val(env=container.env)
        if container.items is not None and key in container.items:
            return container.items[key]
        return Val(keys=[key], env=list(container.env))


def _percent(template: str, args: list[str | None]) -> str:
    values = iter(args)

    def sub(match: re.Match[str]) -> str:
        if match.group(0) == "%%":
            return "%"
        v = next(values, None)
        return v if v is not None else UNKNOWN

    return re.sub(r"%%|%[-+ #0]*\d*(?:\.\d+)?[sdrif]", sub, template)


def _format(template: str, pos: list[str | None], kw: Mapping[str, str | None]) -> str:
    counter = iter(range(len(pos) + 100))

    def sub(match: re.Match[str]) -> str:
        if match.group(0) in ("{{", "}}"):
            return match.group(0)[0]
        field_name = match.group(1).split("!")[0].split(":")[0]
        if field_name == "":
            i = next(counter)
            v = pos[i] if i < len(pos) else None
        elif field_name.isdigit():
            i = int(field_name)
            v = pos[i] if i < len(pos) else None
        else:
            v = kw.get(field_name)
        return v if v is not None else UNKNOWN

    return re.sub(r"\{\{|\}\}|\{([^{}]*)\}", sub, template)


# -- project-level resolution (phase two) ------------------------------------------------------


_JS_SUFFIXES = (".tsx", ".jsx", ".mts", ".cts", ".mjs", ".cjs", ".ts", ".js")
# PHP and PowerShell files whose constants other files include or import.
_OTHER_SUFFIXES = (".phtml", ".php", ".psm1", ".psd1", ".ps1")


def module_name(rel: str) -> str:
    """`src/pkg/config.py` -> `src.pkg.config` (package `__init__` -> the package); for
    JavaScript and TypeScript `src/nice/index.ts` -> `src.nice` (what `import from "../nice"`
    names), `src/config.js` -> `src.config`; PHP and PowerShell files lose their suffix
    (`config/app.php` -> `config.app`, `lib/Auth.psm1` -> `lib.Auth`)."""
    if rel.endswith(".py"):
        return rel[:-3].replace("/", ".").removesuffix(".__init__")
    for suffix in _JS_SUFFIXES:
        if rel.endswith(suffix):
            return rel[: -len(suffix)].replace("/", ".").removesuffix(".index")
    for suffix in _OTHER_SUFFIXES:
        if rel.endswith(suffix):
            return rel[: -len(suffix)].replace("/", ".")
    return rel.replace("/", ".")


def absolute_module(ref_module: str, importer_rel: str) -> str:
    """Resolve a relative module (`.config`, `..util`) against the importing file."""
    if not ref_module.startswith("."):
        return ref_module
    level = len(ref_module) - len(ref_module.lstrip("."))
    package = module_name(importer_rel).split(".")
    if not importer_rel.endswith("__init__.py"):
        package = package[:-1]
    package = package[: len(package) - (level - 1)] if level > 1 else package
    rest = ref_module.lstrip(".")
    return ".".join([*package, rest] if rest else package)


def find_module(modules: Mapping[str, Mapping[str, Any]], wanted: str) -> Mapping[str, Any] | None:
    """The module whose dotted name equals `wanted` or ends with `.wanted` (src layouts)."""
    if wanted in modules:
        return modules[wanted]
    hits = [m for name, m in modules.items() if name.endswith("." + wanted)]
    return hits[0] if len(hits) == 1 else None


def resolve_refs(
    refs: Iterable[str],
    importer_rel: str,
    constants_by_module: Mapping[str, Mapping[str, Any]],
) -> list[str]:
    """URL-like constants that `module:NAME` refs point to in other project modules."""
    out: list[str] = []
    for ref in refs:
        if ":" not in ref:
            continue
        mod, name = ref.split(":", 1)
        consts = find_module(constants_by_module, absolute_module(mod, importer_rel))
        if consts and isinstance(consts.get(name), str):
            out.append(consts[name])
    return out


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

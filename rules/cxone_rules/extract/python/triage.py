"""Triage: whether a Python file can hold any fact the CXone extractors emit, from CPython's
`ast` (about 8x cheaper than the libcst parse, and the engine has parsed it anyway to guard
libcst), before any libcst tree is built.

The literal pre-filter lets through any file that mentions a word such as "token", "verify" or
"basic " (the tokenizer, `ssl`, prose): words, not evidence. Triage looks at where the words
are: string literals bound to secret-like names, calls with `auth=`/`verify=` keywords, URL
literals, CXone hosts, JWT- and Basic-key-shaped literals, the names a token request is
recognised by. On the standard library it keeps 1 file in 20 of those the pre-filter passes.

Each test below is a necessary condition of one fact kind of http.py or secrets.py (the fact
named in the comment), read from the code that emits it: if the test fails, the extractor
cannot emit that kind for the file. A file that passes no test of an extractor gets only the
facts that extractor records for every file (`FileTraits`, from the text alone); its other
context facts (`Import`, `EnvRef`) are not read by any rule without a fact of the kinds below
in the same file. tests/test_triage.py runs every fixture, rule case and corpus file without
triage and checks that each file triage rejects yields nothing else; a new fact kind needs its
test here (that test names the kinds it allows).

Vocabulary checks look at string constants: CPython joins implicit concatenations
(`"a" "b"` is one constant), so a word split across two literals is not found. That is the one
imprecision accepted: no code writes a host name or a token path in halves. Where libcst sees
the parts and CPython only the whole (a Basic key in one part of a concatenation), the raw text
is searched as well.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cxone_lint.api.facts import BATCH_KEY, Fact, encode_batch
from cxone_lint.api.python import PythonSource
from cxone_lint.api.redact import url_password
from cxone_rules.domain import secrets as sx
from cxone_rules.extract.common import file_traits
from cxone_rules.extract.python import vocabulary
from cxone_rules.facts.kinds import FILE_START, Deferred

if TYPE_CHECKING:
    from cxone_lint.api.python import PythonExtractor

SHARED_KEY = "cxone.triage"

# CXone domains (domain/hosts.py CXONE_DOMAINS) as words: niceincontact.com, nice-incontact.com,
# incontact.com, nicecxone-gov.com, nicecxone-sov1.au/.eu.
_CXONE_WORDS = ("incontact", "nicecxone")
# The ends of token URL paths (domain/hosts.py path_kind: .../auth/token, the legacy
# InContactAuthorizationServer/Token, .../token/access-key, .../public/user/refresh), before a
# query, a fragment or the end of the literal; and the discovery document's name.
_TOKEN_PATH = re.compile(r"(?:token|access-key|refresh)/?(?:[?#]|$)")
# Keys a token URL is read from (http.py _http_call: `url.keys`).
_TOKEN_KEYS = frozenset({"token_endpoint", "token_url", "token_uri"})
# Body keys that make a call a token request or a browser flow (http.py).
_FLOW_KEYS = frozenset(
    {"grant_type", "response_type", "redirect_uri", "accessKeyId", "accessKeySecret"}
)
# A quoted base64 literal that may be a Basic key, bare or in a `Basic ...` header (secrets.py
# _generic: decode_basic, header_credential), searched in the text: there a part of a
# concatenation is a literal of its own.
_B64_QUOTED = re.compile(r"""["']\s*(basic\s+)?([A-Za-z0-9+/]{12,}={0,2})\s*["']""", re.I)
# The clear-text legacy key `App@Vendor:4600123` inside a literal (is_app_vendor_bu).
_APP_VENDOR_BU = re.compile(r"@[A-Za-z0-9 _'-]+:[0-9]{4,}")
# Lower-cased name parts without which secret_kind_for_name is None.
_SECRET_NAME_HINTS = (
    "secret",
    "passw",
    "pwd",
    "passphrase",
    "token",
    "bearer",
    "jwt",
    "key",
    "auth",
)
_TLS_KEYWORDS = frozenset({"verify", "verify_ssl", "ssl"})
_TLS_ATTRIBUTES = frozenset({"verify", "check_hostname", "verify_mode"})
_SINK_CALLS = frozenset({"print", "pprint", "pp", "echo", "write"})


@dataclass
class Evidence:
    http: bool = False
    secrets: bool = False


def has_evidence(source: PythonSource) -> bool:
    """Whether any CXone Python extractor can find something in the file (computed once per
    file, shared by the extractors through `source.shared`).

    The decision is per file, not per extractor: an extractor that finds something in a file
    may read what another records there (the `Import` facts of http.py serve the runtime rules
    of tokens.py and server.py), so a file with evidence for one gets them all."""
    return _triage(source)[0]


def _triage(source: PythonSource) -> tuple[bool, tuple[str, ...]]:
    found = source.shared.get(SHARED_KEY)
    if found is None:
        found = source.shared[SHARED_KEY] = _any_evidence(source.tree, source.text)
    return found


def _any_evidence(tree: ast.Module, text: str) -> tuple[bool, tuple[str, ...]]:
    """(evidence, context): context names the facts of tokens.py a file without evidence may
    still hold, which rules read only with facts of other files (facts/demand.py brings the
    file back when those exist):

    - CodeBlock (every function and loop) and LoopCall (calls in loops): read beside a
      TokenRequest or TokenUse of the same file (evidence here, so the file is analysed), and
      CX802 reads a LoopCall through the function it calls in another file, whose TokenRequest
      makes the demand bring that file's importers back; never recorded, always possible;
    - `callback`, CallbackCheck (a state compared): CX813 reads it anywhere in the project,
      when some file builds an AuthorizeRequest;
    - `hand`, TokenUse "hand" (a function returning a token): CX904 reads it through a route's
      call, in a module the route's file imports.
    """
    from cxone_rules.extract.python.triage_production import signals

    found = evidence(tree, text)
    if found.http or found.secrets:
        return True, ()
    production = signals(tree, text)
    if production.tokens_evidence or production.server or production.literals:
        return True, ()
    context = ("callback",) * production.callback_check + ("hand",) * production.token_hand
    return False, context


class Triage:
    """Mixed into each CXone Python extractor (api/python.py `evidence` and `skip`)."""

    @classmethod
    def evidence(cls, source: PythonSource) -> bool:
        return has_evidence(source)

    def skip(self, source: PythonSource) -> None:
        """What the extractor records in a file without evidence: the file's traits (from its
        text alone) where it records them, and what the file imports, for facts/demand.py."""
        extractor: PythonExtractor = self  # type: ignore[assignment]
        facts: list[Fact] = []
        if extractor.name in _TRAIT_EXTRACTORS:
            facts.append(file_traits(source.text))
        if extractor.name == _IMPORTS_EXTRACTOR:
            modules = imported_modules(source.tree)
            context = _triage(source)[1]
            facts.append(Deferred(**FILE_START, modules=modules, context=context))
        extractor.facts = {BATCH_KEY: encode_batch(facts, "python")}


def imported_modules(tree: ast.Module) -> tuple[str, ...]:
    """What the file takes from other modules, as `MODULE:NAME` (MODULE as written, relative
    ones with their dots): a name imported from it or read as an attribute of it; `MODULE:*`
    where any name may be used (a star import, the module object itself handed on, a dotted
    `import a.b` read through `a`). `from pkg import sub` counts `pkg:sub` and, as `sub` may be
    a submodule, `pkg.sub` read as a module too."""
    out: list[str] = []
    aliases: dict[str, list[str]] = {}  # local name -> the modules it is bound to
    attributes: list[tuple[str, str]] = []  # (name, attribute) read as `name.attribute`
    bases: set[int] = set()  # the Name nodes read as the base of an attribute
    names: list[ast.Name] = []
    # One walk (the fast one below: ast.walk was a sixth of a triaged run); aliases are
    # resolved after it, as a binding may come after a use in the text.
    for node in _walk(tree):
        kind = type(node)
        if kind is ast.Import:
            for alias in node.names:  # type: ignore[attr-defined]
                if alias.asname or "." not in alias.name:
                    aliases.setdefault(alias.asname or alias.name, []).append(alias.name)
                    out.append(f"{alias.name}:")
                else:
                    out.append(f"{alias.name}:*")
        elif kind is ast.ImportFrom:
            base = "." * node.level + (node.module or "")  # type: ignore[attr-defined]
            joiner = "" if base.endswith(".") or not base else "."
            for alias in node.names:  # type: ignore[attr-defined]
                if alias.name == "*":
                    out.append(f"{base}:*")
                    continue
                out.append(f"{base}:{alias.name}")
                bound = f"{base}{joiner}{alias.name}"
                aliases.setdefault(alias.asname or alias.name, []).append(bound)
        elif kind is ast.Attribute and type(node.value) is ast.Name:  # type: ignore[attr-defined]
            attributes.append((node.value.id, node.attr))  # type: ignore[attr-defined]
            bases.add(id(node.value))  # type: ignore[attr-defined]
        elif kind is ast.Name:
            names.append(node)  # type: ignore[arg-type]
    # A name bound to several modules (`try: import a` / `except: import b as a`) reads each.
    out.extend(f"{m}:{attr}" for name, attr in attributes for m in aliases.get(name, ()))
    # The module object used as a value: any of its names may be read.
    out.extend(f"{m}:*" for n in names if id(n) not in bases for m in aliases.get(n.id, ()))
    return tuple(dict.fromkeys(out))


_TRAIT_EXTRACTORS = frozenset({"cxone.http", "cxone.secrets"})
_IMPORTS_EXTRACTOR = "cxone.http"


def _dotted(node: ast.AST) -> str:
    """secrets.py `_dotted` over ast: `a.b.c`, a call as `f()`, else ""."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else node.attr
    if isinstance(node, ast.Call):
        return _dotted(node.func) + "()"
    return ""


def _literal(node: ast.AST | None) -> str | None:
    """The text of a string literal (bytes as latin-1; an f-string without fields)."""
    if isinstance(node, ast.Constant):
        if isinstance(node.value, str):
            return node.value
        if isinstance(node.value, bytes):
            return node.value.decode("latin-1")
        return None
    if isinstance(node, ast.JoinedStr) and all(isinstance(v, ast.Constant) for v in node.values):
        return "".join(str(v.value) for v in node.values if isinstance(v, ast.Constant))
    return None


def _unwrapped(node: ast.AST | None) -> ast.AST | None:
    """secrets.py `_wrapped`: `SecretStr("...")`, `Field("...")`, `Field(default="...")`."""
    if isinstance(node, ast.Call) and _dotted(node.func).rsplit(".", 1)[-1] in (
        "SecretStr",
        "SecretBytes",
        "Field",
    ):
        for a in node.args:
            if not isinstance(a, ast.Starred):
                return a
        for k in node.keywords:
            if k.arg == "default":
                return k.value
    return node


def _secret_name(name: str | None) -> bool:
    if not name:
        return False
    lower = name.lower()
    return any(h in lower for h in _SECRET_NAME_HINTS) and sx.secret_kind_for_name(name) is not None


def _shaped(value: str) -> bool:
    """A literal that secrets.py `_generic` may report whatever holds it: a JWT, a `Basic`
    header with a key, a password in a URL, a clear-text or encoded legacy key (checked on the
    whole literal; encoded parts of concatenations are found in the text, `_quoted_keys`)."""
    if "eyJ" in value and sx.find_jwts(value):
        return True
    if "@" in value:
        if "://" in value and url_password(value) is not None:
            return True
        if ":" in value and _APP_VENDOR_BU.search(value):
            return True
    if len(value) < 12:
        return False
    header = sx.header_credential(value) if value[:6].lower() in ("basic ", "basic\t") else None
    return (header is not None and header.kind == sx.BASIC_KEY) or (
        sx.decode_basic(value) == "app@vendor:bu"
    )


def _quoted_keys(text: str) -> bool:
    """A Basic key in a literal of its own in the text (a part of a concatenation)."""
    for match in _B64_QUOTED.finditer(text):
        shape = sx.decode_basic(match.group(2))
        if shape == "app@vendor:bu" or (match.group(1) and shape is not None):
            return True
    return False


class _Inventory:
    def __init__(self, text: str) -> None:
        self.text = text
        self.http = False
        self.secrets = False
        # Sinks (secrets.py Sink): a place that writes a value out, and a sensitive value.
        self.sink_site = False
        self.sensitive = any(m in text for m in vocabulary.AUTH_CONTEXT_MARKERS)
        # Exports (http.py Export): module-level bindings and what their values reach.
        self.module_names: dict[str, list[ast.AST]] = {}
        self.functions: dict[str, list[ast.AST]] = {}
        self.class_attrs: dict[str, list[ast.AST]] = {}
        self.classes: list[ast.ClassDef] = []  # every class of the file, met in the walk

    # -- constants -----------------------------------------------------------------------------

    def constant(self, value: str) -> None:
        lower = value.lower()
        if any(w in lower for w in _CXONE_WORDS):
            # UrlUse, DiscoveryCall, TokenRequest to CXone; PlainHttpUrl (secrets)
            self.http = self.secrets = True
            return
        if not self.http and (
            "grant_type" in lower  # GrantValue, TokenRequest bodies
            or "cxone-configuration" in lower  # DiscoveryCall
            or "accesskey" in lower  # TokenRequest (access key bodies)
            or value in _TOKEN_KEYS
            or value in _FLOW_KEYS
            or value == "api_endpoint"  # ConfigRead
            or ("/" in lower and _TOKEN_PATH.search(lower) is not None)  # TokenRequest by path
        ):
            self.http = True
        if not self.secrets and _shaped(value):
            self.secrets = True  # SecretLiteral of a bare literal
        # Sink: a subscript, .get() or getenv() of a sensitive key
        if (
            not self.sensitive
            and 0 < len(value) <= 64
            and (
                lower in vocabulary.SENSITIVE_KEYS
                or (
                    any(h in lower for h in _SECRET_NAME_HINTS)
                    and sx.secret_kind_for_name(value) in vocabulary.SENSITIVE_NAME_KINDS
                )
            )
        ):
            self.sensitive = True

    # -- names ---------------------------------------------------------------------------------

    def bound(self, name: str | None, value: ast.AST | None) -> None:
        """A literal bound to a name (secrets.py `_bind`): SecretLiteral by the name."""
        if self.secrets or value is None:
            return
        if _literal(_unwrapped(value)) is not None and _secret_name(name):
            self.secrets = True

    def identifier(self, name: str) -> None:
        if name in _TOKEN_KEYS or name in _FLOW_KEYS or name == "api_endpoint":
            self.http = True  # TokenRequest by url.keys, ConfigRead by attribute
        elif name in ("fetch_token", "authorization_url", "create_authorization_url", "jwt"):
            self.http = True  # TokenRequest, AuthorizeRequest, JwtEncode/JwtDecode


def _target_name(node: ast.AST) -> str | None:
    """secrets.py `_target_name`: a name, an attribute's name, a subscript's literal key."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Subscript):
        return _literal(node.slice)
    return None


def _is_false(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value is False


def _token_call(node: ast.Call) -> bool:
    """secrets.py `_token_call`: a call that requests a token (its result is sensitive)."""
    short = _dotted(node.func).rsplit(".", 1)[-1]
    if short == "fetch_token":
        return True
    if short not in ("post", "get", "request", "put", "patch", "urlopen", "Request"):
        return False
    values = [*node.args, *(k.value for k in node.keywords)]
    for value in values:
        text = _literal(value) or _dotted(value)
        if isinstance(value, ast.Subscript):
            text = _target_name(value) or ""
        if "token" in text.lower():
            return True
        if isinstance(value, ast.Dict) and any(_literal(k) == "grant_type" for k in value.keys):
            return True
    return False


def evidence(tree: ast.Module, text: str) -> Evidence:
    inv = _Inventory(text)
    inv.secrets = _quoted_keys(text)
    for node in _walk(tree):
        kind = type(node)
        if kind is ast.Name:
            if node.id == "jwt":  # type: ignore[attr-defined]
                inv.http = True  # JwtEncode / JwtDecode
        elif kind is ast.Constant:
            value = node.value  # type: ignore[attr-defined]
            if isinstance(value, str):
                inv.constant(value)
            elif isinstance(value, bytes):
                inv.constant(value.decode("latin-1"))
        elif kind is ast.Call:
            _call(inv, node)  # type: ignore[arg-type]
        elif kind is ast.Assign:
            for target in node.targets:  # type: ignore[attr-defined]
                inv.bound(_target_name(target), node.value)  # type: ignore[attr-defined]
                _tls_assignment(inv, target, node.value)  # type: ignore[attr-defined]
        elif kind is ast.AnnAssign:
            inv.bound(_target_name(node.target), node.value)  # type: ignore[attr-defined]
            if node.value is not None:  # type: ignore[attr-defined]
                _tls_assignment(inv, node.target, node.value)  # type: ignore[attr-defined]
        elif kind is ast.Dict:
            for key, value in zip(node.keys, node.values, strict=True):  # type: ignore[attr-defined]
                inv.bound(_literal(key), value)
        elif kind is ast.arguments:
            _defaults(inv, node)  # type: ignore[arg-type]
        elif kind is ast.Attribute:
            attr = node.attr  # type: ignore[attr-defined]
            inv.identifier(attr)
            if attr == "_create_unverified_context":
                inv.secrets = True  # TlsSetting
        elif kind is ast.ClassDef:
            inv.classes.append(node)  # type: ignore[arg-type]
        elif kind in (ast.Import, ast.ImportFrom):
            _imports(inv, node)
        elif kind is ast.Raise:
            if isinstance(node.exc, ast.Call):  # type: ignore[attr-defined]
                inv.sink_site = True
        elif kind in (ast.FunctionDef, ast.AsyncFunctionDef) and node.decorator_list:  # type: ignore[attr-defined]
            inv.sink_site = True  # a route's return value is an HTTP response
        if inv.http and inv.secrets:
            break
    if inv.sink_site and inv.sensitive:
        inv.secrets = True  # Sink
    if not inv.http:
        _module_level(inv, tree)  # only now: most files have shown evidence before
    if not inv.http and _exports_url_like(inv):
        inv.http = True  # Export
    return Evidence(http=inv.http, secrets=inv.secrets)


def _call(inv: _Inventory, node: ast.Call) -> None:
    func = _dotted(node.func)
    short = func.rsplit(".", 1)[-1]
    positional = [a for a in node.args if not isinstance(a, ast.Starred)]
    for keyword in node.keywords:
        key = keyword.arg
        if key is None:
            continue
        value = keyword.value
        if key in _FLOW_KEYS:
            inv.http = True  # GrantValue, AuthorizeRequest, RedirectUri, TokenRequest
        if key == "auth" and isinstance(value, ast.Tuple) and len(value.elts) == 2:
            inv.bound("client_secret", value.elts[1])
        else:
            inv.bound(key, value)
        if key in _TLS_KEYWORDS or (key == "cert_reqs" and _dotted(value).endswith("CERT_NONE")):
            # TlsSetting: `verify=` with any value (secrets.py `_tls_flag` resolves a name, an
            # item or a call to False through the file's bindings and other modules).
            inv.secrets = True
    if short in ("HTTPBasicAuth", "BasicAuth", "HTTPDigestAuth") and len(positional) >= 2:
        inv.bound("password", positional[1])
    if len(positional) >= 2 and short in ("get", "getenv", "setdefault"):
        inv.bound(_literal(positional[0]), positional[1])  # an environment default
    if (
        short in _SINK_CALLS
        or short in vocabulary.LOG_METHODS
        or short in vocabulary.HTTP_RESPONSE_FUNCS
    ):
        inv.sink_site = True
    if not inv.sensitive and _token_call(node):
        inv.sensitive = True


def _defaults(inv: _Inventory, node: ast.arguments) -> None:
    """Parameter defaults (secrets.py visit_Param): `def f(secret="...")`."""
    positional = [*node.posonlyargs, *node.args]
    defaulted = positional[len(positional) - len(node.defaults) :]
    for param, default in zip(defaulted, node.defaults, strict=True):
        inv.bound(param.arg, default)
    for param, kw_default in zip(node.kwonlyargs, node.kw_defaults, strict=True):
        inv.bound(param.arg, kw_default)


def _tls_assignment(inv: _Inventory, target: ast.AST, value: ast.AST) -> None:
    """secrets.py `_tls_assignment`: `x.verify = <any value>` (resolved like a keyword),
    `ctx.check_hostname = False`, `ctx.verify_mode = CERT_NONE`."""
    if not isinstance(target, ast.Attribute) or target.attr not in _TLS_ATTRIBUTES:
        return
    if target.attr == "verify" or _is_false(value) or _dotted(value).endswith("CERT_NONE"):
        inv.secrets = True


def _imports(inv: _Inventory, node: ast.AST) -> None:
    if isinstance(node, ast.ImportFrom):
        modules = [node.module or ""]
    elif isinstance(node, ast.Import):
        modules = [a.name for a in node.names]
    else:
        return
    for module in modules:
        top = module.split(".")[0]
        if top == "jwt":
            inv.http = True  # JwtEncode / JwtDecode through `from jwt import encode`


# -- exports -------------------------------------------------------------------------------------


def _module_level(inv: _Inventory, tree: ast.Module) -> None:
    """The bindings http.py's resolver follows from a module-level value (values.py Scopes):
    names bound outside functions (the visit binds those of `if`/`try` blocks and class bodies
    in the module scope too), module functions (their returned values, read when a value
    names them), class attributes (of the classes the walk met).

    Only statement bodies are searched: an assignment is a statement, so it is never inside an
    expression, and a function's or a lambda's body is not the module's scope."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        for child in _statements(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if node is tree:
                    inv.functions.setdefault(child.name, []).append(child)
                continue
            targets: list[ast.AST] = []
            value: ast.AST | None = None
            if isinstance(child, ast.Assign):
                targets, value = list(child.targets), child.value
            elif isinstance(child, ast.AnnAssign) and child.value is not None:
                targets, value = [child.target], child.value
            for target in targets:
                if isinstance(target, ast.Name) and value is not None:
                    inv.module_names.setdefault(target.id, []).append(value)
            stack.append(child)
    for node in inv.classes:
        for stmt in node.body:
            if isinstance(stmt, ast.Assign):
                for target in stmt.targets:
                    if isinstance(target, ast.Name):
                        inv.class_attrs.setdefault(target.id, []).append(stmt.value)
            elif (
                isinstance(stmt, ast.AnnAssign)
                and stmt.value is not None
                and isinstance(stmt.target, ast.Name)
            ):
                inv.class_attrs.setdefault(stmt.target.id, []).append(stmt.value)


# The fields that hold statements: bodies, branches, handlers and match cases.
_BODIES = ("body", "orelse", "finalbody", "handlers", "cases")


def _statements(node: ast.AST) -> Iterator[ast.AST]:
    """The statements directly in `node`'s bodies (an except handler or a match case counts
    as one: its own body holds the statements)."""
    for name in _BODIES:
        value = getattr(node, name, None)
        if isinstance(value, list):
            for item in value:
                if isinstance(item, (ast.stmt, ast.excepthandler, ast.match_case)):
                    yield item


def _returns(function: ast.AST) -> list[ast.AST]:
    return [n.value for n in _walk(function) if isinstance(n, ast.Return) and n.value is not None]


# Per node type, the fields that may hold nodes: not the shared Load/Store/Del markers (no
# test reads them), not a Constant's value, not type comments.
_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}
_NOT_CHILDREN = frozenset({"ctx", "type_comment", "kind"})


def _walk(root: ast.AST) -> Iterator[ast.AST]:
    """Every node of `root` that `ast.walk` gives but the context markers, depth first (the
    order does not matter: every test only ever turns a flag on). One generator instead of
    ast.walk's three per node: about a third of its cost."""
    stack = [root]
    pop, push = stack.pop, stack.append
    fields_of = _CHILD_FIELDS
    node_type = ast.AST
    while stack:
        node = pop()
        yield node
        cls = node.__class__
        fields = fields_of.get(cls)
        if fields is None:
            fields = (
                ()
                if cls is ast.Constant
                else tuple(f for f in cls._fields if f not in _NOT_CHILDREN)
            )
            fields_of[cls] = fields
        for name in fields:
            value = getattr(node, name, None)
            if value.__class__ is list:
                for item in value:
                    if isinstance(item, node_type):
                        push(item)
            elif isinstance(value, node_type):
                push(value)


def _url_like_piece(value: str) -> bool:
    """A literal that can make a resolved value URL-like (common.py is_url_like): part of a
    scheme separator, the start of a path, a CXone host."""
    lower = value.lower()
    return "://" in value or value.startswith("/") or any(w in lower for w in _CXONE_WORDS)


def _exports_url_like(inv: _Inventory) -> bool:
    """Whether some module-level name can resolve to URL-like text (http.py leave_Module):
    a URL-like literal is reachable from its value through the file's own bindings."""
    seen: set[int] = set()
    expanded: set[str] = set()  # functions whose returned values are on the stack
    stack: list[ast.AST] = [v for values in inv.module_names.values() for v in values]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        for inner in _walk(node):
            if isinstance(inner, ast.Constant):
                value = inner.value
                if isinstance(value, bytes):
                    value = value.decode("latin-1")
                if isinstance(value, str) and _url_like_piece(value):
                    return True
            elif isinstance(inner, ast.Name):
                stack.extend(inv.module_names.get(inner.id, ()))
                if inner.id not in expanded:
                    expanded.add(inner.id)
                    for function in inv.functions.get(inner.id, ()):
                        stack.extend(_returns(function))
            elif isinstance(inner, ast.Attribute):
                stack.extend(inv.class_attrs.get(inner.attr, ()))
    return False

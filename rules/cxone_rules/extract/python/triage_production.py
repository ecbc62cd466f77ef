"""Triage of the production extractors (tokens.py, server.py, literals.py) from CPython's `ast`.

`production_evidence(tree, text)` answers, for one file and before any libcst parse, whether
each of `cxone.tokens`, `cxone.server` and `cxone.literals` can emit any of its direct fact
kinds there (every kind it emits but the flow-only ones: Export, CallSite, Function, Import,
ModuleAlias, FileTraits). Each answer is a disjunction of necessary conditions, one per way
the extractor emits a fact, each named after the fact kind and the extractor method it stands
for: when the answer is False, no emitting path of the extractor can fire on the file.

One `ast.walk` collects what the conditions read (`_Inventory`): the names, attributes,
keywords and parameters written, the string constants, the short names of the calls, and a
few shapes (decorators, loops, comparisons, assignments and call arguments). Conditions are
joined file-wide ("a clock call and an expiry-like name") where the extractor wants them in
one expression: over-approximate, so sound.

Why the `ast` readings cover libcst's (the soundness argument, once):

- identifiers: libcst keeps a name as written, CPython NFKC-normalises it; the extractors
  compare names with ASCII words or match them with ASCII regular expressions (with
  `re.IGNORECASE`, where an ASCII letter also matches the dotless i, the dotted capital I,
  the long s or the Kelvin sign, which NFKC keeps or maps to the ASCII letter), so a name
  libcst matches is matched here too;
- modules named in `import a.b` / `from a.b import c` are `Name`/`Attribute` nodes in libcst
  (its `visit_Attribute` sees them), strings in `ast`: their dotted parts count as names and
  attributes here;
- strings: `literal_text` is the evaluated value of a literal or of an implicit concatenation
  of literals, which is one `ast.Constant` (bytes decoded); a part of a concatenation that
  `visit_SimpleString` reads alone is a substring of that constant, so part-wise tests here are
  substring tests without end anchors. f-string text parts are raw in libcst and decoded in
  `ast`; every pattern matched in them below consists of characters that are neither `\\` nor
  braces, so the match is in the decoded constant as well.

Facts that cannot be bounded by anything selective: `CodeBlock` (tokens.py
`leave_FunctionDef`, `loop_entered`) is emitted for every function and every loop over items,
and `LoopCall` for any `.get()`/`.send()`-like call in such a loop; `tokens_evidence` is True
for any file with a function, a comprehension or a loop. `Signals.tokens_evidence` is the part
triage.py takes as evidence: those two, CallbackCheck and TokenUse "hand" are context, which
rules read only together with facts of other files (triage.py `_any_evidence`).
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from cxone_rules.domain import secrets as sx
from cxone_rules.extract.python import vocabulary

# context.py is_clock: the last part of every clock call (CLOCK_CALLS, `*.now`, `*.utcnow`).
_CLOCK_SHORTS = frozenset({"time", "monotonic", "now", "utcnow"})
# literals.py TENANT_QUERY without its end anchor (it is also searched in parts).
_TENANT_QUERY = re.compile(r"[?&]tenant_?id=[0-9a-fA-F-]{36}", re.IGNORECASE)
# literals.py QUERY_KEY without its end anchor.
_QUERY_KEY = re.compile(r"[?&]([A-Za-z_]+)=")
# server.py _header_value: the objects headers are read from (`dotted(base).endswith`).
_HEADERS_OBJECT = re.compile(r"(headers|META)$")
# server.py _listen: the calls whose first positional argument holds the host.
_SERVER_CLASSES = frozenset({"HTTPServer", "ThreadingHTTPServer", "TCPServer", "make_server"})
_DJANGO_ALLOW_ALL = frozenset({"CORS_ALLOW_ALL_ORIGINS", "CORS_ORIGIN_ALLOW_ALL"})
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


@dataclass
class _Inventory:
    """What one walk of the tree collects."""

    names: set[str] = field(default_factory=set)  # Name ids, def/param/alias/global names
    attrs: set[str] = field(default_factory=set)  # Attribute attrs, dotted parts of imports
    keywords: set[str] = field(default_factory=set)  # keyword argument names
    params: set[str] = field(default_factory=set)  # parameter names
    consts: set[str] = field(default_factory=set)  # str constants, bytes decoded
    calls: set[str] = field(default_factory=set)  # short names of calls (attr, or Name id)
    functions: bool = False
    loops: bool = False  # a loop or comprehension that may be over items (context.loop_kind)
    route_decorator: bool = False
    listen_call: bool = False
    bind_assign: bool = False
    comparisons: list[ast.Compare] = field(default_factory=list)


def _short(func: ast.expr) -> str:
    """tokens.py `_short` / server.py `short`: the attribute, else the name, else ""."""
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _text(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return None


def _dotted_parts(inv: _Inventory, dotted: str | None) -> None:
    if dotted:
        parts = dotted.split(".")
        inv.names.update(parts)
        inv.attrs.update(parts)


def _literal_or_none(node: ast.expr) -> bool:
    """A comparison side tokens.py `visit_Comparison` gives up on: `None` or a string
    (`literal_text`: bytes that decode as UTF-8)."""
    if not isinstance(node, ast.Constant):
        return False
    value = node.value
    if isinstance(value, bytes):
        try:
            value.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return True
    return value is None or isinstance(value, str)


def _call(inv: _Inventory, node: ast.Call) -> None:
    short = _short(node.func)
    inv.calls.add(short)
    # ListenAddress (server.py _listen): a host keyword, or the host in a first argument.
    if short in ("run", "run_app", "serve"):
        if any(k.arg == "host" for k in node.keywords):
            inv.listen_call = True
    elif short == "run_simple":
        inv.listen_call = True
    elif short in _SERVER_CLASSES:
        positional = [a for a in node.args if not isinstance(a, ast.Starred)]
        if positional and (
            short == "make_server" or (isinstance(positional[0], ast.Tuple) and positional[0].elts)
        ):
            inv.listen_call = True


def _function(
    inv: _Inventory, node: ast.FunctionDef | ast.AsyncFunctionDef, routes: frozenset[str]
) -> None:
    inv.functions = True
    inv.names.add(node.name)
    # HttpRoute (server.py _route_of): a decorator `x.route(...)`, `x.get(...)`, ...
    # (`name.rsplit(".")[-1] in ROUTE_METHODS` with a dot in the name) or `api_view`.
    for dec in node.decorator_list:
        d = dec.func if isinstance(dec, ast.Call) else dec
        if (isinstance(d, ast.Attribute) and (d.attr in routes or d.attr == "api_view")) or (
            isinstance(d, ast.Name) and d.id == "api_view"
        ):
            inv.route_decorator = True


# The fields of each node type that may hold nodes (the `ctx` of names is never read).
_FIELDS: dict[type, tuple[str, ...]] = {}


def _fields(cls: type) -> tuple[str, ...]:
    found = _FIELDS[cls] = tuple(f for f in getattr(cls, "_fields", ()) if f != "ctx")
    return found


def _walk(tree: ast.AST) -> Iterator[Any]:
    """Every node below `tree` (`ast.walk` without its generators and the `ctx` leaves: four
    times as fast). Lists of strings (`global` names) are walked through as leaves."""
    stack: list[Any] = [tree]
    pop, extend, append = stack.pop, stack.extend, stack.append
    get = _FIELDS.get
    node_type = ast.AST
    while stack:
        n = pop()
        yield n
        cls = type(n)
        fields = get(cls)
        if fields is None:
            fields = _fields(cls)
        for f in fields:
            v = getattr(n, f)
            if type(v) is list:
                extend(v)
            elif isinstance(v, node_type):
                append(v)


_OTHER = frozenset(
    {
        ast.keyword,
        ast.arg,
        ast.Compare,
        ast.FunctionDef,
        ast.AsyncFunctionDef,
        ast.For,
        ast.AsyncFor,
        ast.While,
        ast.ListComp,
        ast.SetComp,
        ast.DictComp,
        ast.GeneratorExp,
        ast.Assign,
        ast.Import,
        ast.ImportFrom,
        ast.ClassDef,
        ast.Global,
        ast.Nonlocal,
        ast.ExceptHandler,
        ast.MatchAs,
        ast.MatchStar,
        ast.MatchClass,
        ast.MatchMapping,
    }
)


def _inventory(tree: ast.Module) -> _Inventory:
    routes = frozenset(vocabulary.ROUTE_METHODS)
    inv = _Inventory()
    names, attrs, consts = inv.names, inv.attrs, inv.consts
    # `_walk` inlined: this loop is the cost of the triage.
    stack: list[Any] = [tree]
    pop, extend, append = stack.pop, stack.extend, stack.append
    get = _FIELDS.get
    node_type = ast.AST
    while stack:
        n = pop()
        t = type(n)
        if t is ast.Name:
            names.add(n.id)
            continue  # its only other field is the ctx
        if t is ast.Constant:
            text = _text(n.value)
            if text is not None:
                consts.add(text)
            continue
        if t is ast.Attribute:
            attrs.add(n.attr)
        elif t is ast.Call:
            _call(inv, n)
        elif t in _OTHER:
            _other(inv, n, t, routes)
        fields = get(t)
        if fields is None:
            fields = _fields(t)
        for f in fields:
            v = getattr(n, f)
            if type(v) is list:
                extend(v)
            elif isinstance(v, node_type):
                append(v)
    return inv


def _other(inv: _Inventory, n: Any, t: type, routes: frozenset[str]) -> None:
    names = inv.names
    if t is ast.keyword:
        if n.arg is not None:
            inv.keywords.add(n.arg)
    elif t is ast.arg:
        inv.params.add(n.arg)
        names.add(n.arg)
    elif t is ast.Compare:
        # CallbackCheck (tokens.py visit_Comparison): one ==, !=, in or not in, neither side
        # None nor a string literal.
        if (
            len(n.ops) == 1
            and isinstance(n.ops[0], (ast.Eq, ast.NotEq, ast.In, ast.NotIn))
            and not _literal_or_none(n.left)
            and not _literal_or_none(n.comparators[0])
        ):
            inv.comparisons.append(n)
    elif t is ast.FunctionDef or t is ast.AsyncFunctionDef:
        _function(inv, n, routes)
    elif t is ast.For or t is ast.AsyncFor:
        # CodeBlock (loop_entered) and LoopCall (in_loop): context.loop_kind is None for
        # `for ... in range(...)`; any other loop may be over items or polling.
        it = n.iter
        if not (
            isinstance(it, ast.Call) and isinstance(it.func, ast.Name) and it.func.id == "range"
        ):
            inv.loops = True
    elif t is ast.While or t in _COMPREHENSIONS:
        inv.loops = True
    elif t is ast.Assign:
        # ListenAddress (server.py visit_Assign): `bind = "host:port"`.
        if isinstance(n.value, ast.Constant) and any(
            isinstance(x, ast.Name) and x.id == "bind" for x in n.targets
        ):
            text = _text(n.value.value)
            if text is not None and ":" in text:
                inv.bind_assign = True
    elif t is ast.Import:
        for alias in n.names:
            _dotted_parts(inv, alias.name)
            _dotted_parts(inv, alias.asname)
    elif t is ast.ImportFrom:
        _dotted_parts(inv, n.module)
        for alias in n.names:
            _dotted_parts(inv, alias.name)
            _dotted_parts(inv, alias.asname)
    elif t is ast.Global or t is ast.Nonlocal:
        names.update(n.names)
    elif t is ast.MatchClass:
        names.update(n.kwd_attrs)
    elif t is ast.MatchMapping:
        if n.rest:
            names.add(n.rest)
    elif n.name:  # ClassDef, ExceptHandler, MatchAs, MatchStar
        names.add(n.name)


def _mentions(node: ast.AST, patterns: tuple[re.Pattern[str], ...]) -> bool:
    """tokens.py `_mentions`: a name, attribute or key below `node` matches a pattern."""
    for sub in _walk(node):
        word: str | None = None
        if isinstance(sub, ast.Name):
            word = sub.id
        elif isinstance(sub, ast.Attribute):
            word = sub.attr
        elif isinstance(sub, ast.Constant):
            word = _text(sub.value)
        if word is not None and any(p.search(word) for p in patterns):
            return True
    return False


@dataclass(frozen=True)
class Signals:
    """Each direct fact kind of the three extractors: whether its necessary condition holds."""

    # cxone.tokens
    code_block: bool
    loop_call: bool
    callback_check: bool
    config_read: bool
    token_use: bool  # store, spend, expiry, check, decode
    token_hand: bool  # TokenUse "hand": a function returning a token
    # cxone.server
    http_route: bool
    listen_address: bool
    cors_policy: bool
    session_key: bool
    # cxone.literals
    tenant_literal: bool
    tls_pinned: bool
    query_credential: bool
    logout_redirect: bool

    @property
    def tokens(self) -> bool:
        return (
            self.code_block
            or self.loop_call
            or self.callback_check
            or self.config_read
            or self.token_use
            or self.token_hand
        )

    @property
    def tokens_evidence(self) -> bool:
        """The tokens kinds rules read in the file itself: what triage.py takes as the evidence
        of tokens.py. CodeBlock, LoopCall, CallbackCheck and TokenUse "hand" are context, read
        only with facts of other files (see triage.py `_any_evidence`)."""
        return self.config_read or self.token_use

    @property
    def server(self) -> bool:
        return self.http_route or self.listen_address or self.cors_policy or self.session_key

    @property
    def literals(self) -> bool:
        return (
            self.tenant_literal
            or self.tls_pinned
            or self.query_credential
            or (self.logout_redirect)
        )


@functools.cache
def _multiline(pattern: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile(pattern.pattern, pattern.flags | re.MULTILINE)


def signals(tree: ast.Module, text: str) -> Signals:
    """The necessary condition of every direct fact kind, from one walk of `tree`."""
    del text  # every condition reads the tree
    inv = _inventory(tree)
    idents = inv.names | inv.attrs | inv.keywords
    consts = inv.consts
    lowered = {c.lower() for c in consts}
    calls = inv.calls
    # The words and the strings, one a line, for the regular expressions (with re.MULTILINE,
    # `^` and `$` also match at the newlines: more matches than word by word, never fewer).
    words_text = "\n".join(idents)
    words_lower = words_text.lower()
    consts_text = "\n".join(consts)
    consts_lower = "\n" + "\n".join(lowered)

    def found(pattern: re.Pattern[str], *texts: str) -> bool:
        multi = _multiline(pattern)
        return any(multi.search(text) for text in texts)

    # -- cxone.tokens --------------------------------------------------------------------------
    # CodeBlock: leave_FunctionDef (every function) and loop_entered (loops over items,
    # polling loops, comprehensions).
    code_block = inv.functions or inv.loops
    # LoopCall (visit_Call): a call named like TOKENISH, an HTTP send, fetch_token or
    # urlopen, inside such a loop.
    loop_calls = vocabulary.HTTP_SENDS | {"fetch_token", "urlopen"}
    loop_call = inv.loops and (
        bool(calls & loop_calls) or found(vocabulary.TOKENISH, "\n".join(calls))
    )
    # CallbackCheck: visit_Call `authorize_access_token` (library) and leave_Module
    # (`fetch_token(authorization_response=...)` of a session made with `state=`); a
    # `compare_digest` or a comparison (visit_Comparison) mentioning a state/nonce name.
    patterns = (vocabulary.STATE_NAME, vocabulary.NONCE_NAME)
    stated = any(found(p, words_text, consts_text) for p in patterns)
    callback_check = (
        "authorize_access_token" in calls
        or "authorization_response" in inv.keywords
        or (stated and "compare_digest" in calls)
        or (stated and any(_mentions(c, patterns) for c in inv.comparisons))
    )
    # ConfigRead (visit_Attribute, _read): an attribute, subscript key or .get() key in
    # WATCHED_KEYS.
    config_read = bool((consts | inv.attrs) & vocabulary.WATCHED_KEYS)
    # TokenUse store (_assigned, _bearer_dict, _headers_arg, visit_Call update) and spend
    # (visit_Call headers=, _spend_uses): an Authorization key or keyword with a value
    # `_bearer_text` reads: a literal starting "bearer" (a string, the left of `+`, the base of
    # `.format`, an f-string's first text); spend also `auth=<...Bearer...>(...)`.
    bearer = "\nbearer" in consts_lower and (
        "authorization" in lowered or "Authorization" in inv.keywords
    )
    bearer_auth = "bearer" in words_lower
    # TokenUse expiry (_expiry) and check (_check_test, visit_Return): a clock call
    # (context.is_clock) and a name, attribute, keyword or key matching EXPIRY_NAME (the
    # expiry assigned or compared; `expires_in` is one).
    clock = bool(calls & _CLOCK_SHORTS)
    expiry = clock and found(vocabulary.EXPIRY_NAME, words_text, consts_text)
    # TokenUse decode (_decode_of): `decode`/`decode_complete` of a JWT library (a name or
    # module with "jwt" or "jose"), `get_unverified_claims`, a b64decode of a `.split(...)`.
    jwt_lib = "jwt" in words_lower or "jose" in words_lower
    decode = (
        (("decode" in calls or "decode_complete" in calls) and jwt_lib)
        or "get_unverified_claims" in calls
        or (bool(calls & {"urlsafe_b64decode", "b64decode"}) and "split" in calls)
    )
    # TokenUse hand (_hand, _token_value): every way a returned value is a token reads a word
    # with "token" (TOKEN_FIELDS keys, `token`/`access_token` names, a token request's URL or
    # `fetch_token`) or a `grant_type` key.
    hand = "grant_type" in consts or "token" in consts_lower or "token" in words_lower
    token_use = bearer or bearer_auth or expiry or decode

    # -- cxone.server --------------------------------------------------------------------------
    # HttpRoute (_route_of via visit_FunctionDef, _finish_route): a route decorator.
    http_route = inv.route_decorator
    # ListenAddress: `bind = "h:p"` (visit_Assign), run/run_app/serve with host=, run_simple,
    # HTTPServer((host, port), ...) and kin (_listen).
    listen_address = inv.bind_assign or inv.listen_call
    # CorsPolicy: CORS()/cross_origin() and CORSMiddleware (_cors_call), an
    # Access-Control-Allow-Origin key (visit_Assign, visit_Dict: _hand_set), the
    # django-cors-headers allow-all settings (leave_Module).
    cors_policy = (
        "CORS" in calls
        or "cross_origin" in calls
        or "CORSMiddleware" in idents
        or vocabulary.ORIGIN_HEADER in lowered
        or bool(inv.names & _DJANGO_ALLOW_ALL)
    )
    # SessionKey (_session_key_write, _session_key_call via _header_value): a key matching
    # SESSION_HEADER read from a `...headers`/`...META` object, or a FastAPI `Header()`
    # parameter whose name matches.
    session_key = (
        found(vocabulary.SESSION_HEADER, consts_text) and found(_HEADERS_OBJECT, words_text)
    ) or (
        "Header" in calls
        and any(vocabulary.SESSION_HEADER.search(p.replace("_", "-")) for p in inv.params)
    )

    # -- cxone.literals ------------------------------------------------------------------------
    # TenantLiteral: a tenant-id name given a UUID literal (_tenant), or a `tenantId=<uuid>`
    # query in a string or f-string (visit_SimpleString, visit_FormattedString).
    tenant_literal = found(vocabulary.TENANT_ID, consts_text) or found(_TENANT_QUERY, consts_text)
    # TlsPinned: `ssl.PROTOCOL_TLSv1` and kin (visit_Attribute), `minimum_version =
    # ssl.TLSVersion.TLSv1_1` (_version).
    tls_pinned = bool(inv.attrs & vocabulary.SSL_PROTOCOLS.keys()) or (
        bool(inv.attrs & vocabulary.TLS_VERSIONS.keys())
        and "TLSVersion" in words_text
        and bool({"minimum_version", "maximum_version"} & idents)
    )
    # QueryCredential: a `params=` / urlencode() dict key (visit_Call) or a `?key=` before an
    # f-string field or `+` (visit_FormattedString, visit_BinaryOperation), the key one of
    # QUERY_CREDENTIAL_KEYS.
    keys = sx.QUERY_CREDENTIAL_KEYS
    query_credential = bool(lowered & keys) or any(
        m.group(1).lower() in keys for m in _QUERY_KEY.finditer(consts_text)
    )
    # LogoutRedirect: a post_logout_redirect_uri dict key or keyword (visit_DictElement,
    # visit_Call) or query parameter (visit_SimpleString).
    logout_redirect = (
        "post_logout_redirect_uri" in inv.keywords or "post_logout_redirect_uri" in consts_text
    )

    return Signals(
        code_block=code_block,
        loop_call=loop_call,
        callback_check=callback_check,
        config_read=config_read,
        token_use=token_use,
        token_hand=hand,
        http_route=http_route,
        listen_address=listen_address,
        cors_policy=cors_policy,
        session_key=session_key,
        tenant_literal=tenant_literal,
        tls_pinned=tls_pinned,
        query_credential=query_credential,
        logout_redirect=logout_redirect,
    )


def production_evidence(tree: ast.Module, text: str) -> tuple[bool, bool, bool]:
    """(tokens, server, literals): whether each extractor can emit a direct fact here."""
    found = signals(tree, text)
    return found.tokens, found.server, found.literals


def tokens_evidence(tree: ast.Module, text: str) -> bool:
    """`cxone.tokens` (TokenUse, CodeBlock, LoopCall, CallbackCheck, ConfigRead): a function,
    a loop or comprehension (CodeBlock, LoopCall), or one of the conditions of `signals`."""
    return signals(tree, text).tokens


def server_evidence(tree: ast.Module, text: str) -> bool:
    """`cxone.server` (HttpRoute, ListenAddress, CorsPolicy, SessionKey): a route decorator, a
    listening call or `bind`, a CORS call/setting/header, or a session header key."""
    return signals(tree, text).server


def literals_evidence(tree: ast.Module, text: str) -> bool:
    """`cxone.literals` (TenantLiteral, TlsPinned, QueryCredential, LogoutRedirect): a UUID
    or `tenantId=<uuid>` literal, an ssl PROTOCOL_/TLSVersion attribute, a credential query
    key, or `post_logout_redirect_uri`."""
    return signals(tree, text).literals

"""The runtime facts of a tree-sitter language, over the IR: tokens in production and the
integration's own server (facts/kinds.py: TokenUse, CodeBlock, LoopCall, HttpRoute,
ListenAddress, CallbackCheck, LogoutRedirect, TenantLiteral, TlsPinned, QueryCredential,
SessionKey, ConfigRead), emitted into the semantic extractor's output.

It reads the candidates the language's lowering found (calls, named values, strings, members,
comparisons, loops) and asks the language's program where a node sits (`loops_around`,
`qualname`, `branches_of`, `calls_in`, `functions`: extract/javascript/flow.py for JS/TS). A
language whose program lacks those gives only the facts that need none.

What it knows of libraries: express / fastify / koa-router routes (`app.get(path, ...mw,
handler)`), `app.use(...)` middleware, Next.js API routes (pages/api, app/**/route), `listen`,
axios defaults and instances, `cors()` options, jwt-decode / jsonwebtoken / jose decodes,
openid-client checks.
"""

from __future__ import annotations

import re
from typing import Any

from cxone_rules.domain import secrets as sx
from cxone_rules.extract import ir
from cxone_rules.extract.facts_out import to_sym
from cxone_rules.facts.kinds import (
    FILE_START,
    CallbackCheck,
    CodeBlock,
    ConfigRead,
    HttpRoute,
    ListenAddress,
    LogoutRedirect,
    LoopCall,
    ModuleRef,
    QueryCredential,
    SessionKey,
    TenantLiteral,
    TlsPinned,
    TokenUse,
)
from cxone_rules.facts.symstr import lit

ROUTE_VERBS = {
    "get": ("GET",),
    "post": ("POST",),
    "put": ("PUT",),
    "patch": ("PATCH",),
    "delete": ("DELETE",),
    "all": (),
}
ROUTE_OWNERS = re.compile(
    r"(^|\.)([a-z]*[Aa]pp|router|[A-Za-z]*[Rr]outer|server|fastify|routes|srv)$"
)
AUTH_NAME = re.compile(
    r"auth|jwt|passport|login|require|verify|protect|guard|session|token|api_?key|ensure|"
    r"permission|basic",
    re.IGNORECASE,
)
AUTH_READS = re.compile(
    r"headers\s*(\.authorization|\[\s*['\"]authorization['\"]\s*\])|req(uest)?\.user\b|"
    r"isAuthenticated\s*\(|session\.(user|userId|account)|x-api-key|api[_-]?key|"
    r"jwt\.verify|jwtVerify|verifyToken|validateToken|getServerSession|auth\(\)",
    re.IGNORECASE,
)
RENEW_CALL = re.compile(
    r"refresh|login|logIn|authenticate|fetchToken|newToken|requestToken|obtain|acquire|renew|"
    r"reauth|getToken|getAccessToken|Token$|^token$",
    re.IGNORECASE,
)
TOKENISH = re.compile(r"token|auth|login|credential|bearer|header|connect", re.IGNORECASE)
HTTP_SENDS = frozenset({"get", "post", "put", "patch", "delete", "request", "fetch", "axios"})
EXPIRY_NAME = re.compile(r"expir|expiresAt|expires_at|validUntil|deadline|^exp$", re.IGNORECASE)
MARGIN_NAME = re.compile(r"skew|margin|leeway|buffer|early|safety|grace|slack", re.IGNORECASE)
STATE_NAME = re.compile(r"(^|[._\[\s'\"])(oauth_?|saved_?|expected_?|stored_?)?[sS]tate\b")
NONCE_NAME = re.compile(r"(^|[._\[\s'\"])(oauth_?|saved_?|expected_?|stored_?)?[nN]once\b")
WATCHED_KEYS = frozenset(
    {"expires_in", "expiresIn", "refresh_token_server_uri", "resource_server_base_uri"}
)
ALL_INTERFACES = frozenset({"0.0.0.0", "::", "", "[::]", "*"})
QUERY_KEY = re.compile(r"[?&]([A-Za-z_]+)=$")
TENANT_ID = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)
TENANT_QUERY = re.compile(r"[?&]tenant_?id=[0-9a-fA-F-]{36}(&|$)", re.IGNORECASE)
TLS_VALUES = {
    "TLSv1": "TLSv1",
    "TLSv1.1": "TLSv1.1",
    "TLSv1_method": "TLSv1",
    "TLSv1_1_method": "TLSv1.1",
    "SSLv3_method": "SSLv3",
    "SSLv23_method": "SSLv3",
    "TLSv1.2": "TLSv1.2",
    "TLSv1.3": "TLSv1.3",
}
DECODERS = {"jwtDecode": False, "jwt_decode": False, "decodeJwt": False, "jwt.decode": False}
VERIFIERS = frozenset({"jwt.verify", "jwtVerify", "jose.jwtVerify", "verify"})
REQUEST_TEXT = re.compile(
    r"\b(req|request|ctx\.request|event)\.(headers|body|query|cookies|params)"
)
SESSION_NAME = re.compile(r"session|sid$", re.IGNORECASE)
SESSION_READ = re.compile(
    r"headers\s*(\[\s*['\"][^'\"]*(session|sid)[^'\"]*['\"]\s*\]|\.[\w$]*[Ss]ession)|"
    r"(header|get)\(\s*['\"][^'\"]*(session|sid)",
    re.IGNORECASE,
)
MEMOIZERS = re.compile(r"(^|\.)(memoize|memoizee|pMemoize|mem|once|cache)$")
# A plain name assigned (`name = ...`, not `==`, `=>`, `a.name =`): module-level caches.
_ASSIGNED = re.compile(r"(?<![\w$.])([\w$]+)\s*=(?![=>])")
_ASSIGNED_DOTTED = re.compile(r"(?<![\w$.])([\w$.]+)\s*=(?![=>])")
_WORD = re.compile(r"[\w$]+")
_ACCESS_TOKEN = re.compile(r"access_?[tT]oken")
# `client.get(` / `this.http.post(`: the holder, then the method called on it.
_METHOD_CALL = re.compile(r"(?<![\w$.])([\w$.]+)\.(get|post|put|patch|delete|request)\(")


def _assigned_a_token(body: str, name: str) -> bool:
    """`name = ...access_token...` in one statement of the body (one pass per statement, not
    a pattern per name)."""
    for stmt in re.split(r"[;\n]", body):
        last = max((m.start() for m in _ACCESS_TOKEN.finditer(stmt)), default=-1)
        if last < 0:
            continue
        if any(m.group(1) == name and m.end() <= last for m in _ASSIGNED_DOTTED.finditer(stmt)):
            return True
    return False


def _bearer(node: ir.Node | None) -> ir.Node | bool | None:
    """The token part of a `Bearer ...` value (True for a literal bearer), else None."""
    if isinstance(node, ir.Template) and node.parts:
        first = node.parts[0]
        if isinstance(first, str) and first.lower().startswith("bearer "):
            for part in node.parts[1:]:
                if isinstance(part, ir.Node):
                    return part
            return True
        return None
    if isinstance(node, ir.Binary) and node.op == "+":
        if isinstance(node.left, ir.Str) and node.left.value.lower().startswith("bearer"):
            return node.right
        return None
    if isinstance(node, ir.Str) and node.value.lower().startswith("bearer "):
        return True
    return None


LOOSE_CHECKS = (
    ("no-origin", re.compile(r"!\s*origin\s*\|\||origin\s*===?\s*undefined\s*\|\||!origin\)")),
    ("suffix", re.compile(r"origin\s*\.\s*endsWith\s*\(")),
    ("substring", re.compile(r"origin\s*\.\s*(includes|indexOf|search)\s*\(")),
    (
        "scheme",
        re.compile(r"origin\s*\.\s*replace\s*\(\s*/\^?https?|new URL\(\s*origin\s*\)\.host"),
    ),
)


def _loose(text: str) -> str | None:
    for kind, pattern in LOOSE_CHECKS:
        if pattern.search(text):
            return kind
    m = re.search(r"/(\^?https?:[^/]*?)/\.test\(\s*origin", text)
    if m and not m.group(1).endswith("$"):
        return "unanchored"
    return None


def _in_route(sem: Any, node: ir.Node) -> bool:
    """`node` sits in the handler of a route (`app.get(path, (req, res) => ...)`)."""
    prog = sem.program
    if not hasattr(prog, "function_of"):
        return False
    fn = prog.function_of(node)
    if fn is None or fn.parent is None or fn.parent.type != "arguments":
        return False
    call = prog.lower(fn.parent.parent)
    if not isinstance(call, ir.Call):
        return False
    name = ir.callee(call)
    short = name.rsplit(".", 1)[-1]
    return short in ROUTE_VERBS and bool(ROUTE_OWNERS.search(name.rsplit(".", 1)[0]))


def cors_options(sem: Any, call: ir.Call) -> dict[str, Any]:
    """What `cors(options)` (express, @fastify/cors) allows: CorsPolicy's fields."""
    opts = call.args[0] if call.args else None
    if ir.callee(call).endswith("register") and len(call.args) > 1:
        opts = call.args[1]
    if isinstance(opts, ir.Name):
        bindings = sem.program.bindings(opts.name, opts) or []
        if bindings and bindings[-1].value is not None:
            opts = bindings[-1].synthetic or sem.program.lower(bindings[-1].value)
    out: dict[str, Any] = {"allows": "any", "scope": "app"}
    if not isinstance(opts, ir.Obj):
        return out
    origin = opts.get("origin")
    credentials = opts.get("credentials")
    if isinstance(credentials, ir.Const) and isinstance(credentials.value, bool):
        out["credentials"] = credentials.value
    if origin is None:
        return out
    if isinstance(origin, ir.Const) and origin.value is True:
        out["allows"] = "reflect"
    elif isinstance(origin, ir.Str):
        out["allows"] = "any" if origin.value == "*" else "list"
        out["origins"] = (origin.value,) if origin.value != "*" else ()
    elif isinstance(origin, ir.Arr):
        texts = [i.value for i in origin.items if isinstance(i, ir.Str)]
        out["allows"] = "any" if "*" in texts else "list"
        out["origins"] = tuple(t for t in texts if t != "*")
    elif isinstance(origin, ir.Func):
        out["allows"] = "check"
        out["loose"] = _loose(sem.program.text[origin.start : origin.end])
    else:
        out["allows"] = "unknown"
    return out


def cors_header(sem: Any, call: ir.Call, value: ir.Node) -> dict[str, Any]:
    """What `res.setHeader("Access-Control-Allow-Origin", value)` allows."""
    text = sem.program.text
    out: dict[str, Any] = {"scope": "route" if _in_route(sem, call) else "app"}
    if isinstance(value, ir.Str):
        out["allows"] = "any" if value.value == "*" else "list"
        out["origins"] = (value.value,) if value.value != "*" else ()
    else:
        vtext = text[value.start : value.end]
        reflected = bool(re.search(r"origin", vtext, re.IGNORECASE))
        out["allows"] = "reflect" if reflected else "unknown"
        fn = sem.program.function_of(call) if hasattr(sem.program, "function_of") else None
        body = sem.program.node_text(fn) if fn is not None else text
        if reflected:
            loose = _loose(body)
            # Bounded: an unclosed `if (` must not rescan the rest of the body.
            guarded = re.search(r"\bif\s*\([^)]{0,300}origin", body, re.IGNORECASE)
            if guarded or loose:
                out["allows"] = "check"
                out["loose"] = loose
        if re.search(r"Access-Control-Allow-Credentials['\"]\s*,\s*['\"]?true", body):
            out["credentials"] = True
    return out


def _header_name(text: str) -> str:
    m = re.search(r"['\"]([^'\"]*(session|sid)[^'\"]*)['\"]", text, re.IGNORECASE)
    if m:
        return m.group(1)
    m = re.search(r"headers\.([\w$]+)", text)
    return m.group(1) if m else "a header"


class Runtime:
    """One file's runtime facts; `sem` is the file's `Semantics` (program, evaluator, out)."""

    def __init__(self, sem: Any) -> None:
        self.sem = sem
        self.prog = sem.program
        self.text: str = self.prog.text
        self.flow = hasattr(self.prog, "loops_around")
        self._stores: list[dict[str, Any]] = []
        self._spends: set[str] = set()
        self._guards: list[tuple[str, int, str]] = []  # owner, start, path prefix
        self._routes: list[dict[str, Any]] = []
        self._loops: set[tuple[int, int]] = set()
        self._interceptors: set[str] = set()

    def pos(self, node: ir.Node) -> Any:
        return self.sem.pos(node)

    def src(self, node: ir.Node | Any) -> str:
        if isinstance(node, ir.Node):
            return self.text[node.start : node.end]
        return str(self.prog.node_text(node))

    # -- the pass ------------------------------------------------------------------------------

    def run(self, cands: Any) -> None:
        for call in cands.calls:
            self._call(call)
        for name, name_node, value, context in cands.named:
            self._named(name, name_node, value, context)
        for node in cands.strings:
            self._string(node)
        for prop, node in cands.members:
            if prop in WATCHED_KEYS:
                key = "expires_in" if prop == "expiresIn" else prop
                self.sem.out.append(ConfigRead(**self.pos(node), key=key, via="attribute"))
        for node in getattr(cands, "comparisons", ()):
            self._comparison(node)
        for node in getattr(cands, "session_writes", ()):
            self.session_write(node)
        if self.flow:
            for loop in getattr(cands, "loops", ()):
                self._loop(loop)
            self._requests_in_loops()
            self._functions()
            self._next_routes()
        self._finish_routes()
        self._holders()
        self._requires()

    # -- calls -----------------------------------------------------------------------------------

    def _call(self, call: ir.Call) -> None:
        name = ir.callee(call)
        short = name.rsplit(".", 1)[-1]
        owner = name.rsplit(".", 1)[0] if "." in name else ""
        if short in ROUTE_VERBS and ROUTE_OWNERS.search(owner) and call.args:
            path = call.args[0]
            if isinstance(path, (ir.Str, ir.Template)) and self._path_text(path).startswith(
                ("/", "*")
            ):
                self._route(call, owner, ROUTE_VERBS[short], path, call.args[1:])
        elif short == "route" and ROUTE_OWNERS.search(owner) and call.args:
            cfg = call.args[0]
            if isinstance(cfg, ir.Obj):
                self._fastify_route(call, owner, cfg)
        elif short in ("use", "addHook", "register") and ROUTE_OWNERS.search(owner):
            self._middleware(call, owner, short)
        if short == "listen" and call.args:
            self._listen(call)
        if name.endswith("interceptors.request.use"):
            self._interceptors.add(name.split(".interceptors", 1)[0])
        self._decode(call, name)
        if short == "timingSafeEqual" or short == "safeCompare":
            for what, pattern in (("state", STATE_NAME), ("nonce", NONCE_NAME)):
                if any(pattern.search(self.src(a)) for a in call.args):
                    self.sem.out.append(CallbackCheck(**self.pos(call), what=what))
        if short in ("callback", "authorizationCodeGrant") and len(call.args) >= 2:
            checks = call.args[-1]
            keys = {e.key for e in checks.entries} if isinstance(checks, ir.Obj) else set()
            if keys & {"state", "expectedState"}:
                self.sem.out.append(CallbackCheck(**self.pos(call), what="state", how="library"))
            if keys & {"nonce", "expectedNonce"}:
                self.sem.out.append(CallbackCheck(**self.pos(call), what="nonce", how="library"))
        self._spend(call)

    def _path_text(self, node: ir.Node) -> str:
        if isinstance(node, ir.Str):
            return node.value
        if isinstance(node, ir.Template):
            return "".join(p if isinstance(p, str) else ":param" for p in node.parts)
        return ""

    def _spend(self, call: ir.Call) -> None:
        """A call that sends a bearer (its Authorization header) spends a token."""
        name = ir.callee(call)
        if name.rsplit(".", 1)[-1] not in HTTP_SENDS and name not in ("fetch", "axios"):
            return
        send = self.sem.send(call)
        if send is None:
            return
        header = send.headers.get("authorization")
        text = (header.best().text or "") if header is not None else ""
        if text.lower().startswith("bearer") or (
            header is not None and "bearer" in self.src(call).lower()
        ):
            self._spends.add(self._qualname(call))

    def _qualname(self, node: ir.Node) -> str:
        return str(self.prog.qualname(node)) if self.flow else ""

    # -- the integration's own server ------------------------------------------------------------

    def _route(
        self,
        call: ir.Call,
        owner: str,
        methods: tuple[str, ...],
        path: ir.Node,
        rest: list[ir.Node],
    ) -> None:
        if not rest:
            return
        handler = rest[-1]
        middle = rest[:-1]
        auth = "none"
        for mw in middle:
            if isinstance(mw, ir.Obj):  # fastify options: { preHandler: auth }
                if any(e.key in ("preHandler", "onRequest", "preValidation") for e in mw.entries):
                    auth = "middleware"
                continue
            if AUTH_NAME.search(self.src(mw)):
                auth = "middleware"
        framework = "fastify" if "fastify" in owner.lower() else "express"
        self._routes.append(
            {
                "call": call,
                "owner": owner,
                "methods": methods,
                "path": self._path_text(path),
                "handler": handler,
                "auth": auth,
                "framework": framework,
            }
        )

    def _fastify_route(self, call: ir.Call, owner: str, cfg: ir.Obj) -> None:
        handler = cfg.get("handler")
        if handler is None:
            return
        method = cfg.get("method")
        methods = (method.value.upper(),) if isinstance(method, ir.Str) else ()
        url = cfg.get("url") or cfg.get("path")
        auth = (
            "middleware"
            if any(e.key in ("preHandler", "onRequest", "preValidation") for e in cfg.entries)
            else "none"
        )
        self._routes.append(
            {
                "call": call,
                "owner": owner,
                "methods": methods,
                "path": self._path_text(url) if url is not None else "",
                "handler": handler,
                "auth": auth,
                "framework": "fastify",
            }
        )

    def _middleware(self, call: ir.Call, owner: str, short: str) -> None:
        args = call.args
        prefix = ""
        if args and isinstance(args[0], ir.Str) and args[0].value.startswith("/"):
            prefix, args = args[0].value, args[1:]
        if short == "addHook":
            args = args[1:]
        if short == "register" and args and "cors" in self.src(args[0]).lower():
            from cxone_rules.extract import facts_out as out

            self.sem.out.append(
                out.cors(self.pos(call), "@fastify/cors", None, cors_options(self.sem, call))
            )
            return
        for a in args:
            text = self.src(a)
            if AUTH_NAME.search(text) and "cors" not in text.lower():
                self._guards.append((owner, call.start, prefix))
                return
            if isinstance(a, ir.Func) and self.flow and AUTH_READS.search(text):
                self._guards.append((owner, call.start, prefix))
                return

    def _handler_node(self, handler: ir.Node) -> Any:
        """The function (a tree-sitter node) a route handler names or is."""
        if isinstance(handler, ir.Func):
            return handler.origin
        if isinstance(handler, ir.Name):
            bindings = self.prog.bindings(handler.name, handler) or []
            for b in reversed(bindings):
                value = b.value
                if value is not None and getattr(value, "type", "") in (
                    "function_declaration",
                    "function_expression",
                    "arrow_function",
                    "function",
                ):
                    return value
        return None

    def _finish_routes(self) -> None:
        for r in self._routes:
            call: ir.Call = r["call"]
            auth = r["auth"]
            if auth == "none" and any(
                o == r["owner"] and start < call.start and r["path"].startswith(prefix)
                for o, start, prefix in self._guards
            ):
                auth = "middleware"
            fn = self._handler_node(r["handler"]) if self.flow else None
            self._emit_route(call, r["framework"], r["methods"], r["path"], r["handler"], fn, auth)

    def _emit_route(
        self,
        at: ir.Node,
        framework: str,
        methods: tuple[str, ...],
        path: str,
        handler: ir.Node | None,
        fn: Any,
        auth: str,
    ) -> None:
        calls: list[str] = []
        returned: list[str] = []
        spends = False
        hands = ""
        if fn is not None:
            body_text = self.prog.node_text(fn)
            if auth == "none" and AUTH_READS.search(body_text):
                auth = "check"
            for c in self.prog.calls_in(fn):
                name = ir.callee(c)
                if name:
                    calls.append(name)
                short = name.rsplit(".", 1)[-1]
                if short in ("json", "send", "end", "body") or name.endswith(
                    ("NextResponse.json", "Response.json")
                ):
                    for a in c.args:
                        for inner in ir.walk(a):
                            if isinstance(inner, ir.Call) and ir.callee(inner):
                                returned.append(ir.callee(inner))
                        if not hands:
                            hands = self._token_in(a)
                if self._sends_bearer(c):
                    spends = True
            for ret in self.prog.returns_in(fn):
                lowered = self.prog.lower(ret)
                for inner in ir.walk(lowered):
                    if isinstance(inner, ir.Call) and ir.callee(inner):
                        returned.append(ir.callee(inner))
                if not hands:
                    hands = self._token_in(lowered)
        label = ""
        if isinstance(handler, ir.Name):
            label = handler.name
        elif fn is not None:
            label = str(self.prog.function_label(fn))
        self.sem.out.append(
            HttpRoute(
                **self.pos(at),
                framework=framework,
                methods=methods,
                path=lit(path) if path else None,
                handler=label,
                auth=auth,
                spends_token=spends,
                returns_token=hands,
                calls=tuple(dict.fromkeys(calls))[:40],
                returned_calls=tuple(dict.fromkeys(returned))[:20],
            )
        )

    def _sends_bearer(self, call: ir.Call) -> bool:
        name = ir.callee(call)
        if name.rsplit(".", 1)[-1] not in HTTP_SENDS:
            return False
        send = self.sem.send(call)
        if send is None:
            return False
        header = send.headers.get("authorization")
        return (
            header is not None and "bearer" in ((header.best().text or "") + self.src(call)).lower()
        )

    def _token_in(self, node: ir.Node) -> str:
        reason = self.sem.sensitive(node, False, 0)
        if not reason:
            return ""
        if "refresh_token" in reason or "refreshToken" in reason:
            return "refresh_token"
        if "whole token response" in reason:
            return "token response"
        if "id_token" in reason or "idToken" in reason:
            return "id_token"
        if "token" in reason.lower():
            return "access_token"
        return ""

    def _next_routes(self) -> None:
        """Next.js API routes: `pages/api/**` default exports, `app/**/route.*` GET/POST..."""
        rel = self.sem.rel
        parts = rel.split("/")
        pages = "pages" in parts and "api" in parts[parts.index("pages") :]
        app_route = parts[-1].split(".")[0] == "route" and "app" in parts
        if not pages and not app_route:
            return
        for fn in self.prog.functions():
            up = fn.parent
            if up is None or up.type != "export_statement":
                continue
            name = fn.child_by_field_name("name")
            label = self.prog.node_text(name) if name is not None else "default"
            if app_route and label not in ("GET", "POST", "PUT", "PATCH", "DELETE"):
                continue
            if pages and "default" not in self.prog.node_text(up)[:40]:
                continue
            path = "/" + "/".join(parts[parts.index("pages") + 1 :] if pages else parts[:-1])
            path = re.sub(r"\.(js|jsx|ts|tsx|mjs)$", "", path).removesuffix("/index")
            methods = (label,) if app_route else ()
            at = self.prog.lower(fn)
            self._emit_route(at, "next", methods, path, None, fn, "none")

    def _listen(self, call: ir.Call) -> None:
        args = call.args
        host: str | None = None
        if len(args) >= 2 and isinstance(args[1], ir.Str):
            host = args[1].value
        elif args and isinstance(args[0], ir.Obj):
            value = args[0].get("host")
            if isinstance(value, ir.Str):
                host = value.value
            elif value is not None:
                best = self.sem.ev.value(value).best()
                host = best.text
        if host is None:
            return
        framework = "fastify" if "fastify" in ir.callee(call).lower() else "node"
        self.sem.out.append(
            ListenAddress(
                **self.pos(call),
                framework=framework,
                host=lit(host)
                if host in ALL_INTERFACES or re.fullmatch(r"[0-9.:a-z]+", host)
                else None,
                all_interfaces=host in ALL_INTERFACES,
            )
        )

    # -- named values: holders, expiries, tenants, logout, TLS -------------------------------------

    def _named(self, name: str, name_node: ir.Node, value: ir.Node, context: str) -> None:
        low = name.lower()
        if low == "authorization":
            bearer = _bearer(value)
            if bearer is not None:
                self._holder(name_node, value, bearer, context)
        if EXPIRY_NAME.search(name) and name not in ("expires_in", "expiresIn"):
            self._expiry(name, name_node, value)
        if (
            low in ("tenantid", "tenant_id")
            and isinstance(value, ir.Str)
            and TENANT_ID.fullmatch(value.value)
        ):
            self.sem.out.append(
                TenantLiteral(**self.pos(value), name=name, context=context or "assignment")
            )
        if SESSION_NAME.search(name) and SESSION_READ.search(self.src(value)):
            self._session_uses(name, value)
        if name == "post_logout_redirect_uri":
            self.sem.out.append(
                LogoutRedirect(**self.pos(value), value=to_sym(self.sem.ev.value(value)))
            )
        if low in ("minversion", "maxversion", "secureprotocol", "default_min_version"):
            text = value.value if isinstance(value, ir.Str) else None
            version = TLS_VALUES.get(text or "")
            if version is not None:
                bound = {"maxversion": "max", "secureprotocol": "only"}.get(low, "min")
                self.sem.out.append(TlsPinned(**self.pos(value), version=version, bound=bound))

    def _holder(
        self, name_node: ir.Node, value: ir.Node, bearer: ir.Node | bool, context: str
    ) -> None:
        holder = ""
        if context == "assignment":
            target = ir.dotted(name_node)
            for cut in (".defaults", ".headers"):
                if cut in target:
                    holder = target.split(cut, 1)[0] + (".defaults" if cut == ".defaults" else "")
                    break
            if not holder:
                return
        else:
            obj = self.prog.parent(value)
            up = self.prog.parent(obj) if obj is not None else None
            if isinstance(up, ir.Obj):  # { headers: { Authorization } }
                obj, up = up, self.prog.parent(up)
            if isinstance(up, ir.Call):
                callee = ir.callee(up)
                if not callee.endswith(("create", "Axios", "Client", "extend", "defaults")):
                    return  # a request's own headers: spent on that call
                holder = self._bound_name(up)
            elif isinstance(up, ir.Unknown) and up.kind == "variable_declarator":
                holder = self._bound_name(obj) if obj is not None else ""
            elif isinstance(up, ir.Assign):
                holder = ir.dotted(up.target)
            if not holder:
                return
        scope = "module"
        if self.flow:
            fn = self.prog.function_of(name_node)
            if fn is not None:
                scope = "constructor" if self.prog.in_constructor(name_node) else "function"
        self._stores.append(
            {
                "holder": holder,
                "node": name_node,
                "scope": scope,
                "func": self._qualname(name_node),
                "source": self._source(bearer),
                "start": name_node.start,
            }
        )

    def _bound_name(self, node: ir.Node) -> str:
        up = self.prog.parent(node)
        if isinstance(up, ir.Unknown) and up.kind == "variable_declarator":
            name_node = up.origin.child_by_field_name("name")
            if name_node is not None and name_node.type == "identifier":
                return str(self.prog.node_text(name_node))
        if isinstance(up, ir.Assign):
            return ir.dotted(up.target)
        return ""

    def _source(self, bearer: ir.Node | bool) -> str:
        if bearer is True:
            return "literal"
        if not isinstance(bearer, ir.Node):
            return "unknown"
        text = self.src(bearer)
        if "process.env" in text or "import.meta.env" in text:
            return "env"
        if REQUEST_TEXT.search(text):
            return "request"
        if "token" in text.lower():
            return "token-response"
        return "unknown"

    def _holders(self) -> None:
        by_holder: dict[str, list[dict[str, Any]]] = {}
        for s in self._stores:
            by_holder.setdefault(s["holder"], []).append(s)
        for holder, stores in by_holder.items():
            first = stores[0]
            if first["scope"] == "function":
                continue
            root = holder.removesuffix(".defaults")
            renewed = any(s["scope"] == "function" for s in stores) or root in self._interceptors
            used = self._holder_used(holder, root, first)
            self.sem.out.append(
                TokenUse(
                    **self.pos(first["node"]),
                    action="store",
                    func=first["func"],
                    holder=holder,
                    scope=first["scope"],
                    renewed=renewed,
                    used=used,
                    source=first["source"],
                )
            )

    def _holder_used(self, holder: str, root: str, first: dict[str, Any]) -> str:
        """later: the holder is called through from another function; none otherwise."""
        own = first["func"]
        key = root + "."
        start = 0
        while True:
            i = self.text.find(key, start)
            if i < 0:
                return "none"
            start = i + len(key)
            if i > 0 and (self.text[i - 1].isalnum() or self.text[i - 1] in "_$."):
                continue
            if not self.flow:
                return "later"
            node = self._node_at(i)
            if node is None:
                continue
            where = str(self.prog.qualname(node))
            if where and where != own:
                return "later"

    def _node_at(self, offset: int) -> ir.Node | None:
        """The identifier at a character offset (for names found in the text)."""
        try:
            unit = self.prog.parsed.trees[0]
            src = self.prog.source
            byte = offset if src.ascii else len(self.text[:offset].encode("utf-8"))
            ts_node = unit.tree.root_node.descendant_for_byte_range(byte, byte + 1)
        except (AttributeError, IndexError):
            return None
        return self.prog.lower(ts_node) if ts_node is not None else None

    def _requires(self) -> None:
        """CommonJS `require` bindings at module level, as ModuleRef facts."""
        scope = self.prog.module_bindings() if hasattr(self.prog, "module_bindings") else None
        if scope is None:
            return
        for name, raws in scope.bindings.items():
            if len(raws) != 1 or "." in name:
                continue
            _start, _op, value, _b0, _b1, synthetic = raws[0]
            node = (
                synthetic
                if synthetic is not None
                else (self.prog.lower(value) if value is not None else None)
            )
            prop = ""
            if isinstance(node, ir.Member):
                prop, node = node.prop, node.obj
            if not isinstance(node, ir.Call) or ir.callee(node) != "require" or not node.args:
                continue
            spec = node.args[0]
            if not isinstance(spec, ir.Str):
                continue
            from cxone_rules.extract.javascript.lower import module_path

            module = module_path(self.sem.rel, spec.value)
            self.sem.out.append(ModuleRef(**FILE_START, local=name, module=module, name=prop))

    # -- sessions keyed by a client's header ----------------------------------------------------

    def _session_uses(self, name: str, value: ir.Node) -> None:
        header = _header_name(self.src(value))
        for use in self.prog.uses(name, value)[:12]:
            p = self.prog.parent(use)
            if isinstance(p, ir.Index) and p.index is use:
                outer = self.prog.parent(p)
                if isinstance(outer, ir.Assign) and outer.target is p:
                    self.sem.out.append(SessionKey(**self.pos(outer), header=header, writes=True))
            elif isinstance(p, ir.Call) and p.args and p.args[0] is use:
                short = ir.callee(p).rsplit(".", 1)[-1]
                if short in ("set", "setex", "hset") and len(p.args) >= 2:
                    self.sem.out.append(SessionKey(**self.pos(p), header=header, writes=True))

    def session_write(self, node: ir.Node) -> None:
        """`sessions[req.headers['x-session-id']] = ...` / `store.set(req.headers[...], ...)`."""
        text = self.src(node)
        self.sem.out.append(SessionKey(**self.pos(node), header=_header_name(text), writes=True))

    # -- expiries and clock checks -----------------------------------------------------------------

    @staticmethod
    def _clock(node: ir.Node | None) -> str | None:
        """ms | s when `node` reads the clock (`Date.now()`, `new Date().getTime()`,
        `Date.now() / 1000`), else None."""
        if node is None:
            return None
        for n in ir.walk(node):
            if (
                isinstance(n, ir.Binary)
                and n.op == "/"
                and isinstance(n.right, ir.Const)
                and n.right.value in (1000, 1000.0)
                and Runtime._clock(n.left) == "ms"
            ):
                return "s"
        for n in ir.walk(node):
            if isinstance(n, ir.Call):
                name = ir.callee(n)
                if (
                    name in ("Date.now", "performance.now")
                    or name.endswith(".getTime")
                    or (name == "().getTime")
                ):
                    return "ms"
        return None

    def _expiry(self, name: str, name_node: ir.Node, value: ir.Node) -> None:
        clock = self._clock(value)
        if clock is None:
            return
        text = self.src(value)
        lifetime = "unknown"
        if re.search(r"\bexpires_?[iI]n\b", text) and "refresh" not in text.lower():
            lifetime = "expires_in"
        elif any(isinstance(n, ir.Const) and isinstance(n.value, float) for n in ir.walk(value)):
            lifetime = "constant"
        margin = (
            any(isinstance(n, ir.Binary) and n.op == "-" for n in ir.walk(value))
            or bool(MARGIN_NAME.search(text))
            or bool(re.search(r"\*\s*0\.\d", text))
        )
        units = None
        if lifetime == "expires_in" and clock == "ms" and not re.search(r"1000|1e3|\bms\(", text):
            units = "ms-from-seconds"
        self.sem.out.append(
            TokenUse(
                **self.pos(name_node if isinstance(name_node, ir.Node) else value),
                action="expiry",
                func=self._qualname(value),
                holder=name,
                lifetime=lifetime,
                margin=margin,
                refresh="refresh" in name.lower(),
                units=units,
            )
        )

    def _comparison(self, node: ir.Node) -> None:
        if not isinstance(node, ir.Binary):
            return
        op = node.op
        if op in ("===", "==", "!==", "!="):
            self._state_check(node)
            return
        if op not in ("<", "<=", ">", ">="):
            return
        left, right = node.left, node.right
        lc, rc = self._clock(left), self._clock(right)
        if (lc is None) == (rc is None):
            return
        clock_side, other = (left, right) if lc is not None else (right, left)
        other_text = self.src(other) if other is not None else ""
        duration = bool(re.search(r"\bexpires_?[iI]n\b", other_text)) and not re.search(
            r"Date|now|\+", other_text
        )
        if (
            not duration
            and not EXPIRY_NAME.search(other_text)
            and not re.search(r"\bexp\b", other_text)
        ):
            return
        margin = isinstance(clock_side, ir.Binary) and clock_side.op in ("+", "-")
        margin = margin or (isinstance(other, ir.Binary) and other.op == "-")
        margin = margin or bool(MARGIN_NAME.search(self.src(node)))
        clock_first = lc is not None
        valid = op in ("<", "<=") if clock_first else op in (">", ">=")
        inverted = False
        if self.flow:
            found = self.prog.branches_of(node)
            if found is not None:
                then, other_branch, negated = found
                if negated:
                    valid = not valid
                a_then, a_else = self._action(then), self._action(other_branch)
                inverted = (valid and (a_then == "renew" or a_else == "reuse")) or (
                    not valid and (a_then == "reuse" or a_else == "renew")
                )
            else:
                fname = self._qualname(node).rsplit(".", 1)[-1].lower()
                if "expired" in fname or "valid" in fname:
                    named_valid = "valid" in fname and "invalid" not in fname
                    inverted = valid != named_valid
        self.sem.out.append(
            TokenUse(
                **self.pos(node),
                action="check",
                func=self._qualname(node),
                inverted=inverted,
                margin=margin,
                duration=duration,
            )
        )

    def _action(self, block: Any) -> str | None:
        for stmt in self.prog.statements_of(block):
            t = stmt.type
            text = self.prog.node_text(stmt)
            if t == "return_statement":
                call = re.match(r"return\s+(await\s+)?(this\.)?([\w$.]+)\s*\(", text)
                if call and RENEW_CALL.search(call.group(3).rsplit(".", 1)[-1]):
                    return "renew"
                if re.search(r"token", text, re.IGNORECASE):
                    return "reuse"
            elif t == "expression_statement":
                for m in re.finditer(r"(?<![\w$])([\w$]+)\s*\(", text):
                    if RENEW_CALL.search(m.group(1)):
                        return "renew"
        return None

    def _state_check(self, node: ir.Binary) -> None:
        for side in (node.left, node.right):
            if side is None or isinstance(side, (ir.Str, ir.Const)):
                return
        text = self.src(node)
        for what, pattern in (("state", STATE_NAME), ("nonce", NONCE_NAME)):
            if pattern.search(text):
                self.sem.out.append(CallbackCheck(**self.pos(node), what=what))

    # -- loops and functions -----------------------------------------------------------------------

    def _loop(self, loop: ir.Node) -> None:
        kind = self.prog.loop_kind(loop)
        if not kind:
            return
        self._emit_loop(loop)
        items = self.prog.loop_items(loop)
        body = loop.origin.child_by_field_name("body")
        if body is None:
            return
        for call in self.prog.calls_in(body):
            name = ir.callee(call)
            short = name.rsplit(".", 1)[-1]
            if not (TOKENISH.search(short) or short in HTTP_SENDS):
                continue
            if (
                self.prog.loops_around(call)[:1] != []
                and self.prog.loops_around(call)[0].origin != loop.origin
            ):
                continue  # an inner loop reports its own calls
            self._loop_call(call, name, items)

    def _emit_loop(self, loop: ir.Node) -> None:
        key = (loop.start, loop.end)
        if key in self._loops:
            return
        self._loops.add(key)
        self.sem.out.append(
            CodeBlock(**self.pos(loop), kind="loop", name=self._qualname(loop), per_item=True)
        )

    def _loop_call(self, call: ir.Call, name: str, items: set[str]) -> None:
        short = name.rsplit(".", 1)[-1]
        uses_item = any(
            isinstance(n, ir.Name) and n.name in items for a in call.args for n in ir.walk(a)
        ) or any(items & set(_WORD.findall(self.src(a))) for a in call.args)
        self.sem.out.append(
            LoopCall(
                **self.pos(call),
                callee="" if short in HTTP_SENDS and "." in name else name,
                func=self._qualname(call),
                item=uses_item,
            )
        )

    def _requests_in_loops(self) -> None:
        """Token requests inside loops (iterator callbacks too): the loop and the call."""
        from cxone_rules.facts.kinds import TokenRequest

        for fact in list(self.sem.out):
            if not isinstance(fact, TokenRequest):
                continue
            call = self._call_at(fact)
            if call is None:
                continue
            loops = self.prog.loops_around(call)
            if not loops:
                continue
            for loop in loops:
                self._emit_loop(loop)
            items: set[str] = set()
            for loop in loops:
                items |= self.prog.loop_items(loop)
            self._loop_call(call, ir.callee(call), items)

    def _call_at(self, fact: Any) -> ir.Call | None:
        for call in self.sem._sends.values():
            c = call[0]
            if self.pos(c)["line"] == fact.line and self.pos(c)["column"] == fact.column:
                return c  # type: ignore[no-any-return]
        return None

    def _functions(self) -> None:
        module = self.prog.module_bindings()
        module_names = set(module.declared) if module is not None else set()
        for fn in self.prog.functions():
            label = str(self.prog.function_label(fn))
            at = self.prog.lower(fn)
            body = self.prog.node_text(fn)
            # One pass over the body's assignments, not one pattern per module name: a bundle
            # has thousands of functions and of module names.
            caches = bool(re.search(r"\bthis\.[\w$]+\s*=[^=]", body)) or any(
                n != label and n in module_names for n in _ASSIGNED.findall(body)
            )
            decorator = None
            up = fn.parent
            while up is not None and up.type in ("arguments", "parenthesized_expression"):
                up = up.parent
            if up is not None and up.type == "call_expression":
                func = up.child_by_field_name("function")
                if func is not None and MEMOIZERS.search(self.prog.node_text(func)):
                    decorator = "memoize"
            self.sem.out.append(
                CodeBlock(
                    **self.pos(at), kind="function", name=label, caches=caches, decorator=decorator
                )
            )
            for ret in self.prog.returns_in(fn):
                hands = self._token_in(self.prog.lower(ret))
                text = self.prog.node_text(ret)
                if not hands and re.search(r"access_?[tT]oken", text):
                    hands = "access_token"
                # `cached = data.access_token; ... return cached`
                name = text.strip()
                if not hands and re.fullmatch(r"[\w$.]+", name) and _assigned_a_token(body, name):
                    hands = "access_token"
                if hands:
                    self.sem.out.append(
                        TokenUse(**FILE_START, action="hand", func=label, source=hands)
                    )
                    break
        for func in sorted(self._spends):
            self.sem.out.append(TokenUse(**FILE_START, action="spend", func=func))
        for s in self._stores:
            if s["scope"] != "function":
                self._spend_through(s["holder"])

    def _spend_through(self, holder: str) -> None:
        root = holder.removesuffix(".defaults")
        for m in _METHOD_CALL.finditer(self.text):
            if m.group(1) != root:
                continue
            node = self._node_at(m.start(1))
            if node is not None:
                where = self._qualname(node)
                if where:
                    self.sem.out.append(TokenUse(**FILE_START, action="spend", func=where))

    # -- decodes -----------------------------------------------------------------------------------

    def _decode(self, call: ir.Call, name: str) -> None:
        short = name.rsplit(".", 1)[-1]
        token: ir.Node | None = None
        verified = False
        if name in DECODERS or short in ("jwtDecode", "jwt_decode", "decodeJwt"):
            token = call.args[0] if call.args else None
        elif name in VERIFIERS or short in ("jwtVerify",):
            token, verified = (call.args[0] if call.args else None), True
        elif name in ("Buffer.from", "atob") and call.args:
            first = call.args[0]
            for n in ir.walk(first):
                if (
                    isinstance(n, ir.Call)
                    and isinstance(n.func, ir.Member)
                    and n.func.prop == "split"
                ):
                    token = n.func.obj
                    break
        if token is None:
            return
        if name == "verify" and not re.search(r"jwt|token", self.src(call), re.IGNORECASE):
            return
        token_text = self.src(token)
        bound = None
        if isinstance(token, ir.Name):
            bindings = self.prog.bindings(token.name, token) or []
            if bindings and bindings[-1].value is not None:
                bound = bindings[-1].synthetic or self.prog.lower(bindings[-1].value)
                token_text += " " + self.src(bound)
        kind = "other"
        if re.search(r"id_?[tT]oken", token_text):
            kind = "id_token"
        elif re.search(r"access_?[tT]oken", token_text):
            kind = "access_token"
        source = "request" if REQUEST_TEXT.search(token_text) else "unknown"
        if source == "unknown" and re.search(r"\bauthorization\b", token_text, re.IGNORECASE):
            source = "request"
        claims: list[str] = []
        routing = False
        target = self._bound_name(call) or self._bound_name(self.prog.parent(call) or call)
        up = self.prog.parent(call)
        while isinstance(up, ir.Unary):
            up = self.prog.parent(up)
        if isinstance(up, ir.Member):
            claims.append(up.prop)
        if isinstance(up, ir.Unknown) and up.kind == "variable_declarator":
            pattern = up.origin.child_by_field_name("name")
            if pattern is not None and pattern.type == "object_pattern":
                claims.extend(
                    self.prog.node_text(c).split(":")[0].strip() for c in pattern.named_children
                )
        if target and "." not in target:
            for use in self.prog.uses(target, call)[:12]:
                p = self.prog.parent(use)
                if isinstance(p, ir.Member):
                    claims.append(p.prop)
                    outer = self.prog.parent(p)
                    if isinstance(outer, (ir.Template, ir.Binary)) and re.search(
                        r"://|/\.well-known|/auth", self.src(outer)
                    ):
                        routing = True
        self.sem.out.append(
            TokenUse(
                **self.pos(call),
                action="decode",
                func=self._qualname(call),
                verified=verified,
                token=kind,
                source=source,
                claims=tuple(dict.fromkeys(c for c in claims if c.isidentifier()))[:12],
                routing=routing,
            )
        )

    # -- strings -----------------------------------------------------------------------------------

    def _string(self, node: ir.Node) -> None:
        if isinstance(node, ir.Str):
            text = node.value
            if TENANT_QUERY.search(text):
                self.sem.out.append(
                    TenantLiteral(**self.pos(node), name="tenantId", context="query")
                )
            return
        if not isinstance(node, ir.Template):
            return
        before = ""
        for part in node.parts:
            if isinstance(part, str):
                before += part
                if TENANT_QUERY.search(part):
                    self.sem.out.append(
                        TenantLiteral(**self.pos(node), name="tenantId", context="query")
                    )
                continue
            m = QUERY_KEY.search(before)
            if m and "?" in before and self._credential(m.group(1), part):
                self.sem.out.append(QueryCredential(**self.pos(node), key=m.group(1)))
                return
            before += "\ufffc"

    def _credential(self, key: str, value: ir.Node) -> bool:
        low = key.lower()
        if low not in sx.QUERY_CREDENTIAL_KEYS or isinstance(value, ir.Str):
            return False
        if low == "token":
            name = self.src(value).lower()
            paging = any(w in name for w in ("page", "next", "csrf", "continuation", "cursor"))
            return "access" in name or (name.endswith("token") and not paging)
        return True

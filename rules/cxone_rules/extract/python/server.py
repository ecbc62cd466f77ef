"""Python extractor "cxone.server": the integration's own HTTP surface.

Facts (facts/kinds.py):

- `HttpRoute`: Flask / FastAPI / Starlette / aiohttp routes (decorators) and Django REST
  framework views (`@api_view`), with how the caller is authenticated (a FastAPI dependency,
  an auth decorator, an app-wide hook, a check in the handler), whether the handler sends a
  bearer itself, what token its response carries, and the names it calls (a rule follows them
  into helpers in other files);
- `CorsPolicy`: Flask-CORS (`CORS(app)`, `@cross_origin`), Starlette/FastAPI
  `CORSMiddleware`, django-cors-headers settings, `Access-Control-Allow-Origin` set by hand
  (a constant, the request's Origin, or an Origin checked by a condition the code writes),
  with credentials, origins and how a check is loose;
- `ListenAddress`: `app.run(host=...)`, `uvicorn.run(..., host=...)`, `web.run_app`,
  `serve(...)`, `HTTPServer((host, port), ...)`, gunicorn's `bind`;
- `SessionKey`: a request header's value used as the key of a server-side store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from cxone_lint.api.cst_children import children
from cxone_lint.api.facts import BATCH_KEY, Fact, encode_batch
from cxone_lint.api.lazy import lazy_module
from cxone_lint.api.python import PythonExtractor
from cxone_rules.extract.python.context import (
    ContextVisitor,
    calls_in,
    keys_read,
    names_in,
)
from cxone_rules.extract.python.tokens import (
    TOKEN_FIELDS,
    CxoneTokensExtractor,
    _bearer_text,
)
from cxone_rules.extract.python.triage import Triage
from cxone_rules.extract.python.values import arg, call_name, dotted, literal_text, statements
from cxone_rules.extract.python.vocabulary import (
    HTTP_SENDS,
    ORIGIN_HEADER,
    ROUTE_METHODS,
    SESSION_HEADER,
)
from cxone_rules.facts.kinds import CorsPolicy, HttpRoute, ListenAddress, SessionKey
from cxone_rules.facts.symstr import lit

if TYPE_CHECKING:
    import libcst as cst
else:  # imported when the first file is parsed (api/lazy.py)
    cst = lazy_module("libcst")


AUTH_DECORATOR = re.compile(
    r"login_required|auth|jwt_required|token_required|requires|permission|protected|"
    r"verify|api_key|authenticated|signed_in|login",
    re.IGNORECASE,
)
AUTH_DEPENDENCY = re.compile(
    r"auth|user|token|verify|api_?key|current|secur|credential|bearer|session|jwt|principal|"
    r"login|require",
    re.IGNORECASE,
)
AUTH_ANNOTATIONS = frozenset(
    {"HTTPAuthorizationCredentials", "HTTPBasicCredentials", "OAuth2PasswordBearer", "APIKey"}
)
# What a handler reads when it checks its caller itself.
AUTH_READS = re.compile(
    r"authorization|api_?key|x-api-key|current_user|is_authenticated|request\.user|"
    r"session\[|check_auth|verify_token|validate_token|require_auth|login_required|\bg\.user",
    re.IGNORECASE,
)
CREDENTIALS_HEADER = "access-control-allow-credentials"
ALL_INTERFACES = frozenset({"0.0.0.0", "::", "", "[::]", "*"})
FRAMEWORK_MODULES = (
    ("fastapi", "fastapi"),
    ("starlette", "starlette"),
    ("flask", "flask"),
    ("quart", "flask"),
    ("aiohttp", "aiohttp"),
    ("django", "django"),
    ("rest_framework", "django"),
    ("sanic", "sanic"),
)


def _regex_loose(text: str) -> bool:
    """A pattern that matches more than it names: `.*` before a domain, or no end anchor."""
    if not any(c in text for c in "*[]^$\\+?"):
        return False
    return not text.endswith("$") or ".*" in text.split("//", 1)[-1].split(".", 1)[0]


def _origins(node: cst.BaseExpression | None) -> tuple[str, tuple[str, ...], str | None]:
    """(allows, origins, loose) of an origins argument (`"*"`, `["https://a"]`, a regex)."""
    if node is None:
        return "any", (), None
    text = literal_text(node)
    if text is not None:
        if text in ("*", ".*", "^.*$"):
            return "any", (), None
        if _regex_loose(text):
            return "pattern", (), "unanchored"
        return "list", (text,), None
    if isinstance(node, (cst.List, cst.Tuple, cst.Set)):
        items = [literal_text(e.value) for e in node.elements if isinstance(e, cst.Element)]
        if "*" in items:
            return "any", (), None
        known = tuple(t for t in items if t is not None)
        loose = "unanchored" if any(_regex_loose(t) for t in known) else None
        return ("pattern" if loose else "list"), known, loose
    return "unknown", (), None


@dataclass
class _Route:
    node: cst.FunctionDef
    at: cst.CSTNode
    framework: str
    methods: tuple[str, ...]
    path: str | None
    auth: str
    owner: str
    spends: bool = False
    returns: str = ""
    calls: list[str] = field(default_factory=list)
    returned: list[str] = field(default_factory=list)


class CxoneServerExtractor(Triage, ContextVisitor, PythonExtractor):
    name = "cxone.server"
    prefilter: ClassVar[tuple[str, ...]] = (
        "flask",
        "Flask",
        "fastapi",
        "FastAPI",
        "starlette",
        "django",
        "aiohttp",
        "quart",
        "sanic",
        "uvicorn",
        "CORS",
        "Access-Control",
        "HTTPServer",
        "bind",
        "api_view",
    )

    def __init__(self, path: str, text: str) -> None:
        super().__init__(path, text)
        self.init_context()
        self.out: list[Fact] = []
        self.framework = ""
        self._routes: list[_Route] = []
        self._open: list[_Route | None] = []
        # Apps and routers with an authentication hook for all their routes.
        self._guarded: set[str] = set()
        self._django_settings: dict[str, tuple[cst.CSTNode, bool]] = {}
        self._origin_names: list[set[str]] = [set()]

    # -- frameworks --------------------------------------------------------------------------------

    def visit_Import(self, node: cst.Import) -> None:
        super().visit_Import(node)
        for alias in node.names:
            self._framework(dotted(alias.name) or "")

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        super().visit_ImportFrom(node)
        if node.module is not None and not node.relative:
            self._framework(dotted(node.module) or "")

    def _framework(self, module: str) -> None:
        top = module.split(".")[0]
        for name, framework in FRAMEWORK_MODULES:
            if top == name and (not self.framework or framework == "fastapi"):
                self.framework = framework

    # -- routes ------------------------------------------------------------------------------------

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        super().visit_FunctionDef(node)
        self._origin_names.append(set())
        route = self._route_of(node)
        self._open.append(route)
        if route is not None:
            self._routes.append(route)
        for dec in node.decorators:
            d = dec.decorator
            name = dotted(d.func if isinstance(d, cst.Call) else d) or ""
            if name.endswith((".before_request", ".middleware")) and self._checks_caller(node):
                self._guarded.add(name.rsplit(".", 1)[0])

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        route = self._open.pop()
        if route is not None:
            self._finish_route(route)
        self._origin_names.pop()
        super().leave_FunctionDef(original_node)

    def _route_of(self, node: cst.FunctionDef) -> _Route | None:
        route_dec = None
        methods: tuple[str, ...] = ()
        path = None
        owner = ""
        auth = "none"
        framework = self.framework or "flask"
        for dec in node.decorators:
            d = dec.decorator
            call = d if isinstance(d, cst.Call) else None
            name = dotted(call.func if call is not None else d) or ""
            short = name.rsplit(".", 1)[-1]
            if short in ROUTE_METHODS and "." in name and route_dec is None:
                route_dec = dec
                owner = name.rsplit(".", 1)[0]
                methods = ROUTE_METHODS[short]
                if call is not None:
                    path = literal_text(
                        arg(call, 0, "path") or arg(call, 0, "rule") or cst.Name("_")
                    )
                    listed = arg(call, None, "methods")
                    if isinstance(listed, (cst.List, cst.Tuple)):
                        methods = tuple(
                            (literal_text(e.value) or "").upper()
                            for e in listed.elements
                            if isinstance(e, cst.Element)
                        )
                    deps = arg(call, None, "dependencies")
                    if deps is not None and self._auth_dependency_in(deps):
                        auth = "dependency"
                if owner.split(".")[-1] in ("routes",) and self.framework == "aiohttp":
                    framework = "aiohttp"
            elif short == "api_view":
                route_dec = dec
                framework = "django"
                if call is not None and call.args:
                    listed = call.args[0].value
                    if isinstance(listed, (cst.List, cst.Tuple)):
                        methods = tuple(
                            (literal_text(e.value) or "").upper()
                            for e in listed.elements
                            if isinstance(e, cst.Element)
                        )
            elif AUTH_DECORATOR.search(name) and "cors" not in name.lower():
                auth = "decorator"
        if route_dec is None:
            return None
        if auth == "none" and self._auth_params(node):
            auth = "dependency"
        if auth == "none" and self._checks_caller(node):
            auth = "check"
        return _Route(node, route_dec, framework, methods, path, auth, owner)

    def _auth_dependency_in(self, node: cst.BaseExpression) -> bool:
        for call in calls_in(node, 60):
            if (call_name(call) or "").rsplit(".", 1)[-1] in ("Depends", "Security"):
                target = call.args[0].value if call.args else None
                if target is not None and AUTH_DEPENDENCY.search(dotted(target) or ""):
                    return True
                if target is not None and isinstance(target, cst.Call):
                    return True
        return False

    def _auth_params(self, node: cst.FunctionDef) -> bool:
        p = node.params
        for param in (*p.posonly_params, *p.params, *p.kwonly_params):
            default = param.default
            if isinstance(default, cst.Call) and self._auth_dependency_in(default):
                return True
            ann = param.annotation.annotation if param.annotation is not None else None
            if ann is not None:
                if any(n.rsplit(".", 1)[-1] in AUTH_ANNOTATIONS for n in names_in(ann, 20)):
                    return True
                for call in calls_in(ann, 20):  # Annotated[User, Depends(current_user)]
                    if self._auth_dependency_in(call):
                        return True
        return False

    def _checks_caller(self, node: cst.FunctionDef) -> bool:
        """The body reads a credential or the logged-in user, or refuses with 401/403."""
        body = node.body.body if isinstance(node.body, cst.IndentedBlock) else []
        for stmt in statements(list(body)):
            if not isinstance(stmt, (cst.If, cst.Expr, cst.Assign, cst.Return, cst.Raise)):
                continue
            probe = stmt.test if isinstance(stmt, cst.If) else stmt
            for n in names_in(probe, 80):
                if AUTH_READS.search(n):
                    return True
            for key, _ in keys_read(probe, 80):
                if AUTH_READS.search(key):
                    return True
            for call in calls_in(stmt, 40):
                short = (call_name(call) or "").rsplit(".", 1)[-1]
                if AUTH_READS.search(short):
                    return True
                if short in ("abort", "HTTPException", "HTTPUnauthorized", "HTTPForbidden"):
                    for a in call.args:
                        if isinstance(a.value, cst.Integer) and a.value.value in ("401", "403"):
                            return True
            if isinstance(stmt, cst.Return) and isinstance(stmt.value, cst.Tuple):
                for e in stmt.value.elements:
                    if isinstance(e.value, cst.Integer) and e.value.value in ("401", "403"):
                        return True
        return False

    def _route(self) -> _Route | None:
        """The route whose handler is being visited (its own body, not nested functions)."""
        return self._open[-1] if self._open else None

    def _finish_route(self, route: _Route) -> None:
        decorators = {
            dotted(d.decorator.func if isinstance(d.decorator, cst.Call) else d.decorator)
            for d in route.node.decorators
        }
        route.calls = [c for c in route.calls if c not in decorators]
        auth = route.auth
        if auth == "none" and route.owner in self._guarded:
            auth = "middleware"
        self.out.append(
            HttpRoute(
                **self.at_def(route.node),
                framework=route.framework,
                methods=route.methods,
                path=lit(route.path) if route.path is not None else None,
                handler=route.node.name.value,
                auth=auth,
                spends_token=route.spends,
                returns_token=route.returns,
                calls=tuple(dict.fromkeys(route.calls))[:40],
                returned_calls=tuple(dict.fromkeys(route.returned))[:20],
            )
        )

    # -- inside handlers ---------------------------------------------------------------------------

    def visit_Call(self, node: cst.Call) -> None:
        name = call_name(node) or ""
        short = (
            node.func.attr.value
            if isinstance(node.func, cst.Attribute)
            else name.rsplit(".", 1)[-1]
        )
        route = self._route()
        if route is not None and len(self.frames) >= 2 and self.frames[-1].node is route.node:
            if name:
                route.calls.append(name)
            elif isinstance(node.func, cst.Attribute):
                route.calls.append(short)
            if short in HTTP_SENDS:
                headers = arg(node, None, "headers")
                if headers is not None and self._has_bearer(headers):
                    route.spends = True
        self._cors_call(node, name, short)
        self._listen(node, name, short)
        self._session_key_call(node, short)

    def _has_bearer(self, node: cst.BaseExpression) -> bool:
        if isinstance(node, cst.Name):
            bound = self.lookup(node.value)
            node = bound if bound is not None else node
        if isinstance(node, cst.Dict):
            for el in node.elements:
                if isinstance(el, cst.DictElement) and (literal_text(el.key) or "").lower() == (
                    "authorization"
                ):
                    value = el.value
                    if isinstance(value, cst.Name):
                        value = self.lookup(value.value) or value
                    if _bearer_text(value) is not None:
                        return True
        return False

    def visit_Return(self, node: cst.Return) -> None:
        route = self._route()
        if route is None or node.value is None or self.frames[-1].node is not route.node:
            return
        what = self._token_in(node.value, 0)
        if what and not route.returns:
            route.returns = what
        for call in calls_in(node.value, 40):
            name = call_name(call)
            if name:
                route.returned.append(name)

    def _token_in(self, node: cst.BaseExpression, depth: int) -> str:
        if depth > 3:
            return ""
        for key, _ in keys_read(node, 60):
            if key in TOKEN_FIELDS:
                return key
        for call in calls_in(node, 30):
            for a in call.args:
                if a.keyword is not None and a.keyword.value in TOKEN_FIELDS:
                    return a.keyword.value
            if isinstance(call.func, cst.Attribute) and call.func.attr.value == "json":
                inner = call.func.value
                if isinstance(inner, cst.Name):
                    inner = self.lookup(inner.value) or inner
                if isinstance(inner, cst.Call) and CxoneTokensExtractor._token_call(inner):
                    return "token response"
        for n in names_in(node, 60):
            if isinstance(n, str) and "." not in n:
                bound = self.lookup(n)
                if bound is not None:
                    found = self._token_in(bound, depth + 1)
                    if found:
                        return found
        return ""

    # -- CORS --------------------------------------------------------------------------------------

    def _cors_call(self, node: cst.Call, name: str, short: str) -> None:
        if short in ("CORS", "cross_origin"):
            allows, origins, loose = _origins(
                arg(node, None, "origins") if arg(node, None, "resources") is None else None
            )
            resources = arg(node, None, "resources")
            if isinstance(resources, cst.Dict):
                for el in resources.elements:
                    if isinstance(el, cst.DictElement) and isinstance(el.value, cst.Dict):
                        for inner in el.value.elements:
                            if (
                                isinstance(inner, cst.DictElement)
                                and literal_text(inner.key) == "origins"
                            ):
                                allows, origins, loose = _origins(inner.value)
            credentials = self._flag(arg(node, None, "supports_credentials"))
            self._cors(
                node,
                f"{short}() of Flask-CORS",
                allows,
                credentials,
                origins,
                loose,
                "route" if short == "cross_origin" else "app",
            )
            return
        is_middleware = short == "add_middleware" or short == "Middleware"
        if (
            is_middleware
            and node.args
            and dotted(node.args[0].value)
            in (
                "CORSMiddleware",
                "cors.CORSMiddleware",
            )
        ):
            regex = arg(node, None, "allow_origin_regex")
            allows, origins, loose = _origins(arg(node, None, "allow_origins") or cst.List([]))
            if regex is not None:
                text = literal_text(regex) or ""
                allows = "any" if text in (".*", "^.*$", ".+") else "pattern"
                # Starlette matches the whole origin (re.fullmatch): only `.*` inside is loose.
                loose = "unanchored" if ".*" in text.split("//", 1)[-1].split(".", 1)[0] else None
            credentials = self._flag(arg(node, None, "allow_credentials"))
            self._cors(node, "CORSMiddleware", allows, credentials, origins, loose, "app")

    @staticmethod
    def _flag(node: cst.BaseExpression | None) -> bool | None:
        if isinstance(node, cst.Name) and node.value in ("True", "False"):
            return node.value == "True"
        return None

    def _cors(
        self,
        node: cst.CSTNode,
        what: str,
        allows: str,
        credentials: bool | None,
        origins: tuple[str, ...],
        loose: str | None,
        scope: str,
    ) -> None:
        self.out.append(
            CorsPolicy(
                **self.at(node),
                what=what,
                origin=lit("*") if allows == "any" else None,
                allows=allows,
                credentials=credentials,
                origins=tuple(o for o in origins if o.startswith(("http://", "https://")))[:20],
                loose=loose,
                scope=scope,
            )
        )

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            t = target.target
            name = dotted(t)
            if isinstance(t, cst.Name) and self._is_origin_read(node.value):
                self._origin_names[-1].add(t.value)
            if isinstance(t, cst.Subscript) and len(t.slice) == 1:
                index = t.slice[0].slice
                key = literal_text(index.value) if isinstance(index, cst.Index) else None
                if key is not None and key.lower() == ORIGIN_HEADER:
                    self._hand_set(node, node.value)
                self._session_key_write(t, node)
            if name in (
                "CORS_ALLOW_ALL_ORIGINS",
                "CORS_ORIGIN_ALLOW_ALL",
                "CORS_ALLOW_CREDENTIALS",
            ) and isinstance(node.value, cst.Name):
                self._django_settings[name] = (node, node.value.value == "True")
            if name == "bind" and self.frame.kind == "module":
                text = literal_text(node.value)
                if text is not None and ":" in text:
                    host = text.rsplit(":", 1)[0]
                    self.out.append(
                        ListenAddress(
                            **self.at(node),
                            framework="gunicorn",
                            host=lit(host),
                            all_interfaces=host in ALL_INTERFACES,
                        )
                    )

    def visit_Dict(self, node: cst.Dict) -> None:
        for el in node.elements:
            if isinstance(el, cst.DictElement) and (literal_text(el.key) or "").lower() == (
                ORIGIN_HEADER
            ):
                self._hand_set(el, el.value)

    def _is_origin_read(self, node: cst.BaseExpression) -> bool:
        return any(key.lower() in ("origin", "http_origin") for key, _ in keys_read(node, 30))

    def _hand_set(self, at: cst.CSTNode, value: cst.BaseExpression) -> None:
        text = literal_text(value)
        scope = "route" if self._route() is not None else "app"
        if text is not None:
            allows = "any" if text == "*" else "list"
            self._cors(
                at,
                "Access-Control-Allow-Origin set by hand",
                allows,
                self._credentials_set(),
                (text,) if allows == "list" else (),
                None,
                scope,
            )
            return
        reflected = self._is_origin_read(value) or any(
            n.split(".")[0] in self._origin_names[-1] for n in names_in(value, 20)
        )
        if not reflected:
            self._cors(
                at,
                "Access-Control-Allow-Origin set by hand",
                "unknown",
                self._credentials_set(),
                (),
                None,
                scope,
            )
            return
        loose, guarded = self._origin_guard()
        allows = "check" if guarded else "reflect"
        self._cors(
            at,
            "Access-Control-Allow-Origin set by hand",
            allows,
            self._credentials_set(),
            (),
            loose,
            scope,
        )

    def _credentials_set(self) -> bool | None:
        """`Access-Control-Allow-Credentials: true` set in the same function."""
        node = self.frame.node
        if node is None:
            return None
        body = (
            node.body.body
            if isinstance(node, cst.FunctionDef) and isinstance(node.body, cst.IndentedBlock)
            else (node.body if isinstance(node, cst.Module) else [])
        )
        for stmt in statements(list(body)):
            for key, read in keys_read(stmt, 60):
                if key.lower() == CREDENTIALS_HEADER:
                    return True
                del read
            if isinstance(stmt, (cst.Expr, cst.Assign)):
                for call in calls_in(stmt, 20):
                    if any(
                        (literal_text(a.value) or "").lower() == CREDENTIALS_HEADER
                        for a in call.args
                    ):
                        return True
        return None

    def _origin_guard(self) -> tuple[str | None, bool]:
        """How the current function checks the request's Origin before reflecting it:
        (loose kind or None, whether there is a check at all)."""
        node = self.frame.node
        if not isinstance(node, cst.FunctionDef) or not isinstance(node.body, cst.IndentedBlock):
            return None, False
        origin_vars = self._origin_names[-1]
        guarded = False
        loose: str | None = None
        for stmt in statements(list(node.body.body)):
            test = stmt.test if isinstance(stmt, (cst.If, cst.While)) else None
            if test is None:
                continue
            for sub in _expressions(test):
                mentions = any(n.split(".")[0] in origin_vars for n in names_in(sub, 10)) or (
                    self._is_origin_read(sub)
                )
                if not mentions:
                    continue
                if isinstance(sub, cst.Call):
                    short = (call_name(sub) or "").rsplit(".", 1)[-1]
                    if isinstance(sub.func, cst.Attribute):
                        short = sub.func.attr.value
                    if short in ("endswith",):
                        guarded, loose = True, loose or "suffix"
                    elif short in ("match", "search", "fullmatch") and sub.args:
                        pattern = literal_text(sub.args[0].value) or ""
                        guarded = True
                        if short != "fullmatch" and not pattern.endswith("$"):
                            loose = loose or "unanchored"
                    elif short in ("replace", "split", "urlparse", "urlsplit", "removeprefix"):
                        guarded, loose = True, loose or "scheme"
                if isinstance(sub, cst.Comparison) and len(sub.comparisons) == 1:
                    op = sub.comparisons[0].operator
                    guarded = True
                    left = sub.left
                    if isinstance(op, cst.In) and literal_text(left) is not None:
                        loose = loose or "substring"
                if isinstance(sub, cst.UnaryOperation) and isinstance(sub.operator, cst.Not):
                    inner = sub.expression
                    if isinstance(inner, cst.Name) and inner.value in origin_vars:
                        parent_or = isinstance(test, cst.BooleanOperation) and isinstance(
                            test.operator, cst.Or
                        )
                        if parent_or:
                            loose = loose or "no-origin"
        return loose, guarded

    # -- listening ---------------------------------------------------------------------------------

    def _listen(self, node: cst.Call, name: str, short: str) -> None:
        host_node: cst.BaseExpression | None = None
        framework = ""
        if short == "run":
            # app.run(host=...), uvicorn.run(app, host=...); other runs take no `host`.
            host_node = arg(node, None, "host")
            framework = "uvicorn" if name.startswith("uvicorn") else (self.framework or "flask")
            if host_node is None and name.startswith("uvicorn"):
                host_node = None
        elif short in ("run_app", "serve", "run_simple"):
            host_node = arg(node, None, "host") or (
                arg(node, 0, None) if short == "run_simple" else None
            )
            framework = "aiohttp" if short == "run_app" else short
        elif short in ("HTTPServer", "ThreadingHTTPServer", "TCPServer", "make_server"):
            first = arg(node, 0, None)
            if isinstance(first, cst.Tuple) and first.elements:
                host_node = first.elements[0].value
            elif short == "make_server":
                host_node = first
            framework = "http.server"
        if host_node is None:
            return
        value = self.resolver.resolve(host_node)
        text = value.text
        if text is None:
            return
        self.out.append(
            ListenAddress(
                **self.at(node),
                framework=framework,
                host=lit(text) if text in ALL_INTERFACES or _ip_like(text) else None,
                all_interfaces=text in ALL_INTERFACES,
            )
        )

    # -- sessions keyed by a client's header -------------------------------------------------------

    def _header_value(self, node: cst.BaseExpression) -> str | None:
        """The header a value reads (`request.headers.get("X-Session-Id")`)."""
        if isinstance(node, cst.Name):
            bound = self.lookup(node.value)
            if bound is None:
                return self._header_param(node.value)
            node = bound
        for key, read in keys_read(node, 20):
            base = (
                read.value
                if isinstance(read, cst.Subscript)
                else (
                    read.func.value
                    if isinstance(read, cst.Call) and isinstance(read.func, cst.Attribute)
                    else None
                )
            )
            if base is not None and (dotted(base) or "").endswith(("headers", "META")):
                return key
        return None

    def _header_param(self, name: str) -> str | None:
        """A FastAPI handler parameter read from a header (`x_session_id: str = Header()`)."""
        node = self.frame.node
        if not isinstance(node, cst.FunctionDef):
            return None
        p = node.params
        for param in (*p.params, *p.kwonly_params):
            default = param.default
            if (
                param.name.value == name
                and isinstance(default, cst.Call)
                and (call_name(default) or "").rsplit(".", 1)[-1] == "Header"
            ):
                return name.replace("_", "-")
        return None

    def _session_key_write(self, target: cst.Subscript, at: cst.CSTNode) -> None:
        index = target.slice[0].slice
        if not isinstance(index, cst.Index):
            return
        header = self._header_value(index.value)
        if header is not None and SESSION_HEADER.search(header):
            self.out.append(SessionKey(**self.at(at), header=header, writes=True))

    def _session_key_call(self, node: cst.Call, short: str) -> None:
        if short not in ("setdefault", "set", "hset", "setex") or not node.args:
            return
        header = self._header_value(node.args[0].value)
        if header is not None and SESSION_HEADER.search(header):
            self.out.append(SessionKey(**self.at(node), header=header, writes=True))

    # -- the end -----------------------------------------------------------------------------------

    def leave_Module(self, original_node: cst.Module) -> None:
        allow_all = self._django_settings.get(
            "CORS_ALLOW_ALL_ORIGINS"
        ) or self._django_settings.get("CORS_ORIGIN_ALLOW_ALL")
        if allow_all is not None and allow_all[1]:
            creds = self._django_settings.get("CORS_ALLOW_CREDENTIALS")
            self._cors(
                allow_all[0],
                "django-cors-headers settings",
                "any",
                creds[1] if creds is not None else None,
                (),
                None,
                "app",
            )

    def finish(self, module: cst.Module) -> None:
        self.facts = {BATCH_KEY: encode_batch(self.out, "python")}


def _ip_like(text: str) -> bool:
    return bool(re.fullmatch(r"[0-9.]{7,15}|localhost|[0-9a-fA-F:]{2,39}", text))


def _expressions(node: cst.BaseExpression) -> list[cst.BaseExpression]:
    """The operands of a test: its boolean parts, and the calls and comparisons inside."""
    out: list[cst.BaseExpression] = []
    stack: list[cst.CSTNode] = [node]
    while stack and len(out) < 60:
        n = stack.pop()
        if isinstance(n, cst.BaseExpression):
            out.append(n)
        stack.extend(children(n))
    return out

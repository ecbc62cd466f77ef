"""Python extractor "cxone.secrets": secrets in literals, secrets written out, TLS, http://.

Facts (JSON, never a secret value; a value is represented by kind + fingerprint only):

- `secrets`: literals bound to secret-like names (assignments, annotated assignments, class
  attributes, dict keys, keyword arguments, parameter defaults, `auth=(id, secret)`,
  `os.environ.get(NAME, default)` defaults), JWT-shaped literals and Basic keys anywhere. Each
  has the exact range of the literal so a fix can replace it with an environment lookup.
- `leaks`: tokens, secrets or whole token responses passed to print/logging/exceptions or
  returned from an HTTP handler, found by a small data flow inside each function.
- `tls`: certificate verification turned off.
- `http`: `http://` URLs to CXone hosts.
- `os_imported` / `import_line`: where `import os` goes when a fix needs it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from cxone_lint.api.facts import BATCH_KEY, Fact, Header, Span, encode_batch
from cxone_lint.api.lazy import lazy_module
from cxone_lint.api.python import PythonExtractor
from cxone_lint.api.redact import url_password
from cxone_rules.domain import secrets as sx
from cxone_rules.domain.oauth import is_false
from cxone_rules.extract.common import file_traits, header
from cxone_rules.extract.python.scopes import ScopeTracker, Summaries, as_written, call_site
from cxone_rules.extract.python.triage import Triage
from cxone_rules.extract.python.values import Resolver, Scopes, linkable
from cxone_rules.extract.python.vocabulary import AUTH_CONTEXT_MARKERS as _AUTH_CONTEXT_MARKERS
from cxone_rules.extract.python.vocabulary import HTTP_RESPONSE_FUNCS as _HTTP_RESPONSE_FUNCS
from cxone_rules.extract.python.vocabulary import LOG_METHODS as _LOG_METHODS
from cxone_rules.extract.python.vocabulary import SENSITIVE_KEYS as _SENSITIVE_KEYS
from cxone_rules.extract.python.vocabulary import SENSITIVE_NAME_KINDS as _SENSITIVE_NAME_KINDS
from cxone_rules.facts.kinds import UPSTREAM_ERROR as UPSTREAM_ERROR
from cxone_rules.facts.kinds import (
    EnvFix,
    Export,
    PlainHttpUrl,
    SecretLiteral,
    Sink,
    TlsSetting,
)
from cxone_rules.facts.symstr import Hole, SymStr

if TYPE_CHECKING:
    import libcst as cst
    from libcst.metadata import CodeRange
else:  # imported when the first file is parsed (api/lazy.py)
    cst = lazy_module("libcst")

# Secret-like names whatever their case and separator, looked for in the lower-cased text
# (the pre-filter strings are literal and case-sensitive).
_NAME_HINTS = (
    "secret",
    "passw",
    "pwd",
    "token",
    "authoriz",
    *(
        f"{a}{sep}{b}"
        for a, b in (("api", "key"), ("private", "key"), ("auth", "header"), ("auth", "key"))
        for sep in ("", "_", "-", ".", " ")
    ),
)
# A quoted base64 literal long enough to be a Basic key.
_B64_LITERAL = re.compile(r"""["']([A-Za-z0-9+/]{16,256}={0,2})["']""")

WHOLE_RESPONSE = "the whole token response"
# How many characters of a token may be shown (`token[:6]`, `token[-4:]`) to tell tokens
# apart; `token[:20]` is most of a token.
SHOWN_CHARACTERS = 8
# Keyword arguments of log calls that hold no value written out.
_QUIET_KEYWORDS = frozenset({"exc_info", "stack_info", "stacklevel", "level", "status_code"})
_ROUTE_DECORATORS = frozenset({"route", "get", "post", "put", "patch", "delete", "api_route"})
# Calls whose result does not reveal their argument.
_REDACTING_CALLS = frozenset(
    {
        "len",
        "bool",
        "type",
        "isinstance",
        "hash",
        "id",
        "mask",
        "redact",
        "fingerprint",
        "sha256",
        "sha1",
        "md5",
        "hexdigest",
        "compare_digest",
        "startswith",
        "endswith",
        "count",
    }
)
# Calls that hand their argument's content on (str(token), json.dumps(tokens), ...).
_PASS_THROUGH_CALLS = frozenset(
    {"str", "repr", "dumps", "format", "dict", "pformat", "strip", "decode", "encode", "join"}
)
_HTTP_CLIENT_MODULES = ("requests", "httpx", "aiohttp", "urllib3", "urllib.request", "http.client")
# Calls that open HTTP connections or build the objects that do (requests, httpx, aiohttp).
_HTTP_CALLS = frozenset(
    """get post put patch delete head options request send stream urlopen fetch_token
    refresh_token Client AsyncClient Session ClientSession TCPConnector Request""".split()  # noqa: SIM905
)
_ENV_GETTERS = frozenset(
    {"os.environ.get", "os.getenv", "environ.get", "getenv", "os.environ.setdefault"}
)
_REQUEST_METHODS = frozenset(
    {"post", "get", "request", "put", "patch", "fetch_token", "urlopen", "Request"}
)


def _dotted(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr.value}" if base else node.attr.value
    if isinstance(node, cst.Call):
        return _dotted(node.func) + "()"
    return ""


def _literal(node: cst.BaseExpression | None) -> str | None:
    """The value of a string literal (plain, concatenated, or an f-string without fields)."""
    if isinstance(node, cst.SimpleString):
        try:
            value = node.evaluated_value
        except Exception:  # a literal libcst cannot evaluate is not worth a crash
            return None
        if isinstance(value, bytes):
            return value.decode("latin-1")
        return value
    if isinstance(node, cst.ConcatenatedString):
        left, right = _literal(node.left), _literal(node.right)
        return None if left is None or right is None else left + right
    if isinstance(node, cst.FormattedString):
        texts = [p for p in node.parts if isinstance(p, cst.FormattedStringText)]
        if len(texts) == len(node.parts):
            return "".join(p.value for p in texts)
    return None


def _target_name(node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return node.attr.value
    if isinstance(node, cst.Subscript) and len(node.slice) == 1:
        index = node.slice[0].slice
        if isinstance(index, cst.Index):
            return _literal(index.value)
    return None


# Settings wrappers whose first argument (or `default=`) is the value itself (pydantic).
_VALUE_WRAPPERS = frozenset({"SecretStr", "SecretBytes", "Field"})


def _wrapped(node: cst.BaseExpression | None) -> cst.BaseExpression | None:
    """`SecretStr("...")` and `Field("...")`/`Field(default="...")` hold the literal inside."""
    if not isinstance(node, cst.Call) or _dotted(node.func).rsplit(".", 1)[-1] not in (
        _VALUE_WRAPPERS
    ):
        return node
    for arg in node.args:
        if arg.keyword is None and not arg.star:
            return arg.value
        if arg.keyword is not None and arg.keyword.value == "default":
            return arg.value
    return node


def _env_name(name: str) -> str:
    words = sx.name_words(name)
    return "_".join(w.upper() for w in words) or "SECRET"


def _shown(node: cst.BaseExpression) -> str:
    """How a flag's expression is named in a message (never a value)."""
    name = _dotted(node)
    if isinstance(node, cst.Subscript):
        name = f"{_dotted(node.value)}[{_target_name(node)!r}]"
    if not name or len(name) > 60:
        return "..."
    return name


def _is_false(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value == "False"


class PythonSecretsExtractor(Triage, ScopeTracker, PythonExtractor):
    name: ClassVar[str] = "cxone.secrets"
    # Without one of these a file can hold none of the facts above, and is not even parsed
    # unless another extractor wants it. Kept narrow: parsing is the cost of a run.
    prefilter: ClassVar[tuple[str, ...]] = (
        "secret",
        "Secret",
        "SECRET",
        "assw",
        "ASSW",
        "pwd",
        "PWD",
        "oken",
        "OKEN",
        "pi_key",
        "PI_KEY",
        "piKey",
        "pikey",
        "PIKEY",
        "rivate_key",
        "RIVATE_KEY",
        "rivateKey",
        "uthoriz",
        "UTHORIZ",
        "uth_header",
        "UTH_HEADER",
        "uthHeader",
        "uth_key",
        "UTH_KEY",
        "uthKey",
        "eyJ",
        "asic ",
        "verify",
        "CERT_NONE",
        "check_hostname",
        "_create_unverified_context",
        "ssl=False",
        "incontact",
        "Incontact",
        "InContact",
        "INCONTACT",
        "nicecxone",
    )

    def wants(self) -> bool:
        """The literal pre-filter, then what it cannot spell out: secret names in any case
        and separator style (`APIKey`, `Api_Key`, `Private-Key`), a bare base64 legacy key
        (`base64("App@Vendor:BU")` shows no word at all) and a password in a URL."""
        if super().wants():
            return True
        lower = self.text.lower()
        if any(hint in lower for hint in _NAME_HINTS):
            return True
        if url_password(self.text) is not None:
            return True
        return any(
            sx.decode_basic(m.group(1)) == "app@vendor:bu" for m in _B64_LITERAL.finditer(self.text)
        )

    def __init__(self, path: str, text: str) -> None:
        super().__init__(path, text)
        self.is_test = sx.is_test_path(path)
        self.is_example = sx.is_example_path(path)
        self.auth_context = any(m in text for m in _AUTH_CONTEXT_MARKERS)
        self.http_client = any(
            f"import {m}" in text or f"from {m}" in text for m in _HTTP_CLIENT_MODULES
        )
        self.out: list[Fact] = [file_traits(text)]
        self.handled: set[int] = set()
        # Data flow: one dict per function scope, name -> why it is sensitive ("" = known clean).
        self.flow: list[dict[str, str]] = [{}]
        # Names bound to what this file cannot judge (a project function's result), per scope.
        self.flow_calls: list[dict[str, SymStr]] = [{}]
        self.summaries = Summaries()
        self.leaked: set[tuple[int, int, str]] = set()
        # Functions that return a token or a token response: name -> (what, the return value).
        self.secret_returns: dict[str, tuple[str | SymStr, Header]] = {}
        # Values as the HTTP extractor resolves them (flags, what a sink is handed).
        self.scopes = Scopes()
        self.resolver = Resolver(self.scopes)
        self.routes: list[bool] = [False]
        self.error_blocks: set[int] = set()
        self.error_depth = 0
        self.os_imported = False
        self.import_line = 1

    # -- positions ------------------------------------------------------------------------------

    def _range(self, node: cst.CSTNode) -> CodeRange:
        return self.position(as_written(node))

    def _at(self, node: cst.CSTNode) -> Header:
        """The header of a fact about `node`: its whole range (end exclusive), 1-based."""
        r = self._range(node)
        return header(r.start.line, r.start.column + 1, r.end.line, r.end.column + 1)

    # -- module: where `import os` would go ------------------------------------------------------

    def visit_Module(self, node: cst.Module) -> None:
        super().visit_Module(node)
        insert_at: int | None = None
        for index, stmt in enumerate(node.body):
            if isinstance(stmt, cst.SimpleStatementLine):
                small = stmt.body[0] if stmt.body else None
                if isinstance(small, cst.Import) and any(
                    _dotted(a.name).split(".")[0] == "os" and a.asname is None for a in small.names
                ):
                    self.os_imported = True
                is_doc = index == 0 and isinstance(small, cst.Expr) and _literal(small.value)
                is_future = (
                    isinstance(small, cst.ImportFrom)
                    and _dotted(small.module or cst.Name("x")) == "__future__"
                )
                if insert_at is None and not is_doc and not is_future:
                    insert_at = self._range(stmt).start.line
            elif insert_at is None:
                insert_at = self._range(stmt).start.line
        if insert_at is None:
            insert_at = self._range(node.body[-1]).end.line + 1 if node.body else 1
        self.import_line = insert_at

    # -- secret literals ------------------------------------------------------------------------

    def _record(
        self,
        node: cst.CSTNode,
        kind: str,
        value: str,
        name: str,
        context: str,
        detail: dict[str, Any] | None = None,
        fixable: bool = False,
    ) -> None:
        fixable = fixable and bool(name) and context in ("assignment", "keyword", "dict", "default")
        fix = None
        if fixable and isinstance(node, cst.SimpleString) and "b" not in node.prefix.lower():
            fix = EnvFix(
                env=_env_name(name),
                replacement='os.environ["{env}"]',
                import_line=None if self.os_imported else self.import_line,
                import_text="" if self.os_imported else "import os\n",
            )
        at = self._at(node)
        # Whatever rules run, no report echoes these lines (api/redact.py).
        self.secret_lines.update(range(at["line"], at["end_line"] + 1))
        self.out.append(
            SecretLiteral(
                **at,
                kind=kind,
                name=name,
                fingerprint=sx.fingerprint(value),
                context=context,
                shape=detail.get("shape") if detail else None,
                jwt=detail.get("jwt") if detail else None,
                env_fix=fix,
            )
        )

    def _generic(self, node: cst.CSTNode, value: str, name: str, context: str) -> bool:
        """JWTs, Basic keys and passwords in URLs are recognised by their shape, whatever
        holds them."""
        password = url_password(value)
        real = password is not None and sx.classify_value(password, sx.PASSWORD).real
        if real and password is not None and not (self.is_test or self.is_example):
            self._record(node, sx.PASSWORD, password, name, context, {"shape": sx.URL_PASSWORD})
            return True
        for token in sx.find_jwts(value):
            info = sx.inspect_jwt(token)
            if info is None or self._dummy_jwt(token, info):
                continue
            detail = {"jwt": info}
            self._record(node, sx.TOKEN, token, name, context, detail, fixable=token == value)
            return True
        header = sx.header_credential(value)
        if header is not None and header.kind == sx.BASIC_KEY:
            self._record(node, sx.BASIC_KEY, value, name, context, {"shape": header.detail})
            return True
        shape = sx.decode_basic(value)
        if shape == "app@vendor:bu" or (
            shape is not None and sx.secret_kind_for_name(name or "") is not None
        ):
            self._record(node, sx.BASIC_KEY, value, name, context, {"shape": shape}, fixable=True)
            return True
        if sx.is_app_vendor_bu(value):
            self._record(
                node, sx.BASIC_KEY, value, name, context, {"shape": "app@vendor:bu (clear text)"}
            )
            return True
        return False

    def _dummy_jwt(self, token: str, info: sx.JwtInfo) -> bool:
        # The jwt.io sample (and friends) in docs and tests; any non-CXone JWT in a test file.
        if self.is_test and not info.cxone:
            return True
        return sx.is_sample_jwt(token)

    def _bind(self, name: str | None, value_node: cst.BaseExpression | None, context: str) -> None:
        """A literal bound to a name: classify it by the name and the value."""
        if value_node is None:
            return
        value = _literal(value_node)
        if value is None:
            return
        self._mark(value_node)
        name = name or ""
        if name and sx.dummy_name(name):
            return
        if self._generic(value_node, value, name, context) or sx.find_jwts(value):
            return
        kind = sx.secret_kind_for_name(name) if name else None
        if kind is None:
            return
        header = sx.header_credential(value) if kind == sx.AUTHORIZATION else None
        if header is not None and header.detail == "opaque" and (self.is_test or self.is_example):
            return  # "Bearer abc123..." in a test: a dummy; real JWTs are caught above
        if header is not None:
            self._record(value_node, header.kind, value, name, context, {"shape": header.detail})
            return
        if kind == sx.AUTHORIZATION and value.split(None, 1)[0].lower() in ("basic", "bearer"):
            return  # "Bearer " + placeholder: nothing real
        fixable = context in ("assignment", "keyword", "dict", "default")
        if kind == sx.ACCESS_KEY_SECRET or (
            kind in (sx.PASSWORD, sx.SECRET) and sx.looks_like_access_key_secret(value)
        ):
            if sx.classify_value(value, sx.ACCESS_KEY_SECRET, strict=self.is_test).real:
                self._record(value_node, sx.ACCESS_KEY_SECRET, value, name, context, None, fixable)
            return
        generic = kind in (sx.PASSWORD, sx.SECRET, sx.API_KEY, sx.TOKEN, sx.AUTHORIZATION)
        if generic and kind != sx.TOKEN and (self.is_test or self.is_example):
            return  # demo passwords and keys in tests and examples: not worth a finding
        strict = self.is_test or (generic and not self.auth_context)
        if sx.classify_value(value, kind, strict=strict).real:
            self._record(value_node, kind, value, name, context, None, fixable)

    def _mark(self, node: cst.CSTNode) -> None:
        self.handled.add(id(node))
        if isinstance(node, cst.ConcatenatedString):
            self._mark(node.left)
            self._mark(node.right)

    def visit_Assign(self, node: cst.Assign) -> None:
        super().visit_Assign(node)
        for target in node.targets:
            self._bind(_target_name(target.target), _wrapped(node.value), "assignment")
            self._tls_assignment(target.target, node.value)
            self._flow_assign(target.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        super().visit_AnnAssign(node)
        self._bind(_target_name(node.target), _wrapped(node.value), "assignment")
        if node.value is not None:
            self._tls_assignment(node.target, node.value)
            self._flow_assign(node.target, node.value)

    def visit_Dict(self, node: cst.Dict) -> None:
        for element in node.elements:
            if isinstance(element, cst.DictElement):
                key = _literal(element.key)
                if key is not None:
                    self._bind(key, element.value, "dict")

    def visit_Param(self, node: cst.Param) -> None:
        if node.default is not None:
            self._bind(node.name.value, node.default, "default")

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        value = _literal(node)
        if value is None:
            return
        host = sx.insecure_cxone_host(value)
        if host:
            self._http(node, host, len(node.prefix) + len(node.quote), node.raw_value)
        if id(node) not in self.handled:
            self._generic(node, value, "", "literal")

    def visit_ConcatenatedString(self, node: cst.ConcatenatedString) -> None:
        if id(node) in self.handled:
            return
        value = _literal(node)
        if value is not None and self._generic(node, value, "", "literal"):
            self._mark(node)

    # -- calls: keyword secrets, auth tuples, env defaults, sinks, TLS --------------------------

    def visit_Call(self, node: cst.Call) -> None:
        super().visit_Call(node)
        func = _dotted(node.func)
        short = func.rsplit(".", 1)[-1]
        positional = [a for a in node.args if a.keyword is None and not a.star]
        for arg in node.args:
            if arg.keyword is None:
                continue
            key = arg.keyword.value
            if key == "auth" and isinstance(arg.value, cst.Tuple) and len(arg.value.elements) == 2:
                secret_kind = "client_secret" if self._token_call(node) else "password"
                self._bind(secret_kind, arg.value.elements[1].value, "auth")
            else:
                self._bind(key, arg.value, "keyword")
            http_call = short in _HTTP_CALLS or any(
                w in func.lower() for w in ("requests.", "httpx.", "session", "client")
            )
            if key in ("verify", "verify_ssl", "ssl") and http_call:
                if _is_false(arg.value):
                    self._tls(arg, f"{key}=False")
                else:
                    self._tls_flag(arg, arg.value, f"{key}={_shown(arg.value)}")
            elif key == "cert_reqs" and _dotted(arg.value).endswith("CERT_NONE"):
                self._tls(arg, "cert_reqs=CERT_NONE")
        if short in ("HTTPBasicAuth", "BasicAuth", "HTTPDigestAuth") and len(positional) >= 2:
            self._bind("password", positional[1].value, "auth")
        if func in _ENV_GETTERS and len(positional) >= 2:
            env = _literal(positional[0].value)
            if env:
                self._bind(env, positional[1].value, "env-default")
        self._sinks(node, func, short, positional)
        self._secret_call_site(node)

    def _tls(self, node: cst.CSTNode, what: str, flag: SymStr | None = None) -> None:
        if not self.is_test:
            self.out.append(TlsSetting(**self._at(node), what=what, flag=flag))

    def _tls_flag(self, node: cst.CSTNode, value: cst.BaseExpression, what: str) -> None:
        """A verification flag that is not a literal: a constant, a settings default, an
        environment toggle, a configuration key, a parameter. Off when this file knows it is;
        a candidate the linker decides when its value is elsewhere."""
        if isinstance(value, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
            return  # a CA bundle path
        sym = self.resolver.resolve(value).to_value()
        if sym is None:
            return
        configured = any(h.kind == "config" for h in sym.holes())
        if sym.text is not None and not configured:
            if is_false(sym.text):
                self._tls(node, what)
            return
        if linkable(sym):
            # A key of a loaded document: its value there decides, its default otherwise.
            self._tls(node, what, flag=sym)

    def _tls_assignment(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        if not isinstance(target, cst.Attribute):
            return
        if _dotted(target.value) == "self":
            return  # a class implementing a TLS context or session sets its own defaults
        attr = target.attr.value
        if attr == "verify" and not _is_false(value):
            self._tls_flag(target, value, f"{_dotted(target)} = {_shown(value)}")
        elif (attr == "verify" and _is_false(value)) or (
            attr == "check_hostname" and _is_false(value) and self.http_client
        ):
            self._tls(target, f"{_dotted(target)} = False")
        elif attr == "verify_mode" and _dotted(value).endswith("CERT_NONE") and self.http_client:
            self._tls(target, f"{_dotted(target)} = CERT_NONE")

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value == "_create_unverified_context" and self.http_client:
            self._tls(node, "ssl._create_unverified_context")

    # -- http:// in f-strings: the scheme and host are in the text part ------------------------

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        if node.parts and isinstance(node.parts[0], cst.FormattedStringText):
            host = sx.insecure_cxone_host(node.parts[0].value)
            if host:
                self._http(node, host, len(node.start), node.parts[0].value)

    def _http(self, node: cst.CSTNode, host: str, skip: int, raw: str) -> None:
        if self.is_test:
            return  # URLs in tests are mocks and assertions, not connections
        at = self._at(node)
        scheme = None
        if raw.startswith("http://"):
            line, col = at["line"], at["column"] + skip
            scheme = Span(line, col, line, col + len("http://"))
        self.out.append(PlainHttpUrl(**at, host=host, scheme=scheme))

    # -- data flow for leaks --------------------------------------------------------------------

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        super().visit_FunctionDef(node)
        scope: dict[str, str] = {}
        if self.auth_context:
            params = [*node.params.posonly_params, *node.params.params, *node.params.kwonly_params]
            for p in params:
                if sx.secret_kind_for_name(p.name.value) in _SENSITIVE_NAME_KINDS:
                    scope[p.name.value] = f"the {p.name.value} parameter"
        self.flow.append(scope)
        self.flow_calls.append({})
        self.summaries.define(self.scopes, node, self._at(node.name))
        route = False
        for dec in node.decorators:
            d = dec.decorator
            d = d.func if isinstance(d, cst.Call) else d
            if _dotted(d).rsplit(".", 1)[-1] in _ROUTE_DECORATORS and "." in _dotted(d):
                route = True
        self.routes.append(route)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        super().leave_FunctionDef(original_node)
        self.flow.pop()
        self.flow_calls.pop()
        self.routes.pop()

    def visit_For(self, node: cst.For) -> None:
        super().visit_For(node)
        if isinstance(node.target, cst.Name):
            self.flow[-1][node.target.value] = ""

    def _lookup(self, name: str) -> str | None:
        for scope in (self.flow[-1], self.flow[0]):
            if name in scope:
                return scope[name] or None
        if self.auth_context and sx.secret_kind_for_name(name) in _SENSITIVE_NAME_KINDS:
            return f"`{name}`"
        return None

    def _token_call(self, node: cst.BaseExpression) -> bool:
        """A call that requests a token: an HTTP call to a token URL or with a grant_type."""
        if isinstance(node, cst.Await):
            node = node.expression
        if not isinstance(node, cst.Call):
            return False
        short = _dotted(node.func).rsplit(".", 1)[-1]
        if short == "fetch_token":
            return True
        if short not in _REQUEST_METHODS:
            return False
        for arg in node.args:
            text = _literal(arg.value) or _dotted(arg.value)
            if isinstance(arg.value, cst.Subscript):
                text = _target_name(arg.value) or ""
            positional_or_url = arg.keyword is None or arg.keyword.value == "url"
            if positional_or_url and "token" in text.lower():
                return True
            if isinstance(arg.value, cst.Dict) and any(
                isinstance(e, cst.DictElement) and _literal(e.key) == "grant_type"
                for e in arg.value.elements
            ):
                return True
        return False

    def _flow_assign(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        if not isinstance(target, cst.Name):
            return
        name = target.value
        scope = self.flow[-1]
        self.flow_calls[-1].pop(name, None)
        held = self._candidate(value)
        if held is not None:
            # What another function returns (`tokens = get_token()`): judged by the linker.
            self.flow_calls[-1][name] = held
        if self._token_call(value):
            scope[name] = "token-call"
            return
        reason = self._sensitive(value)
        if reason:
            scope[name] = reason
            return
        # Reassigned from something that is not a secret: clean from here on, even if its
        # name says "token" (tokenizers, counters, ...), unless the value is a call we cannot see
        # into and the name says it is a credential.
        if isinstance(value, (cst.Call, cst.Await)) and self.auth_context:
            scope.pop(name, None)
        else:
            scope[name] = ""

    def _sensitive(self, node: cst.BaseExpression | None) -> str | None:
        """Why writing this expression out reveals a secret, or None."""
        if node is None:
            return None
        if isinstance(node, cst.Name):
            reason = self._lookup(node.value)
            if reason == "token-call":
                return None  # the response object itself prints as <Response [200]>
            if reason == WHOLE_RESPONSE and self.error_depth:
                return None  # in a failure branch the "token response" is an error body
            return reason
        if isinstance(node, cst.Await):
            return self._sensitive(node.expression)
        if isinstance(node, cst.Attribute):
            base = node.value
            if isinstance(base, cst.Name) and self._lookup(base.value) == "token-call":
                if node.attr.value in ("text", "content") and not self.error_depth:
                    return "the token response body"
                return None
            attr = node.attr.value
            named = sx.secret_kind_for_name(attr) in _SENSITIVE_NAME_KINDS
            clean_base = isinstance(base, cst.Name) and self._lookup(base.value) == ""
            if self.auth_context and named and not clean_base:
                return f"`{_dotted(node)}`"
            return None
        if isinstance(node, cst.Subscript):
            if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
                # `token[:20]` is still most of a token; a few characters (`[:6]`) are not.
                if _short_slice(node):
                    return None
                inner = self._sensitive(node.value)
                return f"part of {inner}" if inner and not inner.startswith("part of") else inner
            key = _literal(node.slice[0].slice.value)
            if key is not None and key.lower() in _SENSITIVE_KEYS:
                if _dotted(node.value) in ("os.environ", "environ"):
                    return f"the {key} environment variable"
                return f"the {key!r} field"
            if key is not None and sx.secret_kind_for_name(key) in _SENSITIVE_NAME_KINDS:
                return f"the {key!r} field"
            return None
        if isinstance(node, cst.Call):
            return self._sensitive_call(node)
        if isinstance(node, cst.FormattedString):
            for part in node.parts:
                if isinstance(part, cst.FormattedStringExpression):
                    reason = self._sensitive(part.expression)
                    if reason:
                        return reason
            return None
        if isinstance(node, cst.BinaryOperation):
            return self._sensitive(node.left) or self._sensitive(node.right)
        if isinstance(node, (cst.Tuple, cst.List, cst.Set)):
            for item in node.elements:
                reason = self._sensitive(item.value)
                if reason:
                    return reason
            return None
        if isinstance(node, cst.Dict):
            for el in node.elements:
                if isinstance(el, cst.DictElement):
                    reason = self._sensitive(el.value)
                    if reason:
                        return reason
            return None
        return None

    def _sensitive_call(self, node: cst.Call) -> str | None:
        func = node.func
        short = _dotted(func).rsplit(".", 1)[-1]
        if short in _REDACTING_CALLS:
            return None
        if isinstance(func, cst.Attribute):
            base = func.value
            if (
                short == "json"
                and isinstance(base, cst.Name)
                and self._lookup(base.value) == "token-call"
            ):
                return None if self.error_depth else WHOLE_RESPONSE
            if short == "json" and self._token_call(base):
                return WHOLE_RESPONSE
            if short == "get" and node.args:
                key = _literal(node.args[0].value)
                if key is not None and (
                    key.lower() in _SENSITIVE_KEYS
                    or sx.secret_kind_for_name(key) in _SENSITIVE_NAME_KINDS
                ):
                    if _dotted(base) in ("os.environ", "environ"):
                        return f"the {key} environment variable"
                    return f"the {key!r} field"
            if short in _PASS_THROUGH_CALLS:
                reason = self._sensitive(base) if short != "join" else None
                if reason:
                    return reason
        if short in ("getenv",) and node.args:
            key = _literal(node.args[0].value)
            if key and sx.secret_kind_for_name(key) in _SENSITIVE_NAME_KINDS:
                return f"the {key} environment variable"
        if short in _PASS_THROUGH_CALLS:
            for arg in node.args:
                if arg.keyword is None:
                    reason = self._sensitive(arg.value)
                    if reason:
                        return reason
        return None

    def _sinks(self, node: cst.Call, func: str, short: str, positional: list[cst.Arg]) -> None:
        sink = None
        if func in ("print", "pprint", "pprint.pprint", "pp"):
            sink = "print"
        elif short in _LOG_METHODS and self._is_logger(node.func):
            sink = "log"  # logging, structlog (`log.info(event, token=t)`), loguru
        elif short == "bind" and self._is_logger(node.func):
            sink = "log"  # `logger.bind(token=t)`: every later event carries it
        elif func in ("click.echo", "typer.echo", "sys.stdout.write", "sys.stderr.write"):
            sink = "print"
        elif short in _HTTP_RESPONSE_FUNCS:
            sink = "HTTP response"
        if sink is None:
            return
        given = [a.value for a in positional]
        for a in node.args:
            if a.keyword is None:
                continue
            key = a.keyword.value
            if sink == "HTTP response" and key not in ("content", "body"):
                continue
            if key not in _QUIET_KEYWORDS:
                given.append(a.value)  # `extra={...}`, structlog's and loguru's fields
        self._written(node, sink, given)

    def _is_logger(self, func: cst.BaseExpression) -> bool:
        """`logger.info`, `log.msg`, `structlog.get_logger().info`, `events.bind(...).info`
        with `from loguru import logger as events`, `self.log.warning`: the receiver is
        named for logging, or bound to a logging, structlog or loguru logger."""
        if not isinstance(func, cst.Attribute):
            return False
        recv = func.value
        while isinstance(recv, cst.Call) and isinstance(recv.func, cst.Attribute):
            recv = recv.func.value  # `logger.bind(...).info`, `logger.opt(...).info`
        name = _dotted(recv)
        if "log" in name.lower():
            return True
        target = self.scopes.imports.get(name.split(".", 1)[0], "")
        if target.startswith(("loguru", "structlog", "logging")):
            return True
        bound = self.scopes.lookup(name)
        return isinstance(bound, cst.Call) and _dotted(bound.func).rsplit(".", 1)[-1] in (
            "getLogger",
            "get_logger",
            "getChild",
            "bind",
        )

    def _written(self, node: cst.CSTNode, sink: str, values: list[cst.BaseExpression]) -> None:
        """A sink writes out `values`: a leak when one is sensitive here; a candidate when one
        is what this file cannot judge (a parameter, another function's result); an upstream
        token endpoint's error body when a route hands it back."""
        for value in values:
            reason = self._sensitive(value)
            if reason:
                self._leak(value, sink, reason)  # at the value written out
                return
        if self.error_depth:
            bodies = [b for v in values if (b := self._error_body(v)) is not None]
            if sink == "HTTP response" and bodies:
                self._leak(bodies[0], sink, UPSTREAM_ERROR)
            return  # in a failure branch a response holds an error, not a token
        for value in values:
            held = self._candidate(value)
            if held is not None and not self.is_test:
                self.out.append(Sink(**self._at(value), sink=sink, what="", value=held))
                return

    def _candidate(self, node: cst.BaseExpression | None) -> SymStr | None:
        """The holes of a value this file cannot judge: a parameter (its callers' arguments),
        what a project function returns (`get_token()`, `client.token()`), names bound to
        those; None for anything else. The linker decides whether it is sensitive."""
        if node is None:
            return None
        if isinstance(node, cst.Await):
            return self._candidate(node.expression)
        if isinstance(node, cst.Name):
            for calls in reversed(self.flow_calls):
                if node.value in calls:
                    return calls[node.value]
            if self.scopes.is_param(node.value) and not self._lookup(node.value):
                return SymStr((Hole("param", self.scopes.param_hole_name(node.value)),))
            return None
        if isinstance(node, cst.Call):
            found = self.resolver.callee_of(node)
            if found is not None:
                return SymStr((Hole("import", f"{found[0]}()"),))
            func = node.func
            short = _dotted(func).rsplit(".", 1)[-1]
            if short in _REDACTING_CALLS:
                return None
            if isinstance(func, cst.Attribute) and short in _PASS_THROUGH_CALLS:
                inner = self._candidate(func.value)
                if inner is not None:
                    return inner
            if short in _PASS_THROUGH_CALLS or short == "json":
                if isinstance(func, cst.Attribute) and short == "json":
                    return self._candidate(func.value)
                for a in node.args:
                    inner = self._candidate(a.value)
                    if inner is not None:
                        return inner
            return None
        if isinstance(node, (cst.Subscript, cst.Attribute)):
            if isinstance(node, cst.Subscript) and _short_slice(node):
                return None
            return self._candidate(node.value)
        if isinstance(node, cst.FormattedString):
            for part in node.parts:
                if isinstance(part, cst.FormattedStringExpression):
                    inner = self._candidate(part.expression)
                    if inner is not None:
                        return inner
            return None
        if isinstance(node, cst.BinaryOperation):
            return self._candidate(node.left) or self._candidate(node.right)
        if isinstance(node, (cst.Tuple, cst.List)):
            for item in node.elements:
                inner = self._candidate(item.value)
                if inner is not None:
                    return inner
            return None
        if isinstance(node, cst.Dict):
            for el in node.elements:
                if isinstance(el, (cst.DictElement, cst.StarredDictElement)):
                    inner = self._candidate(el.value)
                    if inner is not None:
                        return inner
        return None

    def _error_body(self, node: cst.BaseExpression) -> cst.BaseExpression | None:
        """The body of a failed token request (`resp.text`, `resp.json()`, `resp.content`)
        in `node`, or None."""
        if isinstance(node, cst.Attribute) and node.attr.value in ("text", "content"):
            base = node.value
            if isinstance(base, cst.Name) and self._lookup(base.value) == "token-call":
                return node
            return None
        if isinstance(node, cst.Call):
            func = node.func
            if isinstance(func, cst.Attribute) and func.attr.value == "json":
                base = func.value
                if isinstance(base, cst.Name) and self._lookup(base.value) == "token-call":
                    return node
                return None
            return next((b for a in node.args if (b := self._error_body(a.value))), None)
        parts: list[cst.BaseExpression] = []
        if isinstance(node, (cst.Tuple, cst.List)):
            parts = [e.value for e in node.elements]
        elif isinstance(node, cst.Dict):
            parts = [e.value for e in node.elements if isinstance(e, cst.DictElement)]
        elif isinstance(node, cst.FormattedString):
            parts = [
                p.expression for p in node.parts if isinstance(p, cst.FormattedStringExpression)
            ]
        return next((b for p in parts if (b := self._error_body(p))), None)

    def _leak(self, node: cst.CSTNode, sink: str, what: str) -> None:
        if self.is_test:
            return  # tests print their own dummy tokens
        at = self._at(node)
        if (at["line"], at["column"], what) in self.leaked:
            return  # `return jsonify(tokens)` in a route: one value, one finding
        self.leaked.add((at["line"], at["column"], what))
        self.out.append(Sink(**at, sink=sink, what=what))

    def visit_Raise(self, node: cst.Raise) -> None:
        exc = node.exc
        if isinstance(exc, cst.Call):
            values = [a.value for a in exc.args]
            sink = "HTTP response" if self.routes[-1] and _http_error(exc) else "exception"
            self._written(node, sink, values)

    def visit_Return(self, node: cst.Return) -> None:
        if node.value is None:
            return
        if self.routes[-1]:
            self._written(node, "HTTP response", [node.value])
        if self.scopes.function_names and not self.error_depth:
            # What this function returns, for the sinks of its callers (here and elsewhere).
            name = self.scopes.function_names[-1]
            reason = self._sensitive(node.value) or self._candidate(node.value)
            if reason and name not in self.secret_returns:
                self.secret_returns[name] = (reason, self._at(node.value))

    # -- error branches: a failed token call's body holds an error, not a token -----------------

    def visit_If(self, node: cst.If) -> None:
        failing = _failure_test(node.test)
        if failing is None:
            failing = self._missing_token_test(node.test)
        if failing is True:
            self.error_blocks.add(id(node.body))
        elif failing is False and node.orelse is not None:
            self.error_blocks.add(id(node.orelse))

    def _missing_token_test(self, test: cst.BaseExpression) -> bool | None:
        """`if token is None` / `if not token`: the response held no token, it is an error."""
        negate = False
        if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
            test, negate = test.expression, True
            if isinstance(test, cst.Name) and self._lookup(test.value):
                return True
            return None
        if (
            isinstance(test, cst.Comparison)
            and isinstance(test.left, cst.Name)
            and len(test.comparisons) == 1
            and isinstance(test.comparisons[0].comparator, cst.Name)
            and test.comparisons[0].comparator.value == "None"
            and self._lookup(test.left.value)
        ):
            op = test.comparisons[0].operator
            if isinstance(op, cst.Is):
                return not negate
            if isinstance(op, cst.IsNot):
                return negate
        return None

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        if id(node) in self.error_blocks:
            self.error_depth += 1

    def leave_IndentedBlock(self, original_node: cst.IndentedBlock) -> None:
        if id(original_node) in self.error_blocks:
            self.error_depth -= 1

    def visit_Else(self, node: cst.Else) -> None:
        if id(node) in self.error_blocks:
            self.error_depth += 1

    def leave_Else(self, original_node: cst.Else) -> None:
        if id(original_node) in self.error_blocks:
            self.error_depth -= 1

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        self.error_depth += 1

    def leave_ExceptHandler(self, original_node: cst.ExceptHandler) -> None:
        self.error_depth -= 1

    # -- end ------------------------------------------------------------------------------------

    def _secret_call_site(self, node: cst.Call) -> None:
        """A call of a project function that passes a token, a secret or a value this file
        cannot judge: for the sinks inside that function (the linker's ParamStage)."""

        def value(_: object, arg: cst.BaseExpression) -> SymStr | None:
            if self.error_depth:
                return None
            reason = self._sensitive(arg)
            if reason:
                return SymStr((Hole("secret", reason),))
            return self._candidate(arg)

        site = call_site(self.resolver, node, self._at(node), value)
        if site is not None:
            self.out.append(site)

    def finish(self, module: cst.Module) -> None:
        for name, (reason, at) in self.secret_returns.items():
            held = reason if isinstance(reason, SymStr) else SymStr((Hole("secret", reason),))
            self.out.append(Export(**at, name=f"{name}()", value=held))
        self.out.extend(self.summaries.functions(self.out))
        self.facts = {BATCH_KEY: encode_batch(self.out, "python")}


def _short_slice(node: cst.Subscript) -> bool:
    """`x[:6]`, `x[-4:]`: a few characters, shown on purpose to tell tokens apart."""
    if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Slice):
        return False
    part = node.slice[0].slice

    def number(expr: cst.BaseExpression | None) -> int | None:
        if expr is None:
            return 0
        if isinstance(expr, cst.Integer):
            return int(expr.value)
        if (
            isinstance(expr, cst.UnaryOperation)
            and isinstance(expr.operator, cst.Minus)
            and isinstance(expr.expression, cst.Integer)
        ):
            return -int(expr.expression.value)
        return None

    lower, upper = number(part.lower), number(part.upper) if part.upper is not None else None
    if lower is None:
        return False
    if part.upper is None:
        return lower < 0 and -lower <= SHOWN_CHARACTERS  # `x[-4:]`
    return upper is not None and 0 <= lower <= upper and upper - lower <= SHOWN_CHARACTERS


def _http_error(exc: cst.Call) -> bool:
    """An exception a web framework turns into a response (`HTTPException(detail=...)`)."""
    return _dotted(exc.func).rsplit(".", 1)[-1] in ("HTTPException", "abort", "HTTPError")


def _failure_test(test: cst.BaseExpression) -> bool | None:
    """True when an `if` test means "the request failed", False when it means "it worked"."""
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        inner = _failure_test(test.expression)
        return None if inner is None else not inner
    if isinstance(test, cst.Attribute) and test.attr.value == "ok":
        return False
    if (
        isinstance(test, cst.Comparison)
        and isinstance(test.left, cst.Attribute)
        and test.left.attr.value in ("status_code", "status")
        and len(test.comparisons) == 1
    ):
        op = test.comparisons[0].operator
        if isinstance(op, (cst.NotEqual, cst.GreaterThanEqual, cst.GreaterThan, cst.NotIn)):
            return True
        if isinstance(op, (cst.Equal, cst.In, cst.LessThan)):
            return False
    return None

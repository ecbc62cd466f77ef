"""Facts about how a Python file authenticates with CXone and which CXone hosts it calls.

Extractor "cxone.http". One libcst pass per file; values are resolved statically (values.py).
Everything stored is JSON without secret values: URLs, grant types, client-auth styles, claim
names, environment variable names, and ranges (1-based lines and character columns).

Typed facts (facts/kinds.py), each with its exact range:

- `UrlUse`: every string literal (plain, implicit concatenation, f-string with holes for its
  fields) that is a CXone URL or host, with the key or environment variable it is the default
  of (`.get("api_endpoint", ...)`, `getenv("ISSUER", ...)`);
- `TokenRequest`: calls that reach a token endpoint (requests, httpx, aiohttp, urllib,
  requests-oauthlib, authlib): URL, endpoint and target (domain/oauth.py), grant, client
  authentication styles, body form, access key encoding (bodies.py), PKCE verifier;
- `GrantValue` (dict entry, keyword, body string), `AuthorizeRequest` (an authorize parameter
  set, `authorization_url()`), `RedirectUri`;
- `JwtEncode` / `JwtDecode` (jwt.py), `DiscoveryCall` (cxone-configuration and whether it
  sends an Authorization header), `ConfigRead` (api_endpoint), `EnvRef`;
- `Import` and `Export` (module-level URL-like constants) for the linker; `FileTraits`.

Prefilter (a file is visited only if it contains one of these): CXone/inContact host names and
words, token/OAuth/grant/authorize vocabulary in the case forms code uses, JWT and discovery
words, and the HTTP/OAuth client libraries (requests, httpx, aiohttp, urllib, authlib). A
relevant file always contains one of them: a token request names a token URL, a grant_type, a
token_endpoint key, a token variable or its HTTP library; a CXone URL contains "incontact" or
"nicecxone"; a redirect or authorize flow names redirect/authoriz*; an assertion calls jwt.
A module of constants others import names what it holds: a URL (`://`), an OAuth word (a
grant, an auth method, a PKCE method), a TLS flag (verify, ssl) or an area or cluster.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from cxone_lint.api.facts import BATCH_KEY, Fact, Header, Span, encode_batch
from cxone_lint.api.lazy import lazy_module
from cxone_lint.api.python import PythonExtractor
from cxone_rules.domain import oauth
from cxone_rules.domain import secrets as sx
from cxone_rules.domain.hosts import (
    UNKNOWN,
    classify_url,
    redact_url,
    url_path_kind,
)
from cxone_rules.extract.common import (
    file_traits,
    header,
    is_host_piece,
    is_url_like,
    scope_sym,
    word,
    word_sym,
)
from cxone_rules.extract.python.bodies import BodyEncoding
from cxone_rules.extract.python.jwt import JwtReader
from cxone_rules.extract.python.scopes import (
    ScopeTracker,
    Summaries,
    as_written,
    call_site,
    import_module,
)
from cxone_rules.extract.python.triage import Triage
from cxone_rules.extract.python.values import (
    DOCUMENT_MODULES,
    ENV_CALLS,
    Resolver,
    Scopes,
    Val,
    arg,
    auth_value,
    call_name,
    dict_nodes,
    dotted,
    field_default,
    keywords,
    kwnames,
    linkable,
    literal_text,
)
from cxone_rules.extract.python.values import _format as format_sym
from cxone_rules.extract.python.values import _percent as percent_sym
from cxone_rules.extract.python.values import _substitute as substitute_sym
from cxone_rules.facts.kinds import (
    AuthorizeRequest,
    ConfigRead,
    DiscoveryCall,
    EnvRef,
    Export,
    GrantValue,
    Import,
    JwtDecode,
    RedirectUri,
    TokenRequest,
    UrlUse,
)
from cxone_rules.facts.symstr import Hole, SymStr, each, lit

if TYPE_CHECKING:
    import libcst as cst
else:  # imported when the first file is parsed (api/lazy.py)
    cst = lazy_module("libcst")

HTTP_METHODS = {"post", "get", "put", "patch", "request", "fetch", "stream", "send"}
HTTP_LIBS = {
    "requests": "requests",
    "httpx": "httpx",
    "aiohttp": "aiohttp",
    "urllib": "urllib",
    "urllib3": "urllib",
    "requests_oauthlib": "requests-oauthlib",
    "authlib": "authlib",
    "oauthlib": "requests-oauthlib",
}
TOKEN_PATHS = {"token", "legacy-token", "access-key", "userhub-refresh"}
OAUTHLIB_GRANTS = {
    "LegacyApplicationClient": "password",
    "WebApplicationClient": "authorization_code",
    "BackendApplicationClient": "client_credentials",
    "MobileApplicationClient": "implicit",
}
AUTHLIB_METHODS = {
    "client_secret_basic": "basic-library-default",
    "client_secret_post": "post",
    "client_secret_jwt": "jwt",
    "private_key_jwt": "jwt",
    "none": "none",
}
OAUTH_SESSIONS = frozenset({"OAuth2Session", "AsyncOAuth2Client", "OAuth2Client"})
GRANT_RE = re.compile(r"grant_type=([A-Za-z_:.\-]+)")


def _at(extractor: PythonExtractor, node: cst.CSTNode) -> Header:
    """The header of a fact about `node`: its whole range (end exclusive), 1-based."""
    r = extractor.position(as_written(node))
    return header(r.start.line, r.start.column + 1, r.end.line, r.end.column + 1)


def _span(extractor: PythonExtractor, node: cst.CSTNode) -> Span:
    r = extractor.position(as_written(node))
    return Span(r.start.line, r.start.column + 1, r.end.line, r.end.column + 1)


def _between(
    extractor: PythonExtractor,
    first: cst.CSTNode,
    second: cst.CSTNode,
    ends: tuple[bool, bool],
) -> Span:
    """The text from `first` to `second`: each taken at its end (True) or its start (False)."""
    a, b = _span(extractor, first), _span(extractor, second)
    line, column = (a.end_line, a.end_column) if ends[0] else (a.line, a.column)
    end_line, end_column = (b.end_line, b.end_column) if ends[1] else (b.line, b.column)
    return Span(line, column, end_line, end_column)


MOCK_ROOTS = frozenset({"responses", "respx", "httpretty", "aioresponses", "httpx_mock"})


def _is_mock(name: str) -> bool:
    """`requests_mock.post(url, json=...)` registers a fake response; it sends nothing."""
    root = name.split(".")[0].lower()
    return "mock" in root or root in MOCK_ROOTS


_word = word  # the vocabulary filter every extractor shares (extract/common.py)


def _strip(sym: SymStr) -> SymStr:
    """`str.strip()` for the literal ends of a symbolic string."""
    pieces = list(sym.pieces)
    if pieces and isinstance(pieces[0], str):
        pieces[0] = pieces[0].lstrip()
    if pieces and isinstance(pieces[-1], str):
        pieces[-1] = pieces[-1].rstrip()
    return SymStr(pieces)


def vocab(val: Val | None) -> SymStr | None:
    """A vocabulary value (grant, response type, PKCE method, auth method) as a fact keeps it:
    the word when this file knows it, else the holes the linker may fill; None when nothing
    is known or sent."""
    if val is None:
        return None
    if val.known:
        return word_sym(val.text)
    value = val.to_value()
    return value if linkable(value) else word_sym(val.text)


# Client and session classes whose settings go with every request (-> the library).
CLIENT_CLASSES = {
    "Session": "requests",
    "Client": "httpx",
    "AsyncClient": "httpx",
    "ClientSession": "aiohttp",
    "OAuth2Session": "requests-oauthlib",
    "AsyncOAuth2Client": "authlib",
    "OAuth2Client": "authlib",
}


@dataclass
class ClientState:
    """What a client or session sends with every request (`_client_state`)."""

    lib: str | None = None
    auth: cst.BaseExpression | None = None
    headers: Val = field(default_factory=Val)
    header_nodes: dict[str, cst.BaseExpression] = field(default_factory=dict)
    base: Val | None = None


def _relative(url: Val) -> bool:
    text = url.text
    return text is not None and not text.startswith(UNKNOWN) and "://" not in text


def _operand_of(v: Val) -> SymStr:
    return v.sym if v.sym is not None else v.as_hole()


def _scheme_sym(header: Val) -> SymStr | None:
    """An Authorization header as a fact keeps it: its scheme, or the holes it comes from."""
    value = header.to_value()
    return value if linkable(value) else None


def _field_of(value: Val, key: str) -> SymStr | None:
    """`f()[key]` for a value that is what another module's function returns."""
    holes = [h for h in value.holes if h.kind == "import" and h.name.endswith("()")]
    if not holes:
        return None
    return SymStr((Hole("import", f"{holes[0].name}[{key}]"),))


def _exportable(name: str, sym: SymStr) -> bool:
    """Not a secret by its name, or a URL / vocabulary word whatever the name."""
    text = sym.text
    if text is not None and (is_url_like(text) or text in oauth.VOCABULARY):
        return True
    if text is not None and sx.secret_kind_for_name(name.rsplit(".", 1)[-1]) is not None:
        return False
    return sym.text is not None or linkable(sym)


def _items_ci(val: Val) -> dict[str, Val]:
    return {k.lower(): v for k, v in (val.items or {}).items()}


class CxoneHttpExtractor(Triage, ScopeTracker, PythonExtractor):
    name = "cxone.http"
    prefilter: ClassVar[tuple[str, ...]] = (
        "incontact",
        "InContact",
        "Incontact",
        "INCONTACT",
        "nicecxone",
        "cxone",
        "CXone",
        "CXONE",
        "token",
        "Token",
        "TOKEN",
        "oauth",
        "OAuth",
        "grant_type",
        "authoriz",
        "Authoriz",
        "redirect_uri",
        "jwt",
        "well-known",
        "api_endpoint",
        # HTTP and OAuth clients: a token call may take its URL and body from other modules.
        "requests",
        "httpx",
        "aiohttp",
        "urllib",
        "authlib",
        # Constants other modules import (Export facts): URLs, OAuth words, TLS flags, areas.
        "://",
        "client_secret",
        "_jwt",
        "S256",
        "plain",
        "assword",
        "authorization_code",
        "client_credentials",
        "verify",
        "VERIFY",
        "ssl",
        "SSL",
        "area",
        "AREA",
        "cluster",
        "CLUSTER",
    )

    def __init__(self, path: str, text: str) -> None:
        super().__init__(path, text)
        self.scopes = Scopes()
        self.resolver = Resolver(self.scopes)
        self.module: cst.Module | None = None
        self._seen_strings: set[int] = set()
        self._in_token_call: list[tuple[int, int]] = []
        self.out: list[Fact] = [file_traits(text)]
        self.summaries = Summaries()
        self._loads_documents = False  # imports yaml, json, tomllib, dotenv ...
        self.libs: list[str] = []
        self._sessions: dict[str, dict[str, Any]] = {}
        # Receivers with a client auth set on them: "session" / "self.session" -> style.
        self._receiver_auth: dict[str, str] = {}
        # id(string node) -> what it is the default of: {"fallback_for": key} / {"env": NAME}
        self._defaults: dict[int, dict[str, str]] = {}

    # -- scopes ---------------------------------------------------------------------------------

    def visit_Module(self, node: cst.Module) -> None:
        super().visit_Module(node)
        self.module = node

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        super().visit_FunctionDef(node)
        self.summaries.define(self.scopes, node, _at(self, node.name))

    def visit_Return(self, node: cst.Return) -> None:
        if node.value is not None and self.scopes.function_names:
            self.summaries.returned(self.scopes, node.value, self.resolver)

    def visit_Assign(self, node: cst.Assign) -> None:
        super().visit_Assign(node)
        for target in node.targets:
            name = dotted(target.target)
            self._note_session(name, node.value)
            if name and name.endswith(".auth") and name.count(".") <= 2:
                # `session.auth = (client_id, secret)`: every call on that session sends it.
                self._receiver_auth[name[: -len(".auth")]] = self._auth_style(node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        super().visit_AnnAssign(node)
        if node.value is not None and isinstance(node.target, cst.Name):
            self._note_session(node.target.value, node.value)

    def visit_Import(self, node: cst.Import) -> None:
        super().visit_Import(node)
        for alias in node.names:
            full = dotted(alias.name) or ""
            local = (
                alias.asname.name.value
                if alias.asname and isinstance(alias.asname.name, cst.Name)
                else full.split(".")[0]
            )
            self._lib(full)
            bound = full if alias.asname else full.split(".")[0]
            self.out.append(Import(**_at(self, alias), local=local, module=bound, name=""))

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        super().visit_ImportFrom(node)
        module = import_module(node)
        self._lib(module.lstrip("."))
        if isinstance(node.names, cst.ImportStar):
            return
        for alias in node.names:
            name = dotted(alias.name) or ""
            local = (
                alias.asname.name.value
                if alias.asname and isinstance(alias.asname.name, cst.Name)
                else name
            )
            self.out.append(Import(**_at(self, alias), local=local, module=module, name=name))

    def _lib(self, module: str) -> None:
        top = module.split(".")[0]
        if top in DOCUMENT_MODULES or top == "dotenv":
            self._loads_documents = True
        lib = HTTP_LIBS.get(top)
        if top == "jwt":
            lib = "pyjwt"
        if lib and lib not in self.libs:
            self.libs.append(lib)

    # -- string literals: URLs anywhere ---------------------------------------------------------

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self._string(node)

    def visit_ConcatenatedString(self, node: cst.ConcatenatedString) -> None:
        self._string(node)

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        self._string(node)

    def _string(self, node: cst.BaseExpression) -> None:
        if id(node) in self._seen_strings:
            return
        sym = self._shallow_sym(node)
        if sym is not None:
            self._url_at(node, sym)

    def _url_at(self, node: cst.BaseExpression, sym: SymStr) -> None:
        """The grants a form-body string names and the CXone URL it is, at `node`."""
        text = sym.render()
        if not text or len(text) > 2000:
            return
        sym = _strip(sym)
        text = sym.render()
        # A form body has no whitespace; prose (a docstring explaining grants) does.
        if "grant_type=" in text and not any(c.isspace() for c in text):
            for match in GRANT_RE.finditer(text):
                grant = word_sym(match.group(1))
                assert grant is not None
                self.out.append(GrantValue(**_at(self, node), value=grant, source="string"))
        info = classify_url(text)
        if info is None or info.kind == "docs":
            return
        default = self._defaults.get(id(node), {})
        self.out.append(
            UrlUse(
                **_at(self, node),
                url=SymStr(redact_url(p) if isinstance(p, str) else p for p in sym.pieces),
                fallback_for=default.get("fallback_for"),
                env_default_for=default.get("env"),
            )
        )

    def _shallow_sym(self, node: cst.BaseExpression) -> SymStr | None:
        """The literal's own text, a hole for each interpolated part (named for what it
        interpolates, never resolved); nested parts marked seen."""
        if isinstance(node, cst.ConcatenatedString):
            self._seen_strings.add(id(node.left))
            self._seen_strings.add(id(node.right))
            left, right = self._shallow_sym(node.left), self._shallow_sym(node.right)
            return None if left is None or right is None else left + right
        if isinstance(node, cst.FormattedString):
            return SymStr.of(
                *(
                    part.value if isinstance(part, cst.FormattedStringText) else self._hole(part)
                    for part in node.parts
                )
            )
        text = literal_text(node)
        return lit(text) if text is not None else None

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        self._formatted_url(node)

    def _formatted_url(self, node: cst.Call | cst.BinaryOperation) -> None:
        """A URL template filled by `.format()`, `%` or `Template(...).substitute()`: the
        literal is read with each value it takes when that value may go into a URL a fact
        keeps (`_url_piece`), a hole otherwise, so `"https://api-{}...".format(AREA)` names
        the area. The URL is reported at the template literal, which is then marked seen."""
        template: cst.BaseExpression | None = None
        method = ""
        pos: list[cst.BaseExpression] = []
        kw: dict[str, cst.BaseExpression] = {}
        if isinstance(node, cst.BinaryOperation):
            if not isinstance(node.operator, cst.Modulo):
                return
            template = node.left
            right = node.right
            pos = [e.value for e in right.elements] if isinstance(right, cst.Tuple) else [right]
        elif isinstance(node.func, cst.Attribute):
            method = node.func.attr.value
            recv = node.func.value
            if method == "format":
                template = recv
            elif (
                method in ("substitute", "safe_substitute")
                and isinstance(recv, cst.Call)
                and (call_name(recv) or "").rsplit(".", 1)[-1] == "Template"
                and recv.args
            ):
                template = recv.args[0].value
            if template is None:
                return
            pos = [a.value for a in node.args if a.keyword is None]
            kw = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
        if template is None or id(template) in self._seen_strings:
            return
        if not isinstance(template, (cst.SimpleString, cst.ConcatenatedString)):
            return
        text = literal_text(template)
        if text is None or "://" not in text:
            return
        if method in ("substitute", "safe_substitute"):
            sym = substitute_sym(lit(text), {k: self._piece(v) for k, v in kw.items()})
        elif method == "format":
            pos_syms = [self._piece(v) for v in pos]
            sym = format_sym(lit(text), pos_syms, {k: self._piece(v) for k, v in kw.items()})
        else:
            sym = percent_sym(lit(text), [self._piece(v) for v in pos])
        self._seen_strings.add(id(template))
        self._url_at(template, sym)

    def _piece(self, expr: cst.BaseExpression) -> SymStr:
        """One value filled into a URL template: kept when `_url_piece` keeps it."""
        known = self._url_piece(expr)
        return known if known is not None else SymStr((self._named_hole(expr),))

    def _url_piece(self, expr: cst.BaseExpression) -> SymStr | None:
        """What an interpolated value of a URL is, when facts may keep it: an area or cluster
        code, a domain, a URL (`is_host_piece`), each of a known list of those (a loop over
        areas), or a hole the linker fills (an imported constant, an environment variable);
        None for anything else (it stays a named hole)."""
        val = self.resolver.resolve(expr)
        sym = val.sym
        if sym is not None and any(h.kind == "each" for h in sym.holes()):
            options = sym.readings()
            if options and all(is_host_piece(o.text) for o in options):
                return each(*(lit(o.text or "") for o in options))
            return None
        if val.known and val.items is None and is_host_piece(val.text):
            return lit(val.text or "")
        if sym is not None and sym.text is None and not sym.literal:
            kept = val.to_value()
            if kept is not None and any(h.kind in ("import", "env") for h in kept.holes()):
                return kept
        return None

    def _hole(self, part: cst.BaseFormattedStringContent) -> Hole | SymStr:
        expr = part.expression if isinstance(part, cst.FormattedStringExpression) else None
        if expr is None:
            return Hole("unknown")
        known = self._url_piece(expr)
        return known if known is not None else self._named_hole(expr)

    def _named_hole(self, expr: cst.BaseExpression) -> Hole:
        """A hole named for what `expr` is: an import the linker fills, a parameter its call
        sites fill, or an unknown named for the expression."""
        name = dotted(expr)
        if name is None:
            return Hole("unknown")
        if name in self.scopes.imports:
            return Hole("import", self.scopes.imports[name])
        if self.scopes.is_param(name):
            # A default that may go into a URL stands in when no caller passes the argument.
            default = self.scopes.param_default(name)
            text = literal_text(default) if default is not None else None
            kept = lit(text) if text is not None and is_host_piece(text) else None
            return Hole("param", self.scopes.param_hole_name(name), kept)
        return Hole("unknown", name)

    # -- reads of discovery keys ----------------------------------------------------------------

    def visit_Subscript(self, node: cst.Subscript) -> None:
        if len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
            key = literal_text(node.slice[0].slice.value)
            if key == "api_endpoint":
                self.out.append(ConfigRead(**_at(self, node), key=key, via="subscript"))
            elif key is not None and self._loads_documents:
                self._document_read(node, "subscript")

    def _document_read(self, node: cst.BaseExpression, via: str) -> None:
        """A key of a configuration document this file loads: which line reads which value
        (a secret's finding in the document names the code that reads it)."""
        val = self.resolver.resolve(node)
        if val.doc is not None and val.doc_keys and val.sym is not None:
            hole = next((h for h in val.sym.holes() if h.kind == "config"), None)
            if hole is not None:
                read = SymStr((Hole("config", hole.name),))
                key = ".".join(val.doc_keys)
                self.out.append(ConfigRead(**_at(self, node), key=key, via=via, value=read))

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value == "api_endpoint":
            self.out.append(ConfigRead(**_at(self, node), key="api_endpoint", via="attribute"))

    def visit_Dict(self, node: cst.Dict) -> None:
        keys: dict[str, cst.BaseExpression] = {}
        for el in node.elements:
            if isinstance(el, cst.DictElement):
                k = literal_text(el.key)
                if k is not None:
                    keys[k] = el.value
        if "grant_type" in keys:
            self._grant_value(keys["grant_type"], "dict")
        if "response_type" in keys:
            self._authorize_params(node, {k: v for k, v in keys.items()}, "params")
        if "redirect_uri" in keys:
            self._redirect(keys["redirect_uri"])

    def _grant_value(self, node: cst.BaseExpression, source: str) -> None:
        """A grant_type written in a dict or a keyword: its word, or (from another module, the
        environment, a configuration file, a caller) the holes the linker fills."""
        val = self.resolver.resolve(node)
        if val.known or linkable(val.to_value()):
            value = vocab(val)
            if value is not None:
                self.out.append(GrantValue(**_at(self, node), value=value, source=source))

    def _authorize_params(
        self, node: cst.CSTNode, keys: dict[str, cst.BaseExpression], source: str
    ) -> None:
        rt = self.resolver.resolve(keys["response_type"]) if "response_type" in keys else None
        method_node = keys.get("code_challenge_method")
        method = self.resolver.resolve(method_node) if method_node is not None else None
        redirect = (
            self.resolver.resolve(keys.get("redirect_uri")) if "redirect_uri" in keys else None
        )
        self.out.append(
            AuthorizeRequest(
                **_at(self, node),
                source=source,
                response_type=vocab(rt),
                code_challenge="code_challenge" in keys,
                challenge_method=vocab(method),
                challenge_method_at=_span(self, method_node) if method_node is not None else None,
                response_type_at=(
                    _span(self, keys["response_type"]) if "response_type" in keys else None
                ),
                redirect_uri=redirect.to_sym() if redirect else None,
                scope=self._sent(keys, "scope"),
                state=self._sent(keys, "state"),
                nonce=self._sent(keys, "nonce"),
            )
        )

    def _sent(self, keys: dict[str, cst.BaseExpression], key: str) -> SymStr | None:
        """A parameter's value as facts may keep it; None when it is not sent."""
        return self.resolver.resolve(keys[key]).to_sym() if key in keys else None

    def _redirect(self, value: cst.BaseExpression) -> None:
        val = self.resolver.resolve(value)
        self.out.append(RedirectUri(**_at(self, value), value=val.to_sym()))

    # -- calls ----------------------------------------------------------------------------------

    def _note_session(self, name: str | None, value: cst.BaseExpression) -> None:
        """Remember `x = OAuth2Session(...)` so x.fetch_token(...) knows its client."""
        if not name or not isinstance(value, cst.Call):
            return
        short = (call_name(value) or "").rsplit(".", 1)[-1]
        if short in OAUTH_SESSIONS:
            self._sessions[name] = self._session_info(value)

    def _session_info(self, call: cst.Call) -> dict[str, Any]:
        lib = "authlib" if "authlib" in self.libs else "requests-oauthlib"
        client = arg(call, None, "client")
        grant = None
        if client is not None:
            if isinstance(client, cst.Name):
                client = self.scopes.lookup(client.value) or client
            if isinstance(client, cst.Call):
                grant = OAUTHLIB_GRANTS.get((call_name(client) or "").rsplit(".", 1)[-1])
        declared = arg(call, None, "token_endpoint_auth_method")
        method = self.resolver.resolve(declared) if declared is not None else None
        pkce = arg(call, None, "code_challenge_method")
        return {
            "lib": lib,
            "grant": grant,
            "auth_method": method.text if method is not None and method.known else None,
            "declared_auth": vocab(method) if method is not None and not method.known else None,
            "has_secret": arg(call, 1 if lib == "authlib" else None, "client_secret") is not None,
            "code_challenge_method": vocab(self.resolver.resolve(pkce)) if pkce else None,
            "code_challenge_method_node": pkce,
        }

    def visit_Call(self, node: cst.Call) -> None:
        super().visit_Call(node)
        self._formatted_url(node)
        site = call_site(self.resolver, node, _at(self, node))
        if site is not None:
            self.out.append(site)
        name = call_name(node) or ""
        short = name.rsplit(".", 1)[-1]
        for a in node.args:
            if a.keyword is not None and a.keyword.value == "redirect_uri":
                self._redirect(a.value)
            if a.keyword is not None and a.keyword.value == "grant_type":
                self._grant_value(a.value, "keyword")
        if "response_type" in kwnames(node) and short not in ("dict",):
            keys = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
            self._authorize_params(node, keys, "keywords")
        if name in ("jwt.encode", "encode") and (
            name == "jwt.encode" or self.scopes.imports.get("encode", "").startswith("jwt")
        ):
            self.out.append(self._jwt().encode(node, _at(self, node)))
            return
        if name in ("jwt.decode", "decode") and (
            name == "jwt.decode" or self.scopes.imports.get("decode", "").startswith("jwt")
        ):
            if self._jwt().unverified(node):
                self.out.append(JwtDecode(**_at(self, node), verifies_signature=False))
            return
        if short in ("get", "getenv", "setdefault"):
            key = literal_text(arg(node, 0, None) or cst.Name("_"))
            default = arg(node, 1, "default")
            if key == "api_endpoint" and isinstance(node.func, cst.Attribute):
                self.out.append(ConfigRead(**_at(self, node), key=key, via="get"))
            elif key is not None and short == "get" and self._loads_documents:
                self._document_read(node, "get")
            if key is not None and default is not None:
                env = name in ("os.getenv", "getenv", "os.environ.get", "environ.get")
                self._defaults[id(default)] = {"env": key} if env else {"fallback_for": key}
            if key is not None and name in ENV_CALLS:
                given = self.resolver.resolve(default).to_sym() if default is not None else None
                self.out.append(EnvRef(**_at(self, node), name=key, default=given))
        if short in OAUTH_SESSIONS:
            self._sessions.setdefault("<inline>", self._session_info(node))
            return
        if short == "fetch_token" and isinstance(node.func, cst.Attribute):
            self._fetch_token(node)
            return
        if short in ("authorization_url", "create_authorization_url") and isinstance(
            node.func, cst.Attribute
        ):
            self._authorization_url(node, short)
            return
        if (short in HTTP_METHODS or short in ("urlopen", "Request")) and not _is_mock(name):
            self._http_call(node, name, short)

    def _session_for(self, call: cst.Call) -> dict[str, Any]:
        assert isinstance(call.func, cst.Attribute)
        recv = call.func.value
        if isinstance(recv, cst.Call):
            return self._session_info(recv)
        key = dotted(recv) or ""
        bound = self.scopes.lookup(key) if key else None
        if isinstance(bound, cst.Call):
            short = (call_name(bound) or "").rsplit(".", 1)[-1]
            if short in OAUTH_SESSIONS:
                return self._session_info(bound)
        if key in self._sessions:
            return self._sessions[key]
        return self._sessions.get("<inline>", {"lib": None, "grant": None, "auth_method": None})

    def _fetch_token(self, node: cst.Call) -> None:
        session = self._session_for(node)
        lib = session.get("lib") or ("authlib" if "authlib" in self.libs else "requests-oauthlib")
        if lib is None or ("requests-oauthlib" not in self.libs and "authlib" not in self.libs):
            return
        url = self.resolver.resolve(arg(node, 0, "token_url" if lib != "authlib" else "url"))
        if url.text is None and url.refs == [] and url.keys == []:
            url = self.resolver.resolve(arg(node, None, "url"))
        kws = set(kwnames(node))
        given = arg(node, None, "grant_type")
        grant: str | SymStr | None = vocab(self.resolver.resolve(given)) if given else None
        if grant is None:
            if "code" in kws or "authorization_response" in kws:
                grant = "authorization_code"
            elif session.get("grant"):
                grant = session["grant"]
            elif "username" in kws and "password" in kws:
                grant = "password"
            elif lib == "authlib":
                grant = "client_credentials"
        declared = session.get("declared_auth")
        if "auth" in kws:
            styles = ["basic-auth"]
        elif lib == "authlib" and declared is not None:
            styles = ["declared"]  # token_endpoint_auth_method from elsewhere: the linker knows
        elif lib == "authlib":
            styles = [
                AUTHLIB_METHODS.get(
                    session.get("auth_method") or "client_secret_basic", "basic-library-default"
                )
            ]
        else:
            include = arg(node, None, "include_client_id")
            if isinstance(include, cst.Name) and include.value == "True":
                styles = ["post"] if "client_secret" in kws else ["none"]
            else:
                styles = ["basic-library-default"]
        self._token_request(
            node,
            lib=lib,
            method="fetch_token",
            url=url,
            grant=grant,
            styles=styles,
            body="form",
            extra={
                "pkce_verifier": "code_verifier" in kws,
                "declared_auth": declared if styles == ["declared"] else None,
            },
        )

    def _authorization_url(self, node: cst.Call, short: str) -> None:
        session = self._session_for(node)
        kws = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
        method_node = kws.get("code_challenge_method")
        method = vocab(self.resolver.resolve(method_node)) if method_node is not None else None
        challenge = "code_challenge" in kws
        if short == "create_authorization_url" and "code_verifier" in kws:
            challenge = True
            if method is None:
                method = session.get("code_challenge_method")
                method_node = session.get("code_challenge_method_node")
        rt_node = kws.get("response_type")
        self.out.append(
            AuthorizeRequest(
                **_at(self, node),
                source=short,
                response_type=(vocab(self.resolver.resolve(rt_node)) if rt_node else None)
                or lit("code"),
                code_challenge=challenge,
                challenge_method=method,
                challenge_method_at=_span(self, method_node) if method_node is not None else None,
                response_type_at=_span(self, rt_node) if rt_node is not None else None,
                scope=self._sent(kws, "scope"),
                state=self._sent(kws, "state"),
                nonce=self._sent(kws, "nonce"),
            )
        )

    def _client_state(self, call: cst.Call) -> ClientState | None:
        """What the client a call is made on sends with every request: `requests.Session()`,
        `httpx.Client(...)`, `aiohttp.ClientSession(...)`, an OAuth session, bound to a name,
        `self.x`, `with ... as x`, with the auth, headers and base URL set on it when made or
        later (`s.auth = ...`, `s.headers.update(...)`, `s.headers["Authorization"] = ...`)."""
        func = call.func
        if not isinstance(func, cst.Attribute):
            return None
        recv = func.value
        key = dotted(recv)
        ctor = recv if isinstance(recv, cst.Call) else None
        if ctor is None and key is not None:
            bound = self.scopes.lookup(key)
            ctor = bound if isinstance(bound, cst.Call) else None
        short = (call_name(ctor) or "").rsplit(".", 1)[-1] if ctor is not None else ""
        if short not in CLIENT_CLASSES and not (key and self.scopes.changes_of(key)):
            return None
        state = ClientState(lib=CLIENT_CLASSES.get(short))
        if ctor is not None and short in CLIENT_CLASSES:
            kws = keywords(ctor, self.scopes)
            state.auth = kws.get("auth")
            if kws.get("headers") is not None:
                state.headers = self.resolver.resolve(kws["headers"])
                state.header_nodes = dict_nodes(kws["headers"], self.scopes)
            base = kws.get("base_url") or (arg(ctor, 0, None) if short == "ClientSession" else None)
            state.base = self.resolver.resolve(base) if base is not None else None
        if key is not None:
            for attr, value in self.scopes.changes_of(key):
                if attr == ".auth":
                    state.auth = value
                elif attr == ".headers":
                    state.headers = self.resolver.resolve(value)
                elif attr == ".base_url":
                    state.base = self.resolver.resolve(value)
            state.headers = self.resolver.with_changes(state.headers, key + ".headers")
        return state

    def _http_call(self, node: cst.Call, name: str, short: str) -> None:
        kws = keywords(node, self.scopes)

        def given(index: int | None, keyword: str) -> cst.BaseExpression | None:
            return kws.get(keyword) if keyword in kws else arg(node, index, None)

        if short == "request":
            url_node = given(1, "url")
            method = (self.resolver.text_of(given(0, "method")) or "").lower() or None
        elif short in ("urlopen", "Request"):
            url_node = given(0, "url")
            method = "post" if given(1, "data") is not None else "get"
        else:
            url_node = given(0, "url")
            method = short
        if url_node is None:
            return
        if isinstance(url_node, cst.Call) and short == "urlopen":
            # urlopen(Request(url, data=...)): the Request call carries everything.
            return
        client = self._client_state(node)
        url = self.resolver.resolve(url_node)
        if client is not None and client.base is not None and _relative(url):
            # httpx.Client(base_url=...).post("/auth/token"): the base URL comes first.
            joined = client.base.merged(url)
            joined.sym = _operand_of(client.base) + _operand_of(url)
            url = joined
        info = classify_url(url.text) if url.text else None
        body_kw = None
        body_node = None
        for kw in ("data", "json", "content", "body", "params"):
            body_node = given(1 if short in ("urlopen", "Request") and kw == "data" else None, kw)
            if body_node is not None:
                body_kw = kw
                break
        body = self.resolver.resolve(body_node) if body_node is not None else Val()
        headers = self.resolver.resolve(kws.get("headers"))
        if client is not None and client.headers.items:
            merged_headers = dict(client.headers.items)
            merged_headers.update(headers.items or {})
            headers = Val(items=merged_headers, holes=list(headers.holes))
        path_kind = info.path_kind if info else (url_path_kind(url.text) if url.text else None)
        if path_kind == "cxone-configuration":
            has_auth = "authorization" in _items_ci(headers)
            self.out.append(
                DiscoveryCall(
                    **_at(self, node),
                    document="cxone-configuration",
                    sends_authorization=has_auth,
                    authorization_removal=self._headers_removal(node) if has_auth else None,
                )
            )
            return
        body_items = body.items or {}
        body_text = body.text or ""
        is_token = (
            path_kind in TOKEN_PATHS
            or any(k in ("token_endpoint", "token_url", "token_uri") for k in url.keys)
            or "grant_type" in body_items
            or "grant_type=" in body_text
            or ("accessKeyId" in body_items and "accessKeySecret" in body_items)
        )
        if not is_token:
            return
        lib = name.split(".")[0] if name.split(".")[0] in HTTP_LIBS else None
        lib = HTTP_LIBS.get(lib or "") or (
            "urllib"
            if short in ("urlopen", "Request")
            else (client.lib if client is not None and client.lib else self._guess_lib())
        )
        grant: str | SymStr | None = None
        if "grant_type" in body_items:
            grant = vocab(body_items["grant_type"])
        elif "grant_type=" in body_text:
            m = GRANT_RE.search(body_text)
            grant = m.group(1) if m else None
        styles: list[str] = []
        auth_node = kws.get("auth")
        receiver = dotted(node.func.value) if isinstance(node.func, cst.Attribute) else None
        if auth_node is None and client is not None:
            auth_node = client.auth
        # Where the client authentication is written: a finding about it points there.
        auth_at: cst.CSTNode | None = auth_node
        if auth_node is not None:
            styles.append(self._auth_style(auth_node))
        elif receiver in self._receiver_auth:
            styles.append(self._receiver_auth[receiver])
        header = _items_ci(headers).get("authorization")
        auth_header = None
        if header is not None and header.text:
            scheme = header.text.split(" ", 1)[0].lower()
            if scheme in ("basic", "bearer"):
                styles.append("basic-header" if scheme == "basic" else "bearer")
                auth_at = auth_at or self._header_node(kws.get("headers"), receiver, client)
            elif UNKNOWN in scheme:
                auth_header = _scheme_sym(header)
        elif header is None and headers.items is None and linkable(headers.to_value()):
            # `headers=build_headers()` of another module: its Authorization, when linked.
            auth_header = _field_of(headers, "Authorization")
        if auth_header is not None:
            styles.append("header")
            auth_at = auth_at or kws.get("headers")
        fields = dict_nodes(body_node, self.scopes) if body_node is not None else {}
        if "client_secret" in body_items or "client_secret=" in body_text:
            styles.append("post")
            auth_at = auth_at or fields.get("client_secret") or body_node
        if "client_assertion" in body_items or "client_assertion=" in body_text:
            styles.append("jwt")
            auth_at = auth_at or fields.get("client_assertion") or body_node
        if not styles:
            styles.append("none")
        if body_kw == "json":
            body_form = "json"
        elif body_node is None:
            body_form = "none"
        elif body.items is not None:
            body_form = "form"
        elif body.text is not None:
            body_form = "string"
        else:
            body_form = "unknown"
        encoding = None
        if body_form == "string" or (body.encoded and body.text is not None):
            encoding = BodyEncoding(self.scopes).encoding(body_node)
        redirect = body_items.get("redirect_uri")
        self._token_request(
            node,
            lib=lib,
            method=method,
            url=url,
            grant=grant,
            styles=styles,
            body=body_form,
            extra={
                "access_key_encoding": encoding,
                "access_key_json": "accessKeyId" in body_items,
                "pkce_verifier": "code_verifier" in body_items or "code_verifier=" in body_text,
                "client_id_in_body": "client_id" in body_items or "client_id=" in body_text,
                "redirect_uri": redirect.to_sym() if redirect else None,
                "scope": scope_sym(body_items["scope"].text) if "scope" in body_items else None,
                "body_keyword": self._keyword_span(node, "json") if body_kw == "json" else None,
                "json_content_type": (
                    self._json_content_type_removal(node) if body_kw == "json" else None
                ),
                "auth_header": auth_header,
                "client_auth_at": _span(self, auth_at) if auth_at is not None else None,
            },
        )

    def _header_node(
        self, given: cst.BaseExpression | None, receiver: str | None, client: ClientState | None
    ) -> cst.BaseExpression | None:
        """The expression of the Authorization header: in the call's headers, else where the
        client got it (its constructor, `s.headers.update(...)`, `s.headers[...] = ...`)."""
        found = dict_nodes(given, self.scopes) if given is not None else {}
        if not found and client is not None and receiver is not None:
            found = dict(client.header_nodes)
            found.update(dict_nodes(None, self.scopes, name=receiver + ".headers"))
        for key, value in found.items():
            if key.lower() == "authorization":
                return value
        return None

    def _headers_removal(self, node: cst.Call) -> Span | None:
        """The text `, headers={"Authorization": ...}` when that dict holds nothing else."""
        for i, a in enumerate(node.args):
            if a.keyword is None or a.keyword.value != "headers" or i == 0:
                continue
            value = a.value
            if not isinstance(value, cst.Dict) or len(value.elements) != 1:
                return None
            el = value.elements[0]
            if not isinstance(el, cst.DictElement) or (literal_text(el.key) or "").lower() != (
                "authorization"
            ):
                return None
            before, after = _span(self, node.args[i - 1].value), _span(self, value)
            return Span(before.end_line, before.end_column, after.end_line, after.end_column)
        return None

    def _json_content_type_removal(self, node: cst.Call) -> Span | None:
        """The text span that removes a `"Content-Type": "application/json"` header from the
        call's `headers` (a dict literal in the call, or one bound to a local name in the same
        function; a module-level dict may serve other requests and is left alone): the entry
        with its separator, or `, headers={...}` when the header is all the call's dict holds.
        None when there is none."""
        for i, a in enumerate(node.args):
            if a.keyword is None or a.keyword.value != "headers":
                continue
            value: cst.BaseExpression | None = a.value
            inline = True
            if isinstance(value, cst.Name):
                frame = self.scopes.frames[-1] if self.scopes.frames else {}
                value, inline = frame.get(value.value), False
            if not isinstance(value, cst.Dict):
                return None
            elements = value.elements
            hit = next(
                (
                    j
                    for j, el in enumerate(elements)
                    if isinstance(el, cst.DictElement)
                    and (literal_text(el.key) or "").lower() == "content-type"
                    and (literal_text(el.value) or "").lower().startswith("application/json")
                ),
                None,
            )
            if hit is None:
                return None
            el = elements[hit]
            if len(elements) == 1:
                if inline and i > 0:
                    return _between(self, node.args[i - 1].value, value, ends=(True, True))
                return _between(self, el, value.rbrace, ends=(False, False))
            if hit + 1 < len(elements):
                return _between(self, el, elements[hit + 1], ends=(False, False))
            previous = elements[hit - 1]
            if not isinstance(previous, cst.DictElement) or not isinstance(el, cst.DictElement):
                return None
            return _between(self, previous.value, el.value, ends=(True, True))
        return None

    def _keyword_span(self, node: cst.Call, keyword: str) -> Span | None:
        for a in node.args:
            if a.keyword is not None and a.keyword.value == keyword:
                return _span(self, a.keyword)
        return None

    def _guess_lib(self) -> str:
        for lib in ("requests", "httpx", "aiohttp", "urllib"):
            if lib in self.libs:
                return lib
        return "http"

    def _auth_style(self, node: cst.BaseExpression) -> str:
        if isinstance(node, cst.Name):
            node = self.scopes.lookup(node.value) or node
        if isinstance(node, cst.Tuple):
            return "basic-auth"
        if isinstance(node, cst.Call):
            short = (call_name(node) or "").rsplit(".", 1)[-1]
            if short in ("HTTPBasicAuth", "BasicAuth"):
                return "basic-auth"
            if short == "HTTPDigestAuth":
                return "digest"
        return "custom-auth"

    def _token_request(
        self,
        node: cst.Call,
        *,
        lib: str,
        method: str | None,
        url: Val,
        grant: str | SymStr | None,
        styles: list[str],
        body: str,
        extra: dict[str, Any],
    ) -> None:
        _, endpoint, target = oauth.token_endpoint(url.text, url.keys, url.refs)
        self.out.append(
            TokenRequest(
                **_at(self, node),
                lib=lib,
                method=_word(method),
                url=url.to_sym(),
                endpoint=endpoint,
                target=target,
                grant=grant if isinstance(grant, SymStr) or grant is None else word_sym(grant),
                client_auth=tuple(styles),
                body=body,
                **extra,
            )
        )

    # -- JWT ------------------------------------------------------------------------------------

    def _jwt(self) -> JwtReader:
        return JwtReader(self.scopes, self.resolver, self.module)

    # -- end ------------------------------------------------------------------------------------

    def leave_Module(self, original_node: cst.Module) -> None:
        for name, value in self.scopes.module.items():
            self._export(name, value)
        for name, node, val in self.summaries.returns():
            self._export_return(name, node, val)
        for stmt in original_node.body:
            if isinstance(stmt, cst.ClassDef):
                members = self.scopes.class_members.get(stmt.name.value, {})
                for attr, value in members.items():
                    self._export(f"{stmt.name.value}.{attr}", field_default(value))

    def _export_return(self, name: str, node: cst.BaseExpression, val: Val) -> None:
        """What a function returns, for its callers in other functions and files: `f()` (a
        URL, a word), `f()[key]` for the keys of a dict it returns (an Authorization header's
        scheme, a grant)."""
        sym = val.to_value()
        if sym is not None and (sym.text is not None or linkable(sym)) and _exportable(name, sym):
            self.out.append(Export(**_at(self, node), name=f"{name}()", value=sym))
        for key, item in (val.items or {}).items():
            if key.lower() == "authorization":
                value = auth_value(item)
            else:
                value = item.to_value()
                if value is not None and value.text is None and not linkable(value):
                    value = None
            if value is not None and (key.lower() == "authorization" or _exportable(key, value)):
                at = _at(self, node)
                self.out.append(Export(**at, name=f"{name}()[{key}]", value=value))

    def _export(self, name: str, value: cst.BaseExpression) -> None:
        """A module-level value other modules may import: a URL, a vocabulary word, a flag, a
        number, an area (`is_safe_value`), a list of them, or a value whose holes the linker
        can follow further (another import, an environment variable). Never a secret: a name
        that says secret keeps only URLs and vocabulary."""
        if isinstance(value, (cst.Lambda, cst.GeneratorExp, cst.ListComp, cst.DictComp)):
            return
        val = self.resolver.resolve(value)
        if val.elements is not None and val.items is None:
            parts = [e.to_value() for e in val.elements]
            if parts and all(p is not None and p.text is not None for p in parts):
                elements = each(*(p for p in parts if p is not None))
                if _exportable(name, elements):
                    self.out.append(Export(**_at(self, value), name=name, value=elements))
            return
        sym = val.to_value()
        if sym is None or not (sym.text is not None or linkable(sym)):
            return
        if sym.text is None and not any(h.kind in ("import", "env") for h in sym.holes()):
            return
        if _exportable(name, sym):
            self.out.append(Export(**_at(self, value), name=name, value=sym))

    def finish(self, module: cst.Module) -> None:
        self.out.extend(self.summaries.functions(self.out))
        self.facts = {BATCH_KEY: encode_batch(self.out, "python")}

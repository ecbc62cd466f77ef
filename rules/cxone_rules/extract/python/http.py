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
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

import libcst as cst
from libcst.metadata import PositionProvider

from cxone_lint.api.facts import BATCH_KEY, Fact, Header, Span, encode_batch
from cxone_lint.api.python import PythonExtractor
from cxone_rules.domain import oauth
from cxone_rules.domain.hosts import (
    UNKNOWN,
    classify_url,
    redact_url,
    url_path_kind,
)
from cxone_rules.extract.common import file_traits, header, is_url_like, word, word_sym
from cxone_rules.extract.python.bodies import BodyEncoding
from cxone_rules.extract.python.jwt import JwtReader
from cxone_rules.extract.python.values import (
    ENV_CALLS,
    Resolver,
    Scopes,
    Val,
    arg,
    call_name,
    collect_bindings,
    dotted,
    iter_classes,
    kwnames,
    literal_text,
    single_return,
)
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
from cxone_rules.facts.symstr import Hole, SymStr, lit

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
GRANT_RE = re.compile(r"grant_type=([A-Za-z_:.\-]+)")


def _at(extractor: PythonExtractor, node: cst.CSTNode) -> Header:
    """The header of a fact about `node`: its whole range (end exclusive), 1-based."""
    r = extractor.get_metadata(PositionProvider, node)
    return header(r.start.line, r.start.column + 1, r.end.line, r.end.column + 1)


def _span(extractor: PythonExtractor, node: cst.CSTNode) -> Span:
    r = extractor.get_metadata(PositionProvider, node)
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


def _items_ci(val: Val) -> dict[str, Val]:
    return {k.lower(): v for k, v in (val.items or {}).items()}


class CxoneHttpExtractor(PythonExtractor):
    name = "cxone.http"
    METADATA_DEPENDENCIES = (PositionProvider,)
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
    )

    def __init__(self, path: str, text: str) -> None:
        super().__init__(path, text)
        self.scopes = Scopes()
        self.resolver = Resolver(self.scopes)
        self.module: cst.Module | None = None
        self._seen_strings: set[int] = set()
        self._in_token_call: list[tuple[int, int]] = []
        self.out: list[Fact] = [file_traits(text)]
        self.libs: list[str] = []
        self._sessions: dict[str, dict[str, Any]] = {}
        self._class_bindings: dict[int, dict[str, cst.BaseExpression]] = {}
        # Receivers with a client auth set on them: "session" / "self.session" -> style.
        self._receiver_auth: dict[str, str] = {}
        # id(string node) -> what it is the default of: {"fallback_for": key} / {"env": NAME}
        self._defaults: dict[int, dict[str, str]] = {}

    # -- scopes ---------------------------------------------------------------------------------

    def visit_Module(self, node: cst.Module) -> None:
        self.module = node
        names, _ = collect_bindings(node.body)
        self.scopes.module.update(names)
        for stmt in node.body:
            if isinstance(stmt, cst.FunctionDef):
                returned = single_return(stmt)
                if returned is not None:
                    self.scopes.functions[stmt.name.value] = returned
        attrs: dict[str, cst.BaseExpression] = {}
        for cls in iter_classes(node.body):
            body = cls.body.body if isinstance(cls.body, cst.IndentedBlock) else []
            class_names, selfs = collect_bindings(body)
            merged = dict(class_names)
            merged.update(selfs)
            self._class_bindings[id(cls)] = merged
            for k, v in class_names.items():
                attrs.setdefault(k, v)
        self.scopes.class_attrs = attrs

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        merged = self._class_bindings.get(id(node))
        if merged is None:  # a class inside a function body
            body = node.body.body if isinstance(node.body, cst.IndentedBlock) else []
            names, selfs = collect_bindings(body)
            merged = {**names, **selfs}
        self.scopes.classes.append(dict(merged))

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.scopes.classes.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.scopes.frames.append({})
        p = node.params
        params = [*p.posonly_params, *p.params, *p.kwonly_params]
        for star in (p.star_arg, p.star_kwarg):
            if isinstance(star, cst.Param):
                params.append(star)
        self.scopes.params.append(frozenset(x.name.value for x in params))

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.scopes.frames.pop()
        self.scopes.params.pop()

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            name = dotted(target.target)
            if name and (isinstance(target.target, cst.Name) or name.startswith("self.")):
                if name.startswith("self."):
                    if self.scopes.classes:
                        self.scopes.classes[-1][name[5:]] = node.value
                else:
                    self.scopes.bind(name, node.value)
            self._note_session(name, node.value)
            if name and name.endswith(".auth") and name.count(".") <= 2:
                # `session.auth = (client_id, secret)`: every call on that session sends it.
                self._receiver_auth[name[: -len(".auth")]] = self._auth_style(node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None and isinstance(node.target, cst.Name):
            self.scopes.bind(node.target.value, node.value)
            self._note_session(node.target.value, node.value)

    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            full = dotted(alias.name) or ""
            local = (
                alias.asname.name.value
                if alias.asname and isinstance(alias.asname.name, cst.Name)
                else full.split(".")[0]
            )
            self._lib(full)
            self.scopes.imports[local] = full if alias.asname else full.split(".")[0]
            bound = full if alias.asname else full.split(".")[0]
            self.out.append(Import(**_at(self, alias), local=local, module=bound, name=""))

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        module = ("." * len(node.relative)) + (dotted(node.module) or "" if node.module else "")
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
            target = f"{module}:{name}"
            self.scopes.imports[local] = target
            self.out.append(Import(**_at(self, alias), local=local, module=module, name=name))

    def _lib(self, module: str) -> None:
        top = module.split(".")[0]
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
        if sym is None:
            return
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
            return SymStr(
                part.value if isinstance(part, cst.FormattedStringText) else self._hole(part)
                for part in node.parts
            )
        text = literal_text(node)
        return lit(text) if text is not None else None

    def _hole(self, part: cst.BaseFormattedStringContent) -> Hole:
        expr = part.expression if isinstance(part, cst.FormattedStringExpression) else None
        name = dotted(expr) if expr is not None else None
        if name is None:
            return Hole("unknown")
        if name in self.scopes.imports:
            return Hole("import", self.scopes.imports[name])
        return Hole("param" if self.scopes.is_param(name) else "unknown", name)

    # -- reads of discovery keys ----------------------------------------------------------------

    def visit_Subscript(self, node: cst.Subscript) -> None:
        if len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
            key = literal_text(node.slice[0].slice.value)
            if key == "api_endpoint":
                self.out.append(ConfigRead(**_at(self, node), key=key, via="subscript"))

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
            text = self.resolver.text_of(keys["grant_type"])
            value = word_sym(text)
            if text and value is not None and UNKNOWN not in text:
                node_at = _at(self, keys["grant_type"])
                self.out.append(GrantValue(**node_at, value=value, source="dict"))
        if "response_type" in keys:
            self._authorize_params(node, {k: v for k, v in keys.items()}, "params")
        if "redirect_uri" in keys:
            self._redirect(keys["redirect_uri"])

    def _authorize_params(
        self, node: cst.CSTNode, keys: dict[str, cst.BaseExpression], source: str
    ) -> None:
        rt = self.resolver.text_of(keys.get("response_type"))
        method = self.resolver.text_of(keys.get("code_challenge_method"))
        redirect = (
            self.resolver.resolve(keys.get("redirect_uri")) if "redirect_uri" in keys else None
        )
        self.out.append(
            AuthorizeRequest(
                **_at(self, node),
                source=source,
                response_type=word_sym(rt),
                code_challenge="code_challenge" in keys,
                challenge_method=word_sym(method),
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
        if short in ("OAuth2Session", "AsyncOAuth2Client", "OAuth2Client"):
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
        method = self.resolver.text_of(arg(call, None, "token_endpoint_auth_method"))
        return {
            "lib": lib,
            "grant": grant,
            "auth_method": method,
            "has_secret": arg(call, 1 if lib == "authlib" else None, "client_secret") is not None,
            "code_challenge_method": self.resolver.text_of(
                arg(call, None, "code_challenge_method")
            ),
        }

    def visit_Call(self, node: cst.Call) -> None:
        name = call_name(node) or ""
        short = name.rsplit(".", 1)[-1]
        for a in node.args:
            if a.keyword is not None and a.keyword.value == "redirect_uri":
                self._redirect(a.value)
            if a.keyword is not None and a.keyword.value == "grant_type":
                text = self.resolver.text_of(a.value)
                value = word_sym(text)
                if text and value is not None and UNKNOWN not in text:
                    self.out.append(GrantValue(**_at(self, a.value), value=value, source="keyword"))
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
            if key is not None and default is not None:
                env = name in ("os.getenv", "getenv", "os.environ.get", "environ.get")
                self._defaults[id(default)] = {"env": key} if env else {"fallback_for": key}
            if key is not None and name in ENV_CALLS:
                given = self.resolver.resolve(default).to_sym() if default is not None else None
                self.out.append(EnvRef(**_at(self, node), name=key, default=given))
        if short in ("OAuth2Session", "AsyncOAuth2Client", "OAuth2Client"):
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
        if key in self._sessions:
            return self._sessions[key]
        if key.startswith("self.") and self.scopes.classes:
            bound = self.scopes.classes[-1].get(key[5:])
            if isinstance(bound, cst.Call):
                return self._session_info(bound)
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
        grant = self.resolver.text_of(arg(node, None, "grant_type"))
        if grant is None:
            if "code" in kws or "authorization_response" in kws:
                grant = "authorization_code"
            elif session.get("grant"):
                grant = session["grant"]
            elif "username" in kws and "password" in kws:
                grant = "password"
            elif lib == "authlib":
                grant = "client_credentials"
        if "auth" in kws:
            styles = ["basic-auth"]
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
            extra={"pkce_verifier": "code_verifier" in kws},
        )

    def _authorization_url(self, node: cst.Call, short: str) -> None:
        session = self._session_for(node)
        kws = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
        method = self.resolver.text_of(kws.get("code_challenge_method"))
        challenge = "code_challenge" in kws
        if short == "create_authorization_url" and "code_verifier" in kws:
            challenge = True
            method = method or session.get("code_challenge_method")
        self.out.append(
            AuthorizeRequest(
                **_at(self, node),
                source=short,
                response_type=word_sym(self.resolver.text_of(kws.get("response_type")))
                or lit("code"),
                code_challenge=challenge,
                challenge_method=word_sym(method),
                scope=self._sent(kws, "scope"),
                state=self._sent(kws, "state"),
                nonce=self._sent(kws, "nonce"),
            )
        )

    def _http_call(self, node: cst.Call, name: str, short: str) -> None:
        if short == "request":
            url_node = arg(node, 1, "url")
            method = (self.resolver.text_of(arg(node, 0, "method")) or "").lower() or None
        elif short in ("urlopen", "Request"):
            url_node = arg(node, 0, "url")
            method = "post" if arg(node, 1, "data") is not None else "get"
        else:
            url_node = arg(node, 0, "url")
            method = short
        if url_node is None:
            return
        url = self.resolver.resolve(url_node)
        if isinstance(url_node, cst.Call) and short == "urlopen":
            # urlopen(Request(url, data=...)): the Request call carries everything.
            return
        info = classify_url(url.text) if url.text else None
        body_kw = None
        body_node = None
        for kw in ("data", "json", "content", "body", "params"):
            body_node = arg(
                node, 1 if short in ("urlopen", "Request") and kw == "data" else None, kw
            )
            if body_node is not None:
                body_kw = kw
                break
        body = self.resolver.resolve(body_node) if body_node is not None else Val()
        headers = self.resolver.resolve(arg(node, None, "headers"))
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
            "urllib" if short in ("urlopen", "Request") else self._guess_lib()
        )
        grant = None
        if "grant_type" in body_items:
            grant = body_items["grant_type"].text
        elif "grant_type=" in body_text:
            m = GRANT_RE.search(body_text)
            grant = m.group(1) if m else None
        styles: list[str] = []
        auth_node = arg(node, None, "auth")
        receiver = dotted(node.func.value) if isinstance(node.func, cst.Attribute) else None
        if auth_node is not None:
            styles.append(self._auth_style(auth_node))
        elif receiver in self._receiver_auth:
            styles.append(self._receiver_auth[receiver])
        header = _items_ci(headers).get("authorization")
        if header is not None and header.text:
            scheme = header.text.split(" ", 1)[0].lower()
            if scheme == "basic":
                styles.append("basic-header")
            elif scheme == "bearer":
                styles.append("bearer")
        if "client_secret" in body_items or "client_secret=" in body_text:
            styles.append("post")
        if "client_assertion" in body_items or "client_assertion=" in body_text:
            styles.append("jwt")
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
                "body_keyword": self._keyword_span(node, "json") if body_kw == "json" else None,
                "json_content_type": (
                    self._json_content_type_removal(node) if body_kw == "json" else None
                ),
            },
        )

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
        grant: str | None,
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
                grant=word_sym(grant) if grant and UNKNOWN not in grant else None,
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
            val = self.resolver.resolve(value)
            text = val.text
            if text and UNKNOWN not in text and is_url_like(text):
                self.out.append(Export(**_at(self, value), name=name, value=val.to_sym()))

    def finish(self, module: cst.Module) -> None:
        self.facts = {BATCH_KEY: encode_batch(self.out, "python")}

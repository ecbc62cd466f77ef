"""Facts about how a Python file authenticates with CXone and which CXone hosts it calls.

Extractor "cxone.http". One libcst pass per file; values are resolved statically (values.py).
Everything stored is JSON data without secret values: URLs, grant types, client-auth styles,
claim names, environment variable names, and positions (1-based line and column).

Facts (every list item has "line" and "col"):

- "urls": every string literal (plain, implicit concatenation, f-string with unknown parts as
  UNKNOWN) that is a CXone URL or host: url, host, kind, area, government, environment,
  path_kind, cluster, and "fallback_for" when the literal is the default of
  `.get("api_endpoint", ...)`-like reads.
- "other_hosts": hosts of non-CXone absolute URLs in the file (to tell other identity providers).
- "token_requests": calls that reach a token endpoint: lib (requests, httpx, aiohttp, urllib,
  requests-oauthlib, authlib, http), method, url (Val JSON: text/env/refs/keys), endpoint (token,
  legacy-token, access-key, userhub-refresh, discovered, unknown), target (cxone, other,
  unknown), grant, client_auth (list of basic-header, basic-auth, basic-library-default, post,
  jwt, none), body (form, json, string, none, unknown), access_key_encoding (raw, encoded,
  None), access_key_json (accessKeyId in a JSON body), pkce_verifier, redirect_uri, username.
- "grants": each grant_type value written in the file (dict entry, keyword, body string),
  with value and whether it sits in a token request.
- "authorize": browser-flow starts: an authorize URL, a parameter dict with `response_type`, or
  `authorization_url()` / `create_authorization_url()`: source, response_type,
  code_challenge (bool), method ("S256", "plain" or None), redirect_uri.
- "redirect_uris": values given as `redirect_uri` (text when URL-like, env names).
- "jwt_encodes": `jwt.encode` calls: alg, claims (names), iss_sub_same, iss_sub_client_id,
  aud (token-endpoint, other, unknown), exp_seconds, key (client-secret, private-key, other),
  in_assertion_file.
- "jwt_unverified": `jwt.decode` with signature verification off.
- "config_calls": calls to `/.well-known/cxone-configuration` and whether they send an
  Authorization header ("auth_header").
- "api_endpoint_reads": reads of `api_endpoint` (subscript, `.get`, attribute).
- "imports": local name -> "module:NAME"; "constants": module-level URL-like constants.
- "libs": HTTP/OAuth libraries imported; "cxone_context": the file names NICE CXone/inContact
  unambiguously; "cxone_word": it says "cxone" (also Checkmarx One's name); "checkmarx": it
  mentions Checkmarx.

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

from cxone_lint.api.python import PythonExtractor
from cxone_rules.analysis.values import (
    ENCODE_FUNCS,
    Resolver,
    Scopes,
    Val,
    arg,
    call_name,
    collect_bindings,
    dotted,
    is_url_like,
    iter_classes,
    kwnames,
    literal_text,
    single_return,
)
from cxone_rules.domain.hosts import (
    UNKNOWN,
    classify_url,
    is_cxone_host,
    redact_url,
    split_url,
    url_path_kind,
)

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
CXONE_WORDS = ("incontact", "nicecxone", "nice cxone", "nice_cxone", "nice-cxone")


def _pos(extractor: PythonExtractor, node: cst.CSTNode) -> dict[str, int]:
    start = extractor.get_metadata(PositionProvider, node).start
    return {"line": start.line, "col": start.column + 1}


MOCK_ROOTS = frozenset({"responses", "respx", "httpretty", "aioresponses", "httpx_mock"})


def _is_mock(name: str) -> bool:
    """`requests_mock.post(url, json=...)` registers a fake response; it sends nothing."""
    root = name.split(".")[0].lower()
    return "mock" in root or root in MOCK_ROOTS


# Values stored in facts are vocabulary words only (grant types, response types, methods,
# algorithms); anything else is stored as "other", so a secret can never slip into facts.
WORD_RE = re.compile(r"^[A-Za-z0-9_.:\- ]{1,80}$")


def _word(text: str | None) -> str | None:
    if text is None:
        return None
    if UNKNOWN in text or not WORD_RE.match(text):
        return "other"
    if text.startswith("urn:") or re.fullmatch(
        r"[a-z_ ]{1,40}|S256|plain|[A-Z]{2}\d{3}|EdDSA", text
    ):
        return text
    return "other"


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
        lowered = text.lower()
        self.facts = {
            "urls": [],
            "other_hosts": [],
            "token_requests": [],
            "grants": [],
            "authorize": [],
            "redirect_uris": [],
            "jwt_encodes": [],
            "jwt_unverified": [],
            "config_calls": [],
            "api_endpoint_reads": [],
            "imports": {},
            "constants": {},
            "libs": [],
            # Words that name NICE CXone / inContact unambiguously.
            "cxone_context": any(w in lowered for w in CXONE_WORDS),
            # The bare word "cxone" is also Checkmarx One's name: weak evidence only.
            "cxone_word": "cxone" in lowered,
            "checkmarx": "checkmarx" in lowered,
            "assertion_file": "client_assertion" in text,
        }
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

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.scopes.frames.pop()

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
            self.facts["imports"][local] = target

    def _lib(self, module: str) -> None:
        top = module.split(".")[0]
        lib = HTTP_LIBS.get(top)
        if top == "jwt":
            lib = "pyjwt"
        if lib and lib not in self.facts["libs"]:
            self.facts["libs"].append(lib)

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
        text = self._shallow_text(node)
        if not text or len(text) > 2000:
            return
        text = text.strip()
        # A form body has no whitespace; prose (a docstring explaining grants) does.
        if "grant_type=" in text and not any(c.isspace() for c in text):
            for match in GRANT_RE.finditer(text):
                self.facts["grants"].append(
                    {**_pos(self, node), "value": _word(match.group(1)), "source": "string"}
                )
        info = classify_url(text)
        if info is None:
            if "://" in text and not any(c.isspace() for c in text):
                split = split_url(text)
                if split and UNKNOWN not in split[0]:
                    host = split[0]
                    if host not in self.facts["other_hosts"]:
                        self.facts["other_hosts"].append(host)
            return
        if info.kind == "docs":
            return
        entry = {**_pos(self, node), "url": redact_url(text), **info.to_json()}
        entry.update(self._defaults.get(id(node), {}))
        self.facts["urls"].append(entry)

    def _shallow_text(self, node: cst.BaseExpression) -> str | None:
        """The literal's own text, UNKNOWN for interpolated parts; nested parts marked seen."""
        if isinstance(node, cst.ConcatenatedString):
            self._seen_strings.add(id(node.left))
            self._seen_strings.add(id(node.right))
            left, right = self._shallow_text(node.left), self._shallow_text(node.right)
            return None if left is None or right is None else left + right
        if isinstance(node, cst.FormattedString):
            return "".join(
                part.value if isinstance(part, cst.FormattedStringText) else UNKNOWN
                for part in node.parts
            )
        return literal_text(node)

    # -- reads of discovery keys ----------------------------------------------------------------

    def visit_Subscript(self, node: cst.Subscript) -> None:
        if len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
            key = literal_text(node.slice[0].slice.value)
            if key == "api_endpoint":
                self.facts["api_endpoint_reads"].append(_pos(self, node))

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value == "api_endpoint":
            self.facts["api_endpoint_reads"].append(_pos(self, node))

    def visit_Dict(self, node: cst.Dict) -> None:
        keys: dict[str, cst.BaseExpression] = {}
        for el in node.elements:
            if isinstance(el, cst.DictElement):
                k = literal_text(el.key)
                if k is not None:
                    keys[k] = el.value
        if "grant_type" in keys:
            value = self.resolver.text_of(keys["grant_type"])
            if value and UNKNOWN not in value:
                self.facts["grants"].append(
                    {**_pos(self, keys["grant_type"]), "value": _word(value), "source": "dict"}
                )
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
        self.facts["authorize"].append(
            {
                **_pos(self, node),
                "source": source,
                "response_type": _word(rt),
                "code_challenge": "code_challenge" in keys,
                "method": _word(method),
                "redirect_uri": redirect.to_json() if redirect else None,
                "scope": None,
            }
        )

    def _redirect(self, value: cst.BaseExpression) -> None:
        val = self.resolver.resolve(value)
        self.facts["redirect_uris"].append({**_pos(self, value), **val.to_json()})

    # -- calls ----------------------------------------------------------------------------------

    def _note_session(self, name: str | None, value: cst.BaseExpression) -> None:
        """Remember `x = OAuth2Session(...)` so x.fetch_token(...) knows its client."""
        if not name or not isinstance(value, cst.Call):
            return
        short = (call_name(value) or "").rsplit(".", 1)[-1]
        if short in ("OAuth2Session", "AsyncOAuth2Client", "OAuth2Client"):
            self._sessions[name] = self._session_info(value)

    def _session_info(self, call: cst.Call) -> dict[str, Any]:
        libs = self.facts["libs"]
        lib = "authlib" if "authlib" in libs else "requests-oauthlib"
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
                value = self.resolver.text_of(a.value)
                if value and UNKNOWN not in value:
                    self.facts["grants"].append(
                        {**_pos(self, a.value), "value": _word(value), "source": "keyword"}
                    )
        if "response_type" in kwnames(node) and short not in ("dict",):
            keys = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
            self._authorize_params(node, keys, "keywords")
        if name in ("jwt.encode", "encode") and (
            name == "jwt.encode" or self.scopes.imports.get("encode", "").startswith("jwt")
        ):
            self._jwt_encode(node)
            return
        if name in ("jwt.decode", "decode") and (
            name == "jwt.decode" or self.scopes.imports.get("decode", "").startswith("jwt")
        ):
            self._jwt_decode(node)
            return
        if short in ("get", "getenv", "setdefault"):
            key = literal_text(arg(node, 0, None) or cst.Name("_"))
            default = arg(node, 1, "default")
            if key == "api_endpoint" and isinstance(node.func, cst.Attribute):
                self.facts["api_endpoint_reads"].append(_pos(self, node))
            if key is not None and default is not None:
                env = name in ("os.getenv", "getenv", "os.environ.get", "environ.get")
                self._defaults[id(default)] = {"env": key} if env else {"fallback_for": key}
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
        lib = session.get("lib") or (
            "authlib" if "authlib" in self.facts["libs"] else "requests-oauthlib"
        )
        if lib is None or (
            "requests-oauthlib" not in self.facts["libs"] and "authlib" not in self.facts["libs"]
        ):
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
        self.facts["authorize"].append(
            {
                **_pos(self, node),
                "source": short,
                "response_type": _word(self.resolver.text_of(kws.get("response_type"))) or "code",
                "code_challenge": challenge,
                "method": _word(method),
                "redirect_uri": None,
                "scope": None,
            }
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
            entry: dict[str, Any] = {**_pos(self, node), "auth_header": has_auth}
            removal = self._headers_removal(node)
            if has_auth and removal is not None:
                entry["remove_headers"] = removal
            self.facts["config_calls"].append(entry)
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
            encoding = self._body_encoding(body_node)
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
                "redirect_uri": redirect.to_json() if redirect else None,
                "json_keyword": self._keyword_pos(node, "json") if body_kw == "json" else None,
            },
        )

    def _end(self, node: cst.CSTNode) -> list[int]:
        end = self.get_metadata(PositionProvider, node).end
        return [end.line, end.column + 1]

    def _headers_removal(self, node: cst.Call) -> list[list[int]] | None:
        """The text span `, headers={"Authorization": ...}` when that dict holds nothing else:
        [start, end] as [line, col] pairs (1-based, end exclusive)."""
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
            return [self._end(node.args[i - 1].value), self._end(value)]
        return None

    def _keyword_pos(self, node: cst.Call, keyword: str) -> list[int] | None:
        for a in node.args:
            if a.keyword is not None and a.keyword.value == keyword:
                p = _pos(self, a.keyword)
                return [p["line"], p["col"]]
        return None

    def _guess_lib(self) -> str:
        for lib in ("requests", "httpx", "aiohttp", "urllib"):
            if lib in self.facts["libs"]:
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

    def _body_encoding(self, node: cst.BaseExpression | None) -> str | None:
        """For a body string built by hand: are the username/password values URL-encoded?"""
        seen = 0
        while isinstance(node, cst.Name) and seen < 5:
            node = self.scopes.lookup(node.value)
            seen += 1
        if node is None:
            return None
        if isinstance(node, cst.Call):
            short = (call_name(node) or "").rsplit(".", 1)[-1]
            if short in ENCODE_FUNCS:
                return "encoded"
            if short == "encode" and isinstance(node.func, cst.Attribute):
                return self._body_encoding(node.func.value)
        pieces = self._pieces(node)
        if not pieces:
            return None
        verdict: str | None = None
        for before, expr in pieces:
            if before.endswith(("username=", "password=", "accessKeyId=", "accessKeySecret=")):
                if expr is not None and self._is_encoded(expr):
                    verdict = verdict or "encoded"
                else:
                    return "raw"
        return verdict

    def _is_encoded(self, expr: cst.BaseExpression) -> bool:
        if isinstance(expr, cst.Name):
            bound = self.scopes.lookup(expr.value)
            if bound is not None:
                return self._is_encoded(bound)
        if isinstance(expr, cst.Call):
            return (call_name(expr) or "").rsplit(".", 1)[-1] in ENCODE_FUNCS
        return False

    def _pieces(self, node: cst.BaseExpression) -> list[tuple[str, cst.BaseExpression | None]]:
        """(text before, expression) for each interpolated part of a string expression."""
        out: list[tuple[str, cst.BaseExpression | None]] = []
        if isinstance(node, cst.FormattedString):
            text = ""
            for part in node.parts:
                if isinstance(part, cst.FormattedStringText):
                    text += part.value
                elif isinstance(part, cst.FormattedStringExpression):
                    out.append((text, part.expression))
                    text += UNKNOWN
            return out
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
            flat: list[cst.BaseExpression] = []

            def walk(n: cst.BaseExpression) -> None:
                if isinstance(n, cst.BinaryOperation) and isinstance(n.operator, cst.Add):
                    walk(n.left)
                    walk(n.right)
                else:
                    flat.append(n)

            walk(node)
            text = ""
            for n in flat:
                lit = literal_text(n)
                if lit is not None:
                    text += lit
                else:
                    out.append((text, n))
                    text += UNKNOWN
            return out
        if (
            isinstance(node, cst.Call)
            and isinstance(node.func, cst.Attribute)
            and node.func.attr.value == "format"
        ):
            template = literal_text(node.func.value) or ""
            args = [a.value for a in node.args if a.keyword is None]
            kw = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
            index = 0
            for m in re.finditer(r"\{([^{}]*)\}", template):
                field = m.group(1).split(":")[0]
                expr = kw.get(field) if field and not field.isdigit() else None
                if not field:
                    expr = args[index] if index < len(args) else None
                    index += 1
                elif field.isdigit():
                    expr = args[int(field)] if int(field) < len(args) else None
                out.append((template[: m.start()], expr))
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Modulo):
            template = literal_text(node.left) or ""
            right = node.right
            args = [e.value for e in right.elements] if isinstance(right, cst.Tuple) else [right]
            for i, m in enumerate(re.finditer(r"%[sdr]", template)):
                out.append((template[: m.start()], args[i] if i < len(args) else None))
        return out

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
        info = classify_url(url.text) if url.text else None
        if info is not None:
            endpoint = info.path_kind if info.path_kind in TOKEN_PATHS else "unknown"
            target = "cxone"
        else:
            if "token_endpoint" in url.keys or any(
                r.rsplit(":", 1)[-1].lower().lstrip("_") == "token_endpoint" for r in url.refs
            ):
                # A discovered value, or a parameter/attribute named for it.
                endpoint = "discovered"
            elif url.text and url_path_kind(url.text) in TOKEN_PATHS:
                endpoint = url_path_kind(url.text) or "unknown"
            else:
                endpoint = "unknown"
            split = split_url(url.text) if url.text and "://" in url.text else None
            target = "unknown"
            if split:
                # `https://{tenant}.zendesk.com/...`: a known non-CXone domain is enough.
                tail = split[0].rsplit(UNKNOWN, 1)[-1].strip(".-")
                if "." in tail and not is_cxone_host(tail):
                    target = "other"
        self.facts["token_requests"].append(
            {
                **_pos(self, node),
                "lib": lib,
                "method": _word(method),
                "url": url.to_json(),
                "host": info.to_json() if info else None,
                "endpoint": endpoint,
                "target": target,
                "grant": _word(grant) if grant and UNKNOWN not in grant else None,
                "client_auth": styles,
                "body": body,
                **extra,
            }
        )

    # -- JWT ------------------------------------------------------------------------------------

    def _jwt_encode(self, node: cst.Call) -> None:
        payload_node = arg(node, 0, "payload")
        key_node = arg(node, 1, "key")
        alg = self.resolver.text_of(arg(node, 2, "algorithm"))
        payload = self.resolver.resolve(payload_node)
        claims: dict[str, cst.BaseExpression] = {}
        dict_node = payload_node
        while isinstance(dict_node, cst.Name):
            dict_node = self.scopes.lookup(dict_node.value)
        if isinstance(dict_node, cst.Dict):
            for el in dict_node.elements:
                if isinstance(el, cst.DictElement):
                    k = literal_text(el.key)
                    if k is not None:
                        claims[k] = el.value
        elif isinstance(dict_node, cst.Call) and call_name(dict_node) == "dict":
            claims = {a.keyword.value: a.value for a in dict_node.args if a.keyword}
        known_claims = bool(claims) or payload.items is not None
        iss_sub_same = None
        iss_client = None
        if "iss" in claims and "sub" in claims and self.module is not None:
            iss_sub_same = self.module.code_for_node(claims["iss"]) == self.module.code_for_node(
                claims["sub"]
            )
            iss_client = "client_id" in self.module.code_for_node(claims["iss"]).lower()
        aud = None
        if "aud" in claims:
            aud_val = self.resolver.resolve(claims["aud"])
            info = classify_url(aud_val.text) if aud_val.text else None
            names = {n.rsplit(":", 1)[-1].lower().lstrip("_") for n in aud_val.refs}
            names.update(k.lower() for k in aud_val.keys)
            if (
                (info and info.path_kind == "token")
                or names & {"token_endpoint", "token_url"}
                or (aud_val.text and aud_val.text.rstrip("/").endswith("/token"))
            ):
                aud = "token-endpoint"
            elif aud_val.text is not None and UNKNOWN not in aud_val.text:
                aud = "other"
            else:
                aud = "unknown"
        self.facts["jwt_encodes"].append(
            {
                **_pos(self, node),
                "alg": _word(alg)
                if alg is not None
                else ("HS256" if arg(node, 2, "algorithm") is None else None),
                "claims": sorted(c for c in claims if re.fullmatch(r"[A-Za-z_]\w{0,30}", c))
                if known_claims
                else None,
                "iss_sub_same": iss_sub_same,
                "iss_client_id": iss_client,
                "aud": aud,
                "exp_seconds": self._exp_seconds(claims.get("exp")),
                "key": self._key_kind(key_node),
                "in_assertion_file": self.facts["assertion_file"],
            }
        )

    def _exp_seconds(self, node: cst.BaseExpression | None) -> int | None:
        """Lifetime for `now + N` / `now + timedelta(...)` expressions, else None."""
        while isinstance(node, cst.Name):
            node = self.scopes.lookup(node.value)
        if isinstance(node, cst.Call) and (call_name(node) or "") in ("int", "round"):
            node = node.args[0].value if node.args else None
        if not isinstance(node, cst.BinaryOperation) or not isinstance(node.operator, cst.Add):
            return None
        for side in (node.right, node.left):
            seconds = self._duration(side)
            if seconds is not None:
                return seconds
        return None

    def _duration(self, node: cst.BaseExpression) -> int | None:
        while isinstance(node, cst.Name):
            bound = self.scopes.lookup(node.value)
            if bound is None:
                return None
            node = bound
        if isinstance(node, cst.Integer):
            return int(node.evaluated_value)
        if isinstance(node, cst.Float):
            return int(node.evaluated_value)
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Multiply):
            a, b = self._duration(node.left), self._duration(node.right)
            return a * b if a is not None and b is not None else None
        if isinstance(node, cst.Call) and (call_name(node) or "").endswith("timedelta"):
            factors = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400, "weeks": 604800}
            total = 0
            for a in node.args:
                value = self._duration(a.value)
                if value is None:
                    return None
                total += value * factors.get(a.keyword.value if a.keyword else "days", 0)
            return total
        return None

    def _key_kind(self, node: cst.BaseExpression | None) -> str:
        if node is None:
            return "other"
        text = literal_text(node)
        if text is not None and "-----BEGIN" in text:
            return "private-key"
        code = self.module.code_for_node(node).lower() if self.module is not None else ""
        if "private" in code or ".pem" in code:
            return "private-key"
        if "secret" in code:
            return "client-secret"
        return "other"

    def _jwt_decode(self, node: cst.Call) -> None:
        options = self.resolver.resolve(arg(node, None, "options"))
        verify = options.items.get("verify_signature") if options.items else None
        off = False
        options_node = arg(node, None, "options")
        if isinstance(options_node, cst.Dict):
            for el in options_node.elements:
                if (
                    isinstance(el, cst.DictElement)
                    and literal_text(el.key) == "verify_signature"
                    and isinstance(el.value, cst.Name)
                    and el.value.value == "False"
                ):
                    off = True
        verify_kw = arg(node, None, "verify")
        if isinstance(verify_kw, cst.Name) and verify_kw.value == "False":
            off = True
        del verify
        if off:
            self.facts["jwt_unverified"].append(_pos(self, node))

    # -- end ------------------------------------------------------------------------------------

    def finish(self, module: cst.Module) -> None:
        for name, value in self.scopes.module.items():
            text = self.resolver.text_of(value)
            if text and UNKNOWN not in text and is_url_like(text):
                self.facts["constants"][name] = text

"""The fact kinds of the CXone pack: what an integration's files say, in no language's terms.

Each kind is a frozen dataclass with the common header of `cxone_lint.api.facts.Fact` (file,
language, start and exclusive end in 1-based lines and character columns: the whole literal,
key or call). Values taken from the code (URLs, grant types, redirect URIs, algorithms) are
symbolic strings (`SymStr`); what the extractor decided about them (a library, a body form,
a client-authentication style) is plain vocabulary (`str`). No field ever holds a secret value:
a secret is a kind and a fingerprint.

Derived readings (the host a URL names, the auth method a request uses) are properties computed
from the fields with the pack's domain knowledge, so they follow the linker when it fills a hole.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from cxone_lint.api.facts import Fact, Header, Span
from cxone_rules.domain import oauth
from cxone_rules.domain.hosts import HostInfo, classify_url
from cxone_rules.domain.secrets import JwtInfo
from cxone_rules.facts.symstr import SymStr

# -- URLs and hosts ----------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class UrlUse(Fact):
    """A CXone URL written in code (a literal) or in a configuration file (a value)."""

    url: SymStr
    key: str | None = None  # configuration: the dotted key path that holds it
    fallback_for: str | None = None  # the default of `.get("<key>", <url>)`: that key
    env_default_for: str | None = None  # the default of `getenv("<NAME>", <url>)`: that name

    @cached_property
    def info(self) -> HostInfo | None:
        """What the URL names (service kind, area, environment, path kind)."""
        return classify_url(self.url.render())

    @cached_property
    def infos(self) -> tuple[HostInfo, ...]:
        """What each reading of the URL names: a host built in a loop over areas is each
        area's host (`each` holes), a plain URL its one reading."""
        out = [classify_url(r.render()) for r in self.url.readings()]
        return tuple(i for i in out if i is not None) or ((self.info,) if self.info else ())


@dataclass(frozen=True, kw_only=True)
class PlainHttpUrl(Fact):
    """An `http://` URL to a CXone host: credentials and tokens would travel in clear text."""

    host: str
    key: str | None = None  # configuration: the key that holds it
    scheme: Span | None = None  # the `http://` a fix rewrites (literals only)


# -- OAuth: token and authorize requests -------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class TokenRequest(Fact):
    """A request that obtains a token: an HTTP call to a token endpoint, with a grant_type,
    or an OAuth library's fetch_token.

    lib: requests | httpx | aiohttp | urllib | requests-oauthlib | authlib | http | fetch ...
    endpoint: token | legacy-token | access-key | userhub-refresh | discovered | unknown
    target: cxone | other | unknown (the profile adds cxone-likely for CXone code)
    client_auth: basic-header | basic-auth | basic-library-default | post | jwt | none |
        bearer | digest | custom-auth | declared (a library's token_endpoint_auth_method whose
        value this file does not know: `declared_auth` holds it, the linker fills it) |
        header (an Authorization header from another module: `auth_header` holds it)
    body: form | json | string | none | unknown
    access_key_encoding: raw | encoded | None (a body string built by hand: are the access
        key values URL-encoded?)
    body_keyword: the keyword that sends the body as JSON (`json=`), for the fix to `data=`
    json_content_type: the text that removes a `Content-Type: application/json` header the
        form body would contradict (the fix to `data=` removes it too)
    """

    lib: str
    method: str | None
    url: SymStr
    endpoint: str
    target: str
    grant: SymStr | None = None
    client_auth: tuple[str, ...] = ()
    body: str = "unknown"
    access_key_encoding: str | None = None
    access_key_json: bool = False
    pkce_verifier: bool = False
    client_id_in_body: bool = False
    redirect_uri: SymStr | None = None
    scope: SymStr | None = None
    body_keyword: Span | None = None
    json_content_type: Span | None = None
    declared_auth: SymStr | None = None
    auth_header: SymStr | None = None
    # Where the client authentication is written (the auth= argument, the Authorization
    # header, the client_secret field; on the session or client when it is set there).
    client_auth_at: Span | None = None

    @cached_property
    def host(self) -> HostInfo | None:
        return classify_url(self.url.render()) if self.url else None

    @property
    def styles(self) -> tuple[str, ...]:
        """`client_auth` with a declared auth method read as the style it means."""
        if "declared" not in self.client_auth and "header" not in self.client_auth:
            return self.client_auth
        out = [s for s in self.client_auth if s not in ("declared", "header")]
        if "declared" in self.client_auth:
            text = self.declared_auth.text if self.declared_auth is not None else None
            mapped = oauth.DECLARED_STYLES.get(text or "")
            if mapped:
                out.append(mapped)
        if "header" in self.client_auth and self.auth_header is not None:
            if self.auth_header.startswith("basic ", case=False):
                out.append("basic-header")
            elif self.auth_header.startswith("bearer ", case=False):
                out.append("bearer")
        return tuple(out)

    @property
    def auth_method(self) -> str | None:
        """client_secret_basic | client_secret_post | client_secret_jwt | none, or None."""
        return oauth.auth_method(self.endpoint, self.styles)

    @property
    def grant_type(self) -> str | None:
        return self.grant.text if self.grant is not None else None


@dataclass(frozen=True, kw_only=True)
class AuthorizeRequest(Fact):
    """The start of a browser flow: an authorize URL built with its parameters, a parameter
    set with `response_type`, or a library's authorization_url().

    source: url | params | keywords | authorization_url | create_authorization_url
    """

    source: str
    response_type: SymStr | None = None
    code_challenge: bool = False
    challenge_method: SymStr | None = None
    redirect_uri: SymStr | None = None
    scope: SymStr | None = None
    state: SymStr | None = None  # None: no state sent; a literal: a static state
    nonce: SymStr | None = None
    # Where the response type and the PKCE method are written (a finding points there).
    response_type_at: Span | None = None
    challenge_method_at: Span | None = None


@dataclass(frozen=True, kw_only=True)
class GrantValue(Fact):
    """A grant_type value written in the code. source: dict | keyword | string."""

    value: SymStr
    source: str


@dataclass(frozen=True, kw_only=True)
class RedirectUri(Fact):
    """A value given as `redirect_uri`."""

    value: SymStr


@dataclass(frozen=True, kw_only=True)
class JwtEncode(Fact):
    """A JWT signed by the code (client assertions).

    audience: token-endpoint | other | unknown | None (no aud claim)
    key: client-secret | private-key | other
    """

    alg: SymStr | None = None
    claims: tuple[str, ...] | None = None  # claim names, None when the payload is not known
    iss_sub_same: bool | None = None
    iss_is_client_id: bool | None = None
    audience: str | None = None
    lifetime_seconds: int | None = None
    key: str = "other"


@dataclass(frozen=True, kw_only=True)
class JwtDecode(Fact):
    """A JWT decoded by the code; emitted when it does not verify the signature."""

    verifies_signature: bool = False


@dataclass(frozen=True, kw_only=True)
class DiscoveryCall(Fact):
    """A request for a discovery document. document: cxone-configuration | openid-configuration.

    authorization_removal: the text that removes the Authorization header (a fix), when the
    header is all the headers argument holds."""

    document: str
    sends_authorization: bool = False
    authorization_removal: Span | None = None


@dataclass(frozen=True, kw_only=True)
class ConfigRead(Fact):
    """A key read from configuration or a discovered document (`conf["api_endpoint"]`,
    `settings.api_endpoint`). via: subscript | get | attribute. For a document the code loads
    (`yaml.safe_load(...)["cxone"]["client_secret"]`), `value` is its `config:` hole, so the
    linker knows which configuration value this line reads."""

    key: str
    via: str
    value: SymStr | None = None


# -- secrets, sinks, transport ---------------------------------------------------------------


@dataclass(frozen=True)
class EnvFix:
    """How the code would read a secret from the environment instead: `replacement` with
    `{env}` for the variable name, and the import that needs (None when present)."""

    env: str
    replacement: str
    import_line: int | None = None
    import_text: str = ""


@dataclass(frozen=True, kw_only=True)
class SecretLiteral(Fact):
    """A real credential written in a file: kind and fingerprint, never the value.

    kind: client-secret | access-key-secret | token | basic-key | password | api-key | secret |
        private-key | authorization (domain.secrets)
    context: assignment | keyword | dict | default | auth | env-default | literal (code), or the
        configuration format (env, json, yaml, toml)
    shape: what a Basic key or header holds (app@vendor:bu, client_id:secret, opaque ...)
    """

    kind: str
    name: str
    fingerprint: str
    context: str
    shape: str | None = None
    jwt: JwtInfo | None = None
    env_fix: EnvFix | None = None


@dataclass(frozen=True, kw_only=True)
class BasicCredential(Fact):
    """An HTTP Basic credential built by the code from parts (`"Basic " + b64(id + ":" + s)`):
    which parts, never their values."""

    header: SymStr
    user: SymStr | None = None
    password: SymStr | None = None


UPSTREAM_ERROR = "the token endpoint's error body"
"""What a Sink says when a route hands back a failed token request's body."""


@dataclass(frozen=True, kw_only=True)
class Sink(Fact):
    """A sensitive value written out. sink: print | log | exception | HTTP response | URL
    query; what: which value (`the 'access_token' field`, `the whole token response`).

    A candidate (`what` empty) writes out a value this file cannot judge: a parameter, what
    another function returns (`print(get_token())`); `value` holds its holes and it is a leak
    when the linker fills them with a `secret:` hole (`leaked`)."""

    sink: str
    what: str
    value: SymStr | None = None

    @property
    def leaked(self) -> str | None:
        """What sensitive value is written out, or None (a candidate the linker cleared)."""
        if self.what:
            return self.what
        found = self.value.secrets() if self.value is not None else []
        return found[0] if found else None


@dataclass(frozen=True, kw_only=True)
class TlsSetting(Fact):
    """Certificate verification turned off (`verify=False`, `CERT_NONE`, ...), or set from a
    value this file does not know (`verify=VERIFY_SSL`, `verify=cfg["verify_ssl"]`): `flag`
    holds it and the setting is off when the linker finds it false. In a configuration file:
    a `verify_ssl: false` key (`key` is its path)."""

    what: str
    flag: SymStr | None = None
    key: str | None = None

    @property
    def off(self) -> bool:
        """Verification is off: written so, or the flag's value (one of its values, when
        several callers pass it) is false."""
        if self.flag is None:
            return True
        return any(oauth.is_false(r.text) for r in self.flag.readings())


@dataclass(frozen=True, kw_only=True)
class CorsPolicy(Fact):
    """A CORS header or middleware setting of the integration's own server.

    allows: any (`*`) | reflect (the request's Origin sent back) | list (fixed origins) |
        pattern (a regular expression) | check (a function or condition decides) | unknown
    credentials: True when cookies and Authorization headers are allowed (None: not said)
    origins: the allowed origins as written (public names, never secrets), for `list`
    loose: how a check or pattern lets in more than it means: suffix (`endswith`), substring
        (`in`), unanchored (a pattern without ^...$), scheme (the scheme is dropped before
        comparing), no-origin (a request without Origin passes)
    scope: app (middleware for every route) | route (one handler sets it)
    """

    what: str
    origin: SymStr | None = None
    allows: str = "unknown"
    credentials: bool | None = None
    origins: tuple[str, ...] = ()
    loose: str | None = None
    scope: str = "app"


# -- tokens at run time, the integration's own server ------------------------------------------


@dataclass(frozen=True, kw_only=True)
class TokenUse(Fact):
    """One thing the code does with a token it obtained: how the token lives in production.

    action:
      store   a bearer put into a holder that outlives the call (a session's or client's
              headers, a header dict, axios defaults): `holder` as written, `scope` (module |
              constructor | function), `renewed` (set again somewhere else, or the holder
              rebuilt), `used` (none | later: calls through it from functions | loop: calls
              through it in a loop), `source` (token-response | env | unknown)
      expiry  an expiry kept for a cached token: `lifetime` (expires_in | constant | unknown),
              `margin` (something subtracted), `refresh` (it is the refresh token's expiry),
              `units` (ms-from-seconds: a millisecond clock plus `expires_in` in seconds)
      check   the clock compared with an expiry: `inverted` (a new token while the old one is
              valid, or an expired one reused), `margin`, `duration` (compared with
              `expires_in` itself, a duration, not a point in time)
      cache   a token-fetching function cached by a decorator: `lifetime` (forever | constant)
      decode  a JWT's claims read: `verified`, `token` (id_token | access_token | other),
              `source` (request: the incoming request | token-response | unknown), `claims`
              read, `routing` (a claim chooses a host or URL)
      spend   the function sends a bearer to an API (an Authorization header, a holder)
      hand    the function returns a token or the token response: `source` says which
    func: the enclosing function (`Class.method`), "" at module level
    """

    action: str
    func: str = ""
    holder: str | None = None
    scope: str = "function"
    renewed: bool = False
    used: str = "none"
    source: str = "unknown"
    lifetime: str | None = None
    margin: bool = False
    refresh: bool = False
    units: str | None = None
    inverted: bool = False
    duration: bool = False
    verified: bool = False
    token: str | None = None
    claims: tuple[str, ...] = ()
    routing: bool = False


@dataclass(frozen=True, kw_only=True)
class CodeBlock(Fact):
    """A function or loop of a file that handles tokens, spanning its whole body: where a
    token request sits, and whether what it obtains is kept.

    kind: function | loop
    name: the function (`Class.method`); for a loop, the function it sits in
    per_item: a loop over items or a polling loop (not a bounded retry that stops on success)
    caches: the function keeps what it obtains beyond the call (an attribute, a global, a
        cache entry) or returns a kept one
    decorator: a caching decorator on the function (lru_cache | cache | ttl-cache)
    """

    kind: str
    name: str = ""
    per_item: bool = False
    caches: bool = False
    decorator: str | None = None


@dataclass(frozen=True, kw_only=True)
class LoopCall(Fact):
    """A call inside a per-item loop: an HTTP call, or a call by name of a function that may
    fetch a token (`get_token()`, `auth.login()`, `self._headers()`). `callee` as written,
    `func` the function the loop sits in, `item` its arguments use the loop's item (a token
    per environment or tenant is one per item on purpose)."""

    callee: str
    func: str = ""
    item: bool = False


@dataclass(frozen=True, kw_only=True)
class HttpRoute(Fact):
    """A route of the integration's own server, at its decorator or registration; the span
    covers the handler.

    framework: flask | fastapi | starlette | django | aiohttp | express | fastify | next
    methods: HTTP methods (upper case), () for any
    path: the route path as written
    handler: the handler's name ("" for an inline function)
    auth: how the caller is authenticated: none | dependency (FastAPI Depends/Security) |
        decorator (login_required, jwt_required ...) | middleware (a handler before it, an
        app-wide hook) | check (the handler reads and tests a credential or the user)
    spends_token: the handler sends a bearer to an API itself
    returns_token: what token its response carries ("" for none)
    calls: the names the handler calls, as written (to follow into helpers in other files)
    returned_calls: the names called in what it returns (`return {"token": get_token()}`)
    """

    framework: str
    methods: tuple[str, ...] = ()
    path: SymStr | None = None
    handler: str = ""
    auth: str = "none"
    spends_token: bool = False
    returns_token: str = ""
    calls: tuple[str, ...] = ()
    returned_calls: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ListenAddress(Fact):
    """Where the integration's server is told to listen (`app.run(host=...)`,
    `uvicorn.run(...)`, `app.listen(port, host)`): `all_interfaces` for 0.0.0.0 / :: / ''."""

    framework: str
    host: SymStr | None = None
    all_interfaces: bool = False


@dataclass(frozen=True, kw_only=True)
class ModuleRef(Fact):
    """A name bound to another module (or one of its values) by a call rather than an import
    statement (CommonJS `const { getToken } = require("./auth")`): `module` as the linker
    names it, `name` "" for the module itself. Read by the rules that follow calls across
    files; the linker's imports stay the language's import statements."""

    local: str
    module: str
    name: str = ""


@dataclass(frozen=True, kw_only=True)
class CallbackCheck(Fact):
    """The callback of a browser flow checks a value it sent: what (state | nonce), how
    (compare: the code compares it | library: the OAuth library checks it)."""

    what: str
    how: str = "compare"


@dataclass(frozen=True, kw_only=True)
class LogoutRedirect(Fact):
    """A value given as `post_logout_redirect_uri`."""

    value: SymStr


@dataclass(frozen=True, kw_only=True)
class TenantLiteral(Fact):
    """A CXone tenant id written in the code (a `tenantId=` query value, a `TENANT_ID`
    constant, a `tenantId` field): `name` where it is bound, `context` (query | assignment |
    dict | keyword). Tenant ids are identifiers, not secrets; the value is not kept."""

    name: str
    context: str


@dataclass(frozen=True, kw_only=True)
class TlsPinned(Fact):
    """A TLS protocol version pinned by the code: `version` (SSLv3 | TLSv1 | TLSv1.1 |
    TLSv1.2 | TLSv1.3), `bound` (min | max | only)."""

    version: str
    bound: str


@dataclass(frozen=True, kw_only=True)
class QueryCredential(Fact):
    """A token or credential put in a URL's query string (`?access_token={token}`,
    `params={"access_token": ...}`): `key` the parameter name."""

    key: str


@dataclass(frozen=True, kw_only=True)
class SessionKey(Fact):
    """A value from a request header used as the key of a server-side store
    (`SESSIONS[request.headers["X-Session-Id"]] = tokens`): `header` its name, `writes` the
    store is written under that key (a client that chooses the key chooses the session)."""

    header: str
    writes: bool = False


# -- values across files: what the linker joins -----------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Export(Fact):
    """A module-level name with a known value, offered to the files that import it."""

    name: str
    value: SymStr


@dataclass(frozen=True, kw_only=True)
class Function(Fact):
    """A function or method defined in the file, with its parameters in order (for the
    values its call sites pass). method: called on an instance (the first parameter is
    `self`), so a call's first argument is its second parameter."""

    name: str
    params: tuple[str, ...] = ()
    method: bool = False


@dataclass(frozen=True, kw_only=True)
class CallSite(Fact):
    """A call of a function of the project (`callee`: "MODULE:NAME", MODULE as written in
    the calling file, empty for the file itself; NAME `f` or `Class.method`) with the values
    its arguments have as facts may keep them: URLs, vocabulary, flags, holes the linker
    fills, `secret:` holes for tokens. bound: called on an instance (`self.m()`, `c.m()`)."""

    callee: str
    args: tuple[SymStr | None, ...] = ()
    keywords: tuple[tuple[str, SymStr], ...] = ()
    bound: bool = False


@dataclass(frozen=True, kw_only=True)
class Import(Fact):
    """`from <module> import <name> as <local>` and its kind in other languages; `name` is
    empty when the module itself is bound (`import <module> as <local>`)."""

    local: str
    module: str
    name: str


@dataclass(frozen=True, kw_only=True)
class ModuleAlias(Fact):
    """An import alias of the project's module system (TypeScript's `paths`: `"@/*":
    ["src/*"]`): `prefix` names what `target` (a project folder or file) holds."""

    prefix: str
    target: str
    wildcard: bool = True


@dataclass(frozen=True, kw_only=True)
class EnvRef(Fact):
    """The code reads an environment variable."""

    name: str
    default: SymStr | None = None


@dataclass(frozen=True, kw_only=True)
class EnvValue(Fact):
    """A variable set in a .env file: its value when that is safe to keep (a URL, a word),
    else only a fingerprint."""

    name: str
    value: SymStr | None = None
    fingerprint: str | None = None


@dataclass(frozen=True, kw_only=True)
class ConfigValue(Fact):
    """A value of a configuration document (YAML, JSON, TOML) at a key path (`cxone.token_url`),
    for the code that loads the document (`config:FILE#KEY` holes): only values facts may keep
    (URLs, vocabulary words, flags, numbers, areas)."""

    key: str
    value: SymStr


# -- the file as a whole ---------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class FileTraits(Fact):
    """What a file says about itself, from its text (one per file).

    cxone_named: NICE CXone / inContact named unambiguously; cxone_word: the bare word "cxone"
    (also Checkmarx One's name); mentions_checkmarx: the word "checkmarx"; checkmarx_code:
    Checkmarx One code (names Checkmarx and no NICE host); client_assertion: sends a
    client_assertion."""

    cxone_named: bool = False
    cxone_word: bool = False
    mentions_checkmarx: bool = False
    checkmarx_code: bool = False
    client_assertion: bool = False


@dataclass(frozen=True, kw_only=True)
class Coverage(Fact):
    """How much of a file was read: parsed with error regions, or skipped and why."""

    parsed: bool = True
    error_regions: int = 0
    skipped: str | None = None


@dataclass(frozen=True, kw_only=True)
class Deferred(Fact):
    """A Python file triage found no evidence in (extract/python/triage.py): the modules it
    imports, as written (`.config`, `pkg.sub`), and the context facts its analysis may yield
    (`callback`: a state compared, `hand`: a function returning a token). What facts/demand.py
    reads to decide whether the file is needed after all."""

    modules: tuple[str, ...] = ()
    context: tuple[str, ...] = ()


FILE_START = Header(line=1, column=1, end_line=1, end_column=1)
"""The header of facts about a whole file."""

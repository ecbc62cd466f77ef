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
        bearer | digest | custom-auth
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

    @cached_property
    def host(self) -> HostInfo | None:
        return classify_url(self.url.render()) if self.url else None

    @property
    def auth_method(self) -> str | None:
        """client_secret_basic | client_secret_post | client_secret_jwt | none, or None."""
        return oauth.auth_method(self.endpoint, self.client_auth)

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
    `settings.api_endpoint`). via: subscript | get | attribute."""

    key: str
    via: str


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


@dataclass(frozen=True, kw_only=True)
class Sink(Fact):
    """A sensitive value written out. sink: print | log | exception | HTTP response | URL
    query; what: which value (`the 'access_token' field`, `the whole token response`)."""

    sink: str
    what: str


@dataclass(frozen=True, kw_only=True)
class TlsSetting(Fact):
    """Certificate verification turned off (`verify=False`, `CERT_NONE`, ...)."""

    what: str


@dataclass(frozen=True, kw_only=True)
class CorsPolicy(Fact):
    """A CORS header or middleware setting of the integration's own server."""

    what: str
    origin: SymStr | None = None


# -- values across files: what the linker joins -----------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Export(Fact):
    """A module-level name with a known value, offered to the files that import it."""

    name: str
    value: SymStr


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


FILE_START = Header(line=1, column=1, end_line=1, end_column=1)
"""The header of facts about a whole file."""

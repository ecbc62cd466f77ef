"""OAuth vocabulary as CXone uses it, with no syntax: token endpoints, client authentication.

Every extractor, whatever its language, classifies a token request with these functions, so a
rule sees the same `endpoint`, `target` and `auth_method` for a Python `requests.post`, a
JavaScript `fetch` or a PowerShell `Invoke-RestMethod`.
"""

from __future__ import annotations

from collections.abc import Iterable

from cxone_rules.domain.hosts import UNKNOWN, HostInfo, classify_url, is_cxone_host, split_url
from cxone_rules.domain.hosts import url_path_kind as _url_path_kind

# URL path kinds of the endpoints that issue tokens (hosts.path_kind).
TOKEN_PATHS = frozenset({"token", "legacy-token", "access-key", "userhub-refresh"})
# Endpoints of the current OIDC token service (legacy ones authenticate differently).
OIDC_ENDPOINTS = ("token", "discovered", "unknown")
LEGACY_ENDPOINTS = ("legacy-token", "access-key", "userhub-refresh")

# How a token request authenticates the client (extractors' `client_auth` styles) -> the
# registration's `auth_method`.
STYLE_METHODS = {
    "basic-header": "client_secret_basic",
    "basic-auth": "client_secret_basic",
    "basic-library-default": "client_secret_basic",
    "post": "client_secret_post",
    "jwt": "client_secret_jwt",
    "none": "none",
}
# Vocabulary a value may be (what facts keep of constants, .env values and configuration
# values that are not URLs: never a secret, always one of these words).
GRANT_TYPES = frozenset(
    {
        "password",
        "authorization_code",
        "refresh_token",
        "client_credentials",
        "implicit",
        "urn:ietf:params:oauth:grant-type:token-exchange",
        "urn:ietf:params:oauth:grant-type:jwt-bearer",
        "urn:ietf:params:oauth:grant-type:device_code",
    }
)
AUTH_METHODS = frozenset(
    {"client_secret_basic", "client_secret_post", "client_secret_jwt", "private_key_jwt", "none"}
)
# How a library's declared token_endpoint_auth_method authenticates (client_auth styles).
DECLARED_STYLES = {
    "client_secret_basic": "basic-library-default",
    "client_secret_post": "post",
    "client_secret_jwt": "jwt",
    "private_key_jwt": "jwt",
    "none": "none",
}
RESPONSE_TYPES = frozenset({"code", "token", "id_token", "code id_token", "id_token token"})
PKCE_METHODS = frozenset({"S256", "plain"})
FLAG_WORDS = frozenset(
    {"true", "false", "True", "False", "TRUE", "FALSE", "yes", "no", "on", "off", "0", "1"}
)
FALSE_WORDS = frozenset({"false", "no", "off", "0", "n", "none"})
VOCABULARY = GRANT_TYPES | AUTH_METHODS | RESPONSE_TYPES | PKCE_METHODS | FLAG_WORDS


def is_false(text: str | None) -> bool:
    """A flag's text that turns something off (`False`, `"false"`, `0`, `no`)."""
    return text is not None and text.strip().lower() in FALSE_WORDS


# Names that say a value is the discovered token endpoint (`config["token_endpoint"]`, a
# parameter `token_endpoint`).
DISCOVERED_TOKEN_NAMES = frozenset({"token_endpoint"})


def token_endpoint(
    text: str | None, keys: Iterable[str] = (), names: Iterable[str] = ()
) -> tuple[HostInfo | None, str, str]:
    """(host, endpoint, target) of a token request's URL.

    text: the URL with UNKNOWN where parts are unknown, None when nothing is known;
    keys: keys and attributes the URL was read from (`token_endpoint` means discovery);
    names: the names it came from (parameters, imported constants, as `module:NAME` or bare).

    endpoint: token | legacy-token | access-key | userhub-refresh | discovered | unknown;
    target: cxone (a CXone host) | other (a host under another known domain) | unknown.
    """
    info = classify_url(text) if text else None
    if info is not None:
        endpoint = info.path_kind if info.path_kind in TOKEN_PATHS else "unknown"
        return info, endpoint or "unknown", "cxone"
    bare = {n.rsplit(":", 1)[-1].lower().lstrip("_") for n in names}
    if DISCOVERED_TOKEN_NAMES & set(keys) or DISCOVERED_TOKEN_NAMES & bare:
        endpoint = "discovered"
    elif text and _url_path_kind(text) in TOKEN_PATHS:
        endpoint = _url_path_kind(text) or "unknown"
    else:
        endpoint = "unknown"
    target = "unknown"
    split = split_url(text) if text and "://" in text else None
    if split:
        # `https://{tenant}.zendesk.com/...`: a known non-CXone domain is enough.
        tail = split[0].rsplit(UNKNOWN, 1)[-1].strip(".-")
        if "." in tail and not is_cxone_host(tail):
            target = "other"
    return None, endpoint, target


def auth_method(endpoint: str, client_auth: Iterable[str]) -> str | None:
    """The registered-client auth method a token request uses; None when it cannot be told
    or when the endpoint is a legacy one (their Basic key is not client_secret_basic)."""
    if endpoint not in OIDC_ENDPOINTS:
        return None
    methods = {STYLE_METHODS[s] for s in client_auth if s in STYLE_METHODS}
    if len(methods) > 1 and "none" in methods:
        methods.discard("none")
    if len(methods) != 1:
        return None
    return methods.pop()

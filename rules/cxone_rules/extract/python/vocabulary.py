"""Words and names the Python extractors match, shared with their triage (triage.py,
triage_production.py), which must test for the same ones without importing the extractors
(they import the triage).
"""

from __future__ import annotations

import re

from cxone_rules.domain import secrets as sx

# -- tokens.py ----------------------------------------------------------------------------

HTTP_SENDS = frozenset(
    {"get", "post", "put", "patch", "delete", "head", "options", "request", "send", "stream"}
)

WATCHED_KEYS = frozenset(
    {
        "expires_in",
        "refresh_expires_in",
        "refresh_token_expires_in",
        "refresh_token_server_uri",
        "resource_server_base_uri",
    }
)

EXPIRY_NAME = re.compile(
    r"expir|expires_at|expires_on|exp_at|valid_until|deadline|^exp$|_exp$", re.IGNORECASE
)

# Names of functions worth recording when called inside a loop (token fetchers and their
# wrappers): LoopCall facts stay few.
TOKENISH = re.compile(r"token|auth|login|credential|bearer|header|connect", re.IGNORECASE)

STATE_NAME = re.compile(r"(^|[._])(oauth_?|saved_?|expected_?|stored_?)?state$", re.IGNORECASE)

NONCE_NAME = re.compile(r"(^|[._])(oauth_?|saved_?|expected_?|stored_?)?nonce$", re.IGNORECASE)

# -- server.py ----------------------------------------------------------------------------

ORIGIN_HEADER = "access-control-allow-origin"

ROUTE_METHODS = {
    "route": (),
    "api_route": (),
    "get": ("GET",),
    "post": ("POST",),
    "put": ("PUT",),
    "patch": ("PATCH",),
    "delete": ("DELETE",),
}
SESSION_HEADER = re.compile(r"session|sid\b|^x-sid", re.IGNORECASE)

# -- literals.py --------------------------------------------------------------------------

TENANT_ID = re.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)

# ssl module names -> (version, bound).
SSL_PROTOCOLS = {
    "PROTOCOL_SSLv2": ("SSLv2", "only"),
    "PROTOCOL_SSLv3": ("SSLv3", "only"),
    "PROTOCOL_TLSv1": ("TLSv1", "only"),
    "PROTOCOL_TLSv1_1": ("TLSv1.1", "only"),
}

TLS_VERSIONS = {
    "SSLv3": "SSLv3",
    "TLSv1": "TLSv1",
    "TLSv1_1": "TLSv1.1",
    "TLSv1_2": "TLSv1.2",
    "TLSv1_3": "TLSv1.3",
    "MINIMUM_SUPPORTED": "TLSv1",
}

# -- secrets.py ---------------------------------------------------------------------------

# Kinds whose variables are sensitive by their name alone when written out.
SENSITIVE_NAME_KINDS = frozenset(
    {
        sx.TOKEN,
        sx.CLIENT_SECRET,
        sx.ACCESS_KEY_SECRET,
        sx.PASSWORD,
        sx.SECRET,
        sx.API_KEY,
        sx.PRIVATE_KEY,
    }
)

# Keys of token responses and credential dicts that hold a secret.
SENSITIVE_KEYS = frozenset(
    {
        "access_token",
        "refresh_token",
        "id_token",
        "token",
        "client_secret",
        "password",
        "accesskeysecret",
        "access_key_secret",
        "secret",
        "authorization",
    }
)

LOG_METHODS = frozenset(
    {"debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log", "msg"}
)

HTTP_RESPONSE_FUNCS = frozenset(
    {
        "jsonify",
        "JSONResponse",
        "JsonResponse",
        "HttpResponse",
        "make_response",
        "PlainTextResponse",
        "HTMLResponse",
        "ORJSONResponse",
    }
)

AUTH_CONTEXT_MARKERS = (
    "access_token",
    "grant_type",
    "client_secret",
    "clientSecret",
    "Authorization",
    "Bearer",
    "niceincontact",
    "nice-incontact",
    "incontact.com",
    "token_endpoint",
    "accessKeySecret",
)

"""CX3xx: how the code authenticates with CXone, against the registration and what CXone supports.

Every rule reads the facts of the "cxone.http" extractor (analysis/python_http.py) and the
project summary (analysis/profile.py); rules that compare with the registration read the
manifest and say they were skipped when there is none.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from cxone_lint.api.diagnostics import Applicability, Diagnostic, Edit, Fix, Position, Severity
from cxone_lint.api.rule import Case, Rule, expect
from cxone_rules.analysis.profile import (
    LEGACY_ENDPOINTS,
    all_urls,
    governing_app,
    http_facts,
    is_cxone_file,
    is_cxone_request,
    origin_of,
    resolve_text,
    resolved_requests,
)
from cxone_rules.hosts import UNKNOWN, shown
from cxone_rules.manifest import checkable_manifests

MANIFEST_BACKEND_BASIC = """\
[app]
name = "Callback Scheduler"
type = "backend"
tenancy = "single"
environments = ["na1"]
government = false
auth_method = "client_secret_basic"
contacts = ["cx-integrations@acme.example"]

[api_user]
username = "svc-callback@acme.example"
"""

MANIFEST_PUBLIC = """\
[app]
name = "Agent Wallboard"
type = "public"
tenancy = "single"
environments = ["na1"]
government = false
origins = ["https://wallboard.acme.example"]
redirects = ["https://wallboard.acme.example/auth/callback"]
contacts = ["cx-integrations@acme.example"]
"""

MANIFEST_CONFIDENTIAL = """\
[app]
name = "Supervisor Portal"
type = "confidential"
tenancy = "single"
environments = ["na1"]
government = false
auth_method = "client_secret_post"
origins = ["https://portal.acme.example"]
redirects = ["https://portal.acme.example/oauth/callback"]
contacts = ["cx-integrations@acme.example"]
"""

BASIC_TOKEN = """\
import os

import requests


def fetch_token(discovery: dict) -> dict:
    response = requests.post(
        discovery["token_endpoint"],
        data={
            "grant_type": "password",
            "username": os.environ["CXONE_ACCESS_KEY_ID"],
            "password": os.environ["CXONE_ACCESS_KEY_SECRET"],
        },
        auth=(os.environ["CXONE_CLIENT_ID"], os.environ["CXONE_CLIENT_SECRET"]),
        timeout=10,
    )
    response.raise_for_status()
    return response.json()
"""

POST_TOKEN = """\
import os

import requests


def fetch_token(discovery: dict) -> dict:
    response = requests.post(
        discovery["token_endpoint"],
        data={
            "grant_type": "password",
            "username": os.environ["CXONE_ACCESS_KEY_ID"],
            "password": os.environ["CXONE_ACCESS_KEY_SECRET"],
            "client_id": os.environ["CXONE_CLIENT_ID"],
            "client_secret": os.environ["CXONE_CLIENT_SECRET"],
        },
        timeout=10,
    )
    return response.json()
"""


def _at(fact: dict[str, Any]) -> Position:
    return Position(int(fact["line"]), int(fact["col"]))


def _skip_without_manifest(ctx: Any, code: str) -> bool:
    return not checkable_manifests(ctx, code)


def _requests_by_file(ctx: Any) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for req in resolved_requests(ctx):
        if is_cxone_request(req):
            out.setdefault(req["path"], []).append(req)
    return out


class AuthMethodMismatch(Rule):
    """The client authentication the code uses is not the one the app registered.

    ## What it does
    Compares how each token request to CXone authenticates the client (an HTTP Basic header,
    `auth=(id, secret)`, requests-oauthlib's default Basic, `client_id`/`client_secret` in the
    form body, or a `client_assertion`) with the registered `auth_method` of the app that
    governs the file.

    ## Why
    CXone checks the client authentication against the registration: a
    `client_secret_post` request to an app registered as `client_secret_basic` (or the reverse)
    is answered `401 invalid_client`, and the failure only shows at deploy time.

    ## Example
    ```python
    requests.post(token_endpoint, data={..., "client_id": cid, "client_secret": secret})
    ```
    with `auth_method = "client_secret_basic"` in cxone-app.toml. Use instead:
    ```python
    requests.post(token_endpoint, data={...}, auth=(cid, secret))
    ```

    ## Fix safety
    No automatic fix: either the code or the registration must change, and only the owner
    knows which.

    ## References
    - https://developer.niceincontact.com/Documentation/APIAuthenticationAndAuthorization
    - https://datatracker.ietf.org/doc/html/rfc6749#section-2.3.1
    """

    code = "CX301"
    name = "auth-method-mismatch"
    summary = "Client authentication in code differs from the registered auth_method"
    passed = "Client authentication in code matches the registered auth_method"
    severity = Severity.ERROR
    tags = ("security", "auth", "manifest")
    VALID = (
        Case({"cxone-app.toml": MANIFEST_BACKEND_BASIC, "app/auth.py": BASIC_TOKEN}),
        Case({"app/auth.py": POST_TOKEN}, note="no manifest: skipped"),
    )
    INVALID = (
        Case(
            {"cxone-app.toml": MANIFEST_BACKEND_BASIC, "app/auth.py": POST_TOKEN},
            [expect("CX301", "app/auth.py", 7)],
        ),
    )

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        if _skip_without_manifest(ctx, self.code):
            return
        for rel, reqs in _requests_by_file(ctx).items():
            governed = governing_app(ctx, rel)
            if governed is None:
                continue
            manifest, app = governed
            registered = app.auth_method
            if not registered or app.type == "public":
                continue
            for req in reqs:
                used = req.get("auth_method")
                if used is None or used == registered or used == "none":
                    continue
                yield self.report(
                    rel,
                    _at(req),
                    f"token request authenticates the client with {used}, but {app.label} is "
                    f"registered with {registered}",
                    hint=f"use {registered} here, or change the registration "
                    f"({manifest.path}) if {used} is intended",
                    key=f"{used}->{registered}",
                )


class MixedClientAuth(Rule):
    """One app authenticates its client in more than one way.

    ## What it does
    Collects the client authentication method of every CXone token request governed by the
    same registered app (the whole project when there is no manifest) and reports the
    requests that use a different method than the most common one. Only secret-bearing
    methods are compared (Basic, form body, assertion); when the app's `auth_method` is
    registered, CX301 reports each request against it instead.

    ## Why
    An app is registered with exactly one `auth_method`; every other method fails with
    `invalid_client`. Two methods in one code base usually mean one path was never tested
    against the real registration (a refresh helper written differently from the login).

    ## Example
    ```python
    requests.post(token_url, data=body, auth=(cid, secret))          # client_secret_basic
    requests.post(token_url, data={**refresh, "client_secret": s})   # client_secret_post
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/APIAuthenticationAndAuthorization
    """

    code = "CX302"
    name = "mixed-client-auth"
    summary = "More than one client authentication method in one app"
    passed = "Each app authenticates its client one way"
    severity = Severity.WARNING
    tags = (
        "security",
        "auth",
    )
    VALID = (Case({"app/auth.py": BASIC_TOKEN}),)
    INVALID = (
        Case(
            {
                "app/auth.py": BASIC_TOKEN,
                "app/refresh.py": """\
\"\"\"Refreshes the NICE CXone access token.\"\"\"

import os

import requests


def refresh(token_endpoint: str, refresh_token: str) -> dict:
    body = {
        "grant_type": "refresh_token",
        "refresh_token": refresh_token,
        "client_id": os.environ["CXONE_CLIENT_ID"],
        "client_secret": os.environ["CXONE_CLIENT_SECRET"],
    }
    return requests.post(token_endpoint, data=body, timeout=10).json()
""",
                "app/more.py": BASIC_TOKEN,
            },
            [expect("CX302", "app/refresh.py", 15)],
        ),
    )

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        groups: dict[str, list[dict[str, Any]]] = {}
        for rel, reqs in _requests_by_file(ctx).items():
            governed = governing_app(ctx, rel)
            if governed is not None and governed[1].auth_method:
                continue  # CX301 compares each request with the registered method
            key = f"{governed[0].path}#{governed[0].apps.index(governed[1])}" if governed else ""
            # "none" is left out: a client secret set on a session object (`session.auth`) is
            # not visible at the call, and public clients are CX305's business.
            groups.setdefault(key, []).extend(
                r for r in reqs if r.get("auth_method") not in (None, "none")
            )
        for reqs in groups.values():
            counts = Counter(r["auth_method"] for r in reqs)
            if len(counts) < 2:
                continue
            first: dict[str, int] = {}
            for i, r in enumerate(reqs):
                first.setdefault(r["auth_method"], i)
            main = max(counts, key=lambda m: (counts[m], -first[m]))
            for r in reqs:
                if r["auth_method"] != main:
                    yield self.report(
                        r["path"],
                        _at(r),
                        f"this token request uses {r['auth_method']} while the app's other "
                        f"token requests use {main}",
                        hint="an app is registered with one auth_method; use it everywhere",
                        key=f"{r['auth_method']}!={main}",
                    )


class UnsupportedGrant(Rule):
    """A grant CXone does not support: `client_credentials`, or the implicit flow.

    ## What it does
    Reports `grant_type` values `client_credentials` (in a dict, a keyword argument or a
    hand-built body) and authorize requests with `response_type=token` in files that talk to
    CXone; also token requests whose library picks `client_credentials` for you (authlib's
    `fetch_token()` without username or code, requests-oauthlib's `BackendApplicationClient`).

    ## Why
    CXone's token endpoint accepts `password` (back-end apps, with an access key),
    `authorization_code` (user apps), `refresh_token` and token exchange. The
    `client_credentials` grant and the implicit flow fail, whatever third-party guides say.

    ## Example
    ```python
    requests.post(token_endpoint, data={"grant_type": "client_credentials"}, auth=(cid, s))
    ```
    Use the password grant with the API user's access key id and secret.

    ## Fix safety
    No automatic fix: the password grant needs the API user's access key.

    ## References
    - https://developer.niceincontact.com/Documentation/APIAuthenticationAndAuthorization
    - https://developer.niceincontact.com/FAQ
    """

    code = "CX303"
    name = "unsupported-grant"
    summary = "Grant type CXone does not support (client_credentials, implicit)"
    passed = "Only grant types CXone supports are used"
    severity = Severity.ERROR
    tags = (
        "security",
        "auth",
    )
    VALID = (
        Case({"app/auth.py": BASIC_TOKEN}),
        Case(
            {
                "sync/checkmarx.py": """\
import requests

IAM = "https://iam.checkmarx.net/auth/realms/acme/protocol/openid-connect/token"


def cxone_token(client_id: str, secret: str) -> str:
    body = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}
    return requests.post(IAM, data=body, timeout=10).json()["access_token"]
"""
            },
            note="Checkmarx One is not CXone",
        ),
    )
    INVALID = (
        Case(
            {
                "app/auth.py": """\
import os

import requests

TOKEN_URL = "https://cxone.niceincontact.com/auth/token"


def token() -> str:
    data = {"grant_type": "client_credentials"}
    auth = (os.environ["CXONE_CLIENT_ID"], os.environ["CXONE_CLIENT_SECRET"])
    return requests.post(TOKEN_URL, data=data, auth=auth, timeout=10).json()["access_token"]
""",
                "web/login.py": """\
from urllib.parse import urlencode

AUTHORIZE = "https://cxone.niceincontact.com/auth/authorize"


def login_url(client_id: str) -> str:
    params = {"response_type": "token", "client_id": client_id, "scope": "openid"}
    return AUTHORIZE + "?" + urlencode(params)
""",
            },
            [expect("CX303", "app/auth.py", 9), expect("CX303", "web/login.py", 7)],
        ),
    )

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        requests_by_file = _requests_by_file(ctx)
        for rel, facts in http_facts(ctx):
            if not is_cxone_file(facts, ctx, rel):
                continue
            others = {
                r.get("grant") for r in facts.get("token_requests", []) if r["target"] == "other"
            }
            literal_lines = set()
            for grant in facts.get("grants", []):
                if grant["value"] != "client_credentials" or grant["value"] in others:
                    continue
                literal_lines.add(grant["line"])
                yield self.report(
                    rel,
                    _at(grant),
                    "grant_type client_credentials is not supported by CXone",
                    hint="back-end apps use the password grant with the API user's access key",
                    key="client_credentials",
                )
            if not literal_lines:
                for req in requests_by_file.get(rel, []):
                    if req.get("grant") == "client_credentials":
                        yield self.report(
                            rel,
                            _at(req),
                            f"{req['lib']} sends grant_type client_credentials here, which "
                            "CXone does not support",
                            hint="pass username and password (the access key) for the "
                            "password grant",
                            key="client_credentials",
                        )
            for auth in facts.get("authorize", []):
                if (auth.get("response_type") or "").strip() == "token":
                    yield self.report(
                        rel,
                        _at(auth),
                        "implicit flow (response_type=token) is not supported by CXone",
                        hint="use the authorization code flow with PKCE (response_type=code)",
                        key="implicit",
                    )


class BackendBrowserFlow(Rule):
    """A back-end app runs a browser flow (authorize endpoint, redirect handling).

    ## What it does
    For code governed by an app registered as `type = "backend"`, reports authorize URLs,
    authorize parameters (`response_type`), `authorization_url()` calls and token requests
    with the `authorization_code` grant (one finding per line); in a file with none of these,
    `redirect_uri` values.

    ## Why
    A back-end app is a restricted confidential client that never uses a browser: it may call
    only the token endpoint. A browser flow under a back-end registration fails; the app needs
    a user-app (confidential or public) registration instead.

    ## Example
    ```python
    AUTHORIZE = "https://cxone.niceincontact.com/auth/authorize"
    ```
    in an app registered with `type = "backend"`.

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.dev.niceincontact.com/API/AppRegistrationAPI
    """

    code = "CX304"
    name = "backend-browser-flow"
    summary = "Back-end app runs a browser (authorize/redirect) flow"
    passed = "A back-end app runs no browser flow"
    severity = Severity.ERROR
    tags = ("security", "auth", "manifest")
    VALID = (Case({"cxone-app.toml": MANIFEST_BACKEND_BASIC, "app/auth.py": BASIC_TOKEN}),)
    INVALID = (
        Case(
            {
                "cxone-app.toml": MANIFEST_BACKEND_BASIC,
                "app/login.py": """\
from urllib.parse import urlencode

AUTHORIZE = "https://cxone.niceincontact.com/auth/authorize"


def login_url(client_id: str, challenge: str) -> str:
    params = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": "https://scheduler.acme.example/callback",
        "scope": "openid",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    return AUTHORIZE + "?" + urlencode(params)
""",
            },
            [expect("CX304", "app/login.py", 3), expect("CX304", "app/login.py", 7)],
        ),
    )

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        if _skip_without_manifest(ctx, self.code):
            return
        requests_by_file = _requests_by_file(ctx)
        for rel, facts in http_facts(ctx):
            governed = governing_app(ctx, rel)
            if (
                governed is None
                or governed[1].type != "backend"
                or not is_cxone_file(facts, ctx, rel)
            ):
                continue
            app = governed[1]
            seen: set[int] = set()
            found: list[tuple[dict[str, Any], str]] = []
            for url in facts.get("urls", []):
                if url.get("path_kind") in ("authorize", "legacy-authorize"):
                    found.append((url, "builds a CXone authorize URL"))
            for auth in facts.get("authorize", []):
                found.append((auth, "starts a browser authorization flow"))
            for req in requests_by_file.get(rel, []):
                if req.get("grant") == "authorization_code":
                    found.append((req, "redeems an authorization code"))
            if not found:  # a redirect_uri alone (e.g. a callback) still means a browser flow
                for red in facts.get("redirect_uris", []):
                    found.append((red, "handles a login redirect (redirect_uri)"))
            for fact, what in sorted(found, key=lambda f: (f[0]["line"], f[0]["col"])):
                if fact["line"] in seen:
                    continue
                seen.add(fact["line"])
                yield self.report(
                    rel,
                    _at(fact),
                    f"{app.label} is registered as a back-end app, but this code {what}",
                    hint="back-end apps use only the token endpoint (password grant); a "
                    "browser login needs a confidential or public app registration",
                    key=what,
                )


class PublicClientSecret(Rule):
    """A public app sends a client secret.

    ## What it does
    For code governed by an app registered as `type = "public"`, reports token requests that
    authenticate the client with a secret (Basic header, `auth=`, `client_secret` in the
    body, or a client assertion).

    ## Why
    A public client (a browser or mobile app) cannot keep a secret, so CXone issues none:
    any secret in such code is either a different app's secret shipped to users or a request
    that fails.

    ## Example
    ```python
    requests.post(token_endpoint, data={..., "client_secret": SECRET})
    ```
    Send `client_id` and `code_verifier` only.

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.dev.niceincontact.com/API/AppRegistrationAPI
    - https://datatracker.ietf.org/doc/html/rfc7636
    """

    code = "CX305"
    name = "public-client-secret"
    summary = "Public app sends a client secret"
    passed = "A public app sends no client secret"
    severity = Severity.ERROR
    tags = ("security", "auth", "manifest")
    VALID = (
        Case(
            {
                "cxone-app.toml": MANIFEST_PUBLIC,
                "app/token.py": """\
import requests


def redeem(token_endpoint: str, client_id: str, code: str, verifier: str) -> dict:
    body = {
        "grant_type": "authorization_code",
        "code": code,
        "client_id": client_id,
        "code_verifier": verifier,
        "redirect_uri": "https://wallboard.acme.example/auth/callback",
    }
    return requests.post(token_endpoint, data=body, timeout=10).json()
""",
            }
        ),
    )
    INVALID = (
        Case(
            {
                "cxone-app.toml": MANIFEST_PUBLIC,
                "app/token.py": """\
import os

import requests


def redeem(token_endpoint: str, code: str, verifier: str) -> dict:
    body = {
        "grant_type": "authorization_code",
        "code": code,
        "code_verifier": verifier,
        "redirect_uri": "https://wallboard.acme.example/auth/callback",
    }
    auth = (os.environ["CXONE_CLIENT_ID"], os.environ["CXONE_CLIENT_SECRET"])
    return requests.post(token_endpoint, data=body, auth=auth, timeout=10).json()
""",
            },
            [expect("CX305", "app/token.py", 14)],
        ),
    )

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        if _skip_without_manifest(ctx, self.code):
            return
        for rel, reqs in _requests_by_file(ctx).items():
            governed = governing_app(ctx, rel)
            if governed is None or governed[1].type != "public":
                continue
            for req in reqs:
                used = req.get("auth_method")
                if used in ("client_secret_basic", "client_secret_post", "client_secret_jwt"):
                    yield self.report(
                        rel,
                        _at(req),
                        f"{governed[1].label} is registered as public (no secret), but this "
                        f"token request authenticates the client with {used}",
                        hint="a public client sends client_id and code_verifier only",
                        key=used,
                    )


def _authorize_facts(ctx: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    for rel, facts in http_facts(ctx):
        if not is_cxone_file(facts, ctx, rel):
            continue
        for auth in facts.get("authorize", []):
            yield rel, auth


class PkcePlain(Rule):
    """PKCE with the `plain` method, which CXone does not accept.

    ## What it does
    Reports `code_challenge_method` set to `plain` in authorize requests (parameter dicts,
    keyword arguments, `authorization_url()` / OAuth session settings) in CXone code.

    ## Why
    CXone supports only `S256` (`code_challenge_methods_supported: ["S256"]`). `plain` sends
    the verifier itself as the challenge, which protects nothing against an intercepted code.

    ## Example
    ```python
    params = {"response_type": "code", "code_challenge": verifier, "code_challenge_method": "plain"}
    ```
    Use `base64url(sha256(verifier))` as the challenge and `S256` as the method.

    ## Fix safety
    No automatic fix: the challenge computation must change together with the method.

    ## References
    - https://datatracker.ietf.org/doc/html/rfc7636#section-4.2
    - https://developer.niceincontact.com/Documentation/APIAuthenticationAndAuthorization
    """

    code = "CX306"
    name = "pkce-plain"
    summary = "PKCE code_challenge_method is plain (CXone accepts only S256)"
    passed = "PKCE uses S256"
    severity = Severity.ERROR
    tags = (
        "security",
        "auth",
    )
    VALID = (
        Case(
            {
                "web/login.py": """\
AUTHORIZE = "https://cxone.niceincontact.com/auth/authorize"


def params(client_id: str, challenge: str) -> dict:
    return {
        "response_type": "code",
        "client_id": client_id,
        "scope": "openid",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
"""
            }
        ),
    )
    INVALID = (
        Case(
            {
                "web/login.py": """\
AUTHORIZE = "https://cxone.niceincontact.com/auth/authorize"


def params(client_id: str, verifier: str) -> dict:
    return {
        "response_type": "code",
        "client_id": client_id,
        "scope": "openid",
        "code_challenge": verifier,
        "code_challenge_method": "plain",
    }
"""
            },
            [expect("CX306", "web/login.py", 5)],
        ),
    )

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        for rel, auth in _authorize_facts(ctx):
            if (auth.get("method") or "").strip().lower() == "plain":
                yield self.report(
                    rel,
                    _at(auth),
                    "PKCE code_challenge_method is plain; CXone accepts only S256",
                    hint="send base64url(sha256(code_verifier)) with code_challenge_method=S256",
                    key="plain",
                )


class PkceMissing(Rule):
    """A public app's authorization-code flow without PKCE.

    ## What it does
    For code governed by an app registered as `type = "public"`, reports authorize requests
    without a `code_challenge` and authorization-code token requests without a
    `code_verifier`.

    ## Why
    CXone restricts public clients to the authorization code flow with PKCE (S256): without
    it the request is rejected, and an intercepted code could be redeemed by anyone.

    ## Example
    ```python
    params = {"response_type": "code", "client_id": cid, "redirect_uri": redirect}
    ```
    Add `code_challenge` and `code_challenge_method="S256"`, and send the `code_verifier`
    when redeeming the code.

    ## Fix safety
    No automatic fix.

    ## References
    - https://datatracker.ietf.org/doc/html/rfc7636
    - https://developer.dev.niceincontact.com/API/AppRegistrationAPI
    """

    code = "CX307"
    name = "pkce-missing"
    summary = "Public app's authorization-code flow without PKCE"
    passed = "A public app's authorization-code flow uses PKCE"
    severity = Severity.ERROR
    tags = ("security", "auth", "manifest")
    VALID = (
        Case(
            {
                "cxone-app.toml": MANIFEST_PUBLIC,
                "web/login.py": """\
AUTHORIZE = "https://cxone.niceincontact.com/auth/authorize"


def params(client_id: str, challenge: str) -> dict:
    return {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": "https://wallboard.acme.example/auth/callback",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
""",
            }
        ),
    )
    INVALID = (
        Case(
            {
                "cxone-app.toml": MANIFEST_PUBLIC,
                "web/login.py": """\
import requests

AUTHORIZE = "https://cxone.niceincontact.com/auth/authorize"


def params(client_id: str) -> dict:
    return {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": "https://wallboard.acme.example/auth/callback",
    }


def redeem(token_endpoint: str, client_id: str, code: str) -> dict:
    body = {"grant_type": "authorization_code", "code": code, "client_id": client_id}
    return requests.post(token_endpoint, data=body, timeout=10).json()
""",
            },
            [expect("CX307", "web/login.py", 7), expect("CX307", "web/login.py", 16)],
        ),
    )

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        if _skip_without_manifest(ctx, self.code):
            return
        for rel, auth in _authorize_facts(ctx):
            governed = governing_app(ctx, rel)
            if governed is None or governed[1].type != "public":
                continue
            if (auth.get("response_type") or "code") == "code" and not auth.get("code_challenge"):
                yield self.report(
                    rel,
                    _at(auth),
                    f"{governed[1].label} is public, but this authorize request has no PKCE "
                    "code_challenge",
                    hint="add code_challenge=base64url(sha256(verifier)) and "
                    "code_challenge_method=S256",
                    key="authorize-without-pkce",
                )
        for rel, reqs in _requests_by_file(ctx).items():
            governed = governing_app(ctx, rel)
            if governed is None or governed[1].type != "public":
                continue
            for req in reqs:
                if req.get("grant") == "authorization_code" and not req.get("pkce_verifier"):
                    yield self.report(
                        rel,
                        _at(req),
                        f"{governed[1].label} is public, but this code redemption sends no "
                        "code_verifier",
                        hint="send the PKCE code_verifier with the authorization code",
                        key="token-without-verifier",
                    )


ASSERTION_GOOD = """\
import os
import time
import uuid

import jwt
import requests


def assertion(client_id: str, token_endpoint: str) -> str:
    now = int(time.time())
    claims = {
        "iss": client_id,
        "sub": client_id,
        "aud": token_endpoint,
        "jti": str(uuid.uuid4()),
        "iat": now,
        "exp": now + 120,
    }
    return jwt.encode(claims, os.environ["CXONE_CLIENT_SECRET"], algorithm="HS256")


def token(client_id: str, token_endpoint: str, body: dict) -> dict:
    body = {
        **body,
        "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        "client_assertion": assertion(client_id, token_endpoint),
    }
    return requests.post(token_endpoint, data=body, timeout=10).json()
"""


class ClientAssertionClaims(Rule):
    """A client_secret_jwt assertion that is not built as the standard requires.

    ## What it does
    For `jwt.encode` calls in files that send a `client_assertion`, reports: an algorithm that
    is not HMAC (HS256/384/512) or a private key (that is private_key_jwt, not
    client_secret_jwt); missing `iss`, `sub`, `aud`, `jti` or `exp`; `iss` and `sub` that are
    not the same client id; an `aud` that is not the token endpoint; a lifetime above 600 s.

    ## Why
    OpenID Connect Core §9 and RFC 7523 require these claims; a token endpoint rejects an
    assertion without them, and a long-lived assertion without `jti` can be replayed.
    CXone's registration enum lists only client_secret_basic and client_secret_post, so
    check first that the app can use assertions at all.

    ## Example
    ```python
    jwt.encode({"iss": client_id, "exp": now + 86400}, private_key, algorithm="RS256")
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://openid.net/specs/openid-connect-core-1_0.html#ClientAuthentication
    - https://datatracker.ietf.org/doc/html/rfc7523#section-3
    """

    code = "CX308"
    name = "client-assertion-claims"
    summary = "client_secret_jwt assertion lacks required claims or is not HMAC-signed"
    passed = "client_secret_jwt assertions have the required claims and an HMAC signature"
    severity = Severity.WARNING
    tags = (
        "security",
        "auth",
    )
    MAX_LIFETIME = 600
    VALID = (Case({"app/assertion.py": ASSERTION_GOOD}),)
    INVALID = (
        Case(
            {
                "app/assertion.py": ASSERTION_GOOD.replace(
                    '        "jti": str(uuid.uuid4()),\n', ""
                ).replace("now + 120", "now + 3600")
            },
            [expect("CX308", "app/assertion.py", 18)],
        ),
        Case(
            {
                "app/assertion.py": ASSERTION_GOOD.replace(
                    'os.environ["CXONE_CLIENT_SECRET"], algorithm="HS256"',
                    'open("private.pem").read(), algorithm="RS256"',
                )
            },
            [expect("CX308", "app/assertion.py", 19)],
        ),
    )

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        for rel, facts in http_facts(ctx):
            if not facts.get("assertion_file"):
                continue
            for enc in facts.get("jwt_encodes", []):
                problems = self._problems(enc)
                if problems:
                    yield self.report(
                        rel,
                        _at(enc),
                        "client assertion: " + "; ".join(problems),
                        hint="client_secret_jwt: HS256 with the client secret, iss = sub = "
                        "client_id, aud = token endpoint, a unique jti, exp within minutes",
                        key=",".join(problems),
                    )

    def _problems(self, enc: dict[str, Any]) -> list[str]:
        problems: list[str] = []
        alg = enc.get("alg")
        if enc.get("key") == "private-key" or (alg and not str(alg).upper().startswith("HS")):
            problems.append(
                f"signed with {alg or 'a private key'}, not HMAC with the client secret"
            )
        claims = enc.get("claims")
        if claims is not None:
            missing = [c for c in ("iss", "sub", "aud", "jti", "exp") if c not in claims]
            if missing:
                problems.append("missing " + ", ".join(missing))
        if enc.get("iss_sub_same") is False:
            problems.append("iss and sub differ (both must be the client_id)")
        if enc.get("aud") == "other":
            problems.append("aud is not the token endpoint")
        exp = enc.get("exp_seconds")
        if exp is not None and exp > self.MAX_LIFETIME:
            problems.append(f"lifetime {exp} s (keep it under {self.MAX_LIFETIME} s)")
        return problems


class HardcodedTokenEndpoint(Rule):
    """The token endpoint is hard-coded instead of read from OIDC discovery.

    ## What it does
    Reports CXone token URLs written in code (`https://cxone.niceincontact.com/auth/token`,
    also when assembled from an issuer and `/auth/token`) used instead of the `token_endpoint`
    of `{issuer}/.well-known/openid-configuration`.

    ## Why
    NICE tells integrations to read `token_endpoint` from discovery. A hard-coded URL ties the
    code to one environment (commercial, FedRAMP, sovereign, dev) and breaks when NICE moves
    the endpoint.

    ## Example
    ```python
    TOKEN_URL = "https://cxone.niceincontact.com/auth/token"
    ```
    Instead:
    ```python
    config = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=10).json()
    token_url = config["token_endpoint"]
    ```

    ## Fix safety
    No automatic fix: discovery adds a request and caching.

    ## References
    - https://support.ringcentral.com/article-v2/Using-the-API-global-authentication-service.html
    - https://openid.net/specs/openid-connect-discovery-1_0.html
    """

    code = "CX309"
    name = "hardcoded-token-endpoint"
    summary = "Token endpoint hard-coded instead of discovered"
    passed = "The token endpoint is discovered, not hard-coded"
    severity = Severity.WARNING
    tags = ("security", "auth", "discovery")
    VALID = (Case({"app/auth.py": BASIC_TOKEN}),)
    INVALID = (
        Case(
            {
                "app/settings.py": 'TOKEN_URL = "https://cxone.niceincontact.com/auth/token"\n',
                "app/auth.py": BASIC_TOKEN.replace(
                    'discovery["token_endpoint"]', "TOKEN_URL"
                ).replace(
                    "import requests\n", "import requests\n\nfrom .settings import TOKEN_URL\n"
                ),
            },
            [expect("CX309", "app/settings.py", 1)],
        ),
        Case(
            {
                "app/auth.py": BASIC_TOKEN.replace(
                    'discovery["token_endpoint"]', 'ISSUER + "/auth/token"'
                ).replace(
                    "import requests\n",
                    'import requests\n\nISSUER = "https://cxone.niceincontact.com"\n',
                ),
            },
            [expect("CX309", "app/auth.py", 9)],
        ),
    )

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        literals: set[str] = set()
        for rel, facts in http_facts(ctx):
            for url in facts.get("urls", []):
                if url.get("path_kind") == "token" and UNKNOWN not in url["host"]:
                    literals.add(url["url"])
                    yield self.report(
                        rel,
                        _at(url),
                        f"token endpoint hard-coded ({shown(url['host'])}); read token_endpoint "
                        "from OIDC discovery",
                        hint="GET {issuer}/.well-known/openid-configuration and use its "
                        "token_endpoint",
                        key=url["url"],
                    )
        for req in resolved_requests(ctx):
            text = (req.get("url") or {}).get("text")
            if (
                req.get("endpoint") == "token"
                and is_cxone_request(req)
                and text
                and text not in literals
            ):
                yield self.report(
                    req["path"],
                    _at(req),
                    "token request to an assembled /auth/token URL; read token_endpoint from "
                    "OIDC discovery",
                    hint="GET {issuer}/.well-known/openid-configuration and use its token_endpoint",
                    key=text,
                )


class LegacyTokenEndpoint(Rule):
    """A legacy CXone token endpoint: the Central token service or the UserHub access-key API.

    ## What it does
    Reports URLs of `InContactAuthorizationServer/Token` (and `/Authenticate`) on
    `api.incontact.com` or a cluster host, and of the UserHub access-key endpoint
    `{area}.nice-incontact.com/authentication/v1/token/access-key` (and its `/public/user/refresh`),
    in Python code and in configuration files (TOML, JSON, YAML, .env; not example files).

    ## Why
    NICE intends to deprecate the older API access methods and says developers "should not
    tether integrations" to the UserHub bootstrap endpoint. The current flow is OIDC discovery
    and `/auth/token` with the password grant (access key as username/password).

    ## Example
    ```python
    requests.post("https://api.incontact.com/InContactAuthorizationServer/Token", ...)
    ```

    ## Fix safety
    No automatic fix: the migration needs a new app registration.

    ## References
    - https://developer.niceincontact.com/Documentation/UserHubGettingStarted
    - https://developer.niceincontact.com/Documentation/Createaccesskey
    """

    code = "CX310"
    name = "legacy-token-endpoint"
    summary = "Legacy token endpoint (Central token service or UserHub access-key)"
    passed = "No legacy token endpoint is called"
    severity = Severity.WARNING
    tags = ("security", "auth", "legacy")
    VALID = (Case({"app/auth.py": BASIC_TOKEN}),)
    INVALID = (
        Case(
            {
                "app/auth.py": """\
import base64
import os

import requests

TOKEN_URL = "https://api.incontact.com/InContactAuthorizationServer/Token"


def token() -> dict:
    key = base64.b64encode(os.environ["CENTRAL_APP_KEY"].encode()).decode()
    body = {"grant_type": "password", "username": os.environ["USER"], "password": "", "scope": ""}
    headers = {"Authorization": "basic " + key}
    return requests.post(TOKEN_URL, json=body, headers=headers, timeout=10).json()


def access_key_token(area: str) -> dict:
    url = f"https://{area}.nice-incontact.com/authentication/v1/token/access-key"
    body = {"accessKeyId": os.environ["KEY_ID"], "accessKeySecret": os.environ["KEY_SECRET"]}
    return requests.post(url, json=body, timeout=10).json()
""",
            },
            [expect("CX310", "app/auth.py", 6), expect("CX310", "app/auth.py", 17)],
        ),
        Case(
            {
                "config/cxone.yaml": "cxone:\n"
                "  token_url: https://api.incontact.com/InContactAuthorizationServer/Token\n",
                "config/cxone.yaml.example": "cxone:\n"
                "  token_url: https://api.incontact.com/InContactAuthorizationServer/Token\n",
            },
            [expect("CX310", "config/cxone.yaml", 2)],
            note="config files count, example files do not",
        ),
    )

    KINDS = {
        "legacy-token": "the legacy Central token service",
        "legacy-authorize": "the legacy Central authorize endpoint",
        "access-key": "the UserHub access-key endpoint",
        "userhub-refresh": "the UserHub refresh endpoint",
    }

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        literals: set[str] = set()
        for rel, url in all_urls(ctx):
            what = self.KINDS.get(url.get("path_kind") or "")
            if what:
                literals.add(url["url"])
                yield self.report(
                    rel,
                    _at(url),
                    f"{what} ({shown(url['host'])}); use OIDC discovery and /auth/token",
                    hint="password grant with the access key id and secret as username "
                    "and password, against the discovered token_endpoint",
                    key=url["url"],
                )
        for req in resolved_requests(ctx):
            text = (req.get("url") or {}).get("text")
            what = self.KINDS.get(req.get("endpoint") or "")
            if what and text and text not in literals:
                yield self.report(
                    req["path"],
                    _at(req),
                    f"token request to {what}; use OIDC discovery and /auth/token",
                    key=text,
                )


class AccessKeyEncoding(Rule):
    """Access keys sent unencoded in a hand-built body, or as JSON, to the token endpoint.

    ## What it does
    Reports token requests to CXone whose body is a string built by hand with the
    `username`/`password` values not URL-encoded, and token requests that send the body as
    JSON (`json=`) to `/auth/token` (not to the legacy access-key endpoint, which takes JSON).

    ## Why
    The token endpoint takes `application/x-www-form-urlencoded`. Access key secrets end in
    `=` padding and may hold `+` and `/`: unencoded they arrive changed and the request fails
    with `invalid_grant`, intermittently, depending on the key.

    ## Example
    ```python
    body = f"grant_type=password&username={key_id}&password={key_secret}"
    requests.post(token_endpoint, data=body, auth=(cid, secret))
    ```
    Pass a dict (`data={"grant_type": "password", "username": key_id, ...}`) and let the
    library encode it.

    ## Fix safety
    For a JSON body an unsafe fix changes `json=` to `data=`, which makes the library send the
    same fields form-encoded, as CXone requires, and removes a `Content-Type: application/json`
    header the form body would contradict (from the call's `headers={...}`, or from a dict
    bound to a local name in the same function; a module-level headers dict may serve other
    requests and is left alone). It changes what goes over the wire, so it is applied only
    with `--unsafe-fixes`. Hand-built strings have no automatic fix.

    ## References
    - https://support.ringcentral.com/article-v2/Using-the-API-global-authentication-service.html
    - https://datatracker.ietf.org/doc/html/rfc6749#appendix-B
    """

    code = "CX311"
    name = "access-key-encoding"
    summary = "Access key sent unencoded or as JSON to the token endpoint"
    passed = "Access keys reach the token endpoint form-encoded"
    severity = Severity.ERROR
    fixable = "unsafe"
    tags = (
        "security",
        "auth",
    )
    JSON_CASE = """\
import os

import requests


def token(discovery: dict) -> dict:
    body = {
        "grant_type": "password",
        "username": os.environ["CXONE_ACCESS_KEY_ID"],
        "password": os.environ["CXONE_ACCESS_KEY_SECRET"],
    }
    auth = (os.environ["CXONE_CLIENT_ID"], os.environ["CXONE_CLIENT_SECRET"])
    return requests.post(discovery["token_endpoint"], json=body, auth=auth, timeout=10).json()
"""
    VALID = (
        Case({"app/auth.py": BASIC_TOKEN}),
        Case(
            {
                "app/auth.py": """\
import os
from urllib.parse import quote

import requests


def token(token_endpoint: str) -> dict:
    key_id = quote(os.environ["CXONE_ACCESS_KEY_ID"], safe="")
    secret = quote(os.environ["CXONE_ACCESS_KEY_SECRET"], safe="")
    body = f"grant_type=password&username={key_id}&password={secret}"
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    auth = (os.environ["CXONE_CLIENT_ID"], os.environ["CXONE_CLIENT_SECRET"])
    return requests.post(token_endpoint, data=body, headers=headers, auth=auth).json()
"""
            }
        ),
    )
    INVALID = (
        Case(
            {
                "app/auth.py": """\
import os

import requests


def token(token_endpoint: str) -> dict:
    key_id = os.environ["CXONE_ACCESS_KEY_ID"]
    secret = os.environ["CXONE_ACCESS_KEY_SECRET"]
    body = "grant_type=password&username=" + key_id + "&password=" + secret
    auth = (os.environ["CXONE_CLIENT_ID"], os.environ["CXONE_CLIENT_SECRET"])
    return requests.post(token_endpoint, data=body, auth=auth, timeout=10).json()
"""
            },
            [expect("CX311", "app/auth.py", 11)],
        ),
        Case({"app/auth.py": JSON_CASE}, [expect("CX311", "app/auth.py", 13)]),
        Case(
            {"app/auth.py": JSON_CASE},
            fixed={"app/auth.py": JSON_CASE.replace("json=body", "data=body")},
            unsafe=True,
        ),
        # The JSON Content-Type header the form body would contradict goes with the fix: the
        # whole `headers=` argument when it holds nothing else ...
        Case(
            {
                "app/auth.py": JSON_CASE.replace(
                    "json=body,", 'json=body, headers={"Content-Type": "application/json"},'
                )
            },
            fixed={"app/auth.py": JSON_CASE.replace("json=body", "data=body")},
            unsafe=True,
        ),
        # ... the entry alone, with its separator, from a dict that holds more ...
        Case(
            {
                "app/auth.py": JSON_CASE.replace(
                    "json=body,",
                    'json=body, headers={"content-type": "application/json; charset=utf-8", '
                    '"Accept": "application/json"},',
                )
            },
            fixed={
                "app/auth.py": JSON_CASE.replace(
                    "json=body,", 'data=body, headers={"Accept": "application/json"},'
                )
            },
            unsafe=True,
        ),
        # ... and from a local dict the call names, written over several lines.
        Case(
            {
                "app/auth.py": JSON_CASE.replace(
                    "    return requests.post(",
                    "    headers = {\n"
                    '        "Accept": "application/json",\n'
                    '        "Content-Type": "application/json",\n'
                    "    }\n"
                    "    return requests.post(",
                ).replace("json=body,", "json=body, headers=headers,")
            },
            fixed={
                "app/auth.py": JSON_CASE.replace(
                    "    return requests.post(",
                    '    headers = {\n        "Accept": "application/json",\n    }\n'
                    "    return requests.post(",
                ).replace("json=body,", "data=body, headers=headers,")
            },
            unsafe=True,
        ),
        Case(
            {
                "app/auth.py": JSON_CASE.replace(
                    "    return requests.post(",
                    '    headers = {"Content-Type": "application/json"}\n    return requests.post(',
                ).replace("json=body,", "json=body, headers=headers,")
            },
            fixed={
                "app/auth.py": JSON_CASE.replace(
                    "    return requests.post(", "    headers = {}\n    return requests.post("
                ).replace("json=body,", "data=body, headers=headers,")
            },
            unsafe=True,
        ),
    )

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        for req in resolved_requests(ctx):
            if not is_cxone_request(req) or req.get("endpoint") in LEGACY_ENDPOINTS:
                continue
            if req.get("access_key_encoding") == "raw":
                yield self.report(
                    req["path"],
                    _at(req),
                    "access key placed unencoded in a hand-built token request body",
                    hint="pass the body as a dict (data={...}) or quote(value, safe='') each "
                    "value; access key secrets end in '=' padding",
                    key="raw-body",
                )
            elif req.get("body") == "json" and req.get("grant"):
                fix = None
                kw = req.get("json_keyword")
                if kw:
                    start = Position(kw[0], kw[1])
                    edits = [Edit(req["path"], start, Position(kw[0], kw[1] + 4), "data")]
                    message = "send the body form-encoded (data= instead of json=)"
                    header = req.get("json_content_type")
                    if header:
                        # A form body under a JSON Content-Type contradicts itself: the header
                        # goes too, and the library sets the form one.
                        (a, b), (c, d) = header
                        edits.append(Edit(req["path"], Position(a, b), Position(c, d), ""))
                        message += ", without the Content-Type: application/json header"
                    fix = Fix(message, tuple(edits), Applicability.UNSAFE)
                yield self.report(
                    req["path"],
                    _at(req),
                    "token request body sent as JSON; CXone's token endpoint takes "
                    "application/x-www-form-urlencoded",
                    hint="use data= so the access key is form-encoded",
                    key="json-body",
                    fix=fix,
                )


class RedirectUriNotRegistered(Rule):
    """The redirect URI used in code is not registered for the app.

    ## What it does
    For code governed by a user app (confidential or public), reports `redirect_uri` values
    known statically (literals, environment defaults) that are not in the app's registered
    `redirects`, and says when their origin is missing from `origins` too.

    ## Why
    CXone compares `redirect_uri` exactly with the registration and refuses the login
    otherwise; a missing origin also makes browser calls fail CORS. Registration updates go
    through NICE and origin changes can take up to three weeks.

    ## Example
    ```python
    REDIRECT = "https://portal.acme.example/callback"   # registered: /oauth/callback
    ```

    ## Fix safety
    No automatic fix: either the code or the registration must change.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle
    - https://datatracker.ietf.org/doc/html/rfc6749#section-3.1.2
    """

    code = "CX312"
    name = "redirect-uri-not-registered"
    summary = "Redirect URI in code is not registered"
    passed = "Redirect URIs in code are registered"
    severity = Severity.ERROR
    tags = ("security", "auth", "manifest")
    LOGIN = """\
import os

from requests_oauthlib import OAuth2Session

AUTHORIZE = "https://cxone.niceincontact.com/auth/authorize"
REDIRECT = os.environ.get("PORTAL_REDIRECT_URI", "{redirect}")


def start(client_id: str) -> str:
    session = OAuth2Session(client_id, redirect_uri=REDIRECT, scope=["openid"])
    url, _state = session.authorization_url(AUTHORIZE)
    return url
"""
    VALID = (
        Case(
            {
                "cxone-app.toml": MANIFEST_CONFIDENTIAL,
                "portal/login.py": LOGIN.replace(
                    "{redirect}", "https://portal.acme.example/oauth/callback"
                ),
            }
        ),
    )
    INVALID = (
        Case(
            {
                "cxone-app.toml": MANIFEST_CONFIDENTIAL,
                "portal/login.py": LOGIN.replace(
                    "{redirect}", "https://portal.acme.example/callback"
                ),
            },
            [expect("CX312", "portal/login.py", 10)],
        ),
        Case(
            {
                "cxone-app.toml": MANIFEST_CONFIDENTIAL,
                "portal/login.py": LOGIN.replace("{redirect}", "http://localhost:8080/callback"),
            },
            [expect("CX312", "portal/login.py", 10)],
            note="origin missing too",
        ),
    )

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        if _skip_without_manifest(ctx, self.code):
            return
        for rel, facts in http_facts(ctx):
            governed = governing_app(ctx, rel)
            if (
                governed is None
                or not governed[1].is_user_app
                or not is_cxone_file(facts, ctx, rel)
            ):
                continue
            manifest, app = governed
            registered = {r.rstrip("/") for r in app.redirects}
            origins = {o.rstrip("/").lower() for o in app.origins}
            for red in facts.get("redirect_uris", []):
                text = resolve_text(ctx, rel, red)
                if not text or UNKNOWN in text or "://" not in text:
                    continue
                if text.rstrip("/") in registered:
                    continue
                origin = origin_of(text)
                extra = ""
                if origin and origin not in origins:
                    extra = f", and its origin {origin} is not in origins"
                yield self.report(
                    rel,
                    _at(red),
                    f"redirect URI {shown(text)} is not registered for {app.label}{extra}",
                    hint=f"add it to redirects in {manifest.path} (a registration update at "
                    "NICE) or use a registered one",
                    key=text,
                )

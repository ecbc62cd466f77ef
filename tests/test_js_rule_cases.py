"""Every code rule on JavaScript and TypeScript: the same codes, messages and positions as for
Python, on the code CXone integrations write in JS/TS.

The cases are folders like every rule's (`rules/cxone_rules/cases/<CODE>/<valid|invalid>-js-*/`,
expected findings marked `// expect: CODE`), run by tests/test_rule_cases.py for code, file and
line. This test runs the same folders again and asserts what the markers cannot say: the exact
column and message of each finding, and that every code rule has JS/TS cases.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cxone_lint.testing import load_case, run_project, write_project

CASES = Path(__file__).resolve().parents[1] / "rules" / "cxone_rules" / "cases"
CODE_RULES = {
    f"CX{n}"
    for n in (
        *range(301, 315),
        *range(401, 409),
        410,
        *range(501, 506),
        *range(801, 816),
        *range(901, 909),
    )
}

# (code, path, line, column, message) of every finding of each JS/TS case folder.
EXACT = {
    "CX301/invalid-js-body-passed-to-a-local-send-function": [
        (
            "CX301",
            "src/token.js",
            3,
            21,
            "token request authenticates the client with client_secret_post, but app "
            "'Callback Scheduler' is registered with client_secret_basic",
        )
    ],
    "CX301/invalid-js-fetch-form-built-with-append-post": [
        (
            "CX301",
            "src/auth.ts",
            8,
            26,
            "token request authenticates the client with client_secret_post, "
            "but app 'Callback Scheduler' is registered with "
            "client_secret_basic",
        )
    ],
    "CX301/invalid-js-refresh-commonjs-body-in-a-variable": [
        (
            "CX301",
            "src/refresh.js",
            10,
            21,
            "token request "
            "authenticates the "
            "client with "
            "client_secret_post, but "
            "app 'Callback "
            "Scheduler' is "
            "registered with "
            "client_secret_basic",
        )
    ],
    "CX301/valid-js-axios-auth-option-basic": [],
    "CX302/invalid-js-refresh-posts-secret-others-basic": [
        (
            "CX302",
            "src/refresh.js",
            10,
            21,
            "this token request uses client_secret_post while the app's other "
            "token requests use client_secret_basic",
        )
    ],
    "CX302/valid-js-axios-auth-and-basic-header": [],
    "CX303/invalid-js-client-credentials-and-implicit-url": [
        ("CX303", "src/auth.js", 6, 45, "grant_type client_credentials is not supported by CXone"),
        (
            "CX303",
            "web/login.js",
            6,
            10,
            "implicit flow (response_type=token) is not supported by CXone",
        ),
    ],
    "CX303/valid-js-checkmarx-one-is-not-cxone": [],
    "CX304/invalid-js-authorize-params-in-backend-app": [
        (
            "CX304",
            "src/login.ts",
            1,
            19,
            "app 'Callback Scheduler' is registered as a back-end app, but "
            "this code builds a CXone authorize URL",
        ),
        (
            "CX304",
            "src/login.ts",
            4,
            38,
            "app 'Callback Scheduler' is registered as a back-end app, but "
            "this code starts a browser authorization flow",
        ),
    ],
    "CX304/valid-js-password-grant-only": [],
    "CX305/invalid-js-public-redeem-sends-vite-secret": [
        (
            "CX305",
            "src/callback.ts",
            2,
            21,
            "app 'Agent Wallboard' is registered as public (no secret), "
            "but this token request authenticates the client with "
            "client_secret_post",
        )
    ],
    "CX305/valid-js-public-redeem-with-verifier": [],
    "CX306/invalid-js-urlsearchparams-plain-method": [
        (
            "CX306",
            "src/login.ts",
            4,
            38,
            "PKCE code_challenge_method is plain; CXone accepts only S256",
        )
    ],
    "CX306/valid-js-urlsearchparams-s256": [],
    "CX307/invalid-js-public-authorize-without-challenge": [
        (
            "CX307",
            "src/login.ts",
            4,
            38,
            "app 'Agent Wallboard' is public, but this authorize request has "
            "no PKCE code_challenge",
        )
    ],
    "CX307/valid-js-public-authorize-with-s256": [],
    "CX308/invalid-js-jsonwebtoken-bad-claims": [
        (
            "CX308",
            "src/assertion.ts",
            5,
            10,
            "client assertion: missing jti; iss and sub differ (both must "
            "be the client_id); lifetime 3600 s (keep it under 600 s)",
        )
    ],
    "CX308/valid-js-jsonwebtoken-options-claims": [],
    "CX309/invalid-js-exported-token-url": [
        (
            "CX309",
            "src/config.ts",
            1,
            26,
            "token endpoint hard-coded (cxone.niceincontact.com); read "
            "token_endpoint from OIDC discovery",
        )
    ],
    "CX309/valid-js-discovered-endpoint": [],
    "CX310/invalid-js-central-and-access-key-template": [
        (
            "CX310",
            "src/legacy.js",
            1,
            15,
            "the legacy Central token service (api.incontact.com); use OIDC "
            "discovery and /auth/token",
        ),
        (
            "CX310",
            "src/legacy.js",
            2,
            20,
            "the UserHub access-key endpoint ({...}.nice-incontact.com); use "
            "OIDC discovery and /auth/token",
        ),
    ],
    "CX310/valid-js-oidc-token-request": [],
    "CX311/invalid-js-template-body-and-json-body": [
        (
            "CX311",
            "src/auth.ts",
            7,
            10,
            "access key placed unencoded in a hand-built token request body",
        ),
        (
            "CX311",
            "src/auth.ts",
            11,
            10,
            "token request body sent as JSON; CXone's token endpoint takes "
            "application/x-www-form-urlencoded",
        ),
    ],
    "CX311/valid-js-urlsearchparams-body": [],
    "CX312/invalid-js-localhost-redirect-built-by-reassignment": [
        (
            "CX312",
            "src/login.js",
            2,
            20,
            "redirect URI http://localhost:3000/callback is not registered "
            "for app 'Supervisor Portal', and its origin "
            "http://localhost:3000 is not in origins",
        )
    ],
    "CX312/valid-js-registered-redirect": [],
    "CX401/invalid-js-literal-before-or": [
        (
            "CX401",
            "src/client.js",
            3,
            17,
            "hard-coded CXone client secret in `clientSecret` (fingerprint ae8981b82495)",
        )
    ],
    "CX401/invalid-js-exported-const-fixed-to-process-env": [
        (
            "CX401",
            "src/config.ts",
            1,
            30,
            "hard-coded CXone client secret in `CLIENT_SECRET` (fingerprint ae8981b82495)",
        )
    ],
    "CX401/valid-js-process-env": [],
    "CX402/invalid-js-access-key-secret-const": [
        (
            "CX402",
            "src/keys.ts",
            1,
            25,
            "hard-coded CXone access key secret in `accessKeySecret` (fingerprint 277adf65103a)",
        )
    ],
    "CX403/invalid-js-jwt-fixed-to-process-env": [
        (
            "CX403",
            "src/demo.js",
            1,
            15,
            "hard-coded CXone access token (issuer auth.na1.nice-incontact.com, HS256, "
            "expired 2023-11-14) in `token` (fingerprint 0144ba9ed884)",
        )
    ],
    "CX403/valid-js-token-type-and-event-names": [],
    "CX404/invalid-js-basic-key-const": [
        (
            "CX404",
            "src/legacy.js",
            1,
            18,
            "hard-coded legacy inContact Basic key (App@Vendor:BU) in "
            "`AUTH_KEY` (fingerprint 5a7f13c7f22c)",
        )
    ],
    "CX405/invalid-js-api-key-fixed-to-process-env": [
        (
            "CX405",
            "src/db.ts",
            1,
            23,
            "hard-coded API key in `zendeskApiKey` (fingerprint 45126e743bc7)",
        )
    ],
    "CX405/valid-js-placeholder-password": [],
    "CX406/invalid-js-console-logger-and-res-json": [
        ("CX406", "src/auth.ts", 7, 3, "the 'access_token' field is printed"),
        ("CX406", "src/auth.ts", 8, 3, "the whole token response is logged"),
        ("CX406", "src/auth.ts", 13, 3, "`accessToken` is returned in an HTTP response"),
    ],
    "CX406/valid-js-error-branch-and-expiry": [],
    "CX407/invalid-js-node-tls-env-and-agent": [
        (
            "CX407",
            "src/http.ts",
            4,
            1,
            "TLS certificate verification turned off (NODE_TLS_REJECT_UNAUTHORIZED=0)",
        ),
        (
            "CX407",
            "src/http.ts",
            6,
            33,
            "TLS certificate verification turned off (rejectUnauthorized: false)",
        ),
    ],
    "CX407/valid-js-agent-with-ca": [],
    "CX408/invalid-js-html-script-non-ascii-fixed": [
        (
            "CX408",
            "public/index.html",
            3,
            13,
            "plain http:// URL to CXone host cxone.niceincontact.com",
        )
    ],
    "CX408/invalid-js-template-url-fixed": [
        (
            "CX408",
            "src/config.ts",
            1,
            21,
            "plain http:// URL to CXone host api-na1.niceincontact.com",
        )
    ],
    "CX408/valid-js-https-issuer": [],
    "CX501/invalid-js-eu1-userhub": [
        (
            "CX501",
            "src/hosts.ts",
            1,
            24,
            "eu1.nice-incontact.com is in area eu1, which app 'Callback "
            "Scheduler' is not registered for (environments: na1)",
        )
    ],
    "CX501/valid-js-env-default-issuer": [],
    "CX502/invalid-js-gov-issuer": [
        (
            "CX502",
            "src/hosts.ts",
            1,
            23,
            "cxone-gov.niceincontact.com is a government (FedRAMP) host, but "
            "app 'Callback Scheduler' is registered with government = false",
        )
    ],
    "CX503/invalid-js-template-api-host": [
        (
            "CX503",
            "src/nice.ts",
            1,
            14,
            "API host api-na1.niceincontact.com hard-coded; take api_endpoint "
            "from /.well-known/cxone-configuration",
        )
    ],
    "CX503/valid-js-api-endpoint-fallback": [],
    "CX504/invalid-js-axios-bearer-to-configuration": [
        (
            "CX504",
            "src/discover.ts",
            4,
            26,
            "Authorization header sent to the public cxone-configuration endpoint",
        )
    ],
    "CX504/valid-js-configuration-without-token": [],
    "CX801/invalid-js-axios-defaults-at-import": [
        (
            "CX801",
            "src/api.ts",
            6,
            1,
            "the bearer token is set into `axios.defaults` once at import and never "
            "renewed, and calls go through it later: every call through it fails with "
            "401 once that token expires (CXone tokens last expires_in seconds, about an "
            "hour)",
        ),
    ],
    "CX801/invalid-js-axios-instance-with-bearer": [
        (
            "CX801",
            "src/client.js",
            5,
            14,
            "the bearer token is set into `api` once at import and never renewed, and "
            "calls go through it later: every call through it fails with 401 once that "
            "token expires (CXone tokens last expires_in seconds, about an hour)",
        ),
    ],
    "CX801/valid-js-interceptor-renews": [],
    "CX802/invalid-js-token-for-every-agent": [
        (
            "CX802",
            "src/sync.ts",
            7,
            26,
            "login() requests a new CXone token each time and keeps none, and this loop "
            "calls it for every item: each one repeats the token request, slows the run "
            "and meets the token service's rate limits",
        ),
    ],
    "CX802/invalid-js-token-request-in-map": [
        (
            "CX802",
            "src/sync.js",
            6,
            23,
            "a new token is requested for every item of this loop: each one repeats the "
            "token request (client secret and access key sent again), slows the run and "
            "meets the token service's rate limits",
        ),
    ],
    "CX802/valid-js-token-once-and-per-tenant": [],
    "CX803/invalid-js-fixed-ttl": [
        (
            "CX803",
            "src/token.js",
            12,
            5,
            "the cached token expires after a fixed time, not after the expires_in of "
            "the token response: when the token expires first, every call fails with 401 "
            "until the fixed time runs out",
        ),
    ],
    "CX803/invalid-js-memoized-token": [
        (
            "CX803",
            "src/token.js",
            5,
            26,
            "getToken() requests a CXone token and memoize keeps its first token for the "
            "life of the process: once that token expires, every caller gets an expired "
            "token and every call fails with 401",
        ),
    ],
    "CX803/valid-js-cache-follows-expires-in": [],
    "CX804/invalid-js-renews-while-valid": [
        (
            "CX804",
            "src/token.js",
            16,
            7,
            "this expiry check is the wrong way round: it gets a new token while the "
            "kept one is still valid and keeps the expired one, so every call after "
            "expiry fails with 401",
        ),
    ],
    "CX804/valid-js-renews-when-expired": [],
    "CX805/invalid-js-no-margin": [
        (
            "CX805",
            "src/token.js",
            14,
            3,
            "the token is kept until the second it expires and the check adds no margin: "
            "requests sent in its last seconds reach CXone with an expired token and "
            "fail with 401",
        ),
    ],
    "CX805/valid-js-margin": [],
    "CX806/invalid-js-refresh-expiry-from-expires-in": [
        (
            "CX806",
            "src/session.ts",
            7,
            3,
            "the refresh token's expiry is computed from expires_in, the access token's "
            "lifetime: a usable refresh token is thrown away (a new login with the "
            "password or the browser), or a dead one is used (invalid_grant)",
        ),
    ],
    "CX806/valid-js-refresh-expiry-own": [],
    "CX807/invalid-js-refresh-to-fixed-url": [
        (
            "CX807",
            "src/central.js",
            13,
            21,
            "the refresh goes to "
            "https://api.incontact.com/InContactAuthorizationServer/Token, written in "
            "the code, while the Central token response names the server to refresh at "
            "(refresh_token_server_uri): for a business unit served by another cluster "
            "the refresh fails at every expiry",
        ),
    ],
    "CX807/valid-js-refresh-server-uri": [],
    "CX808/invalid-js-refresh-without-client-auth": [
        (
            "CX808",
            "src/auth.ts",
            17,
            21,
            "this refresh sends no client authentication, but the app is a backend "
            "client: the token service refuses it (invalid_client) and the session ends "
            "when the access token expires",
        ),
    ],
    "CX808/valid-js-refresh-with-basic": [],
    "CX809/invalid-js-base-uri-with-current-service": [
        (
            "CX809",
            "src/api.ts",
            5,
            16,
            "resource_server_base_uri is a field of the legacy Central token response; "
            "the current token service does not return it, so the API base is empty and "
            "every API call built on it fails",
        ),
    ],
    "CX809/valid-js-base-uri-with-central": [],
    "CX810/invalid-js-id-token-from-header": [
        (
            "CX810",
            "server/index.js",
            8,
            18,
            "the token comes from the caller and its signature is never checked, yet its "
            "claims decide which tenant it acts for: anyone can send a token that says "
            "otherwise",
        ),
    ],
    "CX810/valid-js-verified-with-jwks": [],
    "CX811/invalid-js-authorize-url-without-state": [
        (
            "CX811",
            "server/oauth.js",
            10,
            16,
            "this authorize request sends no state: the callback cannot tell its own "
            "login from a forged one, so an attacker can log a victim in to the "
            "attacker's account (login CSRF)",
        ),
    ],
    "CX811/valid-js-authorize-url-with-state": [],
    "CX812/invalid-js-static-state": [
        (
            "CX812",
            "src/implicit-auth.js",
            6,
            26,
            "the state of this authorize request is a constant: everyone knows it, so a "
            "forged callback carries it too and is accepted (login CSRF)",
        ),
    ],
    "CX812/valid-js-random-state": [],
    "CX813/invalid-js-callback-ignores-state": [
        (
            "CX813",
            "server/oauth.js",
            16,
            31,
            "the callback redeems the code without comparing the state it sent: a forged "
            "callback is accepted and a victim is logged in to the attacker's account "
            "(login CSRF)",
        ),
    ],
    "CX813/valid-js-callback-compares-state": [],
    "CX814/invalid-js-id-token-without-nonce": [
        (
            "CX814",
            "server/oauth.js",
            13,
            16,
            "the app reads the id_token to learn who logged in, but this authorize "
            "request sends no nonce: an id_token from an earlier login can be replayed "
            "and is taken for a fresh one",
        ),
    ],
    "CX814/valid-js-nonce-sent": [],
    "CX815/invalid-js-seconds-on-millisecond-clock": [
        (
            "CX815",
            "src/token.js",
            12,
            3,
            "the expiry adds expires_in (seconds) to a clock in milliseconds: the token "
            "counts as expired after 3.6 seconds instead of an hour, so nearly every "
            "call requests a new one",
        ),
    ],
    "CX815/valid-js-converted-to-milliseconds": [],
    "CX901/invalid-js-cors-every-origin": [
        (
            "CX901",
            "src/server.js",
            6,
            9,
            "CORS allows every origin, and GET /agents calls CXone with the server's "
            "token: any web page a user opens can call it from their browser and read "
            "the answer",
        ),
    ],
    "CX901/valid-js-cors-own-origin": [],
    "CX902/invalid-js-reflect-with-credentials": [
        (
            "CX902",
            "src/server.js",
            5,
            9,
            "CORS allows credentials for every origin (the caller's Origin is sent "
            "back): any web site can call this server with the visitor's cookies and "
            "read the answers",
        ),
    ],
    "CX902/valid-js-credentials-with-list": [],
    "CX903/invalid-js-origin-function-lets-no-origin": [
        (
            "CX903",
            "src/server.js",
            6,
            9,
            "the CORS origin check lets requests without an Origin through (scripts and "
            "servers send none), so the allow-list protects nothing",
        ),
    ],
    "CX903/valid-js-origin-function-exact": [],
    "CX904/invalid-js-token-vending-route": [
        (
            "CX904",
            "src/server.js",
            6,
            1,
            "GET /token returns its CXone access token to whoever calls it: in a "
            "back-end app that token acts as its API user, usable by any caller or "
            "script until it expires",
        ),
    ],
    "CX904/valid-js-operation-route": [],
    "CX905/invalid-js-open-proxy-route": [
        (
            "CX905",
            "src/server.js",
            6,
            1,
            "GET /agents calls CXone with the integration's own token and authenticates "
            "no caller: anyone who can reach it acts as the API user",
        ),
    ],
    "CX905/valid-js-app-wide-auth": [],
    "CX906/invalid-js-listen-all-interfaces": [
        (
            "CX906",
            "src/server.js",
            10,
            1,
            "the server listens on every interface (0.0.0.0) and GET /agents uses its "
            "CXone token without authenticating the caller: every network this host is "
            "on can reach that token",
        ),
    ],
    "CX906/valid-js-listen-localhost": [],
    "CX907/invalid-js-session-from-header": [
        (
            "CX907",
            "src/server.js",
            9,
            3,
            "the session is stored under the id the client sends in x-session-id: a "
            "client that sends another user's id takes over that session and its CXone "
            "tokens",
        ),
    ],
    "CX907/valid-js-server-issued-session": [],
    "CX908/invalid-js-token-in-query": [
        (
            "CX908",
            "src/reports.js",
            7,
            23,
            "the access_token goes in the URL's query string: servers, proxies and "
            "browser history log URLs, so it can be read there",
        ),
        (
            "CX908",
            "src/reports.js",
            11,
            16,
            "the access_key_secret goes in the URL's query string: servers, proxies and "
            "browser history log URLs, so it can be read there",
        ),
    ],
    "CX908/valid-js-token-in-header": [],
    "CX314/invalid-js-logout-redirect-not-registered": [
        (
            "CX314",
            "src/logout.ts",
            6,
            31,
            "post_logout_redirect_uri https://portal.acme.example/bye is not a "
            "registered logout redirect of app 'Supervisor Portal': CXone will not send "
            "the browser back there",
        ),
    ],
    "CX314/valid-js-logout-redirect-registered": [],
    "CX410/invalid-js-secure-protocol-and-max": [
        (
            "CX410",
            "src/agent.js",
            6,
            15,
            "TLS is capped at TLSv1.1: CXone requires TLS 1.2, so every connection to it "
            "fails its handshake",
        ),
        (
            "CX410",
            "src/agent.js",
            8,
            50,
            "TLS is pinned to TLSv1: CXone requires TLS 1.2, so every connection to it "
            "fails its handshake",
        ),
    ],
    "CX410/valid-js-min-version-1-2": [],
    "CX505/invalid-js-tenant-id-constant": [
        (
            "CX505",
            "src/discovery.ts",
            4,
            27,
            "a tenant id is written in the code (tenantId), but app 'Acme WFM Connector' "
            "is registered for all tenants: every customer's calls go to this one tenant",
        ),
    ],
    "CX505/valid-js-tenant-from-claims": [],
    "CX116/invalid-js-backend-central-without-scope": [
        (
            "CX116",
            "cxone-app.toml",
            1,
            1,
            "no `scope`: a back-end app exists to call CXone APIs, its code requests tokens "
            "from Central CXone (src/auth.js:8), and Central grants only the API groups the "
            "registration states",
        ),
    ],
    "CX313/invalid-js-admin-scope-not-registered": [
        (
            "CX313",
            "src/auth.js",
            13,
            23,
            "this Central token request asks for AdminApi, but app 'Acme Agent Reports' is "
            "registered for RealTimeDataAPI ReportingAPI: Central grants only registered "
            "scopes, so the calls that need it fail",
        ),
    ],
    "CX313/valid-js-registered-scopes": [],
}


FOLDERS = sorted(f"{d.parent.name}/{d.name}" for d in CASES.glob("CX*/*-js-*") if d.is_dir())


@pytest.mark.parametrize("folder", FOLDERS)
def test_js_case_exact_findings(folder: str, tmp_path: Path) -> None:
    code = folder.split("/")[0]
    case = load_case(CASES / folder)
    write_project(tmp_path, case.files)
    result = run_project(tmp_path, [code], case.settings)  # findings before any fix
    got = sorted(
        (d.code, d.path, d.start.line, d.start.column, d.message)
        for d in result.active
        if d.code == code
    )
    assert got == sorted(EXACT[folder]), case.note


def test_every_js_case_folder_is_listed() -> None:
    assert set(FOLDERS) == set(EXACT)


def test_every_code_rule_has_valid_and_invalid_js_cases() -> None:
    for code in sorted(CODE_RULES):
        kinds = {f.split("/")[1].split("-js-")[0] for f in FOLDERS if f.startswith(code + "/")}
        assert "invalid" in kinds, f"{code} has no invalid JS/TS case"

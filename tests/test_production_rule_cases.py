"""The tokens-in-production rules (CX8xx), the integration's own surface (CX9xx) and the
registration gaps (CX116, CX118, CX119, CX313, CX314, CX410, CX505, CX613) on their Python,
manifest, PHP and PowerShell cases: the exact column and message of each finding, which the
`# expect:` markers (run by tests/test_rule_cases.py for code, file and line) cannot say. The
JS/TS cases of the same rules are in tests/test_js_rule_cases.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cxone_lint.testing import load_case, run_project, write_project

CASES = Path(__file__).resolve().parents[1] / "rules" / "cxone_rules" / "cases"
CODES = [
    f"CX{n}" for n in (116, 118, 119, 313, 314, 410, 505, 613, *range(801, 816), *range(901, 909))
]
OTHER_LANGUAGES = ("-js-",)  # their own test: tests/test_js_rule_cases.py

EXACT = {
    "CX801/invalid-header-dict-in-constructor": [
        (
            "CX801",
            "wfm/client.py",
            11,
            9,
            "the bearer token is set into `self.headers` once in the constructor and never "
            "renewed, and calls go through it later: every call through it fails with 401 once "
            "that token expires (CXone tokens last expires_in seconds, about an hour)",
        ),
    ],
    "CX801/invalid-session-header-set-at-import": [
        (
            "CX801",
            "reports/client.py",
            10,
            1,
            "the bearer token is set into `session` once at import and never renewed, and "
            "calls go through it later: every call through it fails with 401 once that token "
            "expires (CXone tokens last expires_in seconds, about an hour)",
        ),
    ],
    "CX801/valid-header-set-per-request": [],
    "CX802/invalid-token-for-every-agent": [
        (
            "CX802",
            "sync/agents.py",
            10,
            17,
            "login() requests a new CXone token each time and keeps none, and this loop calls "
            "it for every item: each one repeats the token request, slows the run and meets "
            "the token service's rate limits",
        ),
    ],
    "CX802/invalid-token-request-inside-loop": [
        (
            "CX802",
            "poller.py",
            13,
            17,
            "a new token is requested for every item of this loop: each one repeats the token "
            "request (client secret and access key sent again), slows the run and meets the "
            "token service's rate limits",
        ),
    ],
    "CX802/valid-one-token-per-environment-and-retry": [],
    "CX803/invalid-fixed-ttl": [
        (
            "CX803",
            "app/token.py",
            20,
            13,
            "the cached token expires after a fixed time, not after the expires_in of the "
            "token response: when the token expires first, every call fails with 401 until the "
            "fixed time runs out",
        ),
    ],
    "CX803/invalid-lru-cache-on-token": [
        (
            "CX803",
            "app/token.py",
            9,
            1,
            "get_token() requests a CXone token and functools.lru_cache keeps its first token "
            "for the life of the process: once that token expires, every caller gets an "
            "expired token and every call fails with 401",
        ),
    ],
    "CX803/valid-cache-follows-expires-in": [],
    "CX804/invalid-compared-with-expires-in": [
        (
            "CX804",
            "app/token.py",
            11,
            26,
            "the clock is compared with expires_in, a number of seconds (about 3600), not a "
            "point in time: the token always counts as expired (a new token per call) or never "
            "does (401 after the first hour)",
        ),
    ],
    "CX804/invalid-renews-while-valid": [
        (
            "CX804",
            "app/token.py",
            15,
            12,
            "this expiry check is the wrong way round: it gets a new token while the kept one "
            "is still valid and keeps the expired one, so every call after expiry fails with "
            "401",
        ),
    ],
    "CX804/valid-renews-when-expired": [],
    "CX805/invalid-module-cache-without-skew": [
        (
            "CX805",
            "nice/connection.py",
            16,
            5,
            "the token is kept until the second it expires and the check adds no margin: "
            "requests sent in its last seconds reach CXone with an expired token and fail with "
            "401",
        ),
    ],
    "CX805/valid-skew-in-check": [],
    "CX806/invalid-refresh-expiry-from-expires-in": [
        (
            "CX806",
            "portal/tokens.py",
            14,
            9,
            "the refresh token's expiry is computed from expires_in, the access token's "
            "lifetime: a usable refresh token is thrown away (a new login with the password or "
            "the browser), or a dead one is used (invalid_grant)",
        ),
    ],
    "CX806/valid-refresh-expiry-own-lifetime": [],
    "CX807/invalid-refresh-to-fixed-central-host": [
        (
            "CX807",
            "central/auth.py",
            20,
            12,
            "the refresh goes to https://api.incontact.com/InContactAuthorizationServer/Token, "
            "written in the code, while the Central token response names the server to refresh "
            "at (refresh_token_server_uri): for a business unit served by another cluster the "
            "refresh fails at every expiry",
        ),
    ],
    "CX807/valid-refresh-to-refresh-token-server-uri": [],
    "CX808/invalid-refresh-without-client-auth": [
        (
            "CX808",
            "scheduler/auth.py",
            21,
            12,
            "this refresh sends no client authentication, but the app is a backend client: the "
            "token service refuses it (invalid_client) and the session ends when the access "
            "token expires",
        ),
    ],
    "CX808/valid-refresh-with-basic-auth": [],
    "CX809/invalid-base-uri-from-current-token-service": [
        (
            "CX809",
            "exporter/api.py",
            8,
            12,
            "resource_server_base_uri is a field of the legacy Central token response; the "
            "current token service does not return it, so the API base is empty and every API "
            "call built on it fails",
        ),
    ],
    "CX809/valid-base-uri-with-central-token-service": [],
    "CX810/invalid-id-token-from-request-unverified": [
        (
            "CX810",
            "portal/app.py",
            10,
            14,
            "the id_token comes from the caller and its signature is never checked, yet its "
            "claims decide which tenant it acts for: anyone can send a token that says "
            "otherwise",
        ),
    ],
    "CX810/valid-verified-and-token-endpoint-decode": [],
    "CX811/invalid-authorize-without-state": [
        (
            "CX811",
            "portal/app.py",
            15,
            14,
            "this authorize request sends no state: the callback cannot tell its own login "
            "from a forged one, so an attacker can log a victim in to the attacker's account "
            "(login CSRF)",
        ),
    ],
    "CX811/valid-random-state-and-library-url": [],
    "CX812/invalid-static-state": [
        (
            "CX812",
            "portal/app.py",
            15,
            14,
            "the state of this authorize request is a constant: everyone knows it, so a forged "
            "callback carries it too and is accepted (login CSRF)",
        ),
    ],
    "CX812/valid-random-state": [],
    "CX813/invalid-callback-ignores-state": [
        (
            "CX813",
            "portal/app.py",
            23,
            14,
            "the callback redeems the code without comparing the state it sent: a forged "
            "callback is accepted and a victim is logged in to the attacker's account (login "
            "CSRF)",
        ),
    ],
    "CX813/valid-callback-compares-state": [],
    "CX814/invalid-id-token-read-without-nonce": [
        (
            "CX814",
            "portal/app.py",
            19,
            14,
            "the app reads the id_token to learn who logged in, but this authorize request "
            "sends no nonce: an id_token from an earlier login can be replayed and is taken "
            "for a fresh one",
        ),
    ],
    "CX814/valid-nonce-sent-and-compared": [],
    "CX815/invalid-python-milliseconds-for-a-browser": [
        (
            "CX815",
            "app/token.py",
            8,
            5,
            "the expiry adds expires_in (seconds) to a clock in milliseconds: the token counts "
            "as expired after 3.6 seconds instead of an hour, so nearly every call requests a "
            "new one",
        ),
    ],
    "CX815/valid-python-seconds-clock": [],
    "CX901/invalid-flask-cors-everyone": [
        (
            "CX901",
            "svc/web.py",
            7,
            1,
            "CORS allows every origin, and GET /agents calls CXone with the server's token: "
            "any web page a user opens can call it from their browser and read the answer",
        ),
    ],
    "CX901/valid-cors-own-front-end": [],
    "CX902/invalid-starlette-credentials-any": [
        (
            "CX902",
            "svc/main.py",
            8,
            1,
            "CORS allows credentials for every origin (the caller's Origin is sent back): any "
            "web site can call this server with the visitor's cookies and read the answers",
        ),
    ],
    "CX902/valid-credentials-with-listed-origins": [],
    "CX902/invalid-php-reflected-origin-with-credentials": [
        (
            "CX902",
            "public/index.php",
            5,
            1,
            "CORS allows credentials for every origin (the caller's Origin is sent back): any "
            "web site can call this server with the visitor's cookies and read the answers",
        ),
    ],
    "CX902/valid-php-listed-origin-with-credentials": [],
    "CX903/invalid-suffix-origin-check": [
        (
            "CX903",
            "svc/web.py",
            10,
            9,
            "the CORS origin check accepts every origin that ends with the allowed name "
            "(https://evil-acme.example passes for acme.example)",
        ),
    ],
    "CX903/valid-exact-origin-set": [],
    "CX904/invalid-token-route-in-backend-app": [
        (
            "CX904",
            "svc/web.py",
            8,
            1,
            "GET /api/token returns its CXone access token to whoever calls it: in a back-end "
            "app that token acts as its API user, usable by any caller or script until it "
            "expires",
        ),
    ],
    "CX904/valid-operation-instead-of-token": [],
    "CX905/invalid-proxy-route-without-auth": [
        (
            "CX905",
            "svc/web.py",
            8,
            1,
            "GET /agents calls CXone with the integration's own token and authenticates no "
            "caller: anyone who can reach it acts as the API user",
        ),
    ],
    "CX905/valid-dependency-and-hook": [],
    "CX906/invalid-all-interfaces-with-open-route": [
        (
            "CX906",
            "svc/web.py",
            14,
            5,
            "the server listens on every interface (0.0.0.0) and GET /agents uses its CXone "
            "token without authenticating the caller: every network this host is on can reach "
            "that token",
        ),
    ],
    "CX906/valid-all-interfaces-behind-auth": [],
    "CX907/invalid-session-keyed-by-header": [
        (
            "CX907",
            "svc/web.py",
            12,
            5,
            "the session is stored under the id the client sends in X-Session-Id: a client "
            "that sends another user's id takes over that session and its CXone tokens",
        ),
    ],
    "CX907/valid-server-issued-session": [],
    "CX908/invalid-token-in-query": [
        (
            "CX908",
            "svc/reports.py",
            8,
            25,
            "the access_token goes in the URL's query string: servers, proxies and browser "
            "history log URLs, so it can be read there",
        ),
        (
            "CX908",
            "svc/reports.py",
            12,
            50,
            "the access_token goes in the URL's query string: servers, proxies and browser "
            "history log URLs, so it can be read there",
        ),
    ],
    "CX908/valid-header-and-form-body": [],
    "CX908/invalid-php-token-in-query": [
        (
            "CX908",
            "src/Reports.php",
            7,
            37,
            "the access_token goes in the URL's query string: servers, proxies and browser "
            "history log URLs, so it can be read there",
        ),
        (
            "CX908",
            "src/Reports.php",
            13,
            18,
            "the accessKeySecret goes in the URL's query string: servers, proxies and browser "
            "history log URLs, so it can be read there",
        ),
    ],
    "CX908/valid-php-token-in-header": [],
    "CX116/invalid-backend-without-scope": [
        (
            "CX116",
            "cxone-app.toml",
            1,
            1,
            "no `scope`: a back-end app exists to call CXone APIs, its code requests tokens "
            "from Central CXone (central.py:11), and Central grants only the API groups the "
            "registration states",
        ),
    ],
    "CX116/invalid-confidential-app-with-empty-scope": [
        (
            "CX116",
            "cxone-app.toml",
            3,
            9,
            "no `scope`: it declares an API user, so it calls CXone APIs, its code requests "
            "tokens from Central CXone (central.py:11), and Central grants only the API groups "
            "the registration states",
        ),
    ],
    "CX116/invalid-json-export-with-empty-scope": [
        (
            "CX116",
            "cxone-app.json",
            3,
            12,
            "no `scope`: a back-end app exists to call CXone APIs, its code requests tokens "
            "from Central CXone (central.py:11), and Central grants only the API groups the "
            "registration states",
        ),
    ],
    "CX116/valid-backend-current-token-service": [],
    "CX116/valid-complete-registration": [],
    "CX116/valid-json-export-space-separated-scope": [],
    "CX116/valid-public-app-login-only": [],
    "CX313/invalid-admin-scope-not-registered": [
        (
            "CX313",
            "reports/auth.py",
            16,
            12,
            "this Central token request asks for AdminApi, but app 'Acme Agent Reports' is "
            "registered for RealTimeDataAPI ReportingAPI: Central grants only registered "
            "scopes, so the calls that need it fail",
        ),
    ],
    "CX313/valid-registered-scopes": [],
    "CX313/invalid-php-admin-scope-not-registered": [
        (
            "CX313",
            "src/Auth.php",
            17,
            14,
            "this Central token request asks for AdminApi, but app 'Acme Agent Reports' is "
            "registered for RealTimeDataAPI ReportingAPI: Central grants only registered "
            "scopes, so the calls that need it fail",
        ),
    ],
    "CX313/valid-php-registered-scopes": [],
    "CX313/invalid-powershell-admin-scope-not-registered": [
        (
            "CX313",
            "Cxone/Connect-Cxone.ps1",
            10,
            5,
            "this Central token request asks for AdminApi, but app 'Acme Agent Reports' is "
            "registered for RealTimeDataAPI ReportingAPI: Central grants only registered "
            "scopes, so the calls that need it fail",
        ),
    ],
    "CX313/valid-powershell-registered-scopes": [],
    "CX118/invalid-two-apps-one-client-id": [
        (
            "CX118",
            "cxone-app.toml",
            10,
            13,
            "app 'Agent Wallboard': client_id '7a2c4e6f-8b0d-4f1a-b3c5-d7e9f1a3b5c7' is also "
            "the client_id of app 'Callback Scheduler': NICE issues one per registration, so "
            "these describe one app twice",
        ),
    ],
    "CX118/valid-one-client-id-each": [],
    "CX119/invalid-blank-tracking-number-and-bad-issuers": [
        (
            "CX119",
            "cxone-app.toml",
            6,
            19,
            "`tracking_number` is blank: NICE asks for the registration's tracking number in "
            "every e-mail about it",
        ),
        (
            "CX119",
            "cxone-app.toml",
            8,
            3,
            "issuer 'cxone.niceincontact.com' is not an https URL: NICE needs the app's "
            "issuers (with its client_id) to delete it",
        ),
        (
            "CX119",
            "cxone-app.toml",
            9,
            3,
            "issuer 'https://scheduler.acme.example' is not a CXone issuer: NICE needs the "
            "app's issuers (with its client_id) to delete it",
        ),
    ],
    "CX119/valid-json-export-without-record": [],
    "CX119/valid-tracking-number-and-issuers": [],
    "CX314/invalid-logout-redirect-not-registered": [
        (
            "CX314",
            "portal/logout.py",
            8,
            70,
            "post_logout_redirect_uri https://portal.acme.example/bye is not a registered "
            "logout redirect of app 'Supervisor Portal': CXone will not send the browser back "
            "there",
        ),
    ],
    "CX314/valid-logout-redirect-registered": [],
    "CX410/invalid-tls-minimum-and-pinned": [
        (
            "CX410",
            "dialer/transport.py",
            11,
            5,
            "the minimum TLS version is lowered to TLSv1: a network attacker can push "
            "connections down to it (CXone requires TLS 1.2)",
        ),
        (
            "CX410",
            "dialer/transport.py",
            17,
            33,
            "TLS is pinned to TLSv1.1: CXone requires TLS 1.2, so every connection to it fails "
            "its handshake",
        ),
    ],
    "CX410/valid-tls-1-2-minimum": [],
    "CX505/invalid-tenant-id-in-discovery-url": [
        (
            "CX505",
            "connector/discovery.py",
            4,
            13,
            "a tenant id is written in the code (TENANT_ID), but app 'Acme WFM Connector' is "
            "registered for all tenants: every customer's calls go to this one tenant",
        ),
    ],
    "CX505/valid-tenant-from-token": [],
    "CX613/invalid-deleted-without-issuers": [
        (
            "CX613",
            "cxone-app.toml",
            6,
            10,
            "the app is marked deleted but the manifest has no `issuers`: NICE needs the app's "
            "issuers and client_id to delete it",
        ),
    ],
    "CX613/valid-deleted-with-issuers": [],
}


FOLDERS = sorted(
    f"{code}/{d.name}"
    for code in CODES
    for d in (CASES / code).iterdir()
    if d.is_dir() and not any(mark in d.name for mark in OTHER_LANGUAGES)
)


@pytest.mark.parametrize("folder", FOLDERS)
def test_case_exact_findings(folder: str, tmp_path: Path) -> None:
    code = folder.split("/")[0]
    case = load_case(CASES / folder)
    write_project(tmp_path, case.files)
    result = run_project(tmp_path, [code], case.settings)
    got = sorted(
        (d.code, d.path, d.start.line, d.start.column, d.message)
        for d in result.active
        if d.code == code
    )
    assert got == sorted(EXACT[folder]), case.note


def test_every_case_folder_is_listed() -> None:
    assert set(FOLDERS) == set(EXACT)


def test_every_rule_has_a_finding_and_a_clean_case() -> None:
    for code in CODES:
        mine = [f for f in FOLDERS if f.startswith(code + "/")]
        assert any(EXACT[f] for f in mine), f"{code} has no case with findings"
        assert any(not EXACT[f] for f in mine), f"{code} has no clean case"

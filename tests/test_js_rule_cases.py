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
CODE_RULES = {f"CX{n}" for n in (*range(301, 313), *range(401, 409), *range(501, 505))}

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

"""Every code rule on JavaScript and TypeScript: the same codes, messages and positions as for
Python, on the code CXone integrations write in JS/TS.

Grouped per rule (`CASES[code]`: valid and invalid mini projects with their exact findings:
code, file, line, column, message), so each group moves as it is into the rule's case folder
(`// expect: CX301` markers) when rule cases become files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from cxone_lint.testing import run_project, write_project

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


def env_manifest(environments: str = '["na1"]', government: str = "false") -> str:
    return f"""\
[app]
name = "Callback Scheduler"
type = "backend"
tenancy = "all"
environments = {environments}
government = {government}
auth_method = "client_secret_basic"
contacts = ["cx-integrations@acme.example"]

[api_user]
username = "svc-callback@acme.example"
"""


# Fake credentials, invented for these tests and valid nowhere (the same as the Python cases).
FAKE_CLIENT_SECRET = "Z61a7LXyT2nXW5uKcrHfkIw3oOyynsKfqIjsG8f4"
FAKE_ACCESS_KEY_SECRET = "GzMbzkJ+jjxEGGNaBIZJj3X7gSZp862PQVvnLiP6IT68hEPs7jkzJJUTQRV6BqY="
FAKE_BASIC_KEY = "QXBwQFZlbmRvcjo0NjAwMTIz"  # base64("App@Vendor:4600123")
FAKE_JWT = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2F1dGgubmExLm5pY2UtaW5jb250YWN0"
    "LmNvbSIsInN1YiI6InVzZXI6MTExMTExMTEtMjIyMi0zMzMzLTQ0NDQtNTU1NTU1NTU1NTU1IiwidGVuYW50SWQi"
    "OiIxMWViMDM1OC1hYWFhLWJiYmItY2NjYy0wMjQyYWMxMTAwMDMiLCJpY0JVSWQiOjQ2MDAxMjMsImV4cCI6MTcw"
    "MDAwMDAwMCwiaWF0IjoxNjk5OTk2NDAwfQ.VfkJJM655c2LixJqAkaty5kH_3rOQ76mRrjXcqmpyyU"
)


@dataclass
class JsCase:
    files: dict[str, str]
    expect: list[tuple[str, str, int, int, str]] = field(default_factory=list)
    fixed: dict[str, str] | None = None
    unsafe: bool = False
    note: str = ""


# -- token requests used by several rules ---------------------------------------------------------

BASIC_AXIOS = """\
import axios from "axios";

export async function fetchToken(tokenEndpoint: string): Promise<string> {
  const body = new URLSearchParams({
    grant_type: "password",
    username: process.env.CXONE_ACCESS_KEY_ID ?? "",
    password: process.env.CXONE_ACCESS_KEY_SECRET ?? "",
  });
  const { data } = await axios.post(tokenEndpoint, body, {
    auth: { username: process.env.CXONE_CLIENT_ID!, password: process.env.CXONE_CLIENT_SECRET! },
  });
  return data.access_token;
}
"""

POST_FETCH = """\
export async function fetchToken(discovery: { token_endpoint: string }): Promise<string> {
  const form = new URLSearchParams();
  form.append("grant_type", "password");
  form.append("username", process.env.CXONE_ACCESS_KEY_ID ?? "");
  form.append("password", process.env.CXONE_ACCESS_KEY_SECRET ?? "");
  form.append("client_id", process.env.CXONE_CLIENT_ID ?? "");
  form.append("client_secret", process.env.CXONE_CLIENT_SECRET ?? "");
  const response = await fetch(discovery.token_endpoint, { method: "POST", body: form });
  return (await response.json()).access_token;
}
"""

POST_BODY_OBJECT = """\
const axios = require("axios");

async function refresh(tokenEndpoint, refreshToken) {
  const params = new URLSearchParams({
    grant_type: "refresh_token",
    refresh_token: refreshToken,
    client_id: process.env.CXONE_CLIENT_ID,
    client_secret: process.env.CXONE_CLIENT_SECRET,
  });
  const res = await axios.post(tokenEndpoint, params);
  return res.data;
}

module.exports = { refresh };
"""

BASIC_HEADER_FETCH = """\
const clientId = process.env.CXONE_CLIENT_ID;
const clientSecret = process.env.CXONE_CLIENT_SECRET;

export async function login(tokenEndpoint) {
  const basic = Buffer.from(`${clientId}:${clientSecret}`).toString("base64");
  const res = await fetch(tokenEndpoint, {
    method: "POST",
    headers: {
      Authorization: `Basic ${basic}`,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({
      grant_type: "password",
      username: process.env.CXONE_ACCESS_KEY_ID,
      password: process.env.CXONE_ACCESS_KEY_SECRET,
    }),
  });
  return res.json();
}
"""

AUTHORIZE_PKCE = """\
const AUTHORIZE = "https://cxone.niceincontact.com/auth/authorize";

export function loginUrl(clientId: string, challenge: string, state: string): string {
  const params = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: "https://wallboard.acme.example/auth/callback",
    scope: "openid",
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  return `${AUTHORIZE}?${params}`;
}
"""

CASES: dict[str, list[JsCase]] = {
    "CX301": [
        JsCase({"cxone-app.toml": MANIFEST_BACKEND_BASIC, "src/auth.ts": BASIC_AXIOS}),
        JsCase(
            {"cxone-app.toml": MANIFEST_BACKEND_BASIC, "src/auth.ts": POST_FETCH},
            [
                (
                    "CX301",
                    "src/auth.ts",
                    8,
                    26,
                    "token request authenticates the client with client_secret_post, but "
                    "app 'Callback Scheduler' is registered with client_secret_basic",
                )
            ],
        ),
        JsCase(
            {"cxone-app.toml": MANIFEST_BACKEND_BASIC, "src/refresh.js": POST_BODY_OBJECT},
            [
                (
                    "CX301",
                    "src/refresh.js",
                    10,
                    21,
                    "token request authenticates the client with client_secret_post, but "
                    "app 'Callback Scheduler' is registered with client_secret_basic",
                )
            ],
            note="refresh grant, CommonJS, body built into a variable",
        ),
    ],
    "CX302": [
        JsCase({"src/auth.ts": BASIC_AXIOS, "src/login.js": BASIC_HEADER_FETCH}),
        JsCase(
            {
                "src/auth.ts": BASIC_AXIOS,
                "src/login.js": BASIC_HEADER_FETCH,
                "src/refresh.js": POST_BODY_OBJECT,
                "src/config.js": 'export const ISSUER = "https://cxone.niceincontact.com";\n',
            },
            [
                (
                    "CX302",
                    "src/refresh.js",
                    10,
                    21,
                    "this token request uses client_secret_post while the app's other token "
                    "requests use client_secret_basic",
                )
            ],
        ),
    ],
    "CX303": [
        JsCase(
            {
                "src/checkmarx.ts": """\
const IAM = "https://iam.checkmarx.net/auth/realms/acme/protocol/openid-connect/token";
export async function cxoneToken(clientId: string, secret: string) {
  const body = new URLSearchParams({
    grant_type: "client_credentials", client_id: clientId, client_secret: secret,
  });
  return (await fetch(IAM, { method: "POST", body })).json();
}
"""
            },
            note="Checkmarx One is not CXone",
        ),
        JsCase(
            {
                "src/auth.js": """\
const TOKEN_URL = "https://cxone.niceincontact.com/auth/token";
export async function token(basic) {
  const res = await fetch(TOKEN_URL, {
    method: "POST",
    headers: { Authorization: "Basic " + basic },
    body: new URLSearchParams({ grant_type: "client_credentials" }),
  });
  return (await res.json()).access_token;
}
""",
                "web/login.js": """\
const AUTHORIZE = "https://cxone.niceincontact.com/auth/authorize";
function loginUrl(clientId) {
  let url = AUTHORIZE + "?client_id=" + encodeURIComponent(clientId);
  url += "&response_type=token";
  url += "&scope=openid";
  return url;
}
""",
            },
            [
                (
                    "CX303",
                    "src/auth.js",
                    6,
                    45,
                    "grant_type client_credentials is not supported by CXone",
                ),
                (
                    "CX303",
                    "web/login.js",
                    6,
                    10,
                    "implicit flow (response_type=token) is not supported by CXone",
                ),
            ],
        ),
    ],
    "CX304": [
        JsCase({"cxone-app.toml": MANIFEST_BACKEND_BASIC, "src/auth.ts": BASIC_AXIOS}),
        JsCase(
            {"cxone-app.toml": MANIFEST_BACKEND_BASIC, "src/login.ts": AUTHORIZE_PKCE},
            [
                (
                    "CX304",
                    "src/login.ts",
                    1,
                    19,
                    "app 'Callback Scheduler' is registered as a back-end app, but this code "
                    "builds a CXone authorize URL",
                ),
                (
                    "CX304",
                    "src/login.ts",
                    4,
                    38,
                    "app 'Callback Scheduler' is registered as a back-end app, but this code "
                    "starts a browser authorization flow",
                ),
            ],
        ),
    ],
    "CX305": [
        JsCase(
            {
                "cxone-app.toml": MANIFEST_PUBLIC,
                "src/callback.ts": """\
export async function redeem(tokenEndpoint: string, code: string, verifier: string) {
  const res = await fetch(tokenEndpoint, {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      code_verifier: verifier,
      client_id: "wallboard",
      redirect_uri: "https://wallboard.acme.example/auth/callback",
    }),
  });
  return res.json();
}
""",
            }
        ),
        JsCase(
            {
                "cxone-app.toml": MANIFEST_PUBLIC,
                "src/callback.ts": """\
export async function redeem(tokenEndpoint: string, code: string, verifier: string) {
  const res = await fetch(tokenEndpoint, {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      code_verifier: verifier,
      client_id: "wallboard",
      client_secret: import.meta.env.VITE_CLIENT_SECRET,
      redirect_uri: "https://wallboard.acme.example/auth/callback",
    }),
  });
  return res.json();
}
""",
            },
            [
                (
                    "CX305",
                    "src/callback.ts",
                    2,
                    21,
                    "app 'Agent Wallboard' is registered as public (no secret), but this token "
                    "request authenticates the client with client_secret_post",
                )
            ],
        ),
    ],
    "CX306": [
        JsCase({"src/login.ts": AUTHORIZE_PKCE}),
        JsCase(
            {"src/login.ts": AUTHORIZE_PKCE.replace('"S256"', '"plain"')},
            [
                (
                    "CX306",
                    "src/login.ts",
                    4,
                    38,
                    "PKCE code_challenge_method is plain; CXone accepts only S256",
                )
            ],
        ),
    ],
    "CX307": [
        JsCase({"cxone-app.toml": MANIFEST_PUBLIC, "src/login.ts": AUTHORIZE_PKCE}),
        JsCase(
            {
                "cxone-app.toml": MANIFEST_PUBLIC,
                "src/login.ts": AUTHORIZE_PKCE.replace(
                    "    code_challenge: challenge,\n", ""
                ).replace('    code_challenge_method: "S256",\n', ""),
            },
            [
                (
                    "CX307",
                    "src/login.ts",
                    4,
                    38,
                    "app 'Agent Wallboard' is public, but this authorize request has no PKCE "
                    "code_challenge",
                )
            ],
        ),
    ],
    "CX308": [
        JsCase(
            {
                "src/assertion.ts": """\
import jwt from "jsonwebtoken";
import { randomUUID } from "node:crypto";

export function clientAssertion(clientId: string, tokenEndpoint: string): string {
  return jwt.sign({ jti: randomUUID() }, process.env.CXONE_CLIENT_SECRET!, {
    algorithm: "HS256",
    issuer: clientId,
    subject: clientId,
    audience: tokenEndpoint,
    expiresIn: "2m",
  });
}

export const body = { client_assertion: "", client_assertion_type: "jwt-bearer" };
"""
            }
        ),
        JsCase(
            {
                "src/assertion.ts": """\
import jwt from "jsonwebtoken";

export function clientAssertion(clientId: string, tokenEndpoint: string): string {
  const claims = { iss: clientId, sub: "backend", aud: tokenEndpoint };
  return jwt.sign(claims, process.env.CXONE_CLIENT_SECRET!, { expiresIn: "1h" });
}

export const body = { client_assertion: "", client_assertion_type: "jwt-bearer" };
"""
            },
            [
                (
                    "CX308",
                    "src/assertion.ts",
                    5,
                    10,
                    "client assertion: missing jti; iss and sub differ (both must be the "
                    "client_id); lifetime 3600 s (keep it under 600 s)",
                )
            ],
        ),
    ],
    "CX309": [
        JsCase({"src/auth.ts": BASIC_AXIOS}),
        JsCase(
            {
                "src/config.ts": 'export const TOKEN_URL = "https://cxone.niceincontact.com/auth/token";\n'
            },
            [
                (
                    "CX309",
                    "src/config.ts",
                    1,
                    26,
                    "token endpoint hard-coded (cxone.niceincontact.com); read token_endpoint "
                    "from OIDC discovery",
                )
            ],
        ),
    ],
    "CX310": [
        JsCase({"src/auth.ts": BASIC_AXIOS}),
        JsCase(
            {
                "src/legacy.js": """\
const TOKEN = "https://api.incontact.com/InContactAuthorizationServer/Token";
const ACCESS_KEY = `https://${process.env.AREA}.nice-incontact.com/authentication/v1/token/access-key`;
"""
            },
            [
                (
                    "CX310",
                    "src/legacy.js",
                    1,
                    15,
                    "the legacy Central token service (api.incontact.com); use OIDC discovery "
                    "and /auth/token",
                ),
                (
                    "CX310",
                    "src/legacy.js",
                    2,
                    20,
                    "the UserHub access-key endpoint ({...}.nice-incontact.com); use OIDC "
                    "discovery and /auth/token",
                ),
            ],
        ),
    ],
    "CX311": [
        JsCase({"src/auth.ts": BASIC_AXIOS}),
        JsCase(
            {
                "src/auth.ts": """\
import axios from "axios";

export async function fetchToken(tokenEndpoint: string, basic: string) {
  const id = process.env.CXONE_ACCESS_KEY_ID;
  const secret = process.env.CXONE_ACCESS_KEY_SECRET;
  const body = `grant_type=password&username=${id}&password=${secret}`;
  return axios.post(tokenEndpoint, body, { headers: { Authorization: `Basic ${basic}` } });
}

export async function fetchTokenJson(tokenEndpoint: string, basic: string) {
  return fetch(tokenEndpoint, {
    method: "POST",
    headers: { Authorization: `Basic ${basic}`, "Content-Type": "application/json" },
    body: JSON.stringify({ grant_type: "password", username: "id", password: "secret" }),
  });
}
""",
            },
            [
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
        ),
    ],
    "CX312": [
        JsCase({"cxone-app.toml": MANIFEST_PUBLIC, "src/login.ts": AUTHORIZE_PKCE}),
        JsCase(
            {
                "cxone-app.toml": MANIFEST_CONFIDENTIAL,
                "src/login.js": """\
var AUTHORIZE = "https://cxone.niceincontact.com/auth/authorize";
var redirect_uri = "http://localhost:3000/callback";

function login(clientId, state) {
  var url = AUTHORIZE + "?response_type=code&client_id=" + clientId;
  url = url + "&state=" + state;
  url = url + "&redirect_uri=" + encodeURIComponent(redirect_uri);
  window.location.href = url;
}
""",
            },
            [
                (
                    "CX312",
                    "src/login.js",
                    2,
                    20,
                    "redirect URI http://localhost:3000/callback is not registered for "
                    "app 'Supervisor Portal', and its origin http://localhost:3000 is not in "
                    "origins",
                ),
            ],
        ),
    ],
    "CX401": [
        JsCase({"src/config.ts": "export const CLIENT_SECRET = process.env.CLIENT_SECRET;\n"}),
        JsCase(
            {"src/config.ts": f'export const CLIENT_SECRET = "{FAKE_CLIENT_SECRET}";\n'},
            fixed={"src/config.ts": "export const CLIENT_SECRET = process.env.CLIENT_SECRET;\n"},
            unsafe=True,
        ),
        JsCase(
            {
                "src/client.js": "const config = {\n"
                f"  clientId: 'portal',\n  clientSecret: '{FAKE_CLIENT_SECRET}' || process.env.X,\n"
                "};\n"
            },
            [
                (
                    "CX401",
                    "src/client.js",
                    3,
                    17,
                    "hard-coded CXone client secret in `clientSecret` (fingerprint ae8981b82495)",
                )
            ],
            note="a literal before || is the value when the setting is empty",
        ),
    ],
    "CX402": [
        JsCase(
            {"src/keys.ts": f'const accessKeySecret = "{FAKE_ACCESS_KEY_SECRET}";\n'},
            [
                (
                    "CX402",
                    "src/keys.ts",
                    1,
                    25,
                    "hard-coded CXone access key secret in `accessKeySecret` (fingerprint "
                    "277adf65103a)",
                )
            ],
        )
    ],
    "CX403": [
        JsCase(
            {
                "src/t.ts": 'const tokenType = "Bearer";\n'
                'const TOKEN_REFRESHED = "tokenRefreshed";\n'
                'const CHANGE_PASSWORD = "changePassword";\n'
            }
        ),
        JsCase(
            {"src/demo.js": f"const token = '{FAKE_JWT}';\n"},
            fixed={"src/demo.js": "const token = process.env.TOKEN;\n"},
            unsafe=True,
        ),
    ],
    "CX404": [
        JsCase(
            {"src/legacy.js": f'const AUTH_KEY = "{FAKE_BASIC_KEY}";\n'},
            [
                (
                    "CX404",
                    "src/legacy.js",
                    1,
                    18,
                    "hard-coded legacy inContact Basic key (App@Vendor:BU) in `AUTH_KEY` "
                    "(fingerprint 5a7f13c7f22c)",
                )
            ],
        )
    ],
    "CX405": [
        JsCase({"src/db.ts": 'const DB_PASSWORD = "changeme";\n'}),
        JsCase(
            {"src/db.ts": 'const zendeskApiKey = "Fgx5Td_nDX--fr44bUUa1HrZt6QnYgDP";\n'},
            fixed={"src/db.ts": "const zendeskApiKey = process.env.ZENDESK_API_KEY;\n"},
            unsafe=True,
        ),
    ],
    "CX406": [
        JsCase(
            {
                "src/auth.ts": """\
export async function login(tokenEndpoint: string, body: URLSearchParams) {
  const res = await fetch(tokenEndpoint, { method: "POST", body });
  if (!res.ok) {
    console.error("token request failed", await res.text());
    throw new Error(`token request failed: ${res.status}`);
  }
  const tokens = await res.json();
  console.log("token expires in", tokens.expires_in);
  return tokens;
}
"""
            }
        ),
        JsCase(
            {
                "src/auth.ts": """\
import logger from "./logger";

export async function login(tokenEndpoint: string, body: URLSearchParams) {
  body.append("grant_type", "password");
  const res = await fetch(tokenEndpoint, { method: "POST", body });
  const tokens = await res.json();
  console.log(`token: ${tokens.access_token}`);
  logger.info("tokens", tokens);
  return tokens;
}

export function handler(req: any, res: any, accessToken: string) {
  res.json({ accessToken });
}
"""
            },
            [
                ("CX406", "src/auth.ts", 7, 3, "the 'access_token' field is printed"),
                ("CX406", "src/auth.ts", 8, 3, "the whole token response is logged"),
                (
                    "CX406",
                    "src/auth.ts",
                    13,
                    3,
                    "`accessToken` is returned in an HTTP response",
                ),
            ],
        ),
    ],
    "CX407": [
        JsCase(
            {
                "src/http.ts": 'import https from "node:https";\n'
                "export const agent = new https.Agent({ ca: process.env.CA_BUNDLE });\n"
            }
        ),
        JsCase(
            {
                "src/http.ts": """\
import https from "node:https";
import axios from "axios";

process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
export const api = axios.create({
  httpsAgent: new https.Agent({ rejectUnauthorized: false }),
});
"""
            },
            [
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
        ),
    ],
    "CX408": [
        JsCase({"src/config.ts": 'export const ISSUER = "https://cxone.niceincontact.com";\n'}),
        JsCase(
            {"src/config.ts": "export const BASE = `http://api-na1.niceincontact.com/${'x'}`;\n"},
            fixed={
                "src/config.ts": "export const BASE = `https://api-na1.niceincontact.com/${'x'}`;\n"
            },
        ),
        JsCase(
            {
                "public/index.html": '<p>é</p>\n<script>\n  const é = "http://cxone.niceincontact.com";\n</script>\n'
            },
            fixed={
                "public/index.html": '<p>é</p>\n<script>\n  const é = "https://cxone.niceincontact.com";\n</script>\n'
            },
            note="a script block of an HTML file, non-ASCII before the URL",
        ),
    ],
    "CX501": [
        JsCase(
            {
                "cxone-app.toml": env_manifest('["na1"]'),
                "src/hosts.ts": 'export const ISSUER = process.env.CXONE_ISSUER ?? "https://cxone.niceincontact.com";\n',
            }
        ),
        JsCase(
            {
                "cxone-app.toml": env_manifest('["na1"]'),
                "src/hosts.ts": 'export const USERHUB = "https://eu1.nice-incontact.com/user-management/v1/users";\n',
            },
            [
                (
                    "CX501",
                    "src/hosts.ts",
                    1,
                    24,
                    "eu1.nice-incontact.com is in area eu1, which app 'Callback Scheduler' is not "
                    "registered for (environments: na1)",
                )
            ],
        ),
    ],
    "CX502": [
        JsCase(
            {
                "cxone-app.toml": env_manifest('["na1"]', "false"),
                "src/hosts.ts": 'export const ISSUER = "https://cxone-gov.niceincontact.com";\n',
            },
            [
                (
                    "CX502",
                    "src/hosts.ts",
                    1,
                    23,
                    "cxone-gov.niceincontact.com is a government (FedRAMP) host, but app "
                    "'Callback Scheduler' is registered with government = false",
                )
            ],
        )
    ],
    "CX503": [
        JsCase(
            {
                "src/api.ts": """\
export async function apiBase(conf: { api_endpoint?: string }) {
  return conf.api_endpoint ?? "https://api-na1.niceincontact.com";
}
"""
            }
        ),
        JsCase(
            {"src/nice.ts": "const host = `https://api-na1.niceincontact.com`;\n"},
            [
                (
                    "CX503",
                    "src/nice.ts",
                    1,
                    14,
                    "API host api-na1.niceincontact.com hard-coded; take api_endpoint from "
                    "/.well-known/cxone-configuration",
                )
            ],
        ),
    ],
    "CX504": [
        JsCase(
            {
                "src/discover.ts": """\
export async function apiEndpoint(issuer: string, tenantId: string) {
  const res = await fetch(`${issuer}/.well-known/cxone-configuration?tenantId=${tenantId}`);
  return (await res.json()).api_endpoint;
}
"""
            }
        ),
        JsCase(
            {
                "src/discover.ts": """\
import axios from "axios";
export async function apiEndpoint(issuer: string, tenantId: string, token: string) {
  const url = `${issuer}/.well-known/cxone-configuration?tenantId=${tenantId}`;
  const { data } = await axios.get(url, { headers: { Authorization: `Bearer ${token}` } });
  return data.api_endpoint;
}
"""
            },
            [
                (
                    "CX504",
                    "src/discover.ts",
                    4,
                    26,
                    "Authorization header sent to the public cxone-configuration endpoint",
                )
            ],
        ),
    ],
}

PARAMS = [
    pytest.param(code, case, id=f"{code}-{'invalid' if case.expect or case.fixed else 'valid'}-{i}")
    for code, cases in CASES.items()
    for i, case in enumerate(cases)
]


@pytest.mark.parametrize(("code", "case"), PARAMS)
def test_js_rule_case(code: str, case: JsCase, tmp_path: Path) -> None:
    write_project(tmp_path, case.files)
    fix = case.fixed is not None
    result = run_project(tmp_path, [code], fix=fix, unsafe=case.unsafe)
    if fix:
        for rel, expected in (case.fixed or {}).items():
            assert (tmp_path / rel).read_text(encoding="utf-8") == expected
        assert [d for d in result.active if d.code == code] == []
        return
    got = sorted(
        (d.code, d.path, d.start.line, d.start.column, d.message)
        for d in result.active
        if d.code == code
    )
    assert got == sorted(case.expect), case.note


def test_every_code_rule_has_js_cases() -> None:
    code_rules = {f"CX{n}" for n in (*range(301, 313), *range(401, 409), *range(501, 505))}
    assert code_rules <= set(CASES)
    for code in code_rules:
        kinds = {bool(c.expect or c.fixed) for c in CASES[code]}
        assert True in kinds, f"{code} has no invalid JS case"

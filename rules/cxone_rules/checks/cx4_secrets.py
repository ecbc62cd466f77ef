"""CX4xx secrets and transport: hard-coded credentials, credentials written out, TLS off,
plain http:// to CXone, and secret-holding config files that git does not ignore.

Rules read the facts of "cxone.secrets" (Python) and "cxone.config_secrets" (.env, JSON, YAML,
TOML). A finding about a secret names its kind, where it is and a fingerprint, never the value,
and is marked sensitive so no reporter echoes the source line.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Applicability, Diagnostic, Edit, Fix, Position, Severity
from cxone_lint.api.pack import Option
from cxone_lint.api.rule import Case, Rule, expect
from cxone_rules.analysis import secrets as sx

PY = "cxone.secrets"
CONFIG = "cxone.config_secrets"

OPTIONS = [
    Option(
        "secret-env-prefix",
        str,
        "",
        "prefix of the environment variable names the CX4xx fixes read secrets from "
        '(e.g. "ACME_" turns CLIENT_SECRET into os.environ["ACME_CLIENT_SECRET"])',
    ),
]

# Fake credentials for the rule cases below; invented for these tests, valid nowhere.
_FAKE_CLIENT_SECRET = "Z61a7LXyT2nXW5uKcrHfkIw3oOyynsKfqIjsG8f4"
_FAKE_ACCESS_KEY_SECRET = "GzMbzkJ+jjxEGGNaBIZJj3X7gSZp862PQVvnLiP6IT68hEPs7jkzJJUTQRV6BqY="
# base64("App@Vendor:4600123")
_FAKE_BASIC_KEY = "QXBwQFZlbmRvcjo0NjAwMTIz"
# HS256, key "cxone-lint-fixture-hmac-key"; iss auth.na1.nice-incontact.com, icBUId, tenantId,
# exp 2023-11-14.
_FAKE_JWT = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2F1dGgubmExLm5pY2UtaW5jb250YWN0"
    "LmNvbSIsInN1YiI6InVzZXI6MTExMTExMTEtMjIyMi0zMzMzLTQ0NDQtNTU1NTU1NTU1NTU1IiwidGVuYW50SWQi"
    "OiIxMWViMDM1OC1hYWFhLWJiYmItY2NjYy0wMjQyYWMxMTAwMDMiLCJpY0JVSWQiOjQ2MDAxMjMsImV4cCI6MTcw"
    "MDAwMDAwMCwiaWF0IjoxNjk5OTk2NDAwfQ.VfkJJM655c2LixJqAkaty5kH_3rOQ76mRrjXcqmpyyU"
)

_ROTATE = (
    "read it from the environment or a secret manager, and rotate it: it stays in the git history"
)


def _label(kind: str) -> str:
    return sx.KIND_LABELS.get(kind, kind)


class _SecretRule(Rule):
    """Shared by the hard-coded credential rules: which kinds each one reports."""

    kinds: ClassVar[frozenset[str]] = frozenset()
    severity = Severity.ERROR
    fixable = "unsafe"

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        prefix = str(ctx.options.get("secret-env-prefix") or "")
        for extractor in (PY, CONFIG):
            for rel, facts in ctx.facts(extractor):
                if facts.get("checkmarx"):
                    continue
                for entry in facts.get("secrets", ()):
                    if entry["kind"] not in self.kinds:
                        continue
                    yield self._diagnostic(rel, facts, entry, prefix)

    def describe(self, entry: dict[str, Any]) -> str:
        detail = entry.get("detail") or {}
        if "jwt" in detail:
            return "hard-coded " + sx.JwtInfo.describe(detail["jwt"])
        if entry["kind"] == sx.BASIC_KEY:
            shape = detail.get("shape", "")
            if shape.startswith("app@vendor:bu"):
                what = "legacy inContact Basic key (App@Vendor:BU)"
                if "clear text" in shape:
                    what += " in clear text"
            else:
                what = "Basic client credentials (client_id:client_secret)"
            return f"hard-coded {what}"
        if entry["kind"] == sx.TOKEN and detail.get("shape") == "opaque":
            return "hard-coded bearer token"
        if entry["kind"] in (sx.CLIENT_SECRET, sx.ACCESS_KEY_SECRET):
            return f"hard-coded CXone {_label(entry['kind'])}"
        return f"hard-coded {_label(entry['kind'])}"

    def _diagnostic(
        self, rel: str, facts: dict[str, Any], entry: dict[str, Any], prefix: str
    ) -> Diagnostic:
        line, col = entry["start"]
        name = entry.get("name") or ""
        where = f" in `{name}`" if name else ""
        message = f"{self.describe(entry)}{where} (fingerprint {entry['fp']})"
        fix = None
        end = Position(*entry["end"]) if "end" in entry else None
        if entry.get("env") and end is not None:
            fix = self._env_fix(rel, facts, entry, prefix + entry["env"], end)
        severity = None
        exp = (entry.get("detail") or {}).get("jwt", {}).get("exp")
        if isinstance(exp, (int, float)) and exp < time.time():
            severity = Severity.WARNING  # an expired token opens nothing; it still tells a tenant
        diag = self.report(
            rel,
            Position(line, col),
            message,
            end=end,
            severity=severity,
            hint=_ROTATE,
            key=f"{entry['kind']}:{entry['fp']}",
            fix=fix,
        )
        return diag.with_(sensitive=True)

    @staticmethod
    def _env_fix(
        rel: str, facts: dict[str, Any], entry: dict[str, Any], env: str, end: Position
    ) -> Fix:
        start = Position(*entry["start"])
        edits = [Edit(rel, start, end, f'os.environ["{env}"]')]
        if not facts.get("os_imported"):
            at = Position(int(facts.get("import_line", 1)), 1)
            edits.insert(0, Edit(rel, at, at, "import os\n"))
        return Fix(
            f"read it from the environment variable {env} (which must then be set)",
            tuple(edits),
            Applicability.UNSAFE,
        )


class HardcodedClientSecret(_SecretRule):
    """A CXone client secret is written in the source or a config file.

    ## What it does
    Reports string literals bound to a client-secret name (`client_secret`, `clientSecret`,
    `APP_SECRET`, `CXONE_CLIENT_SECRET`, a dict key, a keyword argument, the password half of
    `auth=(client_id, secret)` on a token request), and the same keys in .env, JSON, YAML and
    TOML files, when the value is a real secret. Placeholders (`"your-secret"`,
    `"<CLIENT_SECRET>"`, `"changeme"`, `"${VAR}"`, empty), environment lookups and test
    dummies are not reported. The message gives a fingerprint, never the value.

    ## Why
    With the client id (which is public) the client secret lets anyone request tokens as your
    application. NICE sends it once, in a password-protected ZIP; in a repository it is shared
    with everyone who can clone it, for as long as the history lives.

    ## Example
    ```python
    CLIENT_SECRET = "Zx9kQ2mP7vR4tL8wN3bYq5"
    ```
    Use instead:
    ```python
    CLIENT_SECRET = os.environ["CLIENT_SECRET"]
    ```

    ## Fix safety
    Unsafe: the literal is replaced with `os.environ["NAME"]` (NAME from the variable name,
    prefixed with the `secret-env-prefix` option) and `import os` is added when missing. The
    program then needs that variable set. Rotate the secret anyway.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle
    - https://datatracker.ietf.org/doc/html/rfc6749#section-2.3.1
    """

    code = "CX401"
    name = "hardcoded-client-secret"
    summary = "Client secret hard-coded in source or config"
    passed = "No client secret in source or config"
    tags = ("security",)
    kinds = frozenset({sx.CLIENT_SECRET})
    INVALID = (
        Case(
            {"app.py": f'import os\n\nCLIENT_SECRET = "{_FAKE_CLIENT_SECRET}"\n'},
            [expect("CX401", "app.py", 3)],
        ),
        Case(
            {
                "auth.py": (
                    '"""Token client."""\n'
                    "import requests\n\n"
                    f'client_secret = "{_FAKE_CLIENT_SECRET}"\n'
                )
            },
            fixed={
                "auth.py": (
                    '"""Token client."""\n'
                    "import os\n"
                    "import requests\n\n"
                    'client_secret = os.environ["ACME_CLIENT_SECRET"]\n'
                )
            },
            unsafe=True,
            settings={"secret-env-prefix": "ACME_"},
        ),
        Case(
            {
                "token.py": (
                    "import requests\n\n"
                    "def token(url):\n"
                    "    return requests.post(\n"
                    '        url, data={"grant_type": "password"},\n'
                    f'        auth=("acme-app", "{_FAKE_CLIENT_SECRET}"),\n'
                    "    )\n"
                )
            },
            [expect("CX401", "token.py", 6)],
            note="the password half of auth= on a token request",
        ),
        Case(
            {"config.yaml": f"cxone:\n  client_id: acme\n  client_secret: {_FAKE_CLIENT_SECRET}\n"},
            [expect("CX401", "config.yaml", 3)],
        ),
    )
    VALID = (
        Case({"app.py": 'import os\n\nCLIENT_SECRET = os.environ["CLIENT_SECRET"]\n'}),
        Case(
            {
                "app.py": (
                    'client_secret = "your-client-secret"\n'
                    'APP_SECRET = "<CLIENT_SECRET>"\n'
                    'secret_name = "cxone/prod/client-secret-2024"\n'
                    'token_url = "https://cxone.niceincontact.com/auth/token"\n'
                    'client_secret_env = "CXONE_CLIENT_SECRET"\n'
                )
            }
        ),
        Case({".env": "CXONE_CLIENT_SECRET=\nCXONE_CLIENT_ID=acme-app\n"}),
        Case(
            {
                "scan.py": (
                    '"""Checkmarx One (CxOne) scanner client."""\n'
                    f'CXONE_CLIENT_SECRET = "{_FAKE_CLIENT_SECRET}"\n'
                )
            },
            note="Checkmarx One is another product",
        ),
        Case({"tests/test_auth.py": 'client_secret = "s3cr3t-for-tests"\n'}),
    )


class HardcodedAccessKeySecret(_SecretRule):
    """A CXone access key secret is written in the source or a config file.

    ## What it does
    Reports literals bound to an access-key-secret name (`access_key_secret`,
    `accessKeySecret`, `CXONE_ACCESS_KEY_SECRET`), and `password`/`secret` values shaped like
    an access key secret (a long base64 string ending in `=` padding), in Python and config
    files. The message gives a fingerprint, never the value.

    ## Why
    An access key secret is the password of the CXone API user: with its access key id it
    gets tokens carrying every permission of that user's role. NICE shows it once; it must be
    stored like a password, not in code.

    ## Example
    ```python
    ACCESS_KEY_SECRET = "GzMbzkJ+jjxEG...BqY="
    ```

    ## Fix safety
    Unsafe: the literal is replaced with `os.environ["NAME"]` and `import os` is added when
    missing; the variable must then be set. Deactivate the key and generate a new one.

    ## References
    - https://developer.niceincontact.com/Documentation/UserHubGettingStarted
    - https://help.nice-incontact.com/content/admin/security/manageaccesskeys.htm
    """

    code = "CX402"
    name = "hardcoded-access-key-secret"
    summary = "Access key secret hard-coded in source or config"
    passed = "No access key secret in source or config"
    tags = ("security",)
    kinds = frozenset({sx.ACCESS_KEY_SECRET})
    INVALID = (
        Case(
            {"app.py": f'ACCESS_KEY_SECRET = "{_FAKE_ACCESS_KEY_SECRET}"\n'},
            [expect("CX402", "app.py", 1)],
        ),
        Case(
            {
                "client.py": (
                    "def login(session):\n"
                    '    return session.post("/auth/token", data={\n'
                    '        "grant_type": "password",\n'
                    '        "username": "QWERTYUIOPASDFGHJKL",\n'
                    f'        "password": "{_FAKE_ACCESS_KEY_SECRET}",\n'
                    "    })\n"
                )
            },
            [expect("CX402", "client.py", 5)],
            note="a password shaped like an access key secret",
        ),
        Case(
            {"app.py": f'import os\naccessKeySecret = "{_FAKE_ACCESS_KEY_SECRET}"\n'},
            fixed={"app.py": 'import os\naccessKeySecret = os.environ["ACCESS_KEY_SECRET"]\n'},
            unsafe=True,
        ),
        Case(
            {"settings.json": f'{{\n  "accessKeySecret": "{_FAKE_ACCESS_KEY_SECRET}"\n}}\n'},
            [expect("CX402", "settings.json", 2)],
        ),
    )
    VALID = (
        Case(
            {
                "app.py": (
                    "import os\n"
                    'ACCESS_KEY_SECRET = os.getenv("CXONE_ACCESS_KEY_SECRET", "")\n'
                    'access_key_id = "QWERTYUIOPASDFGHJKL"\n'
                )
            }
        ),
        Case(
            {"nicepy_config.json": '{"USER_SECRET": "USER_SECRET", "APP_SECRET": "APP_SECRET"}\n'}
        ),
    )


class HardcodedToken(_SecretRule):
    """A token (a JWT or a bearer token) is written in the source or a config file.

    ## What it does
    Reports JWT-shaped literals anywhere, and literals bound to token names (`access_token`,
    `BEARER_TOKEN`, an `Authorization: Bearer ...` header). JWTs are decoded with pyjwt,
    without verifying them, only to say what they are: a CXone access or id token (issuer
    `auth.<env>.nice-incontact.com` / `cxone.<env>.niceincontact.com`, `tenantId`/`icBUId`
    claims) or another JWT, its signing algorithm, and whether it has expired. Claim values
    are never shown.

    ## Why
    A token pasted from Postman works for anyone until it expires (legacy implicit tokens
    lived 60 days), and it also tells a reader your tenant and business unit. An expired one
    is a sign the code never fetched tokens the supported way.

    ## Example
    ```python
    headers = {"Authorization": "Bearer eyJhbGciOiJSUzI1NiIs..."}
    ```

    ## Fix safety
    Unsafe, and only for a literal that is the whole token bound to a name: it becomes
    `os.environ["NAME"]`. The right fix is to request tokens at run time.

    ## References
    - https://developer.niceincontact.com/Documentation/APIAuthenticationAndAuthorization
    - https://pyjwt.readthedocs.io/en/stable/usage.html#reading-the-claimset-without-validation
    """

    code = "CX403"
    name = "hardcoded-token"
    summary = "Token (JWT or bearer) hard-coded in source or config"
    passed = "No token in source or config"
    tags = ("security",)
    kinds = frozenset({sx.TOKEN})
    INVALID = (
        Case(
            {"demo.py": f'ACCESS_TOKEN = "{_FAKE_JWT}"\n'},
            [expect("CX403", "demo.py", 1)],
        ),
        Case(
            {
                "api.py": (
                    "import requests\n\n"
                    "def agents(base):\n"
                    f'    headers = {{"Authorization": "Bearer {_FAKE_JWT}"}}\n'
                    '    return requests.get(base + "/agents", headers=headers)\n'
                )
            },
            [expect("CX403", "api.py", 4)],
        ),
        Case(
            {"demo.py": f'import os\n\nTOKEN = "{_FAKE_JWT}"\n'},
            fixed={"demo.py": 'import os\n\nTOKEN = os.environ["TOKEN"]\n'},
            unsafe=True,
        ),
        Case({".env.local": f"CXONE_TOKEN={_FAKE_JWT}\n"}, [expect("CX403", ".env.local", 1)]),
    )
    VALID = (
        Case(
            {
                "app.py": (
                    "import tokenize\n\n"
                    "def words(readline):\n"
                    "    for token in tokenize.generate_tokens(readline):\n"
                    "        print(token)\n"
                    'token_type = "Bearer"\n'
                    'access_token = ""\n'
                )
            }
        ),
        Case(
            {
                "tests/test_client.py": (
                    'TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwi'
                    "bmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36P"
                    'Ok6yJV_adQssw5c"\n'
                    'BEARER = "Bearer TEST"\n'
                )
            },
            note="the jwt.io sample and a dummy in a test file",
        ),
    )


class HardcodedBasicKey(_SecretRule):
    """A Basic key (`base64("App@Vendor:BU")` or `base64(client_id:client_secret)`) is hard-coded.

    ## What it does
    Reports base64 literals that decode to the legacy inContact authorization key shape
    `App@Vendor:BusinessUnit`, the same key in clear text, and `Authorization: Basic ...`
    literals that decode to `client_id:client_secret`. The decoded text is never shown.

    ## Why
    A Basic key is a credential, only encoded: base64 hides nothing. The legacy key identifies
    your application to the Central token service; a hand-built client_secret_basic header
    carries the client secret itself.

    ## Example
    ```python
    AUTH_KEY = "QXBwQFZlbmRvcjo0NjAwMTIz"   # base64 of App@Vendor:4600123
    ```

    ## Fix safety
    Unsafe, only for a bare base64 literal bound to a name: it becomes `os.environ["NAME"]`.

    ## References
    - https://developer.niceincontact.com/Documentation/GettingStarted
    - https://datatracker.ietf.org/doc/html/rfc7617
    """

    code = "CX404"
    name = "hardcoded-basic-key"
    summary = "Basic authorization key hard-coded in source or config"
    passed = "No Basic authorization key in source or config"
    tags = ("security",)
    kinds = frozenset({sx.BASIC_KEY})
    INVALID = (
        Case(
            {"legacy.py": f'import os\n\nAUTH_KEY = "{_FAKE_BASIC_KEY}"\n'},
            [expect("CX404", "legacy.py", 3)],
        ),
        Case(
            {
                "legacy.py": (
                    "import base64\n\n"
                    'KEY = base64.b64encode(b"App@Vendor:4600123").decode()\n'
                    f'HEADERS = {{"Authorization": "basic {_FAKE_BASIC_KEY}"}}\n'
                )
            },
            [expect("CX404", "legacy.py", 3), expect("CX404", "legacy.py", 4)],
        ),
        Case(
            {"legacy.py": f'import os\nauth_key = "{_FAKE_BASIC_KEY}"\n'},
            fixed={"legacy.py": 'import os\nauth_key = os.environ["AUTH_KEY"]\n'},
            unsafe=True,
        ),
        Case(
            {"app.toml": f'[legacy]\nkey = "{_FAKE_BASIC_KEY}"\n'}, [expect("CX404", "app.toml", 2)]
        ),
    )
    VALID = (
        Case(
            {
                "legacy.py": (
                    "import base64, os\n\n"
                    'APP = os.environ["CXONE_APP"]\n'
                    'KEY = base64.b64encode(f"{APP}@{VENDOR}:{BU}".encode()).decode()\n'
                    'EXAMPLE = "yourApp@yourVendor:12345"\n'
                    'CONTACT = "support@acme.example"\n'
                )
            }
        ),
    )


class HardcodedCredential(_SecretRule):
    """A password, API key, private key or other secret is hard-coded.

    ## What it does
    Reports real-looking literals bound to generic secret names (`password`, `api_key`,
    `secret`, `private_key`, `Authorization`) that are not CXone client or access key secrets
    (those have their own codes). Placeholders, environment lookups and short or low-entropy
    dummies are not reported; in test files and outside auth code only random-looking values
    are.

    ## Why
    An integration usually holds more than its CXone credentials: a database password, a
    CRM API key. They leak the same way.

    ## Example
    ```python
    DB_PASSWORD = "pR7#kw2Lq9zXv4mN8s"
    ```

    ## Fix safety
    Unsafe: the literal becomes `os.environ["NAME"]`, `import os` is added when missing.

    ## References
    - https://cwe.mitre.org/data/definitions/798.html
    """

    code = "CX405"
    name = "hardcoded-credential"
    summary = "Password, API key or other secret hard-coded"
    passed = "No password, API key or other secret in source or config"
    severity = Severity.WARNING
    tags = ("security",)
    kinds = frozenset({sx.PASSWORD, sx.API_KEY, sx.SECRET, sx.PRIVATE_KEY, sx.AUTHORIZATION})
    INVALID = (
        Case(
            {"db.py": 'import os\n\nDB_PASSWORD = "pR7#kw2Lq9zXv4mN8s"\n'},
            [expect("CX405", "db.py", 3)],
        ),
        Case(
            {"db.py": 'import os\nzendesk_api_key = "Fgx5Td_nDX--fr44bUUa1HrZt6QnYgDP"\n'},
            fixed={"db.py": 'import os\nzendesk_api_key = os.environ["ZENDESK_API_KEY"]\n'},
            unsafe=True,
        ),
        Case({".env": "POSTGRES_PASSWORD=pR7kw2Lq9zXv4mN\n"}, [expect("CX405", ".env", 1)]),
    )
    VALID = (
        Case(
            {
                "db.py": (
                    "def connect(host, password=None, token=None):\n"
                    "    pass\n"
                    'password_field = "pass-word-input"\n'
                    'PASSWORD = "password"\n'
                    'api_key = "yourPwd"\n'
                )
            }
        ),
    )


class SecretWrittenOut(Rule):
    """A token, secret or whole token response is printed, logged, raised or returned.

    ## What it does
    Follows values inside each function: names assigned from a token response
    (`resp.json()` of a call to a token endpoint or with a `grant_type`), from its
    `access_token`/`refresh_token`/`id_token` fields, from secret environment variables, and
    (in auth code) names and parameters called `token`, `client_secret`, `password` ...
    Reports them when they reach `print`, `logging`/`logger` calls, an exception message, a
    `jsonify`/`JSONResponse` or the return value of a web route. A slice (`token[:6]`),
    `len(token)` or a hash are not leaks; an error body printed in a failure branch
    (`if resp.status_code != 200`) is not a token.

    ## Why
    Logs and consoles are kept, shipped and read by many more people than the code. A logged
    bearer token works for anyone who reads it until it expires; a logged token response
    also holds the refresh token, which lives longer.

    ## Example
    ```python
    tokens = requests.post(token_endpoint, data=form, auth=basic).json()
    print(tokens)
    ```

    ## Fix safety
    No automatic fix: log that a token was obtained, its expiry, or a fingerprint.

    ## References
    - https://cwe.mitre.org/data/definitions/532.html
    - https://owasp.org/Top10/A09_2021-Security_Logging_and_Monitoring_Failures/
    """

    code = "CX406"
    name = "secret-written-out"
    summary = "Token or secret printed, logged, raised or returned"
    passed = "No token or secret is printed, logged, raised or returned"
    severity = Severity.WARNING
    tags = ("security",)

    _SINKS: ClassVar[dict[str, str]] = {
        "print": "printed",
        "log": "logged",
        "exception": "put in an exception message",
        "HTTP response": "returned in an HTTP response",
    }

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for rel, facts in ctx.facts(PY):
            if facts.get("checkmarx"):
                continue
            for leak in facts.get("leaks", ()):
                line, col = leak["start"]
                verb = self._SINKS.get(leak["sink"], leak["sink"])
                yield self.report(
                    rel,
                    Position(line, col),
                    f"{leak['what']} is {verb}",
                    end=Position(*leak["end"]),
                    hint="write out that a token was obtained and when it expires, not the token",
                    key=f"{leak['sink']}:{leak['what']}",
                )

    INVALID = (
        Case(
            {
                "auth.py": (
                    "import requests\n\n"
                    "def get_token(endpoint, form, basic):\n"
                    "    resp = requests.post(\n"
                    '        endpoint, data={"grant_type": "password"}, auth=basic\n'
                    "    )\n"
                    "    tokens = resp.json()\n"
                    "    print(tokens)\n"
                    '    return tokens["access_token"]\n'
                )
            },
            [expect("CX406", "auth.py", 8)],
        ),
        Case(
            {
                "auth.py": (
                    "import logging\n\n"
                    "log = logging.getLogger(__name__)\n\n"
                    "def use(session, data):\n"
                    '    token = data["access_token"]\n'
                    '    log.info("got token %s", token)\n'
                    '    log.debug(f"prefix {token[:6]}")\n'
                    '    raise RuntimeError(f"refused with {token}")\n'
                )
            },
            [expect("CX406", "auth.py", 7), expect("CX406", "auth.py", 9)],
        ),
        Case(
            {
                "web.py": (
                    "from flask import Flask\n"
                    "import requests\n\n"
                    "app = Flask(__name__)\n\n"
                    '@app.get("/token")\n'
                    "def token():\n"
                    '    return requests.post(TOKEN_URL, data={"grant_type": "password"}).json()\n'
                )
            },
            [expect("CX406", "web.py", 8)],
        ),
    )
    VALID = (
        Case(
            {
                "auth.py": (
                    "import requests\n\n"
                    "def get_token(token_url, form):\n"
                    "    resp = requests.post(token_url, data=form)\n"
                    "    if resp.status_code != 200:\n"
                    "        print(resp.text)\n"
                    "        raise RuntimeError(resp.text)\n"
                    "    tokens = resp.json()\n"
                    '    print("expires in", tokens["expires_in"])\n'
                    "    return tokens\n"
                )
            }
        ),
        Case(
            {
                "lexer.py": (
                    "import tokenize\n\n"
                    "def dump(readline, password=None):\n"
                    "    for token in tokenize.generate_tokens(readline):\n"
                    "        print(token)\n"
                )
            }
        ),
    )


class TlsVerificationDisabled(Rule):
    """TLS certificate verification is turned off.

    ## What it does
    Reports `verify=False` (requests, httpx), `ssl=False` / `verify_ssl=False` (aiohttp),
    `session.verify = False`, `ssl._create_unverified_context`, and in HTTP client code
    `check_hostname = False` or `verify_mode = CERT_NONE`. Test files are not checked.

    ## Why
    Without certificate verification anyone on the network path can pose as CXone and
    collect the client secret, the access key secret and every token. CXone requires TLS 1.2
    for back-end integrations; TLS without verification gives none of its protection.

    ## Example
    ```python
    requests.post(token_endpoint, data=form, auth=basic, verify=False)
    ```

    ## Fix safety
    No automatic fix: remove the option; if a proxy re-signs traffic, point `verify=` (or
    `REQUESTS_CA_BUNDLE`) at its CA bundle.

    ## References
    - https://requests.readthedocs.io/en/latest/user/advanced/#ssl-cert-verification
    - https://help.incontact.com/Content/PlatformRequirements/NetworkRequirements.htm
    """

    code = "CX407"
    name = "tls-verification-disabled"
    summary = "TLS certificate verification turned off"
    passed = "TLS certificates are verified"
    severity = Severity.ERROR
    tags = ("security",)

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for rel, facts in ctx.facts(PY):
            for item in facts.get("tls", ()):
                line, col = item["start"]
                yield self.report(
                    rel,
                    Position(line, col),
                    f"TLS certificate verification turned off ({item['what']})",
                    end=Position(*item["end"]),
                    hint="keep verification on; trust a proxy's CA with verify=<bundle path>",
                    key=item["what"],
                )

    INVALID = (
        Case(
            {
                "auth.py": (
                    "import requests\n\n"
                    "s = requests.Session()\n"
                    "s.verify = False\n"
                    'r = requests.post("https://cxone.niceincontact.com/auth/token",\n'
                    "                  verify=False)\n"
                )
            },
            [expect("CX407", "auth.py", 4), expect("CX407", "auth.py", 6)],
        ),
        Case(
            {
                "client.py": (
                    "import ssl\n"
                    "import urllib.request\n\n"
                    "ctx = ssl._create_unverified_context()\n"
                    "ctx2 = ssl.create_default_context()\n"
                    "ctx2.check_hostname = False\n"
                    "ctx2.verify_mode = ssl.CERT_NONE\n"
                )
            },
            [
                expect("CX407", "client.py", 4),
                expect("CX407", "client.py", 6),
                expect("CX407", "client.py", 7),
            ],
        ),
    )
    VALID = (
        Case(
            {
                "auth.py": (
                    "import requests\n\n"
                    'r = requests.get("https://cxone.niceincontact.com", verify="/etc/ca.pem")\n'
                )
            }
        ),
        Case({"tests/test_local.py": "import requests\nrequests.get(URL, verify=False)\n"}),
    )


class InsecureHttpCxone(Rule):
    """A CXone URL uses plain `http://`.

    ## What it does
    Reports `http://` URLs whose host is a CXone or inContact host, in Python literals and
    f-strings and in config files. Other hosts (localhost redirect URIs, say) are left alone.

    ## Why
    Credentials, tokens and contact data would cross the network in clear text; at best
    CXone redirects and a POST turns into a GET that fails.

    ## Example
    ```python
    TOKEN_URL = "http://cxone.niceincontact.com/auth/token"
    ```

    ## Fix safety
    Safe for Python literals: `http://` becomes `https://`. CXone serves its APIs over
    HTTPS only, so the fixed URL reaches the same service.

    ## References
    - https://help.incontact.com/Content/PlatformRequirements/NetworkRequirements.htm
    """

    code = "CX408"
    name = "insecure-http-cxone"
    summary = "Plain http:// URL to a CXone host"
    passed = "CXone hosts are called over https"
    severity = Severity.ERROR
    fixable = "safe"
    tags = ("security",)

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for extractor in (PY, CONFIG):
            for rel, facts in ctx.facts(extractor):
                if facts.get("checkmarx"):
                    continue
                for item in facts.get("http", ()):
                    line, col = item["start"]
                    fix = None
                    if "scheme" in item:
                        at = Position(*item["scheme"])
                        end = Position(at.line, at.column + len("http://"))
                        fix = Fix(
                            "use https://",
                            (Edit(rel, at, end, "https://"),),
                            Applicability.SAFE,
                        )
                    yield self.report(
                        rel,
                        Position(line, col),
                        f"plain http:// URL to CXone host {item['host']}",
                        hint="use https://",
                        key=f"http:{item['host']}",
                        fix=fix,
                    )

    INVALID = (
        Case(
            {"conf.py": 'TOKEN_URL = "http://cxone.niceincontact.com/auth/token"\n'},
            [expect("CX408", "conf.py", 1)],
        ),
        Case(
            {"conf.py": 'BASE = "http://api-na1.niceincontact.com"\n'},
            fixed={"conf.py": 'BASE = "https://api-na1.niceincontact.com"\n'},
        ),
        Case(
            {"settings.yaml": "cxone:\n  issuer: http://cxone.niceincontact.com\n"},
            [expect("CX408", "settings.yaml", 2)],
        ),
    )
    VALID = (
        Case(
            {
                "conf.py": (
                    'REDIRECT = "http://localhost:3000/auth-callback"\n'
                    'ISSUER = "https://cxone.niceincontact.com"\n'
                )
            }
        ),
    )


class SecretsFileNotIgnored(Rule):
    """A .env or config file holding real secrets is committed or not ignored by git.

    ## What it does
    For each .env, JSON, YAML or TOML file in which CX401-CX405 found a real secret, asks git
    (read-only: `git ls-files`, `git check-ignore`) whether the file is tracked, or untracked
    but not ignored, and reports it on the line of its first secret. Outside a git work tree
    it says that nothing keeps the file out of a commit.

    ## Why
    `.env` files exist to keep secrets out of code; committed, they are code. A file that is
    only untracked is one `git add .` away from the history.

    ## Example
    A `.env` with `CXONE_CLIENT_SECRET=...` and no `.env` line in `.gitignore`.

    ## Fix safety
    No automatic fix: add the file to `.gitignore`, `git rm --cached` it if tracked, commit an
    `.env.example` with placeholders instead, and rotate the secrets.

    ## References
    - https://git-scm.com/docs/gitignore
    - https://12factor.net/config
    """

    code = "CX409"
    name = "secrets-file-not-ignored"
    summary = "File holding real secrets is committed or not ignored by git"
    passed = "Files holding secrets are neither committed nor left unignored"
    severity = Severity.ERROR
    tags = ("security",)

    def check(self, ctx: ProjectContext) -> Iterator[Diagnostic]:
        holding = [
            (rel, facts)
            for rel, facts in ctx.facts(CONFIG)
            if facts.get("secrets") and not facts.get("checkmarx")
        ]
        if not holding:
            return
        states = ctx.git.status([rel for rel, _ in holding])
        for rel, facts in holding:
            found = list(facts["secrets"])
            status = states.get(rel) if states is not None else None
            if status == "ignored":
                continue
            if status == "tracked":
                state = "is committed to git"
            elif status == "untracked":
                state = "is not ignored by git (one `git add .` from being committed)"
            else:
                state = "is not in a git work tree, so nothing keeps it out of a commit"
            n = len(found)
            kinds = sorted({_label(s["kind"]) for s in found})
            line, col = found[0]["start"]
            noun = "secret" if n == 1 else "secrets"
            diag = self.report(
                rel,
                Position(line, col),
                f"{rel} holds {n} real {noun} ({', '.join(kinds)}) and {state}",
                hint="ignore it in .gitignore, commit a placeholder example instead, rotate",
                key=f"file:{status or 'no-git'}",
            )
            yield diag.with_(sensitive=True)

    INVALID = (
        Case(
            {".env": f"CXONE_CLIENT_ID=acme\nCXONE_CLIENT_SECRET={_FAKE_CLIENT_SECRET}\n"},
            [expect("CX409", ".env", 2)],
            note="outside git",
        ),
        Case(
            {".env": f"CXONE_CLIENT_SECRET={_FAKE_CLIENT_SECRET}\n"},
            [expect("CX409", ".env", 1)],
            base={".env": "CXONE_CLIENT_SECRET=\n"},
            note="tracked by git",
        ),
    )
    VALID = (
        Case(
            {".env": f"CXONE_CLIENT_SECRET={_FAKE_CLIENT_SECRET}\n", ".gitignore": ".env\n"},
            base={".gitignore": ".env\n"},
            note="ignored: not even linted",
        ),
        Case({".env.example": "CXONE_CLIENT_SECRET=\nCXONE_ACCESS_KEY_SECRET=changeme\n"}),
    )

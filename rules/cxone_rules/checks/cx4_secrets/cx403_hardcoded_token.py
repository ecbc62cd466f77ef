from __future__ import annotations

from cxone_lint.api.rule import Case, expect
from cxone_rules.analysis import secrets as sx
from cxone_rules.checks.cx4_secrets._common import _SecretRule

# HS256, key "cxone-lint-fixture-hmac-key"; iss auth.na1.nice-incontact.com, icBUId, tenantId,
# exp 2023-11-14.
_FAKE_JWT = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2F1dGgubmExLm5pY2UtaW5jb250YWN0"
    "LmNvbSIsInN1YiI6InVzZXI6MTExMTExMTEtMjIyMi0zMzMzLTQ0NDQtNTU1NTU1NTU1NTU1IiwidGVuYW50SWQi"
    "OiIxMWViMDM1OC1hYWFhLWJiYmItY2NjYy0wMjQyYWMxMTAwMDMiLCJpY0JVSWQiOjQ2MDAxMjMsImV4cCI6MTcw"
    "MDAwMDAwMCwiaWF0IjoxNjk5OTk2NDAwfQ.VfkJJM655c2LixJqAkaty5kH_3rOQ76mRrjXcqmpyyU"
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

    ## Options
    - `secret-env-prefix` (string, default none): prefix of the environment variable the fix
      reads the secret from; with `"ACME_"`, `CLIENT_SECRET` becomes
      `os.environ["ACME_CLIENT_SECRET"]`.

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

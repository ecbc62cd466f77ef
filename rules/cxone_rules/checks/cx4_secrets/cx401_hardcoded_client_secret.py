from __future__ import annotations

from cxone_lint.api.rule import Case, expect
from cxone_rules.analysis import secrets as sx
from cxone_rules.checks.cx4_secrets._common import _FAKE_CLIENT_SECRET, _SecretRule


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

    ## Options
    - `secret-env-prefix` (string, default none): prefix of the environment variable the fix
      reads the secret from; with `"ACME_"`, `CLIENT_SECRET` becomes
      `os.environ["ACME_CLIENT_SECRET"]`.

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

from __future__ import annotations

from cxone_lint.api.rule import Case, expect
from cxone_rules.analysis import secrets as sx
from cxone_rules.checks.cx4_secrets._common import _SecretRule

_FAKE_ACCESS_KEY_SECRET = "GzMbzkJ+jjxEGGNaBIZJj3X7gSZp862PQVvnLiP6IT68hEPs7jkzJJUTQRV6BqY="


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

    ## Options
    - `secret-env-prefix` (string, default none): prefix of the environment variable the fix
      reads the secret from; with `"ACME_"`, `CLIENT_SECRET` becomes
      `os.environ["ACME_CLIENT_SECRET"]`.

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

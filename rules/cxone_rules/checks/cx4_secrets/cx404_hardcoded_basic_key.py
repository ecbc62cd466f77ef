from __future__ import annotations

from cxone_lint.api.rule import Case, expect
from cxone_rules.analysis import secrets as sx
from cxone_rules.checks.cx4_secrets._common import _SecretRule

# base64("App@Vendor:4600123")
_FAKE_BASIC_KEY = "QXBwQFZlbmRvcjo0NjAwMTIz"


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

    ## Options
    - `secret-env-prefix` (string, default none): prefix of the environment variable the fix
      reads the secret from; with `"ACME_"`, `CLIENT_SECRET` becomes
      `os.environ["ACME_CLIENT_SECRET"]`.

    ## Fix safety
    Unsafe, only for a bare base64 literal bound to a name: it becomes `os.environ["NAME"]`.

    ## References
    - https://developer.niceincontact.com/Documentation/GettingStarted
    - https://datatracker.ietf.org/doc/html/rfc7617
    """

    code = "CX404"
    name = "hardcoded-basic-key"
    summary = "Basic authorization key hard-coded in source or config"
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

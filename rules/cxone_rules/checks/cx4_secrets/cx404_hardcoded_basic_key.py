from __future__ import annotations

from cxone_rules.checks.cx4_secrets._common import _SecretRule
from cxone_rules.domain import secrets as sx


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
    passed = "No Basic authorization key in source or config"
    tags = ("security",)
    kinds = frozenset({sx.BASIC_KEY})

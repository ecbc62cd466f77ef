from __future__ import annotations

from cxone_rules.checks.cx4_secrets._common import _SecretRule
from cxone_rules.domain import secrets as sx


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
    passed = "No client secret in source or config"
    tags = ("security",)
    kinds = frozenset({sx.CLIENT_SECRET})

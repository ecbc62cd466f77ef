from __future__ import annotations

from cxone_lint.api.diagnostics import Severity
from cxone_rules.checks.cx4_secrets._common import _SecretRule
from cxone_rules.domain import secrets as sx


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

    ## Options
    - `secret-env-prefix` (string, default none): prefix of the environment variable the fix
      reads the secret from; with `"ACME_"`, `CLIENT_SECRET` becomes
      `os.environ["ACME_CLIENT_SECRET"]`.

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

from __future__ import annotations

from cxone_rules.checks.cx4_secrets._common import _SecretRule
from cxone_rules.domain import secrets as sx


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
    passed = "No access key secret in source or config"
    tags = ("security",)
    kinds = frozenset({sx.ACCESS_KEY_SECRET})

from __future__ import annotations

from cxone_rules.checks.cx4_secrets._common import _SecretRule
from cxone_rules.domain import secrets as sx


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
    passed = "No token in source or config"
    tags = ("security",)
    kinds = frozenset({sx.TOKEN})

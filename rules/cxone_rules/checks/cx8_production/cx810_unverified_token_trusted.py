from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks._runtime import cxone_files, token_uses

IDENTITY = {"sub", "email", "preferred_username", "name", "userId", "user_id", "upn"}
TENANT = {"tenantId", "tenant", "tenant_id", "icBUId", "icClusterId", "area", "icDomain"}


class UnverifiedTokenTrusted(Rule):
    """A token from the caller decoded without checking its signature, then believed.

    ## What it does
    Reports a JWT (an id_token, an access token) taken from the incoming request (a header, a
    cookie, the body, a route parameter) and decoded without verifying its signature
    (`jwt.decode(..., options={"verify_signature": False})`, `get_unverified_claims`, a
    base64 decode of its middle part, `jwt-decode`) whose claims the code then reads: who the
    user is, which tenant, which host to call.

    A token the integration received itself, straight from the token endpoint over TLS, is not
    reported: OpenID Connect Core 3.1.3.7 lets a client rely on TLS for that one.

    ## Why
    Anyone can write a JWT: without the signature check (RS256, keys at the issuer's
    `/auth/jwks`), a caller sends a token that names another user or another tenant and the
    code acts on it. When a claim (`iss`) chooses the discovery or API host, the caller also
    chooses where the integration sends its requests.

    ## Example
    ```python
    claims = jwt.decode(request.headers["X-Id-Token"], options={"verify_signature": False})
    tenant = claims["tenantId"]                                            # CX810
    ```
    Verify it: `jwt.decode(token, key, algorithms=["RS256"], audience=client_id)` with the key
    from `PyJWKClient(f"{issuer}/auth/jwks")`.

    ## Fix safety
    No automatic fix.

    ## References
    - https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation
    - https://support.ringcentral.com/article-v2/Using-the-API-global-authentication-service.html
    """

    code = "CX810"
    name = "unverified-token-trusted"
    summary = "Token from the caller decoded without signature verification and trusted"
    passed = "Tokens from callers are verified before their claims are used"
    severity = Severity.ERROR
    tags = ("security", "production", "oidc")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        for rel in cxone_files(ctx):
            for use in token_uses(ctx, rel, "decode"):
                if use.verified or use.source != "request":
                    continue
                if not use.claims and not use.routing:
                    continue
                claims = set(use.claims)
                if use.routing or "iss" in claims:
                    what = "which host the integration calls"
                elif claims & TENANT:
                    what = "which tenant it acts for"
                elif claims & IDENTITY:
                    what = "who the user is"
                else:
                    what = "what it contains"
                token = use.token if use.token in ("id_token", "access_token") else "token"
                yield self.report(
                    rel,
                    use.start,
                    f"the {token} comes from the caller and its signature is never checked, yet "
                    f"its claims decide {what}: anyone can send a token that says otherwise",
                    end=use.end,
                    hint="verify it (RS256, keys from the issuer's /auth/jwks, audience = your "
                    "client_id) before reading its claims",
                    key=f"{token}:{what}",
                )

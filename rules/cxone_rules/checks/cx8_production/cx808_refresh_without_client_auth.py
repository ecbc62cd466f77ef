from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks._runtime import OIDC, app_type, backend_like
from cxone_rules.facts.profile import cxone_requests


class RefreshWithoutClientAuth(Rule):
    """A refresh that sends no client authentication, in an app that has a secret.

    ## What it does
    Reports a `grant_type=refresh_token` request to the CXone token service that
    authenticates the client in no way (no Basic header, no `client_secret` in the body, no
    assertion) in a back-end or confidential app: registered so, or (without a manifest) one
    whose other token requests authenticate the client or use the password grant. A public
    app (PKCE) refreshes without a secret by design. A refresh whose client authentication
    differs from the registered one is CX301's.

    ## Why
    The token service authenticates confidential and back-end clients on every grant,
    refresh included. Without it the refresh is refused (`invalid_client`, 401) and the
    session ends when the access token expires: the user logs in again, or the back-end
    falls back to the password grant each hour.

    ## Example
    ```python
    requests.post(token_endpoint, data={"grant_type": "refresh_token",
                                        "refresh_token": rt, "client_id": cid})   # CX808
    ```
    Send the same client authentication as the first token request (`auth=(cid, secret)` for
    client_secret_basic).

    ## Fix safety
    No automatic fix.

    ## References
    - https://datatracker.ietf.org/doc/html/rfc6749#section-6
    - https://developer.niceincontact.com/Documentation/APIAuthenticationAndAuthorization
    """

    code = "CX808"
    name = "refresh-without-client-auth"
    summary = "Refresh request without client authentication in a confidential app"
    passed = "Refreshes authenticate the client"
    severity = Severity.ERROR
    tags = ("production", "tokens", "auth")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        for req in cxone_requests(ctx):
            if req.grant_type != "refresh_token" or req.endpoint not in OIDC:
                continue
            if req.auth_method != "none" or not backend_like(ctx, req.file):
                continue
            kind = app_type(ctx, req.file) or "back-end"
            yield self.report(
                req.file,
                req.start,
                f"this refresh sends no client authentication, but the app is a {kind} "
                "client: the token service refuses it (invalid_client) and the session ends "
                "when the access token expires",
                end=req.end,
                hint="authenticate the refresh like the first token request (the registered "
                "auth_method)",
                key="refresh-no-client-auth",
            )

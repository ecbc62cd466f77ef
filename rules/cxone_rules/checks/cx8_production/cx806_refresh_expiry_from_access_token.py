from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks._runtime import cxone_files, token_uses


class RefreshExpiryFromAccessToken(Rule):
    """The refresh token's expiry computed from the access token's `expires_in`.

    ## What it does
    Reports an expiry kept for the refresh token (a name with "refresh" in it) computed from
    `expires_in`, which is the lifetime of the access token.

    ## Why
    The refresh token lives longer than the access token (7200 s against 3600 s in NICE's
    example): an expiry taken from `expires_in` throws a usable refresh token away and makes
    the integration log in again with the password or the user's browser; where the lifetimes
    differ the other way, it refreshes with a dead refresh token and gets `invalid_grant`.

    ## Example
    ```python
    self.refresh_expires_at = now + body["expires_in"]     # CX806
    ```
    Take the refresh token's own lifetime (its `exp` claim, or a documented default), or just
    try the refresh and log in again on `invalid_grant`.

    ## Fix safety
    No automatic fix.

    ## References
    - https://support.ringcentral.com/article-v2/Using-the-API-global-authentication-service.html
    """

    code = "CX806"
    name = "refresh-expiry-from-access-token"
    summary = "Refresh token's expiry computed from the access token's expires_in"
    passed = "The refresh token's expiry is not taken from the access token's"
    severity = Severity.WARNING
    tags = ("production", "tokens")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        for rel in cxone_files(ctx):
            for use in token_uses(ctx, rel, "expiry"):
                if not use.refresh or use.lifetime != "expires_in":
                    continue
                yield self.report(
                    rel,
                    use.start,
                    "the refresh token's expiry is computed from expires_in, the access "
                    "token's lifetime: a usable refresh token is thrown away (a new login with "
                    "the password or the browser), or a dead one is used (invalid_grant)",
                    end=use.end,
                    hint="use the refresh token's own lifetime, or refresh and log in again "
                    "on invalid_grant",
                    key=use.holder or "refresh-expiry",
                )

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks._runtime import cxone_files, token_uses


class TokenExpiryCheckInverted(Rule):
    """An expiry check the wrong way round, or against `expires_in` itself.

    ## What it does
    Reports comparisons of the clock with a token's expiry whose outcome is used backwards: a
    branch that fetches a new token while the kept one is still valid (`if now < expires_at:
    refresh()`), one that returns the kept token once it has expired, or a function named for
    one answer that returns the other (`def is_expired(): return now < expires_at`). Also
    reports the clock compared with `expires_in`, which is a number of seconds (about 3600),
    not a point in time.

    ## Why
    The check decides every call's token. Backwards, the code requests a new token on every
    call while the old one is valid and keeps using the old one once it has expired, so every
    call after the first hour fails with 401. Compared with `expires_in`, the token always
    counts as expired (a new one per call) or never does.

    ## Example
    ```python
    if time.time() < self.expires_at:       # CX804: valid, yet it fetches a new one
        return self._refresh()
    return self._token
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://datatracker.ietf.org/doc/html/rfc6749#section-5.1 (expires_in)
    """

    code = "CX804"
    name = "token-expiry-check-inverted"
    summary = "Token expiry check inverted, or made against expires_in itself"
    passed = "Token expiry checks reuse valid tokens and renew expired ones"
    severity = Severity.ERROR
    tags = ("production", "tokens")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        for rel in cxone_files(ctx):
            for use in token_uses(ctx, rel, "check"):
                if use.duration:
                    message = (
                        "the clock is compared with expires_in, a number of seconds (about "
                        "3600), not a point in time: the token always counts as expired (a new "
                        "token per call) or never does (401 after the first hour)"
                    )
                    hint = "keep now + expires_in when the token arrives and compare with that"
                    key = "duration"
                elif use.inverted:
                    message = (
                        "this expiry check is the wrong way round: it gets a new token while "
                        "the kept one is still valid and keeps the expired one, so every call "
                        "after expiry fails with 401"
                    )
                    hint = "renew when now >= expires_at (minus a margin), reuse otherwise"
                    key = "inverted"
                else:
                    continue
                yield self.report(rel, use.start, message, end=use.end, hint=hint, key=key)

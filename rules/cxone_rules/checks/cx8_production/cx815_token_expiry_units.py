from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks._runtime import cxone_files, token_uses


class TokenExpiryUnits(Rule):
    """An expiry in milliseconds computed from `expires_in`, which is in seconds.

    ## What it does
    Reports an expiry computed from a millisecond clock (`Date.now()`,
    `new Date().getTime()`) plus `expires_in` without converting it (`* 1000`).

    ## Why
    `expires_in` counts seconds (3600 for an hour). Added to a clock in milliseconds it is
    3.6 seconds: the cached token counts as expired almost at once, so the code requests a new
    token for nearly every call, and runs into the token service's rate limits.

    ## Example
    ```javascript
    this.expiresAt = Date.now() + data.expires_in;          // CX815: 3.6 s, not an hour
    ```
    Convert: `Date.now() + (data.expires_in - 60) * 1000`.

    ## Fix safety
    No automatic fix.

    ## References
    - https://datatracker.ietf.org/doc/html/rfc6749#section-5.1 (expires_in, in seconds)
    """

    code = "CX815"
    name = "token-expiry-units"
    summary = "Expiry in milliseconds computed from expires_in in seconds"
    passed = "Token expiries convert expires_in to the clock's unit"
    severity = Severity.ERROR
    tags = ("production", "tokens")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        for rel in cxone_files(ctx):
            for use in token_uses(ctx, rel, "expiry"):
                if use.units != "ms-from-seconds":
                    continue
                yield self.report(
                    rel,
                    use.start,
                    "the expiry adds expires_in (seconds) to a clock in milliseconds: the token "
                    "counts as expired after 3.6 seconds instead of an hour, so nearly every "
                    "call requests a new one",
                    end=use.end,
                    hint="multiply expires_in by 1000 (and subtract a margin)",
                    key=use.holder or "units",
                )

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks._runtime import cxone_files, token_uses


class TokenExpiryWithoutMargin(Rule):
    """A cached token used up to the second it expires.

    ## What it does
    Reports an expiry computed as the clock plus the full `expires_in` in a file where every
    comparison of the clock with it is made without a margin either (`if now < expires_at`).
    An expiry that subtracts something (`expires_in - 60`, a skew) or a check that adds it
    (`now + 60 < expires_at`) is not reported; nor a file that only stores the expiry.

    ## Why
    A token checked as valid at 3599 s reaches CXone after the network round trip, and the
    call takes time: requests sent in the last seconds arrive with an expired token and fail
    with 401. Clocks also drift between the integration and NICE.

    ## Example
    ```python
    self.expires_at = time.time() + body["expires_in"]     # CX805
    ...
    if time.time() < self.expires_at:
        return self.token
    ```
    Subtract a margin: `time.time() + body["expires_in"] - 60`.

    ## Fix safety
    No automatic fix.

    ## References
    - https://datatracker.ietf.org/doc/html/rfc6749#section-5.1 (expires_in)
    """

    code = "CX805"
    name = "token-expiry-without-margin"
    summary = "Token expiry kept without a safety margin"
    passed = "Token expiries keep a safety margin"
    severity = Severity.WARNING
    tags = ("production", "tokens")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        for rel in cxone_files(ctx):
            checks = [c for c in token_uses(ctx, rel, "check") if not c.duration]
            if not checks or any(c.margin for c in checks):
                continue
            for use in token_uses(ctx, rel, "expiry"):
                if use.lifetime != "expires_in" or use.margin or use.refresh or use.units:
                    continue
                yield self.report(
                    rel,
                    use.start,
                    "the token is kept until the second it expires and the check adds no "
                    "margin: requests sent in its last seconds reach CXone with an expired "
                    "token and fail with 401",
                    end=use.end,
                    hint="subtract a margin from expires_in (e.g. 60 seconds)",
                    key=use.holder or "no-margin",
                )

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks._runtime import cxone_files, imported_into, token_uses

WHERE = {"module": "at import", "constructor": "in the constructor"}


class BearerSetOnce(Rule):
    """A bearer token set once into a long-lived session, client or header dict.

    ## What it does
    Reports an `Authorization: Bearer ...` header put into a holder that outlives the call (a
    `requests.Session`'s or HTTP client's headers, a header dict, axios defaults) at import
    or in a constructor, and never set again anywhere in the file, while the code calls
    through that holder later: from functions, in a polling loop, or from other modules that
    import it.

    ## Why
    CXone access tokens expire after `expires_in` seconds (typically an hour). A header set
    once keeps the first token: every call through the shared session fails with
    401 Unauthorized once that token expires, for as long as the process runs.

    ## Example
    ```python
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {get_token()}"   # CX801

    def agents():
        return session.get(f"{BASE}/agents", timeout=10).json()
    ```
    Instead, keep the token with its expiry and set the header per request, or renew it
    before it expires (a `requests.auth.AuthBase` that refreshes, an axios interceptor).

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/FAQ (get new tokens before they expire)
    - https://datatracker.ietf.org/doc/html/rfc6749#section-5.1 (expires_in)
    """

    code = "CX801"
    name = "bearer-set-once"
    summary = "Bearer token set once into a long-lived session or header and never renewed"
    passed = "No bearer token is frozen into a long-lived session or header"
    severity = Severity.WARNING
    tags = ("production", "tokens")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        for rel in cxone_files(ctx):
            for use in token_uses(ctx, rel, "store"):
                if use.scope not in WHERE or use.renewed or use.source == "literal":
                    continue
                holder = use.holder or "the header"
                used = use.used
                if used == "none" and use.scope == "module":
                    importers = imported_into(ctx, rel, holder.split(".")[0])
                    if importers:
                        used = "imported"
                if used == "none":
                    continue
                how = {
                    "loop": "the polling loop calls through it",
                    "later": "calls go through it later",
                    "imported": "other modules call through it",
                }[used]
                yield self.report(
                    rel,
                    use.start,
                    f"the bearer token is set into `{holder}` once {WHERE[use.scope]} and "
                    f"never renewed, and {how}: every call through it fails with 401 once "
                    "that token expires (CXone tokens last expires_in seconds, about an hour)",
                    end=use.end,
                    hint="keep the token with its expiry and set the header per request, or "
                    "renew it before it expires",
                    key=f"{holder}",
                )

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks._runtime import facts_in
from cxone_rules.facts.kinds import AuthorizeRequest
from cxone_rules.facts.symstr import word_of

# Libraries add a random state to the URLs they build.
LIBRARY_SOURCES = ("authorization_url", "create_authorization_url")


class AuthorizeWithoutState(Rule):
    """An authorize request without `state`.

    ## What it does
    Reports CXone authorize requests built by the code (a URL, a parameter set) that send no
    `state`. URLs built by OAuth libraries (`authorization_url()`, `create_authorization_url()`)
    add a random state themselves and are not reported.

    ## Why
    `state` is how the callback tells its own login from a forged one. Without it, an
    attacker sends a victim's browser to the callback with the attacker's own code: the
    victim is logged in as the attacker and whatever they do lands in the attacker's
    account (login CSRF).

    ## Example
    ```python
    params = {"response_type": "code", "client_id": cid, "redirect_uri": redirect,
              "scope": "openid"}                                          # CX811
    ```
    Add `"state": secrets.token_urlsafe(32)`, keep it in the session, compare it in the
    callback.

    ## Fix safety
    No automatic fix.

    ## References
    - https://datatracker.ietf.org/doc/html/rfc6749#section-10.12
    - https://openid.net/specs/openid-connect-core-1_0.html#AuthRequest
    """

    code = "CX811"
    name = "authorize-without-state"
    summary = "Authorize request without state"
    passed = "Authorize requests send a state"
    severity = Severity.WARNING
    tags = ("security", "production", "oidc")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        for auth in facts_in(ctx, AuthorizeRequest):
            if auth.source in LIBRARY_SOURCES or auth.state is not None:
                continue
            if (word_of(auth.response_type) or "code") not in ("code", "token", "id_token"):
                continue
            yield self.report(
                auth.file,
                auth.start,
                "this authorize request sends no state: the callback cannot tell its own "
                "login from a forged one, so an attacker can log a victim in to the "
                "attacker's account (login CSRF)",
                end=auth.end,
                hint="send a random state (secrets.token_urlsafe), keep it in the session and "
                "compare it in the callback",
                key="no-state",
            )

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks._runtime import app_type, backend_like, route_label, written_out_in
from cxone_rules.checks.cx9_surface._common import token_routes

WHAT = {
    "access_token": "its CXone access token",
    "refresh_token": "its CXone refresh token",
    "id_token": "its id_token",
    "token response": "the whole CXone token response (access and refresh token)",
}


class TokenHandedToCaller(Rule):
    """A back-end or confidential app hands its CXone token to whoever calls a route.

    ## What it does
    Reports routes of a back-end or confidential app (registered so, or without a manifest:
    one that gets its tokens with the password grant or a client secret) whose response
    carries the server's CXone token: returned from a helper (`return {"token": get_token()}`,
    a helper in another module). Where the handler itself writes a token response out, CX406
    reports it and this rule does not. OAuth callbacks (they redeem the user's own code) are
    not reported.

    ## Why
    A back-end app's token acts as its API user, with all of that user's permissions, for
    every tenant and agent the user can reach. Handed to a browser or another caller, it
    can be read by any script on the page, copied, and used directly against CXone until it
    expires; a refresh token keeps that access going.

    ## Example
    ```python
    @app.get("/api/token")
    def token():
        return {"access_token": cxone.get_token()}              # CX904
    ```
    Keep the token on the server and expose the operations the front end needs instead.

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/APIAuthenticationAndAuthorization
    - https://datatracker.ietf.org/doc/html/draft-ietf-oauth-browser-based-apps
    """

    code = "CX904"
    name = "token-handed-to-caller"
    summary = "Back-end app's CXone token returned from a route"
    passed = "No route hands the back-end app's token to its callers"
    severity = Severity.ERROR
    tags = ("security", "surface", "tokens")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        for use in token_routes(ctx):
            route = use.route
            if not use.hands or use.callback or not backend_like(ctx, route.file):
                continue
            if written_out_in(ctx, route):
                continue
            kind = app_type(ctx, route.file) or "back-end"
            yield self.report(
                route.file,
                route.start,
                f"{route_label(route)} returns {WHAT.get(use.hands, 'a CXone token')} to "
                f"whoever calls it: in a {kind} app that token acts as its API user, usable "
                "by any caller or script until it expires",
                hint="keep the token on the server and expose only the operations the caller needs",
                key=f"{route_label(route)}:{use.hands}",
            )

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks._runtime import facts_in
from cxone_rules.checks.cx8_production.cx811_authorize_without_state import LIBRARY_SOURCES
from cxone_rules.facts.kinds import AuthorizeRequest, CallbackCheck
from cxone_rules.facts.profile import code_files, cxone_requests


class StateNotChecked(Rule):
    """The callback redeems the code without comparing `state`.

    ## What it does
    In a project that builds its CXone authorize request with a `state`, reports each
    authorization-code redemption (`grant_type=authorization_code`) when no code of the
    project compares a `state` (`==`, `!=`, `in`, `compare_digest`) and no OAuth library checks
    it (authlib's `authorize_access_token`, requests-oauthlib's `fetch_token` with
    `authorization_response` on a session given the state).

    ## Why
    Sending a state is half the protection: only the comparison in the callback rejects a
    forged callback. Without it any code is redeemed, and an attacker logs a victim in to the
    attacker's account (login CSRF).

    ## Example
    ```python
    @app.get("/callback")
    def callback():
        code = request.args["code"]                                       # state ignored
        tokens = requests.post(token_endpoint, data={"grant_type": "authorization_code",
                               "code": code, "redirect_uri": REDIRECT}, auth=basic)  # CX813
    ```
    Compare first: `if not secrets.compare_digest(request.args["state"], session.pop("state")):
    abort(400)`.

    ## Fix safety
    No automatic fix.

    ## References
    - https://datatracker.ietf.org/doc/html/rfc6749#section-10.12
    """

    code = "CX813"
    name = "state-not-checked"
    summary = "Callback redeems the code without comparing state"
    passed = "Callbacks compare the state they sent"
    severity = Severity.WARNING
    tags = ("security", "production", "oidc")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        built = [
            a
            for a in facts_in(ctx, AuthorizeRequest)
            if a.source not in LIBRARY_SOURCES and a.state is not None
        ]
        if not built:
            return
        checks = [c for c in facts_in(ctx, CallbackCheck, code_files(ctx)) if c.what == "state"]
        if checks:
            return
        for req in cxone_requests(ctx):
            if req.grant_type != "authorization_code":
                continue
            yield self.report(
                req.file,
                req.start,
                "the callback redeems the code without comparing the state it sent: a forged "
                "callback is accepted and a victim is logged in to the attacker's account "
                "(login CSRF)",
                end=req.end,
                hint="compare the returned state with the one kept in the session "
                "(compare_digest) before redeeming the code",
                key="state-unchecked",
            )

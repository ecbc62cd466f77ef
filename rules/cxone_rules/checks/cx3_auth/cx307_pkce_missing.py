from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.analysis.profile import governing_app
from cxone_rules.checks.cx3_auth._common import (
    _at,
    _authorize_facts,
    _requests_by_file,
    _skip_without_manifest,
)


class PkceMissing(Rule):
    """A public app's authorization-code flow without PKCE.

    ## What it does
    For code governed by an app registered as `type = "public"`, reports authorize requests
    without a `code_challenge` and authorization-code token requests without a
    `code_verifier`.

    ## Why
    CXone restricts public clients to the authorization code flow with PKCE (S256): without
    it the request is rejected, and an intercepted code could be redeemed by anyone.

    ## Example
    ```python
    params = {"response_type": "code", "client_id": cid, "redirect_uri": redirect}
    ```
    Add `code_challenge` and `code_challenge_method="S256"`, and send the `code_verifier`
    when redeeming the code.

    ## Fix safety
    No automatic fix.

    ## References
    - https://datatracker.ietf.org/doc/html/rfc7636
    - https://developer.dev.niceincontact.com/API/AppRegistrationAPI
    """

    code = "CX307"
    name = "pkce-missing"
    summary = "Public app's authorization-code flow without PKCE"
    severity = Severity.ERROR
    tags = ("auth", "manifest")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        if _skip_without_manifest(ctx, self.code):
            return
        for rel, auth in _authorize_facts(ctx):
            governed = governing_app(ctx, rel)
            if governed is None or governed[1].type != "public":
                continue
            if (auth.get("response_type") or "code") == "code" and not auth.get("code_challenge"):
                yield self.report(
                    rel,
                    _at(auth),
                    f"{governed[1].label} is public, but this authorize request has no PKCE "
                    "code_challenge",
                    hint="add code_challenge=base64url(sha256(verifier)) and "
                    "code_challenge_method=S256",
                    key="authorize-without-pkce",
                )
        for rel, reqs in _requests_by_file(ctx).items():
            governed = governing_app(ctx, rel)
            if governed is None or governed[1].type != "public":
                continue
            for req in reqs:
                if req.get("grant") == "authorization_code" and not req.get("pkce_verifier"):
                    yield self.report(
                        rel,
                        _at(req),
                        f"{governed[1].label} is public, but this code redemption sends no "
                        "code_verifier",
                        hint="send the PKCE code_verifier with the authorization code",
                        key="token-without-verifier",
                    )

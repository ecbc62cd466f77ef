from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks.cx3_auth._common import (
    authorize_requests,
    requests_by_file,
    skip_without_manifest,
)
from cxone_rules.facts.profile import governing_app
from cxone_rules.facts.symstr import word_of


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
    passed = "A public app's authorization-code flow uses PKCE"
    severity = Severity.ERROR
    tags = ("security", "auth", "manifest")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        if skip_without_manifest(ctx, self.code):
            return
        for auth in authorize_requests(ctx):
            governed = governing_app(ctx, auth.file)
            if governed is None or governed[1].type != "public":
                continue
            if (word_of(auth.response_type) or "code") == "code" and not auth.code_challenge:
                yield self.report(
                    auth.file,
                    auth.start,
                    f"{governed[1].label} is public, but this authorize request has no PKCE "
                    "code_challenge",
                    end=auth.end,
                    hint="add code_challenge=base64url(sha256(verifier)) and "
                    "code_challenge_method=S256",
                    key="authorize-without-pkce",
                )
        for rel, reqs in requests_by_file(ctx).items():
            governed = governing_app(ctx, rel)
            if governed is None or governed[1].type != "public":
                continue
            for req in reqs:
                if req.grant_type == "authorization_code" and not req.pkce_verifier:
                    yield self.report(
                        rel,
                        req.start,
                        f"{governed[1].label} is public, but this code redemption sends no "
                        "code_verifier",
                        end=req.end,
                        hint="send the PKCE code_verifier with the authorization code",
                        key="token-without-verifier",
                    )

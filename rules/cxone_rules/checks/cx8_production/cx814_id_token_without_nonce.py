from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks._runtime import cxone_files, facts_in, token_uses
from cxone_rules.checks.cx8_production.cx811_authorize_without_state import LIBRARY_SOURCES
from cxone_rules.facts.kinds import AuthorizeRequest
from cxone_rules.facts.symstr import word_of


class IdTokenWithoutNonce(Rule):
    """The app reads the id_token, but its authorize request sends no `nonce`.

    ## What it does
    Reports a CXone authorize request built by the code without a `nonce` in a project that
    decodes an id_token (verified or not) to learn who logged in. Library-built URLs (which
    can add one) and projects that never look inside the id_token are not reported.

    ## Why
    The nonce binds an id_token to the login that asked for it; the app checks the token's
    `nonce` claim against the one it sent. Without it, an id_token from an earlier login
    (leaked through logs, a shared browser, a proxy) can be replayed and is accepted as a
    fresh login.

    ## Example
    ```python
    params = {"response_type": "code", "client_id": cid, "redirect_uri": redirect,
              "scope": "openid", "state": state}                           # CX814
    ...
    user = jwt.decode(tokens["id_token"], key, algorithms=["RS256"], audience=cid)["sub"]
    ```
    Send `"nonce": secrets.token_urlsafe(32)`, keep it, and compare it with the claim.

    ## Fix safety
    No automatic fix.

    ## References
    - https://openid.net/specs/openid-connect-core-1_0.html#NonceNotes
    """

    code = "CX814"
    name = "id-token-without-nonce"
    summary = "id_token used, but the authorize request sends no nonce"
    passed = "Apps that read the id_token send a nonce"
    severity = Severity.WARNING
    tags = ("security", "production", "oidc")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        reads = [
            u
            for rel in cxone_files(ctx)
            for u in token_uses(ctx, rel, "decode")
            if u.token == "id_token" and (u.claims or u.verified)
        ]
        if not reads:
            return
        for auth in facts_in(ctx, AuthorizeRequest):
            if auth.source in LIBRARY_SOURCES or auth.nonce is not None:
                continue
            if (word_of(auth.response_type) or "code") != "code":
                continue
            yield self.report(
                auth.file,
                auth.start,
                "the app reads the id_token to learn who logged in, but this authorize "
                "request sends no nonce: an id_token from an earlier login can be replayed "
                "and is taken for a fresh one",
                end=auth.end,
                hint="send a random nonce, keep it, and compare it with the id_token's nonce claim",
                key="no-nonce",
            )

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks._related import placed
from cxone_rules.checks.cx3_auth._common import authorize_requests
from cxone_rules.facts.symstr import text_of


class PkcePlain(Rule):
    """PKCE with the `plain` method, which CXone does not accept.

    ## What it does
    Reports `code_challenge_method` set to `plain` in authorize requests (parameter dicts,
    keyword arguments, `authorization_url()` / OAuth session settings) in CXone code.

    ## Why
    CXone supports only `S256` (`code_challenge_methods_supported: ["S256"]`). `plain` sends
    the verifier itself as the challenge, which protects nothing against an intercepted code.

    ## Example
    ```python
    params = {"response_type": "code", "code_challenge": verifier, "code_challenge_method": "plain"}
    ```
    Use `base64url(sha256(verifier))` as the challenge and `S256` as the method.

    ## Fix safety
    No automatic fix: the challenge computation must change together with the method.

    ## References
    - https://datatracker.ietf.org/doc/html/rfc7636#section-4.2
    - https://developer.niceincontact.com/Documentation/APIAuthenticationAndAuthorization
    """

    code = "CX306"
    name = "pkce-plain"
    summary = "PKCE code_challenge_method is plain (CXone accepts only S256)"
    passed = "PKCE uses S256"
    severity = Severity.ERROR
    tags = (
        "security",
        "auth",
    )

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        for auth in authorize_requests(ctx):
            if (text_of(auth.challenge_method) or "").strip().lower() == "plain":
                # At the method's value when it is written there, else the whole request.
                at = auth.challenge_method_at or auth.span
                place = placed(ctx, auth, "challenge_method")
                start, end = (
                    (at.start, at.end) if place.path == auth.file else (place.start, place.end)
                )
                yield self.report(
                    place.path,
                    start,
                    "PKCE code_challenge_method is plain; CXone accepts only S256",
                    end=end,
                    hint="send base64url(sha256(code_verifier)) with code_challenge_method=S256",
                    key="plain",
                    related=place.related,
                )

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Related, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks._related import origins
from cxone_rules.checks.cx3_auth._common import requests_by_file, skip_without_manifest
from cxone_rules.facts.profile import governing_app

SENT = "the token request that sends it"


class AuthMethodMismatch(Rule):
    """The client authentication the code uses is not the one the app registered.

    ## What it does
    Compares how each token request to CXone authenticates the client (an HTTP Basic header,
    `auth=(id, secret)`, requests-oauthlib's default Basic, `client_id`/`client_secret` in the
    form body, or a `client_assertion`) with the registered `auth_method` of the app that
    governs the file.

    ## Why
    CXone checks the client authentication against the registration: a
    `client_secret_post` request to an app registered as `client_secret_basic` (or the reverse)
    is answered `401 invalid_client`, and the failure only shows at deploy time.

    ## Example
    ```python
    requests.post(token_endpoint, data={..., "client_id": cid, "client_secret": secret})
    ```
    with `auth_method = "client_secret_basic"` in cxone-app.toml. Use instead:
    ```python
    requests.post(token_endpoint, data={...}, auth=(cid, secret))
    ```

    ## Fix safety
    No automatic fix: either the code or the registration must change, and only the owner
    knows which.

    ## References
    - https://developer.niceincontact.com/Documentation/APIAuthenticationAndAuthorization
    - https://datatracker.ietf.org/doc/html/rfc6749#section-2.3.1
    """

    code = "CX301"
    name = "auth-method-mismatch"
    summary = "Client authentication in code differs from the registered auth_method"
    passed = "Client authentication in code matches the registered auth_method"
    severity = Severity.ERROR
    tags = ("security", "auth", "manifest")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        if skip_without_manifest(ctx, self.code):
            return
        for rel, reqs in requests_by_file(ctx).items():
            governed = governing_app(ctx, rel)
            if governed is None:
                continue
            manifest, app = governed
            registered = app.auth_method
            if not registered or app.type == "public":
                continue
            for req in reqs:
                used = req.auth_method
                if used is None or used == registered or used == "none":
                    continue
                at = req.client_auth_at or req.span
                also = () if at.line == req.line else (Related(rel, req.start, req.end, SENT),)
                yield self.report(
                    rel,
                    at.start,
                    f"token request authenticates the client with {used}, but {app.label} is "
                    f"registered with {registered}",
                    end=at.end,
                    hint=f"use {registered} here, or change the registration "
                    f"({manifest.path}) if {used} is intended",
                    key=f"{used}->{registered}",
                    related=also
                    + origins(ctx, req, "declared_auth")
                    + origins(ctx, req, "auth_header"),
                )

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks.cx3_auth._common import requests_by_file, skip_without_manifest
from cxone_rules.facts.profile import governing_app


class PublicClientSecret(Rule):
    """A public app sends a client secret.

    ## What it does
    For code governed by an app registered as `type = "public"`, reports token requests that
    authenticate the client with a secret (Basic header, `auth=`, `client_secret` in the
    body, or a client assertion).

    ## Why
    A public client (a browser or mobile app) cannot keep a secret, so CXone issues none:
    any secret in such code is either a different app's secret shipped to users or a request
    that fails.

    ## Example
    ```python
    requests.post(token_endpoint, data={..., "client_secret": SECRET})
    ```
    Send `client_id` and `code_verifier` only.

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.dev.niceincontact.com/API/AppRegistrationAPI
    - https://datatracker.ietf.org/doc/html/rfc7636
    """

    code = "CX305"
    name = "public-client-secret"
    summary = "Public app sends a client secret"
    passed = "A public app sends no client secret"
    severity = Severity.ERROR
    tags = ("security", "auth", "manifest")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        if skip_without_manifest(ctx, self.code):
            return
        for rel, reqs in requests_by_file(ctx).items():
            governed = governing_app(ctx, rel)
            if governed is None or governed[1].type != "public":
                continue
            for req in reqs:
                used = req.auth_method
                if used in ("client_secret_basic", "client_secret_post", "client_secret_jwt"):
                    yield self.report(
                        rel,
                        req.start,
                        f"{governed[1].label} is registered as public (no secret), but this "
                        f"token request authenticates the client with {used}",
                        end=req.end,
                        hint="a public client sends client_id and code_verifier only",
                        key=used,
                    )

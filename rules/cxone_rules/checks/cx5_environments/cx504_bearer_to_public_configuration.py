from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.facts.kinds import DiscoveryCall
from cxone_rules.facts.profile import code_facts


class BearerToPublicConfiguration(Rule):
    """A bearer token sent to the public cxone-configuration endpoint.

    ## What it does
    Reports calls to `/.well-known/cxone-configuration` that pass an `Authorization` header.

    ## Why
    The endpoint is public: it needs no authentication. Sending the access token to it hands
    a live credential to one more endpoint (and its logs) for nothing, and ties API-host
    discovery to having a token.

    ## Example
    ```python
    requests.get(f"{issuer}/.well-known/cxone-configuration?tenantId={tid}",
                 headers={"Authorization": f"Bearer {token}"})
    ```

    ## Fix safety
    Safe when the headers are a literal dict holding only `Authorization`: the fix removes the
    `headers=` argument; the response does not depend on it.

    ## References
    - https://support.ringcentral.com/article-v2/Using-the-API-global-authentication-service.html
    """

    code = "CX504"
    name = "bearer-to-public-configuration"
    summary = "Bearer token sent to the public cxone-configuration endpoint"
    passed = "No bearer token goes to the public cxone-configuration endpoint"
    severity = Severity.WARNING
    fixable = "safe"
    tags = ("security", "environments", "discovery")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        for call in code_facts(ctx, DiscoveryCall):
            if call.document != "cxone-configuration" or not call.sends_authorization:
                continue
            fix = None
            removal = call.authorization_removal
            if removal is not None:
                fix = Fix(
                    "remove the Authorization header",
                    (Edit(call.file, removal.start, removal.end, ""),),
                    Applicability.SAFE,
                )
            yield self.report(
                call.file,
                call.start,
                "Authorization header sent to the public cxone-configuration endpoint",
                end=call.end,
                hint="call /.well-known/cxone-configuration without a token",
                key="cxone-configuration",
                fix=fix,
            )

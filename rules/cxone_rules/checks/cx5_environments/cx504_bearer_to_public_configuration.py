from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Applicability, Diagnostic, Edit, Fix, Position, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.analysis.profile import http_facts
from cxone_rules.checks.cx5_environments._common import _at


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
    severity = Severity.WARNING
    fixable = "safe"
    tags = ("environments", "discovery")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        for rel, facts in http_facts(ctx):
            for call in facts.get("config_calls", []):
                if not call.get("auth_header"):
                    continue
                fix = None
                span = call.get("remove_headers")
                if span:
                    fix = Fix(
                        "remove the Authorization header",
                        (
                            Edit(
                                rel,
                                Position(span[0][0], span[0][1]),
                                Position(span[1][0], span[1][1]),
                                "",
                            ),
                        ),
                        Applicability.SAFE,
                    )
                yield self.report(
                    rel,
                    _at(call),
                    "Authorization header sent to the public cxone-configuration endpoint",
                    hint="call /.well-known/cxone-configuration without a token",
                    key="cxone-configuration",
                    fix=fix,
                )

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks._runtime import facts_in
from cxone_rules.facts.kinds import ConfigRead
from cxone_rules.facts.profile import code_files, cxone_requests


class LegacyResourceServerBaseUri(Rule):
    """`resource_server_base_uri` read from the token response of the current token service.

    ## What it does
    Reports reads of `resource_server_base_uri` in a project whose CXone token requests all
    go to the current token service (`/auth/token`, a discovered `token_endpoint`) and none to
    the legacy Central one (`/InContactAuthorizationServer/Token`).

    ## Why
    `resource_server_base_uri` is a field of the legacy Central token response. The current
    token service does not return it: the API base comes out empty (a `KeyError`, `None` or
    `undefined` in every API URL) and no API call works. The API base comes from
    `/.well-known/cxone-configuration` (`api_endpoint`).

    ## Example
    ```python
    tokens = requests.post(f"{issuer}/auth/token", data=form, auth=basic, timeout=10).json()
    base = tokens["resource_server_base_uri"]                               # CX809
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://support.ringcentral.com/article-v2/Using-the-API-global-authentication-service.html
    - https://developer.incontact.com/Documentation/APIAuthenticationToken
    """

    code = "CX809"
    name = "legacy-resource-server-base-uri"
    summary = "resource_server_base_uri read with the current token service, which omits it"
    passed = "resource_server_base_uri is read only from the Central token service"
    severity = Severity.ERROR
    tags = ("production", "environments", "legacy")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        requests = cxone_requests(ctx)
        if not requests or any(r.endpoint == "legacy-token" for r in requests):
            return
        if not any(r.endpoint in ("token", "discovered") for r in requests):
            return
        for read in facts_in(ctx, ConfigRead, code_files(ctx)):
            if read.key != "resource_server_base_uri":
                continue
            yield self.report(
                read.file,
                read.start,
                "resource_server_base_uri is a field of the legacy Central token response; "
                "the current token service does not return it, so the API base is empty and "
                "every API call built on it fails",
                end=read.end,
                hint="read api_endpoint from /.well-known/cxone-configuration?tenantId=...",
                key="resource_server_base_uri",
            )

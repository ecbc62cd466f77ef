from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks.cx3_auth._common import cxone_code_files, skip_without_manifest
from cxone_rules.facts.kinds import TenantLiteral
from cxone_rules.facts.profile import governing_app
from cxone_rules.facts.store import facts_of


class TenantPinnedMultiTenant(Rule):
    """A tenant id written in the code of an app registered for all tenants.

    ## What it does
    For code governed by an app registered with `tenancy = "all"`, reports CXone tenant ids
    written in the code: a `tenantId=` in a URL, a `TENANT_ID = "..."` constant, a
    `tenantId` field or keyword with a literal id. Test code is not read.

    ## Why
    A multi-tenant app serves every customer in its registered environments; each one's tenant
    comes from its token (the `tenantId` claim) or from the customer's own configuration. A
    tenant id in the code sends every customer's discovery and API calls to that one tenant:
    the others get its API host, or 401s.

    ## Example
    ```python
    CONFIG = f"{ISSUER}/.well-known/cxone-configuration?tenantId=11eb0358-..."   # CX505
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/GettingStarted (tenancy)
    - https://support.ringcentral.com/article-v2/Using-the-API-global-authentication-service.html
    """

    code = "CX505"
    name = "tenant-pinned-multi-tenant"
    summary = "Tenant id written in the code of an app registered for all tenants"
    passed = "No tenant id is written in a multi-tenant app's code"
    severity = Severity.WARNING
    tags = ("environments", "manifest")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        if skip_without_manifest(ctx, self.code):
            return
        store = facts_of(ctx)
        for rel in cxone_code_files(ctx):
            governed = governing_app(ctx, rel)
            if governed is None or governed[1].tenancy != "all":
                continue
            app = governed[1]
            for found in store.in_file(rel, TenantLiteral):
                yield self.report(
                    rel,
                    found.start,
                    f"a tenant id is written in the code ({found.name}), but {app.label} is "
                    "registered for all tenants: every customer's calls go to this one tenant",
                    end=found.end,
                    hint="take the tenant from the token's tenantId claim or from the "
                    "customer's configuration",
                    key=found.name,
                )

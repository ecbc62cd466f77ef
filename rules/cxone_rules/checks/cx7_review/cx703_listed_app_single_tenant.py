from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_rules.checks._manifest_rule import ManifestRule


class ListedAppSingleTenant(ManifestRule):
    """An app prepared for a CXexchange listing is registered for a single tenant.

    ## What it does
    Reports `tenancy = "single"` when the review report is prepared (this rule is off by
    default and switched on by `cxone-lint review`).

    ## Why
    A CXexchange listing sells the app to CXone customers, each on its own tenant. The seed:
    "If you're building an application that will be used by multiple tenants or customers, you
    must select Multiple Tenants." Tenancy can be changed with the update form, so change it
    before the review rather than after the first customer's 401.

    ## Example
    ```toml
    tenancy = "single"
    ```

    ## Fix safety
    No automatic fix: request `tenancy = "all"` (with `environments` and `government`) through
    the update form, then record it.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle (Tenancy, Update)
    """

    code = "CX703"
    name = "listed-app-single-tenant"
    summary = "App for a CXexchange listing is registered for a single tenant"
    passed = "An app for a CXexchange listing is registered for all tenants"
    severity = Severity.WARNING
    default_enabled = False
    tags = ("review",)

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app in self.apps(ctx):
            if app.tenancy != "single":
                continue
            yield self.at(
                manifest,
                app,
                manifest.position(app, "tenancy"),
                "registered for a single tenant, but a CXexchange listing serves many customers",
                "tenancy",
                hint='request tenancy = "all" (Multiple Tenants) with the update form',
            )

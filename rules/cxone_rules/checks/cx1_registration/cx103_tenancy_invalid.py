from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_rules.checks._manifest_rule import ManifestRule
from cxone_rules.manifest import TENANCIES


class TenancyInvalid(ManifestRule):
    """The tenancy is missing or is not `single` or `all`.

    ## What it does
    Reports an app without `tenancy` and a tenancy other than `single` or `all` (the App
    Registration API's values; the form's "Multiple Tenants" is `all`).

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    The form asks whether the integration authenticates users of one tenant or of many; an app
    used by several customers must be registered for Multiple Tenants, and a multi-tenant
    registration works only within the environments it names.

    ## Example
    ```toml
    [app]
    tenancy = "multiple"   # CX103: use "all"
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle
    - https://developer.dev.niceincontact.com/API/AppRegistrationAPI
    """

    code = "CX103"
    name = "tenancy-invalid"
    summary = "Tenancy missing or not single/all"
    passed = "Tenancy is single or all"
    severity = Severity.ERROR

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app in self.apps(ctx):
            if "tenancy" in app.invalid:
                continue
            if app.tenancy is None:
                yield self.at(
                    manifest,
                    app,
                    manifest.table_position(app),
                    'no `tenancy`: say "single" (one tenant) or "all" (the form\'s Multiple '
                    "Tenants, required when several customers use the app)",
                    "tenancy",
                )
            elif app.tenancy not in TENANCIES:
                lower = app.tenancy.strip().lower()
                hint = None
                if lower.startswith("multi") or lower in ("many", "multiple tenants"):
                    hint = 'the form\'s "Multiple Tenants" is tenancy = "all"'
                elif lower in TENANCIES:
                    hint = f'write tenancy = "{lower}"'
                yield self.at(
                    manifest,
                    app,
                    manifest.position(app, "tenancy"),
                    f"tenancy {app.tenancy!r} is not one of: single, all",
                    "tenancy",
                    hint,
                )

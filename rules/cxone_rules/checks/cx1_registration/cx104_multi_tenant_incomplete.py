from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_rules.checks._manifest_rule import ManifestRule


class MultiTenantIncomplete(ManifestRule):
    """A multi-tenant app does not say which environments it supports or whether it is for
    government.

    ## What it does
    For `tenancy = "all"`, reports a missing or empty `environments` list and a missing
    `government` answer (both on the tenancy line). A JSON export of the App Registration API
    carries neither, so it is not reported there.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    For Multiple Tenants the form requires the CXone environments the app will be used in (NICE
    issues a set of credentials per environment) and whether it will be used in a government
    environment. A multi-tenant registration works only within the selected environments.

    ## Example
    ```toml
    [app]
    tenancy = "all"   # CX104: no environments, no government answer
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle
    - https://developer.niceincontact.com/Documentation/GettingStarted
    """

    code = "CX104"
    name = "multi-tenant-incomplete"
    summary = "Multi-tenant app without environments or government answer"
    passed = "A multi-tenant app names its environments and answers the government question"
    severity = Severity.ERROR

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app in self.apps(ctx):
            if app.tenancy != "all" or self.form_only(manifest):
                continue
            if not app.environments and "environments" not in app.invalid:
                where = (
                    manifest.position(app, "environments")
                    if "environments" in app.present
                    else manifest.position(app, "tenancy")
                )
                yield self.at(
                    manifest,
                    app,
                    where,
                    "multi-tenant app (tenancy = all) lists no `environments`: the form requires "
                    "the CXone environments it will be used in, and NICE issues credentials per "
                    "environment",
                    "environments",
                    'add environments = ["na1"] (areas such as na1, eu1, au1)',
                )
            if app.government is None and "government" not in app.invalid:
                yield self.at(
                    manifest,
                    app,
                    manifest.position(app, "tenancy"),
                    "multi-tenant app (tenancy = all) does not answer whether it will be used in "
                    "a government environment",
                    "government",
                    "add government = false (or true for FedRAMP)",
                )

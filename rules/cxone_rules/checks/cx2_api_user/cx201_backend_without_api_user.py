from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_rules.checks._manifest_rule import ManifestRule


class BackendWithoutApiUser(ManifestRule):
    """A back-end app does not declare the CXone API user it runs as.

    ## What it does
    Reports a `type = "backend"` app of `cxone-app.toml` without an `[api_user]` table (in a
    monorepo, `[apps.api_user]`). A JSON export of the App Registration API cannot carry one,
    so it is not reported there.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    A back-end app authenticates with the access key of a CXone user; that user's role,
    permissions and attributes are the app's. NICE's deploy guidance: a dedicated user, no login
    authenticator, a unique role with only the permissions the app needs as its primary role.
    Declaring it lets CX202-CX208 check all that before it reaches production.

    ## Example
    ```toml
    [app]
    type = "backend"   # CX201: no [api_user]
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle
    - https://help.nice-incontact.com/content/admin/security/manageaccesskeys.htm
    """

    code = "CX201"
    name = "backend-without-api-user"
    summary = "Back-end app without an [api_user]"
    passed = "A back-end app has an [api_user]"
    severity = Severity.WARNING

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app in self.apps(ctx):
            if app.type != "backend" or app.api_user is not None or "api_user" in app.present:
                continue
            if self.form_only(manifest):
                continue
            table = "[apps.api_user]" if manifest.multi else "[api_user]"
            yield self.at(
                manifest,
                app,
                manifest.table_position(app),
                f"back-end app without {table}: it runs as a CXone user whose role and "
                "permissions are the app's; declare that user so they can be checked",
                "api_user",
                f"add {table} with username, primary_role (a unique role), permissions and "
                "attributes = []",
            )

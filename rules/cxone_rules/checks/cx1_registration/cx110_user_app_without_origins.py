from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_rules.checks._manifest_rule import ManifestRule
from cxone_rules.checks.cx1_registration._common import CORS_DELAY


class UserAppWithoutBrowserFields(ManifestRule):
    """A user app (confidential or public) registers no origins or no redirects.

    ## What it does
    Reports a confidential or public app whose `origins` or `redirects` is missing or empty
    (one finding per missing list).

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    User apps log users in with the authorization code flow, which needs a registered
    redirect URI; and CXone's API servers block browser calls from origins that are not
    registered (CORS), even for valid requests. Origin changes take up to three weeks at NICE,
    so the list must be complete at registration.

    ## Example
    ```toml
    [app]
    type = "confidential"   # CX110 twice: no origins, no redirects
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle
    - https://developer.dev.niceincontact.com/API/AppRegistrationAPI
    """

    code = "CX110"
    name = "user-app-without-origins"
    summary = "User app without origins or redirects"
    passed = "A user app registers its origins and redirects"
    severity = Severity.ERROR

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app in self.apps(ctx):
            if not app.is_user_app:
                continue
            if not app.redirects and "redirects" not in app.invalid:
                yield self.at(
                    manifest,
                    app,
                    manifest.position(app, "redirects"),
                    f"{app.type} app registers no `{manifest.key_name('redirects')}`: the "
                    "authorization code flow sends the user back to a registered redirect URI",
                    "redirects",
                )
            if not app.origins and "origins" not in app.invalid:
                yield self.at(
                    manifest,
                    app,
                    manifest.position(app, "origins"),
                    f"{app.type} app registers no `{manifest.key_name('origins')}`: CXone blocks "
                    "browser calls from unregistered origins (CORS)",
                    "origins",
                    f"list every origin the app runs on; {CORS_DELAY}",
                )

from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_rules.checks._manifest_rule import ManifestRule


class BackendBrowserFields(ManifestRule):
    """A back-end app declares origins, redirects or logout URIs.

    ## What it does
    Reports each non-empty `origins`, `redirects` or `logouts` list of an app of type `backend`.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    A back-end app has no browser: it may use only the /token endpoint (password grant with its
    API user's access key). Browser fields on it mean either the wrong app type (which cannot be
    changed after registration) or a second, user-facing app that needs its own registration.

    ## Example
    ```toml
    [app]
    type = "backend"
    redirects = ["https://app.acme.example/callback"]   # CX109
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.dev.niceincontact.com/API/AppRegistrationAPI
    - https://developer.niceincontact.com/Documentation/APIAuthenticationAndAuthorization
    """

    code = "CX109"
    name = "backend-browser-fields"
    summary = "Back-end app declares origins, redirects or logouts"
    passed = "A back-end app declares no origins, redirects or logouts"
    severity = Severity.WARNING

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app in self.apps(ctx):
            if app.type != "backend":
                continue
            for fname in ("origins", "redirects", "logouts"):
                if getattr(app, fname):
                    key = manifest.key_name(fname)
                    yield self.at(
                        manifest,
                        app,
                        manifest.position(app, fname),
                        f"back-end app declares `{key}`: a back-end app has no browser and may "
                        "use only the token endpoint",
                        fname,
                        "remove them, or register the browser part as a separate user app "
                        "(the type of this one cannot be changed)",
                    )

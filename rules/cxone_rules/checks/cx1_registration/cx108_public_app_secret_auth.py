from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_rules.checks._manifest_rule import ManifestRule
from cxone_rules.manifest import AUTH_METHODS


class PublicAppWithSecret(ManifestRule):
    """A public app is registered with a secret-based client authentication method.

    ## What it does
    Reports `auth_method` = client_secret_post, client_secret_basic or client_secret_jwt on an
    app of type `public`.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    A public app (a single-page or mobile app) cannot keep a secret, and NICE issues it none: it
    must use the authorization code flow with PKCE (S256) and send no client secret. A secret
    shipped in a browser bundle or an app package is public.

    ## Example
    ```toml
    [app]
    type = "public"
    auth_method = "client_secret_post"   # CX108
    ```

    ## Fix safety
    No automatic fix: remove `auth_method`, or register a confidential app whose secret stays
    on a server (the type cannot be changed later).

    ## References
    - https://developer.dev.niceincontact.com/API/AppRegistrationAPI
    - https://datatracker.ietf.org/doc/html/rfc8252#section-8.5
    """

    code = "CX108"
    name = "public-app-secret-auth"
    summary = "Public app registered with a secret-based auth method"
    passed = "A public app is registered without a secret-based auth method"
    severity = Severity.ERROR
    tags = ("security",)

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app in self.apps(ctx):
            if app.type == "public" and app.auth_method in AUTH_METHODS:
                yield self.at(
                    manifest,
                    app,
                    manifest.position(app, "auth_method"),
                    f"public app registered with {app.auth_method}: a public app cannot keep a "
                    "secret and NICE issues it none; it must use authorization code with PKCE "
                    "(S256) and no client secret",
                    "auth_method",
                    "remove the auth method, or register a confidential app whose secret stays "
                    "on a server (the app type cannot be changed later)",
                )

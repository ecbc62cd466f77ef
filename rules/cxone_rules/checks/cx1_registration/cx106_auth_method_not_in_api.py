from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_rules.checks._manifest_rule import ManifestRule
from cxone_rules.manifest import API_AUTH_METHODS


class AuthMethodJwtNotInApi(ManifestRule):
    """The app registers client_secret_jwt, which NICE's App Registration API does not list.

    ## What it does
    Reports, as information, `auth_method = "client_secret_jwt"`.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    NICE's registration form offers client_secret_jwt, but the App Registration API's
    `authMethod` enum has only `client_secret_post` and `client_secret_basic`, and no CXone
    discovery document we know of advertises it. Confirm with DEVone support that your
    registration accepts client assertions (HMAC-signed JWTs with iss = sub = client_id, aud =
    token endpoint, jti, short exp) before building on it: the method cannot be changed later.

    ## Example
    ```toml
    [app]
    auth_method = "client_secret_jwt"   # CX106 (info)
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.dev.niceincontact.com/API/AppRegistrationAPI
    - https://datatracker.ietf.org/doc/html/rfc7523#section-3
    """

    code = "CX106"
    name = "auth-method-not-in-api"
    summary = "client_secret_jwt is offered by the form but not by the App Registration API"
    passed = "The auth method is one the App Registration API offers"
    severity = Severity.INFO

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app in self.apps(ctx):
            if app.auth_method == "client_secret_jwt":
                yield self.at(
                    manifest,
                    app,
                    manifest.position(app, "auth_method"),
                    "client_secret_jwt is on NICE's registration form, but the App Registration "
                    "API accepts only " + " and ".join(API_AUTH_METHODS) + "; confirm with DEVone "
                    "support that client assertions are accepted before relying on it",
                    "auth_method",
                    "the auth method cannot be changed after registration",
                )

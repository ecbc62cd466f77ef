from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_rules.checks._manifest_rule import ManifestRule
from cxone_rules.manifest import APP_TYPES


class AppTypeInvalid(ManifestRule):
    """The app type is missing or not backend, confidential or public.

    ## What it does
    Reports an app without `type` and a type other than `backend`, `confidential` or `public`
    (the form's Back-End, User: Confidential and User: Public).

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    The type decides the OAuth flow the app must use (back-end: password grant with an API
    user's access key at the token endpoint only; user apps: authorization code, public ones
    with PKCE and no secret) and it can never be changed after registration.

    ## Example
    ```toml
    [app]
    type = "Back-End"   # CX107: use "backend"
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/APIAuthenticationAndAuthorization
    - https://developer.dev.niceincontact.com/API/AppRegistrationAPI
    """

    code = "CX107"
    name = "app-type-invalid"
    summary = "App type missing or not backend/confidential/public"
    passed = "The app type is backend, confidential or public"
    severity = Severity.ERROR

    FORM_NAMES = {
        "backend": "backend",
        "back-end": "backend",
        "back_end": "backend",
        "server": "backend",
        "user: confidential": "confidential",
        "user-confidential": "confidential",
        "user: public": "public",
        "user-public": "public",
        "spa": "public",
        "mobile": "public",
    }

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app in self.apps(ctx):
            if "type" in app.invalid:
                continue
            if app.type is None:
                yield self.at(
                    manifest,
                    app,
                    manifest.table_position(app),
                    "no `type`: say backend, confidential or public; the type decides the "
                    "OAuth flow and cannot be changed after registration",
                    "type",
                )
            elif app.type not in APP_TYPES:
                guess = self.FORM_NAMES.get(app.type.strip().lower())
                yield self.at(
                    manifest,
                    app,
                    manifest.position(app, "type"),
                    f"app type {app.type!r} is not one of: " + ", ".join(APP_TYPES),
                    "type",
                    f'write type = "{guess}"' if guess else None,
                )

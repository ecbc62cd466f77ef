from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_rules.checks._manifest_rule import ManifestRule
from cxone_rules.manifest import AUTH_METHODS


class AuthMethodInvalid(ManifestRule):
    """The client authentication method is missing or not one CXone's registration offers.

    ## What it does
    Reports a back-end or confidential app (or an app of unknown type) without `auth_method`,
    and an `auth_method` that is not `client_secret_post`, `client_secret_basic` or
    `client_secret_jwt` (`none` is accepted for a public app only, which has no secret).

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    The auth method is chosen at registration and cannot be changed afterwards; the code must
    authenticate to the token endpoint exactly that way or every token request fails with 401
    `invalid_client`.

    ## Example
    ```toml
    [app]
    type = "backend"
    auth_method = "basic"   # CX105: use "client_secret_basic"
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle
    - https://openid.net/specs/openid-connect-core-1_0.html#ClientAuthentication
    """

    code = "CX105"
    name = "auth-method-invalid"
    summary = "Auth method missing or not one CXone offers"
    passed = "The auth method is one CXone offers"
    severity = Severity.ERROR

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        allowed = ", ".join(AUTH_METHODS)
        for manifest, app in self.apps(ctx):
            if "auth_method" in app.invalid:
                continue
            key = manifest.key_name("auth_method")
            method = app.auth_method
            if not method:
                if app.type != "public":
                    yield self.at(
                        manifest,
                        app,
                        manifest.position(app, "auth_method"),
                        f"no `{key}`: the registration fixes how the app authenticates to the "
                        f"token endpoint ({allowed}) and it cannot be changed later",
                        "auth_method",
                        "client_secret_basic sends the client id and secret in an "
                        "Authorization: Basic header; client_secret_post sends them in the form",
                    )
                continue
            if method == "none":
                if app.type != "public":
                    yield self.at(
                        manifest,
                        app,
                        manifest.position(app, "auth_method"),
                        f'`{key}` "none" is for public apps only; a {app.type or "non-public"} '
                        f"app authenticates with its client secret ({allowed})",
                        "auth_method",
                    )
                continue
            if method not in AUTH_METHODS:
                lower = method.strip().lower().replace("-", "_")
                guess = next((m for m in AUTH_METHODS if m.endswith(lower)), None)
                if lower in AUTH_METHODS:
                    guess = lower
                yield self.at(
                    manifest,
                    app,
                    manifest.position(app, "auth_method"),
                    f"`{key}` {method!r} is not one of: {allowed}",
                    "auth_method",
                    f'did you mean "{guess}"?' if guess else None,
                )

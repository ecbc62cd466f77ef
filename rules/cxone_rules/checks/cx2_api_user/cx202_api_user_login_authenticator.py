from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_rules.checks.cx2_api_user._common import ApiUserRule


class ApiUserLoginAuthenticator(ApiUserRule):
    """A back-end app's API user has a login authenticator.

    ## What it does
    Reports a non-empty `login_authenticator` (other than "none") on the API user of a back-end
    app.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    NICE: for a back-end app using standard OAuth, do not assign a login authenticator; the
    account must not be able to go through a login flow. Users without one cannot log in to the
    CXone UI but can still authenticate with access keys, which is all the app needs. A login
    makes the account a target for phishing and password reuse.

    ## Example
    ```toml
    [api_user]
    login_authenticator = "Default"   # CX202
    ```

    ## Fix safety
    No automatic fix: remove the authenticator in CXone, then here.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle
    - https://help.incontact.com/Content/Admin/Security/LoginAuthenticators/LoginAuthenticators.htm
    """

    code = "CX202"
    name = "api-user-login-authenticator"
    summary = "Back-end API user has a login authenticator"
    passed = "The back-end API user has no login authenticator"
    severity = Severity.ERROR
    tags = ("security",)

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app, user in self.users(ctx):
            value = (user.login_authenticator or "").strip()
            if app.type != "backend" or not value or value.lower() == "none":
                continue
            yield self.at(
                manifest,
                app,
                manifest.position(user, "login_authenticator"),
                f"the back-end app's API user has login authenticator {value!r}: it must not be "
                "able to log in; access keys work without one",
                "api_user.login_authenticator",
                "remove the authenticator from the user in CXone, then clear "
                f"`{manifest.key_name('login_authenticator', api_user=True)}` here",
            )

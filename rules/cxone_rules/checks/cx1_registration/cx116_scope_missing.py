from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_rules.checks._manifest_rule import ManifestRule


class ScopeMissing(ManifestRule):
    """An app that calls CXone APIs registers no scope.

    ## What it does
    Reports a missing or empty `scope` on an app that calls CXone APIs, which the manifest
    tells in two ways: the app is a back-end app (its only purpose is to get a token at the
    token endpoint and call APIs with it), or it declares an `[api_user]` (it acts as a CXone
    user to call APIs). A user app that only logs users in (`openid`) is not reported.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    The registration form asks which groups of CXone APIs the app will use (for example the ACD
    API scopes such as `RealTimeDataAPI` or `PatronAPI`); NICE grants API access by scope on
    the registration, not in the token request. A scope added later is a registration update.

    ## Example
    ```toml
    [app]
    type = "backend"   # CX116: no scope
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle
    - https://help.incontact.com/Content/ACD/APIApplications/APIApplications.htm
    """

    code = "CX116"
    name = "scope-missing"
    summary = "App that calls CXone APIs registers no scope"
    passed = "An app that calls CXone APIs registers its scope"
    severity = Severity.WARNING

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app in self.apps(ctx):
            if app.scope or "scope" in app.invalid:
                continue
            if app.type == "backend":
                why = "a back-end app exists to call CXone APIs"
            elif app.api_user is not None:
                why = "it declares an API user, so it calls CXone APIs"
            else:
                continue
            yield self.at(
                manifest,
                app,
                manifest.position(app, "scope"),
                f"no `{manifest.key_name('scope')}`: {why}, and the registration states which "
                "API groups it may use",
                "scope",
                'add the API scopes you need, e.g. scope = ["RealTimeDataAPI"]; a scope added '
                "later is a registration update",
            )

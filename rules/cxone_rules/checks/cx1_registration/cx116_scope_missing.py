from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_rules.checks._manifest_rule import ManifestRule
from cxone_rules.checks.cx3_auth._common import central_requests


class ScopeMissing(ManifestRule):
    """An app that calls Central CXone APIs registers no scope.

    ## What it does
    Reports a missing or empty `scope` on an app whose code requests its tokens from Central
    CXone (the legacy `InContactAuthorizationServer/Token` service, or UserHub's access-key
    endpoint) and that calls CXone APIs, which the manifest tells in two ways: the app is a
    back-end app (its only purpose is to get a token and call APIs with it), or it declares an
    `[api_user]` (it acts as a CXone user to call APIs). An app whose code uses the current
    token service only, or a user app that only logs users in (`openid`), is not reported.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    The registration form asks which groups of CXone APIs the app will use (for example the ACD
    API scopes such as `RealTimeDataAPI` or `PatronAPI`), and says this "is only relevant if
    you're using Central CXone": there, NICE grants API access by the registered scope. A scope
    added later is a registration update. The scope a Central token request asks for is
    compared with the registered one by CX313.

    ## Example
    ```toml
    [app]
    type = "backend"   # CX116: no scope, and the code calls the Central token service
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle (Scope)
    - https://help.incontact.com/Content/ACD/APIApplications/APIApplications.htm
    """

    code = "CX116"
    name = "scope-missing"
    summary = "App that calls Central CXone APIs registers no scope"
    passed = "An app that calls Central CXone APIs registers its scope"
    severity = Severity.WARNING

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        central = central_requests(ctx)
        for manifest, app in self.apps(ctx):
            if app.scope or "scope" in app.invalid:
                continue
            reqs = central.get((manifest.path, tuple(app.table_path)))
            if not reqs:
                continue  # the scope only matters for Central CXone
            if app.type == "backend":
                why = "a back-end app exists to call CXone APIs"
            elif app.api_user is not None:
                why = "it declares an API user, so it calls CXone APIs"
            else:
                continue
            first = reqs[0]
            yield self.at(
                manifest,
                app,
                manifest.position(app, "scope"),
                f"no `{manifest.key_name('scope')}`: {why}, its code requests tokens from "
                f"Central CXone ({first.file}:{first.line}), and Central grants only the API "
                "groups the registration states",
                "scope",
                'add the API scopes you need, e.g. scope = ["RealTimeDataAPI"]; a scope added '
                "later is a registration update",
            )

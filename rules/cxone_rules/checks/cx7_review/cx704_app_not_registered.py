from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_rules.checks._manifest_rule import ManifestRule


class AppNotRegistered(ManifestRule):
    """The app has no client_id yet: it has not been registered, or the id was not recorded.

    ## What it does
    Reports an app whose manifest has no `client_id` (or an empty one), on the app's table.

    ## Why
    The technical review is of a registered app: the reviewer and NICE support identify it by
    its client_id (and the registration's tracking number). Record what NICE issued.

    ## Example
    ```toml
    [app]
    name = "Acme Callback Scheduler"   # no client_id
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle (Registration)
    """

    code = "CX704"
    name = "app-not-registered"
    summary = "App has no client_id: not registered yet, or not recorded"
    passed = "The app's client_id is recorded"
    severity = Severity.INFO
    default_enabled = False
    tags = ("review",)

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app in self.apps(ctx):
            if "client_id" in app.invalid or (app.client_id or "").strip():
                continue
            where = (
                manifest.position(app, "client_id")
                if "client_id" in app.present
                else manifest.table_position(app)
            )
            yield self.at(
                manifest,
                app,
                where,
                "no client_id recorded: the app is not registered yet, or its id is missing here",
                "client_id",
                hint="record the client_id NICE issued (and keep the registration's tracking "
                "number with it)",
            )

from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_rules.checks._manifest_rule import ManifestRule


class AppNotEnabled(ManifestRule):
    """The app prepared for review is disabled or deleted.

    ## What it does
    Reports `status = "disabled"` or `"deleted"` (`isEnabled: false` or a scheduled deletion in
    a JSON export) when the review report is prepared.

    ## Why
    A disabled app cannot authenticate or call APIs, so a reviewer cannot exercise it; a
    deleted one is on its way out and cannot be listed.

    ## Example
    ```toml
    status = "disabled"
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.dev.niceincontact.com/API/AppRegistrationAPI (enable, disable)
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle (Delete Your App)
    """

    code = "CX705"
    name = "app-not-enabled"
    summary = "App prepared for review is disabled or deleted"
    passed = "The app prepared for review is enabled"
    severity = Severity.WARNING
    default_enabled = False
    tags = ("review",)

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app in self.apps(ctx):
            if app.status not in ("disabled", "deleted"):
                continue
            yield self.at(
                manifest,
                app,
                manifest.position(app, "status"),
                f"the app is {app.status}: a reviewer cannot exercise it",
                "status",
                hint='enable the app at NICE (and record status = "enabled") before the review',
            )

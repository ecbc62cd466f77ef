from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_rules.checks._manifest_rule import ManifestRule


class DeletionWithoutIssuers(ManifestRule):
    """An app marked deleted whose manifest does not say its issuers or client_id.

    ## What it does
    Reports an app with `status = "deleted"` (a JSON export with `scheduledDeletionTime`)
    that records no `issuers` or no `client_id`. Needs no git base.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    The seed's delete process: disable the app, then contact your CXone Account
    Representative with the list of issuers for your app and its client_id. Without them
    recorded, the request cannot be made (or quoted later when NICE confirms the deletion).

    ## Example
    ```toml
    [app]
    client_id = "7a2c..."
    status = "deleted"          # CX613: no issuers
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle (Delete Your App)
    """

    code = "CX613"
    name = "deletion-without-issuers"
    summary = "App marked deleted without its issuers or client_id"
    passed = "Apps marked deleted record their issuers and client_id"
    severity = Severity.WARNING

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app in self.apps(ctx):
            if app.status != "deleted":
                continue
            missing = [
                manifest.key_name(f)
                for f, value in (("issuers", app.issuers), ("client_id", app.client_id))
                if not value and f not in app.invalid
            ]
            if not missing:
                continue
            what = " and ".join(f"`{m}`" for m in missing)
            yield self.at(
                manifest,
                app,
                manifest.position(app, "status"),
                f"the app is marked deleted but the manifest has no {what}: NICE needs the "
                "app's issuers and client_id to delete it",
                "deletion:" + ",".join(missing),
                'record them, e.g. issuers = ["https://cxone.niceincontact.com"]',
            )

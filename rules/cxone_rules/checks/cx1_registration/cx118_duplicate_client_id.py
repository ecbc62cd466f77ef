from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_rules.checks._manifest_rule import ManifestRule


class DuplicateClientId(ManifestRule):
    """Two apps of one manifest have the same client_id.

    ## What it does
    Reports each app of a monorepo manifest (`[[apps]]`, or an `applications` export) whose
    `client_id` an earlier app already has.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    NICE issues one client_id per registered application; it never changes. Two entries with
    one client_id are one registration described twice: the code-versus-registration checks
    then compare each part of the code with a different, partly wrong, description (type,
    auth method, redirects), and one of the apps the repository means is not registered at all.

    ## Example
    ```toml
    [[apps]]
    name = "Scheduler"
    client_id = "7a2c..."
    [[apps]]
    name = "Wallboard"
    client_id = "7a2c..."     # CX118
    ```

    ## Fix safety
    No automatic fix: give each app the client_id NICE issued for it.

    ## References
    - https://developer.dev.niceincontact.com/API/AppRegistrationAPI
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle
    """

    code = "CX118"
    name = "duplicate-client-id"
    summary = "Two apps in one manifest share a client_id"
    passed = "Every app of the manifest has its own client_id"
    severity = Severity.ERROR

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        firsts: dict[tuple[str, str], str] = {}
        for manifest, app in self.apps(ctx):
            cid = (app.client_id or "").strip()
            if not cid:
                continue
            key = (manifest.path, cid)
            if key not in firsts:
                firsts[key] = app.label
                continue
            yield self.at(
                manifest,
                app,
                manifest.position(app, "client_id"),
                f"client_id {cid!r} is also the client_id of {firsts[key]}: NICE issues one "
                "per registration, so these describe one app twice",
                f"duplicate-client-id:{cid}",
                "give each app the client_id NICE issued for it",
            )

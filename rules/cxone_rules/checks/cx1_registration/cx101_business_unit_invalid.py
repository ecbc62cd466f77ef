from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_rules.checks._manifest_rule import ManifestRule


class BusinessUnit(ManifestRule):
    """The business unit is missing or is not a CXone BU number.

    ## What it does
    Reports an app without `business_unit` (on its table) and a `business_unit` that is not a
    positive integer (on the value; a quoted number is CX005). A JSON export of the App
    Registration API carries no business unit, so its absence there is not reported.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    The registration form asks for the organisation's primary business unit number (ACD >
    ACD Configuration > Business Units > Unit Number). DEVone partners give their own primary BU,
    not a customer's. A registration without it cannot be processed.

    ## Example
    ```toml
    [app]
    name = "Acme Callback Scheduler"   # CX101: no business_unit
    ```

    ## Fix safety
    No automatic fix: only the organisation knows its BU number.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle
    """

    code = "CX101"
    name = "business-unit-invalid"
    summary = "Business unit missing or not a BU number"
    passed = "The business unit is a BU number"
    severity = Severity.ERROR

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        hint = (
            "use your organisation's primary BU number: in CXone, ACD > ACD Configuration > "
            "Business Units > Unit Number"
        )
        for manifest, app in self.apps(ctx):
            if "business_unit" in app.invalid:
                continue
            if app.business_unit is None:
                if not self.form_only(manifest):
                    yield self.at(
                        manifest,
                        app,
                        manifest.table_position(app),
                        "no `business_unit`: the registration form requires the organisation's "
                        "primary CXone business unit number",
                        "business_unit",
                        hint,
                    )
            elif app.business_unit <= 0:
                yield self.at(
                    manifest,
                    app,
                    manifest.position(app, "business_unit"),
                    f"`business_unit` is {app.business_unit}; a BU number is a positive integer",
                    "business_unit",
                    hint,
                )

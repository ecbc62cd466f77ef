from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_rules.checks.cx2_api_user._common import ApiUserRule


class ApiUserBillableAttributes(ApiUserRule):
    """The API user has attributes, which make the account billable.

    ## What it does
    Reports each entry of the API user's `attributes`.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    NICE's access-key guidance for service accounts: clear all attributes on the employee
    profile (General tab) so you aren't charged for the account. An API user needs none.

    ## Example
    ```toml
    [api_user]
    attributes = ["Agent"]   # CX206
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://help.nice-incontact.com/content/admin/security/manageaccesskeys.htm
    """

    code = "CX206"
    name = "api-user-billable-attributes"
    summary = "API user has billable attributes"
    passed = "The API user has no billable attribute"
    severity = Severity.WARNING

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app, user in self.users(ctx):
            for index, attribute in enumerate(user.attributes):
                yield self.at(
                    manifest,
                    app,
                    manifest.position(user, "attributes", index),
                    f"API user attribute {attribute!r} makes the account billable; an API user "
                    "needs no attributes",
                    f"api_user.attributes:{attribute}",
                    "clear every attribute on the employee profile's General tab, then set "
                    "attributes = []",
                )

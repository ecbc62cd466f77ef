from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_rules.checks.cx2_api_user._common import (
    BUILT_IN_ROLES,
    ApiUserRule,
)


class ApiUserPrimaryRole(ApiUserRule):
    """The API user's primary role is missing or is a built-in CXone role.

    ## What it does
    Reports an API user without `primary_role`, and a primary role named like one of CXone's
    built-in roles (case-insensitive, as CXone compares role names): the out-of-the-box roles
    Administrator, Agent, Manager and Evaluator, and the legacy system security profiles
    Agent, Supervisor and Manager.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    NICE: create a unique role for the API user, with only the permissions the app needs, and
    make it the account's primary role. A built-in role is shared with people and changes with
    them: editing it for the app widens everyone's access, and editing it for people silently
    changes what the app may do.

    ## Example
    ```toml
    [api_user]
    primary_role = "Administrator"   # CX203
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle
    - https://help.nice-incontact.com/Content/admin/security/roles.htm
    - https://help.incontact.com/Content/Admin/SecurityProfiles/SecurityProfiles.htm
    """

    code = "CX203"
    name = "api-user-built-in-role"
    summary = "API user's primary role missing or built-in"
    passed = "The API user's primary role is its own, not a built-in role"
    severity = Severity.ERROR

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        hint = (
            "create a role for this app only (e.g. '<App name> API') with only the permissions "
            "it needs, and make it the user's primary role"
        )
        for manifest, app, user in self.users(ctx):
            if "primary_role" in user.invalid:
                continue
            role = (user.primary_role or "").strip()
            if not role:
                yield self.at(
                    manifest,
                    app,
                    manifest.position(user, "primary_role"),
                    f"the API user has no `{manifest.key_name('primary_role', api_user=True)}`: "
                    "NICE asks for a unique role with only the permissions the app needs as the "
                    "account's primary role",
                    "api_user.primary_role",
                    hint,
                )
            elif " ".join(role.lower().split()) in BUILT_IN_ROLES:
                yield self.at(
                    manifest,
                    app,
                    manifest.position(user, "primary_role"),
                    f"the API user's primary role {role!r} is a built-in CXone role, shared with "
                    "people; the app needs a unique role of its own",
                    "api_user.primary_role",
                    hint,
                )

from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_rules.checks.cx2_api_user._common import BUILT_IN_ROLES, ApiUserRule
from cxone_rules.manifest import ApiUser, App, Manifest


class SharedPrimaryRole(ApiUserRule):
    """Two apps' API users have the same primary role, or two apps use the same API user.

    ## What it does
    Across every manifest found in the project, reports an API user whose `primary_role`
    (case-insensitive) is already the primary role of another app's API user, and an API user
    whose `username` (case-insensitive) is already another app's API user. Built-in roles are
    CX203's. Roles and users exist per tenant, so apps whose `tenant_id` (or `business_unit`)
    both are set and differ are never compared.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    Each app needs its own role (NICE: "create a unique role for this user") and its own user:
    a shared role grows to the union of both apps' needs, and a shared user means one leaked
    access key exposes both apps and neither can be rotated or disabled alone.

    ## Example
    ```toml
    [[apps]]
    name = "billing"
    [apps.api_user]
    primary_role = "Integrations API"
    [[apps]]
    name = "reporting"
    [apps.api_user]
    primary_role = "Integrations API"   # CX204
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle
    """

    code = "CX204"
    name = "api-user-shared"
    summary = "Primary role or API user shared between apps"
    passed = "No primary role or API user is shared between apps"
    severity = Severity.ERROR

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        roles: dict[str, list[tuple[Manifest, App]]] = {}
        users: dict[str, list[tuple[Manifest, App]]] = {}
        for manifest, app, user in self.users(ctx):
            role = " ".join((user.primary_role or "").lower().split())
            name = (user.username or "").strip().lower()
            for fname, value, seen in (("primary_role", role, roles), ("username", name, users)):
                if not value or (fname == "primary_role" and value in BUILT_IN_ROLES):
                    continue
                first = next((f for f in seen.get(value, ()) if _same_tenant(f[1], app)), None)
                if first is not None:
                    yield self._shared(manifest, app, user, fname, first, value)
                seen.setdefault(value, []).append((manifest, app))

    def _shared(
        self,
        manifest: Manifest,
        app: App,
        user: ApiUser,
        fname: str,
        first: tuple[Manifest, App],
        value: str,
    ) -> Diagnostic:
        other_manifest, other_app = first
        pos = other_manifest.position(other_app.api_user or other_app, fname)
        where = f"{other_manifest.path}:{pos.line}"
        if fname == "primary_role":
            message = (
                f"the API user's primary role {user.primary_role!r} is also the primary role of "
                f"{other_app.label}'s API user ({where}): each app needs a unique role"
            )
            hint = "create a role per app with only the permissions that app needs"
        else:
            message = (
                f"API user {user.username!r} is also {other_app.label}'s API user ({where}): "
                "each app needs a dedicated user, so one leaked key exposes one app"
            )
            hint = "create one CXone user (and access key) per app"
        return self.at(
            manifest,
            app,
            manifest.position(user, fname),
            message,
            f"api_user.{fname}:{value}",
            hint,
        )


def _same_tenant(a: App, b: App) -> bool:
    """Whether two apps' users may live in one tenant: roles and users are per tenant, so apps
    of different tenants (or different organisations' primary BUs) never share them."""
    if a.tenant_id and b.tenant_id and a.tenant_id.strip() != b.tenant_id.strip():
        return False
    return not (a.business_unit and b.business_unit and a.business_unit != b.business_unit)

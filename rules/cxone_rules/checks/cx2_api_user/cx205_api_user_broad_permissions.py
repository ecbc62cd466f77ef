from __future__ import annotations

import re
from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_rules.checks.cx2_api_user._common import ApiUserRule

# Admin features whose create/edit/delete rights let the holder give itself or others more
# power (manage other employees' access keys, roles, employees, login authenticators, account
# settings). "My Access Key" (its own keys) is not among them.
ADMIN_FEATURES = (
    "access key",
    "access keys",
    "role management",
    "roles",
    "roles & permissions",
    "employees",
    "login authenticator",
    "login authenticators",
    "admin account settings",
    "password policy",
)

READ_ONLY_ACTIONS = ("view", "search", "off")

WILDCARDS = ("all", "all permissions", "full access", "everything", "administrator", "admin")


def _segments(permission: str) -> list[str]:
    # `(?<!\s)`: a separator match starts where a blank run starts, never again inside it
    # (linear on a long run of blanks).
    parts = re.split(r"(?<!\s)\s*[>/:|]\s*", permission.strip().lower())
    return [" ".join(p.split()) for p in parts if p.strip()]


def broad_permission(permission: str) -> str | None:
    """Why a permission is too broad for an app's user, or None."""
    text = " ".join(permission.strip().lower().split())
    if "*" in text:
        return "is a wildcard"
    if text in WILDCARDS:
        return "grants everything"
    segments = _segments(permission)
    if not segments:
        return None
    last = segments[-1]
    for index, segment in enumerate(segments):
        for feature in ADMIN_FEATURES:
            action = None
            if segment == feature:
                action = segments[index + 1] if index + 1 < len(segments) else None
            elif segment.startswith(feature + " "):
                action = segment[len(feature) + 1 :]
            else:
                continue
            if action is None and segment != last:
                continue
            if action is not None and action in READ_ONLY_ACTIONS:
                return None
            what = (
                "manage other employees' access keys"
                if feature.startswith("access key")
                else (f"change {feature}")
            )
            return f"is an administrator permission (lets the user {what})"
    return None


class ApiUserBroadPermissions(ApiUserRule):
    """The API user has wildcard or administrator permissions.

    ## What it does
    Reports each entry of `permissions` that is a wildcard (`*`, `All`, `Full access`,
    `Administrator`) or an administrator permission: create, edit or delete rights (or the
    feature with no action named) on Access Key (other employees' keys; `My Access Key` is
    fine), Role Management / Roles, Employees, Login Authenticator, Password Policy or Admin
    Account Settings. View and Search rights are not reported. Permissions are written as in
    CXone's Roles & Permissions page, e.g. `"Admin > Employees > View"`; segments may be
    separated by `>`, `/`, `:` or `|`.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    NICE: "only assign permissions for the specific access your app needs". An app whose key can
    manage access keys, roles or employees can mint itself or anyone more power; a leaked key
    becomes a tenant takeover.

    ## Example
    ```toml
    [api_user]
    permissions = ["Admin > Access Key > Create"]   # CX205
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle
    - https://help.nice-incontact.com/content/admin/security/adminpermissions.htm
    """

    code = "CX205"
    name = "api-user-broad-permissions"
    summary = "API user has wildcard or administrator permissions"
    passed = "The API user has no wildcard or administrator permission"
    severity = Severity.ERROR
    tags = ("security",)

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app, user in self.users(ctx):
            for index, permission in enumerate(user.permissions):
                why = broad_permission(permission)
                if why is None:
                    continue
                yield self.at(
                    manifest,
                    app,
                    manifest.position(user, "permissions", index),
                    f"API user permission {permission!r} {why}: give the app's role only the "
                    "permissions it needs",
                    f"api_user.permissions:{permission}",
                    "a leaked access key has exactly these powers",
                )
